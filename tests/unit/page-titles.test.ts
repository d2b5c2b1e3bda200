import { documentTitle, pageTitleKeys } from "~/components/page-titles";

describe("document titles", () => {
  const titles: [string, string][] = [
    ["/orders", "Pesanan"],
    ["/orders/plan", "Rencana produksi"],
    ["/mou", "MoU"],
    ["/mou/verify", "Periksa keaslian MoU"],
  ];
  it("names a page by the closest page in the table, longest prefix first", () => {
    expect(documentTitle("/orders", titles)).toBe("Pesanan · Bermitra");
    expect(documentTitle("/orders/cmx123", titles)).toBe("Pesanan · Bermitra");
    expect(documentTitle("/orders/plan", titles)).toBe("Rencana produksi · Bermitra");
    expect(documentTitle("/mou/verify", titles)).toBe("Periksa keaslian MoU · Bermitra");
    expect(documentTitle("/mou/abc/sign", titles)).toBe("MoU · Bermitra");
  });
  it("does not match a path that only starts with the same letters, and falls back to Bermitra", () => {
    expect(documentTitle("/ordersx", titles)).toBe("Bermitra");
    expect(documentTitle("/", titles)).toBe("Bermitra");
  });
  it("covers sign-up and verification for visitors and every role's menu", () => {
    expect(pageTitleKeys(null).map(([p]) => p)).toEqual(expect.arrayContaining(["/signup", "/mou/verify", "/login"]));
    expect(pageTitleKeys("GROUP").map(([p]) => p)).toEqual(expect.arrayContaining(["/group/coaching", "/ledger"]));
  });
});
