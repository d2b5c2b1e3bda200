import type { MouCoachingCommitment, MouContent } from "./content";

/**
 * Default wording of the MoU template. The content of an MoU is in Bahasa Indonesia (the legal text);
 * headings and fixed template sentences have an English rendering in app/locales/en/mou.json.
 */
export const DEFAULT_OBLIGATIONS: MouContent["obligations"] = {
  partner: [
    "Memberikan pembinaan dan pendampingan kepada kelompok sesuai komitmen pembinaan dalam nota kesepahaman ini.",
    "Membantu Pemerintah Daerah dalam mempercepat penanggulangan kemiskinan.",
    "Memfasilitasi pengembangan usaha kelompok, termasuk pembelian produk sesuai ruang lingkup.",
    "Membayar produk yang diterima sesuai ketentuan pembayaran.",
  ],
  group: [
    "Mendukung pelaksanaan program kemitraan.",
    "Berkomitmen mengembangkan usaha kelompok dan menjaga mutu produk.",
    "Mengikuti pembinaan dan pelatihan yang diberikan mitra dan pendamping.",
    "Mengirim produk sesuai jumlah, jadwal dan standar mutu yang disepakati.",
  ],
};

export const DEFAULT_TERMINATION =
  "Nota kesepahaman ini berakhir pada tanggal akhir jangka waktu, atau lebih awal atas kesepakatan para pihak, atau apabila salah satu pihak tidak melaksanakan kewajibannya setelah diberi teguran tertulis oleh Dinas Sosial. Pengakhiran diberitahukan secara tertulis paling lambat 30 (tiga puluh) hari sebelumnya.";

export const DEFAULT_DISPUTE =
  "Perselisihan yang timbul dari pelaksanaan nota kesepahaman ini diselesaikan terlebih dahulu secara musyawarah untuk mufakat dengan difasilitasi Dinas Sosial. Apabila musyawarah tidak mencapai mufakat, para pihak sepakat menempuh penyelesaian sesuai ketentuan peraturan perundang-undangan yang berlaku.";

export const DEFAULT_QUALITY = "Produk segar, higienis, dikemas rapi dan sesuai contoh yang disetujui mitra.";

/** "Kota Batu", "Kabupaten Pasuruan". */
export function regionName(office: { city: string; regionKind?: string | null }): string {
  if (office.regionKind === "KOTA") return `Kota ${office.city}`;
  if (office.regionKind === "KABUPATEN") return `Kabupaten ${office.city}`;
  return office.city;
}

export function defaultBackground(regulation: string | null | undefined, city: string): string {
  const reg = regulation?.trim() || `peraturan daerah ${city} tentang kemitraan penanggulangan kemiskinan`;
  return `Berdasarkan ${reg}, Pemerintah ${city} melalui Dinas Sosial mendorong dunia usaha untuk bermitra dengan kelompok perempuan mandiri dan kelompok usaha bersama penerima PKH. Para pihak sepakat menjalin kemitraan untuk mengembangkan usaha kelompok melalui pembelian produk serta pembinaan dan pendampingan.`;
}

/** Default coaching: one mentoring meeting a month (as the studies recommend), plus quarterly business management. */
export function defaultCoaching(startDate: string): MouCoachingCommitment[] {
  return [
    { topic: "Standar mutu, kebersihan dan keamanan pangan produk", sessionsCount: 6, frequency: "MONTHLY", firstDueDate: addDays(startDate, 30), hoursPerSession: 2 },
    { topic: "Pembukuan sederhana dan pengelolaan usaha", sessionsCount: 2, frequency: "QUARTERLY", firstDueDate: addDays(startDate, 60), hoursPerSession: 3 },
  ];
}

/** "yyyy-mm-dd" of a moment, in WIB (UTC+7). */
export function wibDate(date: Date): string {
  return new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** The Date at 00:00 WIB of a "yyyy-mm-dd" day. */
export function fromWibDate(day: string): Date {
  return new Date(`${day}T00:00:00+07:00`);
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addYears(day: string, years: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}
