import { Link } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "~/i18n/react";
import { CONFIRM_FIELD, CONFIRM_VALUE } from "~/forms/confirm";
import { SummaryForm } from "./form";

/**
 * The second look before a binding action (decision 115): what will happen, a button that posts the same
 * fields again with `confirm=yes`, and a way back that changes nothing. The page shows it instead of its usual
 * content, so on a phone it is what the user sees after the first tap; with JavaScript it also takes focus.
 */
export function ConfirmPanel({
  title,
  children,
  fields,
  button,
  cancelTo,
  tone = "primary",
}: {
  title: string;
  children: ReactNode;
  fields: Record<string, string>;
  button: string;
  cancelTo: string;
  tone?: "primary" | "danger";
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
    ref.current?.scrollIntoView({ block: "start" });
  }, []);
  return (
    <section
      ref={ref}
      id="confirm"
      tabIndex={-1}
      aria-labelledby="confirm-title"
      className="card mx-auto max-w-2xl space-y-3 border-2 border-amber-400 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500"
      data-testid="confirm-panel"
    >
      <p className="text-sm font-semibold text-amber-900">{t("common:confirmStep.eyebrow")}</p>
      <h1 id="confirm-title" className="text-xl font-bold">
        {title}
      </h1>
      <div className="space-y-2 text-sm">{children}</div>
      <div className="flex flex-col gap-2 sm:flex-row">
        <SummaryForm method="post">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <input type="hidden" name={CONFIRM_FIELD} value={CONFIRM_VALUE} />
          <button type="submit" className={`${tone === "danger" ? "btn-danger" : "btn-primary"} w-full sm:w-auto`} data-testid="confirm-yes">
            {button}
          </button>
        </SummaryForm>
        <Link to={cancelTo} className="btn-secondary text-center" data-testid="confirm-cancel">
          {t("common:confirmStep.back")}
        </Link>
      </div>
    </section>
  );
}
