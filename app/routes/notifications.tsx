import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, requireUser } from "~/auth/guard.server";
import { useDates } from "~/time/use-dates";
import { listNotifications, markAllNotificationsRead } from "~/notifications/inbox.server";
import { notificationKey } from "~/notifications/notify";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const notifications = await listNotifications(actorOf(user));
  return json({ notifications });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await markAllNotificationsRead(actorOf(user, request));
  return redirect("/notifications");
}

export default function Notifications() {
  const { dateTime: fmtDateTime } = useDates();
  const { t } = useTranslation();
  const { notifications } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-bold">{t("nav:notifications")}</h1>
        <Form noValidate method="post">
          <button className="btn-secondary btn-small">{t("notifications:markAllRead")}</button>
        </Form>
      </div>
      {notifications.length === 0 ? <p className="text-sm text-stone-500">{t("notifications:empty")}</p> : null}
      <ul className="space-y-2">
        {notifications.map((n) => {
          const params = JSON.parse(n.params) as Record<string, string>;
          return (
            <li key={n.id} className={`card ${n.readAt ? "" : "border-brand-600"}`}>
              <p className="font-semibold">{t(notificationKey(n.kind, "title"), params)}</p>
              <p className="text-sm">{t(notificationKey(n.kind, "body"), params)}</p>
              <p className="mt-1 flex justify-between text-xs text-stone-500">
                <span>{fmtDateTime(n.createdAt)}</span>
                {n.link ? <Link to={n.link}>{t("notifications:open")}</Link> : null}
              </p>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
