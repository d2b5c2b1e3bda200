/** The family-capability meeting topics a visit can cover (shared by server and UI). */
export const VISIT_TOPICS = ["BUSINESS", "FINANCE", "HEALTH", "EDUCATION", "FAMILY"] as const;
export type VisitTopic = (typeof VISIT_TOPICS)[number];

/** "2026-11" → "11/2026", the way months are written on screen (dd/mm/yyyy family). */
export function monthLabel(key: string): string {
  const [y, m] = key.split("-");
  return y && m ? `${m}/${y}` : key;
}
