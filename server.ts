/**
 * The Bermitra web server: Express + Remix request handler, compression, static files with cache
 * headers, and the CSRF origin check. Run with `tsx server.ts` after `remix build`.
 */
import "./app/time/clock";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { isCrossSiteRequest } from "./app/auth/csrf";
import { createPublicPageCache } from "./app/cache/public-page-cache";
import { sqliteFilePath } from "./app/db/database-url";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
process.env.NODE_ENV ??= "production";

const buildDir = process.env.BUILD_DIR ? `.builds/${path.basename(process.env.BUILD_DIR)}` : undefined;
const serverBuildPath = path.resolve(buildDir ? `${buildDir}/server/index.mjs` : "build/index.js");
const assetsDir = buildDir ? `${buildDir}/public/build` : "public/build";
const build = (await import(serverBuildPath)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY === "1");
app.use(compression());

// Fingerprinted build assets are immutable; other public files get a short cache.
app.use("/build", express.static(assetsDir, { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

app.use((req, res, next) => {
  if (
    isCrossSiteRequest({
      method: req.method,
      path: req.path,
      host: req.get("host"),
      origin: req.get("origin"),
      referer: req.get("referer"),
    })
  ) {
    res.status(403).type("text/plain").send("Cross-site request refused / Permintaan lintas situs ditolak");
    return;
  }
  next();
});

// Anonymous catalogue pages and the product API are cached until the database changes (PAGE_CACHE=off disables).
if (process.env.PAGE_CACHE !== "off") {
  const cache = createPublicPageCache({ databaseFile: sqliteFilePath() });
  app.use((req, res, next) => {
    const key = cache.keyFor({ method: req.method, url: req.originalUrl, cookie: req.get("cookie") });
    if (!key) return next();
    const hit = cache.get(key);
    if (hit) {
      res.status(hit.status).set(hit.headers).set("X-Cache", "HIT").send(hit.body);
      return;
    }
    const version = cache.dataVersion();
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
    const collect = (chunk: unknown, encoding?: unknown) => {
      if (chunk == null || typeof chunk === "function") return;
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0]);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.getHeaders())) {
        if (value !== undefined && name !== "content-length" && name !== "content-encoding" && name !== "vary") headers[name] = String(value);
      }
      cache.set(key, { status: res.statusCode, headers, body: Buffer.concat(chunks), version });
      return end(chunk, ...rest);
    }) as typeof res.end;
    res.set("X-Cache", "MISS");
    next();
  });
}

app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

app.listen(port, host, () => {
  console.log(`Bermitra is running on http://localhost:${port}`);
});
