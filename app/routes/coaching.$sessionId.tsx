import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, authorizeGroupAction, authorizePartnerAction, notFound, requireUser } from "~/auth/guard.server";
import { findSessionFor } from "~/coaching/access.server";
import { attachSessionFiles, cancelSession, confirmSession, getSessionDetail, scheduleSession } from "~/coaching/coaching.server";
import { PLANNED_STATUSES } from "~/coaching/coaching-machine";
import { CoachingStatusBadge } from "~/coaching/ui";
import { DOCUMENT_KINDS, IMAGE_KINDS, filesOf, removeUploads, saveUploads, type SavedFile } from "~/coaching/uploads.server";
import { listAuditEvents } from "~/audit/audit.server";
import { describeAuditEvents } from "~/audit/trail.server";
import { AssistedModeBanner } from "~/components/assisted-mode";
import { AuditList } from "~/components/audit-list";
import { MemberChecklist } from "~/components/member-checklist";
import { Field, FormMessage, Notice, SelectField, SummaryForm, TextAreaField, useTranslateError } from "~/components/form";
import { isDomainError } from "~/domain/errors";
import { formError, formRefusal, formValues, parseForm } from "~/forms/parse.server";
import { DATE_WINDOWS, formDateTime, formInt, formText, optionalFormText, optionalFormUrl, z } from "~/forms/validation";
import { useDates } from "~/time/use-dates";
import { zoneOfGroup } from "~/time/office-zone.server";
import { scopesFor } from "~/permissions/permissions";
import { toDateTimeInputValue } from "~/time/calendar";

const MAX_BODY_BYTES = 30 * 1024 * 1024;

const ScheduleSchema = /* @__PURE__ */ (() => z.object({
  scheduledAt: formDateTime(DATE_WINDOWS.upcoming),
  place: optionalFormText(300),
  onlineLink: optionalFormUrl(500),
  trainer: formText(120),
  topic: formText(200),
  reason: optionalFormText(500),
}))();

const CancelSchema = /* @__PURE__ */ (() => z.object({ reason: formText(500) }))();

const ConfirmSchema = /* @__PURE__ */ (() => z.object({
  attendeeIds: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().min(1)).min(1, { message: "coaching:errors.noAttendees" })),
  rating: formInt(1, 5),
  comment: optionalFormText(1000),
}))();

const AttachSchema = /* @__PURE__ */ (() => z.object({ kind: z.enum(["PHOTO", "REPORT", "MATERIAL"]) }))();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const visible = await findSessionFor(actorOf(user, request), params.sessionId!);
  if (!visible) throw notFound();
  const session = await getSessionDetail(visible.id);
  if (!session) throw notFound();
  const partnerSide = scopesFor(user.role, "schedule", "coaching").has("own") && user.partnerId === session.partnerId;
  const confirmScopes = scopesFor(user.role, "confirm", "coaching");
  const groupSide =
    (confirmScopes.has("own") && user.groupId === session.groupId) ||
    (confirmScopes.has("assigned") && session.group.facilitatorId === user.id);
  const assisted = groupSide && user.role === "FACILITATOR";
  const now = new Date();
  const held = !!session.scheduledAt && session.scheduledAt.getTime() <= now.getTime();
  const { group, ...rest } = session;
  const { events } = await listAuditEvents({ entityType: "CoachingSession", entityId: session.id, take: 20 });
  /** the group office's zone: the session's days and times print in it (decision 123) */
  const zone = await zoneOfGroup(session.groupId);
  return json({
    zone,
    events: await describeAuditEvents(request, user, events, zone),
    session: { ...rest, group: { id: group.id, name: group.name } },
    members: groupSide ? group.members : [],
    partnerSide,
    groupSide,
    assisted,
    held,
    planned: PLANNED_STATUSES.includes(session.status),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const sessionId = params.sessionId!;
  const session = await findSessionFor(actorOf(user, request), sessionId);
  if (!session) throw notFound();
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return formRefusal("coaching:errors.fileTooLarge|{\"max\":5}");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const values = formValues(formData);
  let saved: SavedFile[] = [];
  try {
    if (intent === "schedule") {
      const actor = authorizePartnerAction(user, "schedule", "coaching", session.partnerId, request);
      const parsed = parseForm(ScheduleSchema, formData);
      if (!parsed.ok) return formError(parsed);
      saved = await saveUploads(filesOf(formData, "materials"), `coaching/${sessionId}`, DOCUMENT_KINDS, "materials");
      await scheduleSession(actor, { side: "partner", partnerId: session.partnerId }, sessionId, parsed.data, saved);
      return redirect(`/coaching/${sessionId}?done=scheduled`);
    }
    if (intent === "cancel") {
      const actor = authorizePartnerAction(user, "schedule", "coaching", session.partnerId, request);
      const parsed = parseForm(CancelSchema, formData);
      if (!parsed.ok) return formError(parsed);
      await cancelSession(actor, { side: "partner", partnerId: session.partnerId }, sessionId, parsed.data.reason);
      return redirect(`/coaching/${sessionId}?done=cancelled`);
    }
    if (intent === "attach") {
      const actor = authorizePartnerAction(user, "schedule", "coaching", session.partnerId, request);
      const parsed = parseForm(AttachSchema, formData);
      if (!parsed.ok) return formError(parsed);
      const kinds = parsed.data.kind === "PHOTO" ? IMAGE_KINDS : DOCUMENT_KINDS;
      saved = await saveUploads(filesOf(formData, "files"), `coaching/${sessionId}`, kinds, "files");
      await attachSessionFiles(actor, { side: "partner", partnerId: session.partnerId }, sessionId, parsed.data.kind, saved);
      return redirect(`/coaching/${sessionId}?done=attached`);
    }
    if (intent === "confirm") {
      const actor = await authorizeGroupAction(user, "confirm", "coaching", session.groupId, request);
      const parsed = parseForm(ConfirmSchema, formData);
      if (!parsed.ok) return formError(parsed);
      await confirmSession(actor, { side: "group", groupId: session.groupId }, sessionId, parsed.data);
      return redirect(`/coaching/${sessionId}?done=confirmed`);
    }
  } catch (error) {
    if (saved.length) await removeUploads(saved);
    if (isDomainError(error)) return formRefusal(domainMessage(error.key, error.params), values, error.field);
    throw error;
  }
  return formRefusal("coaching:errors.unknownAction", values);
}

function domainMessage(key: string, params: Record<string, string | number>) {
  return Object.keys(params).length ? `${key}|${JSON.stringify(params)}` : key;
}

export default function CoachingSessionPage() {
  const { t } = useTranslation();
  const translate = useTranslateError();
  const { session, members, partnerSide, groupSide, assisted, held, planned, events, zone } = useLoaderData<typeof loader>();
  const { date: fmtDate, dateTime: fmtDateTime } = useDates(zone);
  const data = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const open = session.status === "DUE" || planned;
  const toLocalInput = (value: string | null) => (value ? toDateTimeInputValue(new Date(value), zone) : "");
  const typed = (name: string) => (typeof data?.values?.[name] === "string" ? (data.values[name] as string) : undefined);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      {assisted ? <AssistedModeBanner groupName={session.group.name} /> : null}
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <p className="text-sm text-stone-600">
            {t("coaching:session.sequence", { n: session.sequence, total: session.commitment.sessionsCount })} · {session.commitment.mou.number}
          </p>
          <h1 className="text-2xl font-bold" data-testid="session-topic">
            {session.topic}
          </h1>
          <p className="text-sm text-stone-700">
            {t("coaching:session.between", { partner: session.partner.displayName, group: session.group.name })}
          </p>
        </div>
        <span data-testid="session-status">
          <CoachingStatusBadge status={session.status} />
        </span>
      </div>
      {done ? <Notice tone="success">{t(`coaching:done.${done}`)}</Notice> : null}

      <dl className="card grid gap-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-stone-600">{t("coaching:fields.dueDate")}</dt>
          <dd>{fmtDate(session.dueDate)}</dd>
        </div>
        <div>
          <dt className="text-stone-600">{t("coaching:fields.hours")}</dt>
          <dd>{t("coaching:hours", { count: session.hours })}</dd>
        </div>
        {session.scheduledAt ? (
          <div>
            <dt className="text-stone-600">{t("coaching:fields.scheduledAt")}</dt>
            <dd data-testid="session-when">{fmtDateTime(session.scheduledAt)}</dd>
          </div>
        ) : null}
        {session.place ? (
          <div>
            <dt className="text-stone-600">{t("coaching:fields.place")}</dt>
            <dd>{session.place}</dd>
          </div>
        ) : null}
        {session.onlineLink ? (
          <div>
            <dt className="text-stone-600">{t("coaching:fields.onlineLink")}</dt>
            <dd className="break-all">
              <a href={session.onlineLink} rel="noopener noreferrer" target="_blank">
                {session.onlineLink}
              </a>
            </dd>
          </div>
        ) : null}
        {session.trainer ? (
          <div>
            <dt className="text-stone-600">{t("coaching:fields.trainer")}</dt>
            <dd>{session.trainer}</dd>
          </div>
        ) : null}
        {session.rating ? (
          <div>
            <dt className="text-stone-600">{t("coaching:fields.rating")}</dt>
            <dd data-testid="session-rating">{t("coaching:ratingValue", { rating: session.rating })}</dd>
          </div>
        ) : null}
        {session.comment ? (
          <div className="sm:col-span-2">
            <dt className="text-stone-600">{t("coaching:fields.comment")}</dt>
            <dd>{session.comment}</dd>
          </div>
        ) : null}
        {session.cancelReason ? (
          <div className="sm:col-span-2">
            <dt className="text-stone-600">{t("coaching:fields.cancelReason")}</dt>
            <dd>{session.cancelReason}</dd>
          </div>
        ) : null}
        {session.attendances.length ? (
          <div className="sm:col-span-2">
            <dt className="text-stone-600">{t("coaching:fields.attendance", { count: session.attendances.length })}</dt>
            <dd data-testid="session-attendance">{session.attendances.map((a) => a.member.name).join(", ")}</dd>
          </div>
        ) : null}
      </dl>

      {session.files.length ? (
        <section className="card space-y-2">
          <h2 className="font-semibold">{t("coaching:files.title")}</h2>
          <ul className="space-y-1 text-sm">
            {session.files.map((f) => (
              <li key={f.id}>
                <a href={`/coaching/files/${f.id}`}>{f.fileName}</a> · {t(`enums:coachingFileKind.${f.kind}`)} · {fmtDate(f.createdAt)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {partnerSide && open ? (
        <section className="card space-y-3">
          <h2 className="text-lg font-semibold">{session.status === "DUE" ? t("coaching:schedule.title") : t("coaching:schedule.rescheduleTitle")}</h2>
          <SummaryForm method="post" encType="multipart/form-data" className="space-y-3">
            <input type="hidden" name="intent" value="schedule" />
            {typed("intent") === "schedule" ? <FormMessage data={data} /> : null}
            <Field
              name="scheduledAt"
              type="datetime-local"
              label={t("coaching:fields.scheduledAt")}
              defaultValue={toLocalInput(session.scheduledAt)}
              data={typed("intent") === "schedule" ? data : undefined}
              required
            />
            <Field name="place" label={t("coaching:fields.place")} defaultValue={session.place} data={typed("intent") === "schedule" ? data : undefined} hint={t("coaching:schedule.placeHint")} />
            <Field name="onlineLink" type="url" label={t("coaching:fields.onlineLink")} defaultValue={session.onlineLink} data={typed("intent") === "schedule" ? data : undefined} />
            <Field name="trainer" label={t("coaching:fields.trainer")} defaultValue={session.trainer} data={typed("intent") === "schedule" ? data : undefined} required />
            <Field name="topic" label={t("coaching:fields.topic")} defaultValue={session.topic} data={typed("intent") === "schedule" ? data : undefined} required />
            {session.status !== "DUE" ? (
              <Field name="reason" label={t("coaching:fields.rescheduleReason")} data={typed("intent") === "schedule" ? data : undefined} />
            ) : null}
            <div>
              <label htmlFor="f-materials" className="label">
                {t("coaching:fields.materials")}
              </label>
              <input id="f-materials" name="materials" type="file" multiple accept="application/pdf,image/jpeg,image/png,image/webp" className="input" />
              <p className="mt-1 text-xs text-stone-500">{t("coaching:files.hint")}</p>
              {typed("intent") === "schedule" && data?.errors?.materials ? (
                <p className="field-error" role="alert">
                  {translate(data.errors.materials)}
                </p>
              ) : null}
            </div>
            <button type="submit" className="btn-primary">
              {session.status === "DUE" ? t("coaching:schedule.submit") : t("coaching:schedule.rescheduleSubmit")}
            </button>
          </SummaryForm>
          <SummaryForm method="post" className="space-y-2 border-t border-stone-200 pt-3">
            <input type="hidden" name="intent" value="cancel" />
            {typed("intent") === "cancel" ? <FormMessage data={data} /> : null}
            <Field name="reason" label={t("coaching:fields.cancelReason")} data={typed("intent") === "cancel" ? data : undefined} required />
            <button type="submit" className="btn-danger btn-small">
              {t("coaching:cancel.submit")}
            </button>
          </SummaryForm>
        </section>
      ) : null}

      {partnerSide && (planned || session.status === "DELIVERED") ? (
        <section className="card space-y-3">
          <h2 className="text-lg font-semibold">{t("coaching:files.attachTitle")}</h2>
          <SummaryForm method="post" encType="multipart/form-data" className="space-y-3">
            <input type="hidden" name="intent" value="attach" />
            {typed("intent") === "attach" ? <FormMessage data={data} /> : null}
            <SelectField
              name="kind"
              label={t("coaching:files.kind")}
              defaultValue="PHOTO"
              options={(["PHOTO", "REPORT", "MATERIAL"] as const).map((k) => ({ value: k, label: t(`enums:coachingFileKind.${k}`) }))}
            />
            <div>
              <label htmlFor="f-files" className="label">
                {t("coaching:files.choose")}
              </label>
              <input id="f-files" name="files" type="file" multiple accept="application/pdf,image/jpeg,image/png,image/webp" className="input" />
              <p className="mt-1 text-xs text-stone-500">{t("coaching:files.hint")}</p>
              {typed("intent") === "attach" && data?.errors?.files ? (
                <p className="field-error" role="alert">
                  {translate(data.errors.files)}
                </p>
              ) : null}
            </div>
            <button type="submit" className="btn-secondary">
              {t("coaching:files.submit")}
            </button>
          </SummaryForm>
        </section>
      ) : null}

      {groupSide && planned && !held ? <Notice>{t("coaching:confirm.notYet")}</Notice> : null}
      {groupSide && session.status === "DUE" ? <Notice>{t("coaching:confirm.waitingForPartner")}</Notice> : null}
      {groupSide && planned && held ? (
        <section className="card space-y-3">
          <h2 className="text-lg font-semibold">{t("coaching:confirm.title")}</h2>
          <p className="text-sm text-stone-600">{t("coaching:confirm.intro")}</p>
          <SummaryForm method="post" className="space-y-3">
            <input type="hidden" name="intent" value="confirm" />
            <FormMessage data={data} />
            <MemberChecklist name="attendeeIds" legend={t("coaching:confirm.attendees")} members={members} data={data} />
            <SelectField
              name="rating"
              label={t("coaching:fields.rating")}
              data={data}
              placeholder={t("coaching:confirm.chooseRating")}
              options={[5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: t(`coaching:ratingLabels.${n}`) }))}
            />
            <TextAreaField name="comment" label={t("coaching:fields.comment")} data={data} rows={3} />
            <button type="submit" className="btn-primary">
              {t("coaching:confirm.submit")}
            </button>
          </SummaryForm>
        </section>
      ) : null}

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("coaching:history")}</h2>
        <AuditList events={events} zone={zone} />
      </section>

      <p>
        <Link to={partnerSide ? "/partner/coaching" : `/groups/${session.group.id}/coaching`}>{t("coaching:backToList")}</Link>
      </p>
    </div>
  );
}
