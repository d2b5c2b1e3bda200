/** A business rule refused the request. `key` is a translation key, e.g. "errors:transitionNotAllowed". */
export class DomainError extends Error {
  constructor(
    public readonly key: string,
    public readonly params: Record<string, string | number> = {},
    public readonly field = "_form",
  ) {
    super(`${key} ${JSON.stringify(params)}`);
    this.name = "DomainError";
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Encodes a DomainError as a message string for forms: "key|{params}". */
export function domainErrorMessage(error: DomainError): string {
  return Object.keys(error.params).length ? `${error.key}|${JSON.stringify(error.params)}` : error.key;
}
