import { databaseKind } from "~/db/database-url";
import { encodeCursor, PAGE_SIZE, type KeyField, type KeySpec, type KeysetPage, type KeyValue, type PageRequest } from "./page-params";

/**
 * Prisma `where` / `orderBy` for keyset paging over a key spec (see ./page-params), and the page walk itself.
 * Plain functions: the caller passes its own scoped query, so the actor's scope stays in the same WHERE as
 * the cursor (a cursor from another group's list then simply matches none of this list's rows beyond it).
 */

type Where = Record<string, unknown>;

/** `{ a: { b: leaf } }` for the path "a.b". */
function nest(path: string, leaf: unknown): Where {
  return path
    .split(".")
    .reverse()
    .reduce<unknown>((inner, key) => ({ [key]: inner }), leaf) as Where;
}

/** The order of the list (forward) or its reverse (walking back from a cursor). */
export function keysetOrderBy(spec: KeySpec, reverse = false): Where[] {
  return spec.map((f) => nest(f.path, reverse ? (f.direction === "asc" ? "desc" : "asc") : f.direction));
}

/** Whether a row that comes after the cursor in the list's order has a greater value of this field. */
function op(field: KeyField, forward: boolean, strict: boolean): string {
  const greater = (field.direction === "asc") === forward;
  return greater ? (strict ? "gt" : "gte") : strict ? "lt" : "lte";
}

/**
 * The values of an enum column in the order the database sorts them: SQLite stores enums as text (binary
 * text order), PostgreSQL sorts an enum by its declaration order (`values` are given in that order).
 */
function enumOrder(values: readonly string[]): readonly string[] {
  return databaseKind() === "sqlite" ? [...values].sort() : values;
}

/** `field <op> value`; Prisma has no gt/lt on enums, so there it is the set of values on that side. */
function compare(field: KeyField, operator: string, value: KeyValue): Where {
  if (!field.values) return nest(field.path, { [operator]: value });
  const order = enumOrder(field.values);
  const at = order.indexOf(value as string);
  const inclusive = operator.endsWith("e") ? 1 : 0;
  return nest(field.path, { in: operator.startsWith("gt") ? order.slice(at + 1 - inclusive) : order.slice(0, at + inclusive) });
}

/**
 * Rows strictly after (`forward`) or strictly before the cursor in the list's order: the lexicographic
 * comparison of the key tuple, written as (k0 > c0) OR (k0 = c0 AND k1 > c1) OR …, plus a range on the
 * first field (k0 >= c0) so that an index led by it can start at the cursor.
 */
export function keysetWhere(spec: KeySpec, cursor: readonly KeyValue[], forward: boolean): Where {
  const branches: Where[] = spec.map((field, i) => ({
    AND: [...spec.slice(0, i).map((prev, j) => nest(prev.path, { equals: cursor[j] })), compare(field, op(field, forward, true), cursor[i]!)],
  }));
  return { AND: [compare(spec[0]!, op(spec[0]!, forward, false), cursor[0]!), { OR: branches }] };
}

/**
 * One page of a keyset-paged list. `fetch` runs the list's own (scoped) query with the extra `where`, the
 * `orderBy` and `take` given; `keyOf` reads a row's key in the spec's order. It reads one row more than a
 * page to know whether there is a page further on in the walking direction.
 */
export async function keysetPage<T>(
  spec: KeySpec,
  request: PageRequest,
  fetch: (args: { where: Where; orderBy: Where[]; take: number }) => Promise<T[]>,
  keyOf: (row: T) => KeyValue[],
  take = PAGE_SIZE,
): Promise<KeysetPage<T>> {
  if (request.before) {
    const found = await fetch({ where: keysetWhere(spec, request.before, false), orderBy: keysetOrderBy(spec, true), take: take + 1 });
    const rows = found.slice(0, take).reverse();
    const first = rows[0];
    const last = rows[rows.length - 1];
    // Walking back from a cursor: the cursor's row and its page lie ahead; earlier rows exist if there was one more.
    return {
      rows,
      previous: first && found.length > take ? encodeCursor(keyOf(first)) : null,
      next: last ? encodeCursor(keyOf(last)) : null,
    };
  }
  const found = await fetch({ where: request.after ? keysetWhere(spec, request.after, true) : {}, orderBy: keysetOrderBy(spec), take: take + 1 });
  const rows = found.slice(0, take);
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    rows,
    next: last && found.length > take ? encodeCursor(keyOf(last)) : null,
    // After a cursor there are earlier rows (at least the cursor's own); past the end, back to the first page.
    previous: request.after ? (first ? encodeCursor(keyOf(first)) : "") : null,
  };
}
