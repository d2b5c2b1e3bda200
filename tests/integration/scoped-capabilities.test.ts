import { db } from "~/db/db.server";
import { changeProductStatus, getProductForEdit, listGroupProducts, updateProduct } from "~/catalog/products.server";
import { productFor } from "~/catalog/access.server";
import { createMouFromScratch, parseContent, startAmendment, terminateMou, updateDraftContent } from "~/mou/mou.server";
import { draftingOfficeFor, mouDraftForEdit, mouDraftingChoices, sealedMouPdf } from "~/mou/pages.server";
import { dinasOverview } from "~/dashboard/overview.server";
import { groupDirectory } from "~/groups/directory.server";
import { listNotifications, markAllNotificationsRead, unreadNotificationCount } from "~/notifications/inbox.server";
import { listUsers } from "~/accounts/admin.server";
import { actorFor } from "../helpers/actors";

/**
 * Capability functions load records through lookups scoped by the actor (decision 060): an id of another
 * party's record is simply not found, and nothing of that record changes.
 */

const productInput = (p: { name: string; categoryId: string; description: string; unit: "PCS" | "BOX" | "PACK" | "KG" | "LITER" | "SERVICE"; priceRupiah: number; minOrderQty: number; weeklyCapacity: number; leadTimeDays: number }) => ({
  name: p.name,
  categoryId: p.categoryId,
  description: p.description,
  unit: p.unit,
  priceRupiah: 1,
  minOrderQty: p.minOrderQty,
  weeklyCapacity: p.weeklyCapacity,
  leadTimeDays: p.leadTimeDays,
  deliveryAreaIds: [],
  certifications: [],
});

async function groupWithProduct(slug: string) {
  return db.group.findUniqueOrThrow({ where: { slug }, include: { products: { where: { status: "ACTIVE" }, take: 1 } } });
}

describe("products are reached only through the actor's product scope", () => {
  it("refuses another group's product to a chair, a partner and Dinas; leaves it unchanged", async () => {
    const groupA = await groupWithProduct("kpm-melati-sisir");
    const productA = groupA.products[0]!;
    for (const email of ["chair.kpm-dahlia-songgokerto@bermitra.id", "mitra@bermitra.id", "dinas@bermitra.id", "dinas.malang@bermitra.id", "pendamping3@bermitra.id"]) {
      const actor = await actorFor(email);
      await expect(changeProductStatus(actor, productA.id, "pause"), email).rejects.toMatchObject({ key: "errors:notFound" });
      await expect(updateProduct(actor, productA.id, productInput(productA)), email).rejects.toMatchObject({ key: "errors:notFound" });
      expect(await productFor(actor, productA.id, undefined, { id: true }), email).toBeNull();
      expect(await getProductForEdit(actor, groupA.id, productA.id), email).toBeNull();
      expect(await listGroupProducts(actor, groupA.id), email).toEqual([]);
    }
    const after = await db.product.findUniqueOrThrow({ where: { id: productA.id } });
    expect(after.status).toBe("ACTIVE");
    expect(after.priceRupiah).toBe(productA.priceRupiah);
    expect(after.updatedAt).toEqual(productA.updatedAt);
  });

  it("binds a product to the group in the URL: the facilitator acting for group A cannot reach group B's product", async () => {
    const groupA = await groupWithProduct("kpm-melati-sisir");
    const groupB = await groupWithProduct("kpm-dahlia-songgokerto");
    expect(groupB.facilitatorId).toBe(groupA.facilitatorId);
    const forA = await actorFor("pendamping@bermitra.id", { actingForGroupId: groupA.id });
    const productB = groupB.products[0]!;
    await expect(changeProductStatus(forA, productB.id, "pause", null, { groupId: groupA.id })).rejects.toMatchObject({ key: "errors:notFound" });
    // in assisted mode for A, B's product is outside the scope even without naming a group
    await expect(changeProductStatus(forA, productB.id, "pause")).rejects.toMatchObject({ key: "errors:notFound" });
    expect((await db.product.findUniqueOrThrow({ where: { id: productB.id } })).status).toBe("ACTIVE");
    // its own group's product works
    expect(await changeProductStatus(forA, groupA.products[0]!.id, "pause", null, { groupId: groupA.id })).toBe("PAUSED");
  });
});

describe("MoUs are managed only by Dinas of their office (or an admin)", () => {
  async function batuDraft() {
    const dinasA = await actorFor("dinas@bermitra.id");
    const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
    const group = await db.group.findUniqueOrThrow({ where: { slug: "kpm-melati-sisir" } });
    const mou = await createMouFromScratch(dinasA, { dinasOfficeId: partner.dinasOfficeId, partnerId: partner.id, groupIds: [group.id], startDate: "2027-01-01", endDate: "2027-12-31" });
    return { dinasA, partner, group, mou };
  }

  it("refuses Kota Malang's Dinas (and parties) on a Kota Batu MoU; nothing changes", async () => {
    const { mou } = await batuDraft();
    const version = await db.mouVersion.findFirstOrThrow({ where: { mouId: mou.id } });
    const content = parseContent(version.content);
    for (const email of ["dinas.malang@bermitra.id", "mitra@bermitra.id", "kelompok@bermitra.id"]) {
      const actor = await actorFor(email);
      await expect(updateDraftContent(actor, mou.id, { ...content, title: "Diubah" }), email).rejects.toMatchObject({ key: "errors:notFound" });
      await expect(terminateMou(actor, mou.id, "x"), email).rejects.toMatchObject({ key: "errors:notFound" });
      await expect(startAmendment(actor, mou.id, "x"), email).rejects.toMatchObject({ key: "errors:notFound" });
      expect(await mouDraftForEdit(actor, mou.id), email).toBeNull();
    }
    const after = await db.mouVersion.findUniqueOrThrow({ where: { id: version.id } });
    expect(after.contentHash).toBe(version.contentHash);
    expect((await db.mou.findUniqueOrThrow({ where: { id: mou.id } })).status).toBe("DRAFT");
  });

  it("drafts only in the actor's own office: Kota Malang's Dinas cannot draft with Kota Batu's partner", async () => {
    const dinasB = await actorFor("dinas.malang@bermitra.id");
    const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
    const group = await db.group.findUniqueOrThrow({ where: { slug: "kpm-melati-sisir" } });
    const before = await db.mou.count();
    await expect(
      createMouFromScratch(dinasB, { dinasOfficeId: partner.dinasOfficeId, partnerId: partner.id, groupIds: [group.id], startDate: "2027-01-01", endDate: "2027-12-31" }),
    ).rejects.toMatchObject({ key: "errors:notFound" });
    expect(await draftingOfficeFor(dinasB, partner.id)).toBeNull();
    expect(await db.mou.count()).toBe(before);
    const choices = await mouDraftingChoices(dinasB);
    expect(choices.partners.map((p) => p.id)).not.toContain(partner.id);
    expect(choices.groups.map((g) => g.id)).not.toContain(group.id);
    expect(choices.partners.length).toBeGreaterThan(0);
    // an admin drafts in the partner's own office
    expect(await draftingOfficeFor(await actorFor("admin@bermitra.id"), partner.id)).toBe(partner.dinasOfficeId);
  });

  it("serves a sealed PDF only to those who may see the MoU", async () => {
    const sealed = await db.mouVersion.findFirstOrThrow({ where: { pdfKey: { not: null }, mou: { partner: { slug: "hotel-taman-sari-batu" } } }, include: { mou: true } });
    expect(await sealedMouPdf(await actorFor("mitra@bermitra.id"), sealed.mouId, sealed.versionNumber)).not.toBeNull();
    for (const email of ["staf.hotel-graha-arjuno@bermitra.id", "dinas.malang@bermitra.id", "chair.kpm-dahlia-songgokerto@bermitra.id"]) {
      expect(await sealedMouPdf(await actorFor(email), sealed.mouId, sealed.versionNumber), email).toBeNull();
    }
  });
});

describe("office and own-record pages", () => {
  it("Kota Malang's Dinas sees only its own office's groups, kecamatan and counts", async () => {
    const dinasB = await actorFor("dinas.malang@bermitra.id");
    const office = await db.dinasOffice.findUniqueOrThrow({ where: { id: dinasB.dinasOfficeId! } });
    const list = await groupDirectory(dinasB, { q: "", type: null, kecamatanId: null, page: 1 });
    expect(list.total).toBe(await db.group.count({ where: { dinasOfficeId: office.id } }));
    const kecamatanIds = new Set((await db.kecamatan.findMany({ where: { dinasOfficeId: office.id } })).map((k) => k.id));
    expect(list.kecamatans.every((k) => kecamatanIds.has(k.id))).toBe(true);
    expect(list.kecamatans.length).toBe(kecamatanIds.size);
    // a Kota Batu kecamatan as filter finds nothing
    const batuKecamatan = await db.kecamatan.findFirstOrThrow({ where: { dinasOfficeId: { not: office.id } } });
    expect((await groupDirectory(dinasB, { q: "", type: null, kecamatanId: batuKecamatan.id, page: 1 })).total).toBe(0);
    const overview = await dinasOverview(dinasB);
    expect(overview!.rows.length).toBe(kecamatanIds.size);
    expect(await dinasOverview(await actorFor("mitra@bermitra.id"))).toBeNull();
  });

  it("notifications and the user list are the actor's own / the admin's", async () => {
    const chair = await actorFor("kelompok@bermitra.id");
    const other = await actorFor("mitra@bermitra.id");
    await db.notification.create({ data: { userId: other.actorId, kind: "mou:notify.expired", params: "{}" } });
    const othersUnread = await unreadNotificationCount(other);
    expect(othersUnread).toBeGreaterThan(0);
    await markAllNotificationsRead(chair);
    expect(await unreadNotificationCount(other)).toBe(othersUnread);
    expect((await listNotifications(chair)).every((n) => n.userId === chair.actorId)).toBe(true);
    expect(await listUsers(chair, "")).toEqual([]);
    expect((await listUsers(await actorFor("admin@bermitra.id"), "")).length).toBeGreaterThan(10);
  });
});

describe("a group reaches only its own office's demands", () => {
  it("refuses a Kota Batu group's question and offer on a Kota Malang partner's open demand; nothing is written", async () => {
    const { postMessage, groupDemandPage } = await import("~/demands/demands.server");
    const chair = await actorFor("kelompok@bermitra.id");
    const malangPartner = await db.partner.findFirstOrThrow({ where: { dinasOffice: { city: "Malang" }, verificationStatus: "VERIFIED" } });
    const template = await db.demand.findFirstOrThrow({ where: { status: "OPEN" } });
    const { id: _id, createdAt: _c, updatedAt: _u, ...data } = template;
    const demand = await db.demand.create({ data: { ...data, partnerId: malangPartner.id, title: "Permintaan Malang (uji lingkup)" } });
    const before = await db.demandMessage.count();
    await expect(postMessage(chair, demand.id, chair.groupId!, "group", "Boleh kami ikut?")).rejects.toMatchObject({ key: "errors:notFound" });
    expect(await groupDemandPage(chair, chair.groupId!, demand.id)).toBeNull();
    expect(await db.demandMessage.count()).toBe(before);
    // the same demand under a Kota Batu partner is open to the group
    const batuDemand = await db.demand.create({ data: { ...data, title: "Permintaan Batu (uji lingkup)" } });
    await postMessage(chair, batuDemand.id, chair.groupId!, "group", "Boleh kami ikut?");
    expect(await db.demandMessage.count()).toBe(before + 1);
  });
});
