import { recordAudit } from "~/audit/audit.server";
import type { Actor } from "~/auth/actor";
import { db, type DbClient } from "~/db/db.server";
import { defineStateMachine } from "~/domain/state-machine";
import { DomainError } from "~/domain/errors";
import type { PayoutAccountStatus } from "~/generated/prisma/enums";
import { findGroupFor, groupScope } from "~/groups/access.server";
import { dinasUserIds, groupUserIds, notifyUsers } from "~/notifications/notify.server";
import { invoiceWhere } from "~/orders/access.server";
import { saveProof } from "./uploads.server";

/**
 * Where a group is paid (decision 090). A group (or its facilitator, or Dinas) enters bank, account number,
 * holder name and optionally the static QRIS image; the entry is PENDING until the group's facilitator or
 * Dinas of its office confirms it — never the person who entered it. Only the CONFIRMED entry is shown on
 * invoices; confirming one supersedes the one before. One transition table, every step audited.
 */
export type PayoutEvent = "confirm" | "reject" | "supersede";
export const payoutMachine = defineStateMachine<PayoutAccountStatus, PayoutEvent>("payoutAccount", {
  confirm: { from: ["PENDING"], to: "CONFIRMED" },
  reject: { from: ["PENDING"], to: "REJECTED", requiresReason: true },
  supersede: { from: ["PENDING", "CONFIRMED"], to: "SUPERSEDED" },
});

export type PayoutInput = { bankName: string; accountNumber: string; holderName: string; qrisKey?: string | null };

/** Account numbers are kept as digits only ("123-456 789" → "123456789"); 5–20 digits. Pure. */
export function normaliseAccountNumber(raw: string): string | null {
  const digits = raw.replace(/[\s.-]/g, "");
  return /^\d{5,20}$/.test(digits) ? digits : null;
}

/** Groups into which the actor may enter a change / confirm one. */
const ENTER = ["update", "payout-account"] as const;
const CONFIRM = ["confirm", "payout-account"] as const;

/** The confirmed payout details of a group (what invoices show), or null. */
export async function confirmedPayoutAccount(client: DbClient, groupId: string) {
  return client.groupPayoutAccount.findFirst({
    where: { groupId, status: "CONFIRMED" },
    orderBy: { decidedAt: "desc" },
    select: { id: true, bankName: true, accountNumber: true, holderName: true, qrisKey: true, decidedAt: true },
  });
}

/** A group, its facilitator or Dinas enters new payout details: PENDING until confirmed. */
export async function submitPayoutAccount(actor: Actor, groupId: string, input: PayoutInput, now = new Date()) {
  const bankName = input.bankName.trim();
  const holderName = input.holderName.trim();
  const accountNumber = normaliseAccountNumber(input.accountNumber);
  if (!bankName) throw new DomainError("validation:required", {}, "bankName");
  if (!holderName) throw new DomainError("validation:required", {}, "holderName");
  if (!accountNumber) throw new DomainError("payments:errors.accountNumber", {}, "accountNumber");
  return db.$transaction(async (tx) => {
    const group = await findGroupFor(actor, groupId, ...ENTER, { id: true, name: true, dinasOfficeId: true, facilitatorId: true }, tx);
    if (!group) throw new DomainError("errors:notFound");
    // an earlier change still waiting is replaced by this one
    const waiting = await tx.groupPayoutAccount.findMany({ where: { groupId, status: "PENDING" }, select: { id: true } });
    for (const w of waiting) {
      const done = await tx.groupPayoutAccount.updateMany({ where: { id: w.id, status: "PENDING" }, data: { status: payoutMachine.apply("PENDING", "supersede"), decidedAt: now } });
      if (done.count !== 1) throw new DomainError("errors:staleState");
      await recordAudit(tx, actor, { action: "payout.superseded", entityType: "Group", entityId: groupId, before: { status: "PENDING" }, after: { status: "SUPERSEDED", payoutAccountId: w.id } });
    }
    const account = await tx.groupPayoutAccount.create({
      data: { groupId, bankName, accountNumber, holderName, qrisKey: input.qrisKey ?? null, status: "PENDING", submittedById: actor.actorId, submittedAt: now },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "payout.submitted",
      entityType: "Group",
      entityId: groupId,
      after: { status: "PENDING", bankName, accountNumber, holderName, qris: !!input.qrisKey, payoutAccountId: account.id },
    });
    const confirmers = [...(group.facilitatorId ? [group.facilitatorId] : []), ...(await dinasUserIds(tx, group.dinasOfficeId))].filter((id) => id !== actor.actorId);
    await notifyUsers(tx, confirmers, { kind: "payments:notify.payoutPending", params: { group: group.name }, link: `/groups/${groupId}/payout` });
    return account;
  });
}

/** The group's facilitator or Dinas of its office confirms or rejects a waiting change (not their own). */
export async function decidePayoutAccount(actor: Actor, accountId: string, decision: "confirm" | "reject", note: string | null = null, now = new Date()) {
  return db.$transaction(async (tx) => {
    const account = await tx.groupPayoutAccount.findFirst({
      where: { id: accountId, group: groupScope(actor, ...CONFIRM) },
      include: { group: { select: { id: true, name: true } } },
    });
    if (!account) throw new DomainError("errors:notFound");
    if (account.submittedById === actor.actorId) throw new DomainError("payments:errors.payoutOwnChange");
    const next = payoutMachine.apply(account.status, decision, note);
    const updated = await tx.groupPayoutAccount.updateMany({
      where: { id: account.id, status: account.status },
      data: { status: next, decidedById: actor.actorId, decidedAt: now, decisionNote: note?.trim() || null },
    });
    if (updated.count !== 1) throw new DomainError("errors:staleState");
    if (next === "CONFIRMED") {
      const previous = await tx.groupPayoutAccount.findMany({ where: { groupId: account.groupId, status: "CONFIRMED", id: { not: account.id } }, select: { id: true } });
      for (const p of previous) {
        await tx.groupPayoutAccount.updateMany({ where: { id: p.id, status: "CONFIRMED" }, data: { status: payoutMachine.apply("CONFIRMED", "supersede") } });
      }
    }
    await recordAudit(tx, actor, {
      action: `payout.${decision === "confirm" ? "confirmed" : "rejected"}`,
      entityType: "Group",
      entityId: account.groupId,
      before: { status: account.status },
      after: { status: next, bankName: account.bankName, accountNumber: account.accountNumber, holderName: account.holderName, payoutAccountId: account.id },
      reason: note,
    });
    await notifyUsers(tx, (await groupUserIds(tx, account.groupId)).filter((id) => id !== actor.actorId), {
      kind: decision === "confirm" ? "payments:notify.payoutConfirmed" : "payments:notify.payoutRejected",
      params: { group: account.group.name, reason: note ?? "" },
      link: `/groups/${account.groupId}/payout`,
    });
    return next;
  });
}

/** The payout page of a group: the confirmed details, the change waiting (if any), what the actor may do. */
export async function payoutPage(actor: Actor, groupId: string) {
  const group = await findGroupFor(actor, groupId, "read", "group", { id: true, name: true });
  if (!group) return null;
  const [confirmed, pending, mayEnter, mayConfirm] = await Promise.all([
    confirmedPayoutAccount(db, groupId),
    db.groupPayoutAccount.findFirst({
      where: { groupId, status: "PENDING" },
      select: { id: true, bankName: true, accountNumber: true, holderName: true, qrisKey: true, submittedAt: true, submittedById: true },
    }),
    findGroupFor(actor, groupId, ...ENTER, { id: true }),
    findGroupFor(actor, groupId, ...CONFIRM, { id: true }),
  ]);
  const submitter = pending ? await db.user.findUnique({ where: { id: pending.submittedById }, select: { name: true } }) : null;
  return {
    group,
    confirmed,
    pending: pending ? { ...pending, submittedBy: submitter?.name ?? "" } : null,
    canEnter: !!mayEnter,
    canConfirm: !!mayConfirm && !!pending && pending.submittedById !== actor.actorId,
  };
}

/** The stored QRIS image of a payout entry, if the actor may read the group. */
export async function payoutQrisKey(actor: Actor, groupId: string, accountId: string): Promise<string | null> {
  const account = await db.groupPayoutAccount.findFirst({
    where: { id: accountId, groupId, group: groupScope(actor, "read", "group") },
    select: { qrisKey: true },
  });
  return account?.qrisKey ?? null;
}

/** The group's confirmed QRIS image for an invoice the actor may see (its two sides, Dinas, admin). */
export async function invoiceQrisKey(actor: Actor, invoiceId: string): Promise<string | null> {
  const invoice = await db.invoice.findFirst({ where: invoiceWhere(actor, invoiceId), select: { groupId: true } });
  if (!invoice) return null;
  return (await confirmedPayoutAccount(db, invoice.groupId))?.qrisKey ?? null;
}

/** A static QRIS is an image: PNG, JPEG or WebP, typed by its content (a PDF or anything else is refused). */
export async function saveQrisImage(file: File): Promise<string> {
  const head = Buffer.from(await file.slice(0, 16).arrayBuffer());
  if (head.subarray(0, 5).toString("latin1") === "%PDF-") throw new DomainError("payments:errors.qrisType", {}, "qris");
  try {
    return await saveProof(file, "payout", "qris");
  } catch (error) {
    if (error instanceof DomainError && error.key === "payments:errors.fileType") throw new DomainError("payments:errors.qrisType", {}, "qris");
    throw error;
  }
}

/** What an invoice shows under "pay to" (the caller has loaded the invoice through the actor's scope). */
export async function payoutForInvoice(groupId: string) {
  const account = await confirmedPayoutAccount(db, groupId);
  return account ? { bankName: account.bankName, accountNumber: account.accountNumber, holderName: account.holderName, qrisKey: account.qrisKey ? "yes" : null } : null;
}
