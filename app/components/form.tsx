import { Form, useFormAction, type FormProps } from "@remix-run/react";
import { useEffect, useRef, type ReactNode, type RefAttributes } from "react";
import { useTranslation } from "~/i18n/react";

export type ActionErrors = { errors?: Record<string, string>; values?: Record<string, string | string[]> } | undefined | null;

/** Translates "ns:key|{json params}" messages produced by zod and domain rules. */
export function useTranslateError() {
  const { t } = useTranslation();
  return (message: string | undefined | null) => {
    if (!message) return "";
    const [key, json] = message.split(/\|(.*)/s);
    let params: Record<string, unknown> = {};
    try {
      params = json ? JSON.parse(json) : {};
    } catch {
      params = {};
    }
    return t(key, params) as string;
  };
}

type FieldProps = {
  name: string;
  label: string;
  type?: string;
  defaultValue?: string | number | null;
  data?: ActionErrors;
  hint?: string;
  required?: boolean;
  autoComplete?: string;
  inputMode?: "numeric" | "text" | "email" | "tel" | "url";
  min?: number | string;
  max?: number | string;
  step?: number | string;
  placeholder?: string;
  className?: string;
};

function valueOf(data: ActionErrors, name: string, fallback?: string | number | null): string | undefined {
  const typed = data?.values?.[name];
  if (typeof typed === "string") return typed;
  return fallback == null ? undefined : String(fallback);
}

function ErrorText({ id, message }: { id: string; message?: string }) {
  const translate = useTranslateError();
  if (!message) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {translate(message)}
    </p>
  );
}

export function Field({ name, label, type = "text", defaultValue, data, hint, className, ...rest }: FieldProps) {
  const error = data?.errors?.[name];
  const id = `f-${name}`;
  return (
    <div className={className}>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        className="input"
        defaultValue={type === "password" ? undefined : valueOf(data, name, defaultValue)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        {...rest}
      />
      {hint && !error ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-stone-500">
          {hint}
        </p>
      ) : null}
      <ErrorText id={`${id}-error`} message={error} />
    </div>
  );
}

export function TextAreaField({
  name,
  label,
  defaultValue,
  data,
  rows = 4,
  required,
  hint,
}: {
  name: string;
  label: string;
  defaultValue?: string | null;
  data?: ActionErrors;
  rows?: number;
  required?: boolean;
  hint?: string;
}) {
  const error = data?.errors?.[name];
  const id = `f-${name}`;
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        required={required}
        className="input"
        defaultValue={valueOf(data, name, defaultValue)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {hint && !error ? <p className="mt-1 text-xs text-stone-500">{hint}</p> : null}
      <ErrorText id={`${id}-error`} message={error} />
    </div>
  );
}

export function SelectField({
  name,
  label,
  options,
  defaultValue,
  data,
  required,
  placeholder,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  defaultValue?: string | null;
  data?: ActionErrors;
  required?: boolean;
  placeholder?: string;
}) {
  const error = data?.errors?.[name];
  const id = `f-${name}`;
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <select
        id={id}
        name={name}
        required={required}
        className="input"
        defaultValue={valueOf(data, name, defaultValue) ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorText id={`${id}-error`} message={error} />
    </div>
  );
}

/**
 * The error summary at the top of a form (GOV.UK pattern): the form-wide refusal and every field's
 * message, each linking to its field. With JavaScript it takes focus and scrolls into view after a failed
 * submit, so a phone user sees it; without JavaScript the form's `action` carries `#form-errors`
 * (see `SummaryForm`) and the browser scrolls there.
 */
export function FormMessage({ data }: { data?: ActionErrors }) {
  const { t } = useTranslation();
  const translate = useTranslateError();
  const ref = useRef<HTMLDivElement>(null);
  const errors = data?.errors ?? {};
  const fieldErrors = Object.entries(errors).filter(([name, message]) => name !== "_form" && message);
  const formMessage = errors._form;
  const hasErrors = Boolean(formMessage) || fieldErrors.length > 0;
  useEffect(() => {
    if (!hasErrors || !ref.current) return;
    ref.current.focus({ preventScroll: true });
    ref.current.scrollIntoView({ block: "center" });
  }, [data, hasErrors]);
  if (!hasErrors) return null;
  return (
    <div
      ref={ref}
      id="form-errors"
      tabIndex={-1}
      role="alert"
      aria-labelledby="form-errors-title"
      className="rounded-lg border-2 border-red-300 bg-red-50 p-3 text-sm text-red-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500"
      data-testid="error-summary"
    >
      <p id="form-errors-title" className="font-semibold">
        {t("common:errorSummaryTitle")}
      </p>
      {formMessage ? <p className="mt-1">{translate(formMessage)}</p> : null}
      {fieldErrors.length > 0 ? (
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          {fieldErrors.map(([name, message]) => (
            <li key={name}>
              <a href={`#f-${name}`} className="text-red-800 underline">
                {translate(message)}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * A form whose failed submits land on its `FormMessage` summary: browser bubbles off (`noValidate`: the
 * server's translated messages show instead), and unless an `action` is given, the route's own action plus
 * `#form-errors`, so without JavaScript the browser scrolls to the summary.
 */
export function SummaryForm({ action, ...props }: FormProps & RefAttributes<HTMLFormElement>) {
  const ownAction = useFormAction();
  return <Form noValidate action={action ?? `${ownAction}#form-errors`} {...props} />;
}

export function Notice({ children, tone = "info" }: { children: ReactNode; tone?: "info" | "success" | "warning" }) {
  const tones = {
    info: "border-sky-200 bg-sky-50 text-sky-900",
    success: "border-green-200 bg-green-50 text-green-900",
    warning: "border-amber-200 bg-amber-50 text-amber-900",
  };
  return (
    <div role="status" className={`rounded-lg border p-3 text-sm ${tones[tone]}`}>
      {children}
    </div>
  );
}
