import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requestPasswordReset } from "~/accounts/accounts.server";
import { Field, Notice } from "~/components/form";
import { clientIp } from "~/auth/guard.server";
import { isDomainError } from "~/domain/errors";
import { formError, parseForm, refusal } from "~/forms/parse.server";
import { formText, z } from "~/forms/validation";
import { NO_SCRIPTS } from "~/components/scripts-policy";

/** Works without JavaScript: served without the client scripts (decision 128). */
export const handle = NO_SCRIPTS;

const Schema = /* @__PURE__ */ (() => z.object({ email: formText(200) }))();

/** Public: anyone may ask for a reset link. The answer is the same whether the address exists or not. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(Schema, await request.formData());
  if (!parsed.ok) return formError(parsed);
  try {
    await requestPasswordReset(parsed.data.email, new Date(), { ip: clientIp(request) });
  } catch (error) {
    if (isDomainError(error)) return refusal(error, { email: parsed.data.email }, "email");
    throw error;
  }
  return json({ ok: true as const, errors: undefined, values: undefined });
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-2 text-2xl font-bold">{t("auth:forgot.title")}</h1>
      <p className="mb-4 text-sm text-stone-600">{t("auth:forgot.intro")}</p>
      {data?.ok ? (
        <Notice tone="success">{t("auth:forgot.sent")}</Notice>
      ) : (
        <Form method="post" className="card space-y-4" noValidate>
          <Field name="email" label={t("auth:fields.emailOrPhone")} hint={t("auth:login.identifierHint")} autoComplete="username" data={data} required />
          <button type="submit" className="btn-primary w-full">
            {t("auth:forgot.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
