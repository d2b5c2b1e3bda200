import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  json,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { authorizeGroupAction, notFound, requireUser, requireVerifiedTrader } from "~/auth/guard.server";
import { AssistedModeBanner } from "~/components/assisted-mode";
import { Field, FormMessage, Notice, SummaryForm, TextAreaField } from "~/components/form";
import { groupDemandPage, postMessage } from "~/demands/demands.server";
import { isPending, OFFERABLE_STATUSES } from "~/demands/machines";
import { reviseOffer, sendOffer, transitionOffer } from "~/demands/offers.server";
import { MAX_PHOTO_BYTES, saveOfferPhoto } from "~/demands/photos.server";
import { MessageSchema, OfferSchema } from "~/demands/schemas";
import { DemandStatus, ErrorLine, OfferStatus } from "~/demands/ui";
import { DemandSummary, MessageForm, Thread } from "~/demands/detail-ui";
import { isDomainError } from "~/domain/errors";
import { formError, formValues, parseForm, parseMultipartForm } from "~/forms/parse.server";
import { formatRupiah } from "~/i18n/format";
import { useDates } from "~/time/use-dates";

async function load(request: Request, groupId: string, demandId: string) {
  const user = await requireUser(request);
  const actor = await authorizeGroupAction(user, "create", "offer", groupId, request);
  requireVerifiedTrader(user);
  const page = await groupDemandPage(actor, groupId, demandId);
  if (!page) throw notFound();
  return { actor, ...page };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const groupId = params.groupId!;
  const { actor, demand, group, offer, thread, invitation } = await load(request, groupId, params.demandId!);
  const open = OFFERABLE_STATUSES.includes(demand.status) && !(demand.status === "PARTLY_AWARDED" && !demand.allowSplit);
  return json({ group, demand, offer, thread, invitation, open, assisted: !!actor.actingForGroupId });
}

async function readForm(request: Request): Promise<FormData | "tooLarge"> {
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return request.formData();
  try {
    return await parseMultipartForm(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_PHOTO_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return "tooLarge";
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const groupId = params.groupId!;
  const { actor, demand } = await load(request, groupId, params.demandId!);
  const formData = await readForm(request);
  if (formData === "tooLarge") return formError({ errors: { photo: "demands:validation.photoSize|{\"mb\":5}" }, values: {} });
  const values = formValues(formData);
  delete values.photo;
  const intent = formData.get("intent");
  const base = `/groups/${groupId}/demands/${demand.id}`;
  try {
    if (intent === "send" || intent === "revise") {
      const parsed = parseForm(OfferSchema, formData);
      if (!parsed.ok) return formError({ errors: parsed.errors, values });
      const photoKey = await saveOfferPhoto(formData.get("photo"));
      if (intent === "send") await sendOffer(actor, demand.id, groupId, parsed.data, photoKey);
      else await reviseOffer(actor, String(formData.get("offerId") ?? ""), parsed.data, photoKey, demand.id);
      return redirect(`${base}?done=${intent === "send" ? "offerSent" : "offerRevised"}`);
    }
    if (intent === "withdraw") {
      await transitionOffer(actor, String(formData.get("offerId") ?? ""), "withdraw", null, demand.id);
      return redirect(`${base}?done=offerWithdrawn`);
    }
    if (intent === "message") {
      const parsed = parseForm(MessageSchema, formData);
      if (!parsed.ok) return formError({ errors: parsed.errors, values });
      await postMessage(actor, demand.id, groupId, "group", parsed.data.body);
      return redirect(`${base}?done=asked#thread`);
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

export default function GroupDemand() {
  const { date: fmtDate, dateInput: fmtDateInput } = useDates();
  const { t } = useTranslation();
  const { group, demand, offer, thread, invitation, open, assisted } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const editable = open && (!offer || isPending(offer.status) || offer.status === "WITHDRAWN");
  const intent = offer && isPending(offer.status) ? "revise" : "send";
  const photoError = data?.errors?.photo;
  return (
    <div className="space-y-4">
      {assisted ? <AssistedModeBanner groupName={group.name} /> : null}
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <Link to={`/groups/${group.id}/demands`} className="text-sm">
            {t("demands:feed.back")}
          </Link>
          <h1 className="text-2xl font-bold">{demand.title}</h1>
          <p className="text-sm text-stone-600">{demand.partner.displayName}</p>
        </div>
        <DemandStatus status={demand.status} />
      </div>
      {done ? <Notice tone="success">{t(`demands:done.${done}`)}</Notice> : null}
      {invitation ? (
        <Notice tone="info">
          {t("demands:feed.invitedOn", { date: fmtDate(invitation.createdAt) })}
          {invitation.note ? ` ${invitation.note}` : ""}
        </Notice>
      ) : null}
      <FormMessage data={data} />
      <section className="card">
        <DemandSummary demand={demand} />
      </section>

      <section className="card space-y-3" id="offer" data-testid="my-offer">
        <h2 className="text-lg font-semibold">{t("demands:myOffer.title")}</h2>
        {offer ? (
          <div className="space-y-1 text-sm">
            <div className="flex items-center gap-2">
              <OfferStatus status={offer.status} />
              <span className="text-xs text-stone-500">{t("demands:myOffer.revision", { n: offer.revision })}</span>
            </div>
            <p>
              {t("demands:myOffer.summary", {
                price: formatRupiah(offer.pricePerUnit),
                quantity: offer.quantityPerPeriod,
                date: fmtDate(offer.startDate),
              })}
            </p>
            {offer.status === "ACCEPTED" ? (
              <p className="font-semibold text-green-800" data-testid="accepted-quantity">
                {t("demands:myOffer.acceptedQuantity", { quantity: offer.acceptedQuantity ?? 0 })}
              </p>
            ) : null}
            {offer.status === "DECLINED" ? (
              <p data-testid="decline-reason">{offer.declineReason ? t("demands:offers.declinedBecause", { reason: offer.declineReason }) : t("demands:offers.notChosen")}</p>
            ) : null}
            {offer.samplePhotoKey ? (
              <img src={`/demands/offer-photo/${offer.id}`} alt={t("demands:offers.photoAlt", { group: group.name })} className="max-h-40 rounded" />
            ) : null}
          </div>
        ) : (
          <p className="text-sm text-stone-500">{open ? t("demands:myOffer.none") : t("demands:myOffer.closed")}</p>
        )}
        {editable ? (
          <SummaryForm method="post" encType="multipart/form-data" className="space-y-3 border-t border-stone-100 pt-3">
            <input type="hidden" name="intent" value={intent} />
            {offer ? <input type="hidden" name="offerId" value={offer.id} /> : null}
            <div className="grid gap-3 sm:grid-cols-3">
              <Field name="pricePerUnit" type="number" inputMode="numeric" min={1} label={t("demands:myOffer.price")} defaultValue={offer?.pricePerUnit} data={data} />
              <Field name="quantityPerPeriod" type="number" inputMode="numeric" min={1} label={t("demands:myOffer.quantity")} defaultValue={offer?.quantityPerPeriod} data={data} />
              <Field name="startDate" type="date" label={t("demands:myOffer.start")} defaultValue={fmtDateInput(offer?.startDate ?? demand.startDate)} data={data} />
            </div>
            <TextAreaField name="note" label={t("demands:myOffer.note")} defaultValue={offer?.note} data={data} rows={2} />
            <div>
              <label htmlFor="f-photo" className="label">
                {t("demands:myOffer.photo")}
              </label>
              <input id="f-photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp" className="text-sm" aria-invalid={photoError ? true : undefined} />
              {photoError ? <ErrorLine message={photoError} /> : null}
            </div>
            <button type="submit" className="btn-primary">
              {intent === "revise" ? t("demands:actions.revise") : t("demands:actions.sendOffer")}
            </button>
          </SummaryForm>
        ) : null}
        {offer && isPending(offer.status) ? (
          <SummaryForm method="post">
            <input type="hidden" name="intent" value="withdraw" />
            <input type="hidden" name="offerId" value={offer.id} />
            <button type="submit" className="btn-secondary btn-small">
              {t("demands:actions.withdraw")}
            </button>
          </SummaryForm>
        ) : null}
      </section>

      <section className="card space-y-3" id="thread">
        <h2 className="text-lg font-semibold">{t("demands:thread.titleGroup")}</h2>
        <p className="text-xs text-stone-500">{t("demands:thread.visibility")}</p>
        {thread ? <Thread thread={thread} reply={false} /> : null}
        {demand.status !== "CANCELLED" && demand.status !== "CLOSED" ? (
          <MessageForm groupId={group.id} data={data} label={t("demands:thread.ask")} />
        ) : null}
      </section>
    </div>
  );
}
