import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "~/components/nonce";
import { dbReady } from "~/db/db.server";
import "~/http/load-context";
import { installFormDataErrors } from "~/http/form-data-errors.server";
import { RETRY_AFTER_SECONDS } from "~/db/errors";
import { isLocale, DEFAULT_LOCALE } from "~/i18n/config";
import { TranslationProvider } from "~/i18n/react";
import { getResources } from "~/i18n/resources.server";
import { startBackgroundJobs } from "~/jobs/scheduler.server";

const ABORT_DELAY = 5_000;

installFormDataErrors();
await dbReady;
startBackgroundJobs();

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const rootData = remixContext.staticHandlerContext.loaderData?.root as { locale?: string } | undefined;
  const locale = isLocale(rootData?.locale) ? rootData.locale : DEFAULT_LOCALE;
  // The translations are read once per process (resources.server.ts); the provider only wraps them.
  const namespaces = getResources(locale);
  const bot = isbot(request.headers.get("user-agent") ?? "");
  const nonce = loadContext.cspNonce;

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <TranslationProvider language={locale} namespaces={namespaces}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </TranslationProvider>
      </NonceContext.Provider>,
      {
        nonce,
        [bot ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          // Security headers (CSP with this nonce, nosniff, frame-ancestors…) are set by server.ts for every response.
          if (responseStatusCode === 503) {
            responseHeaders.set("Retry-After", String(RETRY_AFTER_SECONDS));
            responseHeaders.set("Cache-Control", "no-store");
          }
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** Client-side navigations and fetcher submissions during a database outage get the same 503 + Retry-After. */
export function handleDataRequest(response: Response): Response {
  if (response.status === 503 && !response.headers.has("Retry-After")) response.headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
  return response;
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (!request.signal.aborted) console.error(error);
}
