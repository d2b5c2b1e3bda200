import type { MouStatus } from "~/generated/prisma/enums";

/** Every MoU status, in declaration order (the order the list filter shows them). A plain module for pages. */
export const MOU_STATUSES = ["DRAFT", "IN_REVIEW", "OUT_FOR_SIGNATURE", "ACTIVE", "EXPIRED", "TERMINATED"] as const satisfies readonly [MouStatus, ...MouStatus[]];
