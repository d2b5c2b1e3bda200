import Stripe from "stripe";

/** Card payments are offered only when STRIPE_SECRET_KEY is set. */
export function stripeEnabled(): boolean {
  return !!process.env.STRIPE_SECRET_KEY;
}

/**
 * The Stripe client. STRIPE_API_HOST / STRIPE_API_PORT / STRIPE_API_PROTOCOL point it elsewhere
 * (tests use a loopback stand-in server because the Stripe API is unreachable from here).
 */
export function stripeClient(): Stripe {
  const key = process.env.STRIPE_SECRET_KEY;
  if (!key) throw new Error("STRIPE_SECRET_KEY is not set");
  return new Stripe(key, {
    maxNetworkRetries: 1,
    timeout: 15_000,
    ...(process.env.STRIPE_API_HOST ? { host: process.env.STRIPE_API_HOST } : {}),
    ...(process.env.STRIPE_API_PORT ? { port: Number(process.env.STRIPE_API_PORT) } : {}),
    ...(process.env.STRIPE_API_PROTOCOL ? { protocol: process.env.STRIPE_API_PROTOCOL as "http" | "https" } : {}),
  });
}

/**
 * Stripe amounts are in the currency's minor unit. IDR is a two-decimal currency for Stripe, so
 * Rp 12.500 is sent as 1250000.
 */
export function idrToStripeAmount(rupiah: number): number {
  return rupiah * 100;
}
