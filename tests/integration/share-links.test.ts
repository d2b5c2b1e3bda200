import { db } from "~/db/db.server";
import { actorFor } from "../helpers/actors";
import { createShareLink, listShareLinks, openShareLink, revokeShareLink, shareTokenHash } from "~/monitoring/share.server";
import { loader as shareLoader } from "~/routes/share.$token";
import { action as shareAction, loader as manageLoader } from "~/routes/dinas.monitoring.share";
import { cookieFor, formRequest, getRequest, responseOf } from "../helpers/requests";

const NOW = new Date("2026-11-17T03:00:00.000Z");
const DAY = 86_400_000;

async function publicPage(token: string) {
  return responseOf(async () => shareLoader({ request: getRequest(`/share/${token}`), params: { token }, context: {} }));
}

describe("the mayor's read-only share link of the overview", () => {
  it("opens without login with the office's figures and the link's filters, stores only the token's hash, audits creation", async () => {
    const dinas = await actorFor("dinas@bermitra.id");
    const batu = await db.kecamatan.findFirstOrThrow({ where: { name: "Bumiaji", dinasOffice: { city: "Batu" } } });
    const link = await createShareLink(dinas, { label: "Kantor Wali Kota Batu", days: 30, filters: { kecamatanId: batu.id, groupType: "KUBE" } }, NOW);
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.expiresAt.getTime()).toBe(NOW.getTime() + 30 * DAY);
    const row = await db.shareLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(row.tokenHash).toBe(shareTokenHash(link.token));
    expect(JSON.stringify(row)).not.toContain(link.token);
    expect(await db.auditEvent.count({ where: { entityType: "ShareLink", entityId: link.id, action: "shareLink.created", actorId: dinas.actorId } })).toBe(1);

    const opened = await openShareLink(link.token, NOW);
    expect(opened.officeName).toBe("Dinas Sosial Kota Batu");
    const res = await publicPage(link.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const body = (await res.json()) as { overview: { groups: { totals: { formed: number } } }; kecamatanName: string; records?: unknown };
    // Bumiaji's KUBE: 13 in the studies
    expect(body.overview.groups.totals.formed).toBe(13);
    expect(body.kecamatanName).toBe("Bumiaji");
    expect(body.records).toBeUndefined();
    expect(JSON.stringify(body)).not.toMatch(/"records"/);
    expect((await db.shareLink.findUniqueOrThrow({ where: { id: link.id } })).viewCount).toBeGreaterThanOrEqual(2);
  });

  it("answers 404 to an unknown token, 410 once revoked or expired; revocation is audited and office-scoped", async () => {
    const dinas = await actorFor("dinas@bermitra.id");
    const malang = await actorFor("dinas.malang@bermitra.id");
    const link = await createShareLink(dinas, { label: "Sekretariat Daerah", days: 7, filters: {} }, NOW);
    expect((await publicPage("x".repeat(43))).status).toBe(404);
    expect((await publicPage("short")).status).toBe(404);
    // another office cannot revoke it, nor see it
    await expect(revokeShareLink(malang, link.id, NOW)).rejects.toMatchObject({ key: "errors:notFound" });
    expect((await listShareLinks(malang, NOW)).some((l) => l.id === link.id)).toBe(false);
    await revokeShareLink(dinas, link.id, NOW);
    expect(await db.auditEvent.count({ where: { entityId: link.id, action: "shareLink.revoked" } })).toBe(1);
    expect((await publicPage(link.token)).status).toBe(410);
    await expect(revokeShareLink(dinas, link.id, NOW)).rejects.toMatchObject({ key: "monitoring:share.errors.alreadyRevoked" });
    expect((await listShareLinks(dinas, NOW)).find((l) => l.id === link.id)!.state).toBe("revoked");

    const short = await createShareLink(dinas, { label: "Bappeda", days: 1, filters: {} }, new Date(NOW.getTime() - 2 * DAY));
    expect((await publicPage(short.token)).status).toBe(410);
    expect((await listShareLinks(dinas, NOW)).find((l) => l.id === short.id)!.state).toBe("expired");
  });

  it("is made and revoked through the page by a city Dinas only; bad input is a 400 next to the field", async () => {
    const cookie = await cookieFor("dinas@bermitra.id");
    const made = await shareAction({ request: formRequest("/dinas/monitoring/share", { intent: "create", label: "Kantor Wali Kota Batu", days: "14", query: "groupType=KPM" }, cookie), params: {}, context: {} });
    const data = (await (made as Response).json()) as { created: { url: string } };
    expect(data.created.url).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);
    const token = data.created.url.split("/share/")[1]!;
    const page = (await (await publicPage(token)).json()) as { overview: { groups: { totals: { formed: number } } } };
    expect(page.overview.groups.totals.formed).toBe(25);

    const bad = await shareAction({ request: formRequest("/dinas/monitoring/share", { intent: "create", label: "", days: "365" }, cookie), params: {}, context: {} });
    expect((bad as Response).status).toBe(400);
    const errors = ((await (bad as Response).json()) as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual(["days", "label"]);

    const province = await cookieFor("provinsi@bermitra.id");
    const refused = await responseOf(async () => shareAction({ request: formRequest("/dinas/monitoring/share", { intent: "create", label: "x", days: "3" }, province), params: {}, context: {} }));
    expect(refused.status).toBe(403);
    expect((await responseOf(async () => manageLoader({ request: getRequest("/dinas/monitoring/share", province), params: {}, context: {} }))).status).toBe(403);
    expect((await responseOf(async () => manageLoader({ request: getRequest("/dinas/monitoring/share", await cookieFor("admin@bermitra.id")), params: {}, context: {} }))).status).toBe(403);
  });
});
