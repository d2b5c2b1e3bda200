import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, notFound, requirePermission } from "~/auth/guard.server";
import { FormMessage, Notice, SummaryForm } from "~/components/form";
import { candidatesFor, inviteGroup, listInvitations, trackRecords } from "~/demands/brokering.server";
import { demandForDinas, listThreads, postMessage } from "~/demands/demands.server";
import { OFFERABLE_STATUSES } from "~/demands/machines";
import { perPeriod, type Reason } from "~/demands/matching";
import { listOffers } from "~/demands/offers.server";
import { MessageSchema } from "~/demands/schemas";
import { DemandStatus, OfferStatus } from "~/demands/ui";
import { DemandSummary, Thread } from "~/demands/detail-ui";
import { isDomainError } from "~/domain/errors";
import { formError, formValues, parseForm } from "~/forms/parse.server";
import { optionalFormText } from "~/forms/validation";
import { formatRupiah } from "~/i18n/format";

async function load(request: Request, demandId: string) {
  const user = await requirePermission(request, "broker:demand:any");
  const actor = actorOf(user, request);
  // scoped lookup: another office's demand (or a draft) is simply not found
  const demand = await demandForDinas(actor, demandId);
  if (!demand) throw notFound();
  return { actor, demand };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, demand } = await load(request, params.demandId!);
  const [match, offers, threads, invitations] = await Promise.all([candidatesFor(actor, demand.id), listOffers(actor, demand.id), listThreads(demand.id), listInvitations(demand.id)]);
  const records = await trackRecords(offers.map((o) => o.groupId));
  const perPeriodOf = (weekly: number) => perPeriod(demand.frequency, weekly, demand.daysOfWeek);
  return json({
    demand,
    open: OFFERABLE_STATUSES.includes(demand.status),
    need: match.need,
    ranked: match.ranked.slice(0, 15).map((c) => ({ ...c, perPeriod: perPeriodOf(c.available) })),
    split:
      match.split.kind === "split"
        ? { ...match.split, parts: match.split.parts.map((p) => ({ ...p, perPeriod: perPeriodOf(p.weekly) })) }
        : match.split,
    offers: offers.map((o) => ({ ...o, track: records.get(o.groupId)! })),
    threads,
    invited: invitations.map((i) => i.groupId),
    offered: offers.filter((o) => o.status !== "WITHDRAWN").map((o) => o.groupId),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, demand } = await load(request, params.demandId!);
  const formData = await request.formData();
  const values = formValues(formData);
  const groupId = String(formData.get("groupId") ?? "");
  try {
    if (formData.get("intent") === "invite") {
      const note = optionalFormText(500).safeParse(formData.get("note") ?? "");
      await inviteGroup(actor, demand.id, groupId, note.success ? note.data : null);
      return redirect(`/dinas/demands/${demand.id}?done=invited`);
    }
    if (formData.get("intent") === "message") {
      const parsed = parseForm(MessageSchema, formData);
      if (!parsed.ok) return formError(parsed);
      await postMessage(actor, demand.id, groupId, "dinas", parsed.data.body);
      return redirect(`/dinas/demands/${demand.id}?done=answered#threads`);
    }
  } catch (error) {
    if (isDomainError(error)) {
      const message = error.key + (Object.keys(error.params).length ? `|${JSON.stringify(error.params)}` : "");
      return json({ ok: false as const, errors: { [error.field]: message }, values }, { status: 400 });
    }
    throw error;
  }
  return formError({ errors: { _form: "errors:unknownEvent" }, values });
}

function ReasonText({ reason }: { reason: Reason }) {
  const { t } = useTranslation();
  return <>{t(`demands:reasons.${reason.key}`, reason.params)}</>;
}

export default function DinasDemand() {
  const { t } = useTranslation();
  const { demand, open, need, ranked, split, offers, threads, invited, offered } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <Link to="/dinas/demands" className="text-sm">
            {t("demands:dinas.back")}
          </Link>
          <h1 className="text-2xl font-bold">{demand.title}</h1>
          <p className="text-sm text-stone-600">{demand.partner.displayName}</p>
        </div>
        <DemandStatus status={demand.status} />
      </div>
      {done ? <Notice tone="success">{t(`demands:done.${done}`)}</Notice> : null}
      <FormMessage data={data} />
      <section className="card">
        <DemandSummary demand={demand} />
      </section>

      <section className="card space-y-3" data-testid="suggestions">
        <h2 className="text-lg font-semibold">{t("demands:dinas.suggestions")}</h2>
        <p className="text-sm text-stone-600">{t("demands:dinas.need", { need })}</p>
        {split.kind === "split" ? (
          <Notice tone="info">
            <span data-testid="split-suggestion">
              {t("demands:dinas.splitSuggestion", {
                groups: split.parts.map((p) => t("demands:dinas.splitPart", { name: p.name, quantity: p.perPeriod })).join(", "),
              })}
            </span>
          </Notice>
        ) : null}
        {split.kind === "impossible" ? (
          <Notice tone="warning">
            <span data-testid="split-impossible">{t("demands:dinas.splitImpossible", { total: split.total, shortfall: split.shortfall, need })}</span>
          </Notice>
        ) : null}
        {ranked.length === 0 ? <p className="text-sm text-stone-500">{t("demands:dinas.noCandidates")}</p> : null}
        <ol className="space-y-3">
          {ranked.map((c, i) => (
            <li key={c.groupId} className="rounded-lg border border-stone-200 p-3" data-testid="candidate" data-group={c.name}>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <p className="font-semibold">
                  {i + 1}. {c.name}
                </p>
                <span className="badge bg-brand-700 text-white">{t("demands:dinas.score", { score: c.score })}</span>
              </div>
              <ul className="mt-1 list-disc pl-5 text-sm text-stone-700">
                {c.reasons.map((r) => (
                  <li key={r.key}>
                    <ReasonText reason={r} />
                  </li>
                ))}
              </ul>
              <div className="mt-2">
                {offered.includes(c.groupId) ? (
                  <span className="badge bg-green-100 text-green-800">{t("demands:dinas.hasOffered")}</span>
                ) : invited.includes(c.groupId) ? (
                  <span className="badge bg-sky-100 text-sky-900">{t("demands:dinas.invited")}</span>
                ) : open ? (
                  <SummaryForm method="post" className="flex flex-wrap gap-2">
                    <input type="hidden" name="intent" value="invite" />
                    <input type="hidden" name="groupId" value={c.groupId} />
                    <label className="sr-only" htmlFor={`note-${c.groupId}`}>
                      {t("demands:dinas.inviteNote")}
                    </label>
                    <input id={`note-${c.groupId}`} name="note" className="input max-w-xs" placeholder={t("demands:dinas.inviteNote")} />
                    <button type="submit" className="btn-secondary btn-small">
                      {t("demands:actions.invite")}
                    </button>
                  </SummaryForm>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      </section>

      <section className="card space-y-2">
        <h2 className="text-lg font-semibold">{t("demands:offers.title", { count: offers.length })}</h2>
        <ul className="space-y-1 text-sm">
          {offers.map((o) => (
            <li key={o.id} className="flex flex-wrap items-center gap-2">
              <OfferStatus status={o.status} /> {o.group.name} · {formatRupiah(o.pricePerUnit)} · {o.quantityPerPeriod}
              {o.acceptedQuantity ? ` · ${t("demands:offers.acceptedShort", { quantity: o.acceptedQuantity })}` : ""}
            </li>
          ))}
        </ul>
      </section>

      <section className="card space-y-3" id="threads">
        <h2 className="text-lg font-semibold">{t("demands:thread.title")}</h2>
        {threads.length === 0 ? <p className="text-sm text-stone-500">{t("demands:thread.none")}</p> : null}
        {threads.map((th) => (
          <Thread key={th.groupId} thread={th} reply={open} data={data} />
        ))}
      </section>
    </div>
  );
}
