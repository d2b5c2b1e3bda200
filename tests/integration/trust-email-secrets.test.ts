import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { db } from "~/db/db.server";
import { requestPasswordReset, resetPassword } from "~/accounts/accounts.server";
import { enqueueEmail } from "~/email/outbox.server";
import { REDACTED } from "~/email/redact";
import { mailDir, sendPendingEmails } from "~/email/sender.server";
import { createMouFromScratch, parseContent, sendForSignature, submitForReview, updateDraftContent } from "~/mou/mou.server";
import { requestSigningCode, signerForToken } from "~/mou/signing.server";
import { loader as emailsLoader } from "~/routes/admin.emails";
import { actorFor } from "../helpers/actors";
import { cookieFor, getRequest, responseOf } from "../helpers/requests";

/**
 * Regression (issue 10): /admin/emails showed working password-reset links and signing codes, kept in clear
 * text forever. Now the admin view never shows a usable secret and the stored copy keeps none once delivered.
 */
async function adminView(to: string): Promise<string> {
  const cookie = await cookieFor("admin@bermitra.id");
  const response = await responseOf(() => emailsLoader({ request: getRequest(`/admin/emails?to=${encodeURIComponent(to)}`, cookie), params: {}, context: {} }));
  expect(response.status).toBe(200);
  return JSON.stringify(await response.json());
}

/** The delivered message (the demo's mailbox: .eml files), decoded from quoted-printable. */
function delivered(id: string): string {
  const file = readdirSync(mailDir()).find((f) => f.includes(id))!;
  return readFileSync(`${mailDir()}/${file}`, "utf8").replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

describe("emails keep no live secret", () => {
  it("a reset link is delivered, then redacted in the stored copy; the admin view never shows it", async () => {
    await requestPasswordReset("mitra@bermitra.id");
    const pending = await db.emailMessage.findFirstOrThrow({ where: { to: "mitra@bermitra.id", kind: "password-reset" } });
    const token = pending.text.match(/reset-password\/([A-Za-z0-9_-]+)/)![1]!;
    expect(await adminView("mitra@bermitra.id")).not.toContain(token);
    expect(await adminView("mitra@bermitra.id")).toContain(`reset-password/${REDACTED}`);

    await sendPendingEmails(500);
    const stored = await db.emailMessage.findUniqueOrThrow({ where: { id: pending.id } });
    expect(stored.status).toBe("SENT");
    expect(stored.text).not.toContain(token);
    expect(stored.secrets).toBeNull();
    expect(await adminView("mitra@bermitra.id")).not.toContain(token);
    // The recipient got the working link.
    expect(delivered(pending.id)).toContain(token);
    await resetPassword(token, "kata-sandi-baru-2026");
  });

  it("signing links and codes are redacted the same way", async () => {
    const dinas = await actorFor("dinas@bermitra.id");
    const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
    const chair = await db.user.findUniqueOrThrow({ where: { email: "kelompok@bermitra.id" } });
    const mou = await createMouFromScratch(dinas, { dinasOfficeId: partner.dinasOfficeId, partnerId: partner.id, groupIds: [chair.groupId!], startDate: "2027-01-01", endDate: "2027-12-31" });
    const version = await db.mouVersion.findFirstOrThrow({ where: { mouId: mou.id } });
    const c = parseContent(version.content);
    const external = "ketua.luar@example.test";
    c.parties.groups[0]!.chairEmail = external;
    await updateDraftContent(dinas, mou.id, c);
    await submitForReview(dinas, mou.id);
    const { token, firstSignerId } = await sendForSignature(dinas, mou.id);
    const code = await requestSigningCode(firstSignerId);

    const view = await adminView(external);
    expect(view).not.toContain(token);
    expect(view).not.toContain(code);
    await sendPendingEmails(500);
    const rows = await db.emailMessage.findMany({ where: { to: external } });
    expect(rows.map((r) => r.kind).sort()).toEqual(["mou.signCode", "mou.signRequest"]);
    for (const row of rows) {
      expect(row.text).not.toContain(token);
      expect(row.text).not.toContain(code);
      expect(row.text).toContain(REDACTED);
      expect(row.secrets).toBeNull();
    }
    expect(await adminView(external)).not.toContain(token);
    // The link itself still works for the signer, who received it.
    expect(await signerForToken(token)).not.toBeNull();
  });

  it("a message given up after 5 failed attempts is redacted too; a link nobody listed as secret is still hidden", async () => {
    const message = await enqueueEmail(db, { to: "x@example.test", subject: "s", text: "Kode 482913, tautan http://localhost/sign/abcdefghijklmnopqrstuvwxyz0123", kind: "test", secrets: ["482913"] });
    await db.emailMessage.update({ where: { id: message.id }, data: { attempts: 4 } });
    const dir = process.env.MAIL_DIR;
    const notADirectory = path.join(os.tmpdir(), `bermitra-mail-${randomUUID()}`);
    writeFileSync(notADirectory, "");
    process.env.MAIL_DIR = notADirectory; // a file, so delivery fails
    try {
      expect((await sendPendingEmails(500)).failed).toBeGreaterThan(0);
    } finally {
      process.env.MAIL_DIR = dir;
    }
    const stored = await db.emailMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(stored.status).toBe("FAILED");
    expect(stored.text).toBe(`Kode ${REDACTED}, tautan http://localhost/sign/${REDACTED}`);

    await db.emailMessage.create({ data: { to: "y@example.test", subject: "s", text: "http://localhost/reset-password/abcdefghijklmnopqrstuvwxyz0123", kind: "password-reset" } });
    expect(await adminView("y@example.test")).not.toContain("abcdefghijklmnopqrstuvwxyz0123");
  });
});
