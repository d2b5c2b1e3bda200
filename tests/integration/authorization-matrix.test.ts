/**
 * The authorization matrix: every loader and every action intent of every route file, called directly
 * through the route module (as Remix would), as eleven kinds of actor, on records of the other parties.
 *
 *  - The route files are listed from app/routes: a new route file, a new loader or action, or a new intent
 *    in an action without an entry here fails the "covers every route" test.
 *  - A denied call must answer 3xx/4xx (never 2xx, never 5xx) and, for actions, change no row: the
 *    checksum of every table (tests/helpers/db-state.ts) is compared before and after.
 *  - An allowed call must succeed (2xx, or a redirect that is not to /login). Each allowed action starts
 *    from the same database: it is put back from a snapshot after every call that changed it.
 *  - Some list pages must not show another party's records (`hidden`).
 *
 * Actors: anonymous, admin, Dinas of office A (Kota Batu), Dinas of office B (Kota Malang), the facilitator
 * assigned to group A, a facilitator not assigned to it, the chair of group A (KPM Melati Sisir), the chair of
 * group B (KPM Dahlia Songgokerto), staff of partner X (Hotel Taman Sari Batu) and of partner Y (Hotel Graha
 * Arjuno), and the provincial Dinas (Dinas Sosial Provinsi Jawa Timur: reads the monitoring of both cities,
 * writes nothing). Records: group A's products, offers, orders, invoices, payments, MoU, coaching, visits; partner X's
 * demands; office A's MoUs — and the four cross-party writes of issue 10.
 *
 * Admin: ROLE_PERMISSIONS gives the platform administrator every permission (scope "any"); the matrix asserts
 * that model (see docs/security.md), except where the issue says otherwise.
 *
 * KNOWN_HOLES lists (case, actor) pairs whose correct expectation does not hold yet: they run as `it.fails`,
 * so the suite stays green while they are open and fails as soon as one is fixed (then remove it here).
 * An expectation is never weakened to make a hole disappear.
 */
/// <reference types="vite/client" />
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { db } from "~/db/db.server";
import { saveOfferPhoto } from "~/demands/photos.server";
import { writeFile, mkdir } from "node:fs/promises";
import { photoFile } from "~/catalog/photos.server";
import { hashToken } from "~/mou/signing.server";
import { codeHash as loginCodeHash } from "~/accounts/login-code.server";
import { shareTokenHash } from "~/monitoring/share.server";
import type { MouContent } from "~/mou/content";
import { pdfPath } from "~/mou/seal.server";
import { resolveScope } from "~/monitoring/scope.server";
import { loadWarnings } from "~/monitoring/warnings.server";
import { createSession, sessionCookie } from "~/auth/session.server";
import { saveUploads, IMAGE_KINDS } from "~/coaching/uploads.server";
import { saveProof } from "~/payments/uploads.server";
import { TMP_DIR } from "../setup/paths";
import { changedTables, dataVersion, restoreDatabase, snapshotDatabase, tableHashes } from "../helpers/db-state";
import { cookieFor } from "../helpers/requests";

/** the seeded chair who has only a mobile number (prisma/seed/foundation.ts PHONE_ONLY_CHAIR_PHONE) and her code */
const PHONE_CHAIR = "+6281270001001";
const LOGIN_CODE = "246810";

const ROUTES_DIR = path.resolve(__dirname, "../../app/routes");
const routeModules = import.meta.glob("../../app/routes/*.tsx");

// ─── Actors ─────────────────────────────────────────────────────────────────

const ACTOR_EMAILS = {
  anonymous: null,
  admin: "admin@bermitra.id",
  dinasA: "dinas@bermitra.id",
  dinasB: "dinas.malang@bermitra.id",
  facilitatorA: "pendamping@bermitra.id",
  facilitatorOther: "pendamping3@bermitra.id",
  chairA: "kelompok@bermitra.id",
  chairB: "chair.kpm-dahlia-songgokerto@bermitra.id",
  partnerX: "mitra@bermitra.id",
  partnerY: "staf.hotel-graha-arjuno@bermitra.id",
  province: "provinsi@bermitra.id",
} as const;
type ActorKey = keyof typeof ACTOR_EMAILS;
const ACTORS = Object.keys(ACTOR_EMAILS) as ActorKey[];
const SIGNED_IN = ACTORS.filter((a) => a !== "anonymous");

// Common allowed sets
const PUBLIC = ACTORS;
const GROUP_A = ["admin", "dinasA", "facilitatorA", "chairA"] as ActorKey[];
// work done for the group (products, offers, visits' follow-ups): the group and its facilitator in assisted mode
const GROUP_A_WORK = ["facilitatorA", "chairA"] as ActorKey[];
const TRADE_AX = ["admin", "dinasA", "facilitatorA", "chairA", "partnerX"] as ActorKey[];
// the group side of an order, invoice or coaching session: the group and its facilitator (admin and Dinas are not a party)
const TRADE_AX_GROUP_SIDE = ["facilitatorA", "chairA"] as ActorKey[];
const OFFICE_A = ["admin", "dinasA"] as ActorKey[];
const DINAS = ["admin", "dinasA", "dinasB"] as ActorKey[];
const PARTNERS = ["partnerX", "partnerY"] as ActorKey[];
const CHAIRS = ["chairA", "chairB"] as ActorKey[];
const FACILITATORS = ["facilitatorA", "facilitatorOther"] as ActorKey[];
// the monitoring pages: each city's Dinas (its own office) and the province (both cities, read-only)
const MONITORING = ["dinasA", "dinasB", "province"] as ActorKey[];

// ─── Fixtures ───────────────────────────────────────────────────────────────

type Fixtures = Awaited<ReturnType<typeof buildFixtures>>;
type Fields = Record<string, string | string[]>;

async function png(): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: "#16a34a" } }).png().toBuffer());
}

function dayKey(offsetDays: number): string {
  return new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function buildFixtures() {
  const group = (slug: string) => db.group.findUniqueOrThrow({ where: { slug }, include: { members: true, products: { where: { status: "ACTIVE" }, include: { photos: true } } } });
  const partner = (slug: string) => db.partner.findUniqueOrThrow({ where: { slug } });
  const groupA = await group("kpm-melati-sisir");
  const groupB = await group("kpm-dahlia-songgokerto");
  const groupOther = await group("kpm-krisan-punten"); // facilitatorOther's group
  const groupMalang = await group("kpm-sekar-melati-oro-oro-dowo");
  const partnerX = await partner("hotel-taman-sari-batu");
  const partnerY = await partner("hotel-graha-arjuno");
  const userOf = (email: string) => db.user.findUniqueOrThrow({ where: { email } });
  const chairA = await userOf(ACTOR_EMAILS.chairA);
  const partnerXUser = await userOf(ACTOR_EMAILS.partnerX);
  const facilitatorA = await userOf(ACTOR_EMAILS.facilitatorA);
  const facilitatorOther = await userOf(ACTOR_EMAILS.facilitatorOther);
  const productA = groupA.products[0]!;
  const productB = groupB.products[0]!;
  if (groupA.facilitatorId !== facilitatorA.id || groupB.facilitatorId !== facilitatorA.id) throw new Error("fixture: facilitator A must be assigned to groups A and B");
  if (groupOther.facilitatorId !== facilitatorOther.id) throw new Error("fixture: the other facilitator must be assigned to KPM Krisan Punten");

  // Demands: X's open demand (with B's offer from the seed), X's draft, and an open demand of partner Y.
  const demandX = await db.demand.findFirstOrThrow({ where: { partnerId: partnerX.id, status: "OPEN" }, include: { offers: true } });
  const demandXDraft = await db.demand.findFirstOrThrow({ where: { partnerId: partnerX.id, status: "DRAFT" } });
  const { id: _id, createdAt: _c, updatedAt: _u, offers: _o, ...demandData } = demandX;
  const partnerYUser = await userOf(ACTOR_EMAILS.partnerY);
  const demandXAwarded = await db.demand.create({ data: { ...demandData, title: "Kue basah sebagian terpenuhi (matrix)", status: "PARTLY_AWARDED", awardedQuantity: 50 } });
  const demandY = await db.demand.create({ data: { ...demandData, partnerId: partnerY.id, createdById: partnerYUser.id, title: "Kue basah untuk rapat (matrix)" } });
  const offerB = demandX.offers.find((o) => o.groupId === groupB.id)!;
  const photoKey = await saveOfferPhoto(new File([await png()], "sample.png", { type: "image/png" }));
  const offerA = await db.offer.create({
    data: { demandId: demandX.id, groupId: groupA.id, createdById: chairA.id, pricePerUnit: 2400, quantityPerPeriod: 50, startDate: demandX.startDate, note: "matrix", samplePhotoKey: photoKey },
  });
  // Group Other also offers on Y's demand (so partner Y has an offer of its own to act on).
  const offerOtherOnY = await db.offer.create({
    data: { demandId: demandY.id, groupId: groupOther.id, createdById: facilitatorOther.id, pricePerUnit: 2400, quantityPerPeriod: 50, startDate: demandY.startDate },
  });

  // Orders of the A–X pair in every state an intent starts from.
  const order = (status: string, source = "CATALOGUE") =>
    db.order.findFirstOrThrow({ where: { groupId: groupA.id, partnerId: partnerX.id, status: status as never, source: source as never }, include: { lines: true, deliveries: true, invoice: { include: { payments: true } } }, orderBy: { deliveryDate: "asc" } });
  const orderPlaced = await order("PLACED");
  const orderAccepted = await order("ACCEPTED");
  const orderInProduction = await order("IN_PRODUCTION");
  const orderShipped = await order("SHIPPED");
  const orderReceived = await order("RECEIVED");
  const orderDisputed = await order("DISPUTED");
  const standingPlaced = await order("PLACED", "STANDING");
  const proofPhoto = new File([await png()], "bast.png", { type: "image/png" });
  const deliveryPhotoKey = await saveProof(proofPhoto, "deliveries", "photo");
  await db.delivery.update({ where: { id: orderReceived.deliveries[0]!.id }, data: { photoKey: deliveryPhotoKey } });
  // The dispute window of the received order has passed, so it can be invoiced.
  await db.delivery.update({ where: { id: orderReceived.deliveries[0]!.id }, data: { disputeDeadline: new Date(Date.now() - 3_600_000) } });
  // A Malang order (office B)
  const orderMalang = await db.order.findFirstOrThrow({ where: { groupId: groupMalang.id } });
  // An order of group B (another group and partner)
  const orderB = await db.order.findFirstOrThrow({ where: { groupId: { not: groupA.id }, group: { dinasOfficeId: groupA.dinasOfficeId } } });

  // Invoices: one with a transfer waiting for confirmation (with its proof file), one without payment.
  const invoices = await db.invoice.findMany({ where: { groupId: groupA.id, partnerId: partnerX.id, status: "ISSUED" }, include: { payments: true }, orderBy: { issuedAt: "asc" } });
  const invoicePending = invoices.find((i) => i.payments.some((p) => p.status === "PENDING"))!;
  const paymentPending = invoicePending.payments.find((p) => p.status === "PENDING")!;
  const proofKey = await saveProof(new File([await png()], "proof.png", { type: "image/png" }), "payments", "proof");
  await db.payment.update({ where: { id: paymentPending.id }, data: { proofKey } });
  const invoiceOpen = invoices.find((i) => i.payments.length === 0)!;
  const invoiceMalang = await db.invoice.findFirstOrThrow({ where: { group: { dinasOfficeId: groupMalang.dinasOfficeId } } });
  // Group A's payout details: a confirmed entry with a QRIS image, and a change entered by the chair waiting for confirmation.
  const qrisKey = await saveProof(new File([await png()], "qris.png", { type: "image/png" }), "payout", "qris");
  const payoutDecider = await userOf(ACTOR_EMAILS.dinasA);
  const payoutConfirmed = await db.groupPayoutAccount.create({ data: { groupId: groupA.id, bankName: "BRI", accountNumber: "012345678901", holderName: "KPM Melati Sisir", qrisKey, status: "CONFIRMED", submittedById: chairA.id, decidedById: payoutDecider.id, decidedAt: new Date() } });
  const payoutPending = await db.groupPayoutAccount.create({ data: { groupId: groupA.id, bankName: "Bank Jatim", accountNumber: "998877665544", holderName: "KPM Melati Sisir", qrisKey, status: "PENDING", submittedById: chairA.id } });

  // MoUs: the active A–X one, one in review and one out for signature (both office A), Malang's active one.
  const mouA = await db.mou.findFirstOrThrow({ where: { partnerId: partnerX.id, status: "ACTIVE", groups: { some: { groupId: groupA.id } } } });
  const mouInReview = await db.mou.findFirstOrThrow({ where: { status: "IN_REVIEW", dinasOfficeId: groupA.dinasOfficeId } });
  const mouOut = await db.mou.findFirstOrThrow({ where: { status: "OUT_FOR_SIGNATURE", partnerId: partnerX.id }, include: { groups: true } });
  const mouMalang = await db.mou.findFirstOrThrow({ where: { dinasOfficeId: groupMalang.dinasOfficeId, status: "ACTIVE" } });
  // A draft of office A (A–X), made as Dinas would.
  const dinasA = await userOf(ACTOR_EMAILS.dinasA);
  const mouDraftVersion = await db.mouVersion.findFirstOrThrow({ where: { mouId: mouInReview.id } });
  const mouDraft = await db.mou.create({
    data: { number: "MATRIX/DRAFT/1", partnerId: partnerX.id, dinasOfficeId: groupA.dinasOfficeId, status: "DRAFT", startDate: mouInReview.startDate, endDate: mouInReview.endDate, createdById: dinasA.id, groups: { create: [{ groupId: groupA.id }] } },
  });
  const draftVersion = await db.mouVersion.create({ data: { mouId: mouDraft.id, versionNumber: 1, status: "DRAFT", content: mouDraftVersion.content, contentHash: mouDraftVersion.contentHash, createdById: dinasA.id } });
  await db.mou.update({ where: { id: mouDraft.id }, data: { currentVersionId: draftVersion.id } });
  // The signer whose turn it is on the out-for-signature MoU (partner X's signatory): a known link token.
  const signToken = "matrix-sign-token-0123456789";
  const outSigner = await db.mouSigner.findFirstOrThrow({ where: { version: { mouId: mouOut.id }, status: "NOTIFIED" } });
  await db.mouSigner.update({ where: { id: outSigner.id }, data: { tokenHash: hashToken(signToken), tokenExpiresAt: new Date(Date.now() + 3 * 86_400_000), tokenUsedAt: null } });

  // In-person signing (issue 13 item 10): a copy of the out-for-signature MoU whose group chair has not signed yet.
  const outVersion = await db.mouVersion.findUniqueOrThrow({ where: { id: mouOut.currentVersionId! }, include: { signers: { orderBy: { order: "asc" } } } });
  const mouAssisted = await db.mou.create({
    data: { number: "MATRIX/ASSISTED/1", partnerId: mouOut.partnerId, dinasOfficeId: mouOut.dinasOfficeId, status: "OUT_FOR_SIGNATURE", startDate: mouOut.startDate, endDate: mouOut.endDate, createdById: mouOut.createdById, groups: { create: mouOut.groups.map((g) => ({ groupId: g.groupId })) } },
  });
  const assistedVersion = await db.mouVersion.create({
    data: {
      mouId: mouAssisted.id, versionNumber: 1, status: "OUT_FOR_SIGNATURE", content: outVersion.content, contentHash: outVersion.contentHash, createdById: outVersion.createdById,
      signers: { create: outVersion.signers.map((s) => ({ order: s.order, party: s.party, groupId: s.groupId, partnerId: s.partnerId, userId: s.userId, name: s.name, title: s.title, email: s.email, status: s.party === "GROUP" ? "NOTIFIED" : "WAITING", notifiedAt: s.party === "GROUP" ? new Date() : null })) },
    },
    include: { signers: true },
  });
  await db.mou.update({ where: { id: mouAssisted.id }, data: { currentVersionId: assistedVersion.id } });
  const assistedChairName = assistedVersion.signers.find((s) => s.party === "GROUP")!.name;

  // Coaching of the A–X MoU: a session due (schedule, cancel, attach) and one held yesterday (confirm).
  const sessions = await db.coachingSession.findMany({ where: { groupId: groupA.id, partnerId: partnerX.id, status: "DUE" }, orderBy: { dueDate: "asc" } });
  const sessionDue = sessions[0]!;
  const sessionHeld = sessions[1]!;
  await db.coachingSession.update({ where: { id: sessionHeld.id }, data: { status: "SCHEDULED", scheduledAt: new Date(Date.now() - 86_400_000), trainer: "Tim dapur hotel", place: "Dapur hotel" } });
  const [saved] = await saveUploads([new File([await png()], "materi.png", { type: "image/png" })], `coaching/${sessionDue.id}`, IMAGE_KINDS, "files");
  const coachingFile = await db.coachingFile.create({ data: { sessionId: sessionDue.id, kind: "PHOTO", fileKey: saved!.fileKey, fileName: saved!.fileName, uploadedById: partnerXUser.id } });

  // A facilitator visit of group A with a photo and an open follow-up.
  const visit = await db.facilitatorVisit.create({
    data: { groupId: groupA.id, facilitatorId: facilitatorA.id, visitDate: new Date(Date.now() - 2 * 86_400_000), place: "Rumah ketua", attendeeCount: 5, topics: "BUSINESS", followUps: { create: [{ groupId: groupA.id, description: "Isi buku kas (matrix)", dueDate: new Date(Date.now() + 7 * 86_400_000) }] } },
    include: { followUps: true },
  });
  const [visitSaved] = await saveUploads([new File([await png()], "kunjungan.png", { type: "image/png" })], `visits/${groupA.id}`, IMAGE_KINDS, "photos");
  const visitPhoto = await db.visitPhoto.create({ data: { visitId: visit.id, fileKey: visitSaved!.fileKey } });

  // Verification queue: a pending group of office A.
  const pendingGroup = await db.group.findFirstOrThrow({ where: { verificationStatus: "PENDING", dinasOfficeId: groupA.dinasOfficeId } });
  const kecamatanBatu = await db.kecamatan.findFirstOrThrow({ where: { name: "Batu", dinasOfficeId: groupA.dinasOfficeId } });
  const category = await db.productCategory.findFirstOrThrow({ where: { slug: "kue-basah" } });
  const productPhotoFile = `${groupA.products.find((p) => p.photos.length)!.photos[0]!.fileKey}-sm.webp`;
  // Each test file has its own upload folder: put the files the seed wrote elsewhere (photo, sealed PDF) in it.
  const photoKey0 = groupA.products.find((p) => p.photos.length)!.photos[0]!.fileKey;
  await mkdir(path.dirname(photoFile(photoKey0, "sm")), { recursive: true });
  await writeFile(photoFile(photoKey0, "sm"), await sharp(Buffer.from(await png())).webp().toBuffer());
  const activeVersion = await db.mouVersion.findUniqueOrThrow({ where: { id: mouA.activeVersionId! } });
  await mkdir(path.dirname(pdfPath(activeVersion.pdfKey!)), { recursive: true });
  await writeFile(pdfPath(activeVersion.pdfKey!), "%PDF-1.7 matrix stand-in\n");
  // a read-only overview link of office A (the mayor's share link), with a known token
  const dinasAUser = await userOf(ACTOR_EMAILS.dinasA);
  const shareToken = "matrix-share-token-0123456789abcdefABCDEF";
  const shareLink = await db.shareLink.create({
    data: { tokenHash: shareTokenHash(shareToken), dinasOfficeId: groupA.dinasOfficeId, label: "Kantor Wali Kota Batu (matrix)", createdById: dinasAUser.id, expiresAt: new Date(Date.now() + 30 * 86_400_000) },
  });
  const chairASession = await db.session.findFirstOrThrow({ where: { userId: chairA.id }, orderBy: { createdAt: "desc" } }).catch(() => null);
  // office A's "mitra pasif" warning (the theme park), computed as the warnings page computes it
  const themePark = await partner("taman-rekreasi-gunung-panderman");
  const warningsA = await loadWarnings(await resolveScope({ role: dinasAUser.role, dinasOfficeId: dinasAUser.dinasOfficeId }, {}));
  const passiveWarningKey = warningsA.find((w) => w.rule === "PASSIVE_PARTNER" && w.subjectId === themePark.id)!.key;
  // a standing-order pause in force on MoU A (for group B, so group A's standing order can still be paused)
  const pauseA = await db.standingPause.create({ data: { mouId: mouA.id, groupId: groupB.id, fromDay: dayKey(1), untilDay: dayKey(10), createdById: partnerXUser.id } });
  // a log-in code waiting on the phone of the demo chair who has only a mobile number (decision 109)
  const phoneChair = await db.user.findUniqueOrThrow({ where: { phone: PHONE_CHAIR } });
  await db.loginCode.create({ data: { userId: phoneChair.id, codeHash: loginCodeHash(phoneChair.id, LOGIN_CODE), expiresAt: new Date(Date.now() + 10 * 60_000) } });

  return {
    groupA, groupB, groupOther, groupMalang, partnerX, partnerY, productA, productB, productPhotoFile,
    demandX, demandXDraft, demandXAwarded, demandY, mouDraftContent: JSON.parse(draftVersion.content) as MouContent, offerA, offerB, offerOtherOnY,
    orderPlaced, orderAccepted, orderInProduction, orderShipped, orderReceived, orderDisputed, standingPlaced, orderMalang, orderB,
    invoicePending, paymentPending, invoiceOpen, invoiceMalang, payoutConfirmed, payoutPending,
    mouA, mouInReview, mouOut, mouMalang, mouDraft, signToken, shareToken, shareLink, mouAssisted, assistedChairName,
    sessionDue, sessionHeld, coachingFile, visit, visitPhoto, pendingGroup, kecamatanBatu, category, chairASessionId: chairASession?.id ?? "none",
    themePark, passiveWarningKey, pauseA, phoneChair,
  };
}

/** The MoU editor's fields for a content (as the edit form posts them). */
function mouFields(c: MouContent): Fields {
  const fields: Fields = {
    title: `${c.title} (diubah)`,
    partnerSignatoryName: c.parties.partner.signatoryName || "Penanda tangan",
    partnerSignatoryTitle: c.parties.partner.signatoryTitle || "Pimpinan",
    dinasSignatoryName: c.parties.dinas.signatoryName || "Kepala Dinas",
    dinasSignatoryTitle: c.parties.dinas.signatoryTitle || "Kepala Dinas Sosial",
    background: c.background,
    deliveryAddress: c.scope.deliveryAddress,
    qualityStandards: c.scope.qualityStandards || "Sesuai contoh",
    "deliveryDays[]": c.scope.deliveryDays.map(String),
    obligationsPartner: c.obligations.partner.join("\n"),
    obligationsGroup: c.obligations.group.join("\n"),
    termination: c.termination,
    dispute: c.dispute,
    startDate: c.period.startDate,
    endDate: c.period.endDate,
    paymentKind: c.payment.kind,
    netDays: c.payment.kind === "NET_DAYS" ? String(c.payment.netDays) : "",
    itemRows: String(c.scope.items.length),
    coachingRows: String(c.coaching.length),
  };
  c.parties.groups.forEach((g, i) => (fields[`group${i}ChairName`] = g.chairName || "Ketua"));
  c.scope.items.forEach((item, i) => {
    Object.assign(fields, { [`item${i}Description`]: item.description, [`item${i}GroupId`]: item.groupId, [`item${i}Unit`]: item.unit, [`item${i}ProductId`]: item.productId ?? "", [`item${i}Quantity`]: String(item.quantityPerDelivery), [`item${i}UnitPrice`]: String(item.unitPrice) });
  });
  c.coaching.forEach((k, i) => {
    Object.assign(fields, { [`coaching${i}Topic`]: k.topic, [`coaching${i}Frequency`]: k.frequency, [`coaching${i}Sessions`]: String(k.sessionsCount), [`coaching${i}FirstDueDate`]: k.firstDueDate, [`coaching${i}Hours`]: String(k.hoursPerSession) });
  });
  return fields;
}

// ─── Cases ──────────────────────────────────────────────────────────────────

type Case = {
  /** route file name in app/routes */
  route: string;
  kind: "loader" | "action";
  /** the action's intent ("-" for an action without intents) */
  intent?: string;
  /** unique name, shown in the test title */
  name: string;
  url: (f: Fixtures, actor: ActorKey) => string;
  params?: (f: Fixtures, actor: ActorKey) => Record<string, string>;
  form?: (f: Fixtures, actor: ActorKey) => Fields;
  /** actors expected to be let through; every other actor of `actors` must be refused */
  allow: readonly ActorKey[];
  /** restrict to some actors (default: all ten) */
  actors?: readonly ActorKey[];
  /** sign in afresh for this call (logout revokes the session it is called with) */
  freshSession?: boolean;
  /** ids (or other strings) that must not appear in the response body of these actors */
  hidden?: { from: readonly ActorKey[]; values: (f: Fixtures) => string[] };
  /**
   * for an action whose success is a redirect to the login page (sign-up, by design: no session, the same
   * answer for a new and a taken address): the exact Location a let-through call answers with, and the
   * tables it must have written (so the taken-address branch, which writes no account, cannot pass)
   */
  letThrough?: { location: string; writes: readonly string[] };
};

const loader = (route: string, url: Case["url"], allow: readonly ActorKey[], extra: Partial<Case> = {}): Case => ({ route, kind: "loader", name: `${route} GET`, url, allow, ...extra });
const action = (route: string, intent: string, url: Case["url"], form: Case["form"], allow: readonly ActorKey[], extra: Partial<Case> = {}): Case => ({
  route,
  kind: "action",
  intent,
  name: `${route} POST ${intent}${extra.name ? ` (${extra.name})` : ""}`,
  url,
  form,
  allow,
  ...extra,
  ...(extra.name ? { name: `${route} POST ${intent} (${extra.name})` } : {}),
});

const offerFields = (_f: Fixtures): Fields => ({ intent: "send", pricePerUnit: "1", quantityPerPeriod: "10", startDate: dayKey(20), note: "matrix" });
const productFields = (f: Fixtures): Fields => ({
  name: "Produk Matrix",
  categoryId: f.category.id,
  description: "Deskripsi produk untuk uji matriks.",
  unit: "PCS",
  priceRupiah: "2500",
  minOrderQty: "10",
  weeklyCapacity: "500",
  leadTimeDays: "1",
  deliveryAreaIds: [f.kecamatanBatu.id],
});
const demandFields = (f: Fixtures): Fields => ({
  title: "Permintaan matriks",
  categoryId: f.category.id,
  specification: "Kue basah untuk rapat.",
  quantity: "100",
  unit: "PCS",
  frequency: "ONE_OFF",
  deliveryAddress: "Jl. Uji No. 1",
  deliveryKecamatanId: f.kecamatanBatu.id,
  startDate: dayKey(30),
  offerDeadline: dayKey(10),
});

const A = (f: Fixtures) => f.groupA.id;

const CASES: Case[] = [
  // Public pages and endpoints
  loader("$.tsx", () => "/no-such-page", [], { params: () => ({ "*": "no-such-page" }) }),
  loader("_index.tsx", () => "/", PUBLIC),
  loader("api.v1.products.tsx", () => "/api/v1/products", PUBLIC),
  loader("g.$slug.tsx", (f) => `/g/${f.groupA.slug}`, PUBLIC, { params: (f) => ({ slug: f.groupA.slug }) }),
  loader("healthz.tsx", () => "/healthz", PUBLIC),
  loader("locales.$file.tsx", () => "/locales/id.json", PUBLIC, { params: () => ({ file: "id.json" }) }),
  loader("media.products.$file.tsx", (f) => `/media/products/${f.productPhotoFile}`, PUBLIC, { params: (f) => ({ file: f.productPhotoFile }) }),
  loader("products.$slug.tsx", (f) => `/products/${f.productA.slug}`, PUBLIC, { params: (f) => ({ slug: f.productA.slug }) }),
  loader("products._index.tsx", () => "/products", PUBLIC),
  loader("mou.verify.tsx", () => "/mou/verify", PUBLIC),
  loader("login.tsx", () => "/login", PUBLIC),
  loader("signup.tsx", () => "/signup", PUBLIC),
  loader("reset-password.$token.tsx", () => "/reset-password/not-a-token", PUBLIC, { params: () => ({ token: "not-a-token" }) }),
  loader("sign.$token.tsx", (f) => `/sign/${f.signToken}`, PUBLIC, { params: (f) => ({ token: f.signToken }) }),
  loader("language.tsx", () => "/language", PUBLIC),
  loader("logout.tsx", () => "/logout", PUBLIC),
  loader("webhooks.stripe.tsx", () => "/webhooks/stripe", []),
  // Meta's subscription check: only with WHATSAPP_VERIFY_TOKEN (unset here), so nobody gets through
  loader("webhooks.whatsapp.tsx", () => "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1", []),

  // Account, notifications
  loader("account.tsx", () => "/account", SIGNED_IN),
  loader("notifications.tsx", () => "/notifications", SIGNED_IN),

  // Admin
  loader("admin._index.tsx", () => "/admin", ["admin"]),
  loader("admin.users.tsx", () => "/admin/users", ["admin"]),
  loader("admin.emails.tsx", () => "/admin/emails", ["admin"]),
  loader("admin.messages.tsx", () => "/admin/messages", ["admin"]),
  loader("audit.tsx", () => "/audit", DINAS, { hidden: { from: ["dinasB"], values: (f) => [f.groupA.id, f.mouA.id, f.orderPlaced.id] } }),

  // Dinas
  loader("dinas._index.tsx", () => "/dinas", DINAS),
  loader("dinas.coaching.tsx", () => "/dinas/coaching", DINAS, { hidden: { from: ["dinasB"], values: (f) => [f.sessionDue.id, f.groupA.id] } }),
  loader("dinas.demands._index.tsx", () => "/dinas/demands", DINAS, { hidden: { from: ["dinasB"], values: (f) => [f.demandX.id] } }),
  loader("dinas.demands.$demandId.tsx", (f) => `/dinas/demands/${f.demandX.id}`, OFFICE_A, { params: (f) => ({ demandId: f.demandX.id }) }),
  loader("dinas.groups.tsx", () => "/dinas/groups", DINAS, { hidden: { from: ["dinasB"], values: (f) => [f.groupA.id] } }),
  loader("dinas.mou.new.tsx", () => "/dinas/mou/new", DINAS, { hidden: { from: ["dinasB"], values: (f) => [f.groupA.id, f.partnerX.id] } }),
  // the programme overview is an office's: Dinas only (the platform admin has no office)
  loader("dinas.monitoring._index.tsx", () => "/dinas/monitoring", MONITORING, { hidden: { from: ["dinasB"], values: (f) => [f.groupA.name, f.partnerX.displayName] } }),
  loader("dinas.monitoring.records.tsx", () => "/dinas/monitoring/records?figure=groups.formed", MONITORING, { hidden: { from: ["dinasB"], values: (f) => [f.groupA.name] } }),
  loader("dinas.partners._index.tsx", () => "/dinas/partners", MONITORING, { hidden: { from: ["dinasB"], values: (f) => [f.partnerX.id] } }),
  // the name search and paging (decision 141) search the viewer's office only: another office's partner is not found by name
  loader("dinas.partners._index.tsx", (f) => `/dinas/partners?q=${encodeURIComponent(f.partnerX.displayName)}&page=1`, MONITORING, {
    name: "dinas.partners._index.tsx GET (name search)",
    // its id (the rows link to it); the name is in the answer as the search field's value
    hidden: { from: ["dinasB"], values: (f) => [f.partnerX.id] },
  }),
  loader("dinas.partners.$partnerId.tsx", (f) => `/dinas/partners/${f.partnerX.id}`, ["dinasA", "province"], { params: (f) => ({ partnerId: f.partnerX.id }) }),
  loader("dinas.reports._index.tsx", () => "/dinas/reports", MONITORING),
  loader("dinas.reports.annual[.]pdf.tsx", () => "/dinas/reports/annual.pdf?year=2026", MONITORING),
  loader("dinas.monitoring.share.tsx", () => "/dinas/monitoring/share", ["dinasA", "dinasB"], { hidden: { from: ["dinasB"], values: (f) => [f.shareLink.label] } }),
  loader("share.$token.tsx", (f) => `/share/${f.shareToken}`, PUBLIC, { params: (f) => ({ token: f.shareToken }) }),
  loader("share.$token.tsx", () => "/share/not-a-token-of-any-link-000000", [], { name: "share.$token.tsx GET (unknown token)", params: () => ({ token: "not-a-token-of-any-link-000000" }) }),
  loader("dinas.export.$page.tsx", () => "/dinas/export/partners?format=csv", MONITORING, { params: () => ({ page: "partners" }), hidden: { from: ["dinasB"], values: (f) => [f.partnerX.displayName] } }),
  // early warnings: each office sees its own; the theme park is office A's "mitra pasif"
  // (the province reads the warnings of both cities, and cannot follow them up)
  loader("dinas.warnings.tsx", () => "/dinas/warnings", MONITORING, { hidden: { from: ["dinasB"], values: (f) => [f.themePark.id, f.passiveWarningKey] } }),
  loader("dinas.warnings.tsx", (f) => `/dinas/warnings?key=${encodeURIComponent(f.passiveWarningKey)}`, ["dinasA", "province"], { name: "dinas.warnings.tsx GET (one warning to follow up)" }),
  loader("dinas.export.$page.tsx", () => "/dinas/export/warnings?format=csv&state=all", MONITORING, {
    name: "dinas.export.$page.tsx GET (warnings)",
    params: () => ({ page: "warnings" }),
    hidden: { from: ["dinasB"], values: (f) => [f.themePark.displayName] },
  }),
  // programme aid: each office sees and records its own groups' aid
  loader("dinas.aid.tsx", () => "/dinas/aid", MONITORING, { hidden: { from: ["dinasB"], values: (f) => [f.groupA.id, f.groupA.name] } }),
  loader("dinas.export.$page.tsx", () => "/dinas/export/aid?format=csv", MONITORING, {
    name: "dinas.export.$page.tsx GET (aid)",
    params: () => ({ page: "aid" }),
    hidden: { from: ["dinasB"], values: () => ["KUBE Sumber Rejeki Sumberejo"] },
  }),
  loader("dinas.verification.tsx", () => "/dinas/verification", DINAS, { hidden: { from: ["dinasB"], values: (f) => [f.pendingGroup.id] } }),

  // Facilitator
  loader("facilitator._index.tsx", () => "/facilitator", ["admin", ...FACILITATORS], { hidden: { from: ["facilitatorOther"], values: (f) => [f.groupA.id] } }),
  loader("facilitator.demands.tsx", () => "/facilitator/demands", ["admin", ...FACILITATORS]),

  // Group home pages (own group only, by the session)
  loader("group._index.tsx", () => "/group", CHAIRS),
  loader("group.coaching.tsx", () => "/group/coaching", CHAIRS),
  loader("group.demands.tsx", () => "/group/demands", CHAIRS),
  loader("group.products.tsx", () => "/group/products", CHAIRS),

  // Group A's pages
  loader("groups.$groupId._index.tsx", (f) => `/groups/${A(f)}`, GROUP_A, { params: (f) => ({ groupId: A(f) }) }),
  loader("groups.$groupId.edit.tsx", (f) => `/groups/${A(f)}/edit`, GROUP_A, { params: (f) => ({ groupId: A(f) }) }),
  loader("groups.$groupId_.payout.tsx", (f) => `/groups/${A(f)}/payout`, GROUP_A, { params: (f) => ({ groupId: A(f) }) }),
  loader("groups.$groupId_.payout.$accountId.qris.tsx", (f) => `/groups/${A(f)}/payout/${f.payoutPending.id}/qris`, GROUP_A, { params: (f) => ({ groupId: A(f), accountId: f.payoutPending.id }) }),
  loader("groups.$groupId_.coaching.tsx", (f) => `/groups/${A(f)}/coaching`, GROUP_A, { params: (f) => ({ groupId: A(f) }) }),
  loader("groups.$groupId_.demands._index.tsx", (f) => `/groups/${A(f)}/demands`, GROUP_A_WORK, { params: (f) => ({ groupId: A(f) }) }),
  loader("groups.$groupId_.demands.$demandId.tsx", (f) => `/groups/${A(f)}/demands/${f.demandX.id}`, GROUP_A_WORK, {
    params: (f) => ({ groupId: A(f), demandId: f.demandX.id }),
    hidden: { from: ["chairA", "facilitatorA"], values: (f) => [f.offerB.id] },
  }),
  loader("groups.$groupId_.products._index.tsx", (f) => `/groups/${A(f)}/products`, GROUP_A_WORK, { params: (f) => ({ groupId: A(f) }) }),
  loader("groups.$groupId_.products.new.tsx", (f) => `/groups/${A(f)}/products/new`, GROUP_A_WORK, { params: (f) => ({ groupId: A(f) }) }),
  loader("groups.$groupId_.products.$productId.tsx", (f) => `/groups/${A(f)}/products/${f.productA.id}`, GROUP_A_WORK, { params: (f) => ({ groupId: A(f), productId: f.productA.id }) }),
  loader("groups.$groupId_.products.$productId.tsx", (f) => `/groups/${A(f)}/products/${f.productB.id}`, [], {
    name: "groups.$groupId_.products.$productId.tsx GET (group B's product under group A's URL)",
    params: (f) => ({ groupId: A(f), productId: f.productB.id }),
  }),
  loader("groups.$groupId_.visits.tsx", (f) => `/groups/${A(f)}/visits`, GROUP_A, { params: (f) => ({ groupId: A(f) }) }),
  loader("mentoring.photos.$photoId.tsx", (f) => `/mentoring/photos/${f.visitPhoto.id}`, GROUP_A, { params: (f) => ({ photoId: f.visitPhoto.id }) }),
  loader("demands.offer-photo.$offerId.tsx", (f) => `/demands/offer-photo/${f.offerA.id}`, TRADE_AX, { params: (f) => ({ offerId: f.offerA.id }) }),

  // Coaching
  loader("coaching.$sessionId.tsx", (f) => `/coaching/${f.sessionDue.id}`, TRADE_AX, { params: (f) => ({ sessionId: f.sessionDue.id }) }),
  loader("coaching.files.$fileId.tsx", (f) => `/coaching/files/${f.coachingFile.id}`, TRADE_AX, { params: (f) => ({ fileId: f.coachingFile.id }) }),

  // Orders, invoices, payments, ledger
  loader("orders._index.tsx", () => "/orders", SIGNED_IN, {
    hidden: { from: ["dinasB", "chairB", "partnerY", "facilitatorOther"], values: (f) => [f.orderPlaced.id, f.orderAccepted.id] },
  }),
  loader("orders._index.tsx", () => "/orders", SIGNED_IN, {
    name: "orders._index.tsx GET (office A does not see office B)",
    actors: ["dinasA"],
    hidden: { from: ["dinasA"], values: (f) => [f.orderMalang.id] },
  }),
  loader("orders.$orderId.tsx", (f) => `/orders/${f.orderPlaced.id}`, TRADE_AX, { params: (f) => ({ orderId: f.orderPlaced.id }) }),
  loader("orders.$orderId.tsx", (f) => `/orders/${f.orderMalang.id}`, ["admin", "dinasB"], { name: "orders.$orderId.tsx GET (a Kota Malang order)", params: (f) => ({ orderId: f.orderMalang.id }) }),
  loader("orders.$orderId.photo.tsx", (f) => `/orders/${f.orderReceived.id}/photo`, TRADE_AX, { params: (f) => ({ orderId: f.orderReceived.id }) }),
  loader("orders.plan.tsx", (f) => `/orders/plan?group=${A(f)}`, [...TRADE_AX_GROUP_SIDE, "admin", "dinasA", "chairB"], {
    params: () => ({}),
    hidden: { from: ["chairB"], values: (f) => [f.orderPlaced.id, f.orderAccepted.id] },
  }),
  // the delivery calendar: the group side (chairs, facilitators for their groups) and the partners, each its own MoUs
  loader("orders.calendar.tsx", () => "/orders/calendar", [...FACILITATORS, ...CHAIRS, ...PARTNERS], { hidden: { from: ["chairB", "partnerY", "facilitatorOther"], values: (f) => [f.mouA.id] } }),
  loader("invoices._index.tsx", () => "/invoices", SIGNED_IN, {
    hidden: { from: ["dinasB", "chairB", "partnerY", "facilitatorOther"], values: (f) => [f.invoicePending.id, f.invoiceOpen.id] },
  }),
  loader("invoices.$invoiceId.tsx", (f) => `/invoices/${f.invoicePending.id}`, TRADE_AX, { params: (f) => ({ invoiceId: f.invoicePending.id }) }),
  loader("invoices.$invoiceId.tsx", (f) => `/invoices/${f.invoiceMalang.id}`, ["admin", "dinasB"], { name: "invoices.$invoiceId.tsx GET (a Kota Malang invoice)", params: (f) => ({ invoiceId: f.invoiceMalang.id }) }),
  loader("invoices.$invoiceId.pdf.tsx", (f) => `/invoices/${f.invoicePending.id}/pdf`, TRADE_AX, { params: (f) => ({ invoiceId: f.invoicePending.id }) }),
  loader("invoices.$invoiceId.qris.tsx", (f) => `/invoices/${f.invoicePending.id}/qris`, TRADE_AX, { params: (f) => ({ invoiceId: f.invoicePending.id }) }),
  loader("payments.$paymentId.proof.tsx", (f) => `/payments/${f.paymentPending.id}/proof`, TRADE_AX, { params: (f) => ({ paymentId: f.paymentPending.id }) }),
  loader("ledger.tsx", (f) => `/ledger?group=${A(f)}`, [...TRADE_AX_GROUP_SIDE, "admin", "dinasA", "chairB"], { hidden: { from: ["chairB"], values: (f) => [f.invoicePending.number] } }),
  loader("ledger.csv.tsx", (f) => `/ledger.csv?group=${A(f)}`, [...TRADE_AX_GROUP_SIDE, "admin", "dinasA", "chairB"], { hidden: { from: ["chairB"], values: (f) => [f.invoicePending.number] } }),

  // MoUs
  // every signed-in party has MoUs to list, except the province (it reads only the monitoring)
  loader("mou._index.tsx", () => "/mou", SIGNED_IN.filter((a) => a !== "province"), { hidden: { from: ["dinasB", "chairB", "partnerY", "facilitatorOther"], values: (f) => [f.mouA.id] } }),
  loader("mou._index.tsx", () => "/mou", SIGNED_IN, { name: "mou._index.tsx GET (office A does not see office B)", actors: ["dinasA"], hidden: { from: ["dinasA"], values: (f) => [f.mouMalang.id] } }),
  loader("mou.$id.tsx", (f) => `/mou/${f.mouA.id}`, TRADE_AX, { params: (f) => ({ id: f.mouA.id }) }),
  loader("mou.$id.tsx", (f) => `/mou/${f.mouMalang.id}`, ["admin", "dinasB"], { name: "mou.$id.tsx GET (the Kota Malang MoU)", params: (f) => ({ id: f.mouMalang.id }) }),
  loader("mou.$id_.edit.tsx", (f) => `/mou/${f.mouDraft.id}/edit`, OFFICE_A, { params: (f) => ({ id: f.mouDraft.id }) }),
  loader("mou.$id_.pdf.tsx", (f) => `/mou/${f.mouA.id}/pdf`, TRADE_AX, { params: (f) => ({ id: f.mouA.id }) }),
  // the signing page: the parties of the out-for-signature MoU (partner X, the KUBE of the MoU and its facilitator A) and office A
  // in-person signing: the facilitator of the MoU's group and Dinas of its office (admins do not witness)
  loader("mou.$id_.assisted.tsx", (f) => `/mou/${f.mouAssisted.id}/assisted`, ["dinasA", "facilitatorA"], { params: (f) => ({ id: f.mouAssisted.id }) }),
  loader("mou.$id_.assisted.tsx", (f) => `/mou/${f.mouOut.id}/assisted`, ["dinasA", "facilitatorA"], { name: "mou.$id_.assisted.tsx GET (the partner's turn: no chair to sign)", params: (f) => ({ id: f.mouOut.id }) }),
  loader("mou.$id_.assisted.tsx", (f) => `/mou/${f.mouMalang.id}/assisted`, ["dinasB"], { name: "mou.$id_.assisted.tsx GET (the Kota Malang MoU)", params: (f) => ({ id: f.mouMalang.id }) }),
  loader("mou.$id_.sign.tsx", (f) => `/mou/${f.mouOut.id}/sign`, ["admin", "dinasA", "facilitatorA", "partnerX"], { params: (f) => ({ id: f.mouOut.id }) }),

  // Partner pages
  loader("partner._index.tsx", () => "/partner", PARTNERS),
  loader("partner.coaching.tsx", () => "/partner/coaching", PARTNERS, { hidden: { from: ["partnerY"], values: (f) => [f.sessionDue.id] } }),
  loader("partner.demands._index.tsx", () => "/partner/demands", PARTNERS, { hidden: { from: ["partnerY"], values: (f) => [f.demandX.id] } }),
  loader("partner.demands.new.tsx", () => "/partner/demands/new", PARTNERS),
  loader("partner.demands.$demandId.tsx", (f) => `/partner/demands/${f.demandX.id}`, ["partnerX"], { params: (f) => ({ demandId: f.demandX.id }) }),
  loader("partner.demands.$demandId_.edit.tsx", (f) => `/partner/demands/${f.demandXDraft.id}/edit`, ["partnerX"], { params: (f) => ({ demandId: f.demandXDraft.id }) }),
  loader("partner.orders.new.tsx", (f) => `/partner/orders/new?product=${f.productA.slug}`, PARTNERS),

  // ── Actions ──
  // Public forms: anyone may post them (they act on no other party's record).
  action("login.tsx", "-", () => "/login", () => ({ email: "admin@bermitra.id", password: "bermitra-demo" }), PUBLIC),
  action("signup.tsx", "-", () => `/signup?as=partner`, (f, a) => ({ name: "Mitra Matrix", email: `matrix.${a}@example.com`, password: "kata-sandi-yang-panjang", legalName: "PT Matrix Uji", displayName: `Matrix ${a}`, sector: "HOTEL", address: "Jl. Uji No. 2", dinasOfficeId: f.partnerX.dinasOfficeId }), PUBLIC, {
    // no enumeration (decision in docs/security.md): a new sign-up is sent to /login?signedUp=1 without a session
    letThrough: { location: "/login?signedUp=1", writes: ["User", "Partner"] },
  }),
  action("forgot-password.tsx", "-", () => "/forgot-password", () => ({ email: "kelompok@bermitra.id" }), PUBLIC),
  // log-in with a code by phone (decision 109): anyone may ask for one (the same answer for any number); the
  // right code for the number logs that account in, whoever posts it (it is the proof)
  loader("login_.code.tsx", () => "/login/code", PUBLIC),
  action("login_.code.tsx", "send", () => "/login/code", () => ({ intent: "send", phone: "0812-7000-1001" }), PUBLIC),
  action("login_.code.tsx", "verify", () => "/login/code", () => ({ intent: "verify", phone: "0812-7000-1001", code: LOGIN_CODE }), PUBLIC),
  action("forgot-password.tsx", "-", () => "/forgot-password", () => ({ email: "0812-7000-1001" }), PUBLIC, { name: "by mobile number" }),
  action("reset-password.$token.tsx", "-", () => "/reset-password/not-a-token", () => ({ password: "kata-sandi-baru-panjang", confirm: "kata-sandi-baru-panjang" }), [], { params: () => ({ token: "not-a-token" }) }),
  action("language.tsx", "-", () => "/language", () => ({ lng: "en", redirectTo: "/" }), PUBLIC),
  action("logout.tsx", "-", () => "/logout", () => ({}), PUBLIC, { freshSession: true }),
  action("mou.verify.tsx", "-", () => "/mou/verify", () => ({ pdf: "not a pdf" }), PUBLIC),
  action("webhooks.stripe.tsx", "-", () => "/webhooks/stripe", () => ({ type: "checkout.session.completed" }), []),
  // delivery statuses need a valid X-Hub-Signature-256: no session lets a forged one through
  action("webhooks.whatsapp.tsx", "-", () => "/webhooks/whatsapp", () => ({ entry: "[]" }), []),
  action("notifications.tsx", "-", () => "/notifications", () => ({}), SIGNED_IN),
  action("account.tsx", "notifications", () => "/account", () => ({ intent: "notifications" }), SIGNED_IN),
  // each person's own channel choices (decision 109); "EMAIL" alone is offered to everyone with an address
  action("account.tsx", "channels", () => "/account", () => ({ intent: "channels", "channels.orderReminder": "EMAIL" }), SIGNED_IN),
  // revoking chair A's session from another account must not work (each user revokes only their own)
  action("account.tsx", "revoke", () => "/account", (f) => ({ intent: "revoke", sessionId: f.chairASessionId }), [], { actors: SIGNED_IN.filter((a) => a !== "chairA") }),

  // Dinas
  action("dinas.aid.tsx", "record", () => "/dinas/aid", (f) => ({ intent: "record", groupId: f.groupA.id, kind: "CAPITAL", source: "APBD", receivedOn: dayKey(-10), description: "Modal usaha (matrix)", valueRupiah: "1000000" }), ["dinasA"]),
  action("dinas.warnings.tsx", "followUp", () => "/dinas/warnings", (f) => ({ intent: "followUp", key: f.passiveWarningKey, note: "Manajer ditelepon (matrix)" }), ["dinasA"]),
  action("dinas.monitoring.share.tsx", "create", () => "/dinas/monitoring/share", () => ({ intent: "create", label: "Kantor Wali Kota", days: "30", query: "" }), ["dinasA", "dinasB"]),
  action("dinas.monitoring.share.tsx", "revoke", () => "/dinas/monitoring/share", (f) => ({ intent: "revoke", id: f.shareLink.id }), ["dinasA"]),
  action("dinas.verification.tsx", "-", () => "/dinas/verification", (f) => ({ subject: "group", id: f.pendingGroup.id, decision: "verify" }), OFFICE_A),
  action("dinas.mou.new.tsx", "-", () => "/dinas/mou/new", (f) => ({ partnerId: f.partnerX.id, groupIds: [A(f), f.groupB.id], startDate: dayKey(30), endDate: dayKey(300) }), OFFICE_A),
  action("dinas.demands.$demandId.tsx", "invite", (f) => `/dinas/demands/${f.demandX.id}`, (f) => ({ intent: "invite", groupId: f.groupOther.id, note: "Silakan menawar" }), OFFICE_A, { params: (f) => ({ demandId: f.demandX.id }) }),
  action("dinas.demands.$demandId.tsx", "message", (f) => `/dinas/demands/${f.demandX.id}`, (f) => ({ intent: "message", groupId: A(f), body: "Pesan dari Dinas" }), OFFICE_A, { params: (f) => ({ demandId: f.demandX.id }) }),

  // Group A's profile, products, visits
  action("groups.$groupId_.payout.tsx", "submit", (f) => `/groups/${A(f)}/payout`, () => ({ intent: "submit", bankName: "BNI", accountNumber: "1122334455", holderName: "KPM Melati Sisir" }), GROUP_A, { params: (f) => ({ groupId: A(f) }) }),
  // the chair entered the waiting change: it cannot confirm it (nor may a group confirm at all); facilitator and Dinas of the office may
  action("groups.$groupId_.payout.tsx", "decide", (f) => `/groups/${A(f)}/payout`, (f) => ({ intent: "decide", accountId: f.payoutPending.id, decision: "confirm" }), ["admin", "dinasA", "facilitatorA"], { params: (f) => ({ groupId: A(f) }) }),
  action("groups.$groupId.edit.tsx", "-", (f) => `/groups/${A(f)}/edit`, (f) => ({ name: f.groupA.name, villageId: f.groupA.villageId, businessKind: "PRODUKSI", businessDescription: "Diubah oleh uji matriks" }), GROUP_A, { params: (f) => ({ groupId: A(f) }) }),
  action("groups.$groupId_.products.new.tsx", "-", (f) => `/groups/${A(f)}/products/new`, productFields, GROUP_A_WORK, { params: (f) => ({ groupId: A(f) }) }),
  action("groups.$groupId_.products._index.tsx", "-", (f) => `/groups/${A(f)}/products`, (f) => ({ productId: f.productA.id, event: "pause" }), GROUP_A_WORK, { params: (f) => ({ groupId: A(f) }) }),
  action("groups.$groupId_.products._index.tsx", "-", (f) => `/groups/${A(f)}/products`, (f) => ({ productId: f.productB.id, event: "pause" }), [], { name: "group B's product through group A's list", params: (f) => ({ groupId: A(f) }) }),
  ...(["pause", "archive"] as const).map((intent) =>
    action("groups.$groupId_.products.$productId.tsx", intent, (f) => `/groups/${A(f)}/products/${f.productA.id}`, () => ({ intent }), GROUP_A_WORK, { params: (f) => ({ groupId: A(f), productId: f.productA.id }) }),
  ),
  action("groups.$groupId_.products.$productId.tsx", "resume", (f) => `/groups/${A(f)}/products/${f.productA.id}`, () => ({ intent: "resume" }), [], {
    name: "an active product cannot be resumed",
    params: (f) => ({ groupId: A(f), productId: f.productA.id }),
  }),
  action("groups.$groupId_.products.$productId.tsx", "save", (f) => `/groups/${A(f)}/products/${f.productA.id}`, productFields, GROUP_A_WORK, { params: (f) => ({ groupId: A(f), productId: f.productA.id }) }),
  action("groups.$groupId_.products.$productId.tsx", "pause", (f) => `/groups/${A(f)}/products/${f.productB.id}`, () => ({ intent: "pause" }), [], {
    name: "group B's product under group A's URL",
    params: (f) => ({ groupId: A(f), productId: f.productB.id }),
  }),
  action("groups.$groupId_.visits.tsx", "log", (f) => `/groups/${A(f)}/visits`, (f) => ({ intent: "log", visitDate: dayKey(-1), place: "Balai desa", topics: ["BUSINESS"], memberIds: [f.groupA.members[0]!.id] }), ["facilitatorA"], { params: (f) => ({ groupId: A(f) }) }),
  action("groups.$groupId_.visits.tsx", "followUpDone", (f) => `/groups/${A(f)}/visits`, (f) => ({ intent: "followUpDone", followUpId: f.visit.followUps[0]!.id }), GROUP_A, { params: (f) => ({ groupId: A(f) }) }),

  // Offers (group side): group A's own URL
  action("groups.$groupId_.demands.$demandId.tsx", "send", (f) => `/groups/${A(f)}/demands/${f.demandY.id}`, offerFields, GROUP_A_WORK, { params: (f) => ({ groupId: A(f), demandId: f.demandY.id }) }),
  action("groups.$groupId_.demands.$demandId.tsx", "revise", (f) => `/groups/${A(f)}/demands/${f.demandX.id}`, (f) => ({ ...offerFields(f), intent: "revise", offerId: f.offerA.id }), GROUP_A_WORK, { params: (f) => ({ groupId: A(f), demandId: f.demandX.id }) }),
  action("groups.$groupId_.demands.$demandId.tsx", "withdraw", (f) => `/groups/${A(f)}/demands/${f.demandX.id}`, (f) => ({ intent: "withdraw", offerId: f.offerA.id }), GROUP_A_WORK, { params: (f) => ({ groupId: A(f), demandId: f.demandX.id }) }),
  action("groups.$groupId_.demands.$demandId.tsx", "message", (f) => `/groups/${A(f)}/demands/${f.demandX.id}`, () => ({ intent: "message", body: "Pertanyaan dari kelompok" }), GROUP_A_WORK, { params: (f) => ({ groupId: A(f), demandId: f.demandX.id }) }),
  // Issue 10, hole 1: another group (its chair, or the facilitator of another group) posts group A's offer id
  // to its own group's page of the same demand.
  ...(["revise", "withdraw"] as const).map((intent) =>
    action(
      "groups.$groupId_.demands.$demandId.tsx",
      intent,
      (f, a) => `/groups/${a === "chairB" ? f.groupB.id : f.groupOther.id}/demands/${f.demandX.id}`,
      (f) => ({ ...(intent === "revise" ? offerFields(f) : {}), intent, offerId: f.offerA.id }),
      [],
      { name: "group A's offer through another group's URL", actors: ["chairB", "facilitatorOther"], params: (f, a) => ({ groupId: a === "chairB" ? f.groupB.id : f.groupOther.id, demandId: f.demandX.id }) },
    ),
  ),

  // Demands and offers (partner side)
  action("partner.demands.new.tsx", "publish", () => "/partner/demands/new", (f) => ({ intent: "publish", ...demandFields(f) }), PARTNERS),
  action("partner.demands.$demandId_.edit.tsx", "-", (f) => `/partner/demands/${f.demandXDraft.id}/edit`, demandFields, ["partnerX"], { params: (f) => ({ demandId: f.demandXDraft.id }) }),
  action("partner.demands.$demandId.tsx", "publish", (f) => `/partner/demands/${f.demandXDraft.id}`, () => ({ intent: "publish" }), ["partnerX"], { params: (f) => ({ demandId: f.demandXDraft.id }) }),
  action("partner.demands.$demandId.tsx", "close", (f) => `/partner/demands/${f.demandXAwarded.id}`, () => ({ intent: "close" }), ["partnerX"], { params: (f) => ({ demandId: f.demandXAwarded.id }) }),
  action("partner.demands.$demandId.tsx", "cancel", (f) => `/partner/demands/${f.demandX.id}`, () => ({ intent: "cancel", reason: "Acara batal" }), ["partnerX"], { params: (f) => ({ demandId: f.demandX.id }) }),
  action("partner.demands.$demandId.tsx", "shortlist", (f) => `/partner/demands/${f.demandX.id}`, (f) => ({ intent: "shortlist", offerId: f.offerA.id }), ["partnerX"], { params: (f) => ({ demandId: f.demandX.id }) }),
  action("partner.demands.$demandId.tsx", "decline", (f) => `/partner/demands/${f.demandX.id}`, (f) => ({ intent: "decline", offerId: f.offerA.id, reason: "Harga terlalu tinggi" }), ["partnerX"], { params: (f) => ({ demandId: f.demandX.id }) }),
  action("partner.demands.$demandId.tsx", "accept", (f) => `/partner/demands/${f.demandX.id}`, (f) => ({ intent: "accept", [`qty-${f.offerA.id}`]: "50" }), ["partnerX"], { params: (f) => ({ demandId: f.demandX.id }) }),
  action("partner.demands.$demandId.tsx", "message", (f) => `/partner/demands/${f.demandX.id}`, (f) => ({ intent: "message", groupId: A(f), body: "Jawaban mitra" }), ["partnerX"], { params: (f) => ({ demandId: f.demandX.id }) }),
  // Issue 10, hole 2: partner Y posts partner X's offer ids to its own demand page.
  ...(["shortlist", "decline", "accept"] as const).map((intent) =>
    action(
      "partner.demands.$demandId.tsx",
      intent,
      (f) => `/partner/demands/${f.demandY.id}`,
      (f) => (intent === "accept" ? { intent, [`qty-${f.offerA.id}`]: "50" } : { intent, offerId: f.offerA.id, reason: "Ditolak pesaing" }),
      [],
      { name: "partner X's offer through partner Y's demand", actors: ["partnerY"], params: (f) => ({ demandId: f.demandY.id }) },
    ),
  ),

  // Catalogue order
  action("partner.orders.new.tsx", "-", (f) => `/partner/orders/new?product=${f.productA.slug}`, (f) => ({ groupId: A(f), deliveryDate: dayKey(7), deliveryAddress: "Jl. Uji No. 3", [`qty-${f.productA.id}`]: String(Math.max(f.productA.minOrderQty, 10)) }), PARTNERS),
  action("partner.orders.new.tsx", "-", () => `/partner/orders/new`, (f) => ({ groupId: A(f), deliveryDate: dayKey(7), deliveryAddress: "Jl. Uji No. 3", [`qty-${f.productB.id}`]: String(Math.max(f.productB.minOrderQty, 10)) }), [], {
    name: "group B's product in an order to group A",
    actors: PARTNERS,
  }),

  // Orders of the A–X pair
  action("orders.calendar.tsx", "pause", () => "/orders/calendar", (f) => ({ intent: "pause", mouId: f.mouA.id, groupId: f.groupA.id, untilDay: dayKey(14), reason: "matrix" }), ["partnerX"]),
  action("orders.calendar.tsx", "resume", () => "/orders/calendar", (f) => ({ intent: "resume", pauseId: f.pauseA.id }), ["partnerX"]),
  action("orders.$orderId.tsx", "accept", (f) => `/orders/${f.orderPlaced.id}`, (f) => ({ intent: "accept", confirm: "yes", ...Object.fromEntries(f.orderPlaced.lines.map((l) => [`qty-${l.id}`, String(l.quantity)])) }), TRADE_AX_GROUP_SIDE, { params: (f) => ({ orderId: f.orderPlaced.id }) }),
  action("orders.$orderId.tsx", "decline", (f) => `/orders/${f.orderPlaced.id}`, () => ({ intent: "decline", reason: "Kapasitas penuh" }), TRADE_AX_GROUP_SIDE, { params: (f) => ({ orderId: f.orderPlaced.id }) }),
  // either side may cancel, and Dinas (it mediates)
  action("orders.$orderId.tsx", "cancel", (f) => `/orders/${f.orderPlaced.id}`, () => ({ intent: "cancel", reason: "Acara batal" }), ["admin", "dinasA", "facilitatorA", "chairA", "partnerX"], { params: (f) => ({ orderId: f.orderPlaced.id }) }),
  action("orders.$orderId.tsx", "startProduction", (f) => `/orders/${f.orderAccepted.id}`, () => ({ intent: "startProduction" }), TRADE_AX_GROUP_SIDE, { params: (f) => ({ orderId: f.orderAccepted.id }) }),
  action("orders.$orderId.tsx", "ship", (f) => `/orders/${f.orderInProduction.id}`, () => ({ intent: "ship" }), TRADE_AX_GROUP_SIDE, { params: (f) => ({ orderId: f.orderInProduction.id }) }),
  action("orders.$orderId.tsx", "receive", (f) => `/orders/${f.orderShipped.id}`, (f) => ({ intent: "receive", receivedByName: "Bu Wulan", ...Object.fromEntries(f.orderShipped.lines.flatMap((l) => [[`delivered-${l.id}`, String(l.quantity)], [`accepted-${l.id}`, String(l.quantity)]])) }), ["partnerX"], { params: (f) => ({ orderId: f.orderShipped.id }) }),
  action("orders.$orderId.tsx", "dispute", (f) => `/orders/${f.orderDisputed.id}`, () => ({ intent: "dispute", reason: "Jumlah ditolak salah" }), [], {
    name: "an order already disputed",
    params: (f) => ({ orderId: f.orderDisputed.id }),
  }),
  action("orders.$orderId.tsx", "resolve", (f) => `/orders/${f.orderDisputed.id}`, (f) => ({ intent: "resolve", reason: "Disepakati", ...Object.fromEntries(f.orderDisputed.lines.map((l) => [`accepted-${l.id}`, String(l.quantity)])) }), ["partnerX"], { params: (f) => ({ orderId: f.orderDisputed.id }) }),
  action("orders.$orderId.tsx", "invoice", (f) => `/orders/${f.orderReceived.id}`, () => ({ intent: "invoice" }), TRADE_AX_GROUP_SIDE, { params: (f) => ({ orderId: f.orderReceived.id }) }),
  action("orders.$orderId.tsx", "change", (f) => `/orders/${f.standingPlaced.id}`, (f) => ({ intent: "change", ...Object.fromEntries(f.standingPlaced.lines.map((l) => [`qty-${l.id}`, String(Math.max(1, l.quantity - 1))])) }), ["partnerX"], { params: (f) => ({ orderId: f.standingPlaced.id }) }),
  action("orders.$orderId.tsx", "skip", (f) => `/orders/${f.standingPlaced.id}`, () => ({ intent: "skip", reason: "Dapur tutup" }), ["partnerX"], { params: (f) => ({ orderId: f.standingPlaced.id }) }),
  // Issue 10, hole 3: quantities of an accepted catalogue order (not a standing order) cannot be changed.
  action("orders.$orderId.tsx", "change", (f) => `/orders/${f.orderAccepted.id}`, (f) => ({ intent: "change", ...Object.fromEntries(f.orderAccepted.lines.map((l) => [`qty-${l.id}`, String(l.quantity * 10)])) }), [], {
    name: "an accepted catalogue order",
    params: (f) => ({ orderId: f.orderAccepted.id }),
  }),

  // Invoices and payments
  action("invoices.$invoiceId.tsx", "transfer", (f) => `/invoices/${f.invoiceOpen.id}`, () => ({ intent: "transfer", reference: "TRF-MATRIX" }), [], {
    name: "without the proof file",
    params: (f) => ({ invoiceId: f.invoiceOpen.id }),
  }),
  action("invoices.$invoiceId.tsx", "card", (f) => `/invoices/${f.invoiceOpen.id}`, () => ({ intent: "card" }), [], { name: "card payments are off in tests", params: (f) => ({ invoiceId: f.invoiceOpen.id }) }),
  action("invoices.$invoiceId.tsx", "cash", (f) => `/invoices/${f.invoiceOpen.id}`, () => ({ intent: "cash" }), TRADE_AX_GROUP_SIDE, { params: (f) => ({ invoiceId: f.invoiceOpen.id }) }),
  action("invoices.$invoiceId.tsx", "decide", (f) => `/invoices/${f.invoicePending.id}`, (f) => ({ intent: "decide", paymentId: f.paymentPending.id, decision: "confirm" }), ["admin", "dinasA", "facilitatorA", "chairA"], { params: (f) => ({ invoiceId: f.invoicePending.id }) }),

  // MoUs (managed by the office's Dinas)
  action("mou.$id.tsx", "submit", (f) => `/mou/${f.mouDraft.id}`, () => ({ intent: "submit" }), OFFICE_A, { params: (f) => ({ id: f.mouDraft.id }) }),
  action("mou.$id.tsx", "returnToDraft", (f) => `/mou/${f.mouInReview.id}`, () => ({ intent: "returnToDraft", reason: "Perlu diperbaiki" }), OFFICE_A, { params: (f) => ({ id: f.mouInReview.id }) }),
  action("mou.$id.tsx", "send", (f) => `/mou/${f.mouInReview.id}`, () => ({ intent: "send" }), OFFICE_A, { params: (f) => ({ id: f.mouInReview.id }) }),
  action("mou.$id.tsx", "withdraw", (f) => `/mou/${f.mouOut.id}`, () => ({ intent: "withdraw", reason: "Ada perubahan" }), OFFICE_A, { params: (f) => ({ id: f.mouOut.id }) }),
  action("mou.$id.tsx", "amend", (f) => `/mou/${f.mouA.id}`, () => ({ intent: "amend", reason: "Tambah jumlah" }), OFFICE_A, { params: (f) => ({ id: f.mouA.id }) }),
  action("mou.$id.tsx", "terminate", (f) => `/mou/${f.mouA.id}`, () => ({ intent: "terminate", reason: "Mitra berhenti", confirm: "yes" }), OFFICE_A, { params: (f) => ({ id: f.mouA.id }) }),
  action("mou.$id.tsx", "renew", (f) => `/mou/${f.mouA.id}`, () => ({ intent: "renew" }), OFFICE_A, { params: (f) => ({ id: f.mouA.id }) }),
  action("mou.$id.tsx", "terminate", (f) => `/mou/${f.mouMalang.id}`, () => ({ intent: "terminate", reason: "Mitra berhenti", confirm: "yes" }), ["admin", "dinasB"], { name: "the Kota Malang MoU", params: (f) => ({ id: f.mouMalang.id }) }),
  action("mou.$id_.edit.tsx", "-", (f) => `/mou/${f.mouDraft.id}/edit`, (f) => mouFields(f.mouDraftContent), OFFICE_A, { params: (f) => ({ id: f.mouDraft.id }) }),
  // Signing: only the signer whose turn it is (partner X's signatory), by the signed-in page or the emailed link.
  // a signer with an account confirms with the password; emailed codes are for signers without one
  action("mou.$id_.sign.tsx", "requestCode", (f) => `/mou/${f.mouOut.id}/sign`, () => ({ intent: "requestCode" }), [], { name: "a signer with an account", params: (f) => ({ id: f.mouOut.id }) }),
  action("mou.$id_.sign.tsx", "sign", (f) => `/mou/${f.mouOut.id}/sign`, () => ({ intent: "sign", password: "bermitra-demo", typedName: "Hendra Wijaya", consent: "on" }), ["partnerX"], { params: (f) => ({ id: f.mouOut.id }) }),
  action("mou.$id_.sign.tsx", "decline", (f) => `/mou/${f.mouOut.id}/sign`, () => ({ intent: "decline", declinePassword: "bermitra-demo", reason: "Isi belum sesuai" }), ["partnerX"], { params: (f) => ({ id: f.mouOut.id }) }),
  action("mou.$id_.assisted.tsx", "sendCode", (f) => `/mou/${f.mouAssisted.id}/assisted`, () => ({ intent: "sendCode" }), ["dinasA", "facilitatorA"], { params: (f) => ({ id: f.mouAssisted.id }) }),
  action("mou.$id_.assisted.tsx", "sign", (f) => `/mou/${f.mouAssisted.id}/assisted`, (f) => ({ intent: "sign", method: "ATTESTED", attest: "on", officerPassword: "bermitra-demo", typedName: f.assistedChairName, consent: "on" }), ["dinasA", "facilitatorA"], { params: (f) => ({ id: f.mouAssisted.id }) }),
  action("mou.$id_.assisted.tsx", "sign", (f) => `/mou/${f.mouOut.id}/assisted`, (f) => ({ intent: "sign", method: "ATTESTED", attest: "on", officerPassword: "bermitra-demo", typedName: f.assistedChairName, consent: "on" }), [], { name: "the partner's turn", params: (f) => ({ id: f.mouOut.id }) }),
  action("sign.$token.tsx", "requestCode", (f) => `/sign/${f.signToken}`, () => ({ intent: "requestCode" }), [], { name: "a signer with an account", params: (f) => ({ token: f.signToken }) }),
  action("sign.$token.tsx", "sign", (f) => `/sign/${f.signToken}`, () => ({ intent: "sign", typedName: "Hendra Wijaya", consent: "on" }), [], { name: "without password or code", params: (f) => ({ token: f.signToken }) }),
  // Issue 10, hole 4: declining by link needs the password or the emailed code, like signing.
  action("sign.$token.tsx", "decline", (f) => `/sign/${f.signToken}`, () => ({ intent: "decline", reason: "Tidak setuju" }), [], { name: "without password or code", params: (f) => ({ token: f.signToken }) }),
  action("sign.$token.tsx", "decline", (f) => `/sign/${f.signToken}`, () => ({ intent: "decline", declinePassword: "bermitra-demo", reason: "Tidak setuju" }), PUBLIC, { name: "with the signer's password", params: (f) => ({ token: f.signToken }) }),

  // Coaching of the A–X MoU: the partner schedules, cancels, attaches; the group confirms.
  action("coaching.$sessionId.tsx", "schedule", (f) => `/coaching/${f.sessionDue.id}`, () => ({ intent: "schedule", scheduledAt: `${dayKey(10)}T09:00`, place: "Dapur hotel", trainer: "Chef hotel", topic: "Standar kue" }), ["partnerX"], { params: (f) => ({ sessionId: f.sessionDue.id }) }),
  action("coaching.$sessionId.tsx", "cancel", (f) => `/coaching/${f.sessionDue.id}`, () => ({ intent: "cancel", reason: "Pelatih sakit" }), ["partnerX"], { params: (f) => ({ sessionId: f.sessionDue.id }) }),
  action("coaching.$sessionId.tsx", "attach", (f) => `/coaching/${f.sessionDue.id}`, () => ({ intent: "attach", kind: "MATERIAL" }), [], { name: "without a file", params: (f) => ({ sessionId: f.sessionDue.id }) }),
  action("coaching.$sessionId.tsx", "confirm", (f) => `/coaching/${f.sessionHeld.id}`, (f) => ({ intent: "confirm", attendeeIds: [f.groupA.members[0]!.id], rating: "5", comment: "Bagus" }), TRADE_AX_GROUP_SIDE, { params: (f) => ({ sessionId: f.sessionHeld.id }) }),
];

/**
 * (case name, actor) pairs that do not meet their correct expectation yet. Fixers: remove the lines you fix;
 * the test named "[known hole] …" then fails until it is removed here.
 */
const KNOWN_HOLES = new Set<string>([
  // none open: the office scoping (issue 10 item 2) and the cross-party trade writes (items 1-3) are fixed
]);

// ─── Running a case ─────────────────────────────────────────────────────────

type Outcome = { status: number; location: string | null; body: string };

function buildRequest(c: Case, f: Fixtures, actor: ActorKey, cookie: string | undefined): Request {
  const url = new URL(c.url(f, actor), "http://localhost");
  const headers: Record<string, string> = { Origin: "http://localhost" };
  if (cookie) headers.Cookie = cookie;
  if (c.kind === "loader") return new Request(url, { headers });
  const body = new FormData();
  for (const [key, value] of Object.entries(c.form?.(f, actor) ?? {})) for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  return new Request(url, { method: "POST", body, headers });
}

async function run(c: Case, f: Fixtures, actor: ActorKey, cookie: string | undefined): Promise<Outcome> {
  const mod = (await routeModules[`../../app/routes/${c.route}`]!()) as Record<string, (args: unknown) => Promise<unknown>>;
  const fn = mod[c.kind];
  if (!fn) throw new Error(`${c.route} has no ${c.kind}`);
  const request = buildRequest(c, f, actor, cookie);
  let result: unknown;
  try {
    result = await fn({ request, params: c.params?.(f, actor) ?? {}, context: {} });
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    result = error;
  }
  if (!(result instanceof Response)) return { status: 200, location: null, body: JSON.stringify(result ?? null) };
  const type = result.headers.get("Content-Type") ?? "";
  const body = /json|text|csv|html/.test(type) || !type ? await result.text() : "";
  return { status: result.status, location: result.headers.get("Location"), body };
}

const isRedirect = (o: Outcome) => o.status >= 300 && o.status < 400;
const toLogin = (o: Outcome) => isRedirect(o) && (o.location ?? "").startsWith("/login");

// ─── The tests ──────────────────────────────────────────────────────────────

const SNAPSHOT = path.join(TMP_DIR, `matrix-snapshot-${process.pid}.db`);
let fixtures: Fixtures;
const cookies = {} as Record<ActorKey, string | undefined>;
let baseline: Record<string, string>;
let strictBaseline: Record<string, string>;

beforeAll(async () => {
  fixtures = await buildFixtures();
  for (const actor of ACTORS) {
    const email = ACTOR_EMAILS[actor];
    cookies[actor] = email ? await cookieFor(email) : undefined;
  }
  // chair A's session (to be revoked by others) is the one just made
  const chairA = await db.user.findUniqueOrThrow({ where: { email: ACTOR_EMAILS.chairA } });
  fixtures.chairASessionId = (await db.session.findFirstOrThrow({ where: { userId: chairA.id }, orderBy: { createdAt: "desc" } })).id;
  await snapshotDatabase(SNAPSHOT);
  baseline = await tableHashes();
  strictBaseline = await tableHashes(true);
  baselineVersion = await dataVersion();
}, 120_000);

let baselineVersion = 0;
async function backToBaseline(): Promise<void> {
  if ((await dataVersion()) === baselineVersion) return;
  // strict: failed-attempt counters and refusal audit rows are put back too, so every call starts equal
  const now = await tableHashes(true);
  if (changedTables(strictBaseline, now).length === 0) {
    baselineVersion = await dataVersion();
    return;
  }
  await restoreDatabase(SNAPSHOT);
  const restored = await tableHashes(true);
  expect(changedTables(strictBaseline, restored), "restore from the snapshot").toEqual([]);
  baselineVersion = await dataVersion();
}

describe("the authorization matrix covers every route", () => {
  it("has a loader case for every loader, an action case for every action and for every intent the action names", async () => {
    const files = readdirSync(ROUTES_DIR).filter((n) => /\.(tsx|ts)$/.test(n));
    const missing: string[] = [];
    for (const file of files) {
      const mod = (await routeModules[`../../app/routes/${file}`]!()) as Record<string, unknown>;
      const source = readFileSync(path.join(ROUTES_DIR, file), "utf8");
      const mine = CASES.filter((c) => c.route === file);
      if (typeof mod.loader === "function" && !mine.some((c) => c.kind === "loader")) missing.push(`${file}: loader`);
      if (typeof mod.action === "function") {
        const covered = new Set(mine.filter((c) => c.kind === "action").map((c) => c.intent));
        if (covered.size === 0) missing.push(`${file}: action`);
        for (const intent of intentsIn(source, file)) if (!covered.has(intent)) missing.push(`${file}: intent ${intent}`);
      }
      if (mine.length === 0 && (mod.loader || mod.action)) missing.push(`${file}: no entry`);
    }
    for (const c of CASES) if (!files.includes(c.route)) missing.push(`${c.route}: no such route file (stale entry)`);
    expect(missing).toEqual([]);
  });
});

/** Intents an action names: `intent === "x"`, `case "x":`, `intent: z.enum([...])`, and the shared signing action's. */
function intentsIn(source: string, file: string): string[] {
  const actionSource = source.slice(source.search(/export (async function|const) action/));
  const found = new Set<string>();
  for (const m of actionSource.matchAll(/intent(?:\.data\.intent)?\s*===\s*"([A-Za-z]+)"/g)) found.add(m[1]!);
  for (const m of actionSource.matchAll(/case\s+"([A-Za-z]+)":/g)) found.add(m[1]!);
  for (const m of source.matchAll(/intent:\s*z\.enum\(\[([^\]]+)\]\)/g)) for (const v of m[1]!.matchAll(/"([A-Za-z]+)"/g)) found.add(v[1]!);
  if (/handleSigningAction/.test(source)) for (const i of ["requestCode", "decline", "sign"]) found.add(i);
  // the product page's action saves the product when no status intent is given
  if (file === "groups.$groupId_.products.$productId.tsx") found.add("save");
  return [...found];
}

describe.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
  const actors = c.actors ?? ACTORS;
  // refused actors first, then the allowed ones (each allowed write is undone before the next call)
  const ordered = [...actors.filter((a) => !c.allow.includes(a)), ...actors.filter((a) => c.allow.includes(a))];
  for (const actor of ordered) {
    const allowed = c.allow.includes(actor);
    const title = `${allowed ? "lets" : "refuses"} ${actor}`;
    const hole = KNOWN_HOLES.has(`${c.name} @ ${actor}`);
    (hole ? it.fails : it)(hole ? `[known hole] ${title}` : title, async () => {
      const version = await dataVersion();
      let cookie = cookies[actor];
      if (c.freshSession && ACTOR_EMAILS[actor]) {
        const user = await db.user.findUniqueOrThrow({ where: { email: ACTOR_EMAILS[actor]! } });
        cookie = (await sessionCookie.serialize((await createSession(user.id, {})).id)).split(";")[0]!;
      }
      const outcome = await run(c, fixtures, actor, cookie);
      // every call starts from the baseline; nothing committed means no row changed
      const changed = (await dataVersion()) === version ? [] : changedTables(baseline, await tableHashes());
      try {
        expect(outcome.status, `${c.name} as ${actor}: never a 5xx (${outcome.body.slice(0, 200)})`).toBeLessThan(500);
        if (allowed) {
          if (c.letThrough) {
            expect(`${outcome.status} ${outcome.location}`, `${c.name} as ${actor} should be let through`).toBe(`302 ${c.letThrough.location}`);
            expect(changed, `${c.name} as ${actor} should have written`).toEqual(expect.arrayContaining([...c.letThrough.writes]));
          } else {
            expect(outcome.status < 400 && !toLogin(outcome), `${c.name} as ${actor} should be let through, got ${outcome.status} ${outcome.location ?? ""} ${outcome.body.slice(0, 300)}`).toBe(true);
          }
          if (c.kind === "loader") expect(isRedirect(outcome) ? 302 : outcome.status, `${c.name} as ${actor}`).not.toBeGreaterThanOrEqual(400);
        } else {
          expect(outcome.status >= 300 && outcome.status < 500, `${c.name} as ${actor} should be refused, got ${outcome.status} ${outcome.body.slice(0, 300)}`).toBe(true);
          if (c.kind === "action") expect(changed, `${c.name} as ${actor} was refused but changed rows`).toEqual([]);
        }
        for (const value of c.hidden && c.hidden.from.includes(actor) ? c.hidden.values(fixtures) : []) {
          expect(outcome.body.includes(value), `${c.name} as ${actor} shows another party's record ${value}`).toBe(false);
        }
      } finally {
        await backToBaseline();
      }
    });
  }
});
