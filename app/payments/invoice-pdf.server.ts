import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import sharp from "sharp";
import { db } from "~/db/db.server";
import { getServerT } from "~/i18n/i18n.server";
import { formatDate, formatRupiah, formatNumber } from "~/i18n/format";
import type { getInvoice } from "./invoices.server";
import { outstandingOf } from "./payments.server";
import { confirmedPayoutAccount } from "./payout.server";
import { readStored } from "./uploads.server";

type FullInvoice = NonNullable<Awaited<ReturnType<typeof getInvoice>>>;

/** Characters outside WinAnsi (the standard PDF fonts) are replaced so pdf-lib never throws. */
function ascii(text: string): string {
  return text.normalize("NFKD").replace(/[^\x20-\x7E]/g, "");
}

/** The invoice as an A4 PDF in the reader's language. */
export async function renderInvoicePdf(invoice: FullInvoice, locale: string): Promise<Uint8Array> {
  const t = getServerT(locale);
  const pdf = await PDFDocument.create();
  pdf.setTitle(invoice.number);
  pdf.setCreator("Bermitra");
  const page = pdf.addPage([595.28, 841.89]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let y = 790;
  const left = 50;
  const text = (s: string, x: number, size = 10, f = font) => page.drawText(ascii(s), { x, y, size, font: f, color: rgb(0.1, 0.1, 0.1) });
  const right = (s: string, xRight: number, size = 10, f = font) => {
    const w = f.widthOfTextAtSize(ascii(s), size);
    page.drawText(ascii(s), { x: xRight - w, y, size, font: f });
  };

  text(t("payments:pdf.title"), left, 20, bold);
  right(invoice.number, 545, 12, bold);
  y -= 30;
  text(t("payments:pdf.from"), left, 9, bold);
  text(t("payments:pdf.to"), 310, 9, bold);
  y -= 14;
  text(invoice.group.name, left, 11, bold);
  text(invoice.partner.legalName, 310, 11, bold);
  y -= 13;
  text(invoice.group.address ?? "", left, 9);
  text(invoice.partner.address, 310, 9);
  y -= 13;
  text(invoice.group.phone ?? "", left, 9);
  y -= 24;
  const meta: [string, string][] = [
    [t("payments:pdf.order"), invoice.order.number],
    [t("payments:pdf.issued"), formatDate(invoice.issuedAt, invoice.zone)],
    [t("payments:pdf.due"), formatDate(invoice.dueAt, invoice.zone)],
    ...(invoice.order.mou ? ([[t("payments:pdf.mou"), invoice.order.mou.number]] as [string, string][]) : []),
  ];
  for (const [k, v] of meta) {
    text(k, left, 10, bold);
    text(v, 160, 10);
    y -= 14;
  }
  y -= 10;
  page.drawLine({ start: { x: left, y: y + 4 }, end: { x: 545, y: y + 4 }, thickness: 0.5 });
  y -= 10;
  text(t("payments:pdf.item"), left, 9, bold);
  right(t("payments:pdf.ordered"), 330, 9, bold);
  right(t("payments:pdf.accepted"), 400, 9, bold);
  right(t("payments:pdf.price"), 470, 9, bold);
  right(t("payments:pdf.amount"), 545, 9, bold);
  y -= 16;
  for (const line of invoice.order.lines) {
    const accepted = line.acceptedQty ?? line.quantity;
    text(line.description.slice(0, 48), left, 9);
    right(formatNumber(line.quantity), 330, 9);
    right(formatNumber(accepted), 400, 9);
    right(formatRupiah(line.unitPrice), 470, 9);
    right(formatRupiah(accepted * line.unitPrice), 545, 9);
    y -= 14;
    if (line.rejectedQty) {
      text(t("payments:pdf.rejected", { count: line.rejectedQty }), left + 10, 8);
      y -= 12;
    }
  }
  page.drawLine({ start: { x: 330, y: y + 6 }, end: { x: 545, y: y + 6 }, thickness: 0.5 });
  y -= 8;
  text(t("payments:pdf.total"), 330, 11, bold);
  right(formatRupiah(invoice.amountRupiah), 545, 11, bold);
  y -= 16;
  const outstanding = invoice.status === "PAID" ? 0 : outstandingOf(invoice.amountRupiah, invoice.payments);
  text(t("payments:pdf.outstanding"), 330, 10);
  right(formatRupiah(outstanding), 545, 10);
  y -= 30;
  text(t(`enums:invoiceStatus.${invoice.status}`, { defaultValue: invoice.status }), left, 12, bold);
  // where to pay: the group's confirmed payout details (never a change still waiting for confirmation)
  const payout = await confirmedPayoutAccount(db, invoice.group.id);
  y -= 26;
  text(t("payments:pdf.payTo"), left, 10, bold);
  y -= 14;
  if (payout) {
    text(t("payments:pdf.payBank", { bank: payout.bankName }), left, 10);
    y -= 13;
    text(t("payments:pdf.payNumber", { number: payout.accountNumber }), left, 10, bold);
    y -= 13;
    text(t("payments:pdf.payHolder", { holder: payout.holderName }), left, 10);
    const stored = payout.qrisKey ? await readStored(payout.qrisKey) : null;
    if (stored) {
      // any stored type (PNG, JPEG, WebP) is drawn as a PNG of at most 400 px
      const png = await sharp(stored.bytes).resize({ width: 400, height: 400, fit: "inside", withoutEnlargement: true }).png().toBuffer();
      const image = await pdf.embedPng(png);
      const size = image.scaleToFit(130, 130);
      text(t("payments:pdf.payQris"), 330, 9);
      page.drawImage(image, { x: 330, y: y - size.height - 4, width: size.width, height: size.height });
      y -= Math.max(0, size.height - 20);
    }
  } else {
    text(t("payments:pdf.payNone"), left, 10);
  }
  y -= 30;
  text(t("payments:pdf.footer"), left, 8);
  return pdf.save();
}
