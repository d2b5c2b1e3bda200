import type { ActionFunctionArgs } from "@remix-run/node";
import { handleStripeWebhook } from "~/payments/payments.server";

/** Stripe webhook: signature checked on the raw body (CSRF check exempts this path). */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("method not allowed", { status: 405 });
  const raw = await request.text();
  const result = await handleStripeWebhook(raw, request.headers.get("stripe-signature"));
  return new Response(result.body, { status: result.status, headers: { "Content-Type": "text/plain" } });
}

export function loader() {
  return new Response("method not allowed", { status: 405 });
}
