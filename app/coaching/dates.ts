import type { CoachingFrequency } from "~/generated/prisma/enums";
import { addMonthsAt } from "~/time/calendar";

const DAY_MS = 24 * 60 * 60 * 1000;

export function addDays(start: Date, days: number): Date {
  return new Date(start.getTime() + days * DAY_MS);
}

/**
 * Due dates of a commitment's sessions: the first on `firstDueDate`, then one per period.
 * ONCE puts every session on the first due date (a single event of several sessions).
 */
export function sessionDueDates(firstDueDate: Date, frequency: CoachingFrequency, sessionsCount: number, zone: string): Date[] {
  const dates: Date[] = [];
  for (let i = 0; i < sessionsCount; i++) {
    switch (frequency) {
      case "ONCE":
        dates.push(firstDueDate);
        break;
      case "WEEKLY":
        dates.push(addDays(firstDueDate, 7 * i));
        break;
      case "MONTHLY":
        dates.push(addMonthsAt(firstDueDate, i, zone));
        break;
      case "QUARTERLY":
        dates.push(addMonthsAt(firstDueDate, 3 * i, zone));
        break;
    }
  }
  return dates;
}
