import { recordAudit } from "~/audit/audit.server";
import type { AuditActor } from "~/auth/actor";
import type { DbClient } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import type { Prisma } from "~/generated/prisma/client";
import type { SignerStatus } from "~/generated/prisma/enums";
import { signerMachine, type SignerEvent } from "./signer-machine";

/** Audit action of each signer event (entity: the MoU; the labels in app/locales/<lang>/audit.json). */
export const SIGNER_AUDIT_ACTION: Record<SignerEvent, string> = {
  notify: "mou.signerNotified",
  remind: "mou.reminded",
  sign: "mou.signed",
  decline: "mou.signerDeclined",
};

/**
 * The only place that changes `MouSigner.status` (decision 103): allowed by the signer machine from the
 * status the caller read, guarded on it, audited on the MoU (the signer named in `after`) in the caller's
 * transaction. Signers are created WAITING (the schema default).
 */
export async function moveSigner(
  tx: DbClient,
  actor: AuditActor | null,
  signer: { id: string; status: SignerStatus; name: string; party: string; mouId: string },
  event: SignerEvent,
  options: { reason?: string | null; data?: Omit<Prisma.MouSignerUpdateManyMutationInput, "status">; auditAfter?: Record<string, unknown> } = {},
): Promise<SignerStatus> {
  const next = signerMachine.apply(signer.status, event, options.reason);
  const updated = await tx.mouSigner.updateMany({ where: { id: signer.id, status: signer.status }, data: { ...options.data, status: next } });
  if (updated.count !== 1) throw new DomainError("errors:staleState");
  await recordAudit(tx, actor, {
    action: SIGNER_AUDIT_ACTION[event],
    entityType: "Mou",
    entityId: signer.mouId,
    before: { status: signer.status },
    after: { signerId: signer.id, signer: signer.name, party: signer.party, status: next, ...options.auditAfter },
    reason: options.reason ?? null,
  });
  return next;
}
