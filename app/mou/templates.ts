import { addDays, addYears } from "~/time/calendar";
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

/** Calendar-date arithmetic on "yyyy-mm-dd" days (MoU periods, coaching due dates): see app/time/calendar.ts. */
export { addDays, addYears };
