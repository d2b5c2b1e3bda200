import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { db } from "~/db/db.server";
import { pdfPath } from "~/mou/seal.server";
import { uploadRoot } from "~/storage/object-store.server";
import { sealPendingVersions } from "~/mou/sealing.server";
import { verifyByCode } from "~/mou/verify.server";
import { mouOutForSignature, signAll } from "../helpers/mou-fixture";

describe("sealing the MoU PDF after the last signature commits (decision 073)", () => {
  it("a failed seal leaves the MoU signed and active, is visible to Dinas, and the job retries until sealed", async () => {
    const mou = await mouOutForSignature();
    // The uploads folder cannot take the PDF: a plain file sits where the MoU folder must be created.
    const mouDir = path.join(uploadRoot(), "mou");
    rmSync(mouDir, { recursive: true, force: true });
    mkdirSync(path.dirname(mouDir), { recursive: true });
    writeFileSync(mouDir, "not a folder");
    try {
      const version = await signAll(mou.id);
      // The signatures are committed whatever happens to the PDF: the PDF is not made inside their transaction
      // (if it were, this failure would have rolled the last signature back).
      expect(version.status).toBe("SIGNED");
      expect(version.verificationCode).toMatch(/^BMT-/);
      expect(version.sealedAt).toBeNull();
      expect(version.pdfKey).toBeNull();
      expect(version.sealAttempts).toBe(1);
      expect(version.sealError).toMatch(/EEXIST|ENOTDIR|not a directory|file already exists/i);
      expect((await db.mou.findUniqueOrThrow({ where: { id: mou.id } })).status).toBe("ACTIVE");
      const dinas = await db.user.findUniqueOrThrow({ where: { email: "dinas@bermitra.id" } });
      expect(await db.notification.count({ where: { userId: dinas.id, kind: "mou:notify.sealFailed" } })).toBe(1);
      expect(await verifyByCode(version.verificationCode!)).toEqual({ authentic: false, reason: "pending" });

      // Another failed attempt is counted, not notified again.
      expect(await sealPendingVersions(new Date())).toMatchObject({ sealed: 0, failed: 1 });
      expect((await db.mouVersion.findUniqueOrThrow({ where: { id: version.id } })).sealAttempts).toBe(2);
      expect(await db.notification.count({ where: { userId: dinas.id, kind: "mou:notify.sealFailed" } })).toBe(1);

      // The fault is repaired: the next run seals it.
      rmSync(mouDir, { force: true });
      expect(await sealPendingVersions(new Date())).toMatchObject({ sealed: 1, failed: 0 });
      const sealed = await db.mouVersion.findUniqueOrThrow({ where: { id: version.id } });
      expect(sealed.sealedAt).not.toBeNull();
      expect(sealed.sealError).toBeNull();
      expect(existsSync(pdfPath(sealed.pdfKey!))).toBe(true);
      expect((await verifyByCode(version.verificationCode!)).authentic).toBe(true);
      const actions = (await db.auditEvent.findMany({ where: { entityType: "Mou", entityId: mou.id }, orderBy: { at: "asc" } })).map((e) => e.action);
      expect(actions.slice(-2)).toEqual(["mou.completed", "mou.sealed"]);
      // Nothing left to do.
      expect(await sealPendingVersions(new Date())).toEqual({ sealed: 0, failed: 0 });
    } finally {
      if (existsSync(mouDir) && !existsSync(path.join(mouDir, "."))) rmSync(mouDir, { force: true });
    }
  });
});
