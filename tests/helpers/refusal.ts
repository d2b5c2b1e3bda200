import { DomainError } from "~/domain/errors";

/** The DomainError a synchronous call refuses with (fails the test when it returns or throws anything else). */
export function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}
