import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleWhatsAppVerification, handleWhatsAppWebhook } from "~/messaging/webhook.server";

/**
 * WhatsApp Business Cloud API webhook: delivery statuses, signature (X-Hub-Signature-256) checked on the raw
 * body (the CSRF check exempts this path). GET answers Meta's subscription check (hub.verify_token).
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("method not allowed", { status: 405 });
  const raw = await request.text();
  const result = await handleWhatsAppWebhook(raw, request.headers.get("x-hub-signature-256"));
  return new Response(result.body, { status: result.status, headers: { "Content-Type": "text/plain" } });
}

export function loader({ request }: LoaderFunctionArgs) {
  const result = handleWhatsAppVerification(new URL(request.url).searchParams);
  return new Response(result.body, { status: result.status, headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
