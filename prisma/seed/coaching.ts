/**
 * Demo seed: coaching commitments and facilitator mentoring.
 *
 * - Coaching: every ACTIVE MoU in the database (seeded by the MoU step) gets its commitments and session
 *   schedule (activateCoachingForMou, idempotent). Past sessions are then settled: the hotel ↔ KPM Melati Sisir
 *   partnership delivered every session so far (attendance, ratings, comments); the theme park's sessions are
 *   all missed; other partners delivered most. If there is no active MoU yet, this part is skipped.
 * - Mentoring: monthly facilitator visits for the last three months with follow-ups (some still open), and
 *   visits this month for only some groups, so the "no visit this month" flags show.
 *
 * Uses its own PRNG so it does not shift the random choices of other seed modules.
 */
import type { PrismaClient } from "../../app/generated/prisma/client";
import { activateCoachingForMou } from "../../app/coaching/schedule.server";
import { addDays } from "../../app/coaching/dates";
import type { SeedContext } from "./foundation";
import { chance, intBetween, mulberry32, pick, shuffle } from "./random";
import { addMonthsAt, dayKey, DEFAULT_TIME_ZONE, startOfMonth, zonedInstant, zonedParts } from "../../app/time/calendar";

const HOTEL_SLUG = "hotel-taman-sari-batu";
const MELATI_SLUG = "kpm-melati-sisir";
const THEME_PARK_SLUG = "taman-rekreasi-gunung-panderman";

const HOUR = 3600_000;

const GOOD_COMMENTS = [
  "Praktik langsung di dapur hotel, ibu-ibu jadi paham standar porsi dan kebersihan.",
  "Materi jelas, pelatih sabar menjawab pertanyaan anggota.",
  "Kami belajar menghitung harga pokok produksi. Sangat bermanfaat.",
  "Pelatihan kemasan membuat kue kami lebih rapi dan tahan lama.",
  "Pelatih datang tepat waktu dan membawa contoh produk hotel.",
];

const VISIT_PLACES = ["Rumah ketua kelompok", "Balai desa", "Tempat produksi kelompok", "Rumah sekretaris kelompok", "Posyandu dusun"];
const PROBLEMS = [
  "Pembukuan kas kelompok belum rutin diisi.",
  "Dua anggota jarang hadir karena mengurus anak sakit.",
  "Harga bahan baku naik, margin keuntungan menipis.",
  "Kemasan produk belum mencantumkan tanggal kedaluwarsa.",
  "Anggota belum terbiasa memakai aplikasi di ponsel.",
  "Pesanan hotel sempat terlambat karena alat kukus rusak.",
];
const FOLLOW_UPS = [
  "Isi buku kas harian setiap selesai produksi",
  "Urus perpanjangan P-IRT ke Dinas Kesehatan",
  "Cetak label kemasan dengan tanggal produksi",
  "Latih sekretaris memakai aplikasi Bermitra",
  "Bandingkan harga bahan baku di tiga toko",
  "Jadwalkan arisan modal untuk ganti alat kukus",
  "Ajak anggota ikut pemeriksaan kesehatan di Posyandu",
];
const TOPIC_SETS = [
  ["BUSINESS", "FINANCE"],
  ["FAMILY", "HEALTH"],
  ["EDUCATION", "FAMILY"],
  ["BUSINESS"],
  ["FINANCE", "EDUCATION"],
  ["HEALTH", "BUSINESS"],
];

/** 09:00 WIB on the WIB day of `day`. */
function nineAmWib(day: Date): Date {
  return zonedInstant(dayKey(day), DEFAULT_TIME_ZONE, { h: 9 });
}

export async function seedCoaching(db: PrismaClient, ctx: SeedContext): Promise<void> {
  const random = mulberry32(70_707);
  const today = ctx.today;
  await seedCoachingSessions(db, random, today);
  await seedVisits(db, random, today);
}

async function seedCoachingSessions(db: PrismaClient, random: () => number, today: Date) {
  const mous = await db.mou.findMany({ where: { status: "ACTIVE", activeVersionId: { not: null } }, select: { id: true } });
  if (mous.length === 0) {
    console.log("seed: coaching — no active MoU yet, coaching sessions skipped");
    return;
  }
  for (const mou of mous) await activateCoachingForMou(db, null, mou.id);

  const sessions = await db.coachingSession.findMany({
    where: { commitment: { mouId: { in: mous.map((m) => m.id) } }, status: "DUE" },
    orderBy: [{ dueDate: "asc" }],
    include: {
      partner: { select: { slug: true, displayName: true, address: true, contactName: true } },
      group: { select: { slug: true, users: { select: { id: true }, take: 1 }, members: { where: { leftAt: null }, select: { id: true } } } },
    },
  });
  const nextScheduled = new Set<string>();
  for (const s of sessions) {
    const past = s.dueDate.getTime() < today.getTime();
    const pairKey = `${s.partnerId}/${s.groupId}`;
    const themePark = s.partner.slug === THEME_PARK_SLUG;
    const showcase = s.partner.slug === HOTEL_SLUG && s.group.slug === MELATI_SLUG;
    if (!past) {
      // The next upcoming session of a working partnership is already scheduled.
      if (!themePark && !nextScheduled.has(pairKey) && s.dueDate.getTime() < addDays(today, 45).getTime()) {
        nextScheduled.add(pairKey);
        await db.coachingSession.update({
          where: { id: s.id },
          data: {
            status: "SCHEDULED",
            scheduledAt: nineAmWib(addDays(s.dueDate, addDays(s.dueDate, -2).getTime() > today.getTime() ? -2 : 0)),
            place: showcase ? "Dapur pastry Hotel Taman Sari Batu" : s.partner.address,
            trainer: showcase ? "Chef Bagus Santoso (Executive Pastry Chef)" : s.partner.contactName,
          },
        });
      }
      continue;
    }
    const delivered = !themePark && (showcase || chance(random, 0.7));
    if (!delivered) {
      await db.coachingSession.update({ where: { id: s.id }, data: { status: "MISSED" } });
      continue;
    }
    const heldAt = nineAmWib(addDays(s.dueDate, -intBetween(random, 0, 5)));
    const members = shuffle(random, s.group.members.map((m) => m.id));
    const attending = members.slice(0, Math.max(1, Math.ceil(members.length * (0.6 + random() * 0.4))));
    await db.coachingSession.update({
      where: { id: s.id },
      data: {
        status: "DELIVERED",
        scheduledAt: heldAt,
        place: showcase ? "Dapur pastry Hotel Taman Sari Batu" : s.partner.address,
        trainer: showcase ? "Chef Bagus Santoso (Executive Pastry Chef)" : s.partner.contactName,
        confirmedById: s.group.users[0]?.id ?? null,
        confirmedAt: new Date(heldAt.getTime() + 8 * HOUR),
        rating: showcase ? pick(random, [5, 5, 4]) : intBetween(random, 3, 5),
        comment: pick(random, GOOD_COMMENTS),
        attendances: { create: attending.map((memberId) => ({ memberId })) },
      },
    });
  }
  const counts = await db.coachingSession.groupBy({ by: ["status"], _count: { _all: true } });
  console.log(`seed: coaching — ${counts.map((c) => `${c.status} ${c._count._all}`).join(", ")}`);
}

async function seedVisits(db: PrismaClient, random: () => number, today: Date) {
  const groups = await db.group.findMany({
    where: { active: true, verificationStatus: "VERIFIED", facilitatorId: { not: null } },
    orderBy: { slug: "asc" },
    select: { id: true, slug: true, facilitatorId: true, _count: { select: { members: true } } },
  });
  const monthStart = startOfMonth(today);
  const { d: todayDay } = zonedParts(today);
  // Groups of each facilitator alternate: half are visited this month, half are not yet.
  const seenByFacilitator = new Map<string, number>();
  let visits = 0;
  for (const g of groups) {
    const index = seenByFacilitator.get(g.facilitatorId!) ?? 0;
    seenByFacilitator.set(g.facilitatorId!, index + 1);
    const visitedThisMonth = g.slug === MELATI_SLUG || index % 2 === 1;
    const months = visitedThisMonth ? [-3, -2, -1, 0] : [-3, -2, -1];
    for (const offset of months) {
      const start = addMonthsAt(monthStart, offset);
      const maxDay = offset === 0 ? Math.max(1, todayDay - 1) : 26;
      // A few groups also skipped a past month.
      if (offset < 0 && offset > -3 && chance(random, 0.1)) continue;
      const visitDate = nineAmWib(addDays(start, intBetween(random, 0, maxDay - 1)));
      const members = g._count.members;
      const attendeeCount = Math.max(1, members - intBetween(random, 0, 3));
      const memberIds = (await db.groupMember.findMany({ where: { groupId: g.id }, orderBy: { joinedAt: "asc" }, select: { id: true } })).map((m) => m.id);
      const present = shuffle(random, memberIds).slice(0, attendeeCount);
      const withProblem = chance(random, 0.6);
      const followUps = withProblem ? shuffle(random, FOLLOW_UPS).slice(0, intBetween(random, 1, 2)) : [];
      await db.facilitatorVisit.create({
        data: {
          groupId: g.id,
          facilitatorId: g.facilitatorId!,
          visitDate,
          place: pick(random, VISIT_PLACES),
          attendeeCount,
          attendances: { create: present.map((memberId) => ({ memberId })) },
          topics: pick(random, TOPIC_SETS).join(","),
          problems: withProblem ? pick(random, PROBLEMS) : null,
          notes: chance(random, 0.5) ? "Pertemuan P2K2 dilanjutkan diskusi usaha kelompok." : null,
          followUps: {
            create: followUps.map((description, i) => {
              const dueDate = addDays(visitDate, intBetween(random, 7, 30));
              // Older follow-ups are mostly done; recent ones and one in five older ones stay open.
              const done = offset <= -2 ? !chance(random, 0.2) : offset === -1 ? chance(random, 0.5) && i === 0 : false;
              return {
                groupId: g.id,
                description,
                dueDate,
                doneAt: done ? addDays(visitDate, intBetween(random, 3, 20)) : null,
              };
            }),
          },
        },
      });
      visits++;
    }
  }
  const withoutThisMonth = await db.group.count({
    where: { active: true, verificationStatus: "VERIFIED", visits: { none: { visitDate: { gte: monthStart } } } },
  });
  console.log(`seed: mentoring — ${visits} visits; ${withoutThisMonth} active groups without a visit this month`);
}
