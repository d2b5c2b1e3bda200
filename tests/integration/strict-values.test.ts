/**
 * Strict values through the real actions (issue 10 item 9): integers with dots only as thousands
 * separators, dates that exist and lie within their window around the pinned clock, http(s) links only.
 * Each refusal is a 400 with the translated message key next to its field, and nothing is written.
 */
import { db } from "~/db/db.server";
import { addDays, dayKey } from "~/time/calendar";
import { databaseChecksum } from "../helpers/db-state";
import { cookieFor, formRequest, responseOf } from "../helpers/requests";

type Action = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>;

async function call(action: Action, url: string, fields: Record<string, string | string[]>, cookie: string, params: Record<string, string> = {}) {
  const request = formRequest(url, fields, cookie);
  request.headers.set("Origin", "http://localhost");
  const res = await responseOf(() => action({ request, params, context: {} }));
  const body = res.status === 400 ? ((await res.json()) as { errors: Record<string, string> }) : null;
  return { status: res.status, errors: body?.errors ?? {}, location: res.headers.get("Location") };
}

const day = (offset: number) => addDays(dayKey(new Date()), offset);

describe("strict values in the real forms", () => {
  it("catalogue order: quantities and the delivery date are read strictly, nothing is written when refused", async () => {
    const { action } = await import("~/routes/partner.orders.new");
    const cookie = await cookieFor("mitra@bermitra.id");
    const group = await db.group.findUniqueOrThrow({ where: { slug: "kpm-melati-sisir" }, include: { products: { where: { status: "ACTIVE" } } } });
    const product = group.products.find((p) => p.minOrderQty <= 1000)!;
    const base = { groupId: group.id, deliveryDate: day(40), deliveryAddress: "Jl. Raya Selecta 1" };
    const before = await databaseChecksum();
    for (const [qty, message] of [
      ["1.5", "validation:wholeNumber"],
      ["1,5", "validation:wholeNumber"],
      ["0x10", "validation:notANumber"],
      ["1e3", "validation:notANumber"],
      ["NaN", "validation:notANumber"],
      ["-3", 'validation:min|{"min":0}'],
      ["9".repeat(30), 'validation:max|{"max":1000000}'],
    ] as const) {
      const r = await call(action as Action, "/partner/orders/new", { ...base, [`qty-${product.id}`]: qty }, cookie);
      expect(r.status, qty).toBe(400);
      expect(r.errors[`qty-${product.id}`], qty).toBe(message);
    }
    for (const [date, message] of [
      ["2026-02-30", "validation:invalidDate"],
      ["2026-13-01", "validation:invalidDate"],
      ["0000-00-00", "validation:invalidDate"],
      ["17/11/2026", "validation:invalidDate"],
      [day(800), 'validation:dateTooFarAhead|{"years":2}'],
      ["9999-12-31", 'validation:dateTooFarAhead|{"years":2}'],
    ] as const) {
      const r = await call(action as Action, "/partner/orders/new", { ...base, deliveryDate: date, [`qty-${product.id}`]: String(product.minOrderQty) }, cookie);
      expect(r.status, date).toBe(400);
      expect(r.errors.deliveryDate, date).toBe(message);
    }
    expect(await databaseChecksum()).toBe(before);

    // "1.000" is one thousand (dots are thousands separators)
    const qty = Math.max(product.minOrderQty, 1000);
    const typed = qty.toLocaleString("id-ID");
    expect(typed).toContain(".");
    const ok = await call(action as Action, "/partner/orders/new", { ...base, [`qty-${product.id}`]: typed }, cookie);
    expect(ok.status, JSON.stringify(ok.errors)).toBe(302);
    const order = await db.order.findUniqueOrThrow({ where: { id: ok.location!.split("/")[2]!.split("?")[0]! }, include: { lines: true } });
    expect(order.lines[0]!.quantity).toBe(qty);
  });

  it("product form: money and quantities refuse decimals, hex and exponents", async () => {
    const { action } = await import("~/routes/groups.$groupId_.products.new");
    const cookie = await cookieFor("kelompok@bermitra.id");
    const group = await db.group.findUniqueOrThrow({ where: { slug: "kpm-melati-sisir" } });
    const category = await db.productCategory.findFirstOrThrow();
    const before = await databaseChecksum();
    const r = await call(
      action as Action,
      `/groups/${group.id}/products/new`,
      { name: "Keripik uji", categoryId: category.id, description: "Uji nilai", unit: "PACK", priceRupiah: "12.5", minOrderQty: "0x10", weeklyCapacity: "1e3", leadTimeDays: "-1", certExpiry_HALAL: "2026-02-30" },
      cookie,
      { groupId: group.id },
    );
    expect(r.status).toBe(400);
    expect(r.errors).toMatchObject({
      priceRupiah: "validation:wholeNumber",
      minOrderQty: "validation:notANumber",
      weeklyCapacity: "validation:notANumber",
      leadTimeDays: 'validation:min|{"min":0}',
      certExpiry_HALAL: "validation:invalidDate",
    });
    expect(await databaseChecksum()).toBe(before);
  });

  it("coaching session: the online link is http(s) only and the date within two years", async () => {
    const { action } = await import("~/routes/coaching.$sessionId");
    const cookie = await cookieFor("mitra@bermitra.id");
    const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
    const session = await db.coachingSession.findFirstOrThrow({ where: { status: "DUE", commitment: { mou: { partnerId: partner.id } } } });
    const base = { intent: "schedule", scheduledAt: `${day(10)}T09:00`, place: "Dapur hotel", trainer: "Chef hotel", topic: "Standar kue" };
    const before = await databaseChecksum();
    for (const link of ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "//evil.example/x", "meet.google.com/abc"]) {
      const r = await call(action as Action, `/coaching/${session.id}`, { ...base, onlineLink: link }, cookie, { sessionId: session.id });
      expect(r.status, link).toBe(400);
      expect(r.errors.onlineLink, link).toBe("validation:urlHttp");
    }
    for (const [at, message] of [
      ["2026-02-30T10:00", "validation:invalidDate"],
      ["2026-11-20T25:61", "validation:invalidDate"],
      [`${day(800)}T09:00`, 'validation:dateTooFarAhead|{"years":2}'],
    ] as const) {
      const r = await call(action as Action, `/coaching/${session.id}`, { ...base, scheduledAt: at }, cookie, { sessionId: session.id });
      expect(r.status, at).toBe(400);
      expect(r.errors.scheduledAt, at).toBe(message);
    }
    expect(await databaseChecksum()).toBe(before);
    const ok = await call(action as Action, `/coaching/${session.id}`, { ...base, onlineLink: "https://meet.google.com/abc-defg-hij" }, cookie, { sessionId: session.id });
    expect(ok.status, JSON.stringify(ok.errors)).toBeLessThan(400);
    expect((await db.coachingSession.findUniqueOrThrow({ where: { id: session.id } })).onlineLink).toBe("https://meet.google.com/abc-defg-hij");
  });

  it("MoU draft: the period must exist and end within ten years", async () => {
    const { action } = await import("~/routes/mou.$id_.edit");
    const cookie = await cookieFor("dinas@bermitra.id");
    const draft = await db.mou.findFirstOrThrow({ where: { status: "IN_REVIEW" } });
    const before = await databaseChecksum();
    const r = await call(action as Action, `/mou/${draft.id}/edit`, { startDate: "2027-02-29", endDate: day(11 * 366), netDays: "1.5", paymentKind: "NET_DAYS" }, cookie, { id: draft.id });
    expect(r.status).toBe(400);
    expect(r.errors.startDate).toBe("validation:invalidDate");
    expect(r.errors.endDate).toBe('validation:dateTooFarAhead|{"years":10}');
    expect(r.errors.netDays).toBe("validation:wholeNumber");
    expect(await databaseChecksum()).toBe(before);
  });

  it("demand form: the start date must exist", async () => {
    const { action } = await import("~/routes/partner.demands.new");
    const cookie = await cookieFor("mitra@bermitra.id");
    const before = await databaseChecksum();
    const r = await call(action as Action, "/partner/demands/new", { title: "Uji", quantity: "1.5", startDate: "2026-02-30", offerDeadline: day(900) }, cookie);
    expect(r.status).toBe(400);
    expect(r.errors.quantity).toBe("validation:wholeNumber");
    expect(r.errors.startDate).toBe("validation:invalidDate");
    expect(r.errors.offerDeadline).toBe('validation:dateTooFarAhead|{"years":2}');
    expect(await databaseChecksum()).toBe(before);
  });
});
