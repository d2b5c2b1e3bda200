/**
 * Response headers for every response of the web server (pages, PDFs, CSV, images, JSON, static files),
 * set with helmet. See docs/decisions/065-security-headers-and-csp.md and docs/security.md.
 *
 * - Content-Security-Policy without 'unsafe-inline' for scripts: every inline script Remix writes
 *   (`<Scripts>`, `<ScrollRestoration>`, streamed data) carries the per-request nonce, which server.ts
 *   passes to entry.server and root through the Remix load context.
 * - frame-ancestors 'none' (and X-Frame-Options: DENY for old browsers), nosniff, Referrer-Policy,
 *   Permissions-Policy; HSTS only when the request came over HTTPS (directly or via a trusted proxy).
 */
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";

export const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "bluetooth=()",
  "magnetometer=()",
  "gyroscope=()",
  "accelerometer=()",
  "interest-cohort=()",
  "browsing-topics=()",
].join(", ");

/** Where the card-payment form may redirect to (Stripe Checkout); forms otherwise post to this site only. */
const FORM_TARGETS = ["'self'", "https://checkout.stripe.com"];

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/** Gives each response its own CSP nonce (res.locals.cspNonce). Must run before `securityHeaders`. */
export function assignNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = newNonce();
  next();
}

export function securityHeaders() {
  const helmetMiddleware = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
        "script-src-attr": ["'none'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": FORM_TARGETS,
        "frame-ancestors": ["'none'"],
        "frame-src": ["'none'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: { policy: "same-origin" },
    crossOriginResourcePolicy: { policy: "same-origin" },
    referrerPolicy: { policy: "same-origin" },
    // HSTS is added below only for HTTPS requests: on plain HTTP it would be ignored at best.
    strictTransportSecurity: false,
    xContentTypeOptions: true,
    xFrameOptions: { action: "deny" },
    xPermittedCrossDomainPolicies: { permittedPolicies: "none" },
    xDnsPrefetchControl: { allow: false },
  });
  const hsts = helmet.strictTransportSecurity({ maxAge: 31_536_000, includeSubDomains: true });
  return function securityHeadersMiddleware(req: Request, res: Response, next: NextFunction) {
    res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    helmetMiddleware(req, res, (error?: unknown) => {
      if (error) return next(error);
      if (req.secure) return hsts(req, res, next);
      next();
    });
  };
}
