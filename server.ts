/**
 * The Bermitra web server: Express + Remix request handler, compression, static files with cache
 * headers, and the CSRF origin check. Run with `tsx server.ts` after `remix build`.
 */
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { isCrossSiteRequest } from "./app/auth/csrf";

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

app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

app.listen(port, host, () => {
  console.log(`Bermitra is running on http://localhost:${port}`);
});
