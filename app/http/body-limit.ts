/**
 * Request bodies (issue 10 item 8), checked in server.ts before Remix reads them:
 * - a form action accepts only `application/x-www-form-urlencoded` or `multipart/form-data` (with a
 *   boundary) or an empty body; JSON, text/plain and the rest get 415;
 * - plain forms are capped at 1 MB, multipart uploads at 20 MB a request (each upload route also caps a
 *   file, e.g. 8 MB a photo, while parsing); a declared Content-Length over the cap is refused before
 *   reading, and the bytes are counted while they stream (chunked bodies have no length), so the cap holds
 *   whatever the client declares. Over the cap → 413 with a short bilingual page; the body is never echoed.
 * Webhooks (signed JSON) are exempt from the type rule, not from the cap.
 */
import type { NextFunction, Request, Response } from "express";

export const FORM_BODY_LIMIT = 1024 * 1024;
export const MULTIPART_BODY_LIMIT = 20 * 1024 * 1024;
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;
const TYPE_EXEMPT = ["/webhooks/"];

function page(status: number, title: string, body: string): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${status} · Bermitra</title></head><body><p><strong>${status}</strong></p><h1>${title}</h1><p>${body}</p><p><a href="/">Bermitra</a></p></body></html>`;
}

export const TOO_LARGE_PAGE = page(
  413,
  "Kiriman terlalu besar · Too much data sent",
  "Berkas atau isian yang dikirim melebihi batas (formulir 1 MB, unggahan 8 MB per berkas). Kecilkan lalu coba lagi. · The file or text you sent is over the limit (forms 1 MB, uploads 8 MB a file). Make it smaller and try again.",
);
export const UNSUPPORTED_TYPE_PAGE = page(
  415,
  "Jenis kiriman tidak didukung · Unsupported content type",
  "Formulir Bermitra hanya menerima isian formulir biasa atau unggahan berkas. Kirim ulang dari halaman Bermitra. · Bermitra forms accept only form fields or file uploads. Send the form again from the Bermitra page.",
);

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function refuse(res: Response, status: number, html: string) {
  if (res.headersSent) return;
  res.status(status).set("Connection", "close").set("Cache-Control", "no-store").type("html").send(html);
  // Anything the rest of the chain still writes (Remix answering the failed read) is dropped.
  const noop = (() => res) as never;
  res.writeHead = noop;
  res.setHeader = noop;
  res.write = (() => true) as never;
  res.end = noop;
}

export function bodyLimits(req: Request, res: Response, next: NextFunction) {
  if (!BODY_METHODS.has(req.method)) return next();
  const type = (req.get("content-type") ?? "").toLowerCase();
  const declared = req.get("content-length");
  const chunked = !!req.get("transfer-encoding");
  const empty = !chunked && (declared === undefined || declared === "0");
  const exempt = TYPE_EXEMPT.some((p) => req.path.startsWith(p));
  const multipart = type.startsWith("multipart/form-data");
  if (!exempt && !empty) {
    const urlencoded = type.startsWith("application/x-www-form-urlencoded");
    if (!urlencoded && !(multipart && /;\s*boundary=/.test(type))) return refuse(res, 415, UNSUPPORTED_TYPE_PAGE);
  }
  const limit = exempt ? WEBHOOK_BODY_LIMIT : multipart ? MULTIPART_BODY_LIMIT : FORM_BODY_LIMIT;
  if (declared !== undefined && Number(declared) > limit) return refuse(res, 413, TOO_LARGE_PAGE);
  let seen = 0;
  const count = (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > limit) {
      req.off("data", count);
      refuse(res, 413, TOO_LARGE_PAGE);
      req.unpipe();
      // Fail the read that Remix is doing, then stop taking bytes from this client.
      const error = Object.assign(new Error("request body over the limit"), { status: 413 });
      if (req.listenerCount("error") > 0) req.emit("error", error);
      res.once("finish", () => req.socket.destroy());
    }
  };
  // Counting listener, then pause at once: the body flows only when Remix starts reading, to both.
  req.on("data", count);
  req.pause();
  next();
}
