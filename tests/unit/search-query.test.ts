import { allowedTypos, editDistance, normalizeText, parseText, synonymMap, tokenize } from "~/search/language";
import { parseSearchParams, toSearchParams } from "~/search/query";
import { matchExpression } from "~/search/sqlite-fts5.server";

const parse = (qs: string) => parseSearchParams(new URLSearchParams(qs));

describe("search parameters", () => {
  it("has defaults", () => {
    expect(parse("")).toEqual({ ok: true, query: { q: "", sort: "relevance", page: 1, pageSize: 20 } });
  });

  it("reads every parameter and normalises case", () => {
    const r = parse("q=+kopi+bubuk+&category=minuman-kopi&kecamatan=Bumiaji&groupType=kube&cert=p-irt&minPrice=1.000&maxPrice=50000&minCapacity=10&sort=price_desc&page=3");
    expect(r).toEqual({
      ok: true,
      query: { q: "kopi bubuk", category: "minuman-kopi", kecamatan: "Bumiaji", groupType: "KUBE", cert: "PIRT", minPrice: 1000, maxPrice: 50000, minCapacity: 10, sort: "price_desc", page: 3, pageSize: 20 },
    });
  });

  it("treats empty values as absent (a GET form sends every field)", () => {
    expect(parse("q=&category=&kecamatan=&groupType=&cert=&minPrice=&maxPrice=&minCapacity=&sort=&page=")).toEqual(parse(""));
  });

  it.each([
    ["page=0", "page"],
    ["page=501", "page"],
    ["page=1.5", "page"],
    ["sort=popular", "sort"],
    ["minPrice=-5", "minPrice"],
    ["maxPrice=lots", "maxPrice"],
    ["minPrice=9&maxPrice=8", "maxPrice"],
    ["minCapacity=1e3", "minCapacity"],
    ["groupType=PKH", "groupType"],
    ["cert=ISO9001", "cert"],
    ["category=../etc", "category"],
    ["kecamatan=<script>", "kecamatan"],
    [`q=${"a".repeat(101)}`, "q"],
  ])("rejects %s naming %s", (qs, param) => {
    const r = parse(qs);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.param).toBe(param);
  });

  it("writes links without the defaults", () => {
    expect(toSearchParams({ q: "kopi", sort: "relevance", page: 1, pageSize: 20 })).toBe("?q=kopi");
    expect(toSearchParams({ q: "", category: "jasa", sort: "newest", page: 1, pageSize: 20 }, { page: 2 })).toBe("?category=jasa&sort=newest&page=2");
    expect(toSearchParams({ q: "", category: "jasa", sort: "relevance", page: 4, pageSize: 20 }, { category: undefined, page: undefined })).toBe("");
  });
});

describe("search language", () => {
  it("normalises accents, case and punctuation", () => {
    expect(normalizeText("  Kué-Basah, ENAK!! ")).toBe("kue basah enak");
    expect(tokenize("Roti & Kue Kering")).toEqual(["roti", "kue", "kering"]);
  });

  it("counts edits (with transpositions) and gives up early", () => {
    expect(editDistance("kopy", "kopi")).toBe(1);
    expect(editDistance("telor", "telur")).toBe(1);
    expect(editDistance("basa", "basah")).toBe(1);
    expect(editDistance("kirpik", "kripik")).toBe(1);
    expect(editDistance("abc", "xyzuvw", 2)).toBe(3);
  });

  it("allows one typo from 4 letters and two from 8", () => {
    expect([allowedTypos("kue"), allowedTypos("kopy"), allowedTypos("keripiks"), allowedTypos("penggilingan")]).toEqual([0, 1, 2, 2]);
  });

  it("finds typo variants in the index vocabulary, drops stop words, marks the last word as prefix", () => {
    const parsed = parseText("telor asin untuk hotel", ["telur", "telor", "asin", "asinan", "hotel", "kopi"]);
    expect(parsed.terms.map((t) => t.word)).toEqual(["telor", "asin", "hotel"]);
    expect(parsed.terms[0].typos).toEqual(["telur"]);
    // prefixes are not typos: "asinan" is found by prefix matching, not as a variant
    expect(parsed.terms[1].typos).toEqual([]);
    expect(parsed.terms.map((t) => t.prefix)).toEqual([false, false, true]);
    // three-letter words get no typo variants
    expect(parseText("kue", ["kus", "kua"]).terms[0].typos).toEqual([]);
  });

  it("expands synonyms both ways, multi-word included", () => {
    expect(parseText("kue basah").synonymPhrases.map((s) => s.phrase)).toEqual(["jajanan pasar", "jajan pasar"]);
    expect(parseText("jajanan pasar").synonymPhrases.map((s) => s.phrase)).toContain("kue basah");
    expect(parseText("kripik pedas").synonymPhrases).toEqual([{ replaces: "kripik", phrase: "keripik" }]);
    expect(synonymMap().keripik).toEqual(["kripik"]);
  });
});

describe("FTS5 match expression", () => {
  it("ANDs the words, ORs typo variants, adds synonym alternatives", () => {
    expect(matchExpression(parseText("kopy bubuk", ["kopi", "bubuk"]))).toBe('(("kopy"* OR "kopi") AND "bubuk"*)');
    expect(matchExpression(parseText("kripik", []))).toBe('"kripik"* OR "keripik"');
    expect(matchExpression(parseText("kue basah", []))).toBe('("kue"* AND "basah"*) OR "jajanan pasar" OR "jajan pasar"');
  });

  it("ignores stop words and one-letter words, and quotes safely", () => {
    expect(matchExpression(parseText("di", []))).toBeNull();
    expect(matchExpression(parseText('keju" x', []))).toBe('"keju"*');
  });
});
