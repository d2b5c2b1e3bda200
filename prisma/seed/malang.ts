/**
 * Demo seed, last step: a second Dinas office, Dinas Sosial Kota Malang, so that office scoping can be seen
 * and tested (a Dinas user of one city must see and act only on that city's groups, partners, demands,
 * MoUs, orders, invoices, coaching and audit).
 *
 * Two kecamatan of Kota Malang with real kelurahan (Klojen: Oro-Oro Dowo, Kauman, Samaan; Lowokwaru:
 * Dinoyo, Ketawanggede, Tlogomas), 3 KPM and 3 KUBE with members and products, two partners (invented
 * names), one ACTIVE MoU (sealed PDF, coaching schedule), and a few catalogue orders in several states.
 * Accounts: dinas.malang@, kadinas.malang@, pendamping.malang@, chair.<slug>@ and staf.<slug>@.
 *
 * Runs after every other step with its own PRNG and does not add to the shared context, so Kota Batu's
 * figures (25 KPM, 8 with an MoU, 53 KUBE, 36 active) and every random choice made for Batu stay as they are.
 * Person names are common Javanese/Indonesian names, combined at random: fictional.
 */
import { putObject } from "../../app/storage/object-store.server";
import { storePhoto } from "../../app/catalog/photos.server";
import { activateCoachingForMou } from "../../app/coaching/schedule.server";
import type { GroupType, OrderStatus, PrismaClient, ProductUnit } from "../../app/generated/prisma/client";
import { hashNik, nikLast4 } from "../../app/groups/nik.server";
import { canonicalJson, contentHash, sha256Hex } from "../../app/mou/canonical";
import type { MouContent } from "../../app/mou/content";
import { defaultPayment, dinasParty, groupParty, partnerParty } from "../../app/mou/drafts.server";
import { newVerificationCode, renderMouPdf } from "../../app/mou/seal.server";
import { addDays as addDayKeys, addYears, DEFAULT_DISPUTE, DEFAULT_OBLIGATIONS, DEFAULT_TERMINATION, defaultBackground, regionName } from "../../app/mou/templates";
import { addDays, groupCode, invoiceNumber } from "../../app/orders/numbers";
import { DEFAULT_TERMS, dueDateFor } from "../../app/payments/due-date";
import { groupTimeZone } from "../../app/time/office-zone.server";
import { productCard } from "./catalog";
import { kebab, type SeedContext } from "./foundation";
import { digits, intBetween, mulberry32, pick, type RandomFn } from "./random";
import { dayKey, DEFAULT_TIME_ZONE, startOfDay, zonedInstant } from "../../app/time/calendar";
import { rebuildSeedSearchIndex } from "./search-index";
import { normaliseIndonesianPhone } from "../../app/messaging/phone";

export const MALANG_OFFICE_NAME = "Dinas Sosial Kota Malang";

const OFFICE = {
  name: MALANG_OFFICE_NAME,
  city: "Malang",
  regionKind: "KOTA" as const,
  province: "Jawa Timur",
  address: "Jl. Sulfat No. 12, Kel. Bunulrejo, Kec. Blimbing, Kota Malang",
  timeZone: "Asia/Jakarta", // WIB
  regulation: null,
};

/** Kota Malang is 35.73; kecamatan codes Klojen 03, Lowokwaru 05 (used in fake NIKs). Every village is a kelurahan. */
const KECAMATAN: { name: string; code: string; villages: string[]; streets: string[] }[] = [
  { name: "Klojen", code: "03", villages: ["Oro-Oro Dowo", "Kauman", "Samaan"], streets: ["Jl. Guntur", "Jl. Kawi", "Jl. Semeru", "Jl. Bromo", "Jl. Arjuno"] },
  { name: "Lowokwaru", code: "05", villages: ["Dinoyo", "Ketawanggede", "Tlogomas"], streets: ["Jl. MT Haryono", "Jl. Kertosariro", "Jl. Tlogomas", "Jl. Kerto Leksono"] },
];

type ProductSpec = { name: string; category: string; unit: ProductUnit; price: number; minOrder: number; capacity: number; description: string };

type GroupSpec = { type: GroupType; base: string; kecamatan: string; village: string; kind: "PRODUKSI" | "JASA"; description: string; products: ProductSpec[] };

const GROUPS: GroupSpec[] = [
  {
    type: "KPM",
    base: "Sekar Melati",
    kecamatan: "Klojen",
    village: "Oro-Oro Dowo",
    kind: "PRODUKSI",
    description: "Kue basah dan jajanan pasar untuk sarapan hotel dan rapat kantor",
    products: [
      { name: "Lemper Ayam", category: "kue-basah", unit: "PCS", price: 2500, minOrder: 50, capacity: 900, description: "Lemper ketan isi ayam suwir, dibungkus daun pisang, dibuat segar setiap pagi." },
      { name: "Kue Lapis", category: "kue-basah", unit: "PCS", price: 2000, minOrder: 50, capacity: 800, description: "Kue lapis tepung beras berlapis warna, kenyal dan manis legit." },
    ],
  },
  {
    type: "KPM",
    base: "Kenanga",
    kecamatan: "Klojen",
    village: "Kauman",
    kind: "PRODUKSI",
    description: "Keripik tempe khas Malang dan camilan kemasan untuk toko oleh-oleh",
    products: [
      { name: "Keripik Tempe", category: "makanan-ringan", unit: "PACK", price: 12000, minOrder: 10, capacity: 300, description: "Keripik tempe tipis renyah berbumbu bawang dan ketumbar, kemasan 200 g." },
    ],
  },
  {
    type: "KPM",
    base: "Anggrek",
    kecamatan: "Lowokwaru",
    village: "Dinoyo",
    kind: "PRODUKSI",
    description: "Kerajinan anyaman dan gerabah kecil untuk suvenir dan perlengkapan kafe",
    products: [
      { name: "Keranjang Anyaman Pandan", category: "kerajinan-anyaman", unit: "PCS", price: 35000, minOrder: 5, capacity: 60, description: "Keranjang anyaman pandan untuk roti dan buah, diameter 25 cm." },
    ],
  },
  {
    type: "KUBE",
    base: "Rukun Makmur",
    kecamatan: "Klojen",
    village: "Samaan",
    kind: "JASA",
    description: "Jasa laundry kiloan dan cuci linen untuk rumah kos dan penginapan",
    products: [
      { name: "Laundry Kiloan", category: "jasa", unit: "KG", price: 7000, minOrder: 5, capacity: 400, description: "Cuci, kering, dan setrika pakaian per kilogram, selesai dalam dua hari." },
    ],
  },
  {
    type: "KUBE",
    base: "Sumber Rejeki",
    kecamatan: "Lowokwaru",
    village: "Ketawanggede",
    kind: "PRODUKSI",
    description: "Nasi kotak dan snack box untuk acara kampus dan kantor",
    products: [
      { name: "Nasi Kotak Ayam Bakar", category: "jasa", unit: "BOX", price: 22000, minOrder: 20, capacity: 500, description: "Nasi, ayam bakar, sayur, sambal, dan buah dalam kotak, dikirim hangat." },
      { name: "Snack Box Rapat", category: "kue-basah", unit: "BOX", price: 12000, minOrder: 20, capacity: 500, description: "Tiga kue basah dan air mineral untuk rapat dan seminar." },
    ],
  },
  {
    type: "KUBE",
    base: "Tunas Mandiri",
    kecamatan: "Lowokwaru",
    village: "Tlogomas",
    kind: "PRODUKSI",
    description: "Sabun cuci cair dan pewangi pakaian isi ulang",
    products: [
      { name: "Sabun Cuci Cair 5 Liter", category: "sabun-kebersihan", unit: "LITER", price: 9000, minOrder: 10, capacity: 300, description: "Sabun cuci cair dalam jeriken isi ulang, wangi lembut." },
    ],
  },
];

const PARTNERS = [
  {
    legalName: "PT Kayutangan Graha Wisata",
    displayName: "Hotel Graha Kayutangan",
    sector: "HOTEL" as const,
    address: "Jl. Basuki Rahmat No. 71, Kel. Kauman, Kec. Klojen, Kota Malang",
    staffName: "Yohana Purnamasari",
    staffTitle: "Manajer Purchasing",
    description: "Hotel bisnis dengan 120 kamar di kawasan Kayutangan. Membeli kue basah untuk sarapan tamu dan rapat.",
  },
  {
    legalName: "CV Dapur Tlogomas Sejahtera",
    displayName: "Rumah Makan Dapur Tlogomas",
    sector: "RESTAURANT" as const,
    address: "Jl. Tlogomas No. 40, Kel. Tlogomas, Kec. Lowokwaru, Kota Malang",
    staffName: "Hari Setiawan",
    staffTitle: "Pemilik",
    description: "Rumah makan keluarga dekat kampus yang melayani katering acara mahasiswa.",
  },
];

const WOMEN_FIRST = ["Sri", "Endang", "Tri", "Lilik", "Nur", "Yuli", "Umi", "Anik", "Puji", "Wahyu", "Rini", "Sulis", "Ratna", "Tutik", "Eka"];
const WOMEN_LAST = ["Lestari", "Rahayu", "Wulandari", "Handayani", "Susanti", "Mulyani", "Ningsih", "Astuti", "Purwanti", "Hidayah", "Safitri", "Fauziah"];
const MEN_FIRST = ["Agus", "Budi", "Eko", "Joko", "Slamet", "Heru", "Yusuf"];
const MEN_LAST = ["Santoso", "Prasetyo", "Wibowo", "Susilo", "Hidayat", "Purnomo"];

const STAFF = {
  dinas: { email: "dinas.malang@bermitra.id", name: "Lestari Wulandari", title: "Kepala Bidang Pemberdayaan Sosial", phone: "0341-362261" },
  kadinas: { email: "kadinas.malang@bermitra.id", name: "Hadi Purnomo", title: "Kepala Dinas Sosial Kota Malang", phone: "0341-362262" },
  facilitator: { email: "pendamping.malang@bermitra.id", name: "Ratna Safitri", title: "Pendamping PKH", phone: "0856-4901-2277" },
};

function utcDay(key: string): Date {
  return new Date(`${key}T00:00:00.000Z`);
}

/** 10:00 WIB on a "yyyy-mm-dd" day, plus some minutes. */
function at(key: string, minutes = 0): Date {
  return new Date(zonedInstant(key, DEFAULT_TIME_ZONE, { h: 10 }).getTime() + minutes * 60_000);
}

/** An account's number as stored (decision 109): mobile numbers as +62…, a landline as typed. */
function userPhone(value: string | null | undefined): string | null {
  return normaliseIndonesianPhone(value) ?? value ?? null;
}

function phone(random: RandomFn): string {
  return `${pick(random, ["0812", "0813", "0821", "0852", "0857", "0878"])}-${digits(random, 4)}-${digits(random, 4)}`;
}

export async function seedMalang(db: PrismaClient, ctx: SeedContext): Promise<void> {
  const random = mulberry32(80_808);
  const hash = ctx.passwordHash;
  const today = dayKey(ctx.today);
  const used = new Set<string>();
  const person = (men: boolean): string => {
    for (;;) {
      const man = men && random() < 0.3;
      const name = man ? `${pick(random, MEN_FIRST)} ${pick(random, MEN_LAST)}` : `${pick(random, WOMEN_FIRST)} ${pick(random, WOMEN_LAST)}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
  for (const s of Object.values(STAFF)) used.add(s.name);

  // Office, kecamatan, kelurahan
  const office = await db.dinasOffice.create({ data: OFFICE });
  const kecamatanIds: Record<string, string> = {};
  const villageIds: Record<string, string> = {};
  for (const kec of KECAMATAN) {
    const row = await db.kecamatan.create({
      data: { name: kec.name, dinasOfficeId: office.id, villages: { create: kec.villages.map((name) => ({ name, kind: "KELURAHAN" as const })) } },
      include: { villages: true },
    });
    kecamatanIds[kec.name] = row.id;
    for (const v of row.villages) villageIds[`${kec.name}/${v.name}`] = v.id;
  }

  // Staff
  const dinasUser = await db.user.create({ data: { ...STAFF.dinas, phone: userPhone(STAFF.dinas.phone), role: "DINAS", passwordHash: hash, dinasOfficeId: office.id } });
  const kadinas = await db.user.create({ data: { ...STAFF.kadinas, phone: userPhone(STAFF.kadinas.phone), role: "DINAS", passwordHash: hash, dinasOfficeId: office.id } });
  const facilitator = await db.user.create({ data: { ...STAFF.facilitator, phone: userPhone(STAFF.facilitator.phone), role: "FACILITATOR", passwordHash: hash, dinasOfficeId: office.id } });

  // Partners and their staff accounts
  const partners = [];
  for (const p of PARTNERS) {
    const slug = kebab(p.displayName);
    const local = kebab(p.staffName).split("-")[0];
    const row = await db.partner.create({
      data: {
        slug,
        legalName: p.legalName,
        displayName: p.displayName,
        sector: p.sector,
        nib: `91${digits(random, 11)}`,
        address: p.address,
        city: "Malang",
        contactName: p.staffName,
        contactPhone: phone(random),
        contactEmail: `${local}@${slug.replace(/-/g, "")}.co.id`,
        description: p.description,
        dinasOfficeId: office.id,
        verificationStatus: "VERIFIED",
        verifiedAt: at(addDayKeys(today, -200)),
        verifiedById: dinasUser.id,
      },
    });
    const staff = await db.user.create({
      data: { email: `staf.${slug}@bermitra.id`, name: p.staffName, title: p.staffTitle, role: "PARTNER", passwordHash: hash, partnerId: row.id, phone: userPhone(phone(random)) },
    });
    partners.push({ ...row, staff });
  }

  // Groups, members, chair accounts, products
  const groups = [];
  for (const spec of GROUPS) {
    const kec = KECAMATAN.find((k) => k.name === spec.kecamatan)!;
    const name = `${spec.type} ${spec.base} ${spec.village}`;
    const slug = kebab(name);
    const foundedAt = utcDay(`${spec.type === "KPM" ? 2017 : 2019}-0${intBetween(random, 1, 9)}-1${intBetween(random, 0, 9)}`);
    const memberCount = spec.type === "KPM" ? intBetween(random, 8, 10) : intBetween(random, 5, 7);
    const members = Array.from({ length: memberCount }, (_, m) => {
      const memberName = person(spec.type === "KUBE");
      const woman = !MEN_FIRST.includes(memberName.split(" ")[0]!);
      const nik = `3573${kec.code}${String(intBetween(random, 1, 28) + (woman ? 40 : 0)).padStart(2, "0")}${String(intBetween(random, 1, 12)).padStart(2, "0")}${intBetween(random, 60, 99)}${String(intBetween(random, 1, 3999)).padStart(4, "0")}`;
      return {
        name: memberName,
        role: m === 0 ? ("CHAIR" as const) : m === 1 ? ("SECRETARY" as const) : m === 2 ? ("TREASURER" as const) : ("MEMBER" as const),
        phone: phone(random),
        nikHash: hashNik(nik),
        nikLast4: nikLast4(nik),
        pkhStatus: random() < 0.85 ? ("ACTIVE" as const) : ("GRADUATED" as const),
        joinedAt: foundedAt,
      };
    });
    const address = `${pick(random, kec.streets)} Gg. ${intBetween(random, 1, 9)} No. ${intBetween(random, 2, 88)}, RT ${String(intBetween(random, 1, 9)).padStart(2, "0")}/RW ${String(intBetween(random, 1, 12)).padStart(2, "0")}, Kel. ${spec.village}, Kec. ${spec.kecamatan}, Kota Malang`;
    const group = await db.group.create({
      data: {
        slug,
        type: spec.type,
        name,
        dinasOfficeId: office.id,
        kecamatanId: kecamatanIds[spec.kecamatan]!,
        villageId: villageIds[`${spec.kecamatan}/${spec.village}`]!,
        address,
        phone: members[0]!.phone,
        businessKind: spec.kind,
        businessDescription: spec.description,
        story:
          spec.type === "KPM"
            ? `Kelompok ini dibentuk pada ${foundedAt.getUTCFullYear()} oleh ibu-ibu peserta PKH di Kelurahan ${spec.village} dengan pendampingan Dinas Sosial Kota Malang.`
            : `KUBE ini berdiri pada ${foundedAt.getUTCFullYear()} di Kelurahan ${spec.village} dengan modal awal Rp 20 juta dari program Kelompok Usaha Bersama.`,
        foundedAt,
        startupCapital: spec.type === "KUBE" ? 20_000_000 : null,
        facilitatorId: facilitator.id,
        verificationStatus: "VERIFIED",
        verifiedAt: at(addDayKeys(today, -150)),
        verifiedById: dinasUser.id,
        active: true,
        members: { create: members },
      },
      include: { members: true },
    });
    const chair = group.members.find((m) => m.role === "CHAIR")!;
    const user = await db.user.create({
      data: { email: `chair.${slug}@bermitra.id`, name: chair.name, phone: userPhone(chair.phone), title: `Ketua ${name}`, role: "GROUP", passwordHash: hash, groupId: group.id },
    });
    const products = [];
    for (const [i, p] of spec.products.entries()) {
      const product = await db.product.create({
        data: {
          slug: `${kebab(p.name)}-${slug}`,
          groupId: group.id,
          categoryId: ctx.categoryIds[p.category]!,
          name: p.name,
          description: p.description,
          unit: p.unit,
          priceRupiah: p.price,
          minOrderQty: p.minOrder,
          weeklyCapacity: p.capacity,
          leadTimeDays: 1,
          status: "ACTIVE",
          deliveryAreas: { create: Object.values(kecamatanIds).map((kecamatanId) => ({ kecamatanId })) },
        },
      });
      if (process.env.SEED_PHOTOS !== "0") {
        const stored = await storePhoto(await productCard(p.name, name, p.category, i));
        await db.productPhoto.create({ data: { productId: product.id, ...stored, sortOrder: 0 } });
      }
      products.push(product);
    }
    groups.push({ ...group, slug, user, products });
  }

  await seedMalangMou(db, office.id, dinasUser, kadinas, partners[0]!, groups[0]!, random, today);
  await seedMalangOrders(db, partners, groups, random, ctx.today);

  // The catalogue step filled the search index before this office existed: refill it.
  await rebuildSeedSearchIndex(db);
  console.log(`seed: malang — ${MALANG_OFFICE_NAME}: ${GROUPS.length} groups, ${PARTNERS.length} partners, 1 active MoU`);
}

type SeededUserRow = { id: string; name: string; email: string | null; title: string | null };

async function seedMalangMou(
  db: PrismaClient,
  officeId: string,
  dinasUser: SeededUserRow,
  kadinas: SeededUserRow,
  partner: { id: string; displayName: string; address: string; sector: string; staff: SeededUserRow },
  group: { id: string; name: string; type: GroupType; user: SeededUserRow; products: { id: string; name: string; unit: ProductUnit; priceRupiah: number }[] },
  random: RandomFn,
  today: string,
): Promise<void> {
  const office = await db.dinasOffice.findUniqueOrThrow({ where: { id: officeId } });
  const { party: dinas } = await dinasParty(db, officeId);
  const partnerValue = await partnerParty(db, partner.id);
  const groupValue = await groupParty(db, group.id);
  const start = addDayKeys(today, -120);
  const end = addDayKeys(addYears(start, 1), -1);
  const product = group.products[0]!;
  const content: MouContent = {
    title: `Nota Kesepahaman Kemitraan ${partner.displayName} dan ${group.name}`,
    parties: { partner: partnerValue, groups: [groupValue], dinas },
    background: defaultBackground(office.regulation, regionName(office)),
    scope: {
      items: [{ groupId: group.id, productId: product.id, description: `${product.name} untuk sarapan tamu hotel`, unit: product.unit, quantityPerDelivery: 80, unitPrice: product.priceRupiah }],
      deliveryDays: [1, 3, 5],
      deliveryAddress: partner.address,
      qualityStandards: "Dibuat hari yang sama, dikirim sebelum pukul 06.00 WIB, tanpa pengawet.",
    },
    obligations: { partner: [...DEFAULT_OBLIGATIONS.partner], group: [...DEFAULT_OBLIGATIONS.group] },
    coaching: [{ topic: "Standar kue basah hotel dan kebersihan dapur", sessionsCount: 6, frequency: "MONTHLY", firstDueDate: addDayKeys(start, 30), hoursPerSession: 2 }],
    payment: defaultPayment(partner.sector),
    period: { startDate: start, endDate: end },
    termination: DEFAULT_TERMINATION,
    dispute: DEFAULT_DISPUTE,
  };
  const hash = contentHash(content);
  const drafted = addDayKeys(start, -21);
  const mou = await db.mou.create({
    data: {
      number: `001/MOU-${group.type}/DINSOS-MALANG/${start.slice(0, 4)}`,
      partnerId: partner.id,
      dinasOfficeId: officeId,
      status: "ACTIVE",
      startDate: startOfDay(start),
      endDate: startOfDay(end),
      createdById: dinasUser.id,
      createdAt: at(drafted),
      groups: { create: [{ groupId: group.id }] },
    },
  });
  const version = await db.mouVersion.create({
    data: { mouId: mou.id, versionNumber: 1, status: "SIGNED", content: canonicalJson(content), contentHash: hash, createdById: dinasUser.id, createdAt: at(drafted) },
  });
  const audit = (when: Date, action: string, actor: { id: string; name: string } | null, after?: unknown) =>
    db.auditEvent.create({ data: { at: when, actorId: actor?.id ?? null, actorName: actor?.name ?? null, action, entityType: "Mou", entityId: mou.id, after: after === undefined ? null : JSON.stringify(after) } });
  await audit(at(drafted), "mou.created", dinasUser, { number: mou.number, versionNumber: 1, contentHash: hash });
  await audit(at(drafted, 30), "mou.submitted", dinasUser, { versionNumber: 1, contentHash: hash });
  const signers = [
    { order: 1, party: "GROUP" as const, groupId: group.id, partnerId: null, userId: group.user.id, name: groupValue.chairName, title: `Ketua ${group.name}`, email: group.user.email },
    { order: 2, party: "PARTNER" as const, groupId: null, partnerId: partner.id, userId: partner.staff.id, name: partnerValue.signatoryName, title: partnerValue.signatoryTitle, email: partner.staff.email },
    { order: 3, party: "DINAS" as const, groupId: null, partnerId: null, userId: kadinas.id, name: dinas.signatoryName, title: dinas.signatoryTitle, email: kadinas.email },
  ];
  const sent = addDayKeys(drafted, 5);
  await audit(at(sent), "mou.sent", dinasUser, { versionNumber: 1, contentHash: hash, signers: signers.map((s) => `${s.order}. ${s.name} (${s.party})`) });
  const userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36";
  let sealedAt = at(sent);
  for (const [i, s] of signers.entries()) {
    const when = at(addDayKeys(sent, i + 1), 15 + i * 40);
    const ip = `36.82.${intBetween(random, 10, 209)}.${intBetween(random, 10, 209)}`;
    await audit(new Date(when.getTime() - 5 * 60_000), "mou.viewed", { id: s.userId, name: s.name }, { signer: s.name, party: s.party, versionNumber: 1 });
    await audit(when, "mou.signed", { id: s.userId, name: s.name }, { signer: s.name, title: s.title, party: s.party, versionNumber: 1, contentHash: hash, ip, userAgent, drawn: false });
    await db.mouSigner.create({
      data: { ...s, versionId: version.id, status: "SIGNED", notifiedAt: at(addDayKeys(sent, i)), viewedAt: new Date(when.getTime() - 5 * 60_000), signedAt: when, typedName: s.name, signedHash: hash, ip, userAgent, tokenUsedAt: when },
    });
    sealedAt = when;
  }
  await audit(sealedAt, "mou.completed", kadinas, { versionNumber: 1 });
  const events = await db.auditEvent.findMany({ where: { entityType: "Mou", entityId: mou.id }, orderBy: { at: "asc" }, select: { at: true, action: true, actorName: true, ip: true, reason: true } });
  const verificationCode = newVerificationCode(random);
  const signerRows = await db.mouSigner.findMany({ where: { versionId: version.id }, orderBy: { order: "asc" } });
  const bytes = await renderMouPdf({ number: mou.number, versionNumber: 1, content, contentHash: hash, verificationCode, sealedAt, signers: signerRows, events, zone: office.timeZone });
  const pdfKey = `mou/${mou.id}/v1-${verificationCode}.pdf`;
  await putObject(pdfKey, bytes, "application/pdf");
  await db.mouVersion.update({ where: { id: version.id }, data: { verificationCode, pdfKey, pdfHash: sha256Hex(bytes), sealedAt } });
  await db.mou.update({ where: { id: mou.id }, data: { currentVersionId: version.id, activeVersionId: version.id } });
  await activateCoachingForMou(db, null, mou.id);
}

async function seedMalangOrders(
  db: PrismaClient,
  partners: { id: string; address: string; staff: SeededUserRow }[],
  groups: { id: string; slug: string; products: { id: string; name: string; unit: ProductUnit; priceRupiah: number; minOrderQty: number }[] }[],
  random: RandomFn,
  today: Date,
): Promise<void> {
  const plan: [groupIndex: number, partnerIndex: number, status: OrderStatus, dayOffset: number][] = [
    [0, 0, "PLACED", 3],
    [0, 0, "ACCEPTED", 2],
    [1, 1, "PAID", -20],
    [3, 0, "INVOICED", -6],
    [4, 1, "RECEIVED", -1],
    [5, 1, "DECLINED", -5],
  ];
  const sequences = new Map<string, number>();
  for (const [gi, pi, status, offset] of plan) {
    const group = groups[gi]!;
    const partner = partners[pi]!;
    const product = group.products[0]!;
    const quantity = product.minOrderQty * 2;
    const deliveryDate = startOfDay(dayKey(addDays(today, offset)));
    const placedAt = addDays(deliveryDate, -3);
    const received = ["RECEIVED", "INVOICED", "PAID"].includes(status);
    const total = quantity * product.priceRupiah;
    const hex = Math.floor(random() * 0xffffff).toString(16).toUpperCase().padStart(6, "0");
    const order = await db.order.create({
      data: {
        number: `ORD-${dayKey(placedAt).replaceAll("-", "").slice(2)}-${hex}`,
        groupId: group.id,
        partnerId: partner.id,
        source: "CATALOGUE",
        status,
        deliveryDate,
        deliveryAddress: partner.address,
        reason: status === "DECLINED" ? "Kapasitas minggu ini sudah penuh" : null,
        totalRupiah: total,
        createdById: partner.staff.id,
        createdAt: placedAt,
        lines: { create: [{ productId: product.id, description: product.name, unit: product.unit, quantity, unitPrice: product.priceRupiah, acceptedQty: received ? quantity : null, rejectedQty: received ? 0 : null }] },
      },
      include: { lines: true },
    });
    await db.auditEvent.create({ data: { action: "order.place", entityType: "Order", entityId: order.id, at: placedAt, actorId: partner.staff.id, actorName: partner.staff.name, after: JSON.stringify({ status: "PLACED", totalRupiah: total }) } });
    if (!received) continue;
    const receivedAt = new Date(deliveryDate.getTime() + 8 * 3600_000);
    await db.delivery.create({
      data: {
        orderId: order.id,
        shippedAt: new Date(deliveryDate.getTime() + 5 * 3600_000),
        receivedAt,
        receivedByName: partner.staff.name,
        disputeDeadline: new Date(receivedAt.getTime() + 48 * 3600_000),
        lines: { create: order.lines.map((l) => ({ orderLineId: l.id, deliveredQty: l.quantity, acceptedQty: l.quantity, rejectedQty: 0 })) },
      },
    });
    if (status === "RECEIVED") continue;
    const issuedAt = addDays(receivedAt, 2);
    const year = Number(dayKey(issuedAt).slice(0, 4));
    const key = `${group.id}/${year}`;
    const sequence = (sequences.get(key) ?? 0) + 1;
    sequences.set(key, sequence);
    const paidAt = addDays(issuedAt, 5);
    const invoice = await db.invoice.create({
      data: {
        number: invoiceNumber(groupCode(group.slug), year, sequence),
        groupId: group.id,
        partnerId: partner.id,
        orderId: order.id,
        year,
        sequence,
        amountRupiah: total,
        issuedAt,
        dueAt: dueDateFor(DEFAULT_TERMS, { issuedAt, deliveryDate: order.deliveryDate }, await groupTimeZone(db, group.id)),
        status: status === "PAID" ? "PAID" : "ISSUED",
        paidAt: status === "PAID" ? paidAt : null,
      },
    });
    if (status === "PAID") {
      await db.payment.create({
        data: { invoiceId: invoice.id, method: "BANK_TRANSFER", amountRupiah: total, status: "CONFIRMED", reference: `TRF${dayKey(paidAt).replaceAll("-", "")}${intBetween(random, 1000, 9999)}`, createdAt: paidAt, confirmedAt: paidAt },
      });
    }
  }
}
