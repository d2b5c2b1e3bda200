import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, forbidden, requireUser } from "~/auth/guard.server";
import { Field, FormMessage, Notice, SummaryForm } from "~/components/form";
import { isDomainError } from "~/domain/errors";
import { formError, formRefusal, formValues, parseForm, refusal } from "~/forms/parse.server";
import { errorKey, optionalFormText, z } from "~/forms/validation";
import { deliveryCalendar, pauseStandingOrder, resumeStandingOrder } from "~/orders/standing-pause.server";
import { generateFirstStandingOrders } from "~/mou/orders-adapter.server";
import { formatDayKey, isoWeekday } from "~/time/calendar";

/**
 * Issue 13 item 6: the delivery calendar of the next 4 weeks for the group and the partner, and the partner's
 * pause/resume of a standing order (decision 116). Plain forms: works without JavaScript.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    return json(await deliveryCalendar(actorOf(user, request)));
  } catch (error) {
    if (isDomainError(error) && error.key === "errors:forbidden") throw forbidden();
    throw error;
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PauseSchema = /* @__PURE__ */ (() => z.object({
  mouId: z.string().min(1).max(100),
  groupId: z.string().min(1).max(100),
  untilDay: z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string().min(1, errorKey("required")).regex(DAY, errorKey("invalidDate"))),
  reason: optionalFormText(300),
}))();
const ResumeSchema = /* @__PURE__ */ (() => z.object({ pauseId: z.string().min(1).max(100) }))();

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const actor = actorOf(user, request);
  if (actor.role !== "PARTNER") throw forbidden();
  const formData = await request.formData();
  const values = formValues(formData);
  try {
    if (values.intent === "pause") {
      const parsed = parseForm(PauseSchema, formData);
      if (!parsed.ok) return formError(parsed);
      const result = await pauseStandingOrder(actor, { ...parsed.data, reason: parsed.data.reason ?? null });
      return redirect(`/orders/calendar?done=paused&skipped=${result.skipped.length}&kept=${result.kept.length}`);
    }
    if (values.intent === "resume") {
      const parsed = parseForm(ResumeSchema, formData);
      if (!parsed.ok) return formError(parsed);
      const { mouId } = await resumeStandingOrder(actor, parsed.data.pauseId);
      // the coming week's standing orders come back at once (the job would make them within 15 minutes)
      await generateFirstStandingOrders(mouId, new Date());
      return redirect("/orders/calendar?done=resumed");
    }
    return formRefusal("errors:unknownEvent", values);
  } catch (error) {
    if (isDomainError(error)) {
      if (error.key === "errors:notFound") throw new Response("errors:notFound", { status: 404 });
      return refusal(error, values, error.field ?? "_form");
    }
    throw error;
  }
}

const STATE_TONES: Record<string, string> = {
  planned: "bg-stone-100 text-stone-700",
  paused: "bg-amber-100 text-amber-900",
  order: "bg-sky-100 text-sky-900",
};

export default function DeliveryCalendar() {
  const { t } = useTranslation();
  const { side, entries, standing } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const days = [...new Set(entries.map((e) => e.day))];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("orders:calendar.title")}</h1>
      <p className="text-sm text-stone-600">{t(`orders:calendar.intro.${side}`)}</p>
      {done === "paused" ? (
        <Notice tone="success">{t("orders:calendar.done.paused", { skipped: Number(params.get("skipped") ?? 0), kept: Number(params.get("kept") ?? 0) })}</Notice>
      ) : null}
      {done === "resumed" ? <Notice tone="success">{t("orders:calendar.done.resumed")}</Notice> : null}
      <FormMessage data={data} />

      {standing.length > 0 ? (
        <section className="space-y-2" data-testid="standing-list">
          <h2 className="text-lg font-semibold">{t("orders:calendar.standing")}</h2>
          <ul className="space-y-2">
            {standing.map((s) => (
              <li key={`${s.mouId}-${s.groupId}`} className="card space-y-2 text-sm" data-testid="standing-order" data-group={s.group}>
                <p className="font-semibold">
                  {side === "partner" ? s.group : s.partner} · <Link to={`/mou/${s.mouId}`} className="underline">{s.mouNumber}</Link>
                </p>
                <p className="text-stone-600">{t("orders:calendar.period", { start: formatDayKey(s.period.startDate), end: formatDayKey(s.period.endDate) })}</p>
                {s.pause ? (
                  <p data-testid="pause-state">
                    <span className="badge bg-amber-100 text-amber-900">{t("orders:calendar.paused")}</span>{" "}
                    {t("orders:calendar.pausedUntil", { from: formatDayKey(s.pause.fromDay), until: formatDayKey(s.pause.untilDay) })}
                    {s.pause.reason ? ` · ${s.pause.reason}` : ""}
                  </p>
                ) : null}
                {side === "partner" && s.pause ? (
                  <SummaryForm method="post">
                    <input type="hidden" name="intent" value="resume" />
                    <input type="hidden" name="pauseId" value={s.pause.id} />
                    <button type="submit" className="btn-primary" data-testid="resume">
                      {t("orders:calendar.resume")}
                    </button>
                  </SummaryForm>
                ) : null}
                {side === "partner" && !s.pause ? (
                  <details>
                    <summary className="cursor-pointer font-medium">{t("orders:calendar.pause")}</summary>
                    <SummaryForm method="post" className="mt-2 space-y-2" data-testid="pause-form">
                      <input type="hidden" name="intent" value="pause" />
                      <input type="hidden" name="mouId" value={s.mouId} />
                      <input type="hidden" name="groupId" value={s.groupId} />
                      <Field name="untilDay" type="date" label={t("orders:calendar.untilDay")} hint={t("orders:calendar.untilHint", { end: formatDayKey(s.period.endDate) })} data={data} max={s.period.endDate} />
                      <Field name="reason" label={t("orders:calendar.reason")} data={data} />
                      <button type="submit" className="btn-secondary" data-testid="pause-submit">
                        {t("orders:calendar.pauseSubmit")}
                      </button>
                    </SummaryForm>
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("orders:calendar.next")}</h2>
        {days.length === 0 ? <p className="text-sm text-stone-500">{t("orders:calendar.none")}</p> : null}
        <ol className="space-y-2" data-testid="delivery-calendar">
          {days.map((day) => (
            <li key={day} className="card text-sm" data-testid="calendar-day" data-day={day}>
              <h3 className="font-semibold">
                {t(`orders:weekday.${isoWeekday(day) % 7}`)} {formatDayKey(day)}
              </h3>
              <ul className="mt-1 space-y-1">
                {entries
                  .filter((e) => e.day === day)
                  .map((e) => (
                    <li key={`${e.mouId}-${e.groupId}`} data-testid="calendar-entry" data-state={e.state} className="flex flex-wrap items-center gap-x-2">
                      <span>{side === "partner" ? e.group : e.partner}:</span>
                      <span>{e.lines.map((l) => `${l.quantity} ${t(`orders:unit.${l.unit}`, { defaultValue: l.unit })} ${l.product}`).join(", ")}</span>
                      <span className={`badge ${STATE_TONES[e.state]}`}>
                        {e.order ? t(`enums:orderStatus.${e.order.status}`) : t(`orders:calendar.state.${e.state}`)}
                      </span>
                      {e.order ? (
                        <Link to={`/orders/${e.order.id}`} className="underline">
                          {e.order.number}
                        </Link>
                      ) : null}
                    </li>
                  ))}
              </ul>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
