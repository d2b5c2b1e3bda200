import type { Actor } from "~/auth/guard.server";
import type { DbClient } from "~/db/db.server";
import type { DemandFrequency } from "~/generated/prisma/enums";
import { createMouDraftsFromDemand } from "~/mou/drafts.server";
import { createOrderFromOffer } from "~/orders/orders.server";

export type NextStep = { kind: "order" | "mou"; ids: string[] };

/**
 * What accepting offers leads to: an order per accepted offer for a one-off demand, a three-party MoU
 * draft per accepted group for a recurring one. The one place that calls into the orders and MoU modules;
 * runs inside the accepting transaction so a failure there undoes the acceptance.
 */
export async function startNextStep(
  tx: DbClient,
  actor: Actor,
  demand: { id: string; frequency: DemandFrequency },
  offerIds: string[],
): Promise<NextStep> {
  if (demand.frequency === "ONE_OFF") {
    const ids: string[] = [];
    for (const offerId of offerIds) ids.push((await createOrderFromOffer(tx, actor, offerId)).id);
    return { kind: "order", ids };
  }
  const mous = await createMouDraftsFromDemand(tx, actor, { demandId: demand.id, offerIds });
  return { kind: "mou", ids: mous.map((m) => m.id) };
}
