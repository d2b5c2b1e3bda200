import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { clientIp } from "~/auth/guard.server";
import { Notice, useTranslateError } from "~/components/form";
import { unavailableResponse } from "~/db/outage.server";
import { domainErrorMessage } from "~/domain/errors";
import { useDates } from "~/time/use-dates";
import { verifyByCode, verifyPdf, type VerificationResult } from "~/mou/verify.server";
import { consume, isRateLimited } from "~/security/rate-limit.server";
import { detectFileType, PDF_TYPES } from "~/http/stored-files.server";
import { NO_SCRIPTS } from "~/components/scripts-policy";

/** Works without JavaScript: served without the client scripts (decision 128). */
export const handle = NO_SCRIPTS;

const MAX_PDF_BYTES = 10 * 1024 * 1024;

/** Public: is this an authentic, unaltered Bermitra MoU? By verification code (also the QR link) or by uploading the PDF. */
export async function loader({ request }: LoaderFunctionArgs) {
  const code = new URL(request.url).searchParams.get("code")?.slice(0, 40) ?? "";
  if (!code) return json({ code, result: null as VerificationResult | null });
  // A lookup that cannot be answered (database outage) is a 503, never "not authentic".
  return json({ code, result: await verifyByCode(code).catch((error: unknown) => Promise.reject(unavailableResponse(error))) });
}

export async function action({ request }: ActionFunctionArgs) {
  try {
    await consume("verifyUploadIp", clientIp(request));
  } catch (error) {
    if (!isRateLimited(error)) throw error;
    return json(
      { result: null, uploaded: false, limited: domainErrorMessage(error) },
      { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } },
    );
  }
  // Anything wrong with the upload (too big, not a PDF, no file) is simply "not authentic", never an error page.
  let bytes: Uint8Array;
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_PDF_BYTES }));
    const file = form.get("pdf");
    if (!file || typeof file === "string") return json({ result: { authentic: false, reason: "unknown" } as VerificationResult, uploaded: true });
    bytes = new Uint8Array(await file.arrayBuffer());
    // Typed by its bytes: anything but a PDF is not authentic, whatever it was called or declared as.
    if (!(await detectFileType(bytes, PDF_TYPES))) return json({ result: { authentic: false, reason: "unknown" } as VerificationResult, uploaded: true });
  } catch {
    return json({ result: { authentic: false, reason: "unknown" } as VerificationResult, uploaded: true });
  }
  // The lookup itself failing (database outage) is a 503, never "not authentic".
  const result = await verifyPdf(bytes).catch((error: unknown) => Promise.reject(unavailableResponse(error)));
  return json({ result, uploaded: true });
}

function Result({ result }: { result: VerificationResult }) {
  const { date: fmtDate, dateTime: fmtDateTime } = useDates(result.authentic ? result.zone : null);
  const { t } = useTranslation();
  if (!result.authentic) {
    return (
      <div role="status" className="rounded-lg border border-red-200 bg-red-50 p-4 text-red-900" data-testid="verify-result" data-authentic="false">
        <p className="font-semibold">{t("mou:verify.notAuthentic")}</p>
        <p className="text-sm">{t(result.reason === "altered" ? "mou:verify.altered" : result.reason === "pending" ? "mou:verify.pending" : "mou:verify.unknown")}</p>
      </div>
    );
  }
  return (
    <div role="status" className="space-y-2 rounded-lg border border-green-200 bg-green-50 p-4 text-green-950" data-testid="verify-result" data-authentic="true">
      <p className="font-semibold">{t("mou:verify.authentic")}</p>
      <p className="text-sm">
        {result.title} · {result.number} · {t("mou:list.version", { n: result.versionNumber })}
      </p>
      <p className="text-sm">
        {result.parties.partner} · {result.parties.groups.join(", ")} · {result.parties.dinas}
      </p>
      <p className="text-sm">{t("mou:list.period", { start: fmtDate(result.period.startDate), end: fmtDate(result.period.endDate) })}</p>
      <p className="text-sm font-semibold" data-testid="verify-in-force">
        {result.inForce ? t("mou:verify.inForce") : result.superseded ? t("mou:verify.superseded") : t("mou:verify.notInForce", { status: t(`mou:status.${result.mouStatus}`) })}
      </p>
      <ul className="text-sm">
        {result.signers.map((s, i) => (
          <li key={i}>
            {s.name} · {s.title} · {t(`mou:party.${s.party}`)} · {t("mou:view.signedOn", { date: fmtDateTime(s.signedAt) })}
          </li>
        ))}
      </ul>
      <p className="text-xs break-all">
        {t("mou:view.hash")}: {result.contentHash} · {t("mou:view.verificationCode")}: {result.verificationCode}
      </p>
    </div>
  );
}

export default function VerifyMou() {
  const { t } = useTranslation();
  const { code, result } = useLoaderData<typeof loader>();
  const uploaded = useActionData<typeof action>();
  const translate = useTranslateError();
  const shown = uploaded?.result ?? result;
  const limited = uploaded && "limited" in uploaded ? uploaded.limited : null;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("mou:verify.title")}</h1>
      <p className="text-sm text-stone-600">{t("mou:verify.intro")}</p>
      {limited ? (
        <Notice tone="warning">{translate(limited)}</Notice>
      ) : null}
      {shown ? <Result result={shown} /> : null}
      <Form noValidate method="get" className="card space-y-2">
        <label htmlFor="code" className="label">
          {t("mou:verify.code")}
        </label>
        <input id="code" name="code" className="input" defaultValue={code} placeholder={t("mou:verify.codePlaceholder")} autoComplete="off" />
        <button className="btn-primary">{t("mou:verify.check")}</button>
      </Form>
      <Form noValidate method="post" encType="multipart/form-data" className="card space-y-2">
        <label htmlFor="pdf" className="label">
          {t("mou:verify.upload")}
        </label>
        <input id="pdf" name="pdf" type="file" accept="application/pdf,.pdf" className="input" />
        <button className="btn-secondary">{t("mou:verify.checkPdf")}</button>
      </Form>
      {!shown ? <Notice>{t("mou:verify.howItWorks")}</Notice> : null}
    </div>
  );
}
