import { db } from "~/db/db.server";
import { createMouFromScratch, sendForSignature, submitForReview } from "~/mou/mou.server";
import { confirmSignerIdentity, signVersion } from "~/mou/signing.server";
import { actorFor as actorForUser } from "./actors";

const actorFor = (email: string) => actorForUser(email, { ip: "127.0.0.1" });

/** A new MoU of Dinas Kota Batu, Hotel Taman Sari Batu and the demo chair's group, sent out for signature. */
export async function mouOutForSignature(period = { startDate: "2027-02-01", endDate: "2027-12-31" }) {
  const dinas = await actorFor("dinas@bermitra.id");
  const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
  const chair = await db.user.findUniqueOrThrow({ where: { email: "kelompok@bermitra.id" } });
  const mou = await createMouFromScratch(dinas, { dinasOfficeId: partner.dinasOfficeId, partnerId: partner.id, groupIds: [chair.groupId!], ...period });
  await submitForReview(dinas, mou.id);
  await sendForSignature(dinas, mou.id);
  return mou;
}

/** Every signer of the MoU's current version confirms with the demo password and signs, in order; the version after. */
export async function signAll(mouId: string) {
  const mou = await db.mou.findUniqueOrThrow({ where: { id: mouId } });
  const signers = await db.mouSigner.findMany({ where: { versionId: mou.currentVersionId! }, orderBy: { order: "asc" } });
  for (const s of signers) {
    await confirmSignerIdentity(s.id, { password: "bermitra-demo" });
    await signVersion(await actorFor(s.email!), { signerId: s.id, typedName: s.name, consent: true, ip: "10.0.0.2", userAgent: "vitest" });
  }
  return db.mouVersion.findUniqueOrThrow({ where: { id: mou.currentVersionId! } });
}
