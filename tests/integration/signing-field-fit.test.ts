import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { db } from "~/db/db.server";
import { sendPendingEmails } from "~/email/sender.server";
import { createMouFromScratch, parseContent, sendForSignature, submitForReview, updateDraftContent } from "~/mou/mou.server";
import { confirmSignerIdentity, MAX_REMINDERS, remindSigners, requestSigningCode, signVersion } from "~/mou/signing.server";
import { actorFor } from "../helpers/actors";

const DAY = 86_400_000;

async function outForSignature() {
  const dinas = await actorFor("dinas@bermitra.id", { ip: "127.0.0.1" });
  const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
  const chair = await db.user.findUniqueOrThrow({ where: { email: "kelompok@bermitra.id" } });
  const mou = await createMouFromScratch(dinas, { dinasOfficeId: partner.dinasOfficeId, partnerId: partner.id, groupIds: [chair.groupId!], startDate: "2027-01-01", endDate: "2027-12-31" });
  const version = await db.mouVersion.findFirstOrThrow({ where: { mouId: mou.id } });
  const content = parseContent(version.content);
  content.scope.items.push({ groupId: chair.groupId!, productId: null, description: "Kue lapis", unit: "PCS", quantityPerDelivery: 50, unitPrice: 2500 });
  await updateDraftContent(dinas, mou.id, content);
  await submitForReview(dinas, mou.id);
  const sent = await sendForSignature(dinas, mou.id);
  return { mou, dinas, ...sent };
}

describe("signing reminders (issue 13 item 11)", () => {
  it("reminds on days 3, 6 and 9, never a fourth time, and tells the office's Dinas once after 10 days", async () => {
    const { mou, firstSignerId } = await outForSignature();
    const signer = await db.mouSigner.findUniqueOrThrow({ where: { id: firstSignerId } });
    const asked = signer.notifiedAt!.getTime();
    const reminders = () => db.emailMessage.count({ where: { to: signer.email!, kind: "mou.signReminder" } });
    const stalled = () => db.notification.count({ where: { kind: "mou:notify.signingStalled", link: `/mou/${mou.id}` } });
    const before = await reminders();

    await remindSigners(new Date(asked + 2 * DAY));
    expect(await reminders()).toBe(before);
    for (const d of [3, 6, 9]) await remindSigners(new Date(asked + d * DAY + 1000));
    expect(await reminders()).toBe(before + MAX_REMINDERS);
    expect((await db.mouSigner.findUniqueOrThrow({ where: { id: signer.id } })).reminderCount).toBe(3);
    // day 9: all reminders sent, but the 10 days are not over: Dinas not told yet
    expect(await stalled()).toBe(0);

    await remindSigners(new Date(asked + 12 * DAY + 1000));
    await remindSigners(new Date(asked + 15 * DAY + 1000));
    expect(await reminders()).toBe(before + MAX_REMINDERS);
    const row = await db.mouSigner.findUniqueOrThrow({ where: { id: signer.id } });
    expect(row.escalatedAt).not.toBeNull();
    // every Dinas user of the Batu office, once; not the Malang office
    const { dinasOfficeId } = await db.mou.findUniqueOrThrow({ where: { id: mou.id } });
    const batuDinas = await db.user.findMany({ where: { role: "DINAS", dinasOfficeId, disabledAt: null }, select: { id: true } });
    expect(batuDinas.length).toBeGreaterThan(0);
    const notes = await db.notification.findMany({ where: { kind: "mou:notify.signingStalled", link: `/mou/${mou.id}` } });
    expect(notes.map((n) => n.userId).sort()).toEqual(batuDinas.map((u) => u.id).sort());
    expect(JSON.parse(notes[0]!.params)).toMatchObject({ name: signer.name, reminders: 3, days: 12 });
    const audit = await db.auditEvent.findMany({ where: { entityId: mou.id, action: { in: ["mou.reminded", "mou.signingStalled"] } }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["mou.reminded", "mou.reminded", "mou.reminded", "mou.signingStalled"]);
  });
});

describe("the sealed PDF by email (issue 13 item 9)", () => {
  it("mails every party the sealed PDF once the MoU is active, attached at delivery", async () => {
    const { mou } = await outForSignature();
    const signers = await db.mouSigner.findMany({ where: { version: { mouId: mou.id } }, orderBy: { order: "asc" } });
    for (const s of signers) {
      await confirmSignerIdentity(s.id, { password: "bermitra-demo" });
      await signVersion(await actorFor(s.email), { signerId: s.id, typedName: s.name, consent: true, ip: "10.0.0.1", userAgent: "vitest" });
    }
    const version = await db.mouVersion.findFirstOrThrow({ where: { mouId: mou.id } });
    expect(version.sealedAt).not.toBeNull();
    const mails = await db.emailMessage.findMany({ where: { kind: "mou.sealed", attachments: { contains: version.pdfKey! } } });
    const to = mails.map((m) => m.to);
    for (const s of signers) expect(to).toContain(s.email);
    expect(new Set(to).size).toBe(to.length);
    // the completion notice is in-app only: the email is the one with the PDF
    expect(await db.emailMessage.count({ where: { kind: "notification.mou:notify.completed", createdAt: { gte: version.createdAt } } })).toBe(0);
    const mail = mails.find((m) => m.to === signers[0]!.email)!;
    expect(mail.text).toContain(version.verificationCode!);

    const dir = await mkdtemp(path.join(tmpdir(), "bermitra-mail-"));
    process.env.MAIL_DIR = dir;
    try {
      await sendPendingEmails(500);
    } finally {
      delete process.env.MAIL_DIR;
    }
    expect((await db.emailMessage.findUniqueOrThrow({ where: { id: mail.id } })).status).toBe("SENT");
    const file = (await readdir(dir)).find((n) => n.includes(mail.id))!;
    const eml = await readFile(path.join(dir, file), "utf8");
    expect(eml).toMatch(/Content-Type: application\/pdf; name=.*-v1\.pdf/);
    // the attachment is the sealed file itself
    const b64 = eml.split(/Content-Disposition: attachment[^\n]*\n(?:[^\n]+\n)*\n/)[1]!.split(/\n--/)[0]!.replace(/\s+/g, "");
    const { createHash } = await import("node:crypto");
    expect(createHash("sha256").update(Buffer.from(b64, "base64")).digest("hex")).toBe(version.pdfHash);
  });
});

describe("in-person signing (issue 13 item 10, domain)", () => {
  it("a chair with an account confirms with a one-time code sent to her phone; the officer is recorded as witness", async () => {
    const { mou, firstSignerId } = await outForSignature();
    const signer = await db.mouSigner.findUniqueOrThrow({ where: { id: firstSignerId } });
    await db.user.update({ where: { id: signer.userId! }, data: { phone: "0812-5555-0101" } });
    const officer = await db.user.findUniqueOrThrow({ where: { email: "pendamping@bermitra.id" } });
    const code = await requestSigningCode(signer.id, new Date(), { assisted: true });
    // The code went to her phone (WhatsApp first), not to her email.
    const text = await db.textMessage.findFirstOrThrow({ where: { userId: signer.userId!, kind: "signingCode" }, orderBy: { createdAt: "desc" } });
    expect(text).toMatchObject({ to: "+6281255550101", channel: "WHATSAPP" });
    expect(JSON.parse(text.secrets!)).toEqual([code]);
    // Her password is not asked; a wrong code is refused, the right one once.
    await expect(confirmSignerIdentity(signer.id, { code: code === "000000" ? "111111" : "000000", useCode: true })).rejects.toThrow("wrongCode");
    await confirmSignerIdentity(signer.id, { code, useCode: true });
    await expect(confirmSignerIdentity(signer.id, { code, useCode: true })).rejects.toThrow("wrongCode");
    const actor = await actorFor(officer.email, { actingForGroupId: signer.groupId, ip: "10.0.0.9" });
    await signVersion(actor, { signerId: signer.id, typedName: signer.name, consent: true, ip: "10.0.0.9", userAgent: "vitest", witness: { userId: officer.id, name: officer.name, title: officer.title ?? "", method: "CODE" } });
    const row = await db.mouSigner.findUniqueOrThrow({ where: { id: signer.id } });
    expect(row).toMatchObject({ status: "SIGNED", witnessUserId: officer.id, witnessName: officer.name, assistedMethod: "CODE" });
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: mou.id, action: "mou.signed" } });
    expect(event).toMatchObject({ actorId: officer.id, actingForGroupId: signer.groupId });
    expect(JSON.parse(event.after!)).toMatchObject({ assisted: true, witness: officer.name, confirmedBy: "CODE" });
  });
});

describe("in-person signing page (issue 13 item 10): /mou/:id/assisted capabilities", () => {
  it("only the group's facilitator and the office's Dinas open the session; others find nothing", async () => {
    const { mou, firstSignerId } = await outForSignature();
    const signer = await db.mouSigner.findUniqueOrThrow({ where: { id: firstSignerId } });
    const { assistedSigningFor } = await import("~/mou/assisted.server");
    for (const email of ["pendamping@bermitra.id", "dinas@bermitra.id"]) {
      const session = await assistedSigningFor(await actorFor(email), mou.id);
      expect(session?.signer?.id, email).toBe(signer.id);
    }
    for (const email of ["pendamping3@bermitra.id", "dinas.malang@bermitra.id", "admin@bermitra.id", "kelompok@bermitra.id", "mitra@bermitra.id"]) {
      expect(await assistedSigningFor(await actorFor(email), mou.id), email).toBeNull();
    }
  });

  it("the officer attests presence with her own password; the chair signs; the sealed PDF names the witness", async () => {
    const { mou, firstSignerId } = await outForSignature();
    const signer = await db.mouSigner.findUniqueOrThrow({ where: { id: firstSignerId } });
    const { signAssisted } = await import("~/mou/assisted.server");
    const dinas = await actorFor("dinas@bermitra.id", { ip: "10.0.0.7" });
    const officer = await db.user.findUniqueOrThrow({ where: { id: dinas.actorId } });
    const base = { method: "ATTESTED" as const, typedName: signer.name, consent: true, ip: "10.0.0.7", userAgent: "vitest" };
    await expect(signAssisted(dinas, mou.id, { ...base, attest: false, officerPassword: "bermitra-demo" })).rejects.toThrow("attestRequired");
    await expect(signAssisted(dinas, mou.id, { ...base, attest: true, officerPassword: "not-the-password" })).rejects.toThrow("wrongOfficerPassword");
    // the chair's own password is not the officer's
    expect((await db.mouSigner.findUniqueOrThrow({ where: { id: signer.id } })).status).toBe("NOTIFIED");
    await signAssisted(dinas, mou.id, { ...base, attest: true, officerPassword: "bermitra-demo" });
    const row = await db.mouSigner.findUniqueOrThrow({ where: { id: signer.id } });
    expect(row).toMatchObject({ status: "SIGNED", witnessUserId: officer.id, witnessName: officer.name, assistedMethod: "ATTESTED" });
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: mou.id, action: "mou.signed" } });
    expect(event).toMatchObject({ actorId: officer.id, actingForGroupId: signer.groupId });
    expect(JSON.parse(event.after!)).toMatchObject({ assisted: true, witness: officer.name, confirmedBy: "ATTESTED" });
    // the others sign with their passwords; the sealed PDF names the witness under the chair's signature
    const rest = await db.mouSigner.findMany({ where: { versionId: signer.versionId, status: { not: "SIGNED" } }, orderBy: { order: "asc" } });
    for (const s of rest) {
      await confirmSignerIdentity(s.id, { password: "bermitra-demo" });
      await signVersion(await actorFor(s.email), { signerId: s.id, typedName: s.name, consent: true, ip: "10.0.0.1", userAgent: "vitest" });
    }
    const version = await db.mouVersion.findUniqueOrThrow({ where: { id: signer.versionId } });
    expect(version.sealedAt).not.toBeNull();
    const { pdfPath } = await import("~/mou/seal.server");
    const { pdfPageTexts } = await import("../helpers/pdf-text");
    const text = (await pdfPageTexts(await readFile(pdfPath(version.pdfKey!)))).join("\n");
    expect(text).toContain(officer.name);
    expect(text).toMatch(/saksi|Disaksikan/i);
  });

  it("a code sent from the session is checked like every signing attempt (wrong code refused, then the right one)", async () => {
    const { mou, firstSignerId } = await outForSignature();
    const { sendAssistedCode, signAssisted } = await import("~/mou/assisted.server");
    const facilitator = await actorFor("pendamping@bermitra.id", { ip: "10.0.0.8" });
    await sendAssistedCode(facilitator, mou.id);
    const signer = await db.mouSigner.findUniqueOrThrow({ where: { id: firstSignerId } });
    const message = await db.textMessage.findFirst({ where: { userId: signer.userId!, kind: "signingCode" }, orderBy: { createdAt: "desc" } });
    const mail = await db.emailMessage.findFirst({ where: { to: signer.email!, kind: "mou.signCode" }, orderBy: { createdAt: "desc" } });
    const code = JSON.parse((message ?? mail)!.secrets!)[0] as string;
    expect(await db.auditEvent.count({ where: { entityId: mou.id, action: "mou.assistedCodeSent", actorId: facilitator.actorId } })).toBe(1);
    const base = { method: "CODE" as const, typedName: signer.name, consent: true, ip: "10.0.0.8" };
    await expect(signAssisted(facilitator, mou.id, { ...base, code: code === "000000" ? "111111" : "000000" })).rejects.toThrow("wrongCode");
    await signAssisted(facilitator, mou.id, { ...base, code });
    expect(await db.mouSigner.findUniqueOrThrow({ where: { id: signer.id } })).toMatchObject({ status: "SIGNED", witnessUserId: facilitator.actorId, assistedMethod: "CODE" });
  });
});
