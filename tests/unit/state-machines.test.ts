import { describe, expect, it } from "vitest";
import { refusal } from "../helpers/refusal";
import type { InvoiceStatus, OrderStatus, PaymentStatus, SignerStatus } from "~/generated/prisma/enums";
import { invoiceMachine } from "~/payments/invoice-machine";
import { orderMachine } from "~/orders/order-machine";
import { paymentMachine } from "~/payments/payment-machine";
import { signerMachine } from "~/mou/signer-machine";
import { getServerT } from "~/i18n/i18n.server";

/**
 * Every transition table (decision 103): each allowed (from, event) pair gives the table's target, every
 * other pair is refused with the machine's translated reason; events that need a reason refuse without one.
 */
type Machine<S extends string, E extends string> = {
  transitions: Record<E, { from: readonly S[]; to: S; requiresReason?: boolean }>;
  refusalKey: string;
  apply(from: S, event: E, reason?: string | null): S;
};


function checkTable<S extends string, E extends string>(machine: Machine<S, E>, states: readonly S[], expected: Record<E, [readonly S[], S]>) {
  const events = Object.keys(machine.transitions) as E[];
  expect(events.sort()).toEqual((Object.keys(expected) as E[]).sort());
  for (const event of events) {
    const [from, to] = expected[event];
    for (const state of states) {
      if (from.includes(state)) {
        expect(machine.apply(state, event, "alasan"), `${state} --${event}-->`).toBe(to);
        if (machine.transitions[event].requiresReason) expect(refusal(() => machine.apply(state, event, " ")).key).toBe("errors:reasonRequired");
      } else {
        const error = refusal(() => machine.apply(state, event, "alasan"));
        expect(error.key, `${state} --${event}--> must be refused`).toBe(machine.refusalKey);
        expect(error.params).toMatchObject({ event, from: state });
      }
    }
  }
}

const ORDER: OrderStatus[] = ["PLACED", "ACCEPTED", "DECLINED", "IN_PRODUCTION", "SHIPPED", "RECEIVED", "DISPUTED", "INVOICED", "PAID", "CANCELLED", "SKIPPED"];
const INVOICE: InvoiceStatus[] = ["ISSUED", "PAID", "VOID"];
const PAYMENT: PaymentStatus[] = ["PENDING", "CONFIRMED", "FAILED", "EXPIRED", "REFUNDED", "REJECTED"];
const SIGNER: SignerStatus[] = ["WAITING", "NOTIFIED", "SIGNED", "DECLINED"];

describe("transition tables", () => {
  it("order: every allowed pair and nothing else", () => {
    checkTable(orderMachine, ORDER, {
      accept: [["PLACED"], "ACCEPTED"],
      decline: [["PLACED"], "DECLINED"],
      startProduction: [["ACCEPTED"], "IN_PRODUCTION"],
      ship: [["ACCEPTED", "IN_PRODUCTION"], "SHIPPED"],
      receive: [["SHIPPED"], "RECEIVED"],
      dispute: [["RECEIVED"], "DISPUTED"],
      resolveDispute: [["DISPUTED"], "RECEIVED"],
      invoice: [["RECEIVED"], "INVOICED"],
      pay: [["INVOICED"], "PAID"],
      refund: [["PAID"], "INVOICED"],
      cancel: [["PLACED", "ACCEPTED", "IN_PRODUCTION"], "CANCELLED"],
      skip: [["PLACED", "ACCEPTED"], "SKIPPED"],
    });
  });

  it("invoice: ISSUED → PAID, PAID → ISSUED on a refund, VOID accepts nothing", () => {
    checkTable(invoiceMachine, INVOICE, { pay: [["ISSUED"], "PAID"], refund: [["PAID"], "ISSUED"] });
  });

  it("payment: pending payments are confirmed, rejected (reason), failed or expired; confirmed ones refunded", () => {
    checkTable(paymentMachine, PAYMENT, {
      confirm: [["PENDING", "FAILED"], "CONFIRMED"],
      reject: [["PENDING"], "REJECTED"],
      fail: [["PENDING"], "FAILED"],
      expire: [["PENDING"], "EXPIRED"],
      refund: [["CONFIRMED"], "REFUNDED"],
    });
    expect(refusal(() => paymentMachine.apply("PENDING", "reject")).field).toBe("reason");
  });

  it("signer: waiting → notified (reminded, still notified) → signed or declined (reason)", () => {
    checkTable(signerMachine, SIGNER, {
      notify: [["WAITING"], "NOTIFIED"],
      remind: [["NOTIFIED"], "NOTIFIED"],
      sign: [["NOTIFIED"], "SIGNED"],
      decline: [["NOTIFIED"], "DECLINED"],
    });
  });

  it("refusals a user sees are translated, with the status named in the reader's language", async () => {
    const cases: [() => unknown, string, string][] = [
      [() => invoiceMachine.apply("PAID", "pay"), "Lunas", "Paid"],
      [() => paymentMachine.apply("REJECTED", "confirm"), "Ditolak", "Rejected"],
      [() => signerMachine.apply("SIGNED", "sign"), "Sudah tanda tangan", "Signed"],
    ];
    for (const [fn, id, en] of cases) {
      const error = refusal(fn);
      for (const [lng, label] of [["id", id], ["en", en]] as const) {
        const text = getServerT(lng)(error.key, error.params);
        expect(text).not.toBe(error.key.split(":")[1]);
        expect(text).not.toMatch(/\$t\(|\{\{/);
        expect(text, text).toContain(label);
      }
    }
  });
});
