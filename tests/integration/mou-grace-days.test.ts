import { db } from "~/db/db.server";
import { getServerT } from "~/i18n/i18n.server";
import { paymentClause, type MouContent } from "~/mou/content";
import { parseContentForm } from "~/mou/content-form.server";
import { readMouContent } from "~/mou/stored-content";
import { dueDateFor } from "~/payments/invoices.server";
import { formatDateTime } from "~/i18n/format";

/** The MoU editor's fields for a content, as the edit form posts them (payment fields given by the test). */
function form(c: MouContent, payment: Record<string, string>): FormData {
  const fields: Record<string, string | string[]> = {
    title: c.title,
    partnerSignatoryName: c.parties.partner.signatoryName || "Penanda tangan",
    partnerSignatoryTitle: c.parties.partner.signatoryTitle || "Pimpinan",
    dinasSignatoryName: c.parties.dinas.signatoryName || "Kepala Dinas",
    dinasSignatoryTitle: c.parties.dinas.signatoryTitle || "Kepala Dinas Sosial",
    background: c.background,
    deliveryAddress: c.scope.deliveryAddress,
    qualityStandards: c.scope.qualityStandards || "Sesuai contoh",
    "deliveryDays[]": c.scope.deliveryDays.map(String),
    obligationsPartner: c.obligations.partner.join("\n"),
    obligationsGroup: c.obligations.group.join("\n"),
    termination: c.termination,
    dispute: c.dispute,
    startDate: c.period.startDate,
    endDate: c.period.endDate,
    itemRows: String(c.scope.items.length),
    coachingRows: String(c.coaching.length),
    ...payment,
  };
  c.parties.groups.forEach((g, i) => (fields[`group${i}ChairName`] = g.chairName || "Ketua"));
  c.scope.items.forEach((item, i) => {
    Object.assign(fields, { [`item${i}Description`]: item.description, [`item${i}GroupId`]: item.groupId, [`item${i}Unit`]: item.unit, [`item${i}ProductId`]: item.productId ?? "", [`item${i}Quantity`]: String(item.quantityPerDelivery), [`item${i}UnitPrice`]: String(item.unitPrice) });
  });
  c.coaching.forEach((k, i) => {
    Object.assign(fields, { [`coaching${i}Topic`]: k.topic, [`coaching${i}Frequency`]: k.frequency, [`coaching${i}Sessions`]: String(k.sessionsCount), [`coaching${i}FirstDueDate`]: k.firstDueDate, [`coaching${i}Hours`]: String(k.hoursPerSession) });
  });
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) data.append(k, one);
  return data;
}

describe("the MoU form sets the payment grace days (decision 079)", () => {
  it("reads grace days for payment on delivery, refuses bad values next to the field, and the clause names them", async () => {
    const version = await db.mouVersion.findFirstOrThrow({ where: { status: { in: ["DRAFT", "IN_REVIEW"] } } });
    const base = readMouContent(version.content, version.id);

    const withGrace = parseContentForm(form(base, { paymentKind: "ON_DELIVERY", graceDays: "3" }), base);
    expect(withGrace.ok && withGrace.content.payment).toEqual({ kind: "ON_DELIVERY", graceDays: 3 });
    // blank or 0: no grace, stored without the field (existing MoU hashes unchanged)
    for (const graceDays of ["", "0"]) {
      const none = parseContentForm(form(base, { paymentKind: "ON_DELIVERY", graceDays }), base);
      expect(none.ok && none.content.payment).toEqual({ kind: "ON_DELIVERY" });
    }
    for (const [graceDays, message] of [["61", /validation:/], ["-1", /validation:/], ["2.5", /validation:wholeNumber/], ["tiga", /validation:/]] as const) {
      const bad = parseContentForm(form(base, { paymentKind: "ON_DELIVERY", graceDays }), base);
      expect(bad.ok, graceDays).toBe(false);
      if (!bad.ok) expect(bad.errors.graceDays, graceDays).toMatch(message);
    }
    // ignored for other kinds
    const net = parseContentForm(form(base, { paymentKind: "NET_DAYS", netDays: "30", graceDays: "tiga" }), base);
    expect(net.ok && net.content.payment).toEqual({ kind: "NET_DAYS", netDays: 30 });

    // the page, the summary and the sealed PDF all word it from paymentClause
    expect(paymentClause({ kind: "ON_DELIVERY", graceDays: 3 })).toEqual({ key: "ON_DELIVERY_GRACE", days: 3 });
    expect(getServerT("id")("mou:payment.ON_DELIVERY_GRACE", { days: 3 })).toBe("Dibayar paling lambat 3 hari setelah barang diterima.");
    expect(getServerT("en")("mou:summary.pay.ON_DELIVERY_GRACE", { days: 3 })).toBe("Pays at most 3 days after the goods are received.");
    expect(getServerT("id")("mou:payment.ON_DELIVERY", {})).toBe("Dibayar saat barang diterima.");

    // and the invoice is due at the end of the delivery day plus the grace (WIB, WITA, WIT)
    const delivered = new Date("2026-11-20T03:00:00Z");
    expect(formatDateTime(dueDateFor({ kind: "ON_DELIVERY", graceDays: 3 }, { issuedAt: delivered, deliveryDate: delivered }, "Asia/Jakarta"), "Asia/Jakarta")).toBe("23/11/2026 23:59");
    expect(formatDateTime(dueDateFor({ kind: "ON_DELIVERY", graceDays: 3 }, { issuedAt: delivered, deliveryDate: delivered }, "Asia/Jayapura"), "Asia/Jayapura")).toBe("23/11/2026 23:59");
  });
});
