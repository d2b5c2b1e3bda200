
import { useTranslation } from "~/i18n/react";
import { type ActionErrors, Field, FormMessage, Notice, SummaryForm, TextAreaField } from "~/components/form";
import { SignaturePad } from "./components";

/** Identity re-confirmation, typed full name, drawn signature, consent; and a separate decline form. */
export function SignPanel({ signer, needsCode, codeSent, data }: { signer: { name: string; title: string; email: string | null }; needsCode: boolean; codeSent: boolean; data?: ActionErrors }) {
  const { t } = useTranslation();
  const consentError = data?.errors?.consent;
  return (
    <div className="space-y-4">
      <section className="card space-y-3" aria-labelledby="sign-heading">
        <h2 id="sign-heading" className="text-lg font-semibold">
          {t("mou:sign.heading")}
        </h2>
        <p className="text-sm text-stone-600">{t("mou:sign.intro", { name: signer.name, title: signer.title })}</p>
        <FormMessage data={data} />
        {needsCode ? (
          <SummaryForm method="post" className="flex flex-col gap-2 sm:flex-row sm:items-end">
            <input type="hidden" name="intent" value="requestCode" />
            <p className="flex-1 text-sm">{t("mou:sign.codeIntro", { email: signer.email ?? "" })}</p>
            <button className="btn-secondary" data-testid="request-code">
              {t(codeSent ? "mou:sign.resendCode" : "mou:sign.sendCode")}
            </button>
          </SummaryForm>
        ) : null}
        {codeSent ? <Notice tone="success">{t("mou:sign.codeSent", { email: signer.email ?? "" })}</Notice> : null}
        <SummaryForm method="post" className="space-y-3">
          <input type="hidden" name="intent" value="sign" />
          {needsCode ? (
            <Field name="code" label={t("mou:sign.code")} inputMode="numeric" autoComplete="one-time-code" data={data} required />
          ) : (
            <Field name="password" type="password" label={t("mou:sign.password")} autoComplete="current-password" data={data} required />
          )}
          <Field name="typedName" label={t("mou:sign.typedName")} hint={t("mou:sign.typedNameHint", { name: signer.name })} data={data} required autoComplete="name" />
          <SignaturePad />
          <div>
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="consent" className="mt-1 h-5 w-5" aria-invalid={consentError ? true : undefined} />
              <span>{t("mou:sign.consent")}</span>
            </label>
            {consentError ? <p className="field-error">{t(consentError)}</p> : null}
          </div>
          <button className="btn-primary w-full sm:w-auto" data-testid="sign-submit">
            {t("mou:sign.submit")}
          </button>
        </SummaryForm>
      </section>
      <section className="card space-y-2">
        <h2 className="text-base font-semibold">{t("mou:sign.declineHeading")}</h2>
        <SummaryForm method="post" className="space-y-2">
          <input type="hidden" name="intent" value="decline" />
          <p className="text-sm text-stone-600">{t("mou:sign.declineIdentity")}</p>
          <TextAreaField name="reason" label={t("mou:sign.declineReason")} rows={2} data={data} />
          {needsCode ? (
            <Field name="declineCode" label={t("mou:sign.declineCode")} inputMode="numeric" autoComplete="one-time-code" data={data} required />
          ) : (
            <Field name="declinePassword" type="password" label={t("mou:sign.declinePassword")} autoComplete="current-password" data={data} required />
          )}
          <button className="btn-danger">{t("mou:sign.decline")}</button>
        </SummaryForm>
      </section>
    </div>
  );
}
