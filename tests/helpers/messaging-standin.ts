import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A LOOPBACK STAND-IN for the providers' HTTP APIs (the real WhatsApp Business Cloud API and an SMS gateway
 * cannot be reached from here): it listens on 127.0.0.1 and answers like them, recording every request.
 *  - POST /v21.0/<phone-number-id>/messages  → WhatsApp Cloud API: {messaging_product, contacts, messages:[{id}]}
 *  - POST /sms                              → a generic SMS gateway: {id}
 * `whatsappFails` / `smsFails` make the next answers fail with the given HTTP status, as the real ones do for an
 * invalid number (400) or an outage (503).
 */
export type StandInRequest = { path: string; authorization: string | undefined; body: Record<string, unknown> };

export async function startMessagingStandIn() {
  const requests: StandInRequest[] = [];
  const state = { whatsappFails: 0 as number, smsFails: 0 as number, counter: 0 };
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
    req.on("end", () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const path = req.url ?? "/";
      requests.push({ path, authorization: req.headers.authorization, body });
      res.setHeader("Content-Type", "application/json");
      if (/^\/v21\.0\/[^/]+\/messages$/.test(path)) {
        if (state.whatsappFails) {
          res.statusCode = state.whatsappFails;
          res.end(JSON.stringify({ error: { message: "(#131026) Message undeliverable", code: 131026 } }));
          return;
        }
        state.counter++;
        res.end(JSON.stringify({ messaging_product: "whatsapp", contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: `wamid.standin${state.counter}` }] }));
        return;
      }
      if (path === "/sms") {
        if (state.smsFails) {
          res.statusCode = state.smsFails;
          res.end(JSON.stringify({ error: "gateway down" }));
          return;
        }
        state.counter++;
        res.end(JSON.stringify({ id: state.counter }));
        return;
      }
      res.statusCode = 404;
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    requests,
    state,
    whatsappBase: `http://127.0.0.1:${port}/v21.0`,
    smsUrl: `http://127.0.0.1:${port}/sms`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
