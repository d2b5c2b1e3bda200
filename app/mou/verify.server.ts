import { zoneOf } from "~/time/office-zone.server";
import { db } from "~/db/db.server";
import { contentHash, sha256Hex } from "./canonical";
import type { MouContent } from "./content";
import { normaliseVerificationCode, readSealedPdf } from "./seal.server";

export type VerificationResult =
  | { authentic: false; reason: "unknown" | "altered" | "pending" }
  | {
      authentic: true;
      number: string;
      title: string;
      versionNumber: number;
      verificationCode: string;
      contentHash: string;
      sealedAt: string;
      mouStatus: string;
      /** a later signed version (an amendment) replaced this one */
      superseded: boolean;
      inForce: boolean;
      period: { startDate: string; endDate: string };
      /** the MoU's office zone: the signing times print in it (decision 123) */
      zone: string;
      parties: { partner: string; groups: string[]; dinas: string };
      signers: { name: string; title: string; party: string; signedAt: string | null }[];
    };

async function resultFor(where: { verificationCode: string } | { pdfHash: string }, pdfBytes?: Uint8Array): Promise<VerificationResult> {
  const version = await db.mouVersion.findFirst({
    where: { ...where, sealedAt: { not: null } },
    include: { mou: { select: { number: true, status: true, activeVersionId: true, dinasOffice: { select: { timeZone: true } } } }, signers: { orderBy: { order: "asc" } } },
  });
  if (!version || !version.verificationCode || !version.pdfHash) {
    // Signed by everyone a moment ago, its sealed PDF still being made (app/mou/sealing.server.ts).
    if ("verificationCode" in where && (await db.mouVersion.count({ where: { verificationCode: where.verificationCode, sealedAt: null } })) > 0) {
      return { authentic: false, reason: "pending" };
    }
    return { authentic: false, reason: "unknown" };
  }
  // The record itself must be intact: content ↔ hash, every signature bound to that hash, stored PDF ↔ its hash.
  let content: MouContent;
  try {
    content = JSON.parse(version.content) as MouContent;
  } catch {
    return { authentic: false, reason: "altered" };
  }
  const hash = contentHash(content);
  if (hash !== version.contentHash) return { authentic: false, reason: "altered" };
  if (version.signers.length === 0 || version.signers.some((s) => s.status !== "SIGNED" || s.signedHash !== hash)) return { authentic: false, reason: "altered" };
  if (pdfBytes && sha256Hex(pdfBytes) !== version.pdfHash) return { authentic: false, reason: "altered" };
  if (!pdfBytes && version.pdfKey) {
    const stored = await readSealedPdf(version.pdfKey);
    if (stored && sha256Hex(stored) !== version.pdfHash) return { authentic: false, reason: "altered" };
  }
  const superseded = version.status === "SUPERSEDED" || (version.mou.activeVersionId !== null && version.mou.activeVersionId !== version.id);
  return {
    authentic: true,
    number: version.mou.number,
    title: content.title,
    versionNumber: version.versionNumber,
    verificationCode: version.verificationCode,
    contentHash: version.contentHash,
    sealedAt: version.sealedAt!.toISOString(),
    mouStatus: version.mou.status,
    superseded,
    inForce: version.mou.status === "ACTIVE" && !superseded,
    period: content.period,
    zone: zoneOf(version.mou.dinasOffice),
    parties: { partner: content.parties.partner.legalName, groups: content.parties.groups.map((g) => g.name), dinas: content.parties.dinas.name },
    signers: version.signers.map((s) => ({ name: s.name, title: s.title, party: s.party, signedAt: s.signedAt?.toISOString() ?? null })),
  };
}

/** Looks a verification code up (BMT-XXXX-XXXX; case, spaces and dashes do not matter). */
export async function verifyByCode(input: string): Promise<VerificationResult> {
  const code = normaliseVerificationCode(input ?? "");
  if (!/^BMT-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/.test(code)) return { authentic: false, reason: "unknown" };
  return resultFor({ verificationCode: code });
}

/**
 * An uploaded PDF is authentic only if it is byte for byte the sealed file: its SHA-256 must be the
 * hash recorded when it was sealed. Any changed byte gives another hash, hence "not authentic".
 */
export async function verifyPdf(bytes: Uint8Array): Promise<VerificationResult> {
  if (!bytes || bytes.length === 0) return { authentic: false, reason: "unknown" };
  return resultFor({ pdfHash: sha256Hex(bytes) }, bytes);
}
