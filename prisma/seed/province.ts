import type { PrismaClient } from "../../app/generated/prisma/client";
import type { SeedContext } from "./foundation";

/**
 * The provincial Dinas Sosial (issue 12): Dinas Sosial Provinsi Jawa Timur, to which Kota Batu and
 * Kota Malang report. Its one account (provinsi@bermitra.id) reads the cities' overview and partner
 * ranking and writes nothing (role PROVINCE, decision 087).
 */
export const PROVINCE_OFFICE_NAME = "Dinas Sosial Provinsi Jawa Timur";

export async function seedProvince(db: PrismaClient, ctx: SeedContext): Promise<void> {
  const office = await db.dinasOffice.create({
    data: {
      name: PROVINCE_OFFICE_NAME,
      city: "Surabaya",
      regionKind: "PROVINSI",
      province: "Jawa Timur",
      address: "Jl. Gayung Kebonsari No. 56B, Gayungan, Kota Surabaya",
    },
  });
  // every city office of the province reports upward to it
  await db.dinasOffice.updateMany({ where: { province: "Jawa Timur", regionKind: { in: ["KOTA", "KABUPATEN"] } }, data: { parentOfficeId: office.id } });
  await db.user.create({
    data: {
      email: "provinsi@bermitra.id",
      name: "Retno Anggraeni",
      title: "Kepala Bidang Pemberdayaan Sosial Provinsi",
      phone: "031-8290794",
      role: "PROVINCE",
      passwordHash: ctx.passwordHash,
      dinasOfficeId: office.id,
    },
  });
}
