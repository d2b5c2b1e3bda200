/**
 * Demo seed for Dinas monitoring (issue 12): the activity that tells the studies' figures.
 *
 * Groups the Dinas still records as running but whose registration on the platform waits for verification
 * cannot trade yet; their facilitator still meets them (P2K2 meeting, helping with the documents). One such
 * visit in the previous month each makes them "active" on the overview, as the studies count them
 * (Kota Batu: 36 of 53 KUBE active). Runs after "coaching" (which seeds the verified groups' visits).
 */
import type { PrismaClient } from "../../app/generated/prisma/client";
import type { SeedContext } from "./foundation";

const NOTE = "Pertemuan P2K2 sekaligus membantu kelompok melengkapi berkas verifikasi (SK pembentukan, daftar anggota).";

export async function seedMonitoring(db: PrismaClient, ctx: SeedContext): Promise<void> {
  const waiting = await db.group.findMany({
    where: { active: true, verificationStatus: "PENDING", facilitatorId: { not: null } },
    orderBy: { slug: "asc" },
    select: { id: true, facilitatorId: true, members: { select: { id: true }, orderBy: { joinedAt: "asc" } } },
  });
  // the 10th of the previous month (WIB), 09:00
  const today = ctx.today;
  const prev = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 10, 2, 0, 0));
  for (const [i, g] of waiting.entries()) {
    const present = g.members.slice(0, Math.max(1, g.members.length - 1 - (i % 2)));
    await db.facilitatorVisit.create({
      data: {
        groupId: g.id,
        facilitatorId: g.facilitatorId!,
        visitDate: new Date(prev.getTime() + i * 86_400_000),
        place: "Rumah ketua kelompok",
        attendeeCount: present.length,
        attendances: { create: present.map((m) => ({ memberId: m.id })) },
        topics: "BUSINESS,FAMILY",
        notes: NOTE,
      },
    });
  }
  console.log(`seed: monitoring — ${waiting.length} visits to groups waiting for verification`);
}
