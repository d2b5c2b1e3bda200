import { databaseKind } from "./database-url";

/**
 * "Contains, ignoring case" on both databases (issue 15 item 1). SQLite's LIKE already ignores ASCII case;
 * PostgreSQL's does not, so there Prisma's `mode: "insensitive"` (ILIKE) is added. The SQLite client refuses
 * `mode`, hence the switch. Returns a string filter for a Prisma `where`.
 */
export function containsIgnoringCase(text: string): { contains: string } {
  if (databaseKind() === "postgresql") return { contains: text, mode: "insensitive" } as { contains: string };
  return { contains: text };
}
