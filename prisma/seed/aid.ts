/**
 * Demo seed: Kota Batu's KUBE programme aid as the studies report it (decision 085): every one of the 53
 * KUBE received Rp 20 juta start-up capital (Kementerian Sosial's KUBE programme, APBN) when it was formed,
 * and 18 KUBE received equipment worth Rp 94,8 juta in total in 2019 (APBD Kota Batu): twelve packages of
 * Rp 5.000.000 and six of Rp 5.800.000, each itemised for the group's business. Deterministic, no PRNG.
 */
import type { PrismaClient } from "../../app/generated/prisma/client";
import type { SeedContext } from "./foundation";

export const KUBE_CAPITAL = 20_000_000;
export const EQUIPMENT_2019_TOTAL = 94_800_000;
export const EQUIPMENT_2019_GROUPS = 18;

// item, quantity, share of the package's value
const ITEMS: Record<string, [string, number, number][]> = {
  laundry: [["Mesin cuci 2 tabung", 2, 0.6], ["Setrika uap", 2, 0.2], ["Timbangan digital", 1, 0.2]],
  ewarong: [["Rak besi toko", 4, 0.4], ["Lemari pendingin", 1, 0.45], ["Timbangan digital", 1, 0.15]],
  snack: [["Mesin peniris minyak (spinner)", 1, 0.5], ["Kompor gas 2 tungku", 2, 0.2], ["Sealer kemasan", 2, 0.3]],
  keripik: [["Mesin perajang", 1, 0.5], ["Mesin peniris minyak (spinner)", 1, 0.3], ["Sealer kemasan", 2, 0.2]],
  sabun: [["Mesin pengaduk", 1, 0.6], ["Cetakan sabun", 20, 0.2], ["Sealer kemasan", 1, 0.2]],
  anyaman: [["Mesin jahit", 2, 0.7], ["Alat pres", 1, 0.3]],
  "telur-asin": [["Oven telur asin", 1, 0.6], ["Rak penyimpanan", 3, 0.2], ["Panci pengukus besar", 2, 0.2]],
  "bawang-merah": [["Para-para penjemur", 4, 0.4], ["Timbangan duduk", 1, 0.3], ["Terpal", 6, 0.3]],
  kopi: [["Mesin sangrai kopi", 1, 0.7], ["Mesin giling kopi", 1, 0.3]],
  selep: [["Mesin selep gilingan", 1, 0.8], ["Dinamo penggerak", 1, 0.2]],
};

function itemsFor(business: string, total: number) {
  const template = ITEMS[business] ?? [["Peralatan usaha", 1, 1] as [string, number, number]];
  const items = template.map(([name, quantity, share]) => ({ name, quantity, valueRupiah: Math.round((total * share) / 50_000) * 50_000 }));
  // the last line takes the rounding, so the package adds up exactly
  items[items.length - 1]!.valueRupiah = total - items.slice(0, -1).reduce((s, i) => s + i.valueRupiah, 0);
  return items;
}

export async function seedAid(db: PrismaClient, ctx: SeedContext): Promise<void> {
  const kube = Object.values(ctx.groups).filter((g) => g.type === "KUBE");
  const founded = new Map((await db.group.findMany({ where: { id: { in: kube.map((g) => g.id) } }, select: { id: true, foundedAt: true } })).map((g) => [g.id, g.foundedAt]));
  const recordedById = ctx.users.dinas.id;
  await db.groupAid.createMany({
    data: kube.map((g) => ({
      groupId: g.id,
      dinasOfficeId: ctx.officeId,
      kind: "CAPITAL" as const,
      source: "APBN" as const,
      receivedOn: founded.get(g.id) ?? new Date(Date.UTC(2019, 0, 15)),
      valueRupiah: KUBE_CAPITAL,
      description: "Bantuan modal usaha KUBE (Kementerian Sosial)",
      recordedById,
    })),
  });
  // equipment in 2019: running KUBE formed before the delivery, in the seed's order
  const receivedOn = (i: number) => new Date(Date.UTC(2019, 7, 5 + i, 2, 0, 0)); // 05/08/2019 onwards, 09:00 WIB
  const chosen = kube.filter((g) => g.active && (founded.get(g.id)?.getTime() ?? Infinity) < receivedOn(0).getTime()).slice(0, EQUIPMENT_2019_GROUPS);
  if (chosen.length < EQUIPMENT_2019_GROUPS) throw new Error(`seed: aid — only ${chosen.length} KUBE formed before August 2019`);
  let total = 0;
  for (const [i, g] of chosen.entries()) {
    const value = i < 12 ? 5_000_000 : 5_800_000;
    total += value;
    await db.groupAid.create({
      data: {
        groupId: g.id,
        dinasOfficeId: ctx.officeId,
        kind: "EQUIPMENT",
        source: "APBD",
        receivedOn: receivedOn(i),
        valueRupiah: value,
        description: "Bantuan peralatan usaha KUBE 2019 (APBD Kota Batu)",
        recordedById,
        items: { create: itemsFor(g.business, value) },
      },
    });
  }
  if (total !== EQUIPMENT_2019_TOTAL) throw new Error(`seed: aid — equipment adds up to ${total}`);
  console.log(`seed: aid — capital for ${kube.length} KUBE, equipment for ${chosen.length} KUBE (Rp ${total})`);
}
