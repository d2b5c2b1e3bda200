/**
 * One web server process of Bermitra: Express + Remix request handler, security headers (helmet, CSP nonce),
 * the client-IP rule, compression, static files with cache headers, and the CSRF origin check. server.ts
 * starts one of these, or one per core under node:cluster (decision 100). See docs/security.md.
 */
import "~/time/clock";
import cluster from "node:cluster";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { isCrossSiteRequest } from "~/auth/csrf";
import { createPublicPageCache } from "~/cache/public-page-cache";
import { appDataVersion } from "~/cache/data-version.server";
import { apiRateLimit } from "~/http/api-limit";
import { bodyLimits } from "~/http/body-limit";
import { refuseNulInAddress } from "~/http/nul-characters";
import { CLIENT_IP_HEADER, trustedProxyHops } from "~/http/client-ip";
import { assignNonce, securityHeaders } from "~/http/security-headers";
import { withDatabaseOutageAnswers } from "~/db/outage.server";
import { installRouteMatchMemo } from "~/http/route-match-memo.server";

/** Serves the built app on `port` (several cluster workers may share it). */
export async function startWebServer({
  port,
  host,
}: {
  port: number;
  host: string;
}) {
  const buildDir = process.env.BUILD_DIR
    ? `.builds/${path.basename(process.env.BUILD_DIR)}`
    : undefined;
  const serverBuildPath = path.resolve(
    buildDir ? `${buildDir}/server/index.mjs` : "build/index.js"
  );
  const assetsDir = buildDir ? `${buildDir}/public/build` : "public/build";
  // Route matching remembered per address (it re-ranks the whole route tree on every call otherwise).
  installRouteMatchMemo();
  // Loaders and actions that hit a database outage answer 503 + Retry-After instead of 500 (decision 071).
  const build = withDatabaseOutageAnswers(
    (await import(serverBuildPath)) as ServerBuild
  );

  const app = express();
  app.disable("x-powered-by");
  // X-Forwarded-For / -Proto are believed only from TRUST_PROXY hops; otherwise the socket address counts.
  app.set("trust proxy", trustedProxyHops() || false);
  app.use((req, _res, next) => {
    // Overwritten on every request (a client-sent value never survives): what clientIp() reads.
    req.headers[CLIENT_IP_HEADER] = (
      req.ip ??
      req.socket.remoteAddress ??
      ""
    ).replace(/^::ffff:/, "");
    next();
  });
  app.use(assignNonce);
  app.use(securityHeaders());
  app.use(compression());

  // Fingerprinted build assets are immutable; other public files get a short cache.
  app.use(
    "/build",
    express.static(assetsDir, { immutable: true, maxAge: "1y" })
  );
  app.use(express.static("public", { maxAge: "1h" }));

  app.use((req, res, next) => {
    if (
      isCrossSiteRequest({
        method: req.method,
        path: req.path,
        protocol: req.protocol,
        host: req.get("host"),
        origin: req.get("origin"),
        referer: req.get("referer"),
      })
    ) {
      res
        .status(403)
        .type("text/plain")
        .send("Cross-site request refused / Permintaan lintas situs ditolak");
      return;
    }
    next();
  });

  // A NUL character in the address (%00): 400 before any loader reads the query (app/http/nul-characters.ts).
  app.use(refuseNulInAddress);

  // Bodies: form content types only, capped while they stream (app/http/body-limit.ts).
  app.use(bodyLimits);

  // The JSON API is rate-limited per client IP (before the cache, so cached answers count too).
  app.use("/api/", apiRateLimit);

  // Anonymous catalogue pages and the product API are cached until the database changes (PAGE_CACHE=off disables).
  const UNCACHED_HEADERS = new Set([
    "content-length",
    "content-encoding",
    "vary",
    "content-security-policy",
    "strict-transport-security",
  ]);
  if (process.env.PAGE_CACHE !== "off") {
    const cache = createPublicPageCache({ changes: appDataVersion() });
    app.use((req, res, next) => {
      const key = cache.keyFor({
        method: req.method,
        url: req.originalUrl,
        cookie: req.get("cookie"),
      });
      if (!key) return next();
      const hit = cache.get(key);
      const nonce = res.locals.cspNonce as string;
      if (hit) {
        // The stored page carries the nonce of the request that filled the cache: give it this response's nonce.
        const body =
          hit.nonce && hit.nonce !== nonce
            ? Buffer.from(
                hit.body
                  .toString("utf8")
                  .split(`nonce="${hit.nonce}"`)
                  .join(`nonce="${nonce}"`)
              )
            : hit.body;
        res
          .status(hit.status)
          .set(hit.headers)
          .set("X-Cache", "HIT")
          .send(body);
        return;
      }
      const version = cache.dataVersion();
      const chunks: Buffer[] = [];
      const write = res.write.bind(res) as (...args: unknown[]) => boolean;
      const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
      const collect = (chunk: unknown, encoding?: unknown) => {
        if (chunk == null || typeof chunk === "function") return;
        chunks.push(
          Buffer.isBuffer(chunk)
            ? chunk
            : Buffer.from(
                chunk as string,
                typeof encoding === "string"
                  ? (encoding as BufferEncoding)
                  : "utf8"
              )
        );
      };
      res.write = ((chunk: unknown, ...rest: unknown[]) => {
        collect(chunk, rest[0]);
        return write(chunk, ...rest);
      }) as typeof res.write;
      res.end = ((chunk?: unknown, ...rest: unknown[]) => {
        collect(chunk, rest[0]);
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.getHeaders())) {
          if (value !== undefined && !UNCACHED_HEADERS.has(name))
            headers[name] = String(value);
        }
        cache.set(key, {
          status: res.statusCode,
          headers,
          body: Buffer.concat(chunks),
          version,
          nonce,
        });
        return end(chunk, ...rest);
      }) as typeof res.end;
      res.set("X-Cache", "MISS");
      next();
    });
  }

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext: (_req, res) => ({
        cspNonce: res.locals.cspNonce as string,
      }),
    })
  );

  const server = app.listen(port, host, () => {
    if (!cluster.isWorker || cluster.worker?.id === 1)
      console.log(`Bermitra is running on http://localhost:${port}`);
  });
  // Stopping: no new connections, give the jobs lease up (so another process takes the jobs at once), exit.
  const stop = () => {
    server.close();
    void (globalThis.__bermitraJobs?.release() ?? Promise.resolve()).finally(
      () => process.exit(0)
    );
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
