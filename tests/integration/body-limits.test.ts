/**
 * Request bodies (issue 10 item 8): the middleware server.ts mounts, over real HTTP, in front of a handler
 * that reads the body the way the Remix adapter does (a web Request over the Node stream, then formData()).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createReadableStreamFromReadable } from "@remix-run/node";
import express from "express";
import { bodyLimits, FORM_BODY_LIMIT, MULTIPART_BODY_LIMIT } from "~/http/body-limit";
import { installFormDataErrors } from "~/http/form-data-errors.server";
import { refuseNulInAddress } from "~/http/nul-characters";

installFormDataErrors();

let base = "";
let server: http.Server;

beforeAll(async () => {
  const app = express();
  app.use(refuseNulInAddress);
  app.use(bodyLimits);
  app.post("*", async (req, res) => {
    const request = new Request(`http://localhost${req.originalUrl}`, {
      method: "POST",
      headers: req.headers as Record<string, string>,
      body: createReadableStreamFromReadable(req),
      duplex: "half",
    } as RequestInit);
    try {
      const form = await request.formData();
      res.status(200).json({ fields: [...form.keys()].length });
    } catch (error) {
      res.status(error instanceof Response ? error.status : 500).send("failed");
    }
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

/** A raw request, so Content-Length and chunking are exactly what the test says. */
function raw(path: string, headers: Record<string, string>, chunks: Buffer[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method: "POST", headers }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    });
    req.on("error", (error) => reject(error));
    (async () => {
      for (const c of chunks) if (!req.write(c)) await new Promise((r) => req.once("drain", r));
      req.end();
    })().catch(() => undefined);
  });
}

describe("request bodies", () => {
  it("refuses a NUL character in a field, a field name, a file name or the address with 400 (PostgreSQL cannot store one)", async () => {
    expect((await fetch(`${base}/login`, { method: "POST", body: new URLSearchParams({ email: "a\0@b.c" }) })).status).toBe(400);
    expect((await fetch(`${base}/login`, { method: "POST", body: new URLSearchParams({ "e\0": "a@b.c" }) })).status).toBe(400);
    const upload = new FormData();
    upload.append("photo", new Blob([new Uint8Array(10)]), "a\0.jpg");
    expect((await fetch(`${base}/upload`, { method: "POST", body: upload })).status).toBe(400);
    expect((await fetch(`${base}/login?q=kopi%00`, { method: "POST", body: new URLSearchParams({ email: "a@b.c" }) })).status).toBe(400);
    // the same form without the NUL is read
    expect((await fetch(`${base}/login`, { method: "POST", body: new URLSearchParams({ email: "a@b.c" }) })).status).toBe(200);
  });

  it("accepts a normal form", async () => {
    const res = await fetch(`${base}/login`, { method: "POST", body: new URLSearchParams({ email: "a@b.c", password: "x" }) });
    expect(res.status).toBe(200);
  });

  it("refuses a form over 1 MB by its Content-Length, and without one while it streams; never echoes it", async () => {
    const big = "x=" + "A".repeat(FORM_BODY_LIMIT + 10);
    const declared = await fetch(`${base}/login`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: big });
    expect(declared.status).toBe(413);
    const text = await declared.text();
    expect(text).toContain("Kiriman terlalu besar");
    expect(text).not.toContain("AAAA");
    const chunk = Buffer.from("A".repeat(64 * 1024));
    const streamed = await raw("/login", { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" }, [Buffer.from("x="), ...Array.from({ length: 40 }, () => chunk)]).catch((error: Error) => ({ status: 0, body: error.message }));
    // Either the 413 page arrives or the server hangs up on the rest: never a 2xx or 5xx.
    if (streamed.status !== 0) {
      expect(streamed.status).toBe(413);
      expect(streamed.body).not.toContain("AAAA");
    }
  });

  it("allows multipart uploads up to the request cap and refuses bigger ones", async () => {
    const ok = new FormData();
    ok.append("photo", new Blob([new Uint8Array(3 * 1024 * 1024)]), "a.jpg");
    expect((await fetch(`${base}/groups/x/products/new`, { method: "POST", body: ok })).status).toBe(200);
    const tooBig = new FormData();
    tooBig.append("photo", new Blob([new Uint8Array(MULTIPART_BODY_LIMIT + 1024)]), "b.jpg");
    expect((await fetch(`${base}/groups/x/products/new`, { method: "POST", body: tooBig })).status).toBe(413);
  });

  it("answers JSON, text/plain and boundary-less multipart with 415, broken multipart with 400", async () => {
    for (const type of ["application/json", "text/plain", "multipart/form-data", "application/xml"]) {
      const res = await fetch(`${base}/login`, { method: "POST", headers: { "Content-Type": type }, body: '{"email":"a"}' });
      expect(res.status, type).toBe(415);
    }
    const broken = await fetch(`${base}/login`, { method: "POST", headers: { "Content-Type": "multipart/form-data; boundary=XYZ" }, body: "--XYZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end" });
    expect(broken.status).toBe(400);
  });
});
