import { generateStandingOrders, STANDING_HORIZON_DAYS } from "~/orders/standing.server";

/**
 * The MoU module's door into the order module: right after a MoU becomes active (its last signature
 * committed), the standing orders of its coming week are created, so both sides see them at once.
 * A failure here never undoes the signing: it is logged and the standing-orders job catches up.
 */
export async function generateFirstStandingOrders(mouId: string, now: Date) {
  try {
    return await generateStandingOrders(now, STANDING_HORIZON_DAYS, { mouId });
  } catch (error) {
    console.error(`[standing-orders] first orders of MoU ${mouId} not created now (the job retries):`, error);
    return { created: 0 };
  }
}
