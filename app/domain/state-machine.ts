import { DomainError } from "./errors";

export type Transition<S extends string> = { from: readonly S[]; to: S; requiresReason?: boolean };

export type StateMachineOptions = {
  /**
   * Translation key of the refusal a user sees for an event not allowed from the current state, with the
   * params `machine`, `event` and `from` (the status code; the locale text translates it with
   * `$t(enums:<machine>Status.{{from}})`). Defaults to the generic "errors:transitionNotAllowed".
   */
  refusalKey?: string;
};

/**
 * An explicit state machine: one table of named transitions. `apply` refuses an event that is not
 * allowed from the current state (or that needs a reason and has none) with a DomainError.
 */
export function defineStateMachine<S extends string, E extends string>(name: string, transitions: Record<E, Transition<S>>, options: StateMachineOptions = {}) {
  const refusalKey = options.refusalKey ?? "errors:transitionNotAllowed";
  return {
    name,
    transitions,
    refusalKey,
    can(from: S, event: E): boolean {
      return transitions[event]?.from.includes(from) ?? false;
    },
    /** Events allowed from a state, for showing the right buttons. */
    eventsFrom(from: S): E[] {
      return (Object.keys(transitions) as E[]).filter((event) => transitions[event].from.includes(from));
    },
    apply(from: S, event: E, reason?: string | null): S {
      const transition = transitions[event];
      if (!transition) throw new DomainError("errors:unknownEvent", { machine: name, event });
      if (!transition.from.includes(from)) {
        throw new DomainError(refusalKey, { machine: name, event, from });
      }
      if (transition.requiresReason && !reason?.trim()) throw new DomainError("errors:reasonRequired", {}, "reason");
      return transition.to;
    },
  };
}
