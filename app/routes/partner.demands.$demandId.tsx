import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { listAuditEvents } from "~/audit/audit.server";
import { describeAuditEvents } from "~/audit/trail.server";
import { actorOf, notFound, requirePermission, requireVerifiedTrader } from "~/auth/guard.server";
import { AuditList } from "~/components/audit-list";
import { ConfirmPanel } from "~/components/confirm";
import { type ActionErrors, FormMessage, Notice, SummaryForm } from "~/components/form";
import { listInvitations, trackRecords } from "~/demands/brokering.server";
import { demandForPartner, demandResults, listThreads, postMessage, transitionDemand } from "~/demands/demands.server";
import { demandMachine, isPending } from "~/demands/machines";
import { suggestOfferSplit } from "~/demands/matching";
import { acceptOffers, listOffers, previewAcceptance, transitionOffer, type AcceptItem } from "~/demands/offers.server";
import { MAX_QUANTITY, MessageSchema, ReasonSchema } from "~/demands/schemas";
import { DemandStatus, ErrorLine, OfferStatus } from "~/demands/ui";
import { DemandSummary, Thread } from "~/demands/detail-ui";
import { isDomainError } from "~/domain/errors";
import { confirmStep } from "~/forms/confirm";
import { formError, formRefusal, formValues, parseForm } from "~/forms/parse.server";
import { errorKey, formInt, z } from "~/forms/validation";
import { formatNumber, formatRupiah } from "~/i18n/format";
import { useDates } from "~/time/use-dates";

async function load(request: Request, demandId: string) {
  const user = await requirePermission(request, "update:demand:own");
  requireVerifiedTrader(user);
  const actor = actorOf(user, request);
  // A partner sees only its own demands and their offers: the lookup is scoped to its partner.
  const demand = await demandForPartner(actor, demandId);
  if (!demand) throw notFound();
  return { user, demand, actor };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, demand, actor } = await load(request, params.demandId!);
  const [offers, threads, audit, invitations] = await Promise.all([
    listOffers(actor, demand.id),
    listThreads(demand.id),
    listAuditEvents({ entityType: "Demand", entityId: demand.id, take: 30 }),
    listInvitations(demand.id),
  ]);
  const records = await trackRecords(offers.map((o) => o.groupId));
  const results = await demandResults(demand.id);
  const pendingOffers = offers.filter((o) => isPending(o.status));
  const offerSplit =
    demand.allowSplit && pendingOffers.length > 0
      ? suggestOfferSplit(
          demand.quantity - demand.awardedQuantity,
          pendingOffers.map((o) => ({ offerId: o.id, name: o.group.name, quantity: o.quantityPerPeriod, price: o.pricePerUnit })),
        )
      : null;
  return json({
    results,
    offerSplit,
    demand,
    offers: offers.map((o) => ({ ...o, track: records.get(o.groupId)! })),
    threads,
    invitations,
    events: await describeAuditEvents(request, user, audit.events),
    can: {
      edit: demand.status === "DRAFT" || (demand.status === "OPEN" && demand.awardedQuantity === 0),
      publish: demandMachine.can(demand.status, "publish"),
      cancel: demandMachine.can(demand.status, "cancel"),
      close: demandMachine.can(demand.status, "close"),
      accept: demandMachine.can(demand.status, "award") && demand.awardedQuantity < demand.quantity,
    },
  });
}

const IntentSchema = /* @__PURE__ */ (() => z.object({ intent: z.enum(["publish", "cancel", "close", "shortlist", "decline", "accept", "message"]) }))();
const qtyValue = /* @__PURE__ */ (() => formInt(1, MAX_QUANTITY))();

export async function action({ request, params }: ActionFunctionArgs) {
  const { demand, actor } = await load(request, params.demandId!);
  const formData = await request.formData();
  const values = formValues(formData);
  const intent = IntentSchema.safeParse({ intent: formData.get("intent") });
  if (!intent.success) return formRefusal("errors:unknownEvent", values);
  const offerId = String(formData.get("offerId") ?? "");
  const base = `/partner/demands/${demand.id}`;
  try {
    switch (intent.data.intent) {
      case "publish":
      case "close":
        await transitionDemand(actor, demand.id, intent.data.intent);
        return redirect(`${base}?done=${intent.data.intent === "publish" ? "published" : "closed"}`);
      case "cancel": {
        const parsed = parseForm(ReasonSchema, formData);
        if (!parsed.ok) return formError({ errors: { cancelReason: parsed.errors.reason ?? errorKey("required") }, values });
        await transitionDemand(actor, demand.id, "cancel", parsed.data.reason);
        return redirect("/partner/demands?cancelled=1");
      }
      case "shortlist":
        await transitionOffer(actor, offerId, "shortlist", null, demand.id);
        return redirect(`${base}?done=shortlisted`);
      case "decline": {
        const parsed = parseForm(ReasonSchema, formData);
        if (!parsed.ok) return formError({ errors: { [`reason-${offerId}`]: parsed.errors.reason ?? errorKey("required") }, values });
        await transitionOffer(actor, offerId, "decline", parsed.data.reason, demand.id);
        return redirect(`${base}?done=declined`);
      }
      case "accept": {
        const items: AcceptItem[] = [];
        const errors: Record<string, string> = {};
        for (const [key, raw] of formData.entries()) {
          if (!key.startsWith("qty-") || typeof raw !== "string" || raw.trim() === "") continue;
          const parsed = qtyValue.safeParse(raw);
          if (!parsed.success) errors[key] = parsed.error.issues[0]!.message;
          else items.push({ offerId: key.slice(4), quantity: parsed.data });
        }
        if (Object.keys(errors).length) return formError({ errors, values });
        // Accepting is binding (orders or MoU drafts follow): the first post shows the totals and what happens next.
        const step = confirmStep(formData);
        if (step === "malformed") return formRefusal("errors:unknownEvent", values);
        if (step === "preview") return json({ ok: true as const, confirm: await previewAcceptance(actor, demand.id, items) });
        const result = await acceptOffers(actor, demand.id, items);
        return redirect(`${base}?done=accepted&next=${result.next.kind}&count=${result.next.ids.length}`);
      }
      case "message": {
        const parsed = parseForm(MessageSchema, formData);
        if (!parsed.ok) return formError(parsed);
        await postMessage(actor, demand.id, String(formData.get("groupId") ?? ""), "partner", parsed.data.body);
        return redirect(`${base}?done=answered#threads`);
      }
    }
  } catch (error) {
    if (isDomainError(error)) {
      const field = error.field === "reason" ? (intent.data.intent === "cancel" ? "cancelReason" : `reason-${offerId}`) : error.field;
      return json({ ok: false as const, errors: { [field]: error.key + (Object.keys(error.params).length ? `|${JSON.stringify(error.params)}` : "") }, values }, { status: 400 });
    }
    throw error;
  }
}

function Percent({ value }: { value: number | null }) {
  return <>{value === null ? "—" : `${Math.round(value * 100)}%`}</>;
}

function ReasonForm({ intent, name, offerId, data, label, button }: { intent: string; name: string; offerId?: string; data?: ActionErrors; label: string; button: string }) {
  const error = data?.errors?.[name];
  return (
    <SummaryForm method="post" className="space-y-1">
      <input type="hidden" name="intent" value={intent} />
      {offerId ? <input type="hidden" name="offerId" value={offerId} /> : null}
      <label htmlFor={name} className="label">
        {label}
      </label>
      <input id={name} name="reason" className="input" aria-invalid={error ? true : undefined} defaultValue={data?.values?.offerId === offerId ? (data?.values?.reason as string) : undefined} />
      {error ? <ErrorLine message={error} /> : null}
      <button type="submit" className="btn-danger btn-small">
        {button}
      </button>
    </SummaryForm>
  );
}

type AcceptPreview = Awaited<ReturnType<typeof previewAcceptance>>;

/** The second look before accepting offers: per group and in all, and what happens next (decision 115). */
function AcceptConfirm({ preview }: { preview: AcceptPreview }) {
  const { t } = useTranslation();
  const unit = t(`demands:unit.${preview.demand.unit}`);
  const per = preview.demand.frequency === "ONE_OFF" ? "once" : "perDelivery";
  const fields: Record<string, string> = { intent: "accept" };
  for (const line of preview.lines) fields[`qty-${line.offerId}`] = String(line.quantity);
  return (
    <ConfirmPanel
      title={t("demands:acceptConfirm.title", { title: preview.demand.title })}
      fields={fields}
      button={t("demands:acceptConfirm.button", { count: preview.lines.length })}
      cancelTo={`/partner/demands/${preview.demand.id}#offers`}
    >
      <div className="table-scroll overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="accept-confirm-table">
          <caption className="sr-only">{t("demands:acceptConfirm.caption")}</caption>
          <thead>
            <tr className="border-b border-stone-200">
              <th scope="col" className="py-1 pr-2">{t("demands:acceptConfirm.group")}</th>
              <th scope="col" className="py-1 pr-2 text-right">{t("demands:acceptConfirm.quantity")}</th>
              <th scope="col" className="py-1 pr-2 text-right">{t("demands:acceptConfirm.price")}</th>
              <th scope="col" className="py-1 text-right">{t(`demands:acceptConfirm.subtotal.${per}`)}</th>
            </tr>
          </thead>
          <tbody>
            {preview.lines.map((line) => (
              <tr key={line.offerId} className="border-b border-stone-100" data-testid="accept-confirm-line">
                <th scope="row" className="py-1 pr-2 font-normal">{line.group}</th>
                <td className="whitespace-nowrap py-1 pr-2 text-right">{formatNumber(line.quantity)} {unit}</td>
                <td className="whitespace-nowrap py-1 pr-2 text-right">{formatRupiah(line.unitPrice)}</td>
                <td className="whitespace-nowrap py-1 text-right">{formatRupiah(line.subtotal)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="font-semibold">
              <th scope="row" className="py-1 pr-2">{t("demands:acceptConfirm.total")}</th>
              <td className="whitespace-nowrap py-1 pr-2 text-right" data-testid="accept-confirm-total-quantity">{formatNumber(preview.totalQuantity)} {unit}</td>
              <td />
              <td className="whitespace-nowrap py-1 text-right" data-testid="accept-confirm-total">{formatRupiah(preview.totalRupiah)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p>{t("demands:acceptConfirm.remaining", { remaining: formatNumber(preview.remainingAfter), quantity: formatNumber(preview.demand.quantity), unit })}</p>
      <p>{t(`demands:acceptConfirm.next.${preview.next}`, { count: preview.lines.length })}</p>
      {preview.othersClosed > 0 ? <p>{t("demands:acceptConfirm.othersClosed", { count: preview.othersClosed })}</p> : null}
      <p>{t("demands:acceptConfirm.told")}</p>
    </ConfirmPanel>
  );
}

export default function PartnerDemand() {
  const { date: fmtDate } = useDates();
  const { t } = useTranslation();
  const { demand, offers, threads, invitations, events, can, offerSplit, results } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const active = offers.filter((o) => o.status !== "WITHDRAWN");
  const pending = offers.filter((o) => isPending(o.status));
  const remaining = demand.quantity - demand.awardedQuantity;
  if (data && "confirm" in data) return <AcceptConfirm preview={data.confirm} />;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <Link to="/partner/demands" className="text-sm">
            {t("demands:partner.back")}
          </Link>
          <h1 className="text-2xl font-bold">{demand.title}</h1>
        </div>
        <DemandStatus status={demand.status} />
      </div>
      {done ? <Notice tone="success">{t(`demands:done.${done}`, { count: Number(params.get("count") ?? 0) })}</Notice> : null}
      {done === "accepted" && params.get("next") ? (
        <Notice tone="info">{t(params.get("next") === "order" ? "demands:next.order" : "demands:next.mou", { count: Number(params.get("count") ?? 0) })}</Notice>
      ) : null}
      <FormMessage data={data} />
      {results.mous.length + results.orders.length > 0 ? (
        <section className="card" data-testid="demand-results">
          <h2 className="mb-2 text-lg font-semibold">{t("demands:results.title")}</h2>
          <ul className="space-y-1 text-sm">
            {results.mous.map((m) => (
              <li key={m.id}>
                <Link to={`/mou/${m.id}`}>{t("demands:results.mou", { number: m.number, groups: m.groups.map((g) => g.group.name).join(", ") })}</Link>{" "}
                <span className="badge bg-stone-100 text-stone-700">{t(`mou:status.${m.status}`)}</span>
              </li>
            ))}
            {results.orders.map((o) => (
              <li key={o.id}>
                <Link to={`/orders/${o.id}`}>{t("demands:results.order", { number: o.number, group: o.group.name })}</Link>{" "}
                <span className="badge bg-stone-100 text-stone-700">{t(`enums:orderStatus.${o.status}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card space-y-3">
        <DemandSummary demand={demand} />
        <div className="flex flex-wrap gap-2">
          {can.edit ? (
            <Link to={`/partner/demands/${demand.id}/edit`} className="btn-secondary">
              {t("demands:actions.edit")}
            </Link>
          ) : null}
          {can.publish ? (
            <SummaryForm method="post">
              <button name="intent" value="publish" className="btn-primary">
                {t("demands:actions.publish")}
              </button>
            </SummaryForm>
          ) : null}
          {can.close ? (
            <SummaryForm method="post">
              <button name="intent" value="close" className="btn-secondary">
                {t("demands:actions.close")}
              </button>
            </SummaryForm>
          ) : null}
        </div>
        {can.cancel ? (
          <details>
            <summary className="cursor-pointer text-sm font-medium text-red-800">{t("demands:actions.cancel")}</summary>
            <ReasonForm intent="cancel" name="cancelReason" data={data} label={t("demands:fields.cancelReason")} button={t("demands:actions.cancelConfirm")} />
          </details>
        ) : null}
      </section>

      <section className="space-y-2" id="offers">
        <h2 className="text-lg font-semibold">{t("demands:offers.title", { count: active.length })}</h2>
        {active.length === 0 ? <p className="text-sm text-stone-500">{t("demands:offers.none")}</p> : null}
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {active.map((o) => (
            <article key={o.id} className="card space-y-2" data-testid="offer-card" data-group={o.group.name}>
              <div className="flex items-start justify-between gap-2">
                <p className="font-semibold">{o.group.name}</p>
                <OfferStatus status={o.status} />
              </div>
              <p className="text-xs text-stone-600">
                {o.group.village.name}, {o.group.kecamatan.name}
              </p>
              <dl className="grid grid-cols-2 gap-1 text-sm">
                <dt className="text-stone-600">{t("demands:offers.price")}</dt>
                <dd className="font-semibold">{formatRupiah(o.pricePerUnit)}</dd>
                <dt className="text-stone-600">{t("demands:offers.quantity")}</dt>
                <dd>{o.quantityPerPeriod}</dd>
                <dt className="text-stone-600">{t("demands:offers.start")}</dt>
                <dd>{fmtDate(o.startDate)}</dd>
                {o.acceptedQuantity ? (
                  <>
                    <dt className="text-stone-600">{t("demands:offers.accepted")}</dt>
                    <dd>{o.acceptedQuantity}</dd>
                  </>
                ) : null}
                <dt className="text-stone-600">{t("demands:track.onTime")}</dt>
                <dd>{o.track.deliveries ? <Percent value={o.track.onTimeRate} /> : t("demands:track.noHistory")}</dd>
                <dt className="text-stone-600">{t("demands:track.quality")}</dt>
                <dd>{o.track.deliveries ? <Percent value={o.track.qualityRate} /> : t("demands:track.noHistory")}</dd>
                <dt className="text-stone-600">{t("demands:track.partnerships")}</dt>
                <dd>{o.track.partnerships}</dd>
              </dl>
              {o.note ? <p className="text-sm whitespace-pre-line">{o.note}</p> : null}
              {o.samplePhotoKey ? (
                <img src={`/demands/offer-photo/${o.id}`} alt={t("demands:offers.photoAlt", { group: o.group.name })} className="max-h-40 rounded" loading="lazy" />
              ) : null}
              {o.status === "DECLINED" ? (
                <p className="text-xs text-stone-600">{o.declineReason ? t("demands:offers.declinedBecause", { reason: o.declineReason }) : t("demands:offers.notChosen")}</p>
              ) : null}
              {isPending(o.status) ? (
                <div className="space-y-2 border-t border-stone-100 pt-2">
                  {o.status === "SUBMITTED" ? (
                    <SummaryForm method="post">
                      <input type="hidden" name="offerId" value={o.id} />
                      <button name="intent" value="shortlist" className="btn-secondary btn-small">
                        {t("demands:actions.shortlist")}
                      </button>
                    </SummaryForm>
                  ) : null}
                  <details>
                    <summary className="cursor-pointer text-sm text-red-800">{t("demands:actions.decline")}</summary>
                    <ReasonForm intent="decline" name={`reason-${o.id}`} offerId={o.id} data={data} label={t("demands:offers.declineReason")} button={t("demands:actions.declineConfirm")} />
                  </details>
                </div>
              ) : null}
            </article>
          ))}
        </div>
        {can.accept && pending.length > 0 ? (
          <SummaryForm method="post" className="card space-y-3" data-testid="accept-form">
            <h3 className="font-semibold">{t("demands:accept.title")}</h3>
            <p className="text-sm text-stone-600">
              {demand.allowSplit ? t("demands:accept.hintSplit", { remaining }) : t("demands:accept.hintSingle", { remaining })}
            </p>
            {offerSplit?.kind === "split" ? (
              <Notice tone="info">
                <span data-testid="offer-split">
                  {t("demands:accept.suggestedSplit", { parts: offerSplit.parts.map((p) => `${p.name} ${p.quantity}`).join(", ") })}
                </span>
              </Notice>
            ) : null}
            {offerSplit?.kind === "impossible" ? (
              <Notice tone="warning">
                <span data-testid="offer-split">{t("demands:accept.shortfall", { total: offerSplit.total, shortfall: offerSplit.shortfall })}</span>
              </Notice>
            ) : null}
            {pending.map((o) => {
              const name = `qty-${o.id}`;
              const error = data?.errors?.[name];
              return (
                <div key={o.id} className="flex flex-wrap items-end gap-2">
                  <div>
                    <label htmlFor={name} className="label">
                      {t("demands:accept.quantityFor", { group: o.group.name, max: o.quantityPerPeriod })}
                    </label>
                    <input
                      id={name}
                      name={name}
                      type="number"
                      inputMode="numeric"
                      min={1}
                      max={o.quantityPerPeriod}
                      className="input w-40"
                      defaultValue={(data?.values?.[name] as string) ?? ""}
                      aria-invalid={error ? true : undefined}
                    />
                    {error ? <ErrorLine message={error} /> : null}
                  </div>
                </div>
              );
            })}
            <button type="submit" name="intent" value="accept" className="btn-primary">
              {t("demands:actions.accept")}
            </button>
          </SummaryForm>
        ) : null}
      </section>

      <section className="card space-y-3" id="threads">
        <h2 className="text-lg font-semibold">{t("demands:thread.title")}</h2>
        {threads.length === 0 ? <p className="text-sm text-stone-500">{t("demands:thread.none")}</p> : null}
        {threads.map((th) => (
          <Thread key={th.groupId} thread={th} reply={demand.status !== "CANCELLED" && demand.status !== "CLOSED"} data={data} />
        ))}
      </section>

      {invitations.length > 0 ? (
        <section className="card">
          <h2 className="text-lg font-semibold">{t("demands:invitations.title")}</h2>
          <ul className="text-sm">
            {invitations.map((i) => (
              <li key={i.id}>
                {i.group.name} · {fmtDate(i.createdAt)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card">
        <AuditList events={events} />
      </section>
    </div>
  );
}
