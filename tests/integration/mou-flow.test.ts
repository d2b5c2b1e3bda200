import { PDFDocument } from "pdf-lib";
import QRCode from "qrcode";
import { readFile, writeFile } from "node:fs/promises";
import { db } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import type { Actor } from "~/auth/guard.server";
import { actorFor as actorForUser } from "../helpers/actors";
import { canonicalJson, contentHash } from "~/mou/canonical";
import { createMouFromScratch, sendForSignature, startAmendment, submitForReview, terminateMou, updateDraftContent, parseContent, startRenewal, notifyExpiringMous, expireMous } from "~/mou/mou.server";
import { confirmSignerIdentity, declineSignature, remindSigners, requestSigningCode, signerForToken, signVersion } from "~/mou/signing.server";
import { pdfPath } from "~/mou/seal.server";
import { verifyByCode, verifyPdf } from "~/mou/verify.server";

async function actorFor(email: string): Promise<Actor> {
  return actorForUser(email, { ip: "127.0.0.1" });
}

async function demoIds() {
  const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
  const groupUser = await db.user.findUniqueOrThrow({ where: { email: "kelompok@bermitra.id" } });
  return { partnerId: partner.id, groupId: groupUser.groupId!, dinasOfficeId: partner.dinasOfficeId };
}

async function newDraft() {
  const dinas = await actorFor("dinas@bermitra.id");
  const ids = await demoIds();
  const mou = await createMouFromScratch(dinas, { dinasOfficeId: ids.dinasOfficeId, partnerId: ids.partnerId, groupIds: [ids.groupId], startDate: "2027-01-01", endDate: "2027-12-31" });
  return { dinas, mou, ids };
}

async function signAll(mouId: string, now = new Date()) {
  const mou = await db.mou.findUniqueOrThrow({ where: { id: mouId } });
  const signers = await db.mouSigner.findMany({ where: { versionId: mou.currentVersionId! }, orderBy: { order: "asc" } });
  // a drawn signature for the first signer (any PNG data URL will do), typed names for the others
  const drawn = await QRCode.toDataURL("tanda tangan", { type: "image/png", width: 120 });
  for (const s of signers) {
    await confirmSignerIdentity(s.id, { password: "bermitra-demo" }, now);
    await signVersion(await actorFor(s.email!), { signerId: s.id, typedName: s.name, consent: true, ip: "10.0.0.1", userAgent: "vitest", now, signatureImage: s.order === 1 ? drawn : null });
  }
}

describe("MoU drafting, signing and sealing", () => {
  it("goes draft → review → signature → active with a sealed, verifiable PDF", async () => {
    const { dinas, mou } = await newDraft();
    let row = await db.mou.findUniqueOrThrow({ where: { id: mou.id }, include: { versions: true } });
    expect(row.status).toBe("DRAFT");
    const content = parseContent(row.versions[0]!.content);
    expect(content.background).toContain("Nomor 26 Tahun 2015");
    expect(row.versions[0]!.contentHash).toBe(contentHash(content));

    const otherProduct = await db.product.findFirstOrThrow({ where: { groupId: { not: content.parties.groups[0]!.id } } });
    await expect(
      updateDraftContent(dinas, mou.id, { ...content, scope: { ...content.scope, items: [{ groupId: content.parties.groups[0]!.id, productId: otherProduct.id, description: "x", unit: "PCS", quantityPerDelivery: 1, unitPrice: 1 }] } }),
    ).rejects.toThrow("productNotOfGroup");
    content.scope.items.push({ groupId: content.parties.groups[0]!.id, productId: null, description: "Kue lapis", unit: "PCS", quantityPerDelivery: 50, unitPrice: 2500 });
    await updateDraftContent(dinas, mou.id, content);
    await submitForReview(dinas, mou.id);
    const { token } = await sendForSignature(dinas, mou.id);
    expect(await signerForToken(token)).not.toBeNull();
    row = await db.mou.findUniqueOrThrow({ where: { id: mou.id }, include: { versions: true } });
    expect(row.status).toBe("OUT_FOR_SIGNATURE");
    // No edits once out for signature
    await expect(updateDraftContent(dinas, mou.id, content)).rejects.toThrow(DomainError);

    await signAll(mou.id);
    const activeRow = await db.mou.findUniqueOrThrow({ where: { id: mou.id }, include: { versions: true, commitments: true } });
    expect(activeRow.status).toBe("ACTIVE");
    expect(activeRow.commitments.length).toBe(2);
    const version = activeRow.versions[0]!;
    expect(version.status).toBe("SIGNED");
    expect(version.verificationCode).toMatch(/^BMT-/);
    const actions = (await db.auditEvent.findMany({ where: { entityType: "Mou", entityId: mou.id } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["mou.created", "mou.edited", "mou.submitted", "mou.sent", "mou.signed", "mou.completed"]));

    const ok = await verifyByCode(version.verificationCode!.toLowerCase().replace(/-/g, " "));
    expect(ok.authentic).toBe(true);
    const pdf = await readFile(pdfPath(version.pdfKey!));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const parsed = await PDFDocument.load(pdf);
    expect(parsed.getPageCount()).toBeGreaterThanOrEqual(3); // text, signatures, audit certificate
    expect(parsed.getKeywords()).toContain(version.verificationCode!);
    await expect(signVersion(null, { signerId: (await db.mouSigner.findFirstOrThrow({ where: { versionId: version.id } })).id, typedName: "x", consent: true, signatureImage: "data:image/gif;base64,AAAA" })).rejects.toThrow("badSignatureImage");
    expect((await verifyPdf(pdf)).authentic).toBe(true);
    const tampered = Buffer.from(pdf);
    tampered[Math.floor(tampered.length / 2)] ^= 0x01;
    expect(await verifyPdf(tampered)).toEqual({ authentic: false, reason: "unknown" });
    expect((await verifyByCode("BMT-2222-2222")).authentic).toBe(false);
    expect((await verifyByCode("'; drop table")).authentic).toBe(false);

    // One byte of stored content changed → not authentic any more
    await db.mouVersion.update({ where: { id: version.id }, data: { content: version.content.replace("Kue lapis", "Kue lapiz") } });
    expect(await verifyByCode(version.verificationCode!)).toEqual({ authentic: false, reason: "altered" });
    await db.mouVersion.update({ where: { id: version.id }, data: { content: version.content } });
    // A changed stored PDF too
    await writeFile(pdfPath(version.pdfKey!), tampered);
    expect(await verifyByCode(version.verificationCode!)).toEqual({ authentic: false, reason: "altered" });
    await writeFile(pdfPath(version.pdfKey!), pdf);

    // Amendment: new version through review and signature; the old one stays readable and superseded
    const v2 = await startAmendment(dinas, mou.id, "Tambah jumlah");
    expect(v2.versionNumber).toBe(2);
    expect((await db.mou.findUniqueOrThrow({ where: { id: mou.id } })).status).toBe("ACTIVE");
    const c2 = parseContent((await db.mouVersion.findUniqueOrThrow({ where: { id: (await db.mou.findUniqueOrThrow({ where: { id: mou.id } })).currentVersionId! } })).content);
    c2.scope.items[0]!.quantityPerDelivery = 80;
    await updateDraftContent(dinas, mou.id, c2);
    await submitForReview(dinas, mou.id);
    await sendForSignature(dinas, mou.id);
    await signAll(mou.id);
    const after = await db.mou.findUniqueOrThrow({ where: { id: mou.id }, include: { versions: { orderBy: { versionNumber: "asc" } } } });
    expect(after.status).toBe("ACTIVE");
    expect(after.versions.map((v) => v.status)).toEqual(["SUPERSEDED", "SIGNED"]);
    expect(after.activeVersionId).toBe(after.versions[1]!.id);
    const old = await verifyByCode(version.verificationCode!);
    expect(old.authentic && old.superseded).toBe(true);

    // renewal and termination
    const renewal = await startRenewal(dinas, mou.id);
    const renewed = parseContent((await db.mouVersion.findFirstOrThrow({ where: { mouId: renewal.id } })).content);
    expect(renewed.period).toEqual({ startDate: "2028-01-01", endDate: "2028-12-31" });
    await expect(startRenewal(dinas, mou.id)).rejects.toThrow(DomainError);
    await expect(terminateMou(dinas, mou.id, "")).rejects.toThrow(DomainError);
    await terminateMou(dinas, mou.id, "Mitra tutup");
    expect((await db.mou.findUniqueOrThrow({ where: { id: mou.id } })).status).toBe("TERMINATED");
  });

  it("makes signing links single-use, for one signer, expiring; enforces order; declines with reason", async () => {
    const { dinas, mou } = await newDraft();
    await submitForReview(dinas, mou.id);
    const now = new Date();
    const { token, firstSignerId } = await sendForSignature(dinas, mou.id, now);
    expect((await signerForToken(token, new Date(now.getTime() + 8 * 24 * 3600_000)))).toBeNull();
    expect((await signerForToken("nope"))).toBeNull();
    const signers = await db.mouSigner.findMany({ where: { versionId: (await db.mou.findUniqueOrThrow({ where: { id: mou.id } })).currentVersionId! }, orderBy: { order: "asc" } });
    expect(signers.map((s) => s.party)).toEqual(["GROUP", "PARTNER", "DINAS"]);
    // the partner cannot sign before the group chair
    await expect(signVersion(null, { signerId: signers[1]!.id, typedName: signers[1]!.name, consent: true })).rejects.toThrow(DomainError);
    await expect(signVersion(null, { signerId: firstSignerId, typedName: "Someone Else", consent: true })).rejects.toThrow("nameMismatch");
    await expect(signVersion(null, { signerId: firstSignerId, typedName: signers[0]!.name, consent: false })).rejects.toThrow("consentRequired");
    await signVersion(null, { signerId: firstSignerId, typedName: signers[0]!.name.toUpperCase(), consent: true });
    expect(await signerForToken(token)).toBeNull(); // used
    // reminders after 3 days (seeded MoUs out for signature may be reminded too: look at ours)
    await remindSigners(new Date(Date.now() + 2 * 24 * 3600_000));
    expect((await db.mouSigner.findUniqueOrThrow({ where: { id: signers[1]!.id } })).remindedAt).toBeNull();
    await remindSigners(new Date(Date.now() + 3 * 24 * 3600_000 + 1000));
    const reminded = await db.mouSigner.findUniqueOrThrow({ where: { id: signers[1]!.id } });
    expect(reminded.remindedAt).not.toBeNull();
    expect(await db.emailMessage.count({ where: { to: reminded.email!, kind: "mou.signReminder" } })).toBeGreaterThanOrEqual(1);
    // partner declines → new draft version, MoU back to DRAFT
    await declineSignature(null, signers[1]!.id, "Harga belum sesuai", { password: "bermitra-demo" });
    const row = await db.mou.findUniqueOrThrow({ where: { id: mou.id }, include: { versions: { orderBy: { versionNumber: "asc" } } } });
    expect(row.status).toBe("DRAFT");
    expect(row.versions.map((v) => v.status)).toEqual(["DECLINED", "DRAFT"]);
    await expect(declineSignature(null, signers[1]!.id, "lagi", { password: "bermitra-demo" })).rejects.toThrow(DomainError);
  });

  it("rate-limits wrong passwords and codes", async () => {
    const { dinas, mou } = await newDraft();
    const version = await db.mouVersion.findFirstOrThrow({ where: { mouId: mou.id } });
    const c = parseContent(version.content);
    c.parties.groups[0]!.chairEmail = "ketua.tanpa.akun@example.test";
    await updateDraftContent(dinas, mou.id, c);
    await submitForReview(dinas, mou.id);
    const { firstSignerId } = await sendForSignature(dinas, mou.id);
    const signer = await db.mouSigner.findUniqueOrThrow({ where: { id: firstSignerId } });
    expect(signer.userId).toBeNull();
    const now = new Date();
    const code = await requestSigningCode(firstSignerId, now);
    await expect(requestSigningCode(firstSignerId, new Date(now.getTime() + 10_000))).rejects.toThrow("codeTooSoon");
    for (let i = 0; i < 4; i++) await expect(confirmSignerIdentity(firstSignerId, { code: "000000" === code ? "111111" : "000000" }, now)).rejects.toThrow("wrongCode");
    await expect(confirmSignerIdentity(firstSignerId, { code: code === "000000" ? "111111" : "000000" }, now)).rejects.toThrow("locked");
    await expect(confirmSignerIdentity(firstSignerId, { code }, now)).rejects.toThrow("locked");
    await expect(confirmSignerIdentity(firstSignerId, { code }, new Date(now.getTime() + 16 * 60_000))).rejects.toThrow("wrongCode"); // expired after 10 min
    const later = new Date(now.getTime() + 17 * 60_000);
    const code2 = await requestSigningCode(firstSignerId, later);
    await confirmSignerIdentity(firstSignerId, { code: code2 }, later);
    await expect(confirmSignerIdentity(firstSignerId, { code: code2 }, later)).rejects.toThrow("wrongCode"); // code is single use
  });

  it("canonical JSON does not depend on key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }));
    expect(contentHash({ a: 1, b: 2 })).not.toBe(contentHash({ a: 1, b: 3 }));
  });

  it("notifies 30 days before the end once, and expires after the end", async () => {
    const { dinas, mou } = await newDraft();
    await submitForReview(dinas, mou.id);
    await sendForSignature(dinas, mou.id);
    await signAll(mou.id);
    const noticeSent = async () => (await db.mou.findUniqueOrThrow({ where: { id: mou.id } })).expiryNoticeSentAt;
    await notifyExpiringMous(new Date("2027-11-01T00:00:00Z"));
    expect(await noticeSent()).toBeNull();
    await notifyExpiringMous(new Date("2027-12-02T00:00:00Z"));
    const first = await noticeSent();
    expect(first).not.toBeNull();
    await notifyExpiringMous(new Date("2027-12-03T00:00:00Z"));
    expect((await noticeSent())!.getTime()).toBe(first!.getTime());
    const partnerUser = await db.user.findUniqueOrThrow({ where: { email: "mitra@bermitra.id" } });
    expect(await db.notification.count({ where: { userId: partnerUser.id, kind: "mou:notify.expiring", link: `/mou/${mou.id}` } })).toBe(1);
    await expireMous(new Date("2027-12-31T10:00:00Z"));
    expect((await db.mou.findUniqueOrThrow({ where: { id: mou.id } })).status).toBe("ACTIVE");
    await expireMous(new Date("2028-01-01T10:00:00Z"));
    expect((await db.mou.findUniqueOrThrow({ where: { id: mou.id } })).status).toBe("EXPIRED");
  });
});
