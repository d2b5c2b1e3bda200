import { randomInt } from "node:crypto";
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFImage, type PDFPage } from "pdf-lib";
import QRCode from "qrcode";
import type { DbClient } from "~/db/db.server";
import { getServerT } from "~/i18n/i18n.server";
import { formatDateTime, formatRupiah } from "~/i18n/format";
import { zoneAbbreviation } from "~/time/calendar";
import { zoneOf } from "~/time/office-zone.server";
import { appUrl } from "~/notifications/notify.server";
import { sha256Hex } from "./canonical";
import { paymentClause, type MouContent } from "./content";
import { readMouContent } from "./stored-content";
import { getObject, localObjectPath, putObject } from "~/storage/object-store.server";

/** The sealed PDF's file in the disk store (tests read it there). */
export function pdfPath(pdfKey: string): string {
  return localObjectPath(pdfKey);
}

/** The sealed PDF's bytes from the object store (~/storage/object-store.server), or null. */
export async function readSealedPdf(pdfKey: string): Promise<Buffer | null> {
  return getObject(pdfKey);
}

const CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/** BMT-XXXX-XXXX, without look-alike characters (0/O, 1/I). */
export function newVerificationCode(random?: () => number): string {
  let s = "";
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[random ? Math.floor(random() * CODE_ALPHABET.length) : randomInt(0, CODE_ALPHABET.length)];
  return `BMT-${s.slice(0, 4)}-${s.slice(4)}`;
}

export function normaliseVerificationCode(input: string): string {
  const raw = input.toUpperCase().replace(/[^A-Z0-9]/g, "");
  const body = raw.startsWith("BMT") ? raw.slice(3) : raw;
  return body.length === 8 ? `BMT-${body.slice(0, 4)}-${body.slice(4)}` : input.trim().toUpperCase();
}

export function verifyUrl(code: string): string {
  return appUrl(`/mou/verify?code=${encodeURIComponent(code)}`);
}

// Standard PDF fonts only encode WinAnsi; anything else is replaced.
const EXTRA = new Set("–—‘’“”•…€");
function safe(text: string): string {
  return Array.from(text.normalize("NFC"))
    .map((ch) => {
      const c = ch.codePointAt(0)!;
      if (ch === "\n" || ch === "\t") return " ";
      if ((c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c <= 0xff) || EXTRA.has(ch)) return ch;
      return "?";
    })
    .join("");
}

type SealSigner = {
  order: number;
  party: string;
  name: string;
  title: string;
  /** null for a chair with only a phone number (decision 109) */
  email: string | null;
  signedAt: Date | null;
  typedName: string | null;
  signatureImage: string | null;
  signedHash: string | null;
  ip: string | null;
  userAgent: string | null;
  /** in-person signing (decision 095) */
  witnessName?: string | null;
  witnessTitle?: string | null;
  assistedMethod?: string | null;
};
type SealEvent = { at: Date; action: string; actorName: string | null; ip: string | null; reason: string | null };

export type SealInput = {
  number: string;
  versionNumber: number;
  content: MouContent;
  contentHash: string;
  verificationCode: string;
  sealedAt: Date;
  signers: SealSigner[];
  events: SealEvent[];
  /** the MoU's office zone: times in the certificate are its wall-clock times, named WIB, WITA or WIT */
  zone: string;
};

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;

class Writer {
  page!: PDFPage;
  y = 0;
  constructor(
    private doc: PDFDocument,
    public font: PDFFont,
    public bold: PDFFont,
    private footer: string,
  ) {
    this.newPage();
  }
  newPage() {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
    this.page.drawText(safe(this.footer), { x: MARGIN, y: 25, size: 7, font: this.font, color: rgb(0.4, 0.4, 0.4) });
  }
  ensure(height: number) {
    if (this.y - height < MARGIN) this.newPage();
  }
  wrap(text: string, size: number, font: PDFFont, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of safe(text).split(/\r?\n/)) {
      let line = "";
      for (const word of paragraph.split(/\s+/)) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, size) <= width) line = candidate;
        else {
          if (line) lines.push(line);
          // a single over-long word (a hash) is cut
          let rest = word;
          while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
            let n = rest.length;
            while (n > 1 && font.widthOfTextAtSize(rest.slice(0, n), size) > width) n--;
            lines.push(rest.slice(0, n));
            rest = rest.slice(n);
          }
          line = rest;
        }
      }
      lines.push(line);
    }
    return lines;
  }
  text(text: string, opts: { size?: number; bold?: boolean; indent?: number; gap?: number; color?: [number, number, number] } = {}) {
    const size = opts.size ?? 10;
    const font = opts.bold ? this.bold : this.font;
    const indent = opts.indent ?? 0;
    for (const line of this.wrap(text, size, font, A4[0] - 2 * MARGIN - indent)) {
      this.ensure(size + 4);
      this.page.drawText(line, { x: MARGIN + indent, y: this.y - size, size, font, color: opts.color ? rgb(...opts.color) : rgb(0, 0, 0) });
      this.y -= size + 4;
    }
    this.y -= opts.gap ?? 2;
  }
  heading(text: string) {
    this.ensure(40);
    this.y -= 6;
    this.text(text, { size: 11, bold: true, gap: 4 });
  }
  list(items: string[], indent = 12) {
    items.forEach((item, i) => this.text(`${i + 1}. ${item}`, { indent }));
  }
}

const WEEKDAYS_ID = ["", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"];

function idDate(day: string): string {
  return day.split("-").reverse().join("/");
}

/** Renders the sealed MoU: the text, the signature block, and an audit certificate page with a QR code. */
export async function renderMouPdf(input: SealInput): Promise<Uint8Array> {
  const t = getServerT("id");
  const c = input.content;
  const doc = await PDFDocument.create();
  doc.setTitle(safe(`${input.number} – ${c.title}`));
  doc.setSubject(safe(`Bermitra MoU ${input.number} v${input.versionNumber}`));
  doc.setKeywords([`verification:${input.verificationCode}`, `sha256:${input.contentHash}`]);
  doc.setProducer("Bermitra");
  doc.setCreator("Bermitra");
  doc.setCreationDate(input.sealedAt);
  doc.setModificationDate(input.sealedAt);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const italic = await doc.embedFont(StandardFonts.HelveticaOblique);
  const w = new Writer(doc, font, bold, `${input.number} · v${input.versionNumber} · ${t("mou:doc.verificationCode")}: ${input.verificationCode} · SHA-256 ${input.contentHash}`);

  w.text(t("mou:doc.heading").toUpperCase(), { size: 15, bold: true });
  w.text(c.title, { size: 12, bold: true });
  w.text(`${t("mou:doc.number")}: ${input.number} · ${t("mou:doc.version")} ${input.versionNumber}`, { gap: 10 });

  w.heading(t("mou:doc.parties"));
  const p = c.parties;
  w.text(`1. ${p.partner.legalName} (${p.partner.displayName}), ${p.partner.address}, ${t("mou:doc.representedBy", { name: p.partner.signatoryName, title: p.partner.signatoryTitle })} ${t("mou:doc.partyPartner")}`);
  p.groups.forEach((g, i) =>
    w.text(`${i + 2}. ${g.name} (${g.type}), ${g.village}, Kec. ${g.kecamatan}, ${t("mou:doc.representedBy", { name: g.chairName, title: `Ketua ${g.name}` })} ${t("mou:doc.partyGroup")}`),
  );
  w.text(`${p.groups.length + 2}. ${p.dinas.name}, ${t("mou:doc.representedBy", { name: p.dinas.signatoryName, title: p.dinas.signatoryTitle })} ${t("mou:doc.partyDinas")}`);

  w.heading(t("mou:doc.background"));
  w.text(c.background);

  w.heading(t("mou:doc.scope"));
  c.scope.items.forEach((item, i) => {
    const group = p.groups.find((g) => g.id === item.groupId)?.name ?? "";
    w.text(`${i + 1}. ${item.description} — ${group}: ${item.quantityPerDelivery} ${t(`mou:unit.${item.unit}`)} × ${formatRupiah(item.unitPrice)} ${t("mou:doc.perDelivery")}`, { indent: 12 });
  });
  if (c.scope.deliveryDays.length) w.text(`${t("mou:doc.deliveryDays")}: ${c.scope.deliveryDays.map((d) => WEEKDAYS_ID[d]).join(", ")}`);
  w.text(`${t("mou:doc.deliveryAddress")}: ${c.scope.deliveryAddress}`);
  w.text(`${t("mou:doc.quality")}: ${c.scope.qualityStandards}`);

  w.heading(t("mou:doc.obligationsPartner"));
  w.list(c.obligations.partner);
  w.heading(t("mou:doc.obligationsGroup"));
  w.list(c.obligations.group);

  w.heading(t("mou:doc.coaching"));
  if (c.coaching.length === 0) w.text(t("mou:doc.noCoaching"));
  c.coaching.forEach((k, i) =>
    w.text(`${i + 1}. ${k.topic}: ${t("mou:doc.coachingLine", { count: k.sessionsCount, frequency: t(`mou:frequency.${k.frequency}`), date: idDate(k.firstDueDate), hours: k.hoursPerSession })}`, { indent: 12 }),
  );

  w.heading(t("mou:doc.payment"));
  w.text(t(`mou:payment.${paymentClause(c.payment).key}`, { days: paymentClause(c.payment).days }));
  w.heading(t("mou:doc.period"));
  w.text(t("mou:doc.periodLine", { start: idDate(c.period.startDate), end: idDate(c.period.endDate) }));
  w.heading(t("mou:doc.termination"));
  w.text(c.termination);
  w.heading(t("mou:doc.dispute"));
  w.text(c.dispute);

  // Signature block
  w.heading(t("mou:doc.signatures"));
  for (const s of input.signers) {
    w.ensure(110);
    const top = w.y;
    w.text(`${t(`mou:party.${s.party}`)}`, { bold: true, size: 9 });
    let image: PDFImage | null = null;
    if (s.signatureImage?.startsWith("data:image/png;base64,")) {
      try {
        image = await doc.embedPng(Buffer.from(s.signatureImage.split(",")[1]!, "base64"));
      } catch {
        image = null;
      }
    }
    if (image) {
      const scale = Math.min(180 / image.width, 50 / image.height);
      w.page.drawImage(image, { x: MARGIN, y: w.y - 50, width: image.width * scale, height: image.height * scale });
    } else {
      w.page.drawText(safe(s.typedName ?? s.name), { x: MARGIN, y: w.y - 32, size: 18, font: italic, color: rgb(0.1, 0.1, 0.45) });
    }
    w.y -= 56;
    w.page.drawLine({ start: { x: MARGIN, y: w.y + 2 }, end: { x: MARGIN + 200, y: w.y + 2 }, thickness: 0.5 });
    w.text(s.name, { bold: true });
    w.text(s.title, { size: 9 });
    w.text(`${t("mou:doc.signedAt")}: ${formatDateTime(s.signedAt, input.zone)} ${zoneAbbreviation(input.zone)}`, { size: 9, gap: s.witnessName ? 2 : 10 });
    if (s.witnessName) w.text(t("mou:doc.witnessedBy", { name: s.witnessName, title: s.witnessTitle ?? "" }), { size: 9, gap: 10 });
    if (w.y > top) w.y = top - 110;
  }

  // Audit certificate
  w.newPage();
  w.text(t("mou:doc.certificate").toUpperCase(), { size: 14, bold: true, gap: 8 });
  const qr = await doc.embedPng(await QRCode.toBuffer(verifyUrl(input.verificationCode), { type: "png", margin: 1, width: 240, errorCorrectionLevel: "M" }));
  w.page.drawImage(qr, { x: A4[0] - MARGIN - 110, y: w.y - 110, width: 110, height: 110 });
  const textWidthLimit = 300;
  void textWidthLimit;
  w.text(`${t("mou:doc.number")}: ${input.number}`, { indent: 0 });
  w.text(`${t("mou:doc.version")}: ${input.versionNumber}`);
  w.text(`${t("mou:doc.verificationCode")}: ${input.verificationCode}`, { bold: true });
  w.text(`${t("mou:doc.sealedAt")}: ${formatDateTime(input.sealedAt, input.zone)} ${zoneAbbreviation(input.zone)}`);
  w.text(`${t("mou:doc.documentHash")}:`);
  w.text(input.contentHash, { size: 8 });
  w.text(`${t("mou:doc.verifyAt")}: ${verifyUrl(input.verificationCode)}`, { size: 8, gap: 20 });
  if (w.y > A4[1] - MARGIN - 130) w.y = A4[1] - MARGIN - 130;

  w.heading(t("mou:doc.signers"));
  for (const s of input.signers) {
    w.text(`${s.order}. ${s.name} — ${s.title} (${t(`mou:party.${s.party}`)})`, { bold: true, size: 9 });
    w.text(`${s.email ? `${t("mou:doc.email")}: ${s.email} · ` : ""}${t("mou:doc.signedAt")}: ${formatDateTime(s.signedAt, input.zone)} ${zoneAbbreviation(input.zone)} · IP: ${s.ip ?? "—"}`, { size: 8, indent: 12 });
    w.text(`${t("mou:doc.userAgent")}: ${(s.userAgent ?? "—").slice(0, 160)}`, { size: 8, indent: 12 });
    if (s.witnessName) {
      w.text(`${t("mou:doc.assisted", { name: s.witnessName, title: s.witnessTitle ?? "" })} ${t(`mou:doc.assistedMethod.${s.assistedMethod === "CODE" ? "CODE" : "ATTESTED"}`)}`, { size: 8, indent: 12 });
    }
    w.text(`${t("mou:doc.signedHash")}: ${s.signedHash ?? "—"}`, { size: 8, indent: 12, gap: 6 });
  }
  w.heading(t("mou:doc.events"));
  for (const e of input.events) {
    const label = t(`audit:actions.${e.action}`, { defaultValue: e.action });
    w.text(`${formatDateTime(e.at, input.zone)} ${zoneAbbreviation(input.zone)} · ${label} · ${e.actorName ?? t("audit:system")}${e.ip ? ` · IP ${e.ip}` : ""}${e.reason ? ` · ${e.reason}` : ""}`, { size: 8 });
  }
  return doc.save();
}

/** A verification code no other version has; assigned inside the transaction that completes the signing. */
export async function uniqueVerificationCode(tx: DbClient): Promise<string> {
  let verificationCode = newVerificationCode();
  while (await tx.mouVersion.findUnique({ where: { verificationCode }, select: { id: true } })) verificationCode = newVerificationCode();
  return verificationCode;
}

/**
 * Renders and stores the sealed PDF of a fully signed version (its verification code already assigned) and
 * returns what the version row records. Slow work (PDF, QR code, file write): called after the signing
 * transaction committed, never inside a write transaction (app/mou/sealing.server.ts).
 */
export async function renderAndStoreSeal(client: DbClient, versionId: string, sealedAt: Date) {
  const version = await client.mouVersion.findUniqueOrThrow({
    where: { id: versionId },
    include: { mou: { select: { id: true, number: true, dinasOffice: { select: { timeZone: true } } } }, signers: { orderBy: { order: "asc" } } },
  });
  if (!version.verificationCode) throw new Error(`MoU version ${versionId} has no verification code yet`);
  const verificationCode = version.verificationCode;
  const events = await client.auditEvent.findMany({ where: { entityType: "Mou", entityId: version.mouId }, orderBy: { at: "asc" }, select: { at: true, action: true, actorName: true, ip: true, reason: true } });
  const bytes = await renderMouPdf({
    number: version.mou.number,
    versionNumber: version.versionNumber,
    content: readMouContent(version.content, versionId),
    contentHash: version.contentHash,
    verificationCode,
    sealedAt,
    signers: version.signers,
    events,
    zone: zoneOf(version.mou.dinasOffice),
  });
  const pdfKey = `mou/${version.mouId}/v${version.versionNumber}-${verificationCode}.pdf`;
  // On disk written then renamed, so a crash never leaves a half-written sealed file under its final name.
  await putObject(pdfKey, bytes, "application/pdf");
  return { pdfKey, pdfHash: sha256Hex(bytes) };
}
