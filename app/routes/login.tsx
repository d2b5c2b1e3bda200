import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { logIn } from "~/accounts/accounts.server";
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

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "Bermitra" },
  { name: "description", content: data?.description ?? "" },
];

const LoginSchema = /* @__PURE__ */ (() => z.object({ email: formText(200), password: z.string().min(1).max(200), redirectTo: z.string().optional() }))();

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(homePathFor(user.role));
  const t = getServerT(await detectLocale(request));
  return json({ title: `${t("auth:login.title")} · Bermitra`, description: t("auth:login.metaDescription") });
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(LoginSchema, await request.formData());
  if (!parsed.ok) return formError(parsed);
  try {
    const { user, session } = await logIn(parsed.data.email, parsed.data.password, {
      ip: clientIp(request),
      userAgent: request.headers.get("user-agent"),
    });
    return redirect(safeRedirectPath(parsed.data.redirectTo, homePathFor(user.role)), {
      headers: { "Set-Cookie": await commitSessionCookie(session.id) },
    });
  } catch (error) {
    if (isDomainError(error)) return refusal(error, { email: parsed.data.email });
    throw error;
  }
}

export default function LoginPage() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-4 text-2xl font-bold">{t("auth:login.title")}</h1>
      {params.get("signedUp") ? (
        <div className="mb-4">
          <Notice tone="success">{t("auth:login.signedUp")}</Notice>
        </div>
      ) : null}
      {params.get("reset") ? (
        <div className="mb-4">
          <Notice tone="success">{t("auth:login.resetDone")}</Notice>
        </div>
      ) : null}
      <SummaryForm method="post" className="card space-y-4">
        <FormMessage data={data} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field name="email" label={t("auth:fields.emailOrPhone")} hint={t("auth:login.identifierHint")} autoComplete="username" data={data} required />
        <Field name="password" type="password" label={t("auth:fields.password")} autoComplete="current-password" data={data} required />
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {t("auth:login.submit")}
        </button>
        <p className="text-sm">
          <Link to="/login/code">{t("auth:login.withCode")}</Link>
        </p>
        <div className="flex flex-wrap justify-between gap-2 text-sm">
          <Link to="/forgot-password">{t("auth:login.forgot")}</Link>
          <Link to="/signup">{t("auth:login.signup")}</Link>
        </div>
      </SummaryForm>
    </div>
  );
}
