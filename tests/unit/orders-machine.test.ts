import { orderMachine } from "~/orders/order-machine";
import { addDays, groupCode, invoiceNumber } from "~/orders/numbers";
import { validateReceiptLine } from "~/orders/delivery.server";
import { deliveryDaysAhead, periodKeyFor } from "~/orders/standing.server";
import { dueDateFor, invoiceAmount, isOverdue } from "~/payments/invoices.server";
import { outstandingOf } from "~/payments/payments.server";
import { idrToStripeAmount } from "~/payments/stripe.server";
import { dayKey, isoWeekday, startOfDay, weekBounds } from "~/time/calendar";

const WIB = "Asia/Jakarta"; // cases in a WIB office unless a zone is named

describe("order state machine", () => {
  it("follows placed → accepted → in production → shipped → received → invoiced → paid", () => {
    let s = orderMachine.apply("PLACED", "accept");
    expect(s).toBe("ACCEPTED");
    s = orderMachine.apply(s, "startProduction");
    s = orderMachine.apply(s, "ship");
    expect(s).toBe("SHIPPED");
    s = orderMachine.apply(s, "receive");
    s = orderMachine.apply(s, "invoice");
    expect(orderMachine.apply(s, "pay")).toBe("PAID");
  });

  it("needs a reason to decline, cancel, skip and dispute", () => {
    expect(() => orderMachine.apply("PLACED", "decline")).toThrow(/reasonRequired/);
    expect(orderMachine.apply("PLACED", "decline", "kapasitas penuh")).toBe("DECLINED");
    expect(() => orderMachine.apply("ACCEPTED", "cancel", "  ")).toThrow(/reasonRequired/);
    expect(() => orderMachine.apply("RECEIVED", "dispute")).toThrow(/reasonRequired/);
    expect(orderMachine.apply("RECEIVED", "dispute", "jumlah salah")).toBe("DISPUTED");
    expect(orderMachine.apply("DISPUTED", "resolveDispute")).toBe("RECEIVED");
  });

  it("refuses illegal transitions", () => {
    expect(() => orderMachine.apply("SHIPPED", "cancel", "x")).toThrow(/transitionNotAllowed/);
    expect(() => orderMachine.apply("PLACED", "ship")).toThrow(/transitionNotAllowed/);
    expect(() => orderMachine.apply("DISPUTED", "invoice")).toThrow(/transitionNotAllowed/);
    expect(() => orderMachine.apply("PAID", "pay")).toThrow(/transitionNotAllowed/);
    expect(() => orderMachine.apply("INVOICED", "dispute", "x")).toThrow(/transitionNotAllowed/);
    expect(() => orderMachine.apply("IN_PRODUCTION", "skip", "x")).toThrow(/transitionNotAllowed/);
    for (const terminal of ["DECLINED", "CANCELLED", "SKIPPED"] as const) expect(orderMachine.eventsFrom(terminal)).toEqual([]);
    // a paid order only goes back to INVOICED when its card payment is refunded in full (decision 103)
    expect(orderMachine.eventsFrom("PAID")).toEqual(["refund"]);
    expect(orderMachine.apply("PAID", "refund")).toBe("INVOICED");
    expect(() => orderMachine.apply("INVOICED", "refund")).toThrow(/transitionNotAllowed/);
  });
});

describe("invoice arithmetic", () => {
  it("charges accepted quantity × unit price", () => {
    expect(
      invoiceAmount([
        { quantity: 150, acceptedQty: 144, unitPrice: 2500 },
        { quantity: 100, acceptedQty: 100, unitPrice: 2000 },
      ]),
    ).toBe(144 * 2500 + 100 * 2000);
    expect(invoiceAmount([{ quantity: 10, acceptedQty: 0, unitPrice: 5000 }])).toBe(0);
    expect(invoiceAmount([{ quantity: 10, acceptedQty: null, unitPrice: 5000 }])).toBe(50_000);
  });

  it("takes the due date from the terms as a calendar date in the office's zone and flags overdue invoices", () => {
    // delivered Monday 23/11, invoiced Tuesday 24/11 10:00 WIB
    const at = { deliveryDate: startOfDay("2026-11-23"), issuedAt: new Date("2026-11-24T03:00:00Z") };
    // ON_DELIVERY: due at the end of the delivery day, not minutes after issue
    const onDelivery = dueDateFor({ kind: "ON_DELIVERY" }, at, WIB);
    expect(onDelivery).toEqual(new Date(startOfDay("2026-11-24").getTime() - 1));
    expect(dayKey(onDelivery)).toBe("2026-11-23");
    // plus the MoU's grace days
    expect(dueDateFor({ kind: "ON_DELIVERY", graceDays: 3 }, at, WIB)).toEqual(new Date(startOfDay("2026-11-27").getTime() - 1));
    // NET_DAYS: N calendar days after the issue day, to the end of that day
    expect(dueDateFor({ kind: "NET_DAYS", netDays: 14 }, at, WIB)).toEqual(new Date(startOfDay("2026-12-09").getTime() - 1));
    // in WITA the delivery day ends an hour earlier
    const wita = { deliveryDate: startOfDay("2026-11-23", "Asia/Makassar"), issuedAt: at.issuedAt };
    expect(dueDateFor({ kind: "ON_DELIVERY" }, wita, "Asia/Makassar")).toEqual(new Date("2026-11-23T15:59:59.999Z"));
    // an invoice issued 15 minutes after an ON_DELIVERY delivery is not overdue that day
    const issuedSameDay = { deliveryDate: startOfDay("2026-11-24"), issuedAt: new Date("2026-11-24T03:00:00Z") };
    const due = dueDateFor({ kind: "ON_DELIVERY" }, issuedSameDay, WIB);
    expect(isOverdue({ status: "ISSUED", dueAt: due }, new Date("2026-11-24T03:15:00Z"))).toBe(false);
    expect(isOverdue({ status: "ISSUED", dueAt: due }, new Date("2026-11-24T16:59:59Z"))).toBe(false);
    expect(isOverdue({ status: "ISSUED", dueAt: due }, new Date("2026-11-24T17:00:00Z"))).toBe(true);
    expect(isOverdue({ status: "PAID", dueAt: due }, new Date("2026-11-25T00:00:00Z"))).toBe(false);
  });


  it("counts only confirmed payments towards the outstanding amount", () => {
    expect(outstandingOf(100_000, [{ status: "CONFIRMED", amountRupiah: 40_000 }, { status: "PENDING", amountRupiah: 60_000 }, { status: "REFUNDED", amountRupiah: 10_000 }])).toBe(60_000);
    expect(outstandingOf(100_000, [{ status: "CONFIRMED", amountRupiah: 120_000 }])).toBe(0);
  });

  it("numbers invoices per group and year and sends IDR to Stripe in minor units", () => {
    expect(invoiceNumber(groupCode("kpm-melati-sisir"), 2026, 7)).toBe("INV/KPM-MELATI-SISIR/2026/0007");
    expect(idrToStripeAmount(12_500)).toBe(1_250_000);
  });
});

describe("handover record (BAST) lines", () => {
  it("needs accepted + rejected = delivered, no more than ordered, and a reason for rejections", () => {
    expect(() => validateReceiptLine({ orderLineId: "a", deliveredQty: 150, acceptedQty: 140, rejectedQty: 10, rejectionReason: "penyok" }, 150)).not.toThrow();
    expect(() => validateReceiptLine({ orderLineId: "a", deliveredQty: 150, acceptedQty: 140, rejectedQty: 5 }, 150)).toThrow(/receiptSum/);
    expect(() => validateReceiptLine({ orderLineId: "a", deliveredQty: 160, acceptedQty: 160, rejectedQty: 0 }, 150)).toThrow(/deliveredTooMany/);
    expect(() => validateReceiptLine({ orderLineId: "a", deliveredQty: 150, acceptedQty: 140, rejectedQty: 10, rejectionReason: " " }, 150)).toThrow(/rejectionReason/);
    expect(() => validateReceiptLine({ orderLineId: "a", deliveredQty: -1, acceptedQty: 0, rejectedQty: -1 }, 150)).toThrow(/quantityInvalid/);
  });
});

describe("dates in WIB and standing-order days", () => {
  it("computes day keys, weekdays and weeks in Indonesian time", () => {
    expect(dayKey(new Date("2026-11-23T18:00:00Z"))).toBe("2026-11-24"); // 01:00 WIB
    expect(isoWeekday("2026-11-23")).toBe(1);
    expect(isoWeekday("2026-11-29")).toBe(7);
    const { start, end } = weekBounds(new Date("2026-11-26T05:00:00Z"));
    expect(start).toEqual(startOfDay("2026-11-23"));
    expect(end).toEqual(addDays(startOfDay("2026-11-23"), 7));
  });

  it("lists the MoU's delivery days of the coming week within its period", () => {
    const content = { scope: { deliveryDays: [1, 2, 3, 4, 5, 6], items: [], deliveryAddress: "", qualityStandards: "" }, period: { startDate: "2026-01-01", endDate: "2026-11-28" } };
    // now: Monday 23/11 10:00 WIB → Tue 24 … Sat 28 (Sunday excluded, after the end date excluded)
    expect(deliveryDaysAhead(content, new Date("2026-11-23T03:00:00Z"), undefined, WIB)).toEqual(["2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28"]);
    expect(periodKeyFor("2026-11-24", "g1", 1)).toBe("2026-11-24");
    expect(periodKeyFor("2026-11-24", "g1", 2)).toBe("2026-11-24#g1");
  });
});
