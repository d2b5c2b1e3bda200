import { db } from "~/db/db.server";
import { createMouFromScratch, parseContent, sendForSignature, submitForReview, updateDraftContent } from "~/mou/mou.server";
import { requestSigningCode, MAX_FAILED_ATTEMPTS } from "~/mou/signing.server";
import { action as signByLinkAction } from "~/routes/sign.$token";
import { action as signSignedInAction } from "~/routes/mou.$id_.sign";
import { actorFor } from "../helpers/actors";
import { cookieFor, formRequest, responseOf } from "../helpers/requests";

/**
 * Regression (issue 10): `POST /sign/<token>` with `intent=decline` needed no password or code, even while
 * the signer was locked out, and voided the signatures already given. Declining now needs the same identity
 * confirmation as signing and respects the lockout.
 */

async function mouOutForSignature(chairEmail?: string) {
  const dinas = await actorFor("dinas@bermitra.id");
  const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
  const chair = await db.user.findUniqueOrThrow({ where: { email: "kelompok@bermitra.id" } });
  const mou = await createMouFromScratch(dinas, { dinasOfficeId: partner.dinasOfficeId, partnerId: partner.id, groupIds: [chair.groupId!], startDate: "2027-01-01", endDate: "2027-12-31" });
  if (chairEmail) {
    const version = await db.mouVersion.findFirstOrThrow({ where: { mouId: mou.id } });
    const c = parseContent(version.content);
    c.parties.groups[0]!.chairEmail = chairEmail;
    await updateDraftContent(dinas, mou.id, c);
  }
  await submitForReview(dinas, mou.id);
  const sent = await sendForSignature(dinas, mou.id);
  return { mouId: mou.id, ...sent };
}

/** Everything a decline would change: the MoU, its versions and its signers. */
async function snapshot(mouId: string) {
  const mou = await db.mou.findUniqueOrThrow({ where: { id: mouId } });
  const versions = await db.mouVersion.findMany({ where: { mouId }, orderBy: { versionNumber: "asc" } });
  const signers = await db.mouSigner.findMany({ where: { version: { mouId } }, orderBy: [{ versionId: "asc" }, { order: "asc" }], omit: { failedAttempts: true, lockedUntil: true, codeHash: true, codeExpiresAt: true } });
  return JSON.stringify({ mou, versions, signers });
}

describe("declining to sign needs the signer's identity", () => {
  it("refuses a decline by link without the password, and after 5 wrong passwords even with the right one", async () => {
    const { mouId, token, firstSignerId } = await mouOutForSignature();
    const before = await snapshot(mouId);
    const post = (fields: Record<string, string>) => responseOf(() => signByLinkAction({ request: formRequest(`/sign/${token}`, { intent: "decline", reason: "Saya tidak setuju", ...fields }), params: { token }, context: {} }));

    const noPassword = await post({});
    expect(noPassword.status).toBe(400);
    expect((await noPassword.json()).errors).toEqual({ declinePassword: "mou:errors.wrongPassword" });
    expect(await snapshot(mouId)).toBe(before);

    for (let i = 1; i < MAX_FAILED_ATTEMPTS; i++) expect((await post({ declinePassword: "salah" })).status).toBe(400);
    const locking = await post({ declinePassword: "salah" });
    expect((await locking.json()).errors).toEqual({ declinePassword: "mou:errors.locked" });
    const lockedOut = await post({ declinePassword: "bermitra-demo" });
    expect(lockedOut.status).toBe(400);
    expect((await lockedOut.json()).errors).toEqual({ declinePassword: "mou:errors.locked" });
    expect(await snapshot(mouId)).toBe(before);
    expect((await db.mouSigner.findUniqueOrThrow({ where: { id: firstSignerId } })).status).toBe("NOTIFIED");
  });

  it("declines with the right password, and the signed-in route asks for it too", async () => {
    const { mouId, token } = await mouOutForSignature();
    const cookie = await cookieFor("kelompok@bermitra.id");
    const before = await snapshot(mouId);
    const refused = await responseOf(() => signSignedInAction({ request: formRequest(`/mou/${mouId}/sign`, { intent: "decline", reason: "Harga" }, cookie), params: { id: mouId }, context: {} }));
    expect(refused.status).toBe(400);
    expect(await snapshot(mouId)).toBe(before);

    const ok = await responseOf(() => signByLinkAction({ request: formRequest(`/sign/${token}`, { intent: "decline", reason: "Harga belum sesuai", declinePassword: "bermitra-demo" }), params: { token }, context: {} }));
    expect(ok.status).toBe(302);
    const versions = await db.mouVersion.findMany({ where: { mouId }, orderBy: { versionNumber: "asc" } });
    expect(versions.map((v) => v.status)).toEqual(["DECLINED", "DRAFT"]);
  });

  it("a signer without an account declines only with the emailed code", async () => {
    const { mouId, token, firstSignerId } = await mouOutForSignature("ketua.tanpa.akun@example.test");
    const before = await snapshot(mouId);
    const post = (fields: Record<string, string>) => responseOf(() => signByLinkAction({ request: formRequest(`/sign/${token}`, { intent: "decline", reason: "Tidak setuju", ...fields }), params: { token }, context: {} }));
    const noCode = await post({});
    expect((await noCode.json()).errors).toEqual({ declineCode: "mou:errors.wrongCode" });
    const code = await requestSigningCode(firstSignerId);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 1; i < MAX_FAILED_ATTEMPTS; i++) await post({ declineCode: wrong }); // the empty try above counted too
    const lockedOut = await post({ declineCode: code });
    expect((await lockedOut.json()).errors).toEqual({ declineCode: "mou:errors.locked" });
    expect(await snapshot(mouId)).toBe(before);
  });
});
