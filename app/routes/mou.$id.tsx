import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { listAuditEvents } from "~/audit/audit.server";
import { describeAuditEvents } from "~/audit/trail.server";
import { actorOf, notFound, requireUser } from "~/auth/guard.server";
import { AuditList } from "~/components/audit-list";
import { FormMessage, Notice, SummaryForm, useTranslateError } from "~/components/form";
import { domainErrorMessage, isDomainError } from "~/domain/errors";
import { formError, formRefusal, parseForm } from "~/forms/parse.server";
import { optionalFormText, z } from "~/forms/validation";
import { useDates } from "~/time/use-dates";
import { zoneOfMou } from "~/time/office-zone.server";
import { requireMouAccess, requireMouManager } from "~/mou/access.server";
import { MouBadge, MouDocument, SignerList } from "~/mou/components";
import { readMouContent } from "~/mou/stored-content";
import { getMou, previewTermination, returnToDraft, sendForSignature, startAmendment, startRenewal, submitForReview, terminateMou, withdrawFromSignature } from "~/mou/mou.server";
import { ConfirmPanel } from "~/components/confirm";
import { confirmStep } from "~/forms/confirm";
import { currentSignerForUser } from "~/mou/signing.server";
import { assistedSigningFor } from "~/mou/assisted.server";
import { roleHas } from "~/permissions/permissions";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id!;
  await requireMouAccess(user, id);
  const mou = await getMou(actorOf(user), id);
  if (!mou) throw notFound();
  const wanted = Number(new URL(request.url).searchParams.get("v"));
  const version = mou.versions.find((v) => v.versionNumber === wanted) ?? mou.versions.find((v) => v.id === mou.currentVersionId) ?? mou.versions[0];
  if (!version) throw notFound();
  const manager = roleHas(user.role, "review:mou:any") && (user.role === "ADMIN" || user.dinasOfficeId === mou.dinasOfficeId);
  const mySigner = await currentSignerForUser(mou.id, user.id);
  // a facilitator of the group or Dinas of the office can witness the chair's signature in person (decision 095)
  const assisted = user.role === "FACILITATOR" || user.role === "DINAS" ? !!(await assistedSigningFor(actorOf(user), mou.id))?.signer : false;
  const { events } = await listAuditEvents({ entityType: "Mou", entityId: mou.id, take: 100 });
  const current = mou.versions.find((v) => v.id === mou.currentVersionId);
  /** the MoU's office zone: its dates and times print in it (decision 123) */
  const zone = await zoneOfMou(mou.id);
  return json({
    zone,
    mou: {
      id: mou.id,
      number: mou.number,
      status: mou.status,
      startDate: mou.startDate,
      endDate: mou.endDate,
      terminationReason: mou.terminationReason,
      partner: mou.partner,
      groups: mou.groups.map((g) => g.group),
      renewal: mou.renewal,
      renewedFromId: mou.renewedFromId,
      activeVersionId: mou.activeVersionId,
      currentVersionId: mou.currentVersionId,
      currentStatus: current?.status ?? null,
    },
    versions: mou.versions.map((v) => ({ id: v.id, versionNumber: v.versionNumber, status: v.status, changeSummary: v.changeSummary, createdAt: v.createdAt, sealedAt: v.sealedAt, verificationCode: v.verificationCode, hasPdf: !!v.pdfKey })),
    version: {
      id: version.id,
      versionNumber: version.versionNumber,
      status: version.status,
      contentHash: version.contentHash,
      verificationCode: version.verificationCode,
      sealedAt: version.sealedAt,
      hasPdf: !!version.pdfKey,
      // Completed but not sealed yet: the sealing job's progress; its last error is for the office's managers.
      sealPending: version.status !== "DRAFT" && !!version.verificationCode && !version.sealedAt,
      sealAttempts: version.sealAttempts,
      sealError: manager ? version.sealError : null,
      content: readMouContent(version.content, version.id),
      signers: version.signers.map((s) => ({ id: s.id, order: s.order, party: s.party, name: s.name, title: s.title, status: s.status, signedAt: s.signedAt?.toISOString() ?? null, declineReason: s.declineReason })),
    },
    manager,
    daysLeft: Math.ceil((mou.endDate.getTime() - Date.now()) / 86_400_000),
    myTurn: !!mySigner,
    assisted,
    events: await describeAuditEvents(request, user, events, zone),
  });
}

const Schema = /* @__PURE__ */ (() => z.object({
  intent: z.enum(["submit", "returnToDraft", "send", "withdraw", "amend", "terminate", "renew"]),
  reason: optionalFormText(1000),
}))();

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id!;
  await requireMouAccess(user, id);
  await requireMouManager(user, id);
  const formData = await request.formData();
  const parsed = parseForm(Schema, formData);
  if (!parsed.ok) return formError(parsed);
  const { intent, reason } = parsed.data;
  const actor = actorOf(user, request);
  try {
    switch (intent) {
      case "submit":
        await submitForReview(actor, id);
        break;
      case "returnToDraft":
        await returnToDraft(actor, id, reason ?? "");
        break;
      case "send":
        await sendForSignature(actor, id);
        break;
      case "withdraw":
        await withdrawFromSignature(actor, id, reason ?? "");
        break;
      case "amend":
        await startAmendment(actor, id, reason ?? "");
        return redirect(`/mou/${id}/edit`);
      case "terminate": {
        // Ending an MoU is binding and final (decision 127, the pattern of 115): the first post shows what happens.
        const step = confirmStep(formData);
        if (step === "malformed") return formRefusal("errors:unknownEvent", { intent, reason: reason ?? "" });
        if (step === "preview") {
          const preview = await previewTermination(actor, id, reason ?? "");
          return json({ ok: true as const, confirm: { ...preview, endDate: preview.endDate.toISOString() } });
        }
        await terminateMou(actor, id, reason ?? "");
        break;
      }
      case "renew": {
        const renewal = await startRenewal(actor, id);
        return redirect(`/mou/${renewal.id}/edit`);
      }
    }
  } catch (error) {
    if (isDomainError(error)) return formRefusal(domainErrorMessage(error), { intent, reason: reason ?? "" }, error.field === "summary" || error.field === "reason" ? `reason-${intent}` : "_form");
    throw error;
  }
  return redirect(`/mou/${id}?done=${intent}`);
}

function ReasonForm({ intent, label, button, danger }: { intent: string; label: string; button: string; danger?: boolean }) {
  const data = useActionData<typeof action>();
  const id = `reason-${intent}`;
  const error = data && "errors" in data ? data.errors[id] : undefined;
  const { t } = useTranslation();
  const translate = useTranslateError();
  return (
    <SummaryForm method="post" className="space-y-2">
      <input type="hidden" name="intent" value={intent} />
      <label htmlFor={id} className="label">
        {label}
      </label>
      <textarea id={id} name="reason" rows={2} className="input" aria-invalid={error ? true : undefined} />
      {error ? <p className="field-error">{translate(error)}</p> : null}
      <button className={danger ? "btn-danger btn-small" : "btn-secondary btn-small"}>{t(button)}</button>
    </SummaryForm>
  );
}

export default function MouDetail() {
  const { t } = useTranslation();
  const { mou, versions, version, manager, myTurn, assisted, events, daysLeft, zone } = useLoaderData<typeof loader>();
  const { date: fmtDate, dateTime: fmtDateTime } = useDates(zone);
  const actionData = useActionData<typeof action>();
  const data = actionData && "errors" in actionData ? actionData : undefined;
  const [params] = useSearchParams();
  const done = params.get("done");
  const isCurrent = version.id === mou.currentVersionId;
  const current = mou.currentStatus;
  const amendmentOpen = !!mou.activeVersionId && mou.currentVersionId !== mou.activeVersionId;
  const endingSoon = mou.status === "ACTIVE" && !mou.renewal && daysLeft <= 30;
  if (actionData && "confirm" in actionData) {
    const c = actionData.confirm;
    return (
      <ConfirmPanel title={t("mou:confirmStep.title", { number: c.number })} fields={{ intent: "terminate", reason: c.reason }} button={t("mou:confirmStep.button")} cancelTo={`/mou/${c.mouId}`} tone="danger">
        <p>{t("mou:confirmStep.what", { partner: c.partner, groups: c.groups.join(", "), end: fmtDate(c.endDate), reason: c.reason })}</p>
        <p>{t("mou:confirmStep.noMore")}</p>
        {c.closesPendingVersion ? <p>{t("mou:confirmStep.pending")}</p> : null}
        {c.openOrders > 0 ? <p data-testid="confirm-open-orders">{t("mou:confirmStep.openOrders", { count: c.openOrders })}</p> : null}
        <p>{t("mou:confirmStep.told", { count: c.accountsTold })}</p>
      </ConfirmPanel>
    );
  }
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <Link to="/mou" className="text-sm">
            {t("mou:view.back")}
          </Link>
          <h1 className="text-2xl font-bold">{mou.number}</h1>
          <p className="text-sm text-stone-600">
            {mou.partner.displayName} · {mou.groups.map((g) => g.name).join(", ")} · {t("mou:list.period", { start: fmtDate(mou.startDate), end: fmtDate(mou.endDate) })}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <MouBadge kind="status" status={mou.status} />
          {amendmentOpen && current ? <MouBadge kind="versionStatus" status={current} /> : null}
        </div>
      </div>
      {done ? <Notice tone="success">{t(`mou:done.${done}`)}</Notice> : null}
      {params.get("signed") ? <Notice tone="success">{t(params.get("completed") ? "mou:done.completed" : "mou:done.signed")}</Notice> : null}
      {params.get("declined") ? <Notice tone="warning">{t("mou:done.declined")}</Notice> : null}
      {mou.terminationReason ? <Notice tone="warning">{t("mou:view.terminatedBecause", { reason: mou.terminationReason })}</Notice> : null}
      {amendmentOpen ? <Notice>{t("mou:view.amendmentOpen")}</Notice> : null}
      {endingSoon ? <Notice tone="warning">{t("mou:view.endingSoon", { date: fmtDate(mou.endDate) })}</Notice> : null}
      {mou.renewal ? (
        <Notice>
          {t("mou:view.renewedBy")} <Link to={`/mou/${mou.renewal.id}`}>{mou.renewal.number}</Link>
        </Notice>
      ) : null}
      {mou.renewedFromId ? (
        <p className="text-sm">
          <Link to={`/mou/${mou.renewedFromId}`}>{t("mou:view.renewalOf")}</Link>
        </p>
      ) : null}
      <FormMessage data={data} />
      {myTurn ? (
        <Notice tone="warning">
          {t("mou:view.yourTurn")}{" "}
          <Link to={`/mou/${mou.id}/sign`} className="btn-primary btn-small ml-2" data-testid="sign-link">
            {t("mou:view.signNow")}
          </Link>
        </Notice>
      ) : null}
      {assisted ? (
        <p>
          <Link to={`/mou/${mou.id}/assisted`} className="btn-secondary btn-small" data-testid="assisted-link">
            {t("mou:assisted.openLink")}
          </Link>
        </p>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          {!isCurrent ? <Notice tone="info">{t("mou:view.oldVersion", { n: version.versionNumber })}</Notice> : null}
          <MouDocument content={version.content} number={mou.number} versionNumber={version.versionNumber} />
        </div>
        <aside className="space-y-4">
          <section className="card space-y-2">
            <h2 className="font-semibold">{t("mou:view.signatures")}</h2>
            <p className="text-xs break-all text-stone-500">
              {t("mou:view.hash")}: {version.contentHash}
            </p>
            {version.signers.length === 0 ? <p className="text-sm text-stone-500">{t("mou:view.noSigners")}</p> : <SignerList signers={version.signers} zone={zone} />}
            {version.verificationCode ? (
              <p className="text-sm">
                {t("mou:view.verificationCode")}: <strong data-testid="verification-code">{version.verificationCode}</strong>
              </p>
            ) : null}
            {version.sealPending ? (
              <p className="text-sm text-amber-800" role="status" data-testid="seal-status">
                {version.sealError ? t("mou:seal.failed", { count: version.sealAttempts, error: version.sealError }) : t("mou:seal.pending")}
              </p>
            ) : null}
            {version.hasPdf ? (
              <a href={`/mou/${mou.id}/pdf?v=${version.versionNumber}`} className="btn-primary btn-small" data-testid="download-pdf" download>
                {t("mou:view.downloadPdf")}
              </a>
            ) : null}
          </section>
          {manager ? (
            <section className="card space-y-3" data-testid="mou-actions">
              <h2 className="font-semibold">{t("mou:view.actions")}</h2>
              {current === "DRAFT" ? (
                <div className="flex flex-wrap gap-2">
                  <Link to={`/mou/${mou.id}/edit`} className="btn-secondary btn-small">
                    {t("mou:view.edit")}
                  </Link>
                  <SummaryForm method="post">
                    <input type="hidden" name="intent" value="submit" />
                    <button className="btn-primary btn-small">{t("mou:view.submit")}</button>
                  </SummaryForm>
                </div>
              ) : null}
              {current === "IN_REVIEW" ? (
                <>
                  <SummaryForm method="post">
                    <input type="hidden" name="intent" value="send" />
                    <button className="btn-primary btn-small">{t("mou:view.send")}</button>
                  </SummaryForm>
                  <ReasonForm intent="returnToDraft" label={t("mou:view.returnReason")} button="mou:view.returnToDraft" />
                </>
              ) : null}
              {current === "OUT_FOR_SIGNATURE" ? <ReasonForm intent="withdraw" label={t("mou:view.withdrawReason")} button="mou:view.withdraw" /> : null}
              {mou.status === "ACTIVE" && !amendmentOpen ? <ReasonForm intent="amend" label={t("mou:view.amendSummary")} button="mou:view.amend" /> : null}
              {(mou.status === "ACTIVE" || mou.status === "EXPIRED") && !mou.renewal ? (
                <SummaryForm method="post">
                  <input type="hidden" name="intent" value="renew" />
                  <button className="btn-secondary btn-small">{t("mou:view.renew")}</button>
                </SummaryForm>
              ) : null}
              {mou.status !== "TERMINATED" && mou.status !== "EXPIRED" ? <ReasonForm intent="terminate" label={t("mou:view.terminateReason")} button="mou:view.terminate" danger /> : null}
            </section>
          ) : null}
          <section className="card space-y-2">
            <h2 className="font-semibold">{t("mou:view.versions")}</h2>
            <ul className="space-y-1 text-sm">
              {versions.map((v) => (
                <li key={v.id} className="flex flex-wrap items-center justify-between gap-1">
                  <Link to={`/mou/${mou.id}?v=${v.versionNumber}`}>{t("mou:list.version", { n: v.versionNumber })}</Link>
                  <span className="text-xs text-stone-500">{fmtDateTime(v.createdAt)}</span>
                  <MouBadge kind="versionStatus" status={v.status} />
                  {v.changeSummary ? <span className="w-full text-xs text-stone-600">{v.changeSummary}</span> : null}
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
      <section className="card">
        <h2 className="mb-2 font-semibold">{t("mou:view.history")}</h2>
        <AuditList events={events} zone={zone} />
      </section>
    </div>
  );
}
