import { auditLogFor } from "~/audit/audit.server";
import type { Actor } from "~/auth/actor";
import { db } from "~/db/db.server";
import { loader as auditLoader } from "~/routes/audit";
import { actorFor } from "../helpers/actors";
import { cookieFor, getRequest } from "../helpers/requests";

/** /audit pages by key (decision 101): every event once, in (at, id) order, stable under new events. */

type Filter = { entityType?: string };

async function walkOlder(actor: Actor, take: number, filter: Filter = {}) {
  const pages: { ids: string[]; older: string | null; newer: string | null }[] = [];
  let before: string | null = null;
  do {
    const page = await auditLogFor(actor, { take, before, ...filter });
    pages.push({ ids: page.events.map((e) => e.id), older: page.older, newer: page.newer });
    before = page.older;
  } while (before && pages.length < 1000);
  return pages;
}

/** The oracle: every event the actor may read, newest first by (at, id), from one unpaged query. */
async function everything(actor: Actor, filter: Filter = {}) {
  return (await auditLogFor(actor, { take: 1000, ...filter })).events.map((e) => e.id);
}

describe("/audit keyset paging", () => {
  it("admin: walking older pages gives every event once, in order; 'newer' walks back to the first page", async () => {
    const admin = await actorFor("admin@bermitra.id");
    const all = (await db.auditEvent.findMany({ orderBy: [{ at: "desc" }, { id: "desc" }], select: { id: true } })).map((e) => e.id);
    expect(all.length).toBeGreaterThan(100);
    const pages = await walkOlder(admin, 37);
    expect(pages.flatMap((p) => p.ids)).toEqual(all);
    expect(pages.length).toBe(Math.ceil(all.length / 37));
    expect(pages[0]!.newer).toBeNull();
    expect(pages.at(-1)!.older).toBeNull();
    // back from the last page to the first through "newer" links
    const back: string[][] = [];
    let after = pages.at(-1)!.newer;
    while (after) {
      const page = await auditLogFor(admin, { take: 37, after });
      back.unshift(page.events.map((e) => e.id));
      after = page.newer;
    }
    expect(back.flat()).toEqual(all.slice(0, all.length - pages.at(-1)!.ids.length));
    expect(back[0]).toEqual(pages[0]!.ids.slice(0, back[0]!.length));
  });

  it("events with the same instant are ordered by id and none is skipped at a page boundary", async () => {
    const admin = await actorFor("admin@bermitra.id");
    const group = await db.group.findFirstOrThrow();
    const at = new Date("2020-01-01T00:00:00.000Z"); // older than everything else: the tail of the log
    for (let i = 0; i < 7; i++) await db.auditEvent.create({ data: { at, action: "test.tie", entityType: "Group", entityId: group.id } });
    const ties = (await db.auditEvent.findMany({ where: { action: "test.tie" }, orderBy: { id: "desc" }, select: { id: true } })).map((e) => e.id);
    const pages = await walkOlder(admin, 3, { entityType: "Group" });
    const seen = pages.flatMap((p) => p.ids);
    expect(seen.slice(-7)).toEqual(ties);
    expect(new Set(seen).size).toBe(seen.length);
  });

  for (const email of ["dinas@bermitra.id", "dinas.malang@bermitra.id"]) {
    it(`Dinas (${email}): the office's events only, each once, in order, with and without a type`, async () => {
      const dinas = await actorFor(email);
      const whole = await everything(dinas);
      expect(whole.length).toBeGreaterThan(0);
      expect(whole.length).toBeLessThan(await db.auditEvent.count());
      expect((await walkOlder(dinas, 11)).flatMap((p) => p.ids)).toEqual(whole);
      const orders = await everything(dinas, { entityType: "Order" });
      expect((await walkOlder(dinas, 4, { entityType: "Order" })).flatMap((p) => p.ids)).toEqual(orders);
    });
  }

  it("an event recorded between two page loads does not shift the pages", async () => {
    const dinas = await actorFor("dinas@bermitra.id");
    const before = await everything(dinas);
    const first = await auditLogFor(dinas, { take: 10 });
    expect(first.events.map((e) => e.id)).toEqual(before.slice(0, 10));
    // a new event on one of the office's groups, newest of all (the seed dates some events days ahead of
    // the pinned clock, so the instant is set just after the newest one)
    const group = await db.group.findFirstOrThrow({ where: { dinasOfficeId: dinas.dinasOfficeId! } });
    const newestAt = (await db.auditEvent.findFirstOrThrow({ orderBy: { at: "desc" } })).at;
    const added = await db.auditEvent.create({
      data: { at: new Date(newestAt.getTime() + 1000), actorId: dinas.actorId, actorName: dinas.actorName, action: "group.noteAdded", entityType: "Group", entityId: group.id },
    });

    const second = await auditLogFor(dinas, { take: 10, before: first.older });
    expect(second.events.map((e) => e.id)).toEqual(before.slice(10, 20));
    // "newer" from the second page is still the first page as it was read
    expect((await auditLogFor(dinas, { take: 10, after: second.newer })).events.map((e) => e.id)).toEqual(before.slice(0, 10));
    // and the newest page now starts with the new event
    expect((await auditLogFor(dinas, { take: 10 })).events[0]!.id).toBe(added.id);
  });

  it("others read nothing; bad or foreign cursors give a page, never an error", async () => {
    expect((await auditLogFor(await actorFor("kelompok@bermitra.id"), { take: 10 })).events).toEqual([]);
    const dinas = await actorFor("dinas@bermitra.id");
    const newest = await auditLogFor(dinas, { take: 5 });
    for (const cursor of ["", "x", "12.", ".abc", "99999999999999999.abc", "1.a b", "-5.abc", "1.".padEnd(200, "a")]) {
      const page = await auditLogFor(dinas, { take: 5, before: cursor });
      expect(page.events.map((e) => e.id)).toEqual(newest.events.map((e) => e.id));
    }
  });

  it("the /audit route pages with ?before= and ?after= links (no JS), keeps the type filter, ignores a bad cursor", async () => {
    const cookie = await cookieFor("dinas@bermitra.id");
    const load = async (query: string) => {
      const response = (await auditLoader({ request: getRequest(`/audit${query}`, cookie), params: {}, context: {} })) as Response;
      expect(response.status).toBe(200);
      return (await response.json()) as { events: { id: string; entityType: string }[]; older: string | null; newer: string | null; entityType: string | null };
    };
    const dinas = await actorFor("dinas@bermitra.id");
    const whole = await everything(dinas);
    const first = await load("");
    expect(first.events.map((e) => e.id)).toEqual(whole.slice(0, 50));
    expect(first.newer).toBeNull();
    const second = await load(`?before=${encodeURIComponent(first.older!)}`);
    expect(second.events.map((e) => e.id)).toEqual(whole.slice(50, 100));
    expect((await load(`?after=${encodeURIComponent(second.newer!)}`)).events.map((e) => e.id)).toEqual(whole.slice(0, 50));
    const orders = await load("?type=Order");
    expect(orders.entityType).toBe("Order");
    expect(orders.events.every((e) => e.entityType === "Order")).toBe(true);
    expect((await load("?before=not-a-cursor")).events.map((e) => e.id)).toEqual(whole.slice(0, 50));
  });
});
