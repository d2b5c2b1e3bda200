import { json, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import type { z } from "zod";
import { domainErrorMessage, type DomainError } from "~/domain/errors";
import { refuseNulCharacters } from "~/http/nul-characters";
import { RateLimitedError } from "~/security/rate-limit.server";

export type FieldErrors = Record<string, string>;
export type FormFailure = { ok: false; errors: FieldErrors; values: Record<string, string | string[]> };

export function formValues(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = all.length > 1 || key.endsWith("[]") ? all : (all[0] ?? "");
  }
  return values;
}

/**
 * `unstable_parseMultipartFormData` with unreadable bodies answered 400, like `request.formData()` (see
 * ~/http/form-data-errors.server): a part header the parser rejects (e.g. a field name it cannot read back:
 * "malformed content-disposition header") or a cut-off body is a thrown 400 Response, not a 500. Errors of
 * the upload handler itself (MaxPartSizeExceededError, …) are passed on unchanged for the route to answer.
 * A NUL character in a field is a 400 too (app/http/nul-characters.ts).
 */
export async function parseMultipartForm(request: Request, handler: UploadHandler): Promise<FormData> {
  const fromHandler = new Set<unknown>();
  try {
    const form = await unstable_parseMultipartFormData(request, async (part) => {
      try {
        return await handler(part);
      } catch (error) {
        fromHandler.add(error);
        throw error;
      }
    });
    return refuseNulCharacters(form);
  } catch (error) {
    if (fromHandler.has(error) || error instanceof Response) throw error;
    throw new Response("errors:badRequest", { status: 400, statusText: "Bad Request" });
  }
}

/** Parses a form with a zod schema. Multi-value fields are named `name[]`. */
export function parseForm<S extends z.ZodTypeAny>(
  schema: S,
  formData: FormData,
): { ok: true; data: z.infer<S> } | FormFailure {
  const values = formValues(formData);
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) input[key.replace(/\[\]$/, "")] = value;
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join(".") || "_form";
    errors[field] ??= issue.message;
  }
  // Passwords are never sent back.
  for (const key of Object.keys(values)) if (key.toLowerCase().includes("password")) delete values[key];
  return { ok: false, errors, values };
}

/** 400 response carrying field errors and the values the user typed. */
export function formError(failure: FormFailure | { errors: FieldErrors; values?: Record<string, string | string[]> }) {
  return json({ ok: false as const, errors: failure.errors, values: failure.values ?? {} }, { status: 400 });
}

/** A domain rule refused the action: the message key is shown at the top of the form. */
export function formRefusal(messageKey: string, values: Record<string, string | string[]> = {}, field = "_form") {
  return json({ ok: false as const, errors: { [field]: messageKey }, values }, { status: 400 });
}

/**
 * The answer to a refused domain action: 429 with Retry-After when an abuse limit was hit
 * (~/security/rate-limit.server), else 400 — both with the translated message where the form shows it.
 */
export function refusal(error: DomainError, values: Record<string, string | string[]> = {}, field = error.field) {
  const message = domainErrorMessage(error);
  if (error instanceof RateLimitedError) {
    return json(
      { ok: false as const, errors: { [field]: message }, values },
      { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } },
    );
  }
  return formRefusal(message, values, field);
}
