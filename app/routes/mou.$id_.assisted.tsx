import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, clientIp, notFound, requireUser } from "~/auth/guard.server";
import { Field, FormMessage, Notice, SummaryForm } from "~/components/form";
import { isDomainError } from "~/domain/errors";
import { formError, formRefusal, parseForm, refusal } from "~/forms/parse.server";
import { formCheckbox, formText, optionalFormText, z } from "~/forms/validation";
import { assistedSigningFor, sendAssistedCode, signAssisted } from "~/mou/assisted.server";
import { SignaturePad } from "~/mou/components";
import { SigningLayout } from "~/mou/summary";

/**
 * In-person signing (issue 13 item 10, decision 095): the facilitator of the group or a Dinas officer of the
 * office opens a session on their own device for the chair who is with them. Works without JavaScript: the
 * choice of method is a link (?method=code|attest), sending the code a form.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const session = await assistedSigningFor(actorOf(user, request), params.id!);
  if (!session) throw notFound();
  return json(session, { headers: { "Cache-Control": "no-store" } });
}

const SignSchema = /* @__PURE__ */ (() => z.object({
  intent: z.literal("sign"),
  method: z.enum(["CODE", "ATTESTED"]),
  code: optionalFormText(20),
  officerPassword: optionalFormText(200),
  attest: formCheckbox(),
  typedName: formText(200),
  signatureImage: optionalFormText(300_000),
  consent: formCheckbox(),
}))();

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const actor = actorOf(user, request);
  const id = params.id!;
  // Out of scope: 404 before reading anything else.
  if (!(await assistedSigningFor(actor, id))) throw notFound();
  const form = await request.formData();
  const intent = form.get("intent");
  try {
    if (intent === "sendCode") {
      try {
        await sendAssistedCode(actor, id);
      } catch (error) {
        if (isDomainError(error)) return refusal(error, { method: "CODE" }, "_form");
        throw error;
      }
      return redirect(`/mou/${id}/assisted?method=code&sent=1#sign-panel`);
    }
    if (intent !== "sign") return formRefusal("errors:badRequest");
    const parsed = parseForm(SignSchema, form);
    if (!parsed.ok) return formError(parsed);
    const values = { typedName: parsed.data.typedName, method: parsed.data.method };
    if (parsed.data.method === "CODE" && !parsed.data.code) return formRefusal("mou:assisted.errors.codeRequired", values, "code");
    if (parsed.data.method === "ATTESTED" && !parsed.data.officerPassword) return formRefusal("mou:assisted.errors.officerPasswordRequired", values, "officerPassword");
    try {
      const result = await signAssisted(actor, id, {
        method: parsed.data.method,
        code: parsed.data.code,
        officerPassword: parsed.data.officerPassword,
        attest: parsed.data.attest,
        typedName: parsed.data.typedName,
        signatureImage: parsed.data.signatureImage ?? null,
        consent: parsed.data.consent,
        ip: clientIp(request),
        userAgent: request.headers.get("user-agent"),
      });
      return redirect(`/mou/${id}/assisted?signed=1${result.completed ? "&completed=1" : ""}`);
    } catch (error) {
      if (isDomainError(error)) return refusal(error, values);
      throw error;
    }
  } catch (error) {
    if (isDomainError(error)) return refusal(error, {});
    throw error;
  }
}

export default function AssistedSigning() {
  const { t } = useTranslation();
  const session = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = data && "errors" in data ? data : undefined;
  const method = errors?.values?.method === "CODE" || params.get("method") === "code" ? "CODE" : errors?.values?.method === "ATTESTED" || params.get("method") === "attest" ? "ATTESTED" : null;
  const base = `/mou/${session.mou.id}/assisted`;
  return (
    <div className="space-y-4">
      <Link to={`/mou/${session.mou.id}`} className="text-sm">
        {t("mou:view.backToMou")}
      </Link>
      <h1 className="text-2xl font-bold">{t("mou:assisted.title", { number: session.mou.number })}</h1>
      {params.get("signed") ? <Notice tone="success">{t(params.get("completed") ? "mou:assisted.signedCompleted" : "mou:assisted.signed")}</Notice> : null}
      {!session.signer || !("content" in session) || !session.content ? (
        <Notice tone="warning">{t("mou:assisted.noChair")}</Notice>
      ) : (
        <SigningLayout
          content={session.content}
          number={session.mou.number}
          versionNumber={session.versionNumber}
          banner={<Notice>{t("mou:assisted.intro", { name: session.signer.name, title: session.signer.title })}</Notice>}
          panel={
            <div className="space-y-4">
              <FormMessage data={errors} />
              <section className="card space-y-3" aria-labelledby="method-heading" data-testid="assisted-method">
                <h2 id="method-heading" className="text-lg font-semibold">
                  {t("mou:assisted.methodHeading")}
                </h2>
                <SummaryForm method="post" action={`${base}#form-errors`} className="space-y-2">
                  <input type="hidden" name="intent" value="sendCode" />
                  <p className="text-sm">
                    {session.signer.destination
                      ? t(session.signer.destination.kind === "phone" ? "mou:assisted.codeToPhone" : "mou:assisted.codeToEmail", { to: session.signer.destination.value })
                      : t("mou:assisted.noDestination")}
                  </p>
                  <button className={method === "CODE" ? "btn-primary w-full" : "btn-secondary w-full"} data-testid="send-code" disabled={!session.signer.destination}>
                    {t(params.get("sent") ? "mou:assisted.resendCode" : "mou:assisted.sendCode")}
                  </button>
                </SummaryForm>
                <Link to={`${base}?method=attest#sign-panel`} className={`${method === "ATTESTED" ? "btn-primary" : "btn-secondary"} block w-full text-center no-underline`} data-testid="choose-attest">
                  {t("mou:assisted.attestInstead")}
                </Link>
                {params.get("sent") ? <Notice tone="success">{t("mou:assisted.codeSent", { to: session.signer.destination?.value ?? "" })}</Notice> : null}
              </section>
              {method ? (
                <section className="card space-y-3" aria-labelledby="sign-heading">
                  <h2 id="sign-heading" className="text-lg font-semibold">
                    {t("mou:assisted.signHeading", { name: session.signer.name })}
                  </h2>
                  <SummaryForm method="post" action={`${base}?method=${method === "CODE" ? "code" : "attest"}#form-errors`} className="space-y-3">
                    <input type="hidden" name="intent" value="sign" />
                    <input type="hidden" name="method" value={method} />
                    {method === "CODE" ? (
                      <Field name="code" label={t("mou:assisted.code")} hint={t("mou:assisted.codeHint")} inputMode="numeric" autoComplete="one-time-code" data={errors} required />
                    ) : (
                      <>
                        <div>
                          <label className="flex items-start gap-2 text-sm">
                            <input id="f-attest" type="checkbox" name="attest" className="mt-1 h-5 w-5" aria-invalid={errors?.errors?.attest ? true : undefined} />
                            <span>{t("mou:assisted.attest", { name: session.signer.name })}</span>
                          </label>
                          {errors?.errors?.attest ? (
                            <p className="field-error" id="f-attest-error">
                              {t(errors.errors.attest)}
                            </p>
                          ) : null}
                        </div>
                        <Field name="officerPassword" type="password" label={t("mou:assisted.officerPassword")} autoComplete="current-password" data={errors} required />
                      </>
                    )}
                    <Field name="typedName" label={t("mou:assisted.typedName")} hint={t("mou:sign.typedNameHint", { name: session.signer.name })} data={errors} required autoComplete="off" />
                    <SignaturePad />
                    <div>
                      <label className="flex items-start gap-2 text-sm">
                        <input id="f-consent" type="checkbox" name="consent" className="mt-1 h-5 w-5" aria-invalid={errors?.errors?.consent ? true : undefined} />
                        <span>{t("mou:assisted.consent", { name: session.signer.name })}</span>
                      </label>
                      {errors?.errors?.consent ? (
                        <p className="field-error" id="f-consent-error">
                          {t(errors.errors.consent)}
                        </p>
                      ) : null}
                    </div>
                    <button className="btn-primary w-full sm:w-auto" data-testid="assisted-sign-submit">
                      {t("mou:assisted.submit")}
                    </button>
                  </SummaryForm>
                </section>
              ) : null}
            </div>
          }
        />
      )}
    </div>
  );
}
