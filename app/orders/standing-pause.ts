/** Pure rules of standing-order pauses (issue 13 item 6, decision 116); shared by the job and the calendar. */
export type PauseSpan = { groupId: string; fromDay: string; untilDay: string; resumedAt: Date | string | null };

/** Whether a pause keeps `day` ("yyyy-mm-dd") free of a standing order: not resumed, fromDay ≤ day < untilDay. */
export function pausedOn(pauses: PauseSpan[], groupId: string, day: string): boolean {
  return pauses.some((p) => p.groupId === groupId && !p.resumedAt && p.fromDay <= day && day < p.untilDay);
}
