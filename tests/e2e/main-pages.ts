/**
 * Every main page of every role (detail pages reached by following the first matching link on their list
 * page): shared by the translation crawl (crawl.spec.ts) and the accessibility check (accessibility.spec.ts).
 */
export const ROLES: { email: string | null; pages: string[]; details?: { from: string; link: RegExp }[] }[] = [
  { email: null, pages: ["/", "/products", "/products?q=kopy", "/g/kpm-melati-sisir", "/mou/verify", "/login", "/signup", "/signup?as=partner", "/forgot-password"], details: [{ from: "/products", link: /^\/products\/[^/?]+$/ }] },
  { email: "admin@bermitra.id", pages: ["/admin", "/admin/users", "/admin/emails", "/audit"] },
  {
    email: "dinas@bermitra.id",
    pages: ["/dinas", "/dinas/verification", "/dinas/groups", "/dinas/demands", "/dinas/coaching", "/dinas/mou/new", "/mou", "/orders", "/invoices", "/audit", "/notifications", "/account"],
    details: [
      { from: "/mou", link: /^\/mou\/[a-z0-9]+$/ },
      { from: "/dinas/demands", link: /^\/dinas\/demands\/[a-z0-9]+$/ },
      { from: "/dinas/groups", link: /^\/groups\/[a-z0-9]+$/ },
    ],
  },
  // The second office (Kota Malang): its Dinas and facilitator pages answer too.
  { email: "dinas.malang@bermitra.id", pages: ["/dinas", "/dinas/verification", "/dinas/groups", "/dinas/demands", "/dinas/coaching", "/mou", "/orders", "/invoices", "/audit"], details: [{ from: "/mou", link: /^\/mou\/[a-z0-9]+$/ }] },
  { email: "pendamping.malang@bermitra.id", pages: ["/facilitator", "/facilitator/demands", "/orders"], details: [{ from: "/facilitator", link: /^\/groups\/[a-z0-9]+\/visits$/ }] },
  { email: "pendamping@bermitra.id", pages: ["/facilitator", "/facilitator/demands", "/orders"], details: [{ from: "/facilitator", link: /^\/groups\/[a-z0-9]+\/visits$/ }] },
  {
    email: "kelompok@bermitra.id",
    pages: ["/group", "/group/demands", "/group/products", "/group/coaching", "/orders", "/orders/plan", "/orders/calendar", "/invoices", "/ledger", "/mou"],
    details: [
      { from: "/orders", link: /^\/orders\/[a-z0-9]+$/ },
      { from: "/invoices", link: /^\/invoices\/[a-z0-9]+$/ },
      { from: "/group/coaching", link: /^\/coaching\/[a-z0-9]+$/ },
    ],
  },
  {
    email: "mitra@bermitra.id",
    pages: ["/partner", "/partner/demands", "/partner/demands/new", "/partner/coaching", "/orders", "/orders/calendar", "/invoices", "/mou", "/partner/orders/new?product=lemper-ayam-kpm-melati-sisir"],
    details: [{ from: "/partner/demands", link: /^\/partner\/demands\/[a-z0-9]+$/ }],
  },
];
