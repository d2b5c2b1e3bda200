import { refusal } from "../helpers/refusal";
import { getServerT } from "~/i18n/i18n.server";
import { mouMachine, mouVersionMachine } from "~/mou/mou-machine";
import { orderMachine } from "~/orders/order-machine";
import { productLifecycle } from "~/catalog/products.server";
import { coachingMachine } from "~/coaching/coaching-machine";
import { demandMachine, offerMachine } from "~/demands/machines";
import { payoutMachine } from "~/payments/payout.server";
import { verificationMachine } from "~/verification/verification-machine";

// The refusal of an illegal order or MoU transition names the status in words, not its code.

describe("transition refusals show translated status names", () => {
  const cases = [
    { fn: () => orderMachine.apply("SHIPPED", "cancel", "x"), code: "SHIPPED", id: "Dikirim", en: "Shipped" },
    { fn: () => orderMachine.apply("DISPUTED", "invoice"), code: "DISPUTED", id: null, en: null },
    { fn: () => mouMachine.apply("OUT_FOR_SIGNATURE", "submit"), code: "OUT_FOR_SIGNATURE", id: "Menunggu tanda tangan", en: null },
    { fn: () => mouVersionMachine.apply("SIGNED", "submit"), code: "SIGNED", id: null, en: null },
  ];
  for (const c of cases) {
    it(`${c.code}`, () => {
      const error = refusal(c.fn);
      expect(error.key).toMatch(/^(orders|mou):errors\.(version)?[tT]ransitionNotAllowed$/);
      for (const locale of ["id", "en"] as const) {
        const text = getServerT(locale)(error.key, error.params as Record<string, string>);
        expect(text, text).not.toContain(c.code);
        expect(text).not.toMatch(/\$t\(|\{\{/);
        expect(text).not.toContain(error.key);
        const expected = c[locale];
        if (expected) expect(text).toContain(`"${expected}"`);
      }
    });
  }
});

describe("the other machines' refusals show no status or event code", () => {
  const cases = [
    { fn: () => demandMachine.apply("DRAFT", "close"), codes: ["DRAFT", "close"] },
    { fn: () => offerMachine.apply("WITHDRAWN", "withdraw"), codes: ["WITHDRAWN", "withdraw"] },
    { fn: () => productLifecycle.apply("ARCHIVED", "resume"), codes: ["ARCHIVED", "resume"] },
    { fn: () => verificationMachine.apply("VERIFIED", "verify"), codes: ["VERIFIED", "verify"] },
    { fn: () => payoutMachine.apply("REJECTED", "confirm"), codes: ["REJECTED", "confirm"] },
    { fn: () => coachingMachine.apply("DELIVERED", "confirm"), codes: ["DELIVERED", "confirm"] },
  ];
  for (const c of cases) {
    it(c.codes.join(" "), () => {
      const error = refusal(c.fn);
      expect(error.key).toBe("errors:transitionNotAllowed");
      for (const locale of ["id", "en"] as const) {
        const text = getServerT(locale)(error.key, error.params as Record<string, string>);
        for (const code of c.codes) expect(text, text).not.toContain(code);
        expect(text).not.toMatch(/\$t\(|\{\{/);
        expect(text).not.toContain(error.key);
        expect(text.length).toBeGreaterThan(20);
      }
    });
  }
});
