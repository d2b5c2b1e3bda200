import { DomainError } from "~/domain/errors";
import { getServerT } from "~/i18n/i18n.server";
import { mouMachine, mouVersionMachine } from "~/mou/mou-machine";
import { orderMachine } from "~/orders/order-machine";

/** The refusal of an illegal order or MoU transition names the status in words, not its code. */
function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

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
