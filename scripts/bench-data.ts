/**
 * The search benchmarks' data (bench:search over HTTP, bench:search-cpu in process): a separate database
 * (BENCH_DIR, default data/bench) with the demo seed plus generated data, 2,000 groups and 100,000
 * products, reused when present (BENCH_REBUILD=1 rebuilds).
 *
 * With DATABASE_URL=postgresql://… (decision 134) the data go to a database of its own on that server,
 * bermitra_bench_search (or BENCH_PG_DB), created anew; the rows are the same (Prisma's createMany is one
 * multi-row INSERT per batch on both), and the built-in PostgreSQL search index is rebuilt from them at the end
 * (search documents are written by the app, not by triggers, so a bulk insert leaves them to rebuild).
 */
import { execSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { benchDatabaseUrl, benchOnPostgres, countRows, recreateDatabase } from "./bench-pg";

// (on PostgreSQL its photos go to a folder of their own, so a rebuild there leaves the SQLite data alone)
export const DIR = path.resolve(process.env.BENCH_DIR ?? (benchOnPostgres() ? "data/bench-pg" : "data/bench"));
export const DB_FILE = path.join(DIR, "bench.db");
export const UPLOAD_DIR = path.join(DIR, "uploads");
export const GROUPS = Number(process.env.BENCH_GROUPS ?? 2_000);
export const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 100_000);
export const ON_POSTGRES = benchOnPostgres();
/** The benchmark's database: the SQLite file, or its own database on DATABASE_URL's PostgreSQL server. */
export const BENCH_DATABASE_URL = ON_POSTGRES ? benchDatabaseUrl("bermitra_bench_search") : `file:${DB_FILE}`;
const WHERE = ON_POSTGRES ? `PostgreSQL database ${new URL(BENCH_DATABASE_URL).pathname.slice(1)}` : DB_FILE;
// The app modules imported below open the database named here.
process.env.DATABASE_URL = BENCH_DATABASE_URL;
process.env.UPLOAD_DIR = UPLOAD_DIR;
const env = { ...process.env, DATABASE_URL: BENCH_DATABASE_URL, UPLOAD_DIR, SEED_PHOTOS: "0" };

function log(message: string) {
  console.error(`[bench] ${message}`);
}

/** Builds the benchmark database unless it exists. */
export async function ensureBenchDatabase() {
  const present = ON_POSTGRES ? (await countRows(BENCH_DATABASE_URL, "Product")) >= PRODUCTS : existsSync(DB_FILE);
  if (!present || process.env.BENCH_REBUILD === "1") await buildDatabase();
  else log(`reusing ${WHERE} (BENCH_REBUILD=1 to rebuild)`);
}

const BASES: [string, string, string][] = [
  ["Lemper Ayam", "kue-basah", "Lemper ketan isi ayam suwir berbumbu, dibungkus daun pisang."],
  ["Nagasari", "kue-basah", "Kue tepung beras dan santan berisi pisang, dikukus dalam daun pisang."],
  ["Kue Lapis", "kue-basah", "Kue lapis tepung beras berlapis warna, kenyal dan manis legit."],
  ["Klepon", "kue-basah", "Klepon isi gula merah dengan taburan kelapa parut."],
  ["Nastar Nanas", "roti-kue-kering", "Nastar mentega isi selai nanas, toples 500 g."],
  ["Roti Manis", "roti-kue-kering", "Roti manis lembut untuk sarapan dan rapat."],
  ["Keripik Singkong", "makanan-ringan", "Keripik singkong renyah, kemasan 250 g."],
  ["Keripik Usus", "makanan-ringan", "Keripik usus ayam renyah berbumbu bawang putih."],
  ["Keripik Tempe", "makanan-ringan", "Keripik tempe tipis berbalut tepung berbumbu."],
  ["Makaroni Pedas", "makanan-ringan", "Makaroni goreng dengan bumbu cabai dan daun jeruk."],
  ["Kopi Bubuk Arabika", "minuman-kopi", "Kopi arabika sangrai medium, digiling halus."],
  ["Kopi Robusta", "minuman-kopi", "Biji kopi robusta sangrai gelap untuk kopi tubruk."],
  ["Jamu Kunyit Asam", "minuman-kopi", "Jamu kunyit asam segar tanpa pengawet."],
  ["Sari Apel", "minuman-kopi", "Minuman sari apel manalagi khas Batu."],
  ["Telur Asin", "telur-olahan", "Telur bebek asin masir dan gurih."],
  ["Telur Bebek", "telur-olahan", "Telur bebek segar dari peternak anggota."],
  ["Bawang Merah", "bumbu-sayur", "Bawang merah lokal kering, dipilih yang besar."],
  ["Bawang Goreng", "bumbu-sayur", "Bawang merah goreng renyah dalam toples."],
  ["Tas Anyaman Pandan", "kerajinan-anyaman", "Tas anyaman daun pandan buatan tangan."],
  ["Keranjang Bambu", "kerajinan-anyaman", "Keranjang bambu untuk parsel dan suvenir."],
  ["Sabun Cuci Piring", "sabun-kebersihan", "Sabun cuci piring cair beraroma jeruk nipis."],
  ["Sabun Mandi Herbal", "sabun-kebersihan", "Sabun mandi batang dari minyak kelapa dan sereh."],
  ["Laundry Kiloan", "jasa", "Cuci, kering, setrika dan lipat rapi."],
  ["Nasi Kotak", "jasa", "Nasi kotak dengan lauk lengkap untuk acara."],
  ["Penggilingan Jagung", "jasa", "Jasa giling jagung pipil menjadi tepung."],
];
const VARIANTS = ["Original", "Pedas", "Manis", "Premium", "Mini", "Jumbo", "Spesial", "Keju", "Cokelat", "Balado", "Gurih", "Hemat"];
const UNITS = ["PCS", "PACK", "BOX", "KG", "LITER", "SERVICE"] as const;

export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function buildDatabase() {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  if (ON_POSTGRES) await recreateDatabase(BENCH_DATABASE_URL);
  log(`migrating and seeding ${WHERE}`);
  execSync("npx prisma migrate deploy", { env, stdio: "pipe" });
  execSync("npx prisma db seed", { env, stdio: "pipe" });

  const { createPrismaClient } = await import("../app/db/db.server");
  const { storePhoto } = await import("../app/catalog/photos.server");
  const { productCard } = await import("../prisma/seed/catalog");
  const db = createPrismaClient(BENCH_DATABASE_URL);
  const random = rng(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const office = await db.dinasOffice.findFirstOrThrow();
  const villages = await db.village.findMany({ select: { id: true, name: true, kecamatanId: true } });
  const kecamatans = await db.kecamatan.findMany({ select: { id: true } });
  const categories = new Map((await db.productCategory.findMany()).map((c) => [c.slug, c.id]));

  const t0 = Date.now();
  const groups = Array.from({ length: GROUPS }, (_, i) => {
    const v = pick(villages);
    const type = i % 3 === 0 ? "KUBE" : "KPM";
    return {
      slug: `bench-${type.toLowerCase()}-${i}`,
      type: type as "KPM" | "KUBE",
      name: `${type} Bench ${v.name} ${i}`,
      dinasOfficeId: office.id,
      kecamatanId: v.kecamatanId,
      villageId: v.id,
      businessDescription: "Kelompok usaha bersama untuk pengujian kecepatan pencarian.",
      verificationStatus: "VERIFIED" as const,
      active: true,
    };
  });
  const groupRows = await db.group.createManyAndReturn({ data: groups, select: { id: true, slug: true } });
  const keys: { fileKey: string; width: number; height: number }[] = [];
  for (let i = 0; i < 12; i++) keys.push(await storePhoto(await productCard(BASES[i * 2][0], "Bench", BASES[i * 2][1], i)));

  const perGroup = Math.ceil(PRODUCTS / GROUPS);
  const start = Date.parse("2024-11-24T00:00:00Z");
  let made = 0;
  for (let g = 0; g < groupRows.length && made < PRODUCTS; g += 100) {
    const batch: {
      id: string;
      slug: string;
      groupId: string;
      categoryId: string;
      name: string;
      description: string;
      unit: (typeof UNITS)[number];
      priceRupiah: number;
      minOrderQty: number;
      weeklyCapacity: number;
      leadTimeDays: number;
      createdAt: Date;
    }[] = [];
    for (const group of groupRows.slice(g, g + 100)) {
      for (let p = 0; p < perGroup && made < PRODUCTS; p++, made++) {
        const [base, category, description] = pick(BASES);
        const name = `${base} ${pick(VARIANTS)}`;
        batch.push({
          id: `bench${made.toString(36).padStart(8, "0")}`,
          slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${group.slug}-${p}`,
          groupId: group.id,
          categoryId: categories.get(category)!,
          name,
          description,
          unit: pick(UNITS),
          priceRupiah: Math.round((1_000 + random() * 149_000) / 500) * 500,
          minOrderQty: 1 + Math.floor(random() * 30),
          weeklyCapacity: 30 + Math.floor(random() * 1_500),
          leadTimeDays: 1 + Math.floor(random() * 4),
          createdAt: new Date(start + Math.floor(random() * 730 * 86_400_000)),
        });
      }
    }
    await db.product.createMany({ data: batch });
    await db.productDeliveryArea.createMany({ data: batch.flatMap((p) => (random() < 0.5 ? [{ productId: p.id, kecamatanId: pick(kecamatans).id }] : [])) });
    await db.productCertification.createMany({
      data: batch.flatMap((p) => [
        ...(random() < 0.4 ? [{ productId: p.id, kind: "PIRT" as const, number: `20635790${made}`, expiresAt: new Date("2028-06-30") }] : []),
        ...(random() < 0.3 ? [{ productId: p.id, kind: "HALAL" as const, number: `ID3511${made}`, expiresAt: new Date("2029-01-31") }] : []),
      ]),
    });
    await db.productPhoto.createMany({ data: batch.map((p) => ({ productId: p.id, ...pick(keys) })) });
  }
  log(`generated ${groupRows.length} groups and ${made} products in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const t1 = Date.now();
  let count: number;
  if (ON_POSTGRES) {
    const { rebuildPostgresSearch } = await import("../app/search/postgres-search.server");
    await db.$executeRawUnsafe(`ANALYZE`);
    count = await rebuildPostgresSearch(db);
  } else {
    const { rebuildFts5, closeFts5 } = await import("../app/search/sqlite-fts5.server");
    count = await rebuildFts5(db);
    closeFts5();
  }
  log(`built-in search index: ${count} products in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  await db.$disconnect();
}

