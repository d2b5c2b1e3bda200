import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, notFound, requireUser } from "~/auth/guard.server";
import { AssistedModeBanner } from "~/components/assisted-mode";
import { AuditList } from "~/components/audit-list";
import { type ActionErrors, Field, FormMessage, Notice, SummaryForm, TextAreaField } from "~/components/form";
import { StatusBadge } from "~/components/status-badge";
import { listAuditEvents } from "~/audit/audit.server";
import { describeAuditEvents } from "~/audit/trail.server";
import { isDomainError } from "~/domain/errors";
import { formError, formRefusal, formValues } from "~/forms/parse.server";
import { formInt, optionalFormText, z } from "~/forms/validation";
import { formatNumber, formatRupiah } from "~/i18n/format";
import { useDates } from "~/time/use-dates";
import { zoneOfOrder } from "~/time/office-zone.server";
import { disputeReceipt, invoiceOrder, recordReceipt, resolveDispute } from "~/orders/delivery.server";
import { EVENT_SIDE, orderMachine, type OrderEvent } from "~/orders/order-machine";
import { acceptOrder, changeStandingOrder, orderPage, previewOrderAcceptance, skipStandingOrder, transitionOrder } from "~/orders/orders.server";
import { ConfirmPanel } from "~/components/confirm";
import { confirmStep } from "~/forms/confirm";
import { ORDER_STATUS_TONES } from "~/orders/ui";
import { fileOf, MAX_FORM_BYTES, saveProof } from "~/payments/uploads.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await orderPage(actorOf(user, request), params.orderId!);
  if (!page) throw notFound();
  const { order, side, actor, capacity } = page;
  const events = orderMachine.eventsFrom(order.status).filter((e) => {
    const who = EVENT_SIDE[e];
    if (side === "dinas") return e === "cancel";
    return who === side || who === "either";
  });
  const audit = await listAuditEvents({ entityType: "Order", entityId: order.id, take: 30 });
  const lastDelivery = order.deliveries.at(-1) ?? null;
  const now = Date.now();
  /** the order's zone (its MoU's office, else its group's): dates and times print in it (decision 123) */
  const zone = await zoneOfOrder(order);
  return json({
    zone,
    order,
    side,
    events,
    capacity: capacity.filter((c) => order.lines.some((l) => l.productId === c.id)),
    canDispute: side === "group" && order.status === "RECEIVED" && !!lastDelivery?.disputeDeadline && new Date(lastDelivery.disputeDeadline).getTime() > now,
    assisted: actor.actingForGroupId ? order.group.name : null,
    audit: await describeAuditEvents(request, user, audit.events, zone),
  });
}

const ReasonSchema = /* @__PURE__ */ (() => z.object({ reason: optionalFormText(500) }))();

function lineInts(values: Record<string, string | string[]>, prefix: string, ids: string[], min = 0, optional = false) {
  const out: Record<string, number> = {};
  const errors: Record<string, string> = {};
  for (const id of ids) {
    const raw = values[`${prefix}-${id}`];
    if (optional && (raw === undefined || raw === "")) continue;
    const r = formInt(min, 1_000_000).safeParse(typeof raw === "string" ? raw : undefined);
    if (r.success) out[id] = r.data;
    else errors[`${prefix}-${id}`] = r.error.issues[0]?.message ?? "validation:invalid";
  }
  return { out, errors };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const page = await orderPage(actorOf(user, request), params.orderId!);
  if (!page) throw notFound();
  const { order, side, actor } = page;
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_FORM_BYTES) return formRefusal("payments:errors.fileTooLarge|{\"max\":5}");
  const formData = await request.formData();
  const values = formValues(formData);
  const intent = String(values.intent ?? "");
  const reasonParsed = ReasonSchema.safeParse({ reason: values.reason });
  // a too-long reason is refused with a message next to the field, never dropped or cut
  if (!reasonParsed.success) return formError({ errors: { reason: reasonParsed.error.issues[0]?.message ?? "validation:invalid" }, values });
  const reason = reasonParsed.data.reason;
  const lineIds = order.lines.map((l) => l.id);
  try {
    switch (intent) {
      case "accept": {
        if (side !== "group") throw new Response("errors:forbidden", { status: 403 });
        const { out, errors } = lineInts(values, "qty", lineIds, 1, true);
        if (Object.keys(errors).length) return formError({ errors, values });
        // Accepting binds the group to deliver (decision 127, the pattern of 115): the first post shows what.
        const step = confirmStep(formData);
        if (step === "malformed") return formRefusal("errors:unknownEvent", values);
        if (step === "preview") {
          const preview = await previewOrderAcceptance(actor, order.id, out);
          return json({ ok: true as const, confirm: { ...preview, deliveryDate: preview.deliveryDate.toISOString(), reason: reason ?? "" } });
        }
        await acceptOrder(actor, order.id, out, reason);
        break;
      }
      case "change": {
        if (side !== "partner") throw new Response("errors:forbidden", { status: 403 });
        const { out, errors } = lineInts(values, "qty", lineIds, 1, true);
        if (Object.keys(errors).length) return formError({ errors, values });
        await changeStandingOrder(actor, order.id, out);
        break;
      }
      case "skip":
        if (side !== "partner") throw new Response("errors:forbidden", { status: 403 });
        await skipStandingOrder(actor, order.id, reason ?? "");
        break;
      case "decline":
      case "startProduction":
      case "ship":
      case "cancel":
        await transitionOrder(actor, order.id, intent as OrderEvent, { reason });
        break;
      case "receive": {
        if (side !== "partner") throw new Response("errors:forbidden", { status: 403 });
        const delivered = lineInts(values, "delivered", lineIds);
        const accepted = lineInts(values, "accepted", lineIds);
        const errors = { ...delivered.errors, ...accepted.errors };
        const receivedByName = typeof values.receivedByName === "string" ? values.receivedByName.trim().slice(0, 120) : "";
        if (!receivedByName) errors.receivedByName = "validation:required";
        if (Object.keys(errors).length) return formError({ errors, values });
        const photo = fileOf(formData, "photo");
        const photoKey = photo ? await saveProof(photo, "deliveries", "photo") : null;
        await recordReceipt(actor, order.id, {
          receivedByName,
          photoKey,
          lines: lineIds.map((id) => ({
            orderLineId: id,
            deliveredQty: delivered.out[id]!,
            acceptedQty: accepted.out[id]!,
            rejectedQty: Math.max(0, delivered.out[id]! - accepted.out[id]!),
            rejectionReason: typeof values[`reason-${id}`] === "string" ? (values[`reason-${id}`] as string) : null,
          })),
        });
        break;
      }
      case "dispute":
        if (side !== "group") throw new Response("errors:forbidden", { status: 403 });
        if (!reason) return formError({ errors: { reason: "errors:reasonRequired" }, values });
        await disputeReceipt(actor, order.id, reason);
        break;
      case "resolve": {
        if (side !== "partner") throw new Response("errors:forbidden", { status: 403 });
        const { out, errors } = lineInts(values, "accepted", lineIds);
        if (Object.keys(errors).length) return formError({ errors, values });
        await resolveDispute(actor, order.id, out, reason);
        break;
      }
      case "invoice": {
        if (side !== "group") throw new Response("errors:forbidden", { status: 403 });
        const invoice = await invoiceOrder(actor, order.id);
        return redirect(`/invoices/${invoice.id}`);
      }
      default:
        return formRefusal("errors:unknownEvent", values);
    }
  } catch (error) {
    if (isDomainError(error)) return formRefusal(error.params && Object.keys(error.params).length ? `${error.key}|${JSON.stringify(error.params)}` : error.key, values, error.field);
    throw error;
  }
  return redirect(`/orders/${order.id}?done=${intent}`);
}

function ReasonForm({ intent, label, data, danger }: { intent: string; label: string; data: ActionErrors; danger?: boolean }) {
  const { t } = useTranslation();
  const open = !!data?.errors?.reason && data?.values?.intent === intent;
  return (
    <details className="card" open={open}>
      <summary className="cursor-pointer font-semibold">{label}</summary>
      <SummaryForm method="post" className="mt-2 space-y-2">
        <input type="hidden" name="intent" value={intent} />
        <TextAreaField name="reason" label={t("orders:detail.reason")} data={open ? data : undefined} rows={2} />
        <button className={danger ? "btn-danger" : "btn-secondary"} data-testid={`order-${intent}`}>
          {label}
        </button>
      </SummaryForm>
    </details>
  );
}

export default function OrderDetail() {
  const { t } = useTranslation();
  const { order, side, events, capacity, canDispute, assisted, audit, zone } = useLoaderData<typeof loader>();
  const { date: fmtDate, dateTime: fmtDateTime } = useDates(zone);
  const actionData = useActionData<typeof action>();
  const data = actionData && "errors" in actionData ? actionData : undefined;
  const [params] = useSearchParams();
  const done = params.get("done");
  const delivery = order.deliveries.filter((d) => d.receivedAt).at(-1);
  if (actionData && "confirm" in actionData) {
    const c = actionData.confirm;
    const fields: Record<string, string> = { intent: "accept", reason: c.reason };
    for (const l of c.lines) fields[`qty-${l.id}`] = String(l.quantity);
    return (
      <ConfirmPanel
        title={t("orders:confirmStep.title", { number: c.number, partner: c.partner })}
        fields={fields}
        button={t("orders:confirmStep.button", { total: formatRupiah(c.total) })}
        cancelTo={`/orders/${c.orderId}`}
      >
        <p>{t("orders:confirmStep.what", { date: fmtDate(c.deliveryDate) })}</p>
        <ul className="list-disc space-y-1 pl-5" data-testid="confirm-lines">
          {c.lines.map((l) => (
            <li key={l.id}>
              {t(l.quantity < l.ordered ? "orders:confirmStep.lowered" : "orders:confirmStep.line", {
                description: l.description,
                quantity: formatNumber(l.quantity),
                ordered: formatNumber(l.ordered),
                unit: t(`orders:unit.${l.unit}`),
                price: formatRupiah(l.unitPrice),
                subtotal: formatRupiah(l.subtotal),
              })}
            </li>
          ))}
        </ul>
        <p className="font-semibold" data-testid="confirm-total">
          {c.lowered ? t("orders:confirmStep.totalLowered", { total: formatRupiah(c.total), before: formatRupiah(c.totalBefore) }) : t("orders:confirmStep.total", { total: formatRupiah(c.total) })}
        </p>
        <p>{t("orders:confirmStep.told")}</p>
      </ConfirmPanel>
    );
  }
  return (
    <div className="space-y-4">
      {assisted ? <AssistedModeBanner groupName={assisted} /> : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("orders:detail.title", { number: order.number })}</h1>
        <span data-testid="order-status">
          <StatusBadge kind="orderStatus" status={order.status} tones={ORDER_STATUS_TONES} />
        </span>
      </div>
      {done ? <Notice tone="success">{t(`orders:done.${done}`, { defaultValue: t("orders:done.saved") })}</Notice> : null}
      <FormMessage data={data} />
      <div className="card space-y-1 text-sm">
        <p>
          <strong>{t("orders:detail.group")}</strong> {order.group.name}
        </p>
        <p>
          <strong>{t("orders:detail.partner")}</strong> {order.partner.displayName}
        </p>
        <p>
          <strong>{t("orders:detail.source")}</strong> {t(`orders:source.${order.source}`)}
          {order.mou ? ` · ${t("orders:detail.mou", { number: order.mou.number })}` : null}
        </p>
        <p>
          <strong>{t("orders:detail.delivery")}</strong> {fmtDate(order.deliveryDate)} · {order.deliveryAddress}
        </p>
        {order.note ? <p>{order.note}</p> : null}
        {order.reason ? <p className="text-stone-600">{t("audit:reason", { reason: order.reason })}</p> : null}
        {order.invoice ? (
          <p>
            <strong>{t("orders:detail.invoice")}</strong>{" "}
            <Link to={`/invoices/${order.invoice.id}`} className="underline" data-testid="invoice-link">
              {order.invoice.number}
            </Link>{" "}
            · {formatRupiah(order.invoice.amountRupiah)}
          </p>
        ) : null}
      </div>

      <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white text-sm" data-testid="order-lines">
        {order.lines.map((l) => (
          <li key={l.id} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 p-3">
            <div className="min-w-0 flex-1">
              <p className="font-medium">{l.description}</p>
              <p className="text-stone-600">
                {t("orders:lines.qtyTimesPrice", { quantity: formatNumber(l.quantity), unit: t(`orders:unit.${l.unit}`), price: formatRupiah(l.unitPrice) })}
              </p>
              {l.acceptedQty != null ? (
                <p className="text-stone-600" data-testid={`accepted-qty-${l.id}`}>
                  {t("orders:lines.acceptedOf", { accepted: formatNumber(l.acceptedQty) })}
                  {l.rejectedQty ? ` · ${t("orders:lines.rejected", { count: l.rejectedQty })}` : ""}
                </p>
              ) : null}
            </div>
            <p className="font-semibold">{formatRupiah((l.acceptedQty ?? l.quantity) * l.unitPrice)}</p>
          </li>
        ))}
        <li className="flex justify-between p-3 font-semibold">
          <span>{t("orders:lines.total")}</span>
          <span>{formatRupiah(order.totalRupiah)}</span>
        </li>
      </ul>

      {delivery ? (
        <section className="card space-y-1 text-sm" data-testid="bast">
          <h2 className="text-lg font-semibold">{t("orders:bast.title")}</h2>
          <p>{t("orders:bast.receivedBy", { name: delivery.receivedByName ?? "", date: fmtDateTime(delivery.receivedAt) })}</p>
          {delivery.lines.map((dl) => {
            const line = order.lines.find((l) => l.id === dl.orderLineId);
            return (
              <p key={dl.id}>
                {line?.description}: {t("orders:bast.line", { delivered: dl.deliveredQty, accepted: dl.acceptedQty, rejected: dl.rejectedQty })}
                {dl.rejectionReason ? ` — ${dl.rejectionReason}` : ""}
              </p>
            );
          })}
          {delivery.photoKey ? (
            <a href={`/orders/${order.id}/photo`} className="underline">
              {t("orders:bast.photo")}
            </a>
          ) : null}
          {delivery.disputeDeadline && order.status === "RECEIVED" ? <p className="text-stone-600">{t("orders:bast.disputeUntil", { date: fmtDateTime(delivery.disputeDeadline) })}</p> : null}
          {delivery.disputedAt ? <p className="text-red-800">{t("orders:bast.disputed", { reason: delivery.disputeReason ?? "" })}</p> : null}
        </section>
      ) : null}

      <section className="space-y-3">
        {side === "group" && order.status === "PLACED" ? (
          <SummaryForm method="post" className="card space-y-2">
            <h2 className="text-lg font-semibold">{t("orders:accept.title")}</h2>
            <p className="text-sm text-stone-600">{t("orders:accept.hint")}</p>
            {capacity.map((c) => (
              <p key={c.id} className="text-sm" data-testid={`capacity-${c.id}`}>
                {t("orders:accept.capacity", { product: c.name, remaining: c.remaining, capacity: c.weeklyCapacity })}
              </p>
            ))}
            {order.lines.map((l) => (
              <Field key={l.id} name={`qty-${l.id}`} type="number" inputMode="numeric" min={1} max={l.quantity} label={l.description} defaultValue={l.quantity} data={data} />
            ))}
            <TextAreaField name="reason" label={t("orders:accept.note")} data={data} />
            <button name="intent" value="accept" className="btn-primary" data-testid="order-accept">
              {t("orders:actions.accept")}
            </button>
          </SummaryForm>
        ) : null}
        {side === "partner" && order.source === "STANDING" && (order.status === "PLACED" || order.status === "ACCEPTED") ? (
          <SummaryForm method="post" className="card space-y-2">
            <h2 className="text-lg font-semibold">{t("orders:change.title")}</h2>
            <p className="text-sm text-stone-600">{t("orders:change.hint")}</p>
            {order.lines.map((l) => (
              <Field key={l.id} name={`qty-${l.id}`} type="number" inputMode="numeric" min={1} label={l.description} defaultValue={l.quantity} data={data} />
            ))}
            <button name="intent" value="change" className="btn-secondary">
              {t("orders:actions.change")}
            </button>
          </SummaryForm>
        ) : null}
        {side === "partner" && order.status === "SHIPPED" ? (
          <SummaryForm method="post" encType="multipart/form-data" className="card space-y-3" data-testid="receipt-form">
            <h2 className="text-lg font-semibold">{t("orders:receive.title")}</h2>
            <p className="text-sm text-stone-600">{t("orders:receive.hint")}</p>
            <Field name="receivedByName" label={t("orders:receive.receivedBy")} data={data} required />
            {order.lines.map((l) => (
              <fieldset key={l.id} className="space-y-2 rounded border border-stone-200 p-2">
                <legend className="font-semibold">
                  {l.description} · {t("orders:receive.ordered", { count: l.quantity })}
                </legend>
                <div className="grid grid-cols-2 gap-2">
                  <Field name={`delivered-${l.id}`} type="number" inputMode="numeric" min={0} label={t("orders:receive.delivered")} defaultValue={l.quantity} data={data} />
                  <Field name={`accepted-${l.id}`} type="number" inputMode="numeric" min={0} label={t("orders:receive.accepted")} defaultValue={l.quantity} data={data} />
                </div>
                <Field name={`reason-${l.id}`} label={t("orders:receive.rejectionReason")} hint={t("orders:receive.rejectionHint")} data={data} />
              </fieldset>
            ))}
            <div>
              <label htmlFor="f-photo" className="label">
                {t("orders:receive.photo")}
              </label>
              <input id="f-photo" name="photo" type="file" accept="image/*" capture="environment" className="input" />
            </div>
            <button name="intent" value="receive" className="btn-primary" data-testid="order-receive">
              {t("orders:actions.receive")}
            </button>
          </SummaryForm>
        ) : null}
        {side === "partner" && order.status === "DISPUTED" ? (
          <SummaryForm method="post" className="card space-y-2">
            <h2 className="text-lg font-semibold">{t("orders:resolve.title")}</h2>
            {order.lines.map((l) => (
              <Field key={l.id} name={`accepted-${l.id}`} type="number" inputMode="numeric" min={0} label={l.description} defaultValue={l.acceptedQty ?? 0} data={data} />
            ))}
            <TextAreaField name="reason" label={t("orders:detail.reason")} data={data} />
            <button name="intent" value="resolve" className="btn-primary">
              {t("orders:actions.resolve")}
            </button>
          </SummaryForm>
        ) : null}
        {side === "group" && order.status === "RECEIVED" ? (
          <SummaryForm method="post" className="card space-y-2">
            <p className="text-sm text-stone-600">{t("orders:invoice.hint")}</p>
            <button name="intent" value="invoice" className="btn-primary" data-testid="order-invoice">
              {t("orders:actions.invoice")}
            </button>
          </SummaryForm>
        ) : null}
        {canDispute ? <ReasonForm intent="dispute" label={t("orders:actions.dispute")} data={data} danger /> : null}
        <div className="flex flex-wrap gap-2">
          {events.includes("startProduction") ? (
            <SummaryForm method="post">
              <button name="intent" value="startProduction" className="btn-secondary" data-testid="order-startProduction">
                {t("orders:actions.startProduction")}
              </button>
            </SummaryForm>
          ) : null}
          {events.includes("ship") ? (
            <SummaryForm method="post">
              <button name="intent" value="ship" className="btn-primary" data-testid="order-ship">
                {t("orders:actions.ship")}
              </button>
            </SummaryForm>
          ) : null}
        </div>
        {events.includes("decline") ? <ReasonForm intent="decline" label={t("orders:actions.decline")} data={data} danger /> : null}
        {side === "partner" && order.source === "STANDING" && events.includes("skip") ? <ReasonForm intent="skip" label={t("orders:actions.skip")} data={data} /> : null}
        {events.includes("cancel") ? <ReasonForm intent="cancel" label={t("orders:actions.cancel")} data={data} danger /> : null}
      </section>

      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("audit:title")}</h2>
        <AuditList events={audit} zone={zone} />
      </section>
    </div>
  );
}
