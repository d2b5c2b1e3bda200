import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { authorizeGroupAction, notFound, requireUser } from "~/auth/guard.server";
import { AssistedModeBanner } from "~/components/assisted-mode";
import { Field, FormMessage, SelectField, SummaryForm, TextAreaField } from "~/components/form";
import { VillageSelect } from "~/components/village-select";
import { isDomainError } from "~/domain/errors";
import { formError, formRefusal, formValues, parseForm } from "~/forms/parse.server";
import { DATE_WINDOWS, errorKey, formDate, formText, optionalFormPhone, optionalFormText, z } from "~/forms/validation";
import { getGroupForEdit, listVillageOptions, updateGroupProfile } from "~/groups/groups.server";
import { useDates } from "~/time/use-dates";

const Schema = /* @__PURE__ */ (() => z.object({
  name: formText(120),
  villageId: z.string().min(1),
  address: optionalFormText(300),
  phone: optionalFormPhone(),
  businessKind: z.enum(["PRODUKSI", "JASA"]),
  businessDescription: formText(1000),
  story: optionalFormText(3000),
  foundedAt: z.preprocess((v) => (v === "" ? undefined : v), formDate(DATE_WINDOWS.past).optional()).refine((d) => !d || d <= new Date(), { message: errorKey("dateInFuture") }),
}))();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const groupId = params.groupId!;
  const actor = await authorizeGroupAction(user, "update", "group", groupId, request);
  const group = await getGroupForEdit(actor, groupId);
  if (!group) throw notFound();
  const kecamatans = await listVillageOptions(group.dinasOfficeId);
  return json({ group, kecamatans, assisted: !!actor.actingForGroupId });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const groupId = params.groupId!;
  const actor = await authorizeGroupAction(user, "update", "group", groupId, request);
  const formData = await request.formData();
  const parsed = parseForm(Schema, formData);
  if (!parsed.ok) return formError(parsed);
  try {
    await updateGroupProfile(actor, groupId, parsed.data);
  } catch (error) {
    if (isDomainError(error)) return formRefusal(error.key, formValues(formData), error.field);
    throw error;
  }
  return redirect(`/groups/${groupId}?saved=1`);
}

export default function EditGroup() {
  const { dateInput: fmtDateInput } = useDates();
  const { t } = useTranslation();
  const { group, kecamatans, assisted } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      {assisted ? <AssistedModeBanner groupName={group.name} /> : null}
      <h1 className="text-2xl font-bold">{t("groups:edit.title", { name: group.name })}</h1>
      <SummaryForm method="post" className="card space-y-4">
        <FormMessage data={data} />
        <Field name="name" label={t("groups:fields.name")} defaultValue={group.name} data={data} required />
        <VillageSelect kecamatans={kecamatans} data={data} defaultValue={group.villageId} />
        <Field name="address" label={t("groups:fields.address")} defaultValue={group.address} data={data} />
        <Field name="phone" type="tel" label={t("groups:fields.phone")} defaultValue={group.phone} data={data} />
        <SelectField
          name="businessKind"
          label={t("groups:fields.businessKind")}
          defaultValue={group.businessKind}
          options={[
            { value: "PRODUKSI", label: t("enums:businessKind.PRODUKSI") },
            { value: "JASA", label: t("enums:businessKind.JASA") },
          ]}
          data={data}
        />
        <TextAreaField name="businessDescription" label={t("groups:fields.businessDescription")} defaultValue={group.businessDescription} data={data} rows={3} />
        <TextAreaField name="story" label={t("groups:fields.story")} defaultValue={group.story} data={data} rows={5} />
        <Field name="foundedAt" type="date" label={t("groups:fields.foundedAt")} defaultValue={fmtDateInput(group.foundedAt)} data={data} />
        <button type="submit" className="btn-primary">
          {t("common:save")}
        </button>
      </SummaryForm>
    </div>
  );
}
