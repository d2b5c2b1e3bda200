import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { newPassword } from "~/auth/password-policy.server";
import { findValidResetToken, resetPassword } from "~/accounts/accounts.server";
import { Field, FormMessage, Notice, SummaryForm } from "~/components/form";
import { isDomainError } from "~/domain/errors";
import { formError, formRefusal, parseForm } from "~/forms/parse.server";
import { errorKey, z } from "~/forms/validation";
import { NO_SCRIPTS } from "~/components/scripts-policy";

/** Works without JavaScript: served without the client scripts (decision 128). */
export const handle = NO_SCRIPTS;

const Schema = /* @__PURE__ */ (() => z
  .object({ password: newPassword(), confirm: z.string().min(1) })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: errorKey("passwordsDiffer") }))();

/** Public, but only with a valid one-time token from the email. */
export async function loader({ params }: LoaderFunctionArgs) {
  const valid = !!(await findValidResetToken(params.token ?? ""));
  return json({ valid });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseForm(Schema, await request.formData());
  if (!parsed.ok) return formError(parsed);
  try {
    await resetPassword(params.token ?? "", parsed.data.password);
  } catch (error) {
    if (isDomainError(error)) return formRefusal(error.key);
    throw error;
  }
  return redirect("/login?reset=1");
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const { valid } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-4 text-2xl font-bold">{t("auth:reset.title")}</h1>
      {valid ? (
        <SummaryForm method="post" className="card space-y-4">
          <FormMessage data={data} />
          <Field name="password" type="password" label={t("auth:fields.newPassword")} autoComplete="new-password" data={data} hint={t("auth:fields.passwordHint")} />
          <Field name="confirm" type="password" label={t("auth:fields.confirmPassword")} autoComplete="new-password" data={data} />
          <button type="submit" className="btn-primary w-full">
            {t("auth:reset.submit")}
          </button>
        </SummaryForm>
      ) : (
        <Notice tone="warning">
          {t("auth:errors.resetLinkInvalid")} <Link to="/forgot-password">{t("auth:forgot.title")}</Link>
        </Notice>
      )}
    </div>
  );
}
