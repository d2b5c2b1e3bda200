import type { SessionUser } from "~/auth/session.server";
import { databaseKind } from "~/db/database-url";
import { db } from "~/db/db.server";
import type { MouStatus } from "~/generated/prisma/enums";
import { listMous, MOU_LIST_KEY } from "~/mou/mou.server";
import { MOU_STATUSES } from "~/mou/statuses";
import { decodeCursor, encodeCursor, type PageRequest } from "~/paging/page-params";
import { loader as mouListLoader } from "~/routes/mou._index";
import { cookieFor, getRequest } from "../helpers/requests";

/** Every role's MoU list pages by key (status, endDate, id) (decision 121). */

async function user(email: string) {
  return (await db.user.findUniqueOrThrow({ where: { email } })) as unknown as SessionUser;
}

async function walk(u: SessionUser, take: number, filter: { status?: MouStatus } = {}) {
  const ids: string[][] = [];
  let request: PageRequest = {};
  for (;;) {
    const page = await listMous(u, filter, request, take);
    ids.push(page.rows.map((m) => m.id));
    if (!page.next || ids.length > 500) return { pages: ids, last: page };
    request = { after: decodeCursor(page.next, MOU_LIST_KEY) };
  }
}

let n = 0;
/** A new MoU of the office, partner and group given (a DRAFT, as drafting makes it). */
async function addMou(template: { partnerId: string; dinasOfficeId: string; createdById: string }, groupId: string, endDate: Date, status: MouStatus = "DRAFT") {
  n++;
  const mou = await db.mou.create({ data: { number: `MOU/TEST/${n}`, partnerId: template.partnerId, dinasOfficeId: template.dinasOfficeId, createdById: template.createdById, status, startDate: new Date("2026-01-01T00:00:00Z"), endDate } });
  await db.mouGroup.create({ data: { mouId: mou.id, groupId } });
  return mou;
}

// The database orders an enum column: SQLite by its text, PostgreSQL in the enum's declaration order.
const onPostgres = databaseKind() === "postgresql";
const statusRank = (status: string) => (onPostgres ? String(MOU_STATUSES.indexOf(status as MouStatus)).padStart(2, "0") : status);
/** The status that sorts first on this database. */
const FIRST_STATUS: MouStatus = onPostgres ? MOU_STATUSES[0] : "ACTIVE";

function byKey(a: { status: string; endDate: Date; id: string }, b: { status: string; endDate: Date; id: string }) {
  const [sa, sb] = [statusRank(a.status), statusRank(b.status)];
  return sa < sb ? -1 : sa > sb ? 1 : a.endDate.getTime() - b.endDate.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

describe("MoU list: keyset pages", () => {
  it("each role's list: every visible MoU once, in (status, endDate, id) order, across pages", async () => {
    const dinas = await user("dinas@bermitra.id");
    const some = await db.mou.findFirstOrThrow({ where: { dinasOfficeId: dinas.dinasOfficeId! }, include: { groups: true } });
    for (let i = 0; i < 4; i++) await addMou(some, some.groups[0]!.groupId, new Date("2027-06-30T17:00:00Z")); // ties on (status, endDate)
    for (const email of ["dinas@bermitra.id", "mitra@bermitra.id", "kelompok@bermitra.id", "pendamping@bermitra.id", "admin@bermitra.id", "dinas.malang@bermitra.id"]) {
      const u = await user(email);
      const all = (await listMous(u, {}, {}, 1000)).rows;
      expect(all.length, email).toBeGreaterThan(0);
      expect(all.map((m) => m.id)).toEqual([...all].sort(byKey).map((m) => m.id));
      const { pages } = await walk(u, 2);
      expect(pages.flat(), email).toEqual(all.map((m) => m.id));
      expect(pages.length).toBe(Math.max(1, Math.ceil(all.length / 2)));
    }
  });

  it("the way back (previous) gives the same pages; a status filter pages within that status", async () => {
    const dinas = await user("dinas@bermitra.id");
    const forward = await walk(dinas, 3);
    let cursor = forward.last.previous;
    for (let i = forward.pages.length - 2; i >= 0; i--) {
      const page = await listMous(dinas, {}, { before: decodeCursor(cursor, MOU_LIST_KEY) }, 3);
      expect(page.rows.map((m) => m.id)).toEqual(forward.pages[i]);
      cursor = page.previous;
    }
    expect(cursor).toBeNull();
    const active = await walk(dinas, 1, { status: "ACTIVE" });
    const oracle = (await db.mou.findMany({ where: { dinasOfficeId: dinas.dinasOfficeId!, status: "ACTIVE" }, orderBy: [{ endDate: "asc" }, { id: "asc" }] })).map((m) => m.id);
    expect(active.pages.flat()).toEqual(oracle);
  });

  it("an MoU drafted between two page loads shifts nothing on the next page", async () => {
    const dinas = await user("dinas@bermitra.id");
    const first = await listMous(dinas, {}, {}, 2);
    const cursor = decodeCursor(first.next, MOU_LIST_KEY);
    const before = await listMous(dinas, {}, { after: cursor }, 2);
    const some = await db.mou.findFirstOrThrow({ where: { dinasOfficeId: dinas.dinasOfficeId! }, include: { groups: true } });
    const added = await addMou(some, some.groups[0]!.groupId, new Date("2020-01-01T00:00:00Z"), FIRST_STATUS); // sorts first
    const after = await listMous(dinas, {}, { after: cursor }, 2);
    expect(after.rows.map((m) => m.id)).toEqual(before.rows.map((m) => m.id));
    expect((await listMous(dinas, {}, {}, 2)).rows[0]!.id).toBe(added.id);
  });

  it("a cursor from another group's or office's list shows nothing of theirs", async () => {
    const chairA = await user("kelompok@bermitra.id");
    const chairB = await user("chair.kpm-sekar-melati-oro-oro-dowo@bermitra.id");
    const dinasB = await user("dinas.malang@bermitra.id");
    const mineA = new Set((await listMous(chairA, {}, {}, 1000)).rows.map((m) => m.id));
    const theirs = (await listMous(chairB, {}, {}, 1000)).rows;
    expect(theirs.length).toBeGreaterThan(0);
    for (const other of [chairB, dinasB]) {
      const row = (await listMous(other, {}, {}, 1))!.rows[0]!;
      const cursor = decodeCursor(encodeCursor([row.status, row.endDate, row.id]), MOU_LIST_KEY);
      for (const request of [{ after: cursor }, { before: cursor }]) {
        const page = await listMous(chairA, {}, request, 100);
        expect(page.rows.every((m) => mineA.has(m.id))).toBe(true);
      }
    }
  });

  it("the page: links keep ?status=; a malformed or tampered cursor (unknown status, wrong types) is the first page, not an error", async () => {
    const cookie = await cookieFor("dinas@bermitra.id");
    const get = async (query: string) => (await mouListLoader({ request: getRequest(`/mou${query}`, cookie), params: {}, context: {} })).json();
    const first = await get("");
    expect(first.mous.length).toBeGreaterThan(0);
    expect(first.page.previous).toBeNull();
    for (const bad of ["%%%", "eyJ9", encodeCursor(["NOT_A_STATUS", 0, "x"]), encodeCursor(["ACTIVE", "soon", "x"]), encodeCursor(["ACTIVE", 1.5, "x"]), encodeCursor(["ACTIVE", 0]), "A".repeat(3000)]) {
      const data = await get(`?after=${encodeURIComponent(bad)}&before=${encodeURIComponent(bad)}`);
      expect(data.mous.map((m: { id: string }) => m.id)).toEqual(first.mous.map((m: { id: string }) => m.id));
    }
    const filtered = await get("?status=ACTIVE");
    expect(filtered.mous.every((m: { status: string }) => m.status === "ACTIVE")).toBe(true);
  });
});
