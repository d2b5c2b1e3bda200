import { keysetOrderBy, keysetWhere } from "~/paging/keyset.server";
import { decodeCursor, encodeCursor, pageHref, parsePageParams, type KeySpec } from "~/paging/page-params";

const SPEC: KeySpec = [
  { path: "status", type: "string", direction: "asc", values: ["A", "B"] },
  { path: "at", type: "date", direction: "desc" },
  { path: "n", type: "int", direction: "asc" },
  { path: "partner.displayName", type: "string", direction: "asc" },
];

describe("page parameters (decision 121)", () => {
  it("a cursor carries the key's values and nothing else; dates come back as dates", () => {
    const at = new Date("2026-11-17T03:00:00.000Z");
    const text = encodeCursor(["B", at, 7, "Hotel “Ñusa” Ünik"]);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text, SPEC)).toEqual(["B", at, 7, "Hotel “Ñusa” Ünik"]);
  });

  it("anything malformed is no cursor", () => {
    for (const bad of [null, undefined, "", "%%", "eyJ9", encodeCursor(["C", 0, 1, "x"]), encodeCursor(["A", 0, 1.5, "x"]), encodeCursor(["A", "0", 1, "x"]), encodeCursor(["A", 0, 1]), encodeCursor(["A", 0, 1, "x", "y"]), encodeCursor(["A", 9e15, 1, "x"]), "A".repeat(2000), btoa("\xff\xfe")]) {
      expect(decodeCursor(bad as string, SPEC)).toBeUndefined();
    }
  });

  it("parsePageParams: ?after= wins over ?before=; names can be changed (the audit log's)", () => {
    const c = encodeCursor(["A", 0, 1, "x"]);
    expect(parsePageParams(new URLSearchParams({ after: c, before: c }), SPEC)).toEqual({ after: ["A", new Date(0), 1, "x"] });
    expect(parsePageParams(new URLSearchParams({ after: "junk", before: c }), SPEC)).toEqual({ before: ["A", new Date(0), 1, "x"] });
    expect(parsePageParams(new URLSearchParams({ before: c }), SPEC, { next: "before", previous: "after" })).toEqual({ after: ["A", new Date(0), 1, "x"] });
    expect(parsePageParams(new URLSearchParams(), SPEC)).toEqual({});
  });

  it("pageHref keeps the page's other parameters and replaces only the cursor; '' is the first page", () => {
    expect(pageHref("?status=ACTIVE&before=old", "next", "abc")).toBe("?status=ACTIVE&after=abc");
    expect(pageHref("?group=g1&after=x", "previous", "abc")).toBe("?group=g1&before=abc");
    expect(pageHref("?group=g1&after=x", "previous", "")).toBe("?group=g1");
    expect(pageHref("?group=g1", "next", null)).toBeNull();
  });

  it("keysetWhere is the lexicographic comparison in the list's order, forward and back", () => {
    const at = new Date(0);
    const forward = keysetWhere(SPEC, ["A", at, 3, "x"], true);
    expect(forward).toEqual({
      AND: [
        { status: { in: ["A", "B"] } },
        {
          OR: [
            { AND: [{ status: { in: ["B"] } }] },
            { AND: [{ status: { equals: "A" } }, { at: { lt: at } }] },
            { AND: [{ status: { equals: "A" } }, { at: { equals: at } }, { n: { gt: 3 } }] },
            { AND: [{ status: { equals: "A" } }, { at: { equals: at } }, { n: { equals: 3 } }, { partner: { displayName: { gt: "x" } } }] },
          ],
        },
      ],
    });
    const back = keysetWhere(SPEC, ["A", at, 3, "x"], false) as { AND: [unknown, { OR: { AND: unknown[] }[] }] };
    expect(back.AND[0]).toEqual({ status: { in: ["A"] } });
    expect((keysetWhere(SPEC, ["B", at, 3, "x"], false) as { AND: unknown[] }).AND[0]).toEqual({ status: { in: ["A", "B"] } });
    expect(back.AND[1].OR[1]!.AND[1]).toEqual({ at: { gt: at } });
    expect(keysetOrderBy(SPEC, true)).toEqual([{ status: "desc" }, { at: "asc" }, { n: "desc" }, { partner: { displayName: "desc" } }]);
  });
});
