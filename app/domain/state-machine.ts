import { DomainError } from "./errors";

export type Transition<S extends string> = { from: readonly S[]; to: S; requiresReason?: boolean };

/**
 * An explicit state machine: one table of named transitions. `apply` refuses an event that is not
 * allowed from the current state (or that needs a reason and has none) with a DomainError.
 */
export function defineStateMachine<S extends string, E extends string>(name: string, transitions: Record<E, Transition<S>>) {
  return {
    name,
    transitions,
    can(from: S, event: E): boolean {
      return transitions[event].from.includes(from);
    },
    /** Events allowed from a state, for showing the right buttons. */
    eventsFrom(from: S): E[] {
      return (Object.keys(transitions) as E[]).filter((event) => transitions[event].from.includes(from));
    },
    apply(from: S, event: E, reason?: string | null): S {
      const transition = transitions[event];
      if (!transition) throw new DomainError("errors:unknownEvent", { machine: name, event });
      if (!transition.from.includes(from)) {
        throw new DomainError("errors:transitionNotAllowed", { machine: name, event, from });
      }
      if (transition.requiresReason && !reason?.trim()) throw new DomainError("errors:reasonRequired", {}, "reason");
      return transition.to;
    },
  };
}
