/**
 * zod messages are translation keys (namespace `validation`), with parameters after a `|`:
 * "validation:tooSmall|{\"min\":3}". The UI translates them with `translateError`.
 */
export function errorKey(key: string, params?: Record<string, unknown>): string {
  return params ? `validation:${key}|${JSON.stringify(params)}` : `validation:${key}`;
}
