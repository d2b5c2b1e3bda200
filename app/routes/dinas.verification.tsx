import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, requirePermission } from "~/auth/guard.server";
import { ConfirmPanel } from "~/components/confirm";
import { FormMessage, Notice, SummaryForm, useTranslateError } from "~/components/form";
import { isDomainError } from "~/domain/errors";
import { confirmStep } from "~/forms/confirm";
import { formError, formRefusal, parseForm } from "~/forms/parse.server";
import { optionalFormText, z } from "~/forms/validation";
import { useDates } from "~/time/use-dates";
import { decideVerification, previewVerification, verificationQueue } from "~/verification/verification.server";

const Schema = /* @__PURE__ */ (() => z.object({
  subject: z.enum(["group", "partner"]),
  id: z.string().min(1),
  decision: z.enum(["verify", "reject"]),
  reason: optionalFormText(500),
}))();

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "verify:group:any");
  return json(await verificationQueue(actorOf(user, request)));
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseForm(Schema, formData);
  if (!parsed.ok) return formError(parsed);
  const step = confirmStep(formData);
  if (step === "malformed") return formRefusal("errors:unknownEvent");
  const { subject, id, decision, reason } = parsed.data;
  const user = await requirePermission(request, subject === "group" ? "verify:group:any" : "verify:partner:any");
  const actor = actorOf(user, request);
  try {
    // Verifying is binding (the group or partner may trade from then on): the first post shows what will happen.
    if (decision === "verify" && step === "preview") {
      return json({ ok: true as const, confirm: await previewVerification(actor, subject, id) });
    }
    await decideVerification(actor, subject, id, decision, reason);
  } catch (error) {
    if (isDomainError(error)) return formRefusal(error.key, { id, reason: reason ?? "" }, error.field === "reason" ? `reason-${id}` : "_form");
    throw error;
  }
  return redirect(`/dinas/verification?done=${decision}`);
}

type Data = ReturnType<typeof useActionData<typeof action>>;

function DecisionForms({ subject, id, data }: { subject: "group" | "partner"; id: string; data: Data }) {
  const { t } = useTranslation();
  const translate = useTranslateError();
  const error = data && "errors" in data ? data.errors[`reason-${id}`] : undefined;
  return (
    <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-start">
      <SummaryForm method="post">
        <input type="hidden" name="subject" value={subject} />
        <input type="hidden" name="id" value={id} />
        <button name="decision" value="verify" className="btn-primary w-full sm:w-auto">
          {t("dinas:verification.verify")}
        </button>
      </SummaryForm>
      <SummaryForm method="post" className="flex flex-1 flex-col gap-1 sm:flex-row">
        <input type="hidden" name="subject" value={subject} />
        <input type="hidden" name="id" value={id} />
        <label className="sr-only" htmlFor={`reason-${id}`}>
          {t("dinas:verification.reason")}
        </label>
        <div className="flex-1">
          <input id={`reason-${id}`} name="reason" className="input" placeholder={t("dinas:verification.reasonPlaceholder")} aria-invalid={error ? true : undefined} />
          {error ? <p className="field-error">{translate(error)}</p> : null}
        </div>
        <button name="decision" value="reject" className="btn-danger">
          {t("dinas:verification.reject")}
        </button>
      </SummaryForm>
    </div>
  );
}

export default function VerificationQueue() {
  const { date: fmtDate } = useDates();
  const { t } = useTranslation();
  const { groups, partners } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  if (data && "confirm" in data) {
    const c = data.confirm;
    return (
      <ConfirmPanel
        title={t(`dinas:verification.confirm.title.${c.subject}`, { name: c.name })}
        fields={{ subject: c.subject, id: c.id, decision: "verify" }}
        button={t("dinas:verification.confirm.button")}
        cancelTo="/dinas/verification"
      >
        <p>{t(`dinas:verification.confirm.what.${c.subject}`, { name: c.name })}</p>
        <p>
          {c.people.length > 0
            ? t("dinas:verification.confirm.told", { names: c.people.join(", "), count: c.people.length })
            : t("dinas:verification.confirm.nobody")}
        </p>
        <p>{t("dinas:verification.confirm.recorded")}</p>
      </ConfirmPanel>
    );
  }
  const formData = data && "errors" in data ? data : undefined;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("dinas:verification.title")}</h1>
      {done ? <Notice tone="success">{t(done === "verify" ? "dinas:verification.verified" : "dinas:verification.rejected")}</Notice> : null}
      <FormMessage data={formData} />
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("dinas:verification.partners", { count: partners.length })}</h2>
        {partners.length === 0 ? <p className="text-sm text-stone-500">{t("dinas:verification.none")}</p> : null}
        <ul className="space-y-3">
          {partners.map((p) => (
            <li key={p.id} className="card" data-testid={`verify-partner-${p.id}`}>
              <p className="font-semibold">{p.displayName}</p>
              <p className="text-sm text-stone-600">
                {p.legalName} · {t(`enums:sector.${p.sector}`)} · {t("partners:fields.nib")}: {p.nib ?? "—"}
              </p>
              <p className="text-sm text-stone-600">{p.address}</p>
              <p className="text-sm text-stone-600">
                {p.contactName} · {p.contactEmail} · {p.contactPhone ?? ""} · {t("dinas:verification.since", { date: fmtDate(p.createdAt) })}
              </p>
              <DecisionForms subject="partner" id={p.id} data={formData} />
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("dinas:verification.groups", { count: groups.length })}</h2>
        {groups.length === 0 ? <p className="text-sm text-stone-500">{t("dinas:verification.none")}</p> : null}
        <ul className="space-y-3">
          {groups.map((g) => (
            <li key={g.id} className="card" data-testid={`verify-group-${g.id}`}>
              <p className="font-semibold">
                {g.name} <span className="badge bg-stone-100 text-stone-700">{t(`enums:groupType.${g.type}`)}</span>
              </p>
              <p className="text-sm text-stone-600">
                {g.village.name}, {t("groups:kecamatanLabel", { name: g.kecamatan.name })} · {t("groups:members", { count: g._count.members })}
              </p>
              <p className="text-sm">{g.businessDescription}</p>
              <p className="text-sm text-stone-600">{g.users.map((u) => `${u.name} (${u.email})`).join(", ")}</p>
              <DecisionForms subject="group" id={g.id} data={formData} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
