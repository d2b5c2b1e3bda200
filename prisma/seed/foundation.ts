/**
 * Demo seed, part 1: the foundation every other seed module builds on.
 * Dinas office, kecamatan and villages, the product taxonomy, staff users, partners,
 * KPM and KUBE groups with members, their users, and the group catalogue.
 *
 * Everything is deterministic (PRNG in ./random.ts) and fictional: person names are common
 * Javanese/Indonesian names, business names are invented.
 */
import type {
  BusinessKind,
  CertificationKind,
  GroupMemberRole,
  GroupType,
  PartnerSector,
  PkhStatus,
  PrismaClient,
  ProductStatus,
  ProductUnit,
  VerificationStatus,
  VillageKind,
} from "../../app/generated/prisma/client";
import { hashNik, nikLast4 } from "../../app/groups/nik.server";
import { normaliseIndonesianPhone } from "../../app/messaging/phone";
import { chance, digits, intBetween, mulberry32, pick, roundedBetween, shuffle, type RandomFn } from "./random";
import { dayKey } from "../../app/time/calendar";

// ─── Context handed from module to module ───────────────────────────────────

export interface SeededGroup {
  id: string;
  slug: string;
  name: string;
  type: GroupType;
  kecamatan: string;
  kecamatanId: string;
  village: string;
  villageId: string;
  /** key of BUSINESSES below, e.g. "kue-basah", "laundry" */
  business: string;
  businessKind: BusinessKind;
  active: boolean;
  verificationStatus: VerificationStatus;
  facilitatorId: string;
  address: string;
  /** the chair (CHAIR member) */
  chairMemberId: string;
  chairName: string;
  chairPhone: string;
  /** all member ids, chair first */
  memberIds: string[];
  /** the group's login (GROUP role): kelompok@bermitra.id for the demo group, else chair.<slug>@bermitra.id */
  userId: string;
  /** null for the demo chair who has only a mobile number (PHONE_ONLY_GROUP_SLUG, decision 109) */
  userEmail: string | null;
  /** product slugs of this group (empty unless verified and active) */
  productSlugs: string[];
}

export interface SeededPartner {
  id: string;
  slug: string;
  legalName: string;
  displayName: string;
  sector: PartnerSector;
  verificationStatus: VerificationStatus;
  address: string;
  contactName: string;
  /** staf.<slug>@bermitra.id (every partner has one) */
  staffUserId: string;
  staffName: string;
  staffTitle: string;
  /** all PARTNER users of this partner (for the demo partner: mitra@ first, then staf.) */
  userIds: string[];
}

export interface SeededProduct {
  id: string;
  slug: string;
  name: string;
  groupSlug: string;
  categorySlug: string;
  unit: ProductUnit;
  priceRupiah: number;
  minOrderQty: number;
  weeklyCapacity: number;
  status: ProductStatus;
}

export interface SeededUser {
  id: string;
  email: string;
  name: string;
  title: string | null;
}

export interface SeedContext {
  /** deterministic PRNG in [0, 1); shared by all seed modules, in order */
  random: RandomFn;
  /** the demo's "today" (SEED_TODAY, else today on the app clock), for relative dates */
  today: Date;
  /** scrypt hash of the shared demo password "bermitra-demo" */
  passwordHash: string;
  officeId: string;
  /** kecamatan id by name: "Batu", "Bumiaji", "Junrejo" */
  kecamatanIds: Record<string, string>;
  /** village id by "Kecamatan/Village", e.g. "Batu/Sisir" */
  villageIds: Record<string, string>;
  /** category id by slug, e.g. "kue-basah" */
  categoryIds: Record<string, string>;
  users: {
    admin: SeededUser;
    /** dinas@: Rina Kusumawati, Kepala Bidang Pemberdayaan Sosial */
    dinas: SeededUser;
    /** kadinas@: Bambang Hartono, Kepala Dinas Sosial Kota Batu */
    kadinas: SeededUser;
    /** pendamping@: Dewi Anggraini */
    facilitator: SeededUser;
    /** all five facilitators, pendamping@ first */
    facilitators: SeededUser[];
    /** kelompok@: Siti Aminah, chair of KPM Melati Sisir */
    group: SeededUser;
    /** mitra@: Hendra Wijaya, General Manager of Hotel Taman Sari Batu */
    partner: SeededUser;
  };
  /** groups by slug, in seed order (25 KPM, then 53 KUBE) */
  groups: Record<string, SeededGroup>;
  /** partners by slug */
  partners: Record<string, SeededPartner>;
  /** products by slug */
  products: Record<string, SeededProduct>;
  /** "kpm-melati-sisir" */
  demoGroupSlug: string;
  /** "hotel-taman-sari-batu" */
  demoPartnerSlug: string;
}

const EMPTY_USER: SeededUser = { id: "", email: "", name: "", title: null };

export const DEMO_PASSWORD = "bermitra-demo";
export const DEMO_GROUP_SLUG = "kpm-melati-sisir";
export const DEMO_PARTNER_SLUG = "hotel-taman-sari-batu";

/** A context with the PRNG and shared values set; seedFoundation fills in the ids. */
export function createSeedContext(passwordHash: string, seed = 20150903): SeedContext {
  // The demo's "today": SEED_TODAY, else the app clock's date in WIB (tests pin the clock, see app/time/clock.ts).
  const todayKey = process.env.SEED_TODAY ?? dayKey(new Date());
  const today = new Date(`${todayKey}T00:00:00.000Z`);
  if (Number.isNaN(today.getTime())) throw new Error("SEED_TODAY must be yyyy-mm-dd");
  return {
    random: mulberry32(seed),
    today,
    passwordHash,
    officeId: "",
    kecamatanIds: {},
    villageIds: {},
    categoryIds: {},
    users: {
      admin: EMPTY_USER,
      dinas: EMPTY_USER,
      kadinas: EMPTY_USER,
      facilitator: EMPTY_USER,
      facilitators: [],
      group: EMPTY_USER,
      partner: EMPTY_USER,
    },
    groups: {},
    partners: {},
    products: {},
    demoGroupSlug: DEMO_GROUP_SLUG,
    demoPartnerSlug: DEMO_PARTNER_SLUG,
  };
}

// ─── Small helpers ──────────────────────────────────────────────────────────

export function kebab(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " dan ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function utc(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}

function dateBetween(random: RandomFn, from: Date, to: Date): Date {
  const day = 86_400_000;
  const days = Math.floor((to.getTime() - from.getTime()) / day);
  return new Date(from.getTime() + intBetween(random, 0, days) * day);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

const PHONE_PREFIXES = ["0812", "0813", "0821", "0822", "0852", "0853", "0857", "0878", "0838", "0895"];

function phoneNumber(random: RandomFn): string {
  return `${pick(random, PHONE_PREFIXES)}-${digits(random, 4)}-${digits(random, 4)}`;
}

/** An account's number as stored (decision 109): mobile numbers as +62…, a landline as typed. */
function userPhone(phone: string | null | undefined): string | null {
  return normaliseIndonesianPhone(phone) ?? phone ?? null;
}

/** The demo group whose chair has only a mobile number (README's demo accounts): she logs in with it. */
export const PHONE_ONLY_GROUP_SLUG = "kpm-seruni-sisir";
export const PHONE_ONLY_CHAIR_PHONE = "+6281270001001";

// ─── Places ─────────────────────────────────────────────────────────────────

const OFFICE = {
  name: "Dinas Sosial Kota Batu",
  city: "Batu",
  regionKind: "KOTA" as const,
  province: "Jawa Timur",
  address: "Jl. Panglima Sudirman No. 507, Pesanggrahan, Kec. Batu, Kota Batu",
  timeZone: "Asia/Jakarta", // WIB
  regulation:
    "Peraturan Wali Kota Batu Nomor 26 Tahun 2015 tentang Percepatan Penanggulangan Kemiskinan melalui Pola Kemitraan Kelompok Perempuan Mandiri PKH",
};

/** code = the kecamatan part of the administrative code (35.79.xx), used in fake NIKs */
const KECAMATAN: { name: string; code: string; villages: [string, VillageKind][] }[] = [
  {
    name: "Batu",
    code: "01",
    villages: [
      ["Sisir", "KELURAHAN"],
      ["Ngaglik", "KELURAHAN"],
      ["Temas", "KELURAHAN"],
      ["Songgokerto", "KELURAHAN"],
      ["Oro-Oro Ombo", "DESA"],
      ["Sumberejo", "DESA"],
      ["Pesanggrahan", "DESA"],
      ["Sidomulyo", "DESA"],
    ],
  },
  {
    name: "Bumiaji",
    code: "03",
    villages: [
      ["Bumiaji", "DESA"],
      ["Bulukerto", "DESA"],
      ["Gunungsari", "DESA"],
      ["Punten", "DESA"],
      ["Tulungrejo", "DESA"],
      ["Sumbergondo", "DESA"],
      ["Pandanrejo", "DESA"],
      ["Giripurno", "DESA"],
      ["Sumber Brantas", "DESA"],
    ],
  },
  {
    name: "Junrejo",
    code: "02",
    villages: [
      ["Dadaprejo", "KELURAHAN"],
      ["Junrejo", "DESA"],
      ["Tlekung", "DESA"],
      ["Beji", "DESA"],
      ["Mojorejo", "DESA"],
      ["Pendem", "DESA"],
      ["Torongrejo", "DESA"],
    ],
  },
];

const STREETS: Record<string, string[]> = {
  Batu: ["Jl. Semeru", "Jl. Welirang", "Jl. Diponegoro", "Jl. Brantas", "Jl. Agus Salim", "Jl. Sultan Agung", "Jl. Abdul Gani"],
  Bumiaji: ["Jl. Raya Punten", "Jl. Raya Tulungrejo", "Jl. Raya Bumiaji", "Jl. Kopral Kasdi", "Jl. Raya Giripurno"],
  Junrejo: ["Jl. Raya Junrejo", "Jl. Raya Tlekung", "Jl. Raya Beji", "Jl. Raya Mojorejo", "Jl. Raya Dadaprejo"],
};

const DUSUN = ["Krajan", "Dusun Tengah", "Kajang", "Gondang", "Sumbersari", "Ngujung", "Dresel", "Kekep"];

function groupAddress(random: RandomFn, kecamatan: string, village: string, kind: VillageKind): string {
  const rt = `RT ${String(intBetween(random, 1, 9)).padStart(2, "0")}/RW ${String(intBetween(random, 1, 12)).padStart(2, "0")}`;
  if (kind === "KELURAHAN") {
    return `${pick(random, STREETS[kecamatan])} Gg. ${intBetween(random, 1, 9)} No. ${intBetween(random, 2, 88)}, ${rt}, Kel. ${village}, Kec. ${kecamatan}, Kota Batu`;
  }
  const dusun = pick(random, DUSUN);
  const prefix = dusun.startsWith("Dusun") ? dusun : `Dusun ${dusun}`;
  return `${prefix} ${rt}, Desa ${village}, Kec. ${kecamatan}, Kota Batu`;
}

// ─── Product taxonomy ───────────────────────────────────────────────────────

const CATEGORIES: { slug: string; nameId: string; nameEn: string; keywords: string[] }[] = [
  {
    slug: "kue-basah",
    nameId: "Kue Basah",
    nameEn: "Traditional Wet Cakes",
    keywords: ["jajanan pasar", "jajan pasar", "kue tradisional", "jajanan", "lemper", "klepon", "nagasari", "kue basa", "wet cake"],
  },
  {
    slug: "roti-kue-kering",
    nameId: "Roti & Kue Kering",
    nameEn: "Bread & Cookies",
    keywords: ["roti", "kue kering", "kukis", "cookies", "nastar", "kastengel", "kue lebaran", "bakery"],
  },
  {
    slug: "makanan-ringan",
    nameId: "Makanan Ringan & Keripik",
    nameEn: "Snacks & Chips",
    keywords: ["kripik", "keripik", "camilan", "cemilan", "snack", "kerupuk", "krupuk", "keripik usus", "keripik apel", "oleh-oleh"],
  },
  {
    slug: "minuman-kopi",
    nameId: "Minuman & Kopi",
    nameEn: "Drinks & Coffee",
    keywords: ["kopi", "kopy", "coffee", "jamu", "minuman", "sari apel", "wedang", "jahe"],
  },
  {
    slug: "telur-olahan",
    nameId: "Telur & Olahan",
    nameEn: "Eggs & Egg Products",
    keywords: ["telor", "telor asin", "telur asin", "telur bebek", "salted egg"],
  },
  {
    slug: "bumbu-sayur",
    nameId: "Bumbu & Sayur",
    nameEn: "Spices & Vegetables",
    keywords: ["bawang merah", "brambang", "bawang goreng", "sayur", "sayuran", "bumbu", "shallot"],
  },
  {
    slug: "kerajinan-anyaman",
    nameId: "Kerajinan & Anyaman",
    nameEn: "Crafts & Weaving",
    keywords: ["anyaman", "kerajinan", "tas", "keranjang", "pandan", "bambu", "suvenir", "souvenir", "handicraft"],
  },
  {
    slug: "sabun-kebersihan",
    nameId: "Sabun & Kebersihan",
    nameEn: "Soap & Cleaning",
    keywords: ["sabun", "sabun cuci", "detergen", "deterjen", "pewangi", "pembersih", "soap"],
  },
  {
    slug: "jasa",
    nameId: "Jasa",
    nameEn: "Services",
    keywords: ["laundry", "londri", "catering", "katering", "penggilingan", "selep", "gilingan", "sembako", "e-warong", "nasi kotak"],
  },
];

// ─── Businesses and their products ──────────────────────────────────────────

interface ProductTemplate {
  name: string;
  category: string;
  unit: ProductUnit;
  price: number;
  minOrder: number;
  capacity: [number, number];
  lead: number;
  description: string;
  /** processed food: may carry P-IRT and halal certificates */
  food?: boolean;
}

interface Business {
  kind: BusinessKind;
  descriptions: string[];
  story: string[];
  /** deliver only inside the group's own kecamatan */
  localOnly?: boolean;
  products: ProductTemplate[];
}

const BUSINESSES: Record<string, Business> = {
  "kue-basah": {
    kind: "PRODUKSI",
    descriptions: [
      "Produksi kue basah (lemper, lapis, nagasari) untuk hotel dan hajatan",
      "Kue basah tradisional (klepon, onde-onde, dadar gulung) untuk sarapan hotel dan acara kantor",
    ],
    story: [
      "Setiap subuh anggota memasak bergiliran di dapur ketua sehingga kue sampai ke pelanggan sebelum pukul tujuh pagi.",
      "Resep kue diwariskan turun-temurun dan kini disesuaikan dengan standar kebersihan dapur hotel.",
    ],
    products: [
      { name: "Lemper Ayam", category: "kue-basah", unit: "PCS", price: 2500, minOrder: 50, capacity: [500, 1500], lead: 1, food: true, description: "Lemper ketan isi ayam suwir berbumbu, dibungkus daun pisang. Dibuat segar setiap pagi." },
      { name: "Nagasari", category: "kue-basah", unit: "PCS", price: 2000, minOrder: 50, capacity: [400, 1200], lead: 1, food: true, description: "Kue tepung beras dan santan berisi pisang raja, dikukus dalam daun pisang." },
      { name: "Kue Lumpur", category: "kue-basah", unit: "PCS", price: 2500, minOrder: 30, capacity: [300, 1000], lead: 1, food: true, description: "Kue lumpur kentang yang lembut dengan taburan kismis, cocok untuk sarapan dan rapat." },
      { name: "Dadar Gulung", category: "kue-basah", unit: "PCS", price: 2000, minOrder: 30, capacity: [300, 1000], lead: 1, food: true, description: "Dadar daun suji berisi unti kelapa dan gula merah." },
      { name: "Kue Lapis", category: "kue-basah", unit: "PCS", price: 2000, minOrder: 50, capacity: [300, 1000], lead: 1, food: true, description: "Kue lapis tepung beras berlapis warna, kenyal dan manis legit." },
      { name: "Klepon", category: "kue-basah", unit: "PACK", price: 8000, minOrder: 10, capacity: [100, 300], lead: 1, food: true, description: "Klepon isi gula merah dengan taburan kelapa parut, isi 10 butir per kemasan." },
      { name: "Onde-onde", category: "kue-basah", unit: "PCS", price: 2500, minOrder: 30, capacity: [300, 900], lead: 1, food: true, description: "Onde-onde wijen isi kacang hijau, digoreng renyah di luar dan lembut di dalam." },
    ],
  },
  "keripik-usus": {
    kind: "PRODUKSI",
    descriptions: ["Produksi keripik usus ayam renyah aneka rasa untuk toko oleh-oleh dan warung"],
    story: [
      "Keripik usus dipilih karena bahan bakunya mudah didapat dari rumah potong ayam di sekitar desa.",
      "Kelompok belajar mengemas keripik dengan plastik berklip dan label agar bisa masuk toko oleh-oleh.",
    ],
    products: [
      { name: "Keripik Usus Original", category: "makanan-ringan", unit: "PACK", price: 15000, minOrder: 10, capacity: [100, 400], lead: 2, food: true, description: "Keripik usus ayam renyah berbumbu bawang putih, kemasan 200 g." },
      { name: "Keripik Usus Pedas", category: "makanan-ringan", unit: "PACK", price: 16000, minOrder: 10, capacity: [100, 400], lead: 2, food: true, description: "Keripik usus ayam dengan bumbu cabai pedas manis, kemasan 200 g." },
      { name: "Keripik Kulit Ayam", category: "makanan-ringan", unit: "PACK", price: 18000, minOrder: 10, capacity: [80, 250], lead: 2, food: true, description: "Kulit ayam goreng garing dengan bumbu gurih, kemasan 150 g." },
    ],
  },
  "kue-kering": {
    kind: "PRODUKSI",
    descriptions: ["Kue kering dan roti manis rumahan untuk toko oleh-oleh dan pesanan hari raya"],
    story: [
      "Pesanan paling ramai datang menjelang Lebaran dan Natal, ketika anggota bisa memanggang hingga larut malam.",
      "Oven bantuan Dinas Sosial membuat kelompok mampu menerima pesanan roti manis harian.",
    ],
    products: [
      { name: "Nastar Nanas", category: "roti-kue-kering", unit: "PACK", price: 85000, minOrder: 5, capacity: [40, 150], lead: 3, food: true, description: "Nastar mentega isi selai nanas buatan sendiri, toples 500 g." },
      { name: "Kastengel Keju", category: "roti-kue-kering", unit: "PACK", price: 90000, minOrder: 5, capacity: [40, 120], lead: 3, food: true, description: "Kastengel keju edam yang gurih dan renyah, toples 500 g." },
      { name: "Putri Salju", category: "roti-kue-kering", unit: "PACK", price: 75000, minOrder: 5, capacity: [40, 150], lead: 3, food: true, description: "Kue putri salju kacang mete dengan taburan gula halus, toples 500 g." },
      { name: "Roti Manis Isi Cokelat", category: "roti-kue-kering", unit: "PCS", price: 3500, minOrder: 30, capacity: [300, 800], lead: 1, food: true, description: "Roti manis lembut isi cokelat, cocok untuk rehat kopi dan sarapan." },
      { name: "Kue Bawang", category: "roti-kue-kering", unit: "PACK", price: 25000, minOrder: 10, capacity: [60, 200], lead: 2, food: true, description: "Kue bawang gurih renyah dengan daun seledri, kemasan 250 g." },
    ],
  },
  jamu: {
    kind: "PRODUKSI",
    descriptions: ["Jamu tradisional dan minuman herbal (kunyit asam, beras kencur, wedang jahe)"],
    story: [
      "Sebagian anggota dulu berjualan jamu gendong keliling; kini mereka memproduksi bersama dengan takaran yang sama.",
      "Rempah dibeli langsung dari petani di lereng Panderman sehingga jamu selalu segar.",
    ],
    products: [
      { name: "Jamu Kunyit Asam", category: "minuman-kopi", unit: "LITER", price: 20000, minOrder: 5, capacity: [50, 150], lead: 1, food: true, description: "Jamu kunyit asam segar tanpa pengawet, dikemas dalam botol 1 liter." },
      { name: "Jamu Beras Kencur", category: "minuman-kopi", unit: "LITER", price: 20000, minOrder: 5, capacity: [50, 150], lead: 1, food: true, description: "Jamu beras kencur hangat untuk menjaga stamina, botol 1 liter." },
      { name: "Wedang Jahe Instan", category: "minuman-kopi", unit: "PACK", price: 15000, minOrder: 10, capacity: [100, 300], lead: 2, food: true, description: "Serbuk jahe merah dan gula aren, tinggal seduh air panas, kemasan 250 g." },
    ],
  },
  catering: {
    kind: "JASA",
    descriptions: ["Jasa katering nasi kotak dan snack box untuk rapat kantor dan hajatan"],
    story: [
      "Kelompok mulai menerima pesanan nasi kotak dari kantor kelurahan dan kini melayani rapat dinas.",
      "Anggota berbagi tugas memasak, mengemas, dan mengantar pesanan dengan sepeda motor.",
    ],
    localOnly: false,
    products: [
      { name: "Nasi Kotak Ayam Bakar", category: "jasa", unit: "BOX", price: 25000, minOrder: 20, capacity: [150, 500], lead: 2, food: true, description: "Nasi putih, ayam bakar, urap sayur, sambal, kerupuk, dan buah dalam kotak." },
      { name: "Snack Box Tiga Kue", category: "jasa", unit: "BOX", price: 10000, minOrder: 20, capacity: [200, 600], lead: 1, food: true, description: "Kotak berisi tiga kue basah pilihan dan air mineral gelas untuk rapat." },
      { name: "Tumpeng Mini", category: "jasa", unit: "BOX", price: 35000, minOrder: 10, capacity: [50, 200], lead: 2, food: true, description: "Tumpeng nasi kuning porsi satu orang dengan lauk lengkap." },
    ],
  },
  "telur-asin": {
    kind: "PRODUKSI",
    descriptions: ["Produksi telur asin bakar dan rebus dari telur bebek peternak lokal"],
    story: [
      "Telur bebek diambil dari peternak di sekitar desa lalu diperam dengan abu gosok dan garam selama dua minggu.",
      "Telur asin bakar menjadi andalan karena aromanya khas dan tahan lebih lama.",
    ],
    products: [
      { name: "Telur Asin Bakar", category: "telur-olahan", unit: "PCS", price: 4500, minOrder: 30, capacity: [300, 1200], lead: 2, food: true, description: "Telur bebek asin yang dipanggang hingga kulitnya kecokelatan, masir dan gurih." },
      { name: "Telur Asin Rebus", category: "telur-olahan", unit: "PCS", price: 4000, minOrder: 30, capacity: [300, 1200], lead: 2, food: true, description: "Telur bebek asin rebus dengan kuning telur masir berminyak." },
      { name: "Telur Bebek Segar", category: "telur-olahan", unit: "PCS", price: 2800, minOrder: 50, capacity: [500, 1500], lead: 1, description: "Telur bebek segar dari peternak anggota, dipilih yang utuh dan bersih." },
    ],
  },
  keripik: {
    kind: "PRODUKSI",
    descriptions: ["Produksi keripik tempe, singkong, dan pisang untuk warung dan toko oleh-oleh"],
    story: [
      "Keripik diproduksi dua kali seminggu dan dititipkan ke warung serta toko oleh-oleh di sekitar alun-alun.",
      "Alat peniris minyak bantuan program membuat keripik lebih renyah dan tahan lama.",
    ],
    products: [
      { name: "Keripik Tempe", category: "makanan-ringan", unit: "PACK", price: 12000, minOrder: 10, capacity: [100, 400], lead: 2, food: true, description: "Keripik tempe tipis berbalut tepung berbumbu ketumbar, kemasan 200 g." },
      { name: "Keripik Singkong Balado", category: "makanan-ringan", unit: "PACK", price: 10000, minOrder: 10, capacity: [100, 400], lead: 2, food: true, description: "Keripik singkong renyah dengan bumbu balado pedas manis, kemasan 250 g." },
      { name: "Keripik Pisang Manis", category: "makanan-ringan", unit: "PACK", price: 12000, minOrder: 10, capacity: [100, 300], lead: 2, food: true, description: "Keripik pisang kepok dengan lapisan gula karamel, kemasan 200 g." },
      { name: "Keripik Apel Batu", category: "makanan-ringan", unit: "PACK", price: 25000, minOrder: 10, capacity: [80, 250], lead: 3, food: true, description: "Keripik apel manalagi khas Batu, digoreng vakum tanpa pemanis, kemasan 100 g." },
    ],
  },
  "olahan-apel": {
    kind: "PRODUKSI",
    descriptions: ["Olahan apel Batu: keripik apel, sari apel, dan dodol apel"],
    story: [
      "Apel yang terlalu kecil untuk dijual segar dibeli murah dari kebun tetangga lalu diolah menjadi oleh-oleh.",
      "Kelompok ingin produknya dijual di toko oleh-oleh dan kamar hotel sebagai suguhan khas Batu.",
    ],
    products: [
      { name: "Keripik Apel Batu", category: "makanan-ringan", unit: "PACK", price: 25000, minOrder: 10, capacity: [80, 250], lead: 3, food: true, description: "Keripik apel manalagi khas Batu, digoreng vakum tanpa pemanis, kemasan 100 g." },
      { name: "Sari Apel Batu", category: "minuman-kopi", unit: "PCS", price: 5000, minOrder: 24, capacity: [300, 1000], lead: 2, food: true, description: "Minuman sari apel manalagi dalam botol 250 ml, disajikan dingin." },
      { name: "Dodol Apel", category: "makanan-ringan", unit: "PACK", price: 20000, minOrder: 10, capacity: [80, 200], lead: 3, food: true, description: "Dodol apel legit dibungkus kertas minyak, kemasan 250 g." },
    ],
  },
  kopi: {
    kind: "PRODUKSI",
    descriptions: ["Pengolahan kopi arabika dan robusta dari kebun warga: sangrai dan bubuk kemasan"],
    story: [
      "Kopi dipetik merah dari kebun anggota lalu dijemur dan disangrai sendiri dengan mesin sangrai kelompok.",
      "Pelatihan barista dan sangrai membuat kopi kelompok mulai dilirik kafe di Kota Batu.",
    ],
    products: [
      { name: "Kopi Bubuk Arabika Bumiaji", category: "minuman-kopi", unit: "PACK", price: 45000, minOrder: 5, capacity: [50, 200], lead: 2, food: true, description: "Kopi arabika lereng Arjuno sangrai medium, digiling halus, kemasan 250 g." },
      { name: "Kopi Robusta Sangrai", category: "minuman-kopi", unit: "PACK", price: 40000, minOrder: 5, capacity: [50, 200], lead: 2, food: true, description: "Biji kopi robusta sangrai gelap untuk espresso dan kopi tubruk, kemasan 250 g." },
      { name: "Kopi Bubuk Robusta Saset", category: "minuman-kopi", unit: "PACK", price: 18000, minOrder: 10, capacity: [100, 300], lead: 2, food: true, description: "Kopi robusta bubuk kemasan 100 g, cocok untuk kamar hotel dan warung." },
    ],
  },
  laundry: {
    kind: "JASA",
    descriptions: ["Jasa laundry kiloan dan cuci linen untuk warga, homestay, dan hotel kecil"],
    story: [
      "Mesin cuci dan pengering dibeli dari modal KUBE; pelanggan pertama adalah homestay di sekitar kelurahan.",
      "Anggota bergiliran menjaga kios laundry dari pagi sampai sore.",
    ],
    localOnly: true,
    products: [
      { name: "Jasa Laundry Kiloan", category: "jasa", unit: "KG", price: 7000, minOrder: 3, capacity: [200, 500], lead: 2, description: "Cuci, kering, setrika, dan lipat rapi. Selesai dalam dua hari." },
      { name: "Laundry Linen Hotel", category: "jasa", unit: "KG", price: 9000, minOrder: 20, capacity: [300, 800], lead: 1, description: "Cuci sprei, sarung bantal, dan handuk untuk homestay dan hotel, antar jemput gratis." },
      { name: "Jasa Setrika Saja", category: "jasa", unit: "KG", price: 5000, minOrder: 3, capacity: [100, 300], lead: 1, description: "Setrika dan lipat pakaian yang sudah dicuci." },
    ],
  },
  ewarong: {
    kind: "JASA",
    descriptions: ["E-warong sembako: penyaluran bantuan pangan dan penjualan sembako murah untuk warga"],
    story: [
      "E-warong menjadi tempat warga penerima bantuan pangan menukarkan saldo kartunya setiap bulan.",
      "Selain menyalurkan bantuan, kelompok menjual paket sembako dengan harga terjangkau.",
    ],
    localOnly: true,
    products: [
      { name: "Paket Sembako Hemat", category: "jasa", unit: "PACK", price: 75000, minOrder: 10, capacity: [50, 200], lead: 2, description: "Beras 5 kg, minyak goreng 1 liter, dan gula pasir 1 kg dalam satu paket." },
      { name: "Paket Sembako Hari Raya", category: "jasa", unit: "PACK", price: 150000, minOrder: 10, capacity: [30, 150], lead: 3, description: "Paket sembako lengkap untuk bingkisan karyawan atau santunan hari raya." },
      { name: "Jasa Antar Sembako", category: "jasa", unit: "SERVICE", price: 10000, minOrder: 1, capacity: [20, 60], lead: 1, description: "Antar belanjaan sembako ke rumah atau kantor di sekitar kecamatan." },
    ],
  },
  selep: {
    kind: "JASA",
    descriptions: ["Selep gilingan: jasa penggilingan jagung, padi, dan kopi untuk petani sekitar"],
    story: [
      "Mesin selep dibeli dengan modal KUBE dan kini dipakai petani dari desa-desa tetangga.",
      "Kelompok menarik ongkos giling per karung sehingga pendapatan mengalir setiap musim panen.",
    ],
    localOnly: true,
    products: [
      { name: "Penggilingan Jagung", category: "jasa", unit: "SERVICE", price: 25000, minOrder: 1, capacity: [30, 100], lead: 1, description: "Jasa giling jagung pipil menjadi beras jagung atau tepung, harga per karung ±50 kg." },
      { name: "Selep Gabah", category: "jasa", unit: "SERVICE", price: 30000, minOrder: 1, capacity: [30, 80], lead: 1, description: "Jasa giling gabah kering menjadi beras, harga per karung ±50 kg." },
      { name: "Jasa Giling Kopi", category: "jasa", unit: "KG", price: 5000, minOrder: 2, capacity: [100, 300], lead: 1, description: "Giling kopi sangrai halus atau kasar sesuai permintaan." },
    ],
  },
  snack: {
    kind: "PRODUKSI",
    descriptions: ["Produksi aneka camilan kemasan (makaroni, stik bawang, rengginang)"],
    story: [
      "Camilan kemasan dititipkan ke warung sekolah dan toko kelontong di sekitar desa.",
      "Kelompok mendapat pelatihan desain label agar kemasan lebih menarik.",
    ],
    products: [
      { name: "Makaroni Pedas", category: "makanan-ringan", unit: "PACK", price: 8000, minOrder: 20, capacity: [150, 500], lead: 2, food: true, description: "Makaroni goreng renyah dengan bumbu cabai dan daun jeruk, kemasan 150 g." },
      { name: "Stik Bawang", category: "makanan-ringan", unit: "PACK", price: 12000, minOrder: 10, capacity: [100, 400], lead: 2, food: true, description: "Stik bawang gurih dari tepung terigu dan bawang putih, kemasan 250 g." },
      { name: "Rengginang Ketan", category: "makanan-ringan", unit: "PACK", price: 15000, minOrder: 10, capacity: [80, 300], lead: 3, food: true, description: "Rengginang ketan terasi siap goreng, kemasan 250 g." },
    ],
  },
  "bawang-merah": {
    kind: "PRODUKSI",
    descriptions: ["Budidaya dan penjualan bawang merah serta bawang goreng kemasan"],
    story: [
      "Anggota menanam bawang merah di lahan sewa bersama dan menjual hasil panen langsung ke pembeli.",
      "Saat harga panen jatuh, bawang diolah menjadi bawang goreng agar nilai jualnya naik.",
    ],
    products: [
      { name: "Bawang Merah Bumiaji", category: "bumbu-sayur", unit: "KG", price: 35000, minOrder: 5, capacity: [100, 500], lead: 1, description: "Bawang merah segar kering panen, umbi padat dan harum." },
      { name: "Bawang Goreng Renyah", category: "bumbu-sayur", unit: "PACK", price: 20000, minOrder: 10, capacity: [80, 250], lead: 2, food: true, description: "Bawang merah goreng tanpa tepung, renyah dan tahan lama, kemasan 100 g." },
    ],
  },
  anyaman: {
    kind: "PRODUKSI",
    descriptions: ["Kerajinan anyaman pandan dan bambu: tas, keranjang parsel, dan perlengkapan hotel"],
    story: [
      "Anyaman dikerjakan di sela waktu mengurus rumah dan dikumpulkan setiap akhir pekan di rumah ketua.",
      "Kelompok berharap hotel memakai keranjang dan tempat tisu anyaman sebagai perlengkapan kamar.",
    ],
    products: [
      { name: "Tas Anyaman Pandan", category: "kerajinan-anyaman", unit: "PCS", price: 85000, minOrder: 5, capacity: [20, 60], lead: 3, description: "Tas jinjing anyaman daun pandan dengan lapisan kain di bagian dalam." },
      { name: "Tempat Tisu Anyaman", category: "kerajinan-anyaman", unit: "PCS", price: 35000, minOrder: 10, capacity: [30, 100], lead: 3, description: "Kotak tisu anyaman bambu halus, cocok untuk kamar hotel dan meja restoran." },
      { name: "Keranjang Parsel Anyaman", category: "kerajinan-anyaman", unit: "PCS", price: 45000, minOrder: 10, capacity: [30, 80], lead: 3, description: "Keranjang bambu untuk parsel buah dan oleh-oleh, tersedia dua ukuran." },
      { name: "Tatakan Gelas Anyaman", category: "kerajinan-anyaman", unit: "PACK", price: 30000, minOrder: 10, capacity: [40, 120], lead: 3, description: "Satu set enam tatakan gelas anyaman pandan berwarna alami." },
    ],
  },
  sabun: {
    kind: "PRODUKSI",
    descriptions: ["Produksi sabun cuci cair, sabun cuci piring, dan pewangi pakaian"],
    story: [
      "Sabun dibuat setelah anggota mengikuti pelatihan dari Dinas Sosial dan dijual ke tetangga serta laundry.",
      "Kelompok memakai jeriken isi ulang agar harga lebih murah dan sampah plastik berkurang.",
    ],
    products: [
      { name: "Sabun Cuci Cair", category: "sabun-kebersihan", unit: "LITER", price: 12000, minOrder: 5, capacity: [100, 400], lead: 2, description: "Sabun cuci pakaian cair wangi lavender, tersedia kemasan 1 liter dan jeriken 5 liter." },
      { name: "Sabun Cuci Piring", category: "sabun-kebersihan", unit: "LITER", price: 10000, minOrder: 5, capacity: [100, 400], lead: 2, description: "Sabun cuci piring aroma jeruk nipis, ampuh mengangkat lemak." },
      { name: "Pewangi Pakaian", category: "sabun-kebersihan", unit: "LITER", price: 15000, minOrder: 5, capacity: [80, 300], lead: 2, description: "Pewangi dan pelembut pakaian konsentrat untuk rumah tangga dan laundry." },
    ],
  },
};

// ─── Groups ─────────────────────────────────────────────────────────────────

interface GroupSpec {
  type: GroupType;
  /** name without the KPM/KUBE prefix and village suffix */
  base: string;
  kecamatan: string;
  village: string;
  business: string;
  active: boolean;
  status?: VerificationStatus;
  note?: string;
  story?: string;
}

// 25 KPM: Batu 10, Bumiaji 8, Junrejo 7; all active. The first one is the demo group.
const KPM: [string, string, string, string, VerificationStatus?][] = [
  ["Melati", "Batu", "Sisir", "kue-basah"],
  ["Mawar", "Batu", "Temas", "keripik-usus"],
  ["Anggrek", "Batu", "Oro-Oro Ombo", "kue-kering"],
  ["Kenanga", "Batu", "Sumberejo", "jamu"],
  ["Cempaka", "Batu", "Ngaglik", "catering"],
  ["Dahlia", "Batu", "Songgokerto", "kue-basah"],
  ["Teratai", "Batu", "Pesanggrahan", "telur-asin"],
  ["Kemuning", "Batu", "Sidomulyo", "keripik"],
  ["Seruni", "Batu", "Sisir", "kue-kering"],
  ["Flamboyan", "Batu", "Temas", "kue-basah"],
  ["Krisan", "Bumiaji", "Punten", "olahan-apel"],
  ["Edelweis", "Bumiaji", "Sumber Brantas", "kopi"],
  ["Kamboja", "Bumiaji", "Tulungrejo", "kue-basah"],
  ["Asoka", "Bumiaji", "Gunungsari", "jamu"],
  ["Tanjung", "Bumiaji", "Bulukerto", "kopi"],
  ["Bougenvil", "Bumiaji", "Pandanrejo", "keripik-usus"],
  ["Aster", "Bumiaji", "Giripurno", "kue-kering", "PENDING"],
  ["Wijaya Kusuma", "Bumiaji", "Bumiaji", "catering"],
  ["Sedap Malam", "Junrejo", "Dadaprejo", "kue-basah"],
  ["Gardenia", "Junrejo", "Junrejo", "telur-asin"],
  ["Lili", "Junrejo", "Tlekung", "keripik"],
  ["Kantil", "Junrejo", "Beji", "jamu"],
  ["Soka", "Junrejo", "Mojorejo", "kue-basah"],
  ["Lavender", "Junrejo", "Pendem", "kue-kering", "PENDING"],
  ["Matahari", "Junrejo", "Torongrejo", "telur-asin"],
];

// 53 KUBE: Batu 24, Bumiaji 13, Junrejo 16; 36 active (16 + 9 + 11), 17 inactive. The 36 running ones are
// verified and trade on the platform (seed/monitoring.ts, decision 086); two stopped KUBE that the facilitator
// is re-registering wait for verification, one was rejected.
const KUBE: [string, string, string, string, boolean, VerificationStatus?][] = [
  ["Sumber Rejeki", "Batu", "Sumberejo", "laundry", true],
  ["Makmur Jaya", "Batu", "Sisir", "ewarong", true],
  ["Maju Bersama", "Batu", "Temas", "snack", true],
  ["Mekar Sari", "Batu", "Oro-Oro Ombo", "sabun", true],
  ["Karya Mandiri", "Batu", "Ngaglik", "anyaman", true],
  ["Berkah Abadi", "Batu", "Songgokerto", "laundry", true],
  ["Tunas Harapan", "Batu", "Pesanggrahan", "keripik", true],
  ["Sido Makmur", "Batu", "Sidomulyo", "telur-asin", true],
  ["Rukun Santoso", "Batu", "Sumberejo", "ewarong", true],
  ["Barokah", "Batu", "Sisir", "snack", true],
  ["Mitra Usaha", "Batu", "Temas", "laundry", true],
  ["Sri Rejeki", "Batu", "Oro-Oro Ombo", "keripik", true],
  ["Gemah Ripah", "Batu", "Ngaglik", "sabun", true],
  ["Guyub Rukun", "Batu", "Songgokerto", "anyaman", true],
  ["Harapan Baru", "Batu", "Pesanggrahan", "ewarong", true],
  ["Sinar Mulya", "Batu", "Sidomulyo", "snack", true],
  ["Bina Usaha", "Batu", "Sumberejo", "sabun", false],
  ["Srikandi", "Batu", "Sisir", "keripik", false],
  ["Langgeng", "Batu", "Temas", "anyaman", false],
  ["Amanah", "Batu", "Oro-Oro Ombo", "laundry", false],
  ["Sumber Makmur", "Batu", "Ngaglik", "snack", false],
  ["Cahaya", "Batu", "Songgokerto", "telur-asin", false, "REJECTED"],
  ["Usaha Bersama", "Batu", "Pesanggrahan", "ewarong", false, "PENDING"],
  ["Putri Mandiri", "Batu", "Sidomulyo", "sabun", false],

  ["Makmur Jaya", "Bumiaji", "Punten", "keripik", true],
  ["Tani Makmur", "Bumiaji", "Sumber Brantas", "bawang-merah", true],
  ["Sido Rukun", "Bumiaji", "Bumiaji", "kopi", true],
  ["Lestari", "Bumiaji", "Bulukerto", "selep", true],
  ["Gunung Mas", "Bumiaji", "Gunungsari", "bawang-merah", true],
  ["Sumber Urip", "Bumiaji", "Tulungrejo", "kopi", true],
  ["Sekar Arum", "Bumiaji", "Sumbergondo", "anyaman", true],
  ["Mulyo Agung", "Bumiaji", "Pandanrejo", "selep", true],
  ["Tirta Kencana", "Bumiaji", "Giripurno", "telur-asin", true],
  ["Rejo Mulyo", "Bumiaji", "Punten", "bawang-merah", false],
  ["Kembang Arum", "Bumiaji", "Bulukerto", "keripik", false],
  ["Karya Tani", "Bumiaji", "Sumbergondo", "selep", false, "PENDING"],
  ["Manunggal", "Bumiaji", "Tulungrejo", "sabun", false],

  ["Sumber Berkah", "Junrejo", "Junrejo", "telur-asin", true],
  ["Dewi Sri", "Junrejo", "Tlekung", "selep", true],
  ["Maju Makmur", "Junrejo", "Beji", "telur-asin", true],
  ["Sejahtera", "Junrejo", "Mojorejo", "snack", true],
  ["Mekar Jaya", "Junrejo", "Pendem", "laundry", true],
  ["Karya Bakti", "Junrejo", "Torongrejo", "keripik", true],
  ["Sari Rasa", "Junrejo", "Dadaprejo", "snack", true],
  ["Mandiri Sejahtera", "Junrejo", "Junrejo", "ewarong", true],
  ["Teguh Rahayu", "Junrejo", "Tlekung", "selep", true],
  ["Sumber Agung", "Junrejo", "Beji", "sabun", true],
  ["Bina Karya", "Junrejo", "Mojorejo", "telur-asin", true],
  ["Wahyu Makmur", "Junrejo", "Pendem", "anyaman", false],
  ["Tri Manunggal", "Junrejo", "Torongrejo", "ewarong", false],
  ["Subur Makmur", "Junrejo", "Dadaprejo", "keripik", false],
  ["Rahayu", "Junrejo", "Junrejo", "laundry", false],
  ["Sari Bumi", "Junrejo", "Tlekung", "snack", false],
];

const REJECTION_NOTE =
  "Surat keputusan pembentukan kelompok belum dilampirkan dan tiga anggota juga tercatat di KUBE lain. Silakan lengkapi dokumen lalu ajukan kembali.";

const DEMO_STORY =
  "KPM Melati Sisir dibentuk pada 2015 oleh sepuluh ibu peserta PKH di Kelurahan Sisir dengan pendampingan Dinas Sosial Kota Batu. " +
  "Setiap subuh anggota memasak lemper, nagasari, dan kue lumpur bergiliran di dapur ketua, lalu mengantarnya ke hotel untuk sarapan tamu. " +
  "Pelatihan dari tim dapur hotel membantu kelompok menjaga rasa, ukuran, dan kebersihan kue.";

const RAT_FARM_STORY =
  "Pada 2016 kelompok sempat diminta sebuah mitra wisata membudidayakan cacing dan tikus putih, tetapi usaha itu berhenti karena pelatihan yang dijanjikan tidak pernah diberikan. " +
  "Kini anggota memproduksi keripik tempe dan keripik singkong yang dititipkan ke warung sekitar Tlekung.";

const GROUP_SPECS: GroupSpec[] = [
  ...KPM.map(([base, kecamatan, village, business, status], i): GroupSpec => ({
    type: "KPM",
    base,
    kecamatan,
    village,
    business,
    active: true,
    status: status ?? "VERIFIED",
    story: i === 0 ? DEMO_STORY : base === "Lili" ? RAT_FARM_STORY : undefined,
  })),
  ...KUBE.map(([base, kecamatan, village, business, active, status]): GroupSpec => ({
    type: "KUBE",
    base,
    kecamatan,
    village,
    business,
    active,
    status: status ?? "VERIFIED",
    note: status === "REJECTED" ? REJECTION_NOTE : undefined,
  })),
];

function groupName(spec: GroupSpec): string {
  return `${spec.type} ${spec.base} ${spec.village}`;
}

const NUMBER_WORDS = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas", "dua belas"];

const CLOSINGS = [
  "Anggota berkumpul sebulan sekali di rumah ketua untuk pertemuan kelompok dan menabung bersama.",
  "Kelompok ingin memperluas pemasaran ke hotel, restoran, dan toko oleh-oleh di Kota Batu.",
  "Kelompok berharap mendapat pendampingan soal kemasan, perizinan, dan pembukuan dari mitra.",
  "Keuntungan dibagi rata setiap bulan setelah disisihkan untuk kas dan modal bergulir.",
  "Pendamping membantu kelompok mencatat penjualan dan menyiapkan laporan bulanan.",
];

const INACTIVE_CLOSINGS = [
  "Sejak 2021 kegiatan usaha terhenti karena beberapa anggota pindah dan peralatan rusak; pendamping sedang mendata ulang kelompok.",
  "Usaha berhenti setelah modal habis untuk menutup kerugian; kelompok menunggu pendampingan untuk memulai lagi.",
  "Kelompok tidak lagi berproduksi sejak pandemi, tetapi anggota masih bertemu dalam pertemuan bulanan.",
];

function groupStory(random: RandomFn, spec: GroupSpec, year: number, memberCount: number, villageKind: VillageKind): string {
  if (spec.story) return spec.story;
  const place = `${villageKind === "KELURAHAN" ? "Kelurahan" : "Desa"} ${spec.village}`;
  const intro =
    spec.type === "KPM"
      ? `Kelompok ini dibentuk pada ${year} oleh ${NUMBER_WORDS[memberCount]} ibu peserta PKH di ${place} dengan pendampingan Dinas Sosial Kota Batu.`
      : `KUBE ini berdiri pada ${year} di ${place} dengan modal awal Rp 20 juta dari program Kelompok Usaha Bersama.`;
  const middle = pick(random, BUSINESSES[spec.business].story);
  const closing = spec.active ? pick(random, CLOSINGS) : pick(random, INACTIVE_CLOSINGS);
  return `${intro} ${middle} ${closing}`;
}

// ─── People ─────────────────────────────────────────────────────────────────

const WOMEN_FIRST = [
  "Siti", "Sri", "Endang", "Tri", "Dwi", "Lilik", "Nur", "Yuli", "Umi", "Anik", "Eni", "Puji",
  "Ninik", "Ratna", "Wiwik", "Tutik", "Yayuk", "Luluk", "Rini", "Titik", "Heni", "Erna", "Suci", "Lina",
];
const WOMEN_LAST = [
  "Aminah", "Wahyuni", "Lestari", "Rahayu", "Astuti", "Suryani", "Hayati", "Susanti", "Handayani", "Setyowati",
  "Sulistyowati", "Kurniawati", "Purwanti", "Wulandari", "Ningsih", "Rahmawati", "Maisaroh", "Khotimah", "Fatimah",
  "Masruroh", "Sundari", "Yuliati", "Mardiyah", "Sumarni", "Winarti", "Suprapti", "Nurjanah", "Mujiati", "Sholihah",
  "Romlah", "Pujiati", "Kasiyati", "Muntamah", "Zulaikha", "Safitri", "Kustini", "Marfuah", "Suwarni", "Anjarwati", "Mulyaningsih",
];
const WOMEN_SINGLE = [
  "Painem", "Tumini", "Sutini", "Paijah", "Sumiati", "Suparmi", "Sulastri", "Parmi", "Wagiyem", "Ngatini",
  "Poniyem", "Sukarti", "Juminah", "Tukiyem", "Musrifah", "Sumini", "Katmi", "Rukiyah",
];
const MEN_FIRST = ["Slamet", "Eko", "Sugeng", "Heru", "Wahyu", "Imam", "Ahmad", "Rudi", "Yusuf", "Supri", "Hadi", "Darmaji", "Sutrisno", "Mujib"];
const MEN_LAST = ["Riyadi", "Santoso", "Prasetyo", "Hariyanto", "Purnomo", "Wibowo", "Setiawan", "Hidayat", "Utomo", "Syaifudin", "Kurniawan", "Fauzi"];

/** Names reserved for the demo accounts; never given to a generated member. */
const RESERVED_NAMES = new Set([
  "Siti Aminah", "Rina Kusumawati", "Bambang Hartono", "Dewi Anggraini", "Hendra Wijaya", "Admin Bermitra",
]);

class NameBook {
  private used = new Set(RESERVED_NAMES);
  constructor(private random: RandomFn) {}

  person(allowMen: boolean): string {
    for (let attempt = 0; attempt < 500; attempt++) {
      let name: string;
      if (allowMen && chance(this.random, 0.3)) {
        name = `${pick(this.random, MEN_FIRST)} ${pick(this.random, MEN_LAST)}`;
      } else if (chance(this.random, 0.15)) {
        name = pick(this.random, WOMEN_SINGLE);
      } else {
        name = `${pick(this.random, WOMEN_FIRST)} ${pick(this.random, WOMEN_LAST)}`;
      }
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
    throw new Error("NameBook: ran out of names");
  }
}

class NikBook {
  private used = new Set<string>();
  constructor(private random: RandomFn) {}

  /** Fake 16-digit NIK: 35 (Jawa Timur) 79 (Kota Batu) + kecamatan + ddmmyy (day + 40 for women) + serial. */
  nik(kecamatanCode: string, woman: boolean): string {
    for (;;) {
      const day = intBetween(this.random, 1, 28) + (woman ? 40 : 0);
      const month = intBetween(this.random, 1, 12);
      const year = intBetween(this.random, 60, 99);
      const nik = `3579${kecamatanCode}${String(day).padStart(2, "0")}${String(month).padStart(2, "0")}${year}${String(intBetween(this.random, 1, 3999)).padStart(4, "0")}`;
      if (!this.used.has(nik)) {
        this.used.add(nik);
        return nik;
      }
    }
  }
}

const MEN_NAMES = new Set(MEN_FIRST);

// ─── Partners ───────────────────────────────────────────────────────────────

interface PartnerSpec {
  legalName: string;
  displayName: string;
  sector: PartnerSector;
  address: string;
  staffName: string;
  staffTitle: string;
  description: string;
  status?: VerificationStatus;
}

const PARTNERS: PartnerSpec[] = [
  {
    legalName: "PT Taman Sari Hotel & Kondominium",
    displayName: "Hotel Taman Sari Batu",
    sector: "HOTEL",
    address: "Jl. Raya Oro-Oro Ombo No. 12, Desa Oro-Oro Ombo, Kec. Batu, Kota Batu",
    staffName: "Melinda Hartanti",
    staffTitle: "Manajer Purchasing",
    description:
      "Hotel taman dan kondominium dengan 210 kamar di kaki Gunung Panderman. Sejak 2015 membeli kue basah dari kelompok perempuan PKH untuk sarapan tamu dan melatih mereka di dapur hotel.",
  },
  {
    legalName: "PT Graha Arjuno Asri",
    displayName: "Hotel Graha Arjuno",
    sector: "HOTEL",
    address: "Jl. Diponegoro No. 45, Kel. Sisir, Kec. Batu, Kota Batu",
    staffName: "Yohanes Setiadi",
    staffTitle: "Manajer Purchasing",
    description: "Hotel bisnis bintang tiga di pusat Kota Batu dengan ruang rapat dan restoran. Membutuhkan pasokan kue, kopi, dan jasa laundry linen.",
  },
  {
    legalName: "PT Bukit Flamboyan Indah",
    displayName: "Hotel Bukit Flamboyan",
    sector: "HOTEL",
    address: "Jl. Raya Selecta No. 8, Desa Tulungrejo, Kec. Bumiaji, Kota Batu",
    staffName: "Maria Kristiani",
    staffTitle: "Executive Chef",
    description: "Resor keluarga di kawasan Tulungrejo dengan pemandangan kebun apel. Tertarik pada produk olahan apel dan kerajinan anyaman untuk kamar.",
  },
  {
    legalName: "PT Panderman Rekreasi Nusantara",
    displayName: "Taman Rekreasi Gunung Panderman",
    sector: "TOURISM",
    address: "Jl. Raya Songgokerto No. 99, Kel. Songgokerto, Kec. Batu, Kota Batu",
    staffName: "Andreas Gunawan",
    staffTitle: "Manajer CSR",
    description: "Taman rekreasi keluarga dengan wahana dan kebun binatang mini. Menyediakan area gerai untuk produk UMKM lokal.",
  },
  {
    legalName: "PT Angkutan Nusantara Wisata",
    displayName: "Museum Angkutan Nusantara",
    sector: "MUSEUM",
    address: "Jl. Terusan Sultan Agung No. 2, Kel. Ngaglik, Kec. Batu, Kota Batu",
    staffName: "Lusiana Tanjung",
    staffTitle: "Manajer Operasional",
    description: "Museum transportasi dengan koleksi kendaraan dari berbagai zaman. Menyediakan pojok oleh-oleh untuk produk kelompok binaan.",
  },
  {
    legalName: "CV Sari Apel Boga",
    displayName: "Rumah Makan Sari Apel",
    sector: "RESTAURANT",
    address: "Jl. Raya Punten No. 27, Desa Punten, Kec. Bumiaji, Kota Batu",
    staffName: "Ferry Irawan",
    staffTitle: "Pemilik",
    description: "Rumah makan masakan Jawa untuk rombongan wisata, kapasitas 300 kursi. Membutuhkan telur asin, bawang merah, dan kerupuk setiap hari.",
  },
  {
    legalName: "CV Dapur Lereng Arjuno",
    displayName: "Resto Lereng Arjuno",
    sector: "RESTAURANT",
    address: "Jl. Raya Tlekung No. 15, Desa Tlekung, Kec. Junrejo, Kota Batu",
    staffName: "Novita Sari",
    staffTitle: "Manajer Dapur",
    description: "Restoran dan kafe dengan menu kopi lokal dan jajanan tradisional. Mencari pemasok kopi sangrai dan kue basah.",
  },
  {
    legalName: "CV Brantas Jaya Oleh-Oleh",
    displayName: "Toko Oleh-Oleh Brantas Jaya",
    sector: "RETAIL",
    address: "Jl. Brantas No. 64, Kel. Sisir, Kec. Batu, Kota Batu",
    staffName: "Rizky Pratama",
    staffTitle: "Kepala Toko",
    description: "Pusat oleh-oleh khas Batu: keripik buah, sari apel, kue kering, dan kerajinan. Menerima produk titipan dengan sistem konsinyasi.",
  },
  {
    legalName: "PT Arjuna Media Boga",
    displayName: "Arjuna TV & Boga Rasa",
    sector: "COMPANY_CSR",
    address: "Jl. Sultan Agung No. 30, Kel. Sisir, Kec. Batu, Kota Batu",
    staffName: "Citra Ayu Lestari",
    staffTitle: "Manajer CSR",
    description: "Stasiun televisi lokal bersama unit usaha makanan ringan. Program CSR-nya membina kelompok pembuat keripik usus dan mempromosikannya di siaran.",
  },
  {
    legalName: "PT Agro Lestari Bumiaji",
    displayName: "Agro Lestari Bumiaji",
    sector: "COMPANY_CSR",
    address: "Jl. Raya Bumiaji No. 88, Desa Bumiaji, Kec. Bumiaji, Kota Batu",
    staffName: "Dimas Arya Putra",
    staffTitle: "Manajer CSR",
    description: "Perusahaan agrobisnis sayur dan apel. Program CSR-nya membina petani bawang merah dan pengolah kopi di Bumiaji.",
  },
  {
    legalName: "PT Kebun Apel Sejahtera",
    displayName: "Kebun Apel Sejahtera",
    sector: "COMPANY_CSR",
    address: "Jl. Raya Giripurno No. 5, Desa Giripurno, Kec. Bumiaji, Kota Batu",
    staffName: "Fransiska Wulan",
    staffTitle: "Kepala Bagian Umum",
    description: "Perusahaan kebun dan wisata petik apel. Membeli olahan apel dan telur asin untuk paket wisata.",
  },
  {
    legalName: "CV Sinar Batu Mandiri",
    displayName: "Sinar Batu Mandiri",
    sector: "COMPANY_CSR",
    address: "Jl. Raya Beji No. 21, Desa Beji, Kec. Junrejo, Kota Batu",
    staffName: "Teguh Santoso",
    staffTitle: "Direktur",
    description: "Perusahaan lokal distribusi bahan bangunan dan kebutuhan rumah tangga. Menyalurkan sabun dan sembako hasil KUBE ke jaringan tokonya.",
  },
  {
    legalName: "UPT Pelatihan Kerja Dinas Ketenagakerjaan Kota Batu",
    displayName: "UPT Pelatihan Kerja Disnaker Kota Batu",
    sector: "GOVERNMENT",
    address: "Jl. Raya Junrejo No. 10, Desa Junrejo, Kec. Junrejo, Kota Batu",
    staffName: "Bayu Nugroho",
    staffTitle: "Kepala UPT",
    description: "Unit pelatihan kerja milik Pemerintah Kota Batu. Memberi pelatihan tata boga, menjahit, dan pengemasan untuk kelompok binaan Dinas Sosial.",
  },
  {
    legalName: "CV Kopi Alun Sejahtera",
    displayName: "Kafe Alun-Alun Batu",
    sector: "RESTAURANT",
    address: "Jl. Kartini No. 3, Kel. Sisir, Kec. Batu, Kota Batu",
    staffName: "Anita Rahmawati",
    staffTitle: "Pemilik",
    description: "Kafe kecil dekat alun-alun yang menyajikan kopi lokal dan jajanan pasar. Baru mendaftar sebagai mitra.",
    status: "PENDING",
  },
  {
    legalName: "PT Segar Swalayan Batu",
    displayName: "Swalayan Segar Batu",
    sector: "RETAIL",
    address: "Jl. Dewi Sartika No. 18, Kel. Temas, Kec. Batu, Kota Batu",
    staffName: "Yoga Pradipta",
    staffTitle: "Manajer Pembelian",
    description: "Swalayan keluarga dengan rak khusus produk UMKM Kota Batu. Baru mendaftar sebagai mitra.",
    status: "PENDING",
  },
];

const DEMO_PARTNER_USER = { email: "mitra@bermitra.id", name: "Hendra Wijaya", title: "General Manager" };

// ─── The seed ───────────────────────────────────────────────────────────────

interface PlannedProduct {
  slug: string;
  groupSlug: string;
  template: ProductTemplate;
  priceRupiah: number;
  minOrderQty: number;
  weeklyCapacity: number;
  leadTimeDays: number;
  status: ProductStatus;
  kecamatans: string[];
  certs: { kind: CertificationKind; number: string; expiresAt: Date | null }[];
}

export async function seedFoundation(db: PrismaClient, ctx: SeedContext): Promise<void> {
  const random = ctx.random;
  const names = new NameBook(random);
  const niks = new NikBook(random);

  // Office and places
  const office = await db.dinasOffice.create({ data: OFFICE });
  ctx.officeId = office.id;
  const villageKinds: Record<string, VillageKind> = {};
  const kecamatanCodes: Record<string, string> = {};
  for (const kec of KECAMATAN) {
    const row = await db.kecamatan.create({
      data: {
        name: kec.name,
        dinasOfficeId: office.id,
        villages: { create: kec.villages.map(([name, kind]) => ({ name, kind })) },
      },
      include: { villages: true },
    });
    ctx.kecamatanIds[kec.name] = row.id;
    kecamatanCodes[kec.name] = kec.code;
    for (const v of row.villages) {
      ctx.villageIds[`${kec.name}/${v.name}`] = v.id;
      villageKinds[`${kec.name}/${v.name}`] = v.kind;
    }
  }

  // Taxonomy
  const categories = await db.productCategory.createManyAndReturn({
    data: CATEGORIES.map((c, i) => ({
      slug: c.slug,
      nameId: c.nameId,
      nameEn: c.nameEn,
      keywords: c.keywords.join(", "),
      sortOrder: (i + 1) * 10,
    })),
  });
  for (const c of categories) ctx.categoryIds[c.slug] = c.id;

  // Staff users
  const hash = ctx.passwordHash;
  const staff = await db.user.createManyAndReturn({
    data: [
      { email: "admin@bermitra.id", name: "Admin Bermitra", role: "ADMIN", passwordHash: hash, title: "Administrator Sistem" },
      { email: "dinas@bermitra.id", name: "Rina Kusumawati", role: "DINAS", passwordHash: hash, title: "Kepala Bidang Pemberdayaan Sosial", dinasOfficeId: office.id, phone: userPhone("0341-591234") },
      { email: "kadinas@bermitra.id", name: "Bambang Hartono", role: "DINAS", passwordHash: hash, title: "Kepala Dinas Sosial Kota Batu", dinasOfficeId: office.id, phone: userPhone("0341-591235") },
      { email: "pendamping@bermitra.id", name: "Dewi Anggraini", role: "FACILITATOR", passwordHash: hash, title: "Pendamping PKH", dinasOfficeId: office.id, phone: userPhone("0812-3345-7781") },
      { email: "pendamping2@bermitra.id", name: "Agus Prasetyo", role: "FACILITATOR", passwordHash: hash, title: "Pendamping KUBE", dinasOfficeId: office.id, phone: userPhone("0813-3010-4452") },
      { email: "pendamping3@bermitra.id", name: "Yuliana Safitri", role: "FACILITATOR", passwordHash: hash, title: "Pendamping PKH", dinasOfficeId: office.id, phone: userPhone("0852-3122-8090") },
      { email: "pendamping4@bermitra.id", name: "Fitri Handayani", role: "FACILITATOR", passwordHash: hash, title: "Pendamping PKH", dinasOfficeId: office.id, phone: userPhone("0857-4561-2037") },
      { email: "pendamping5@bermitra.id", name: "Mochamad Rizal", role: "FACILITATOR", passwordHash: hash, title: "Pendamping KUBE", dinasOfficeId: office.id, phone: userPhone("0821-4320-6618") },
    ],
  });
  const byEmail = (email: string): SeededUser => {
    const u = staff.find((s) => s.email === email);
    if (!u) throw new Error(`seed: user ${email} missing`);
    return { id: u.id, email: u.email!, name: u.name, title: u.title };
  };
  ctx.users.admin = byEmail("admin@bermitra.id");
  ctx.users.dinas = byEmail("dinas@bermitra.id");
  ctx.users.kadinas = byEmail("kadinas@bermitra.id");
  ctx.users.facilitators = [1, 2, 3, 4, 5].map((n) => byEmail(n === 1 ? "pendamping@bermitra.id" : `pendamping${n}@bermitra.id`));
  ctx.users.facilitator = ctx.users.facilitators[0];
  const dinasUserId = ctx.users.dinas.id;

  // Partners
  const partnerRows = await db.partner.createManyAndReturn({
    data: PARTNERS.map((p) => {
      const slug = kebab(p.displayName);
      const status = p.status ?? "VERIFIED";
      const contactName = slug === DEMO_PARTNER_SLUG ? DEMO_PARTNER_USER.name : p.staffName;
      const local = kebab(contactName).split("-")[0];
      return {
        slug,
        legalName: p.legalName,
        displayName: p.displayName,
        sector: p.sector,
        nib: `91${digits(random, 11)}`,
        address: p.address,
        city: "Batu",
        contactName,
        contactPhone: phoneNumber(random),
        contactEmail: p.sector === "GOVERNMENT" ? `${local}@uptpk-batu.go.id` : `${local}@${slug.replace(/-/g, "")}.co.id`,
        description: p.description,
        dinasOfficeId: office.id,
        verificationStatus: status,
        verifiedAt: status === "VERIFIED" ? dateBetween(random, utc(2026, 1, 10), utc(2026, 9, 30)) : null,
        verifiedById: status === "VERIFIED" ? dinasUserId : null,
      };
    }),
  });
  const partnerUsers = await db.user.createManyAndReturn({
    data: [
      {
        email: DEMO_PARTNER_USER.email,
        name: DEMO_PARTNER_USER.name,
        title: DEMO_PARTNER_USER.title,
        role: "PARTNER" as const,
        passwordHash: hash,
        partnerId: partnerRows.find((p) => p.slug === DEMO_PARTNER_SLUG)!.id,
        phone: userPhone("0811-3620-5577"),
      },
      ...PARTNERS.map((p) => {
        const slug = kebab(p.displayName);
        return {
          email: `staf.${slug}@bermitra.id`,
          name: p.staffName,
          title: p.staffTitle,
          role: "PARTNER" as const,
          passwordHash: hash,
          partnerId: partnerRows.find((r) => r.slug === slug)!.id,
          phone: userPhone(phoneNumber(random)),
        };
      }),
    ],
  });
  for (const spec of PARTNERS) {
    const slug = kebab(spec.displayName);
    const row = partnerRows.find((r) => r.slug === slug)!;
    const staffUser = partnerUsers.find((u) => u.email === `staf.${slug}@bermitra.id`)!;
    const users = partnerUsers.filter((u) => u.partnerId === row.id);
    users.sort((a, b) => (a.email === DEMO_PARTNER_USER.email ? -1 : b.email === DEMO_PARTNER_USER.email ? 1 : 0));
    ctx.partners[slug] = {
      id: row.id,
      slug,
      legalName: row.legalName,
      displayName: row.displayName,
      sector: row.sector,
      verificationStatus: row.verificationStatus,
      address: row.address,
      contactName: row.contactName,
      staffUserId: staffUser.id,
      staffName: staffUser.name,
      staffTitle: staffUser.title ?? "",
      userIds: users.map((u) => u.id),
    };
  }
  const demoPartnerUser = partnerUsers.find((u) => u.email === DEMO_PARTNER_USER.email)!;
  ctx.users.partner = { id: demoPartnerUser.id, email: demoPartnerUser.email!, name: demoPartnerUser.name, title: demoPartnerUser.title };

  // Groups: plan everything in memory first
  const facilitatorFor = (spec: GroupSpec, kubeIndexInKec: number): string => {
    const [dewi, agus, yuliana, fitri, rizal] = ctx.users.facilitators.map((f) => f.id);
    if (spec.kecamatan === "Batu") return spec.type === "KPM" || kubeIndexInKec < 5 ? dewi : agus;
    if (spec.kecamatan === "Bumiaji") return spec.type === "KPM" || kubeIndexInKec < 6 ? yuliana : fitri;
    return spec.type === "KPM" ? fitri : rizal;
  };
  const kubeCounter: Record<string, number> = {};

  interface PlannedMember {
    name: string;
    role: GroupMemberRole;
    phone: string;
    nikHash: string;
    nikLast4: string;
    pkhStatus: PkhStatus;
    joinedAt: Date;
  }
  interface PlannedGroup {
    spec: GroupSpec;
    slug: string;
    name: string;
    villageKind: VillageKind;
    address: string;
    foundedAt: Date;
    members: PlannedMember[];
    facilitatorId: string;
    description: string;
    story: string;
  }

  const planned: PlannedGroup[] = GROUP_SPECS.map((spec, index) => {
    const isDemo = index === 0;
    const name = groupName(spec);
    const slug = kebab(name);
    const key = `${spec.kecamatan}/${spec.village}`;
    const villageKind = villageKinds[key];
    if (!villageKind) throw new Error(`seed: unknown village ${key}`);
    let kubeIndex = 0;
    if (spec.type === "KUBE") {
      kubeIndex = kubeCounter[spec.kecamatan] ?? 0;
      kubeCounter[spec.kecamatan] = kubeIndex + 1;
    }
    const foundedAt = isDemo
      ? utc(2015, 7, 20)
      : spec.type === "KPM"
        ? dateBetween(random, utc(2015, 3, 1), utc(2016, 12, 15))
        : dateBetween(random, utc(2016, 2, 1), utc(2019, 11, 30));
    const memberCount = isDemo ? 10 : spec.type === "KPM" ? intBetween(random, 8, 12) : intBetween(random, 5, 10);
    const members: PlannedMember[] = [];
    for (let m = 0; m < memberCount; m++) {
      const memberName = isDemo && m === 0 ? "Siti Aminah" : names.person(spec.type === "KUBE");
      const woman = !MEN_NAMES.has(memberName.split(" ")[0]);
      const nik = niks.nik(kecamatanCodes[spec.kecamatan], woman);
      const roll = random();
      const pkhStatus: PkhStatus =
        spec.type === "KPM" ? (roll < 0.85 ? "ACTIVE" : "GRADUATED") : roll < 0.75 ? "ACTIVE" : roll < 0.9 ? "GRADUATED" : "NOT_PKH";
      members.push({
        name: memberName,
        role: m === 0 ? "CHAIR" : m === 1 ? "SECRETARY" : m === 2 ? "TREASURER" : "MEMBER",
        phone: isDemo && m === 0 ? "0812-3456-7801" : ((n) => (m === 0 && slug === PHONE_ONLY_GROUP_SLUG ? "0812-7000-1001" : n))(phoneNumber(random)),
        nikHash: hashNik(nik),
        nikLast4: nikLast4(nik),
        pkhStatus: m < 3 && pkhStatus === "NOT_PKH" ? "ACTIVE" : pkhStatus,
        joinedAt: m >= 3 && chance(random, 0.2) ? addDays(foundedAt, intBetween(random, 60, 900)) : foundedAt,
      });
    }
    const business = BUSINESSES[spec.business];
    return {
      spec,
      slug,
      name,
      villageKind,
      address: groupAddress(random, spec.kecamatan, spec.village, villageKind),
      foundedAt,
      members,
      facilitatorId: facilitatorFor(spec, kubeIndex),
      description: isDemo ? business.descriptions[0] : pick(random, business.descriptions),
      story: groupStory(random, spec, foundedAt.getUTCFullYear(), memberCount, villageKind),
    };
  });
  const slugs = new Set(planned.map((g) => g.slug));
  if (slugs.size !== planned.length) throw new Error("seed: duplicate group slugs");

  const groupRows = await db.group.createManyAndReturn({
    data: planned.map((g) => {
      const status = g.spec.status ?? "VERIFIED";
      return {
        slug: g.slug,
        type: g.spec.type,
        name: g.name,
        dinasOfficeId: office.id,
        kecamatanId: ctx.kecamatanIds[g.spec.kecamatan],
        villageId: ctx.villageIds[`${g.spec.kecamatan}/${g.spec.village}`],
        address: g.address,
        phone: g.members[0].phone,
        businessKind: BUSINESSES[g.spec.business].kind,
        businessDescription: g.description,
        story: g.story,
        foundedAt: g.foundedAt,
        startupCapital: g.spec.type === "KUBE" ? 20_000_000 : null,
        facilitatorId: g.facilitatorId,
        verificationStatus: status,
        verificationNote: g.spec.note ?? null,
        verifiedAt: status === "PENDING" ? null : dateBetween(random, utc(2026, 1, 15), utc(2026, 10, 15)),
        verifiedById: status === "PENDING" ? null : dinasUserId,
        active: g.spec.active,
      };
    }),
  });
  const groupIdBySlug = new Map(groupRows.map((r) => [r.slug, r.id]));

  // Members
  const memberRows = await db.groupMember.createManyAndReturn({
    data: planned.flatMap((g) => g.members.map((m) => ({ ...m, groupId: groupIdBySlug.get(g.slug)! }))),
  });
  const membersByGroup = new Map<string, typeof memberRows>();
  for (const m of memberRows) {
    const list = membersByGroup.get(m.groupId) ?? [];
    list.push(m);
    membersByGroup.set(m.groupId, list);
  }
  const roleOrder: Record<GroupMemberRole, number> = { CHAIR: 0, SECRETARY: 1, TREASURER: 2, MEMBER: 3 };

  // Group users: kelompok@ for the demo group, chair.<slug>@ for every other group
  const groupUsers = await db.user.createManyAndReturn({
    data: planned.map((g, i) => ({
      // the chair of PHONE_ONLY_GROUP_SLUG has no email: she logs in with her mobile number (decision 109)
      email: g.slug === PHONE_ONLY_GROUP_SLUG ? null : i === 0 ? "kelompok@bermitra.id" : `chair.${g.slug}@bermitra.id`,
      name: g.members[0].name,
      phone: g.slug === PHONE_ONLY_GROUP_SLUG ? PHONE_ONLY_CHAIR_PHONE : userPhone(g.members[0].phone),
      title: `Ketua ${g.name}`,
      role: "GROUP" as const,
      passwordHash: hash,
      groupId: groupIdBySlug.get(g.slug)!,
    })),
  });
  const groupUserByGroupId = new Map(groupUsers.map((u) => [u.groupId!, u]));

  for (const g of planned) {
    const id = groupIdBySlug.get(g.slug)!;
    const members = [...(membersByGroup.get(id) ?? [])].sort(
      (a, b) => roleOrder[a.role] - roleOrder[b.role] || g.members.findIndex((m) => m.name === a.name) - g.members.findIndex((m) => m.name === b.name),
    );
    const user = groupUserByGroupId.get(id)!;
    ctx.groups[g.slug] = {
      id,
      slug: g.slug,
      name: g.name,
      type: g.spec.type,
      kecamatan: g.spec.kecamatan,
      kecamatanId: ctx.kecamatanIds[g.spec.kecamatan],
      village: g.spec.village,
      villageId: ctx.villageIds[`${g.spec.kecamatan}/${g.spec.village}`],
      business: g.spec.business,
      businessKind: BUSINESSES[g.spec.business].kind,
      active: g.spec.active,
      verificationStatus: g.spec.status ?? "VERIFIED",
      facilitatorId: g.facilitatorId,
      address: g.address,
      chairMemberId: members[0].id,
      chairName: members[0].name,
      chairPhone: members[0].phone ?? "",
      memberIds: members.map((m) => m.id),
      userId: user.id,
      userEmail: user.email,
      productSlugs: [],
    };
  }
  const demoUser = groupUserByGroupId.get(groupIdBySlug.get(DEMO_GROUP_SLUG)!)!;
  ctx.users.group = { id: demoUser.id, email: demoUser.email!, name: demoUser.name, title: demoUser.title };

  // Products, for verified active groups
  const plannedProducts: PlannedProduct[] = [];
  const productSlugs = new Set<string>();
  const kecNames = KECAMATAN.map((k) => k.name);
  planned.forEach((g, index) => {
    if (!g.spec.active || (g.spec.status ?? "VERIFIED") !== "VERIFIED") return;
    const isDemo = index === 0;
    const business = BUSINESSES[g.spec.business];
    const count = isDemo ? 4 : intBetween(random, 1, Math.min(4, business.products.length));
    const templates = isDemo ? business.products.slice(0, 4) : shuffle(random, business.products).slice(0, count);
    for (const t of templates) {
      let slug = `${kebab(t.name)}-${g.slug}`;
      for (let n = 2; productSlugs.has(slug); n++) slug = `${kebab(t.name)}-${g.slug}-${n}`;
      productSlugs.add(slug);
      const factor = isDemo ? 1 : 0.9 + random() * 0.2;
      const step = t.price < 20_000 ? 500 : 1000;
      const price = Math.max(step, Math.round((t.price * factor) / step) * step);
      const capStep = t.capacity[1] >= 500 ? 50 : 10;
      const kecamatans = [g.spec.kecamatan];
      if (isDemo) kecamatans.push(...kecNames.filter((k) => k !== g.spec.kecamatan));
      else if (!business.localOnly) for (const k of kecNames) if (k !== g.spec.kecamatan && chance(random, 0.35)) kecamatans.push(k);
      const certs: PlannedProduct["certs"] = [];
      if (t.food && (isDemo || chance(random, 0.75))) {
        const expiresAt = dateBetween(random, utc(2027, 2, 1), utc(2029, 12, 31));
        certs.push({ kind: "PIRT", number: pirtNumber(random, expiresAt), expiresAt });
      }
      if (t.food && (isDemo || chance(random, 0.45))) {
        certs.push({ kind: "HALAL", number: `ID3511${digits(random, 9)}${String(intBetween(random, 1, 12)).padStart(2, "0")}${intBetween(random, 21, 26)}`, expiresAt: null });
      }
      plannedProducts.push({
        slug,
        groupSlug: g.slug,
        template: t,
        priceRupiah: price,
        minOrderQty: t.minOrder,
        weeklyCapacity: isDemo ? t.capacity[1] : roundedBetween(random, t.capacity[0], t.capacity[1], capStep),
        leadTimeDays: t.lead,
        status: "ACTIVE",
        kecamatans,
        certs,
      });
    }
  });

  // Reminder demo: two P-IRT certificates expire within 30 days of "today", one has already expired.
  const setExpiry = (p: PlannedProduct | undefined, expiresAt: Date) => {
    const cert = p?.certs.find((c) => c.kind === "PIRT");
    if (!cert) throw new Error("seed: no P-IRT certificate to adjust");
    cert.expiresAt = expiresAt;
    cert.number = pirtNumber(random, expiresAt);
  };
  const withPirt = (p: PlannedProduct) => p.certs.some((c) => c.kind === "PIRT");
  setExpiry(plannedProducts.find((p) => p.groupSlug === DEMO_GROUP_SLUG && withPirt(p)), addDays(ctx.today, 16));
  const others = plannedProducts.filter((p) => p.groupSlug !== DEMO_GROUP_SLUG);
  setExpiry(others.find((p) => ctx.groups[p.groupSlug].type === "KPM" && withPirt(p)), addDays(ctx.today, 24));
  setExpiry(others.find((p) => ctx.groups[p.groupSlug].type === "KUBE" && withPirt(p)), addDays(ctx.today, -35));
  // Two products paused by their groups.
  others[7].status = "PAUSED";
  others[40].status = "PAUSED";

  const productRows = await db.product.createManyAndReturn({
    data: plannedProducts.map((p) => ({
      slug: p.slug,
      groupId: ctx.groups[p.groupSlug].id,
      categoryId: ctx.categoryIds[p.template.category],
      name: p.template.name,
      description: p.template.description,
      unit: p.template.unit,
      priceRupiah: p.priceRupiah,
      minOrderQty: p.minOrderQty,
      weeklyCapacity: p.weeklyCapacity,
      leadTimeDays: p.leadTimeDays,
      status: p.status,
    })),
  });
  const productIdBySlug = new Map(productRows.map((r) => [r.slug, r.id]));
  await db.productDeliveryArea.createMany({
    data: plannedProducts.flatMap((p) =>
      p.kecamatans.map((k) => ({ productId: productIdBySlug.get(p.slug)!, kecamatanId: ctx.kecamatanIds[k] })),
    ),
  });
  await db.productCertification.createMany({
    data: plannedProducts.flatMap((p) =>
      p.certs.map((c) => ({ productId: productIdBySlug.get(p.slug)!, kind: c.kind, number: c.number, expiresAt: c.expiresAt })),
    ),
  });
  for (const p of plannedProducts) {
    ctx.products[p.slug] = {
      id: productIdBySlug.get(p.slug)!,
      slug: p.slug,
      name: p.template.name,
      groupSlug: p.groupSlug,
      categorySlug: p.template.category,
      unit: p.template.unit,
      priceRupiah: p.priceRupiah,
      minOrderQty: p.minOrderQty,
      weeklyCapacity: p.weeklyCapacity,
      status: p.status,
    };
    ctx.groups[p.groupSlug].productSlugs.push(p.slug);
  }
}

/** SPP-IRT style number: P-IRT + 13 digits (…3579 = Kota Batu) + "-" + the two-digit expiry year. */
function pirtNumber(random: RandomFn, expiresAt: Date): string {
  const yy = String(expiresAt.getUTCFullYear()).slice(-2);
  return `P-IRT ${intBetween(random, 1, 5)}${String(intBetween(random, 1, 15)).padStart(2, "0")}3579${String(intBetween(random, 1, 9)).padStart(2, "0")}${digits(random, 4)}-${yy}`;
}
