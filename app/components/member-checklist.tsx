import { useTranslation } from "~/i18n/react";
import { useTranslateError, type ActionErrors } from "./form";

/** Tick the group members who were present (coaching sessions, facilitator visits); keeps ticks after an error. */
export function MemberChecklist({
  name,
  legend,
  members,
  data,
  testId,
}: {
  name: string;
  legend: string;
  members: { id: string; name: string; role: string }[];
  data?: ActionErrors;
  testId?: string;
}) {
  const { t } = useTranslation();
  const translate = useTranslateError();
  const typed = data?.values?.[`${name}[]`];
  const checked = new Set(Array.isArray(typed) ? typed : typeof typed === "string" ? [typed] : []);
  const error = data?.errors?.[name];
  return (
    <fieldset id={`f-${name}`} tabIndex={-1} aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="label">{legend}</legend>
      <ul className="grid gap-1 sm:grid-cols-2" data-testid={testId}>
        {members.map((m) => (
          <li key={m.id}>
            <label className="flex min-h-9 items-center gap-2 text-sm">
              <input type="checkbox" name={`${name}[]`} value={m.id} defaultChecked={checked.has(m.id)} />
              {m.name} <span className="text-xs text-stone-500">{t(`enums:memberRole.${m.role}`)}</span>
            </label>
          </li>
        ))}
      </ul>
      {error ? (
        <p id={`${name}-error`} className="field-error" role="alert">
          {translate(error)}
        </p>
      ) : null}
    </fieldset>
  );
}
