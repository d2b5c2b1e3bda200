import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { Task } from "./tasks.server";

/** The home page's "what to do next" list; shows a calm message when there is nothing to do. */
export function TaskList({ tasks }: { tasks: Task[] }) {
  const { t } = useTranslation();
  return (
    <section className="card" data-testid="task-list">
      <h2 className="mb-2 text-lg font-semibold">{t("tasks:title")}</h2>
      {tasks.length === 0 ? (
        <p className="text-sm text-stone-600">{t("tasks:none")}</p>
      ) : (
        <ul className="divide-y divide-stone-100">
          {tasks.map((task) => (
            <li key={task.key}>
              <Link to={task.to} className="flex min-h-11 items-center justify-between gap-2 py-2 text-stone-800 no-underline hover:bg-stone-50">
                <span>{t(task.key, { count: task.count })}</span>
                <span className={`badge ${task.urgent ? "bg-accent-500 text-stone-900" : "bg-stone-100 text-stone-700"}`}>{task.count}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
