/**
 * The JSON API's abuse limit, in front of the page cache so cached answers count too: LIMITS.apiIp requests
 * per client IP, then 429 with Retry-After and a JSON error like the API's others.
 */
import type { NextFunction, Request, Response } from "express";
import { consume, isRateLimited } from "../security/rate-limit.server";
import { CLIENT_IP_HEADER } from "./client-ip";

export async function apiRateLimit(req: Request, res: Response, next: NextFunction) {
  try {
    await consume("apiIp", String(req.headers[CLIENT_IP_HEADER] ?? req.ip ?? ""));
    next();
  } catch (error) {
    if (!isRateLimited(error)) return next(error);
    res
      .status(429)
      .set("Retry-After", String(error.retryAfterSeconds))
      .set("Cache-Control", "no-store")
      .json({ error: { code: "rate_limited", message: "Too many requests; try again later. / Terlalu banyak permintaan; coba lagi nanti.", retryAfterSeconds: error.retryAfterSeconds } });
  }
}
