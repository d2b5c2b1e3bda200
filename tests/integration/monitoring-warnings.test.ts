import { db } from "~/db/db.server";
import { resolveScope, type MonitoringViewer } from "~/monitoring/scope.server";
import { loadWarnings } from "~/monitoring/warnings.server";
import { loader as exportLoader } from "~/routes/dinas.export.$page";
import { action, loader } from "~/routes/dinas.warnings";
import { cookieFor, formRequest, getRequest, responseOf } from "../helpers/requests";

const NOW = new Date("2026-11-17T03:00:00.000Z"); // the pinned test clock

async function viewerOf(email: string): Promise<MonitoringViewer> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return { role: user.role, dinasOfficeId: user.dinasOfficeId };
}

async function parkWarning() {
  const park = await db.partner.findUniqueOrThrow({ where: { slug: "taman-rekreasi-gunung-panderman" } });
  const rows = await loadWarnings(await resolveScope(await viewerOf("dinas@bermitra.id"), {}, NOW));
  const warning = rows.find((w) => w.rule === "PASSIVE_PARTNER" && w.subjectId === park.id);
  return { park, warning: warning!, rows };
}

const call = async (fn: () => Promise<unknown>) => {
  try {
    const r = await fn();
    return r instanceof Response ? r : new Response(JSON.stringify(r), { status: 200 });
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
};

describe("early warnings (seeded Kota Batu)", () => {
  it("lists the theme park as 'mitra pasif' with a link to its evidence, only for its own office", async () => {
    const { park, warning } = await parkWarning();
    expect(warning).toMatchObject({ href: `/dinas/partners/${park.id}`, title: park.displayName, followUp: null });
    const malang = await loadWarnings(await resolveScope(await viewerOf("dinas.malang@bermitra.id"), {}, NOW));
    expect(malang.some((w) => w.subjectId === park.id)).toBe(false);

    const a = await call(() => loader({ request: getRequest("/dinas/warnings?rule=PASSIVE_PARTNER", ""), params: {}, context: {} }));
    expect(a.status).toBe(302); // not signed in
    const pageA = await responseOf(async () => loader({ request: getRequest("/dinas/warnings?rule=PASSIVE_PARTNER", await cookieFor("dinas@bermitra.id")), params: {}, context: {} }));
    expect(await pageA.text()).toContain(park.id);
    const pageB = await responseOf(async () => loader({ request: getRequest("/dinas/warnings?rule=PASSIVE_PARTNER", await cookieFor("dinas.malang@bermitra.id")), params: {}, context: {} }));
    expect(await pageB.text()).not.toContain(park.id);
    // another office's warning cannot be opened for follow-up
    const openB = await call(async () => loader({ request: getRequest(`/dinas/warnings?key=${encodeURIComponent(warning.key)}`, await cookieFor("dinas.malang@bermitra.id")), params: {}, context: {} }));
    expect(openB.status).toBe(404);
  });

  it("shows the seeded 'rising rejections' of KUBE Mandiri Sejahtera Junrejo (prisma/seed/warnings.ts), with its evidence", async () => {
    const { rows } = await parkWarning();
    const group = await db.group.findFirstOrThrow({ where: { name: "KUBE Mandiri Sejahtera Junrejo" } });
    const rising = rows.filter((w) => w.rule === "REJECTIONS_RISING");
    expect(rising.map((w) => w.title)).toContain("KUBE Mandiri Sejahtera Junrejo");
    const w = rising.find((r) => r.subjectId === group.id)!;
    expect(w).toMatchObject({ key: `REJECTIONS_RISING:${group.id}:2026-11`, href: `/groups/${group.id}`, followUp: null });
    // the last 30 days hold the two seeded batches with 12 and 15 of 60 rejected (and any catalogue batch of the group)
    expect(Number(w.facts.recentDeliveries)).toBeGreaterThanOrEqual(2);
    expect(Number(w.facts.recentPercent)).toBeGreaterThanOrEqual(Number(w.facts.previousPercent) + 5);
  });

  it("shows the seeded 'orders stopped' of Hotel Taman Sari Batu and KPM Anggrek Oro-Oro Ombo (prisma/seed/warnings.ts), linked to the MoU", async () => {
    const { rows } = await parkWarning();
    const mou = await db.mou.findFirstOrThrow({ where: { number: "008/MOU-KPM/DINSOS-BATU/2026" }, select: { id: true, status: true, groups: { select: { group: { select: { name: true } } } } } });
    expect(mou.status).toBe("ACTIVE");
    const stopped = rows.filter((w) => w.rule === "ORDERS_STOPPED");
    expect(stopped).toHaveLength(1);
    // the last of three catalogue orders was due 50 days before the pinned today (17/11/2026): 28/09/2026
    expect(stopped[0]).toMatchObject({
      key: `ORDERS_STOPPED:${mou.id}:${(await db.group.findFirstOrThrow({ where: { name: "KPM Anggrek Oro-Oro Ombo" } })).id}:2026-09-28`,
      title: "Hotel Taman Sari Batu · KPM Anggrek Oro-Oro Ombo",
      href: `/mou/${mou.id}`,
      sinceDay: "2026-09-28",
      facts: { mou: "008/MOU-KPM/DINSOS-BATU/2026", lastOrderDay: "2026-09-28", ordersBefore: 3, days: 50 },
      followUp: null,
    });
    expect(mou.groups.map((g) => g.group.name)).toEqual(["KPM Anggrek Oro-Oro Ombo"]);
    // the page lists it under its rule
    const page = await responseOf(async () => loader({ request: getRequest("/dinas/warnings?rule=ORDERS_STOPPED", await cookieFor("dinas@bermitra.id")), params: {}, context: {} }));
    expect(await page.text()).toContain("008/MOU-KPM/DINSOS-BATU/2026");
  });

  it("refuses an empty note and another office's follow-up, then records one follow-up (audited) that leaves the open list", async () => {
    const { warning } = await parkWarning();
    const before = await db.warningFollowUp.count();

    const empty = await call(async () => action({ request: formRequest("/dinas/warnings", { intent: "followUp", key: warning.key, note: " " }, await cookieFor("dinas@bermitra.id")), params: {}, context: {} }));
    expect(empty.status).toBe(400);
    expect((await empty.json()).errors.note).toBe("validation:required");

    const otherOffice = await call(async () => action({ request: formRequest("/dinas/warnings", { intent: "followUp", key: warning.key, note: "Sudah ditelepon" }, await cookieFor("dinas.malang@bermitra.id")), params: {}, context: {} }));
    expect(otherOffice.status).toBe(404);
    const partner = await call(async () => action({ request: formRequest("/dinas/warnings", { intent: "followUp", key: warning.key, note: "Sudah ditelepon" }, await cookieFor("mitra@bermitra.id")), params: {}, context: {} }));
    expect(partner.status).toBe(403);
    expect(await db.warningFollowUp.count()).toBe(before);

    const done = await call(async () => action({ request: formRequest("/dinas/warnings", { intent: "followUp", key: warning.key, note: "Manajer taman rekreasi ditelepon; pelatihan dijadwalkan ulang." }, await cookieFor("dinas@bermitra.id")), params: {}, context: {} }));
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/dinas/warnings?done=followUp");
    const row = await db.warningFollowUp.findFirstOrThrow({ where: { warningKey: warning.key } });
    expect(row).toMatchObject({ rule: "PASSIVE_PARTNER", subjectType: "partner", subjectId: warning.subjectId });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityType: "WarningFollowUp", entityId: row.id } });
    expect(audit.action).toBe("warning.followUp");

    const after = await parkWarning();
    expect(after.warning.followUp?.note).toContain("ditelepon");
    const open = await responseOf(async () => loader({ request: getRequest("/dinas/warnings?rule=PASSIVE_PARTNER", await cookieFor("dinas@bermitra.id")), params: {}, context: {} }));
    expect(await open.text()).not.toContain(`"key":"${warning.key}"`);
    const followed = await responseOf(async () => loader({ request: getRequest("/dinas/warnings?rule=PASSIVE_PARTNER&state=followed", await cookieFor("dinas@bermitra.id")), params: {}, context: {} }));
    expect(await followed.text()).toContain(`"key":"${warning.key}"`);

    const again = await call(async () => action({ request: formRequest("/dinas/warnings", { intent: "followUp", key: warning.key, note: "Lagi" }, await cookieFor("dinas@bermitra.id")), params: {}, context: {} }));
    expect(again.status).toBe(400);
    expect((await again.json()).errors.note).toBe("warnings:errors.alreadyFollowedUp");
    expect(await db.warningFollowUp.count()).toBe(before + 1);
  });

  it("exports the list as CSV (BOM, ';', translated headers) with the page's filters, and answers a bad filter with 400", async () => {
    const cookie = await cookieFor("dinas@bermitra.id");
    const page = await call(() => loader({ request: getRequest("/dinas/warnings?state=all&rule=PASSIVE_PARTNER&format=csv", cookie), params: {}, context: {} }));
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe("/dinas/export/warnings?state=all&rule=PASSIVE_PARTNER&format=csv");
    const csv = await responseOf(() => exportLoader({ request: getRequest("/dinas/export/warnings?state=all&rule=PASSIVE_PARTNER&format=csv", cookie), params: { page: "warnings" }, context: {} }));
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 3)).toString("hex")).toBe("efbbbf");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    const lines = text.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("Jenis;Tentang;Bukti;Sejak;Status;Catatan tindak lanjut;Ditindaklanjuti;Oleh;Tautan bukti");
    expect(lines.slice(1).every((l) => l.startsWith("Mitra pasif;"))).toBe(true);
    expect(lines.some((l) => l.includes("Taman Rekreasi Gunung Panderman"))).toBe(true);
    const bad = await call(() => exportLoader({ request: getRequest("/dinas/export/warnings?rule=NOPE&format=csv", cookie), params: { page: "warnings" }, context: {} }));
    expect(bad.status).toBe(400);
    const badPage = await call(() => loader({ request: getRequest("/dinas/warnings?state=nope", cookie), params: {}, context: {} }));
    expect(badPage.status).toBe(400);
  });
});
