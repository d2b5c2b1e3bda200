import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requirePermission } from "~/auth/guard.server";
import { listEmails } from "~/email/outbox.server";
import { useDates } from "~/time/use-dates";

const PAGE_SIZE = 20;

/** The email outbox: in the demo every message stays here (and in data/mail) instead of leaving the machine. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:email-outbox:any");
  const url = new URL(request.url);
  const to = url.searchParams.get("to")?.trim() || undefined;
  const page = Math.max(1, Number(url.searchParams.get("page")) || 1);
  const { messages, total } = await listEmails({ to, take: PAGE_SIZE, skip: (page - 1) * PAGE_SIZE });
  return json({ messages, total, page, to: to ?? "", smtp: !!process.env.SMTP_URL });
}

export default function AdminEmails() {
  const { dateTime: fmtDateTime } = useDates();
  const { t } = useTranslation();
  const { messages, total, page, to, smtp } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("admin:emails.title", { count: total })}</h1>
      <p className="text-sm text-stone-600">{smtp ? t("admin:emails.smtp") : t("admin:emails.folder")}</p>
      <Form noValidate method="get" className="flex gap-2">
        <label htmlFor="to" className="sr-only">
          {t("admin:emails.to")}
        </label>
        <input id="to" name="to" defaultValue={to} className="input" placeholder={t("admin:emails.to")} />
        <button className="btn-secondary">{t("common:filter")}</button>
      </Form>
      <ul className="space-y-2">
        {messages.map((m) => (
          <li key={m.id} className="card">
            <details>
              <summary className="cursor-pointer">
                <span className="font-semibold">{m.subject}</span>
                <span className="block text-xs text-stone-600">
                  {m.to} · {fmtDateTime(m.createdAt)} · {t(`enums:emailStatus.${m.status}`)}
                </span>
              </summary>
              <pre className="mt-2 whitespace-pre-wrap break-words text-sm">{m.text}</pre>
              {m.attachments.length ? (
                <p className="mt-1 text-xs text-stone-600" data-testid="email-attachments">
                  {t("admin:emails.attachments", { names: m.attachments.join(", ") })}
                </p>
              ) : null}
            </details>
          </li>
        ))}
      </ul>
      <nav className="flex justify-between text-sm">
        {page > 1 ? <Link to={`?to=${encodeURIComponent(to)}&page=${page - 1}`}>{t("common:previous")}</Link> : <span />}
        {page * PAGE_SIZE < total ? <Link to={`?to=${encodeURIComponent(to)}&page=${page + 1}`}>{t("common:next")}</Link> : <span />}
      </nav>
    </div>
  );
}
