import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requirePermission } from "~/auth/guard.server";
import { getServerT } from "~/i18n/i18n.server";
import { listTextMessages, textChannelsConfigured } from "~/messaging/messaging.server";
import { formatPhone } from "~/messaging/phone";
import { useDates } from "~/time/use-dates";

const PAGE_SIZE = 20;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Bermitra" }];

/**
 * The outbox of WhatsApp and SMS messages (decision 096/109), like /admin/emails: admin only; codes and link
 * tokens are always shown redacted (decision 062). In the demo the full text is also in MESSAGE_DIR.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:message-outbox:any");
  const url = new URL(request.url);
  const to = url.searchParams.get("to")?.trim().slice(0, 40) || undefined;
  const page = Math.min(10_000, Math.max(1, Math.floor(Number(url.searchParams.get("page"))) || 1));
  const { messages, total } = await listTextMessages({ to, take: PAGE_SIZE, skip: (page - 1) * PAGE_SIZE });
  const t = getServerT(user.locale);
  return json({ messages, total, page, to: to ?? "", configured: textChannelsConfigured(), title: `${t("admin:messages.heading")} · Bermitra` });
}

export default function AdminMessages() {
  const { t } = useTranslation();
  const { messages, total, page, to, configured } = useLoaderData<typeof loader>();
  const { dateTime: fmtDateTime } = useDates();
  const pageLink = (p: number) => `?to=${encodeURIComponent(to)}&page=${p}`;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("admin:messages.title", { count: total })}</h1>
      <p className="text-sm text-stone-600">
        {t("admin:messages.channels", {
          whatsapp: configured.WHATSAPP ? t("admin:messages.provider") : t("admin:messages.local"),
          sms: configured.SMS ? t("admin:messages.provider") : t("admin:messages.local"),
        })}
      </p>
      <Form noValidate method="get" className="flex flex-wrap gap-2">
        <label htmlFor="to" className="sr-only">
          {t("admin:messages.to")}
        </label>
        <input id="to" name="to" type="tel" inputMode="tel" defaultValue={to} className="input min-w-0 flex-1" placeholder={t("admin:messages.to")} />
        <button className="btn-secondary">{t("common:filter")}</button>
      </Form>
      {messages.length === 0 ? <p className="text-sm text-stone-600">{t("admin:messages.none")}</p> : null}
      <ul className="space-y-2" data-testid="text-messages">
        {messages.map((m) => (
          <li key={m.id} className="card">
            <details>
              <summary className="cursor-pointer">
                <span className="font-semibold">
                  {t(`account:channels.kind.${m.kind}`)} · {t(`enums:messageChannel.${m.channel}`)}
                </span>
                <span className="block break-words text-xs text-stone-600">
                  {formatPhone(m.to)} · {fmtDateTime(m.createdAt)} · {t(`enums:textMessageStatus.${m.status}`)}
                  {m.provider ? ` · ${m.provider}` : ""}
                </span>
              </summary>
              <pre className="mt-2 whitespace-pre-wrap break-words text-sm">{m.text}</pre>
              {m.lastError ? <p className="mt-1 break-words text-xs text-red-700">{m.lastError}</p> : null}
            </details>
          </li>
        ))}
      </ul>
      <nav className="flex justify-between text-sm">
        {page > 1 ? <Link to={pageLink(page - 1)}>{t("common:previous")}</Link> : <span />}
        {page * PAGE_SIZE < total ? <Link to={pageLink(page + 1)}>{t("common:next")}</Link> : <span />}
      </nav>
    </div>
  );
}
