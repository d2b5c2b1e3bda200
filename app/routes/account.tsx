import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { listOwnSessions, revokeOwnSession, setEmailNotifications } from "~/accounts/settings.server";
import { actorOf, requireUser } from "~/auth/guard.server";
import { readSessionId } from "~/auth/session.server";
import { FormMessage, Notice, SelectField, SummaryForm } from "~/components/form";
import { isDomainError } from "~/domain/errors";
import { refusal } from "~/forms/parse.server";
import { channelOrdersFor } from "~/messaging/channel-options";
import { chooseMessageChannels, MESSAGE_KINDS, messagePreferences } from "~/messaging/messaging.server";
import { formatPhone } from "~/messaging/phone";
import { useDates } from "~/time/use-dates";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const current = await readSessionId(request);
  const sessions = await listOwnSessions(actorOf(user));
  const preferences = await messagePreferences(user.id);
  return json({
    user: { name: user.name, email: user.email, phone: user.phone, role: user.role, emailNotifications: user.emailNotifications },
    preferences: { ...preferences, kinds: preferences.kinds.map((k) => ({ kind: k.kind, order: k.channels.join(",") })) },
    sessions: sessions.map((s) => ({ ...s, current: s.id === current })),
  });
}

/** Only the signed-in user's own settings and sessions. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "notifications") {
    await setEmailNotifications(actorOf(user, request), form.get("emailNotifications") === "on");
    return redirect("/account?saved=1");
  }
  if (intent === "channels") {
    const choices: Record<string, string> = {};
    for (const kind of MESSAGE_KINDS) {
      const value = form.get(`channels.${kind}`);
      if (typeof value === "string") choices[kind] = value;
    }
    try {
      await chooseMessageChannels(actorOf(user, request), choices);
    } catch (error) {
      if (isDomainError(error)) return refusal(error, Object.fromEntries(Object.entries(choices).map(([k, v]) => [`channels.${k}`, v])));
      throw error;
    }
    return redirect("/account?saved=1#channels");
  }
  if (intent === "revoke" && typeof form.get("sessionId") === "string") {
    await revokeOwnSession(actorOf(user, request), String(form.get("sessionId")));
    return redirect("/account?revoked=1");
  }
  return redirect("/account");
}

export default function Account() {
  const { dateTime: fmtDateTime } = useDates();
  const { t } = useTranslation();
  const { user, sessions, preferences } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const orders = channelOrdersFor({ phone: preferences.hasPhone, email: preferences.hasEmail });
  const [params] = useSearchParams();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("account:title")}</h1>
      {params.get("saved") ? <Notice tone="success">{t("common:saved")}</Notice> : null}
      {params.get("revoked") ? <Notice tone="success">{t("account:revoked")}</Notice> : null}
      <section className="card">
        <p className="font-semibold">{user.name}</p>
        <p className="break-words text-sm text-stone-600">
          {[user.email, user.phone ? formatPhone(user.phone) : null].filter(Boolean).join(" · ")} · {t(`roles:${user.role}`)}
        </p>
      </section>
      {orders.length > 0 ? (
        <SummaryForm method="post" action="/account#channels" className="card space-y-3" id="channels">
          <h2 className="font-semibold">{t("account:channels.title")}</h2>
          <p className="text-sm text-stone-600">{t("account:channels.intro")}</p>
          <FormMessage data={data} />
          <input type="hidden" name="intent" value="channels" />
          {preferences.kinds.map((k) => (
            <SelectField
              key={k.kind}
              name={`channels.${k.kind}`}
              label={t(`account:channels.kind.${k.kind}`)}
              defaultValue={k.order}
              options={orders.map((o) => ({ value: o, label: t(`account:channels.order.${o.replace(/,/g, "_")}`) }))}
              data={data}
            />
          ))}
          <button className="btn-secondary">{t("common:save")}</button>
        </SummaryForm>
      ) : null}
      <Form noValidate method="post" className="card space-y-3">
        <input type="hidden" name="intent" value="notifications" />
        <label className="flex items-center gap-2">
          <input type="checkbox" name="emailNotifications" defaultChecked={user.emailNotifications} className="h-5 w-5" />
          <span>{t("account:emailNotifications")}</span>
        </label>
        <button className="btn-secondary">{t("common:save")}</button>
      </Form>
      <section className="card">
        <h2 className="mb-2 font-semibold">{t("account:sessions")}</h2>
        <ul className="space-y-2">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
              <span>
                {fmtDateTime(s.createdAt)} · {s.ip ?? "—"} · <span className="text-stone-500">{(s.userAgent ?? "").slice(0, 60)}</span>
                {s.current ? <strong> · {t("account:thisDevice")}</strong> : null}
              </span>
              {!s.current ? (
                <Form noValidate method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="sessionId" value={s.id} />
                  <button className="btn-secondary btn-small">{t("account:revoke")}</button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
