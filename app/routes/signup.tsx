import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { listDinasOfficeOptions, SIGNUP_MIN_MS, signUpGroup, signUpPartner, withMinimumDuration } from "~/accounts/accounts.server";
import { newPassword } from "~/auth/password-policy.server";
import { clientIp, getOptionalUser, homePathFor } from "~/auth/guard.server";
import { Field, FormMessage, SelectField, SummaryForm, TextAreaField } from "~/components/form";
import { VillageSelect } from "~/components/village-select";
import { isDomainError } from "~/domain/errors";
import { formError, formValues, parseForm, refusal } from "~/forms/parse.server";
import { emptyToUndefined, errorKey, formEmail, formText, optionalFormPhone, optionalFormText, z } from "~/forms/validation";
import { listVillageOptions } from "~/groups/groups.server";
import { detectLocale } from "~/i18n/i18n.server";
import { NO_SCRIPTS } from "~/components/scripts-policy";

/** Works without JavaScript: served without the client scripts (decision 128). */
export const handle = NO_SCRIPTS;

const ACCOUNT = /* @__PURE__ */ (() => ({
  name: formText(120),
  email: formEmail(),
  phone: optionalFormPhone(),
  password: newPassword(),
}))();

/**
 * Where every valid sign-up lands — new address or taken one (then only its owner gets an email): the same
 * redirect, so the form does not tell who has an account. The new user logs in with the chosen password.
 */
const SIGNED_UP = "/login?signedUp=1";

// A group member may sign up with a mobile number instead of an email (decision 109): one of the two is needed,
// the number is normalised to +62… by the domain (a landline or a foreign number is refused next to the field).
const GroupSchema = /* @__PURE__ */ (() => z.object({
  ...ACCOUNT,
  email: z.preprocess(emptyToUndefined, formEmail().optional()),
  groupType: z.enum(["KPM", "KUBE"]),
  groupName: formText(120),
  villageId: z.string().min(1),
  businessKind: z.enum(["PRODUKSI", "JASA"]),
  businessDescription: formText(1000),
}))();

const PartnerSchema = /* @__PURE__ */ (() => z.object({
  ...ACCOUNT,
  legalName: formText(200),
  displayName: formText(120),
  sector: z.enum(["HOTEL", "RESTAURANT", "TOURISM", "MUSEUM", "RETAIL", "COMPANY_CSR", "GOVERNMENT"]),
  nib: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().regex(/^\d{13}$/, errorKey("nib")).optional()),
  address: formText(300),
  title: optionalFormText(120),
  dinasOfficeId: z.string().min(1, errorKey("choose")).max(100),
}))();

function kindOf(request: Request): "group" | "partner" {
  return new URL(request.url).searchParams.get("as") === "partner" ? "partner" : "group";
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(homePathFor(user.role));
  const [kecamatans, offices] = await Promise.all([listVillageOptions(), listDinasOfficeOptions()]);
  return json({ kind: kindOf(request), kecamatans, offices });
}

export async function action({ request }: ActionFunctionArgs) {
  const kind = kindOf(request);
  const formData = await request.formData();
  const meta = { ip: clientIp(request), userAgent: request.headers.get("user-agent") };
  const locale = await detectLocale(request);
  try {
    if (kind === "group") {
      const parsed = parseForm(GroupSchema, formData);
      if (!parsed.ok) return formError(parsed);
      await withMinimumDuration(SIGNUP_MIN_MS, () => signUpGroup({ ...parsed.data, locale }, meta));
      return redirect(SIGNED_UP);
    }
    const parsed = parseForm(PartnerSchema, formData);
    if (!parsed.ok) return formError(parsed);
    await withMinimumDuration(SIGNUP_MIN_MS, () => signUpPartner({ ...parsed.data, locale }, meta));
    return redirect(SIGNED_UP);
  } catch (error) {
    if (isDomainError(error)) {
      const values = formValues(formData);
      delete values.password;
      return refusal(error, values);
    }
    throw error;
  }
}

export default function SignUp() {
  const { t } = useTranslation();
  const { kind, kecamatans, offices } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const tab = (active: boolean) => `flex-1 rounded-lg px-3 py-2 text-center text-sm font-semibold no-underline ${active ? "bg-brand-700 text-white" : "bg-white text-stone-700 border border-stone-300"}`;
  return (
    <div className="mx-auto max-w-lg">
      <h1 className="mb-2 text-2xl font-bold">{t("auth:signup.title")}</h1>
      <p className="mb-4 text-sm text-stone-600">{t("auth:signup.intro")}</p>
      <div className="mb-4 flex gap-2" role="tablist">
        <Link to="?as=group" className={tab(kind === "group")} role="tab" aria-selected={kind === "group"}>
          {t("auth:signup.asGroup")}
        </Link>
        <Link to="?as=partner" className={tab(kind === "partner")} role="tab" aria-selected={kind === "partner"}>
          {t("auth:signup.asPartner")}
        </Link>
      </div>
      <SummaryForm method="post" className="card space-y-4">
        <FormMessage data={data} />
        <fieldset className="space-y-4">
          <legend className="mb-2 font-semibold">{t("auth:signup.yourAccount")}</legend>
          <Field name="name" label={t("auth:fields.fullName")} autoComplete="name" data={data} required />
          {kind === "group" ? (
            <>
              <p className="text-sm text-stone-600">{t("auth:signup.emailOrPhone")}</p>
              <Field name="phone" type="tel" label={t("auth:fields.phone")} autoComplete="tel" inputMode="tel" hint={t("auth:signup.phoneHint")} data={data} />
              <Field name="email" type="email" label={t("auth:fields.emailOptional")} autoComplete="email" data={data} />
            </>
          ) : (
            <>
              <Field name="email" type="email" label={t("auth:fields.email")} autoComplete="email" data={data} required />
              <Field name="phone" type="tel" label={t("auth:fields.phone")} autoComplete="tel" inputMode="tel" data={data} />
            </>
          )}
          <Field name="password" type="password" label={t("auth:fields.password")} autoComplete="new-password" hint={t("auth:fields.passwordHint")} data={data} required />
        </fieldset>
        {kind === "group" ? (
          <fieldset className="space-y-4">
            <legend className="mb-2 font-semibold">{t("auth:signup.yourGroup")}</legend>
            <SelectField
              name="groupType"
              label={t("groups:fields.type")}
              options={[
                { value: "KPM", label: t("enums:groupType.KPM") },
                { value: "KUBE", label: t("enums:groupType.KUBE") },
              ]}
              data={data}
            />
            <Field name="groupName" label={t("groups:fields.name")} data={data} required />
            <VillageSelect kecamatans={kecamatans} data={data} />
            <SelectField
              name="businessKind"
              label={t("groups:fields.businessKind")}
              options={[
                { value: "PRODUKSI", label: t("enums:businessKind.PRODUKSI") },
                { value: "JASA", label: t("enums:businessKind.JASA") },
              ]}
              data={data}
            />
            <TextAreaField name="businessDescription" label={t("groups:fields.businessDescription")} data={data} rows={3} />
          </fieldset>
        ) : (
          <fieldset className="space-y-4">
            <legend className="mb-2 font-semibold">{t("auth:signup.yourBusiness")}</legend>
            <Field name="legalName" label={t("partners:fields.legalName")} data={data} required />
            <Field name="displayName" label={t("partners:fields.displayName")} data={data} required />
            <SelectField
              name="sector"
              label={t("partners:fields.sector")}
              placeholder={t("common:choose")}
              options={["HOTEL", "RESTAURANT", "TOURISM", "MUSEUM", "RETAIL", "COMPANY_CSR", "GOVERNMENT"].map((s) => ({ value: s, label: t(`enums:sector.${s}`) }))}
              data={data}
            />
            <SelectField
              name="dinasOfficeId"
              label={t("partners:fields.dinasOffice")}
              placeholder={t("common:choose")}
              options={offices.map((o) => ({ value: o.id, label: o.name }))}
              data={data}
            />
            <Field name="nib" label={t("partners:fields.nib")} inputMode="numeric" hint={t("partners:fields.nibHint")} data={data} />
            <Field name="title" label={t("partners:fields.title")} data={data} />
            <TextAreaField name="address" label={t("partners:fields.address")} data={data} rows={2} />
          </fieldset>
        )}
        <p className="text-xs text-stone-500">{t("auth:signup.pendingNote")}</p>
        <button type="submit" className="btn-primary w-full">
          {t("auth:signup.submit")}
        </button>
        <p className="text-center text-sm">
          <Link to="/login">{t("auth:signup.haveAccount")}</Link>
        </p>
      </SummaryForm>
    </div>
  );
}
