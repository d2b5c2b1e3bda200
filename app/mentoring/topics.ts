/** The family-capability meeting topics a visit can cover (shared by server and UI). */
export const VISIT_TOPICS = ["BUSINESS", "FINANCE", "HEALTH", "EDUCATION", "FAMILY"] as const;
export type VisitTopic = (typeof VISIT_TOPICS)[number];
