import { formatDate, formatDateTime, formatNumber, formatRupiah, toDateInputValue } from "~/i18n/format";
import { parseDateInput } from "~/time/calendar";

const WIB = "Asia/Jakarta";

describe("formatting", () => {
  it("writes Rupiah without decimals with dots", () => {
    expect(formatRupiah(12500)).toBe("Rp 12.500");
    expect(formatRupiah(20_000_000)).toBe("Rp 20.000.000");
    expect(formatRupiah(0)).toBe("Rp 0");
    expect(formatRupiah(-4000)).toBe("-Rp 4.000");
  });

  it("writes counts with a dot per thousand (the ranking's 'dari 2.013 mitra')", () => {
    expect(formatNumber(2013)).toBe("2.013");
    expect(formatNumber(999)).toBe("999");
    expect(formatNumber(1_000_247)).toBe("1.000.247");
    expect(formatNumber(0)).toBe("0");
  });

  it("writes dates as dd/mm/yyyy in Indonesian western time", () => {
    expect(formatDate(new Date("2026-11-22T03:00:00Z"), WIB)).toBe("22/11/2026");
    // 20:00 UTC is already the next day in Jakarta (UTC+7)
    expect(formatDate(new Date("2026-11-21T20:00:00Z"), WIB)).toBe("22/11/2026");
    expect(formatDateTime(new Date("2026-11-22T07:05:00Z"), WIB)).toBe("22/11/2026 14:05");
  });

  it("round-trips date inputs", () => {
    const date = parseDateInput("2015-09-03")!;
    expect(toDateInputValue(date, WIB)).toBe("2015-09-03");
    expect(formatDate(date, WIB)).toBe("03/09/2015");
  });
});

describe("numbers inside translated sentences", () => {
  it("get the thousands dot (1.200 dari 1.500), years and strings do not", async () => {
    const { createI18n } = await import("~/i18n/instance");
    const { getAllResources } = await import("~/i18n/resources.server");
    const t = createI18n("id", getAllResources().id).t;
    expect(t("demands:awardedOf", { awarded: 1200, quantity: 1500 })).toBe("1.200 dari 1.500 sudah diberikan");
    expect(t("common:pageOf", { page: 2, pages: 12 })).toBe("Halaman 2 dari 12");
    const i18n = createI18n("en", { common: { y: "Report {{year}}: {{count}} orders, MoU {{number}}" } });
    expect(i18n.t("common:y", { year: 2026, count: 12500, number: "001/2026" })).toBe("Report 2026: 12.500 orders, MoU 001/2026");
  });
});
