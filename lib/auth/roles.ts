import { z } from "zod";

/** admin: everything, including approvals and user management. viewer: read-only. */
export const ROLES = ["admin", "viewer"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export function hasRole(userRole: string | null | undefined, required: Role): boolean {
  if (required === "viewer") return userRole === "viewer" || userRole === "admin";
  return userRole === "admin";
}
