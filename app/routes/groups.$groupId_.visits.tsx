import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, authorizeGroupAction, forbidden, requireUser } from "~/auth/guard.server";
import { IMAGE_KINDS, filesOf, removeUploads, saveUploads, type SavedFile } from "~/coaching/uploads.server";
import { AssistedModeBanner } from "~/components/assisted-mode";
import { MemberChecklist } from "~/components/member-checklist";
import { Field, FormMessage, Notice, SummaryForm, TextAreaField, useTranslateError } from "~/components/form";
import { isDomainError } from "~/domain/errors";
import { formError, formRefusal, formValues, parseForm } from "~/forms/parse.server";
import { DATE_WINDOWS, errorKey, formDate, formInt, formText, optionalFormText, z } from "~/forms/validation";
import { useDates } from "~/time/use-dates";
import { toDateInputValue } from "~/i18n/format";
import { zoneOfGroup } from "~/time/office-zone.server";
import { visitPageFor } from "~/mentoring/access.server";
import { VISIT_TOPICS } from "~/mentoring/topics";
import { completeFollowUp, listVisits, logVisit } from "~/mentoring/visits.server";

const FOLLOW_UP_ROWS = 3;
const MAX_BODY_BYTES = 30 * 1024 * 1024;

const VisitSchema = /* @__PURE__ */ (() => z
  .object({
    visitDate: formDate(DATE_WINDOWS.nearTerm),
    place: formText(200),
    attendeeCount: z.preprocess((v) => (v === "" ? undefined : v), formInt(1, 200).optional()),
    memberIds: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().min(1)).max(200)),
    topics: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(VISIT_TOPICS)).min(1)),
    problems: optionalFormText(2000),
    notes: optionalFormText(2000),
    ...Object.fromEntries(
      Array.from({ length: FOLLOW_UP_ROWS }, (_, i) => [
        [`followUp${i}Description`, optionalFormText(300)],
        [`followUp${i}DueDate`, z.preprocess((v) => (v === "" ? undefined : v), formDate(DATE_WINDOWS.nearTerm).optional())],
      ]).flat(),
    ),
  })
  .superRefine((value, ctx) => {
    const v = value as Record<string, unknown>;
    for (let i = 0; i < FOLLOW_UP_ROWS; i++) {
      const description = v[`followUp${i}Description`];
      const due = v[`followUp${i}DueDate`];
      if (description && !due) ctx.addIssue({ code: "custom", path: [`followUp${i}DueDate`], message: errorKey("required") });
      if (due && !description) ctx.addIssue({ code: "custom", path: [`followUp${i}Description`], message: errorKey("required") });
    }
  }))();

const FollowUpSchema = /* @__PURE__ */ (() => z.object({ followUpId: z.string().min(1) }))();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const groupId = params.groupId!;
  const page = await visitPageFor(actorOf(user, request), groupId);
  if (!page) throw forbidden();
  const { visits, openFollowUps } = await listVisits(groupId);
  const zone = await zoneOfGroup(page.group.id);
  return json({
    group: page.group,
    visits,
    openFollowUps,
    members: page.members,
    canLog: page.isFacilitator,
    canCompleteFollowUps: page.canCompleteFollowUps,
    assisted: page.isFacilitator,
    zone,
    today: toDateInputValue(new Date(), zone),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const groupId = params.groupId!;
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return formRefusal("coaching:errors.fileTooLarge|{\"max\":5}");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const values = formValues(formData);
  let saved: SavedFile[] = [];
  try {
    if (intent === "log") {
      const actor = await authorizeGroupAction(user, "create", "visit", groupId, request);
      const parsed = parseForm(VisitSchema, formData);
      if (!parsed.ok) return formError(parsed);
      const d = parsed.data as Record<string, unknown> & z.infer<typeof VisitSchema>;
      const followUps: { description: string; dueDate: Date }[] = [];
      for (let i = 0; i < FOLLOW_UP_ROWS; i++) {
        const description = d[`followUp${i}Description`] as string | undefined;
        const dueDate = d[`followUp${i}DueDate`] as Date | undefined;
        if (description && dueDate) followUps.push({ description, dueDate });
      }
      saved = await saveUploads(filesOf(formData, "photos"), `visits/${groupId}`, IMAGE_KINDS, "photos");
      await logVisit(
        actor,
        groupId,
        {
          visitDate: d.visitDate as Date,
          place: d.place as string,
          attendeeCount: (d.attendeeCount as number | undefined) ?? null,
          memberIds: d.memberIds as string[],
          topics: d.topics as (typeof VISIT_TOPICS)[number][],
          problems: (d.problems as string | undefined) ?? null,
          notes: (d.notes as string | undefined) ?? null,
          followUps,
        },
        saved,
      );
      return redirect(`/groups/${groupId}/visits?done=logged`);
    }
    if (intent === "followUpDone") {
      const actor = await authorizeGroupAction(user, "update", "group", groupId, request);
      const parsed = parseForm(FollowUpSchema, formData);
      if (!parsed.ok) return formError(parsed);
      await completeFollowUp(actor, groupId, parsed.data.followUpId);
      return redirect(`/groups/${groupId}/visits?done=followUpDone`);
    }
  } catch (error) {
    if (saved.length) await removeUploads(saved);
    if (isDomainError(error)) {
      const message = Object.keys(error.params).length ? `${error.key}|${JSON.stringify(error.params)}` : error.key;
      return formRefusal(message, values, error.field);
    }
    throw error;
  }
  return formRefusal("coaching:errors.unknownAction", values);
}

export default function GroupVisits() {
  const { t } = useTranslation();
  const translate = useTranslateError();
  const { group, visits, openFollowUps, members, canLog, canCompleteFollowUps, assisted, today, zone } = useLoaderData<typeof loader>();
  const { date: fmtDate } = useDates(zone);
  const data = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const chosenTopics = new Set(Array.isArray(data?.values?.["topics[]"]) ? (data?.values?.["topics[]"] as string[]) : []);
  const now = Date.now();
  return (
    <div className="space-y-4">
      {assisted ? <AssistedModeBanner groupName={group.name} /> : null}
      <h1 className="text-2xl font-bold">{t("mentoring:visits.title", { name: group.name })}</h1>
      {done ? <Notice tone="success">{t(`mentoring:done.${done}`)}</Notice> : null}

      <section className="card space-y-2" data-testid="open-follow-ups">
        <h2 className="text-lg font-semibold">{t("mentoring:followUps.title")}</h2>
        {openFollowUps.length === 0 ? <p className="text-sm text-stone-600">{t("mentoring:followUps.none")}</p> : null}
        <ul className="space-y-2">
          {openFollowUps.map((f) => {
            const overdue = new Date(f.dueDate).getTime() < now;
            return (
              <li key={f.id} className="flex flex-wrap items-center justify-between gap-2 text-sm" data-testid="follow-up">
                <span>
                  {f.description} ·{" "}
                  <span className={overdue ? "font-semibold text-red-800" : "text-stone-600"}>
                    {overdue ? t("mentoring:followUps.overdue", { date: fmtDate(f.dueDate) }) : t("mentoring:followUps.due", { date: fmtDate(f.dueDate) })}
                  </span>
                </span>
                {canCompleteFollowUps ? (
                  <SummaryForm method="post">
                    <input type="hidden" name="intent" value="followUpDone" />
                    <input type="hidden" name="followUpId" value={f.id} />
                    <button type="submit" className="btn-secondary btn-small">
                      {t("mentoring:followUps.markDone")}
                    </button>
                  </SummaryForm>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>

      {canLog ? (
        <section className="card space-y-3">
          <h2 className="text-lg font-semibold">{t("mentoring:log.title")}</h2>
          <SummaryForm method="post" encType="multipart/form-data" className="space-y-3">
            <input type="hidden" name="intent" value="log" />
            <FormMessage data={data} />
            <div className="grid gap-3 sm:grid-cols-3">
              <Field name="visitDate" type="date" label={t("mentoring:fields.visitDate")} defaultValue={today} max={today} data={data} required />
              <Field name="place" label={t("mentoring:fields.place")} data={data} required />
              <Field name="attendeeCount" type="number" inputMode="numeric" min={1} label={t("mentoring:fields.attendeeCount")} hint={t("mentoring:fields.attendeeCountHint")} data={data} />
            </div>
            <MemberChecklist name="memberIds" legend={t("mentoring:fields.members")} members={members} data={data} testId="visit-members" />
            <fieldset>
              <legend className="label">{t("mentoring:fields.topics")}</legend>
              <div className="flex flex-wrap gap-3">
                {VISIT_TOPICS.map((topic) => (
                  <label key={topic} className="flex min-h-9 items-center gap-2 text-sm">
                    <input type="checkbox" name="topics[]" value={topic} defaultChecked={chosenTopics.has(topic)} />
                    {t(`mentoring:topics.${topic}`)}
                  </label>
                ))}
              </div>
              {data?.errors?.topics ? (
                <p className="field-error" role="alert">
                  {translate(data.errors.topics)}
                </p>
              ) : null}
            </fieldset>
            <TextAreaField name="problems" label={t("mentoring:fields.problems")} data={data} rows={3} />
            <TextAreaField name="notes" label={t("mentoring:fields.notes")} data={data} rows={2} />
            <fieldset className="space-y-2">
              <legend className="label">{t("mentoring:fields.followUps")}</legend>
              {Array.from({ length: FOLLOW_UP_ROWS }, (_, i) => (
                <div key={i} className="grid gap-2 sm:grid-cols-3">
                  <Field
                    className="sm:col-span-2"
                    name={`followUp${i}Description`}
                    label={t("mentoring:fields.followUpDescription", { n: i + 1 })}
                    data={data}
                  />
                  <Field name={`followUp${i}DueDate`} type="date" label={t("mentoring:fields.followUpDueDate", { n: i + 1 })} data={data} />
                </div>
              ))}
            </fieldset>
            <div>
              <label htmlFor="f-photos" className="label">
                {t("mentoring:fields.photos")}
              </label>
              <input id="f-photos" name="photos" type="file" multiple accept="image/jpeg,image/png,image/webp" className="input" />
              <p className="mt-1 text-xs text-stone-500">{t("mentoring:photosHint")}</p>
              {data?.errors?.photos ? (
                <p className="field-error" role="alert">
                  {translate(data.errors.photos)}
                </p>
              ) : null}
            </div>
            <button type="submit" className="btn-primary">
              {t("mentoring:log.submit")}
            </button>
          </SummaryForm>
        </section>
      ) : null}

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("mentoring:visits.history")}</h2>
        {visits.length === 0 ? <p className="card text-sm text-stone-600">{t("mentoring:visits.none")}</p> : null}
        <ul className="space-y-2" data-testid="visit-list">
          {visits.map((v) => (
            <li key={v.id} className="card space-y-1 text-sm" data-testid="visit">
              <p className="font-semibold">
                {fmtDate(v.visitDate)} · {v.place}
              </p>
              <p className="text-stone-600">
                {t("mentoring:visits.byline", { name: v.facilitator.name, count: v.attendeeCount })} ·{" "}
                {v.topics
                  .split(",")
                  .filter(Boolean)
                  .map((topic) => t(`mentoring:topics.${topic}`))
                  .join(", ")}
              </p>
              {v.attendances.length ? (
                <p className="text-stone-600" data-testid="visit-attendees">
                  {t("mentoring:visits.members", { names: v.attendances.map((a) => a.member.name).join(", ") })}
                </p>
              ) : null}
              {v.problems ? <p>{t("mentoring:visits.problems", { text: v.problems })}</p> : null}
              {v.notes ? <p className="text-stone-700">{v.notes}</p> : null}
              {v.followUps.length ? (
                <ul className="list-disc pl-5">
                  {v.followUps.map((f) => (
                    <li key={f.id}>
                      {f.description} · {fmtDate(f.dueDate)} · {f.doneAt ? t("mentoring:followUps.doneOn", { date: fmtDate(f.doneAt) }) : t("mentoring:followUps.open")}
                    </li>
                  ))}
                </ul>
              ) : null}
              {v.photos.length ? (
                <div className="flex flex-wrap gap-2">
                  {v.photos.map((p, i) => (
                    <a key={p.id} href={`/mentoring/photos/${p.id}`}>
                      <img src={`/mentoring/photos/${p.id}`} alt={t("mentoring:visits.photoAlt", { n: i + 1 })} className="h-20 w-20 rounded object-cover" loading="lazy" />
                    </a>
                  ))}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <p className="flex flex-wrap gap-3">
        <Link to={`/groups/${group.id}/coaching`}>{t("mentoring:coachingLink")}</Link>
        <Link to={`/groups/${group.id}`}>{t("coaching:backToGroup")}</Link>
      </p>
    </div>
  );
}
