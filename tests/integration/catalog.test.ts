import { SEED_TODAY } from "../helpers/now";
import { existsSync } from "node:fs";
import sharp from "sharp";
import { remindExpiringCertifications } from "~/catalog/certifications.server";
import { photoFile, validatePhoto } from "~/catalog/photos.server";
import { changeProductStatus, createProduct, productLifecycle, updateProduct } from "~/catalog/products.server";
import type { Actor } from "~/auth/actor";
import { db } from "~/db/db.server";
import { actorOfUser } from "../helpers/actors";
import { DomainError } from "~/domain/errors";
import { PAGE_SIZE } from "~/search/query";
import { builtInSearch, runSearchOutbox } from "~/search/search.server";
import { loader as apiLoader } from "~/routes/api.v1.products";
import { loader as groupPageLoader } from "~/routes/g.$slug";
import { action as newProductAction } from "~/routes/groups.$groupId_.products.new";
import { action as editProductAction, loader as editProductLoader } from "~/routes/groups.$groupId_.products.$productId";
import { loader as productPageLoader } from "~/routes/products.$slug";
import { cookieFor, getRequest, responseOf } from "../helpers/requests";

const TODAY = SEED_TODAY;

async function png(width = 900, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .withMetadata({ exif: { IFD0: { Copyright: "secret-owner", Artist: "Ibu Siti" } } })
    .png()
    .toBuffer();
}

function multipart(url: string, fields: Record<string, string | string[]>, files: { name: string; filename: string; type: string; bytes: Buffer }[], cookie: string) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  for (const f of files) body.append(f.name, new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.filename);
  return new Request(new URL(url, "http://localhost"), { method: "POST", body, headers: { Cookie: cookie } });
}

let demo: { id: string; slug: string };
let chairCookie: string;
let actor: Actor;
let other: { id: string; email: string };
let categoryId: string;
let fields: Record<string, string | string[]>;

beforeAll(async () => {
  const chair = await db.user.findUniqueOrThrow({ where: { email: "kelompok@bermitra.id" }, include: { group: true } });
  demo = { id: chair.group!.id, slug: chair.group!.slug };
  actor = actorOfUser(chair);
  chairCookie = await cookieFor(chair.email);
  const otherGroup = await db.group.findFirstOrThrow({
    where: { verificationStatus: "VERIFIED", id: { not: demo.id }, users: { some: { email: { startsWith: "chair." } } } },
    include: { users: true },
  });
  other = { id: otherGroup.id, email: otherGroup.users[0].email! };
  categoryId = (await db.productCategory.findUniqueOrThrow({ where: { slug: "telur-olahan" } })).id;
  const batu = await db.kecamatan.findFirstOrThrow({ where: { name: "Batu" } });
  fields = {
    name: "Telur Asin Asap Melati",
    categoryId,
    description: "Telur bebek asin diasap kayu, gurih dan masir.",
    unit: "PCS",
    priceRupiah: "5.000",
    minOrderQty: "30",
    weeklyCapacity: "600",
    leadTimeDays: "2",
    "deliveryAreaIds[]": [batu.id],
    certNumber_PIRT: "2063579010234-27",
    certExpiry_PIRT: "2027-12-31",
  };
});

describe("product listings", () => {
  it("the chair creates a product with a photo: re-encoded to WebP at two sizes, metadata stripped, audited, searchable", async () => {
    const photo = await png();
    const res = await responseOf(() =>
      newProductAction({ request: multipart(`/groups/${demo.id}/products/new`, fields, [{ name: "photos", filename: "telur.png", type: "image/png", bytes: photo }], chairCookie), params: { groupId: demo.id }, context: {} }),
    );
    expect(res.status).toBe(302);
    const product = await db.product.findFirstOrThrow({ where: { name: "Telur Asin Asap Melati" }, include: { photos: true, certifications: true, deliveryAreas: true } });
    expect(product.status).toBe("ACTIVE");
    expect(product.priceRupiah).toBe(5000);
    expect(product.certifications).toHaveLength(1);
    expect(product.deliveryAreas).toHaveLength(1);
    expect(product.photos).toHaveLength(1);
    const key = product.photos[0].fileKey;
    for (const size of ["sm", "lg"] as const) {
      expect(existsSync(photoFile(key, size))).toBe(true);
      const meta = await sharp(photoFile(key, size)).metadata();
      expect(meta.format).toBe("webp");
      expect(meta.exif).toBeUndefined();
      expect(meta.width).toBeLessThanOrEqual(size === "sm" ? 480 : 1280);
    }
    const audit = await db.auditEvent.findFirst({ where: { entityType: "Product", entityId: product.id, action: "product.create" } });
    expect(audit?.actorId).toBe(actor.actorId);
    const found = await builtInSearch().search({ q: "telor asap", sort: "relevance", page: 1, pageSize: PAGE_SIZE });
    expect(found.items.map((i) => i.id)).toContain(product.id);
  });

  it("refuses a file that is not a photo, with a translated error on the photos field", async () => {
    const res = await responseOf(() =>
      newProductAction({
        request: multipart(`/groups/${demo.id}/products/new`, { ...fields, name: "Produk Palsu" }, [{ name: "photos", filename: "virus.jpg", type: "image/jpeg", bytes: Buffer.from("MZ this is not an image at all") }], chairCookie),
        params: { groupId: demo.id },
        context: {},
      }),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors.photos).toMatch(/^catalog:photo\.badType/);
    expect(await db.product.count({ where: { name: "Produk Palsu" } })).toBe(0);
  });

  it("validates size, type and count of photos", async () => {
    await expect(validatePhoto({ filename: "big.jpg", contentType: "image/jpeg", bytes: Buffer.alloc(0), tooLarge: true })).rejects.toMatchObject({ key: "catalog:photo.tooLarge", field: "photos" });
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: "#fff" } }).gif().toBuffer();
    await expect(validatePhoto({ filename: "a.gif", contentType: "image/gif", bytes: gif, tooLarge: false })).rejects.toMatchObject({ key: "catalog:photo.badType" });
    const webp = await sharp({ create: { width: 10, height: 10, channels: 3, background: "#fff" } }).webp().toBuffer();
    await expect(validatePhoto({ filename: "a.webp", contentType: "image/webp", bytes: webp, tooLarge: false })).resolves.toBeUndefined();
    const p = await png(50, 50);
    const six = Array.from({ length: 6 }, (_, i) => ({ filename: `${i}.png`, contentType: "image/png", bytes: p, tooLarge: false }));
    const input = { name: "Enam Foto", categoryId, description: "x", unit: "PCS" as const, priceRupiah: 1000, minOrderQty: 1, weeklyCapacity: 10, leadTimeDays: 1, deliveryAreaIds: [], certifications: [] };
    await expect(createProduct(actor, demo.id, input, six)).rejects.toMatchObject({ key: "catalog:photo.tooMany" });
  });

  it("a file over 8 MB is refused next to the field", async () => {
    const huge = Buffer.alloc(8 * 1024 * 1024 + 10, 1);
    const res = await responseOf(() =>
      newProductAction({ request: multipart(`/groups/${demo.id}/products/new`, { ...fields, name: "Foto Besar" }, [{ name: "photos", filename: "besar.jpg", type: "image/jpeg", bytes: huge }], chairCookie), params: { groupId: demo.id }, context: {} }),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).errors.photos).toMatch(/^catalog:photo\.tooLarge/);
  });

  it("pause / resume / archive follow the state machine and drive search visibility", async () => {
    const product = await db.product.findFirstOrThrow({ where: { name: "Telur Asin Asap Melati" } });
    const inSearch = async () => (await builtInSearch().search({ q: "telur asin asap", sort: "relevance", page: 1, pageSize: PAGE_SIZE })).items.some((i) => i.id === product.id);
    expect(await changeProductStatus(actor, product.id, "pause")).toBe("PAUSED");
    expect(await inSearch()).toBe(false);
    await expect(changeProductStatus(actor, product.id, "pause")).rejects.toBeInstanceOf(DomainError);
    expect(await changeProductStatus(actor, product.id, "resume")).toBe("ACTIVE");
    expect(await inSearch()).toBe(true);
    expect(await changeProductStatus(actor, product.id, "archive")).toBe("ARCHIVED");
    expect(await inSearch()).toBe(false);
    await expect(changeProductStatus(actor, product.id, "resume")).rejects.toMatchObject({ key: "errors:transitionNotAllowed" });
    expect(productLifecycle.eventsFrom("ARCHIVED")).toEqual([]);
    const events = await db.auditEvent.findMany({ where: { entityId: product.id }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["product.create", "product.pause", "product.resume", "product.archive"]);
  });

  it("edits fields, delivery areas and certifications in one audited change", async () => {
    const product = await db.product.findFirstOrThrow({ where: { groupId: demo.id, status: "ACTIVE" }, include: { certifications: true } });
    await updateProduct(actor, product.id, {
      name: product.name,
      categoryId: product.categoryId,
      description: `${product.description} Tersedia setiap hari.`,
      unit: product.unit,
      priceRupiah: product.priceRupiah + 500,
      minOrderQty: product.minOrderQty,
      weeklyCapacity: product.weeklyCapacity,
      leadTimeDays: product.leadTimeDays,
      deliveryAreaIds: [],
      certifications: [{ kind: "HALAL", number: "ID35110000123450824", expiresAt: new Date("2030-01-01") }],
    });
    const after = await db.product.findUniqueOrThrow({ where: { id: product.id }, include: { certifications: true } });
    expect(after.priceRupiah).toBe(product.priceRupiah + 500);
    expect(after.certifications.map((c) => c.kind)).toEqual(["HALAL"]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: product.id, action: "product.update" } });
    expect(JSON.parse(audit.after!).priceRupiah).toBe(product.priceRupiah + 500);
  });
});

describe("permissions", () => {
  it("another group's chair cannot list, open or edit our products", async () => {
    const product = await db.product.findFirstOrThrow({ where: { groupId: demo.id, status: "ACTIVE" } });
    const cookie = await cookieFor(other.email);
    const create = await responseOf(() => newProductAction({ request: multipart(`/groups/${demo.id}/products/new`, fields, [], cookie), params: { groupId: demo.id }, context: {} }));
    expect(create.status).toBe(403);
    const open = await responseOf(() => editProductLoader({ request: getRequest(`/groups/${demo.id}/products/${product.id}`, cookie), params: { groupId: demo.id, productId: product.id }, context: {} }));
    expect(open.status).toBe(403);
    // Through their own group's URL the product is simply not found.
    const viaOwn = await responseOf(() =>
      editProductAction({ request: multipart(`/groups/${other.id}/products/${product.id}`, { intent: "archive" }, [], cookie), params: { groupId: other.id, productId: product.id }, context: {} }),
    );
    expect(viaOwn.status).toBe(404);
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).status).toBe("ACTIVE");
  });

  it("the group's facilitator acts in assisted mode (audited for the group); another facilitator cannot", async () => {
    const group = await db.group.findUniqueOrThrow({ where: { id: demo.id }, include: { facilitator: true } });
    const product = await db.product.findFirstOrThrow({ where: { groupId: demo.id, status: "ACTIVE" } });
    const cookie = await cookieFor(group.facilitator!.email);
    const res = await responseOf(() =>
      editProductAction({ request: multipart(`/groups/${demo.id}/products/${product.id}`, { intent: "pause" }, [], cookie), params: { groupId: demo.id, productId: product.id }, context: {} }),
    );
    expect(res.status).toBe(302);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: product.id, action: "product.pause" } });
    expect(event.actorId).toBe(group.facilitator!.id);
    expect(event.actingForGroupId).toBe(demo.id);
    await changeProductStatus(actor, product.id, "resume");
    const stranger = await db.user.findFirstOrThrow({ where: { role: "FACILITATOR", id: { not: group.facilitatorId! } } });
    const strangerGroupCount = await db.group.count({ where: { id: demo.id, facilitatorId: stranger.id } });
    expect(strangerGroupCount).toBe(0);
    const strangerCookie = await cookieFor(stranger.email);
    const denied = await responseOf(() =>
      editProductAction({ request: multipart(`/groups/${demo.id}/products/${product.id}`, { intent: "pause" }, [], strangerCookie), params: { groupId: demo.id, productId: product.id }, context: {} }),
    );
    expect(denied.status).toBe(403);
  });

  it("public pages show no member or welfare data", async () => {
    const res = await responseOf(() => groupPageLoader({ request: getRequest(`/g/${demo.slug}`), params: { slug: demo.slug }, context: {} }));
    const text = await res.text();
    const members = await db.groupMember.findMany({ where: { groupId: demo.id } });
    for (const word of ["pkhStatus", "nikHash", "nikLast4", "members", "phone", "address"]) expect(text).not.toContain(word);
    for (const m of members) {
      // the last four NIK digits as a value of their own (random ids and file keys may contain any 4 digits)
      if (m.nikLast4) expect(text).not.toMatch(new RegExp(`(?<![0-9a-z])${m.nikLast4}(?![0-9a-z])`));
      expect(text).not.toContain(m.name);
    }
    const product = await db.product.findFirstOrThrow({ where: { groupId: demo.id, status: "ACTIVE" } });
    const page = await (await responseOf(() => productPageLoader({ request: getRequest(`/products/${product.slug}`), params: { slug: product.slug }, context: {} }))).text();
    for (const word of ["pkhStatus", "nikHash", "nikLast4", "members"]) expect(page).not.toContain(word);
    for (const m of members) expect(page).not.toContain(m.name);
  });
});

describe("JSON API", () => {
  it("returns the search as JSON", async () => {
    const res = await responseOf(() => apiLoader({ request: getRequest("/api/v1/products?q=kopy&sort=price_asc"), params: {}, context: {} }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["facets", "items", "page", "pageSize", "total"]);
    expect(body.items.length).toBeGreaterThan(0);
  });

  it.each([
    ["page=0", "page"],
    ["sort=cheapest", "sort"],
    ["minPrice=abc", "minPrice"],
    ["minPrice=5000&maxPrice=100", "maxPrice"],
    ["groupType=PKK", "groupType"],
    ["cert=ISO", "cert"],
    ["minCapacity=-1", "minCapacity"],
    ["category=Kue%20Basah!", "category"],
  ])("400 naming the parameter for %s", async (qs, param) => {
    const res = await responseOf(() => apiLoader({ request: getRequest(`/api/v1/products?${qs}`), params: {}, context: {} }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.parameter).toBe(param);
  });
});

describe("certification reminders", () => {
  it("reminds the group once, 30 days before expiry", async () => {
    const due = await db.productCertification.findMany({
      where: { reminderSentAt: null, expiresAt: { gt: TODAY, lte: new Date(TODAY.getTime() + 30 * 86_400_000) }, product: { status: { not: "ARCHIVED" } } },
      include: { product: true },
    });
    expect(due.length).toBeGreaterThan(0);
    const first = await remindExpiringCertifications(TODAY);
    expect(first.reminded).toBe(due.length);
    const cert = await db.productCertification.findUniqueOrThrow({ where: { id: due[0].id } });
    expect(cert.reminderSentAt).toEqual(TODAY);
    const groupUsers = await db.user.findMany({ where: { groupId: due[0].product.groupId } });
    const notes = await db.notification.findMany({ where: { kind: "catalog:notify.certExpiring", userId: { in: groupUsers.map((u) => u.id) } } });
    expect(notes.length).toBeGreaterThan(0);
    const second = await remindExpiringCertifications(new Date(TODAY.getTime() + 3_600_000));
    expect(second.reminded).toBe(0);
  });
});

describe("ranking rules (built-in index)", () => {
  it("ranks the word as typed before its typo variants, and name matches before description matches", async () => {
    const drinks = (await db.productCategory.findUniqueOrThrow({ where: { slug: "minuman-kopi" } })).id;
    const base = { categoryId: drinks, unit: "PACK" as const, priceRupiah: 9000, minOrderQty: 1, weeklyCapacity: 50, leadTimeDays: 1, deliveryAreaIds: [], certifications: [] };
    const typed = await createProduct(actor, demo.id, { ...base, name: "Kopy Susu Gula Aren", description: "Minuman dingin." });
    const inDescription = await createProduct(actor, demo.id, { ...base, name: "Es Susu Aren", description: "Tanpa kopi, cocok untuk anak." });
    const r = await builtInSearch().search({ q: "kopy", sort: "relevance", page: 1, pageSize: 100 });
    const ids = r.items.map((i) => i.id);
    expect(ids[0]).toBe(typed.id);
    // every product with kopi in its name comes before the one that has it only in the description
    const lastNamed = r.items.map((i) => /kop[iy]/i.test(i.name)).lastIndexOf(true);
    expect(ids.indexOf(inDescription.id)).toBeGreaterThan(lastNamed);
    // sorting by price ignores relevance
    const byPrice = (await builtInSearch().search({ q: "kopy", sort: "price_asc", page: 1, pageSize: 100 })).items.map((i) => i.priceRupiah);
    expect([...byPrice].sort((a, b) => a - b)).toEqual(byPrice);
  });
});

describe("group changes made elsewhere", () => {
  it("products of a deactivated group leave the index at the next run of the search job, and come back", async () => {
    const product = await db.product.findFirstOrThrow({
      where: { status: "ACTIVE", group: { verificationStatus: "VERIFIED", active: true, id: { not: demo.id } } },
    });
    const inIndex = async () => (await builtInSearch().search({ q: product.name, sort: "relevance", page: 1, pageSize: 100 })).items.some((i) => i.id === product.id);
    await runSearchOutbox(new Date());
    expect(await inIndex()).toBe(true);
    await db.group.update({ where: { id: product.groupId }, data: { active: false } });
    await runSearchOutbox(new Date());
    expect(await inIndex()).toBe(false);
    await db.group.update({ where: { id: product.groupId }, data: { active: true } });
    await runSearchOutbox(new Date());
    expect(await inIndex()).toBe(true);
  });
});
