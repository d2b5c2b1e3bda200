import { partnersActionableBy, type Actor } from "~/auth/actor";
import { db } from "~/db/db.server";
import { draftingOfficesOf, managedMouFor, visibleMouFor } from "./access.server";
import { signerForToken } from "./signing.server";
import { parseContent } from "./versions.server";

/**
 * What the MoU pages show, loaded through the actor's MoU scope (app/mou/access.server.ts, decision 060):
 * a record outside it is null and the route answers 404.
 */

/** The drafting form's choices: verified partners and groups of the offices the actor may draft in. */
export async function mouDraftingChoices(actor: Actor) {
  const offices = draftingOfficesOf(actor);
  const [partners, groups] = await Promise.all([
    db.partner.findMany({ where: { dinasOffice: offices, verificationStatus: "VERIFIED" }, orderBy: { displayName: "asc" }, select: { id: true, displayName: true } }),
    db.group.findMany({ where: { dinasOffice: offices, verificationStatus: "VERIFIED" }, orderBy: [{ type: "asc" }, { name: "asc" }], select: { id: true, name: true, type: true } }),
  ]);
  return { partners, groups };
}

/**
 * The office a new MoU with `partnerId` is drafted in: the Dinas user's own office, or for an admin the
 * partner's office. Null when the partner is outside the offices the actor may draft in.
 */
export async function draftingOfficeFor(actor: Actor, partnerId: string): Promise<string | null> {
  const partner = await db.partner.findFirst({
    where: { AND: [{ id: partnerId }, partnersActionableBy(actor), { dinasOffice: draftingOfficesOf(actor) }] },
    select: { dinasOfficeId: true },
  });
  return partner?.dinasOfficeId ?? null;
}

/**
 * The current version of an MoU the actor manages, with its content and the active products of its party
 * groups (for linking scope items). Null when the MoU is outside the actor's management scope.
 */
export async function mouDraftForEdit(actor: Actor, mouId: string) {
  const mou = await managedMouFor(actor, mouId, { id: true, number: true, currentVersionId: true });
  if (!mou?.currentVersionId) return null;
  const version = await db.mouVersion.findFirst({ where: { id: mou.currentVersionId, mouId: mou.id }, select: { status: true, versionNumber: true, content: true } });
  if (!version) return null;
  const content = parseContent(version.content);
  const products = await db.product.findMany({
    where: { groupId: { in: content.parties.groups.map((g) => g.id) }, status: "ACTIVE" },
    select: { id: true, name: true, groupId: true },
    orderBy: { name: "asc" },
  });
  return { mou, version, content, products };
}

/** The sealed PDF of a signed version (`versionNumber`, else the version in force) of an MoU the actor may see. */
export async function sealedMouPdf(actor: Actor, mouId: string, versionNumber: number | null) {
  const mou = await visibleMouFor(actor, mouId, { id: true, number: true, activeVersionId: true });
  if (!mou) return null;
  const version = await db.mouVersion.findFirst({
    where: versionNumber ? { mouId: mou.id, versionNumber } : { mouId: mou.id, id: mou.activeVersionId ?? "__none__" },
    select: { pdfKey: true, versionNumber: true, verificationCode: true },
  });
  if (!version?.pdfKey) return null;
  return { number: mou.number, versionNumber: version.versionNumber, pdfKey: version.pdfKey };
}

/**
 * The signing page of an emailed link: the link's token is the authorisation (a signer may have no account);
 * only the version that signer signs is loaded. Null when the link is invalid, used, expired or not their turn.
 */
export async function signingPageFor(token: string) {
  const signer = await signerForToken(token);
  if (!signer) return null;
  const version = await db.mouVersion.findUnique({ where: { id: signer.versionId }, select: { content: true, versionNumber: true, mou: { select: { number: true } } } });
  if (!version) return null;
  return { signer, version };
}
