import { actorOf } from "~/auth/guard.server";
import { loadSessionUser } from "~/auth/session.server";
import { db } from "~/db/db.server";
import { decideVerification, verificationQueue } from "~/verification/verification.server";
import { verificationMachine } from "~/verification/verification-machine";
import { cookieFor, formRequest, getRequest, responseOf } from "../helpers/requests";
import { action as verificationAction, loader as verificationLoader } from "~/routes/dinas.verification";

async function dinasActor() {
  const cookie = await cookieFor("dinas@bermitra.id");
  const user = (await loadSessionUser(getRequest("/", cookie)))!.user;
  return actorOf(user);
}

describe("verification state machine", () => {
  it("allows verify and reject only from pending, and reject only with a reason", () => {
    expect(verificationMachine.apply("PENDING", "verify")).toBe("VERIFIED");
    expect(verificationMachine.apply("PENDING", "reject", "NIB tidak cocok")).toBe("REJECTED");
    expect(() => verificationMachine.apply("PENDING", "reject", " ")).toThrow(/reasonRequired/);
    expect(() => verificationMachine.apply("VERIFIED", "verify")).toThrow(/transitionNotAllowed/);
    expect(() => verificationMachine.apply("REJECTED", "verify")).toThrow(/transitionNotAllowed/);
    expect(verificationMachine.apply("REJECTED", "resubmit")).toBe("PENDING");
  });
});

describe("verification queue", () => {
  it("lists pending groups and partners, and a decision is audited and told to the partner", async () => {
    const queue = await verificationQueue(await dinasActor());
    expect(queue.partners.length).toBeGreaterThan(0);
    expect(queue.groups.length).toBeGreaterThan(0);
    const partner = queue.partners[0]!;
    const actor = await dinasActor();
    await decideVerification(actor, "partner", partner.id, "verify");
    const after = await db.partner.findUniqueOrThrow({ where: { id: partner.id } });
    expect(after.verificationStatus).toBe("VERIFIED");
    expect(after.verifiedById).toBe(actor.actorId);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: partner.id, action: "partner.verify" } });
    expect(JSON.parse(event.before!)).toEqual({ verificationStatus: "PENDING" });
    expect(event.actorName).toBe("Rina Kusumawati");
    const staff = await db.user.findFirstOrThrow({ where: { partnerId: partner.id } });
    expect(await db.notification.count({ where: { userId: staff.id, kind: "verificationApproved" } })).toBe(1);
    await expect(decideVerification(actor, "partner", partner.id, "verify")).rejects.toMatchObject({ key: "errors:transitionNotAllowed" });
  });

  it("refuses a rejection without reason with a message next to the field, and changes nothing", async () => {
    const group = (await verificationQueue(await dinasActor())).groups[0]!;
    const cookie = await cookieFor("dinas@bermitra.id");
    const response = await responseOf(() =>
      verificationAction({ request: formRequest("/dinas/verification", { subject: "group", id: group.id, decision: "reject" }, cookie), params: {}, context: {} }),
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors[`reason-${group.id}`]).toBe("errors:reasonRequired");
    expect((await db.group.findUniqueOrThrow({ where: { id: group.id } })).verificationStatus).toBe("PENDING");
  });

  it("is closed to groups and partners", async () => {
    for (const email of ["kelompok@bermitra.id", "mitra@bermitra.id", "pendamping@bermitra.id"]) {
      const cookie = await cookieFor(email);
      const response = await responseOf(() => verificationLoader({ request: getRequest("/dinas/verification", cookie), params: {}, context: {} }));
      expect(response.status).toBe(403);
    }
    const anonymous = await responseOf(() => verificationLoader({ request: getRequest("/dinas/verification"), params: {}, context: {} }));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});
