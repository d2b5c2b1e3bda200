import { db } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import { createMouDraftsFromDemand } from "~/mou/drafts.server";
import { createMouFromScratch, parseContent, sendForSignature, submitForReview } from "~/mou/mou.server";
import { confirmSignerIdentity, signVersion } from "~/mou/signing.server";
import { loader as listLoader } from "~/routes/mou._index";
import { action as detailAction, loader as detailLoader } from "~/routes/mou.$id";
import { loader as pdfLoader } from "~/routes/mou.$id_.pdf";
import { action as signLinkAction, loader as signLinkLoader } from "~/routes/sign.$token";
import { action as verifyAction } from "~/routes/mou.verify";
import { actorFor, actorOfUser } from "../helpers/actors";
import { cookieFor, formRequest, getRequest, responseOf } from "../helpers/requests";

const ctx = {} as never;


async function seededHotelMou() {
  const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
  const group = await db.group.findUniqueOrThrow({ where: { slug: "kpm-melati-sisir" } });
  return db.mou.findFirstOrThrow({ where: { partnerId: partner.id, status: "ACTIVE", groups: { some: { groupId: group.id } } } });
}

function withOrigin(request: Request): Request {
  request.headers.set("Origin", "http://localhost");
  return request;
}

describe("who can see and act on an MoU", () => {
  it("shows an MoU to its parties, their facilitator and Dinas; 404 to everybody else", async () => {
    const mou = await seededHotelMou();
    const group = await db.group.findUniqueOrThrow({ where: { slug: "kpm-melati-sisir" }, select: { facilitator: { select: { email: true } } } });
    for (const email of ["dinas@bermitra.id", "mitra@bermitra.id", "staf.hotel-taman-sari-batu@bermitra.id", "kelompok@bermitra.id", group.facilitator!.email, "admin@bermitra.id"]) {
      const res = await responseOf(async () => detailLoader({ request: getRequest(`/mou/${mou.id}`, await cookieFor(email)), params: { id: mou.id }, context: ctx }));
      expect([email, res.status]).toEqual([email, 200]);
    }
    for (const email of ["chair.kpm-kamboja-tulungrejo@bermitra.id", "staf.hotel-graha-arjuno@bermitra.id"]) {
      const res = await responseOf(async () => detailLoader({ request: getRequest(`/mou/${mou.id}`, await cookieFor(email)), params: { id: mou.id }, context: ctx }));
      expect([email, res.status]).toEqual([email, 404]);
    }
    const anonymous = await responseOf(() => detailLoader({ request: getRequest(`/mou/${mou.id}`), params: { id: mou.id }, context: ctx }));
    expect(anonymous.status).toBe(302);
    // The list is scoped too
    const list = await responseOf(async () => listLoader({ request: getRequest("/mou", await cookieFor("chair.kpm-kamboja-tulungrejo@bermitra.id")), params: {}, context: ctx }));
    const body = (await list.json()) as { mous: { id: string }[] };
    expect(body.mous.map((m) => m.id)).not.toContain(mou.id);
    const dinasList = await responseOf(async () => listLoader({ request: getRequest("/mou?status=ACTIVE", await cookieFor("dinas@bermitra.id")), params: {}, context: ctx }));
    // the study's eight plus the seeded "orders stopped" MoU 008 (prisma/seed/warnings.ts, decision 126)
    expect(((await dinasList.json()) as { mous: unknown[] }).mous.length).toBe(9);
  });

  it("lets only Dinas manage an MoU (terminate, amend, send)", async () => {
    const mou = await seededHotelMou();
    for (const email of ["mitra@bermitra.id", "kelompok@bermitra.id"]) {
      const res = await responseOf(async () =>
        detailAction({ request: withOrigin(formRequest(`/mou/${mou.id}`, { intent: "terminate", reason: "x" }, await cookieFor(email))), params: { id: mou.id }, context: ctx }),
      );
      expect(res.status).toBe(403);
    }
    const refused = await responseOf(async () =>
      detailAction({ request: withOrigin(formRequest(`/mou/${mou.id}`, { intent: "terminate", reason: "" }, await cookieFor("dinas@bermitra.id"))), params: { id: mou.id }, context: ctx }),
    );
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: Record<string, string> }).errors["reason-terminate"]).toBe("errors:reasonRequired");
    expect((await db.mou.findUniqueOrThrow({ where: { id: mou.id } })).status).toBe("ACTIVE");
  });

  it("serves the sealed PDF to parties only; a signing link works once; uploads of garbage are just 'not authentic'", async () => {
    const dinas = await actorFor("dinas@bermitra.id");
    const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
    const group = await db.group.findUniqueOrThrow({ where: { slug: "kpm-melati-sisir" } });
    const mou = await createMouFromScratch(dinas, { dinasOfficeId: partner.dinasOfficeId, partnerId: partner.id, groupIds: [group.id], startDate: "2027-01-01", endDate: "2027-12-31" });
    await submitForReview(dinas, mou.id);
    const { token } = await sendForSignature(dinas, mou.id);

    // the group chair signs through the emailed link
    const valid = await responseOf(() => signLinkLoader({ request: getRequest(`/sign/${token}`), params: { token }, context: ctx }));
    expect(valid.status).toBe(200);
    const signer = await db.mouSigner.findFirstOrThrow({ where: { version: { mouId: mou.id }, order: 1 } });
    expect(signer.viewedAt).not.toBeNull();
    const wrong = await responseOf(() =>
      signLinkAction({ request: withOrigin(formRequest(`/sign/${token}`, { intent: "sign", password: "salah", typedName: signer.name, consent: "on" })), params: { token }, context: ctx }),
    );
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { errors: Record<string, string> }).errors.password).toBe("mou:errors.wrongPassword");
    const ok = await responseOf(() =>
      signLinkAction({ request: withOrigin(formRequest(`/sign/${token}`, { intent: "sign", password: "bermitra-demo", typedName: signer.name, consent: "on" })), params: { token }, context: ctx }),
    );
    expect(ok.status).toBe(302);
    const used = await responseOf(() => signLinkLoader({ request: getRequest(`/sign/${token}`), params: { token }, context: ctx }));
    expect(used.status).toBe(410);
    const replay = await responseOf(() =>
      signLinkAction({ request: withOrigin(formRequest(`/sign/${token}`, { intent: "sign", password: "bermitra-demo", typedName: signer.name, consent: "on" })), params: { token }, context: ctx }),
    );
    expect(replay.status).toBe(410);

    for (const order of [2, 3]) {
      const s = await db.mouSigner.findFirstOrThrow({ where: { version: { mouId: mou.id }, order } });
      await confirmSignerIdentity(s.id, { password: "bermitra-demo" });
      await signVersion(null, { signerId: s.id, typedName: s.name, consent: true });
    }
    const pdf = await responseOf(async () => pdfLoader({ request: getRequest(`/mou/${mou.id}/pdf?v=1`, await cookieFor("kelompok@bermitra.id")), params: { id: mou.id }, context: ctx }));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    const stranger = await responseOf(async () => pdfLoader({ request: getRequest(`/mou/${mou.id}/pdf?v=1`, await cookieFor("chair.kpm-kamboja-tulungrejo@bermitra.id")), params: { id: mou.id }, context: ctx }));
    expect(stranger.status).toBe(404);

    const form = new FormData();
    form.append("pdf", new Blob([new Uint8Array([1, 2, 3])], { type: "application/pdf" }), "x.pdf");
    const garbage = await responseOf(() => verifyAction({ request: new Request("http://localhost/mou/verify", { method: "POST", body: form }), params: {}, context: ctx }));
    expect(garbage.status).toBe(200);
    expect(((await garbage.json()) as { result: { authentic: boolean } }).result.authentic).toBe(false);
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    const real = new FormData();
    real.append("pdf", new Blob([bytes], { type: "application/pdf" }), "mou.pdf");
    const genuine = await responseOf(() => verifyAction({ request: new Request("http://localhost/mou/verify", { method: "POST", body: real }), params: {}, context: ctx }));
    expect(((await genuine.json()) as { result: { authentic: boolean } }).result.authentic).toBe(true);
  });
});

describe("drafts from a demand's split award", () => {
  it("makes one three-party draft per accepted group, pre-filled from the demand and the offer", async () => {
    const hotel = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
    const category = await db.productCategory.findUniqueOrThrow({ where: { slug: "kue-basah" } });
    const partnerUser = await db.user.findUniqueOrThrow({ where: { email: "mitra@bermitra.id" } });
    const demand = await db.demand.create({
      data: {
        partnerId: hotel.id,
        createdById: partnerUser.id,
        title: "Kue basah sarapan",
        categoryId: category.id,
        specification: "Lemper dan nagasari",
        qualityRequirements: "Tanpa pengawet",
        quantity: 300,
        unit: "PCS",
        frequency: "DAILY",
        daysOfWeek: "1,2,3,4,5",
        deliveryAddress: hotel.address,
        startDate: new Date("2027-01-04T00:00:00+07:00"),
        endDate: new Date("2027-06-30T00:00:00+07:00"),
        offerDeadline: new Date("2026-12-20T00:00:00+07:00"),
        allowSplit: true,
        status: "AWARDED",
      },
    });
    const groups = await db.group.findMany({ where: { slug: { in: ["kpm-dahlia-songgokerto", "kpm-flamboyan-temas", "kpm-kamboja-tulungrejo"] } } });
    const bySlug = new Map(groups.map((g) => [g.slug, g]));
    const offers: { id: string }[] = [];
    for (const [slug, price, qty, status] of [
      ["kpm-dahlia-songgokerto", 2500, 180, "ACCEPTED"],
      ["kpm-flamboyan-temas", 2400, 120, "ACCEPTED"],
      ["kpm-kamboja-tulungrejo", 2300, 100, "DECLINED"],
    ] as const) {
      offers.push(
        await db.offer.create({
          data: { demandId: demand.id, groupId: bySlug.get(slug)!.id, createdById: partnerUser.id, pricePerUnit: price, quantityPerPeriod: qty + 20, acceptedQuantity: status === "ACCEPTED" ? qty : null, startDate: new Date("2027-01-04T00:00:00+07:00"), status },
        }),
      );
    }
    const actor = actorOfUser(partnerUser);
    await expect(db.$transaction((tx) => createMouDraftsFromDemand(tx, actor, { demandId: demand.id, offerIds: offers.map((o) => o.id) }))).rejects.toThrow(DomainError);
    const created = await db.$transaction((tx) => createMouDraftsFromDemand(tx, actor, { demandId: demand.id, offerIds: [offers[0]!.id, offers[1]!.id] }));
    expect(created).toHaveLength(2);
    const again = await db.$transaction((tx) => createMouDraftsFromDemand(tx, actor, { demandId: demand.id, offerIds: [offers[0]!.id] }));
    expect(again[0]!.id).toBe(created[0]!.id);
    const mou = await db.mou.findUniqueOrThrow({ where: { id: created[0]!.id }, include: { versions: true, groups: true } });
    expect(mou.status).toBe("DRAFT");
    expect(mou.demandId).toBe(demand.id);
    expect(mou.groups.map((g) => g.groupId)).toEqual([bySlug.get("kpm-dahlia-songgokerto")!.id]);
    const content = parseContent(mou.versions[0]!.content);
    expect(content.parties.partner.signatoryName).toBe("Hendra Wijaya");
    expect(content.parties.dinas.signatoryTitle).toBe("Kepala Dinas Sosial Kota Batu");
    expect(content.parties.groups[0]!.chairName).not.toBe("");
    expect(content.scope.items[0]).toMatchObject({ quantityPerDelivery: 180, unitPrice: 2500, unit: "PCS" });
    expect(content.scope.deliveryDays).toEqual([1, 2, 3, 4, 5]);
    expect(content.scope.qualityStandards).toContain("Tanpa pengawet");
    expect(content.period).toEqual({ startDate: "2027-01-04", endDate: "2027-06-30" });
    expect(content.payment).toEqual({ kind: "NET_DAYS", netDays: 14 });
    expect(content.coaching.length).toBeGreaterThan(0);
    expect(content.obligations.partner[0]).toContain("pembinaan dan pendampingan");
    expect(content.background).toContain("Pemerintah Kota Batu");
    expect(content.dispute).toContain("musyawarah");
    expect(await db.auditEvent.count({ where: { entityType: "Mou", entityId: mou.id, action: "mou.created" } })).toBe(1);
  });
});
