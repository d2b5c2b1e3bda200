import { viewerZone } from "~/time/office-zone.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, requirePermission } from "~/auth/guard.server";
import { Field, FormMessage, SelectField, SummaryForm } from "~/components/form";
import { domainErrorMessage, isDomainError } from "~/domain/errors";
import { formError, formRefusal, parseForm } from "~/forms/parse.server";
import { z } from "~/forms/validation";
import { createMouFromScratch } from "~/mou/mou.server";
import { draftingOfficeFor, mouDraftingChoices } from "~/mou/pages.server";
import { addDays, addYears } from "~/mou/templates";
import { dayKey } from "~/time/calendar";

const Schema = /* @__PURE__ */ (() => z.object({
  partnerId: z.string().min(1),
  groupIds: z.array(z.string().min(1)).min(1).max(10),
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "validation:invalidDate"),
  endDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "validation:invalidDate"),
}))();

/** Dinas drafts an MoU from scratch: chooses the partner, the group(s) and the period; the template fills the rest. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "create:mou:any");
  const { partners, groups } = await mouDraftingChoices(actorOf(user));
  const start = dayKey(new Date(), viewerZone(user)); // the Dinas office's today
  return json({ partners, groups, startDate: start, endDate: addDays(addYears(start, 1), -1) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "create:mou:any");
  const actor = actorOf(user, request);
  const parsed = parseForm(Schema, await request.formData());
  if (!parsed.ok) return formError(parsed);
  // the office is the actor's own (Dinas) or the chosen partner's (admin); a partner outside it is refused
  const officeId = await draftingOfficeFor(actor, parsed.data.partnerId);
  if (!officeId) return formRefusal("errors:notFound", {}, "partnerId");
  try {
    const mou = await createMouFromScratch(actor, { dinasOfficeId: officeId, ...parsed.data });
    return redirect(`/mou/${mou.id}/edit`);
  } catch (error) {
    if (isDomainError(error)) return formRefusal(domainErrorMessage(error), {}, error.field);
    throw error;
  }
}

export default function NewMou() {
  const { t } = useTranslation();
  const { partners, groups, startDate, endDate } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const groupError = data?.errors?.groupIds;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("mou:new.title")}</h1>
      <p className="text-sm text-stone-600">{t("mou:new.intro")}</p>
      <FormMessage data={data} />
      <SummaryForm method="post" className="card space-y-3">
        <SelectField name="partnerId" label={t("mou:new.partner")} options={partners.map((p) => ({ value: p.id, label: p.displayName }))} placeholder={t("mou:new.choose")} data={data} required />
        <div>
          <label htmlFor="f-groupIds" className="label">
            {t("mou:new.groups")}
          </label>
          <select id="f-groupIds" name="groupIds[]" multiple size={8} className="input" aria-invalid={groupError ? true : undefined} required>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.type} · {g.name}
              </option>
            ))}
          </select>
          <p className="mt-1 text-xs text-stone-500">{t("mou:new.groupsHint")}</p>
          {groupError ? <p className="field-error">{t(groupError.split("|")[0]!)}</p> : null}
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field name="startDate" type="date" label={t("mou:edit.startDate")} defaultValue={startDate} data={data} required />
          <Field name="endDate" type="date" label={t("mou:edit.endDate")} defaultValue={endDate} data={data} required />
        </div>
        <button className="btn-primary">{t("mou:new.create")}</button>
      </SummaryForm>
    </div>
  );
}
