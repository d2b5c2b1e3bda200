/**
 * Demo seed: MoUs (Nota Kesepahaman). The studies' story: of 25 KPM, 8 found a partner and signed an MoU
 * (the first on 3 September 2015). Each of the 8 has an ACTIVE MoU (a current, renewed period) signed by
 * the group chair, the partner and the Kepala Dinas, with its sealed PDF and audit certificate:
 *  - Hotel Taman Sari Batu ↔ KPM Melati Sisir: wet cakes, monthly coaching (the coaching seed marks them
 *    delivered). Its paper MoU of 03/09/2015 is kept as an expired, archived record the 2026 MoU renews.
 *  - Taman Rekreasi Gunung Panderman (theme park) ↔ KPM Kemuning Sidomulyo: worm and white-rat farming
 *    with coaching commitments (the coaching seed marks them missed).
 *  - Arjuna TV & Boga Rasa (TV station + food company): keripik usus; Museum Angkutan Nusantara (ends
 *    within 30 days: renewal demo); Agro Lestari Bumiaji with Kebun Apel Sejahtera (two agro companies);
 *    Sinar Batu Mandiri (local company); Hotel Graha Arjuno with Hotel Bukit Flamboyan (two hotels);
 *    UPT Pelatihan Kerja Disnaker (the city manpower office's work-training unit).
 * Plus, for the demo, one MoU out for signature (the group chair signed; Hotel Taman Sari's GM is next)
 * and one in review by Dinas. Rows are written directly (with historical timestamps) rather than through
 * the workflow functions, which stamp "now".
 */
import { putObject } from "../../app/storage/object-store.server";
import type { PrismaClient } from "../../app/generated/prisma/client";
import { canonicalJson, contentHash, sha256Hex } from "../../app/mou/canonical";
import type { MouCoachingCommitment, MouContent } from "../../app/mou/content";
import { defaultPayment, dinasParty, groupParty, partnerParty } from "../../app/mou/drafts.server";
import { newVerificationCode, renderMouPdf } from "../../app/mou/seal.server";
import { addDays, addYears, DEFAULT_DISPUTE, DEFAULT_OBLIGATIONS, DEFAULT_TERMINATION, defaultBackground, regionName } from "../../app/mou/templates";
import type { SeedContext } from "./foundation";
import { mulberry32 } from "./random";
import { dayKey, DEFAULT_TIME_ZONE, startOfDay, zonedInstant } from "../../app/time/calendar";

type Spec = {
  partner: string;
  group: string;
  /** days before today the current period started */
  startedDaysAgo: number;
  title?: string;
  background?: string;
  items: { description: string; unit: MouContent["scope"]["items"][number]["unit"]; quantity: number; price: number; product?: boolean }[];
  deliveryDays: number[];
  quality: string;
  coaching: (Omit<MouCoachingCommitment, "firstDueDate"> & { firstDueAfterDays: number })[];
  extraPartnerObligations?: string[];
  state: "ACTIVE" | "OUT_FOR_SIGNATURE" | "IN_REVIEW";
};

const SPECS: Spec[] = [
  {
    partner: "hotel-taman-sari-batu",
    group: "kpm-melati-sisir",
    startedDaysAgo: 300,
    background:
      "Melanjutkan kemitraan yang dimulai dengan Nota Kesepahaman tanggal 3 September 2015 di Kantor Dinas Sosial Kota Batu.",
    items: [
      { description: "Kue basah sarapan tamu (lemper, lapis, nagasari), dikemas per 20 buah", unit: "PCS", quantity: 120, price: 2500, product: true },
      { description: "Kue basah untuk rapat dan acara (klepon, dadar gulung)", unit: "BOX", quantity: 4, price: 45000 },
    ],
    deliveryDays: [1, 2, 3, 4, 5, 6, 7],
    quality: "Dibuat hari yang sama, dikirim sebelum pukul 05.30 WIB, tanpa pengawet dan pewarna sintetis, ukuran seragam sesuai contoh dapur pastry hotel.",
    coaching: [
      { topic: "Standar kue basah hotel: porsi, rasa, dan kebersihan dapur", sessionsCount: 12, frequency: "MONTHLY", firstDueAfterDays: 25, hoursPerSession: 3 },
      { topic: "Pengemasan, pelabelan, dan penghitungan harga pokok", sessionsCount: 4, frequency: "QUARTERLY", firstDueAfterDays: 45, hoursPerSession: 2 },
    ],
    extraPartnerObligations: ["Memberi pelatihan di dapur pastry hotel oleh juru masak hotel."],
    state: "ACTIVE",
  },
  {
    partner: "taman-rekreasi-gunung-panderman",
    group: "kpm-kemuning-sidomulyo",
    startedDaysAgo: 280,
    items: [
      { description: "Cacing tanah hidup untuk pakan satwa kebun binatang mini", unit: "KG", quantity: 10, price: 35000 },
      { description: "Tikus putih untuk pakan satwa", unit: "PCS", quantity: 40, price: 6000 },
    ],
    deliveryDays: [2, 5],
    quality: "Cacing dan tikus putih sehat, dari kandang yang dibersihkan setiap hari, dikirim dalam wadah berventilasi.",
    coaching: [
      { topic: "Budidaya cacing tanah: media, pakan, dan panen", sessionsCount: 6, frequency: "MONTHLY", firstDueAfterDays: 20, hoursPerSession: 3 },
      { topic: "Budidaya tikus putih: kandang, kesehatan, dan pembiakan", sessionsCount: 6, frequency: "MONTHLY", firstDueAfterDays: 35, hoursPerSession: 3 },
    ],
    extraPartnerObligations: ["Menyediakan bibit cacing dan indukan tikus putih untuk modal awal budidaya kelompok."],
    state: "ACTIVE",
  },
  {
    partner: "arjuna-tv-dan-boga-rasa",
    group: "kpm-mawar-temas",
    startedDaysAgo: 240,
    items: [{ description: "Keripik usus ayam aneka rasa, kemasan 100 gram berlabel bersama", unit: "PACK", quantity: 150, price: 9000, product: true }],
    deliveryDays: [1, 4],
    quality: "Renyah, tidak berminyak, kadar garam sesuai resep baku, kemasan bersegel dengan tanggal produksi dan nomor P-IRT.",
    coaching: [
      { topic: "Keamanan pangan dan perizinan P-IRT keripik usus", sessionsCount: 3, frequency: "MONTHLY", firstDueAfterDays: 30, hoursPerSession: 2 },
      { topic: "Promosi produk melalui siaran dan media sosial", sessionsCount: 4, frequency: "QUARTERLY", firstDueAfterDays: 60, hoursPerSession: 2 },
    ],
    extraPartnerObligations: ["Mempromosikan produk kelompok dalam program siaran lokal."],
    state: "ACTIVE",
  },
  {
    partner: "museum-angkutan-nusantara",
    group: "kpm-anggrek-oro-oro-ombo",
    startedDaysAgo: 345,
    items: [{ description: "Kue kering dan roti manis untuk pojok oleh-oleh museum", unit: "BOX", quantity: 30, price: 35000, product: true }],
    deliveryDays: [3, 6],
    quality: "Kemasan toples bersegel dengan label museum dan kelompok, masa simpan minimal 30 hari.",
    coaching: [{ topic: "Tata letak dan penjualan di pojok oleh-oleh", sessionsCount: 4, frequency: "QUARTERLY", firstDueAfterDays: 30, hoursPerSession: 2 }],
    state: "ACTIVE",
  },
  {
    partner: "agro-lestari-bumiaji",
    group: "kpm-krisan-punten",
    startedDaysAgo: 200,
    background: "Kemitraan ini didukung bersama oleh PT Agro Lestari Bumiaji dan PT Kebun Apel Sejahtera sebagai dua perusahaan agro di Kecamatan Bumiaji.",
    items: [{ description: "Keripik apel dan sari apel Batu untuk paket wisata petik apel", unit: "PACK", quantity: 80, price: 15000, product: true }],
    deliveryDays: [5],
    quality: "Dari apel Batu sortiran kebun mitra, tanpa pemanis buatan, kemasan berlabel.",
    coaching: [{ topic: "Pengolahan apel sortiran menjadi produk bernilai tambah", sessionsCount: 6, frequency: "MONTHLY", firstDueAfterDays: 30, hoursPerSession: 3 }],
    extraPartnerObligations: ["Memasok apel sortiran dengan harga khusus sebagai bahan baku."],
    state: "ACTIVE",
  },
  {
    partner: "sinar-batu-mandiri",
    group: "kpm-teratai-pesanggrahan",
    startedDaysAgo: 180,
    items: [{ description: "Telur asin bakar untuk jaringan toko mitra", unit: "PCS", quantity: 300, price: 4000, product: true }],
    deliveryDays: [1, 4],
    quality: "Telur bebek segar, masir, tidak retak, dicap tanggal produksi.",
    coaching: [{ topic: "Pencatatan stok dan distribusi ke toko", sessionsCount: 4, frequency: "QUARTERLY", firstDueAfterDays: 30, hoursPerSession: 2 }],
    state: "ACTIVE",
  },
  {
    partner: "hotel-graha-arjuno",
    group: "kpm-flamboyan-temas",
    startedDaysAgo: 260,
    background: "Kemitraan ini dijalankan bersama oleh Hotel Graha Arjuno dan Hotel Bukit Flamboyan; Hotel Graha Arjuno menandatangani sebagai mitra utama.",
    items: [{ description: "Kue basah tradisional (klepon, onde-onde, dadar gulung) untuk dua hotel", unit: "PCS", quantity: 100, price: 2500, product: true }],
    deliveryDays: [1, 3, 5, 6],
    quality: "Dibuat hari yang sama, dikirim sebelum pukul 06.00 WIB ke masing-masing hotel.",
    coaching: [{ topic: "Standar kue untuk prasmanan hotel", sessionsCount: 6, frequency: "MONTHLY", firstDueAfterDays: 30, hoursPerSession: 2 }],
    state: "ACTIVE",
  },
  {
    partner: "upt-pelatihan-kerja-disnaker-kota-batu",
    group: "kpm-cempaka-ngaglik",
    startedDaysAgo: 220,
    items: [{ description: "Nasi kotak dan snack box untuk peserta pelatihan kerja", unit: "BOX", quantity: 40, price: 20000, product: true }],
    deliveryDays: [1, 2, 3, 4, 5],
    quality: "Menu bergizi seimbang sesuai daftar menu mingguan, dikirim hangat sebelum pukul 11.30 WIB.",
    coaching: [{ topic: "Pelatihan tata boga dan sertifikasi kompetensi", sessionsCount: 3, frequency: "QUARTERLY", firstDueAfterDays: 30, hoursPerSession: 6 }],
    state: "ACTIVE",
  },
  {
    partner: "hotel-taman-sari-batu",
    group: "kube-sumber-rejeki-sumberejo",
    startedDaysAgo: -7,
    items: [{ description: "Cuci dan setrika linen kamar (seprai, sarung bantal, handuk)", unit: "KG", quantity: 60, price: 7000, product: true }],
    deliveryDays: [1, 3, 5],
    quality: "Linen bersih, wangi, disetrika rapi, dikembalikan dalam 24 jam dengan daftar hitung.",
    coaching: [{ topic: "Standar laundry linen hotel", sessionsCount: 3, frequency: "MONTHLY", firstDueAfterDays: 30, hoursPerSession: 3 }],
    state: "OUT_FOR_SIGNATURE",
  },
  {
    partner: "resto-lereng-arjuno",
    group: "kube-sido-rukun-bumiaji",
    startedDaysAgo: -21,
    items: [{ description: "Kopi arabika sangrai sedang, biji utuh, kemasan 1 kg", unit: "KG", quantity: 8, price: 140000, product: true }],
    deliveryDays: [2],
    quality: "Biji kopi petik merah, sangrai paling lama 7 hari sebelum dikirim.",
    coaching: [{ topic: "Sangrai dan penyeduhan kopi untuk kafe", sessionsCount: 4, frequency: "MONTHLY", firstDueAfterDays: 30, hoursPerSession: 2 }],
    state: "IN_REVIEW",
  },
];

function day(date: Date): string {
  return dayKey(date);
}

/** 10:00 WIB on a "yyyy-mm-dd" day, plus some minutes. */
function at(dayStr: string, minutes = 0): Date {
  return new Date(zonedInstant(dayStr, DEFAULT_TIME_ZONE, { h: 10 }).getTime() + minutes * 60_000);
}

export async function seedMou(db: PrismaClient, ctx: SeedContext): Promise<void> {
  const random = mulberry32(50_505);
  const today = day(ctx.today);
  const office = await db.dinasOffice.findUniqueOrThrow({ where: { id: ctx.officeId } });
  const dinasActor = ctx.users.dinas;
  const { party: dinas } = await dinasParty(db, office.id);
  const kadinas = ctx.users.kadinas;
  const counters = new Map<string, number>();
  const numberFor = (type: string, year: string) => {
    const key = `${type}/${year}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return `${String(n).padStart(3, "0")}/MOU-${type}/DINSOS-${office.city.toUpperCase()}/${year}`;
  };
  const audit = (entityId: string, when: Date, action: string, actor: { id: string; name: string } | null, after?: unknown, reason?: string) =>
    db.auditEvent.create({
      data: { at: when, actorId: actor?.id ?? null, actorName: actor?.name ?? null, action, entityType: "Mou", entityId, after: after === undefined ? null : JSON.stringify(after), reason: reason ?? null },
    });

  // The paper MoU of 3 September 2015, archived: the 2026 MoU of the hotel and KPM Melati Sisir renews it.
  const hotel = ctx.partners["hotel-taman-sari-batu"]!;
  const melati = ctx.groups["kpm-melati-sisir"]!;
  const archiveContent: MouContent = {
    title: `Nota Kesepahaman Kemitraan ${hotel.displayName} dan ${melati.name}`,
    parties: { partner: await partnerParty(db, hotel.id), groups: [await groupParty(db, melati.id)], dinas },
    background: defaultBackground(office.regulation, regionName(office)),
    scope: {
      items: [{ groupId: melati.id, productId: null, description: "Kue basah sarapan tamu (lemper, lapis, nagasari)", unit: "PCS", quantityPerDelivery: 60, unitPrice: 1500 }],
      deliveryDays: [1, 2, 3, 4, 5, 6, 7],
      deliveryAddress: hotel.address,
      qualityStandards: "Sesuai contoh dapur hotel.",
    },
    obligations: { partner: [...DEFAULT_OBLIGATIONS.partner], group: [...DEFAULT_OBLIGATIONS.group] },
    coaching: [{ topic: "Pelatihan kue basah di dapur hotel", sessionsCount: 12, frequency: "MONTHLY", firstDueDate: "2015-10-01", hoursPerSession: 3 }],
    payment: { kind: "NET_DAYS", netDays: 30 },
    period: { startDate: "2015-09-03", endDate: "2016-09-02" },
    termination: DEFAULT_TERMINATION,
    dispute: DEFAULT_DISPUTE,
  };
  const archive = await db.mou.create({
    data: {
      number: numberFor("KPM", "2015"),
      partnerId: hotel.id,
      dinasOfficeId: office.id,
      status: "EXPIRED",
      startDate: startOfDay("2015-09-03"),
      endDate: startOfDay("2016-09-02"),
      createdById: dinasActor.id,
      createdAt: at("2015-08-20"),
      groups: { create: [{ groupId: melati.id }] },
    },
  });
  const archiveVersion = await db.mouVersion.create({
    data: {
      mouId: archive.id,
      versionNumber: 1,
      status: "SIGNED",
      content: canonicalJson(archiveContent),
      contentHash: contentHash(archiveContent),
      changeSummary: "Arsip digital MoU kertas yang ditandatangani di Kantor Dinas Sosial pada 03/09/2015",
      createdById: dinasActor.id,
      createdAt: at("2015-08-20"),
    },
  });
  await db.mou.update({ where: { id: archive.id }, data: { currentVersionId: archiveVersion.id, activeVersionId: archiveVersion.id } });
  // Signed on paper at the Dinas office on 3 September 2015: recorded, not sealed (no PDF, no verification code).
  const archiveSigners = [
    { order: 1, party: "GROUP" as const, groupId: melati.id, partnerId: null, userId: melati.userId, name: archiveContent.parties.groups[0]!.chairName, title: `Ketua ${melati.name}`, email: melati.userEmail },
    { order: 2, party: "PARTNER" as const, groupId: null, partnerId: hotel.id, userId: ctx.users.partner.id, name: archiveContent.parties.partner.signatoryName, title: archiveContent.parties.partner.signatoryTitle, email: ctx.users.partner.email },
    { order: 3, party: "DINAS" as const, groupId: null, partnerId: null, userId: ctx.users.kadinas.id, name: dinas.signatoryName, title: dinas.signatoryTitle, email: ctx.users.kadinas.email },
  ];
  for (const s of archiveSigners) {
    await db.mouSigner.create({ data: { ...s, versionId: archiveVersion.id, status: "SIGNED", signedAt: at("2015-09-03", s.order * 10), typedName: s.name, signedHash: archiveVersion.contentHash } });
  }
  await audit(archive.id, at("2015-08-20"), "mou.created", dinasActor, { number: archive.number, archived: true });
  await audit(archive.id, at("2016-09-03"), "mou.expired", null, { status: "EXPIRED" });

  let active = 0;
  for (const spec of SPECS) {
    const partner = ctx.partners[spec.partner];
    const group = ctx.groups[spec.group];
    if (!partner || !group) throw new Error(`seed mou: unknown partner ${spec.partner} or group ${spec.group}`);
    const start = addDays(today, -spec.startedDaysAgo);
    const end = addDays(addYears(start, 1), -1);
    const product = group.productSlugs.map((s) => ctx.products[s]).find((p) => !!p) ?? null;
    const partnerPartyValue = await partnerParty(db, partner.id);
    const groupPartyValue = await groupParty(db, group.id);
    const content: MouContent = {
      title: `Nota Kesepahaman Kemitraan ${partner.displayName} dan ${group.name}`,
      parties: { partner: partnerPartyValue, groups: [groupPartyValue], dinas },
      background: [defaultBackground(office.regulation, regionName(office)), spec.background].filter(Boolean).join(" "),
      scope: {
        items: spec.items.map((i) => ({
          groupId: group.id,
          productId: i.product && product ? product.id : null,
          description: i.description,
          unit: i.unit,
          quantityPerDelivery: i.quantity,
          unitPrice: i.price,
        })),
        deliveryDays: spec.deliveryDays,
        deliveryAddress: partner.address,
        qualityStandards: spec.quality,
      },
      obligations: { partner: [...DEFAULT_OBLIGATIONS.partner, ...(spec.extraPartnerObligations ?? [])], group: [...DEFAULT_OBLIGATIONS.group] },
      coaching: spec.coaching.map(({ firstDueAfterDays, ...c }) => ({ ...c, firstDueDate: addDays(start, firstDueAfterDays) })),
      payment: defaultPayment(partner.sector),
      period: { startDate: start, endDate: end },
      termination: DEFAULT_TERMINATION,
      dispute: DEFAULT_DISPUTE,
    };
    const hash = contentHash(content);
    const draftedDay = spec.state === "ACTIVE" ? addDays(start, -21) : addDays(today, spec.state === "IN_REVIEW" ? -2 : -6);
    const year = (spec.state === "ACTIVE" ? start : today).slice(0, 4);
    const mou = await db.mou.create({
      data: {
        number: numberFor(group.type, year),
        partnerId: partner.id,
        dinasOfficeId: office.id,
        status: spec.state,
        startDate: startOfDay(start),
        endDate: startOfDay(end),
        renewedFromId: spec.partner === "hotel-taman-sari-batu" && spec.group === "kpm-melati-sisir" ? archive.id : null,
        createdById: dinasActor.id,
        createdAt: at(draftedDay),
        groups: { create: [{ groupId: group.id }] },
      },
    });
    const version = await db.mouVersion.create({
      data: {
        mouId: mou.id,
        versionNumber: 1,
        status: spec.state === "ACTIVE" ? "SIGNED" : spec.state,
        content: canonicalJson(content),
        contentHash: hash,
        createdById: dinasActor.id,
        createdAt: at(draftedDay),
      },
    });
    await audit(mou.id, at(draftedDay), "mou.created", dinasActor, { number: mou.number, versionNumber: 1, contentHash: hash });
    await audit(mou.id, at(draftedDay, 30), "mou.submitted", dinasActor, { versionNumber: 1, contentHash: hash });
    if (spec.state === "IN_REVIEW") {
      await db.mou.update({ where: { id: mou.id }, data: { currentVersionId: version.id } });
      continue;
    }

    // Signers: group chair → partner signatory → Kepala Dinas
    const partnerUser = await db.user.findFirstOrThrow({ where: { partnerId: partner.id, name: partnerPartyValue.signatoryName } });
    const signerRows = [
      { order: 1, party: "GROUP" as const, groupId: group.id, partnerId: null, userId: group.userId, name: groupPartyValue.chairName, title: `Ketua ${group.name}`, email: group.userEmail },
      { order: 2, party: "PARTNER" as const, groupId: null, partnerId: partner.id, userId: partnerUser.id, name: partnerPartyValue.signatoryName, title: partnerPartyValue.signatoryTitle, email: partnerUser.email },
      { order: 3, party: "DINAS" as const, groupId: null, partnerId: null, userId: kadinas.id, name: dinas.signatoryName, title: dinas.signatoryTitle, email: kadinas.email },
    ];
    const sentDay = spec.state === "ACTIVE" ? addDays(draftedDay, 5) : addDays(today, -5);
    await audit(mou.id, at(sentDay), "mou.sent", dinasActor, { versionNumber: 1, contentHash: hash, signers: signerRows.map((s) => `${s.order}. ${s.name} (${s.party})`) });
    const signed = [] as { signedAt: Date; ip: string; userAgent: string }[];
    const howMany = spec.state === "ACTIVE" ? 3 : 1;
    for (let i = 0; i < howMany; i++) {
      const s = signerRows[i]!;
      const when = at(addDays(sentDay, i + 1), 15 + i * 40);
      const ip = `36.81.${Math.floor(random() * 200) + 10}.${Math.floor(random() * 200) + 10}`;
      const userAgent = i === 0 ? "Mozilla/5.0 (Linux; Android 10; Redmi 9A) AppleWebKit/537.36 Chrome/119.0 Mobile Safari/537.36" : "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36";
      signed.push({ signedAt: when, ip, userAgent });
      await audit(mou.id, new Date(when.getTime() - 5 * 60_000), "mou.viewed", { id: s.userId, name: s.name }, { signer: s.name, party: s.party, versionNumber: 1 });
      await audit(mou.id, when, "mou.signed", { id: s.userId, name: s.name }, { signer: s.name, title: s.title, party: s.party, versionNumber: 1, contentHash: hash, ip, userAgent, drawn: false });
    }
    const signerData = signerRows.map((s, i) => ({
      ...s,
      versionId: version.id,
      status: i < howMany ? ("SIGNED" as const) : i === howMany ? ("NOTIFIED" as const) : ("WAITING" as const),
      notifiedAt: i <= howMany ? at(addDays(sentDay, i)) : null,
      viewedAt: i < howMany ? new Date(signed[i]!.signedAt.getTime() - 5 * 60_000) : null,
      signedAt: i < howMany ? signed[i]!.signedAt : null,
      typedName: i < howMany ? s.name : null,
      signedHash: i < howMany ? hash : null,
      ip: i < howMany ? signed[i]!.ip : null,
      userAgent: i < howMany ? signed[i]!.userAgent : null,
      tokenUsedAt: i < howMany ? signed[i]!.signedAt : null,
      tokenHash: i === howMany ? sha256Hex(`seed-unused-token:${mou.id}`) : null,
      tokenExpiresAt: i === howMany ? new Date(ctx.today.getTime() + 5 * 24 * 3600_000) : null,
    }));
    for (const s of signerData) await db.mouSigner.create({ data: s });

    if (spec.state === "OUT_FOR_SIGNATURE") {
      await db.mou.update({ where: { id: mou.id }, data: { currentVersionId: version.id } });
      const next = signerData[howMany]!;
      await db.notification.create({
        data: { userId: next.userId!, kind: "mou:notify.signRequest", params: JSON.stringify({ name: next.name, number: mou.number }), link: `/mou/${mou.id}/sign`, createdAt: next.notifiedAt! },
      });
      continue;
    }

    // Sealed
    const sealedAt = signed[2]!.signedAt;
    await audit(mou.id, sealedAt, "mou.completed", { id: kadinas.id, name: kadinas.name }, { versionNumber: 1 });
    const events = await db.auditEvent.findMany({ where: { entityType: "Mou", entityId: mou.id }, orderBy: { at: "asc" }, select: { at: true, action: true, actorName: true, ip: true, reason: true } });
    const verificationCode = newVerificationCode(random);
    const signers = await db.mouSigner.findMany({ where: { versionId: version.id }, orderBy: { order: "asc" } });
    const bytes = await renderMouPdf({ number: mou.number, versionNumber: 1, content, contentHash: hash, verificationCode, sealedAt, signers, events, zone: office.timeZone });
    const pdfKey = `mou/${mou.id}/v1-${verificationCode}.pdf`;
    await putObject(pdfKey, bytes, "application/pdf");
    await db.mouVersion.update({ where: { id: version.id }, data: { verificationCode, pdfKey, pdfHash: sha256Hex(bytes), sealedAt } });
    await db.mou.update({ where: { id: mou.id }, data: { currentVersionId: version.id, activeVersionId: version.id } });
    active++;
  }
  console.log(`seed: mou — ${active} active MoUs with sealed PDFs, 1 out for signature, 1 in review, 1 archived (2015)`);
}
