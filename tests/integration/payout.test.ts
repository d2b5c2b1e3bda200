import sharp from "sharp";
import { db } from "~/db/db.server";
import { renderInvoicePdf } from "~/payments/invoice-pdf.server";
import { getInvoice } from "~/payments/invoices.server";
import { confirmedPayoutAccount, decidePayoutAccount, normaliseAccountNumber, payoutForInvoice, payoutPage, saveQrisImage, submitPayoutAccount } from "~/payments/payout.server";
import { actorFor } from "../helpers/actors";

// Issue 13 item 5: where a group is paid; a change shows only once someone else confirmed it.

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    parts.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  return parts.join("\n");
}

async function groupA() {
  return db.group.findUniqueOrThrow({ where: { slug: "kpm-melati-sisir" }, select: { id: true } });
}

describe("group payout details", () => {
  it("normalises account numbers to 5–20 digits", () => {
    expect(normaliseAccountNumber("0123-4567 8901")).toBe("012345678901");
    expect(normaliseAccountNumber("12ab34")).toBeNull();
    expect(normaliseAccountNumber("1234")).toBeNull();
  });

  it("a change is pending until the facilitator or Dinas (not its author) confirms it; only the confirmed one reaches the invoice", async () => {
    const group = await groupA();
    const chair = await actorFor("kelompok@bermitra.id");
    const facilitator = await actorFor("pendamping@bermitra.id", { actingForGroupId: group.id });
    const dinas = await actorFor("dinas@bermitra.id");
    const dinasMalang = await actorFor("dinas.malang@bermitra.id");
    const before = await confirmedPayoutAccount(db, group.id);

    const first = await submitPayoutAccount(chair, group.id, { bankName: "BRI", accountNumber: "0123 4567 8901 234", holderName: "KPM Melati Sisir" });
    expect(await confirmedPayoutAccount(db, group.id)).toEqual(before); // not shown yet
    // the chair cannot confirm; Dinas of another office does not even find it
    await expect(decidePayoutAccount(chair, first.id, "confirm")).rejects.toMatchObject({ key: "errors:notFound" });
    await expect(decidePayoutAccount(dinasMalang, first.id, "confirm")).rejects.toMatchObject({ key: "errors:notFound" });
    // a refusal needs a reason
    await expect(decidePayoutAccount(dinas, first.id, "reject", "")).rejects.toMatchObject({ key: "errors:reasonRequired" });
    const page = await payoutPage(facilitator, group.id);
    expect(page).toMatchObject({ canConfirm: true, pending: { id: first.id, accountNumber: "012345678901234" } });
    await decidePayoutAccount(facilitator, first.id, "confirm");
    expect(await confirmedPayoutAccount(db, group.id)).toMatchObject({ id: first.id, bankName: "BRI", accountNumber: "012345678901234" });
    expect(await payoutForInvoice(group.id)).toMatchObject({ accountNumber: "012345678901234", holderName: "KPM Melati Sisir" });

    // the facilitator enters a change for the group: it cannot confirm its own entry; Dinas does
    const second = await submitPayoutAccount(facilitator, group.id, { bankName: "Bank Jatim", accountNumber: "9988776655", holderName: "Siti Aminah" });
    await expect(decidePayoutAccount(facilitator, second.id, "confirm")).rejects.toMatchObject({ key: "payments:errors.payoutOwnChange" });
    expect((await payoutPage(facilitator, group.id))?.canConfirm).toBe(false);
    expect((await confirmedPayoutAccount(db, group.id))?.id).toBe(first.id);
    await decidePayoutAccount(dinas, second.id, "confirm");
    expect((await confirmedPayoutAccount(db, group.id))?.id).toBe(second.id);
    expect((await db.groupPayoutAccount.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("SUPERSEDED");
    // a confirmed entry cannot be decided again (transition table)
    await expect(decidePayoutAccount(dinas, second.id, "reject", "salah")).rejects.toMatchObject({ key: "errors:transitionNotAllowed" });

    const third = await submitPayoutAccount(chair, group.id, { bankName: "BNI", accountNumber: "1111122222", holderName: "Orang Lain" });
    await decidePayoutAccount(dinas, third.id, "reject", "Nama pemilik bukan pengurus kelompok");
    expect((await confirmedPayoutAccount(db, group.id))?.id).toBe(second.id);

    const actions = (await db.auditEvent.findMany({ where: { entityType: "Group", entityId: group.id, action: { startsWith: "payout." } } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["payout.submitted", "payout.confirmed", "payout.rejected"]));
    expect(await db.notification.count({ where: { kind: "payments:notify.payoutPending" } })).toBeGreaterThan(0);
  });

  it("the QRIS image is typed by its content: a PDF or text named .png is refused", async () => {
    const png = await sharp({ create: { width: 40, height: 40, channels: 3, background: "#000" } }).png().toBuffer();
    expect(await saveQrisImage(new File([png], "qris.png", { type: "image/png" }))).toMatch(/^payout\/.+\.png$/);
    await expect(saveQrisImage(new File([Buffer.from("%PDF-1.4 x")], "qris.png", { type: "image/png" }))).rejects.toMatchObject({ key: "payments:errors.qrisType", field: "qris" });
    await expect(saveQrisImage(new File([Buffer.from("hello")], "qris.png", { type: "image/png" }))).rejects.toMatchObject({ key: "payments:errors.qrisType" });
  });

  it("the invoice PDF names the confirmed bank, number and holder and carries the QRIS", async () => {
    const group = await groupA();
    const dinas = await actorFor("dinas@bermitra.id");
    const chair = await actorFor("kelompok@bermitra.id");
    const png = await sharp({ create: { width: 60, height: 60, channels: 3, background: "#123456" } }).png().toBuffer();
    const qrisKey = await saveQrisImage(new File([png], "qris.png", { type: "image/png" }));
    const entry = await submitPayoutAccount(chair, group.id, { bankName: "BRI Unit Batu", accountNumber: "555566667777", holderName: "KPM Melati Sisir" , qrisKey });
    await decidePayoutAccount(dinas, entry.id, "confirm");
    const invoiceRow = await db.invoice.findFirstOrThrow({ where: { groupId: group.id } });
    const invoice = (await getInvoice(dinas, invoiceRow.id))!;
    const bytes = await renderInvoicePdf(invoice, "id");
    const text = await pdfText(bytes);
    expect(text).toContain("Bayar ke");
    expect(text).toContain("555566667777");
    expect(text).toContain("BRI Unit Batu");
    expect(Buffer.from(bytes).includes(Buffer.from("/Subtype /Image"))).toBe(true);
  });
});
