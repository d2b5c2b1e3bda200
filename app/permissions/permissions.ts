import type { Role } from "~/generated/prisma/enums";

/**
 * Permission strings, `action:entity:scope` (after the Epic Stack):
 *  - `any`: every record of that entity;
 *  - `own`: records of the user's own group or partner;
 *  - `assigned`: records of groups the facilitator is assigned to (assisted mode).
 * Each capability checks the scope against the record it touches (see guard.server.ts).
 */
export const PERMISSIONS = [
  "read:admin-console:any",
  "read:email-outbox:any",
  "read:message-outbox:any",
  "read:audit-log:any",
  "read:audit-log:own",
  "read:user:any",
  "verify:group:any",
  "verify:partner:any",
  "read:group:any",
  "read:group:own",
  "read:group:assigned",
  "update:group:any",
  "update:group:own",
  "update:group:assigned",
  "read:group-member-welfare:any",
  "read:group-member-welfare:assigned",
  "read:partner:any",
  "read:partner:own",
  "update:partner:own",
  "update:partner:any",
  "create:product:own",
  "create:product:assigned",
  "update:product:own",
  "update:product:assigned",
  "create:demand:own",
  "update:demand:own",
  "read:demand:any",
  "broker:demand:any",
  "create:offer:own",
  "create:offer:assigned",
  "decide:offer:own",
  "create:mou:any",
  "review:mou:any",
  "read:mou:any",
  "read:mou:own",
  "read:mou:assigned",
  "sign:mou:own",
  "create:order:own",
  "read:order:any",
  "read:order:own",
  "read:order:assigned",
  "update:order:own",
  "update:order:assigned",
  "read:invoice:any",
  "read:invoice:own",
  "pay:invoice:own",
  "confirm:payment:own",
  "confirm:payment:assigned",
  "confirm:payment:any",
  "schedule:coaching:own",
  "confirm:coaching:own",
  "confirm:coaching:assigned",
  "read:coaching:any",
  "read:coaching:own",
  "read:coaching:assigned",
  "create:visit:assigned",
  "read:visit:any",
  "read:visit:assigned",
  "read:monitoring:any",
  // where a group is paid: entering a change, and confirming one (never by whoever entered it)
  "update:payout-account:own",
  "update:payout-account:assigned",
  "update:payout-account:any",
  "confirm:payout-account:assigned",
  "confirm:payout-account:any",
  "share:monitoring:any",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const GROUP_WORK: Permission[] = [
  "read:group:own",
  "update:group:own",
  "create:product:own",
  "update:product:own",
  "create:offer:own",
  "read:mou:own",
  "sign:mou:own",
  "read:order:own",
  "update:order:own",
  "read:invoice:own",
  "confirm:payment:own",
  "confirm:coaching:own",
  "read:coaching:own",
  "read:audit-log:own",
  "update:payout-account:own",
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // Admins run the platform, not welfare casework: they never see members' PKH status (welfare data).
  ADMIN: PERMISSIONS.filter((p) => !p.startsWith("read:group-member-welfare:")),
  DINAS: [
    "read:audit-log:any",
    "verify:group:any",
    "verify:partner:any",
    "read:group:any",
    "update:group:any",
    "read:group-member-welfare:any",
    "read:partner:any",
    "update:partner:any",
    "read:demand:any",
    "broker:demand:any",
    "create:mou:any",
    "review:mou:any",
    "read:mou:any",
    "sign:mou:own",
    "read:order:any",
    "read:invoice:any",
    "confirm:payment:any",
    "read:coaching:any",
    "read:visit:any",
    "read:monitoring:any",
    "update:payout-account:any",
    "confirm:payout-account:any",
    "share:monitoring:any",
  ],
  FACILITATOR: [
    "read:group:assigned",
    "update:group:assigned",
    "read:group-member-welfare:assigned",
    "create:product:assigned",
    "update:product:assigned",
    "create:offer:assigned",
    "read:mou:assigned",
    "read:order:assigned",
    "update:order:assigned",
    "confirm:payment:assigned",
    "confirm:coaching:assigned",
    "read:coaching:assigned",
    "create:visit:assigned",
    "read:visit:assigned",
    "update:payout-account:assigned",
    "confirm:payout-account:assigned",
  ],
  GROUP: GROUP_WORK,
  // Dinas Sosial Provinsi: the overview and partner ranking of the cities reporting to it; no write at all
  PROVINCE: ["read:monitoring:any"],
  PARTNER: [
    "read:partner:own",
    "update:partner:own",
    "create:demand:own",
    "update:demand:own",
    "decide:offer:own",
    "read:mou:own",
    "sign:mou:own",
    "create:order:own",
    "read:order:own",
    "update:order:own",
    "read:invoice:own",
    "pay:invoice:own",
    "schedule:coaching:own",
    "read:coaching:own",
  ],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** The scopes (`any`, `own`, `assigned`) the role holds for an action on an entity. */
export function scopesFor(role: Role, action: string, entity: string): Set<"any" | "own" | "assigned"> {
  const prefix = `${action}:${entity}:`;
  const scopes = new Set<"any" | "own" | "assigned">();
  for (const p of ROLE_PERMISSIONS[role]) {
    if (p.startsWith(prefix)) scopes.add(p.slice(prefix.length) as "any" | "own" | "assigned");
  }
  return scopes;
}
