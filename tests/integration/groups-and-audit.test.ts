import { databaseKind } from "~/db/database-url";
import { db } from "~/db/db.server";
import { action as editAction } from "~/routes/groups.$groupId.edit";
import { loader as workspaceLoader } from "~/routes/groups.$groupId._index";
import { loader as healthLoader } from "~/routes/healthz";
import { readPragma } from "~/db/sqlite-specific.server";
import { cookieFor, formRequest, getRequest, responseOf } from "../helpers/requests";

async function demoGroup() {
  return db.group.findUniqueOrThrow({ where: { slug: "kpm-melati-sisir" }, include: { village: true } });
}

function profileForm(group: Awaited<ReturnType<typeof demoGroup>>, overrides: Record<string, string> = {}) {
  return {
    name: group.name,
    villageId: group.villageId,
    businessKind: group.businessKind,
    businessDescription: "Kue basah untuk hotel: lemper, nagasari, kue lumpur, dadar gulung.",
    story: group.story ?? "",
    address: group.address ?? "",
    phone: "",
    foundedAt: "2015-09-03",
    ...overrides,
  };
}

describe("group profile, assisted mode and the audit log", () => {
  it("lets the assigned facilitator edit for the group; the audit names both", async () => {
    const group = await demoGroup();
    const cookie = await cookieFor("pendamping@bermitra.id");
    const response = await responseOf(() =>
      editAction({ request: formRequest(`/groups/${group.id}/edit`, profileForm(group), cookie), params: { groupId: group.id }, context: {} }),
    );
    expect(response.status).toBe(302);
    const updated = await db.group.findUniqueOrThrow({ where: { id: group.id } });
    expect(updated.businessDescription).toMatch(/^Kue basah untuk hotel/);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: group.id, action: "group.updateProfile" } });
    expect(event.actorName).toBe("Dewi Anggraini");
    expect(event.actingForGroupId).toBe(group.id);
    expect(JSON.parse(event.after!).businessDescription).toMatch(/^Kue basah untuk hotel/);
  });

  it("refuses a facilitator who is not assigned, and a chair of another group", async () => {
    const group = await demoGroup();
    const other = await db.user.findFirstOrThrow({ where: { role: "FACILITATOR", NOT: { id: group.facilitatorId! } } });
    const otherChair = await db.user.findFirstOrThrow({ where: { role: "GROUP", NOT: { groupId: group.id } } });
    for (const email of [other.email, otherChair.email, "mitra@bermitra.id"]) {
      const cookie = await cookieFor(email);
      const response = await responseOf(() =>
        editAction({ request: formRequest(`/groups/${group.id}/edit`, profileForm(group), cookie), params: { groupId: group.id }, context: {} }),
      );
      expect(response.status).toBe(403);
    }
  });

  it("returns field errors and the typed values on bad input, and writes nothing", async () => {
    const group = await demoGroup();
    const cookie = await cookieFor("kelompok@bermitra.id");
    const events = await db.auditEvent.count();
    const response = await responseOf(() =>
      editAction({
        request: formRequest(`/groups/${group.id}/edit`, profileForm(group, { name: "", foundedAt: "2999-01-01", phone: "abc" }), cookie),
        params: { groupId: group.id },
        context: {},
      }),
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors).toMatchObject({ name: "validation:required", foundedAt: "validation:dateInFuture", phone: "validation:phone" });
    expect(body.values.phone).toBe("abc");
    expect(await db.auditEvent.count()).toBe(events);
    expect((await db.group.findUniqueOrThrow({ where: { id: group.id } })).name).toBe(group.name);
  });

  it("shows members' PKH status to Dinas and the facilitator, never to the group, an admin or a partner", async () => {
    const group = await demoGroup();
    for (const [email, welfare] of [["dinas@bermitra.id", true], ["pendamping@bermitra.id", true], ["kelompok@bermitra.id", false], ["admin@bermitra.id", false]] as const) {
      const cookie = await cookieFor(email);
      const response = await responseOf(() => workspaceLoader({ request: getRequest(`/groups/${group.id}`, cookie), params: { groupId: group.id }, context: {} }));
      const body = await response.json();
      expect(body.welfare).toBe(welfare);
      expect(body.members.some((m: { pkhStatus: string | null }) => m.pkhStatus !== null)).toBe(welfare);
    }
    const partnerCookie = await cookieFor("mitra@bermitra.id");
    const denied = await responseOf(() => workspaceLoader({ request: getRequest(`/groups/${group.id}`, partnerCookie), params: { groupId: group.id }, context: {} }));
    expect(denied.status).toBe(403);
  });

  it("keeps the audit log append-only at the database level", async () => {
    const event = await db.auditEvent.create({ data: { action: "test.event", entityType: "Test", entityId: "1" } });
    await expect(db.auditEvent.update({ where: { id: event.id }, data: { action: "changed" } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
  });

  it("runs SQLite in WAL mode with foreign keys on (PostgreSQL: always), and reports health", async () => {
    if (databaseKind() === "sqlite") {
      expect(await readPragma(db, "journal_mode")).toBe("wal");
      expect(await readPragma(db, "foreign_keys")).toBe("1");
    }
    const response = await healthLoader();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", db: "ok" });
  });
});
