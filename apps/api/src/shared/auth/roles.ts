/** The six roles of docs/product.md §4, carried in the JWT `roles` claim. */
export const ROLES = ['intake', 'case-officer', 'supervisor', 'policy-admin', 'auditor', 'subscriber'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The authenticated caller. `sub` is recorded as the actor of every event the request appends. */
export interface Principal {
  readonly sub: string;
  readonly roles: readonly Role[];
}
