/**
 * Demo seed: the demand board. A few open demands (hotel daily wet cakes, restaurant weekly coffee,
 * oleh-oleh shop keripik) with offers and question threads, one stale demand nobody answered, one draft.
 * Deterministic and does not draw from ctx.random (later seed modules keep their sequence).
 */
import type { DemandFrequency, OfferStatus, PrismaClient, ProductUnit } from "../../app/generated/prisma/client";
import type { SeedContext } from "./foundation";
import { addDays, addMonths, dayKey, startOfDay } from "../../app/time/calendar";

const DAY = 86_400_000;

interface OfferSpec {
  group: string;
  price: number;
  quantity: number;
  status: OfferStatus;
  note: string;
  daysAgo: number;
}

interface DemandSpec {
  partner: string;
  title: string;
  category: string;
  specification: string;
  quality?: string;
  packaging?: string;
  quantity: number;
  unit: ProductUnit;
  frequency: DemandFrequency;
  daysOfWeek?: string;
  kecamatan: string;
  startInDays: number;
  months?: number;
  deadlineInDays: number;
  priceMin?: number;
  priceMax?: number;
  allowSplit: boolean;
  /** null = draft */
  publishedDaysAgo: number | null;
  offers: OfferSpec[];
  /** [group slug, question, answer or null] */
  questions: [string, string, string | null][];
}

const DEMANDS: DemandSpec[] = [
  {
    partner: "hotel-taman-sari-batu",
    title: "Kue basah untuk sarapan tamu akhir pekan",
    category: "kue-basah",
    specification: "Aneka kue basah (lemper, nagasari, kue lumpur, dadar gulung) untuk meja sarapan prasmanan hari Sabtu dan Minggu.",
    quality: "Dibuat pada hari pengiriman, ukuran seragam ±40 g, tanpa pengawet dan pewarna sintetis.",
    packaging: "Nampan tertutup plastik food grade, dipisah per jenis kue.",
    quantity: 150,
    unit: "PCS",
    frequency: "DAILY",
    daysOfWeek: "6,7",
    kecamatan: "Batu",
    startInDays: 14,
    months: 6,
    deadlineInDays: 7,
    priceMin: 2000,
    priceMax: 3000,
    allowSplit: true,
    publishedDaysAgo: 2,
    offers: [
      { group: "kpm-dahlia-songgokerto", price: 2500, quantity: 100, status: "SUBMITTED", note: "Kami bisa kirim sebelum pukul 06.00 setiap Sabtu dan Minggu.", daysAgo: 1 },
      { group: "kpm-flamboyan-temas", price: 2300, quantity: 80, status: "SHORTLISTED", note: "Lemper dan nagasari tersedia; kue lumpur mulai minggu kedua.", daysAgo: 1 },
    ],
    questions: [
      ["kpm-kamboja-tulungrejo", "Apakah boleh mengirim dua jenis kue saja, lemper dan onde-onde?", "Boleh, asal jumlah per hari tetap sesuai. Kami butuh variasi minimal dua jenis."],
    ],
  },
  {
    partner: "resto-lereng-arjuno",
    title: "Kopi robusta sangrai untuk kafe",
    category: "minuman-kopi",
    specification: "Biji kopi robusta sangrai medium-dark dari lereng Arjuno untuk espresso dan kopi tubruk.",
    quality: "Tanggal sangrai maksimal 7 hari sebelum kirim, biji utuh tanpa cacat.",
    packaging: "Kemasan 250 g dengan katup satu arah.",
    quantity: 40,
    unit: "PACK",
    frequency: "WEEKLY",
    daysOfWeek: "1",
    kecamatan: "Junrejo",
    startInDays: 21,
    months: 12,
    deadlineInDays: 10,
    priceMin: 35000,
    priceMax: 45000,
    allowSplit: true,
    publishedDaysAgo: 1,
    offers: [
      { group: "kpm-edelweis-sumber-brantas", price: 42000, quantity: 30, status: "SUBMITTED", note: "Kopi dari kebun anggota di Sumber Brantas, disangrai tiap Jumat.", daysAgo: 0 },
    ],
    questions: [["kpm-tanjung-bulukerto", "Apakah kopi bubuk juga diterima atau hanya biji utuh?", null]],
  },
  {
    partner: "toko-oleh-oleh-brantas-jaya",
    title: "Keripik usus untuk rak oleh-oleh liburan akhir tahun",
    category: "makanan-ringan",
    specification: "Keripik usus ayam original dan pedas untuk stok liburan Natal dan Tahun Baru.",
    quality: "Renyah, tidak berminyak, masa simpan minimal 3 bulan, ada P-IRT.",
    packaging: "Plastik berklip 200 g dengan label merek kelompok.",
    quantity: 300,
    unit: "PACK",
    frequency: "ONE_OFF",
    kecamatan: "Batu",
    startInDays: 12,
    deadlineInDays: 5,
    priceMin: 13000,
    priceMax: 16000,
    allowSplit: true,
    publishedDaysAgo: 3,
    offers: [
      { group: "kpm-mawar-temas", price: 15000, quantity: 200, status: "SUBMITTED", note: "Stok 200 bungkus siap dalam 10 hari, rasa original dan pedas.", daysAgo: 2 },
      { group: "kpm-bougenvil-pandanrejo", price: 14500, quantity: 150, status: "SUBMITTED", note: "Bisa kirim 150 bungkus; label merek sudah ada.", daysAgo: 1 },
    ],
    questions: [["kpm-mawar-temas", "Apakah pembayaran konsinyasi atau tunai saat barang diterima?", "Tunai saat barang diterima untuk pesanan ini, lewat transfer bank."]],
  },
  {
    partner: "rumah-makan-sari-apel",
    title: "Telur asin untuk menu rombongan wisata",
    category: "telur-olahan",
    specification: "Telur bebek asin rebus untuk paket makan rombongan, setiap hari.",
    quality: "Kuning telur masir, tidak retak, umur asin 10–14 hari.",
    quantity: 100,
    unit: "PCS",
    frequency: "DAILY",
    kecamatan: "Bumiaji",
    startInDays: 10,
    months: 6,
    deadlineInDays: 4,
    priceMin: 3500,
    priceMax: 4500,
    allowSplit: true,
    publishedDaysAgo: 5,
    offers: [],
    questions: [],
  },
  {
    partner: "hotel-taman-sari-batu",
    title: "Kue kering untuk parsel Natal tamu",
    category: "roti-kue-kering",
    specification: "Nastar dan kastengel dalam toples 500 g untuk parsel tamu langganan.",
    quantity: 120,
    unit: "BOX",
    frequency: "ONE_OFF",
    kecamatan: "Batu",
    startInDays: 25,
    deadlineInDays: 12,
    priceMax: 85000,
    allowSplit: false,
    publishedDaysAgo: null,
    offers: [],
    questions: [],
  },
];

export async function seedDemands(db: PrismaClient, ctx: SeedContext): Promise<void> {
  const group = (slug: string) => {
    const g = ctx.groups[slug];
    if (!g) throw new Error(`seed demands: unknown group ${slug}`);
    return g;
  };
  for (const spec of DEMANDS) {
    const partner = ctx.partners[spec.partner];
    if (!partner) throw new Error(`seed demands: unknown partner ${spec.partner}`);
    const author = partner.userIds[0]!;
    const todayKey = dayKey(ctx.today, "UTC");
    const startKey = addDays(todayKey, spec.startInDays);
    const start = startOfDay(startKey);
    // ends the day before the same date `months` later (so a 3-month demand from 17/11 runs to 16/02)
    const end = spec.months ? startOfDay(addDays(addMonths(startKey, spec.months), -1)) : null;
    const published = spec.publishedDaysAgo === null ? null : new Date(ctx.today.getTime() - spec.publishedDaysAgo * DAY + 9 * 3_600_000);
    const demand = await db.demand.create({
      data: {
        partnerId: partner.id,
        createdById: author,
        title: spec.title,
        categoryId: ctx.categoryIds[spec.category]!,
        specification: spec.specification,
        qualityRequirements: spec.quality ?? null,
        packaging: spec.packaging ?? null,
        quantity: spec.quantity,
        unit: spec.unit,
        frequency: spec.frequency,
        daysOfWeek: spec.daysOfWeek ?? null,
        deliveryAddress: partner.address,
        deliveryKecamatanId: ctx.kecamatanIds[spec.kecamatan]!,
        startDate: start,
        endDate: end,
        priceMin: spec.priceMin ?? null,
        priceMax: spec.priceMax ?? null,
        offerDeadline: startOfDay(addDays(todayKey, spec.deadlineInDays)),
        allowSplit: spec.allowSplit,
        status: published ? "OPEN" : "DRAFT",
        publishedAt: published,
        createdAt: published ? new Date(published.getTime() - 3_600_000) : ctx.today,
      },
    });
    await db.auditEvent.create({
      data: { actorId: author, actorName: partner.staffName, action: "demand.create", entityType: "Demand", entityId: demand.id, after: JSON.stringify({ title: spec.title, status: "DRAFT" }), at: demand.createdAt },
    });
    if (published) {
      await db.auditEvent.create({
        data: { actorId: author, actorName: partner.staffName, action: "demand.publish", entityType: "Demand", entityId: demand.id, before: JSON.stringify({ status: "DRAFT" }), after: JSON.stringify({ status: "OPEN" }), at: published },
      });
    }
    for (const o of spec.offers) {
      const g = group(o.group);
      await db.offer.create({
        data: {
          demandId: demand.id,
          groupId: g.id,
          createdById: g.userId,
          pricePerUnit: o.price,
          quantityPerPeriod: o.quantity,
          startDate: start,
          note: o.note,
          status: o.status,
          createdAt: new Date(ctx.today.getTime() - o.daysAgo * DAY + 10 * 3_600_000),
        },
      });
    }
    let minute = 0;
    for (const [slug, question, answer] of spec.questions) {
      const g = group(slug);
      const at = new Date((published ?? ctx.today).getTime() + 3 * 3_600_000 + minute++ * 60_000);
      await db.demandMessage.create({ data: { demandId: demand.id, groupId: g.id, authorId: g.userId, body: question, createdAt: at } });
      if (answer) {
        await db.demandMessage.create({ data: { demandId: demand.id, groupId: g.id, authorId: author, body: answer, createdAt: new Date(at.getTime() + 2 * 3_600_000) } });
      }
    }
  }
}
