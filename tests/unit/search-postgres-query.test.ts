import { parseText } from "~/search/language";
import { tsQueryOf } from "~/search/postgres-search.server";

describe("PostgreSQL tsquery of a search (same rule as the FTS5 MATCH expression)", () => {
  it("every word as a prefix, typo words exact", () => {
    expect(tsQueryOf(parseText("kopy susu", ["kopi", "kopiah", "susu"]))).toBe("((kopy:* | kopi) & susu:*)");
  });
  it("synonym phrases stand in for the words they replace, in sequence", () => {
    expect(tsQueryOf(parseText("jajanan pasar"))).toBe("(jajanan:* & pasar:*) | (kue <-> basah) | (jajan <-> pasar)");
    expect(tsQueryOf(parseText("kripik pedas"))).toBe("(kripik:* & pedas:*) | (pedas:* & keripik)");
  });
  it("nothing to search for stop words and one-letter words", () => {
    expect(tsQueryOf(parseText("di a"))).toBeNull();
  });
});
