import type { Role } from "~/generated/prisma/enums";

export type NavItem = { to: string; labelKey: string };

/** Navigation per role; labels are keys in the `nav` namespace. */
export const NAV_BY_ROLE: Record<Role, NavItem[]> = {
  ADMIN: [
    { to: "/admin", labelKey: "nav:home" },
    { to: "/dinas/verification", labelKey: "nav:verification" },
    { to: "/admin/users", labelKey: "nav:users" },
    { to: "/admin/emails", labelKey: "nav:emails" },
    { to: "/mou", labelKey: "mou:nav.list" },
    { to: "/audit", labelKey: "nav:audit" },
  ],
  DINAS: [
    { to: "/dinas", labelKey: "nav:home" },
    { to: "/dinas/verification", labelKey: "nav:verification" },
    { to: "/dinas/groups", labelKey: "nav:groups" },
    { to: "/dinas/demands", labelKey: "demands:nav.dinas" },
    { to: "/dinas/coaching", labelKey: "nav:coaching" },
    { to: "/dinas/monitoring", labelKey: "monitoring:nav.monitoring" },
    { to: "/dinas/partners", labelKey: "monitoring:nav.partners" },
    { to: "/dinas/warnings", labelKey: "warnings:nav" },
    { to: "/dinas/aid", labelKey: "aid:nav" },
    { to: "/dinas/reports", labelKey: "reports:annual.nav" },
    { to: "/orders", labelKey: "orders:nav.orders" },
    { to: "/invoices", labelKey: "payments:nav.invoices" },
    { to: "/mou", labelKey: "mou:nav.list" },
    { to: "/audit", labelKey: "nav:audit" },
  ],
  FACILITATOR: [
    { to: "/facilitator", labelKey: "nav:home" },
    { to: "/facilitator/demands", labelKey: "demands:nav.board" },
    { to: "/orders", labelKey: "orders:nav.orders" },
    { to: "/mou", labelKey: "mou:nav.list" },
  ],
  GROUP: [
    { to: "/group", labelKey: "nav:home" },
    { to: "/group/demands", labelKey: "demands:nav.board" },
    { to: "/group/products", labelKey: "catalog:nav.products" },
    { to: "/orders", labelKey: "orders:nav.orders" },
    { to: "/orders/plan", labelKey: "orders:nav.plan" },
    { to: "/orders/calendar", labelKey: "orders:nav.calendar" },
    { to: "/invoices", labelKey: "payments:nav.invoices" },
    { to: "/ledger", labelKey: "payments:nav.ledger" },
    { to: "/group/coaching", labelKey: "nav:coaching" },
    { to: "/mou", labelKey: "mou:nav.list" },
  ],
  // the provincial Dinas reads the city offices' monitoring, nothing else (read-only)
  PROVINCE: [
    { to: "/dinas/monitoring", labelKey: "monitoring:nav.monitoring" },
    { to: "/dinas/partners", labelKey: "monitoring:nav.partners" },
    { to: "/dinas/reports", labelKey: "reports:annual.nav" },
  ],
  PARTNER: [
    { to: "/partner", labelKey: "nav:home" },
    { to: "/partner/demands", labelKey: "demands:nav.partner" },
    { to: "/orders", labelKey: "orders:nav.orders" },
    { to: "/orders/calendar", labelKey: "orders:nav.calendar" },
    { to: "/invoices", labelKey: "payments:nav.invoices" },
    { to: "/partner/coaching", labelKey: "nav:coaching" },
    { to: "/mou", labelKey: "mou:nav.list" },
  ],
};

/**
 * The menu of a signed-in user. A group or partner not (yet) verified gets only its home, whose page says
 * what is waiting: the other entries would all answer "not verified" (403).
 */
export function navFor(role: Role, verification: string | null): { items: NavItem[]; waitingKey: string | null } {
  const trader = role === "GROUP" || role === "PARTNER";
  if (!trader || verification === "VERIFIED") return { items: NAV_BY_ROLE[role], waitingKey: null };
  return {
    items: NAV_BY_ROLE[role].slice(0, 1),
    waitingKey: verification === "REJECTED" ? "nav:waiting.rejected" : "nav:waiting.pending",
  };
}
