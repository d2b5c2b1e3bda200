import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { logInWithCode, requestLoginCode } from "~/accounts/login-code.server";
import { clientIp, getOptionalUser, homePathFor } from "~/auth/guard.server";
import { commitSessionCookie } from "~/auth/session.server";
import { Field, FormMessage, Notice, SummaryForm } from "~/components/form";
import { isDomainError } from "~/domain/errors";
import { detectLocale, getServerT } from "~/i18n/i18n.server";
import { formError, parseForm, refusal } from "~/forms/parse.server";
import { formText, z } from "~/forms/validation";
import { safeRedirectPath } from "~/utils/redirect";
import { NO_SCRIPTS } from "~/components/scripts-policy";

/** Works without JavaScript: served without the client scripts (decision 128). */
export const handle = NO_SCRIPTS;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Bermitra" }];

const SendSchema = /* @__PURE__ */ (() => z.object({ intent: z.literal("send"), phone: formText(40), redirectTo: z.string().max(500).optional() }))();
const VerifySchema = /* @__PURE__ */ (() =>
  z.object({ intent: z.literal("verify"), phone: formText(40), code: formText(20), redirectTo: z.string().max(500).optional() }))();

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(homePathFor(user.role));
  const t = getServerT(await detectLocale(request));
  return json({ title: `${t("auth:code.title")} · Bermitra` });
}

/**
 * Log-in with a one-time code sent by WhatsApp/SMS (decision 109). Two plain posts, so it works without
 * JavaScript: `send` (the same answer whether the number has an account or not) and `verify`.
 */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const meta = { ip: clientIp(request), userAgent: request.headers.get("user-agent") };
  const intent = form.get("intent");
  if (intent !== "send" && intent !== "verify") throw new Response("errors:badRequest", { status: 400 });
  if (intent === "verify") {
    const parsed = parseForm(VerifySchema, form);
    if (!parsed.ok) return formError({ errors: parsed.errors, values: { ...parsed.values, sent: "1" } });
    try {
      const { user, session } = await logInWithCode(parsed.data.phone, parsed.data.code, new Date(), meta);
      return redirect(safeRedirectPath(parsed.data.redirectTo, homePathFor(user.role)), {
        headers: { "Set-Cookie": await commitSessionCookie(session.id) },
      });
    } catch (error) {
      if (isDomainError(error)) return refusal(error, { phone: parsed.data.phone, sent: "1" });
      throw error;
    }
  }
  const parsed = parseForm(SendSchema, form);
  if (!parsed.ok) return formError(parsed);
  try {
    await requestLoginCode(parsed.data.phone, new Date(), meta);
  } catch (error) {
    if (isDomainError(error)) return refusal(error, { phone: parsed.data.phone }, "phone");
    throw error;
  }
  return json({ ok: true as const, errors: undefined, values: { phone: parsed.data.phone, sent: "1" } });
}

export default function LoginWithCode() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "";
  const values = (data?.values ?? {}) as Record<string, unknown>;
  const sent = values.sent === "1";
  const phone = typeof values.phone === "string" ? values.phone : "";
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-2 text-2xl font-bold">{t("auth:code.title")}</h1>
      <p className="mb-4 text-sm text-stone-600">{t("auth:code.intro")}</p>
      {sent ? (
        <SummaryForm method="post" className="card space-y-4">
          {data && "ok" in data ? <Notice tone="success">{t("auth:code.sent")}</Notice> : null}
          <FormMessage data={data} />
          <input type="hidden" name="intent" value="verify" />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <input type="hidden" name="phone" value={phone} />
          <p className="text-sm">{t("auth:code.to", { phone })}</p>
          <Field name="code" label={t("auth:code.code")} inputMode="numeric" autoComplete="one-time-code" data={data} required />
          <button type="submit" className="btn-primary w-full">
            {t("auth:code.verify")}
          </button>
        </SummaryForm>
      ) : null}
      <SummaryForm method="post" className={`card space-y-4 ${sent ? "mt-4" : ""}`}>
        {!sent ? <FormMessage data={data} /> : null}
        <input type="hidden" name="intent" value="send" />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field name="phone" type="tel" inputMode="tel" autoComplete="tel" label={t("auth:fields.phone")} hint={t("auth:code.phoneHint")} defaultValue={phone} data={sent ? undefined : data} required />
        <button type="submit" className={sent ? "btn-secondary w-full" : "btn-primary w-full"}>
          {sent ? t("auth:code.resend") : t("auth:code.send")}
        </button>
      </SummaryForm>
      <p className="mt-4 text-sm">
        <Link to="/login">{t("auth:code.withPassword")}</Link>
      </p>
    </div>
  );
}
