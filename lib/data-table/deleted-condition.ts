import { Prisma } from "@/lib/generated/prisma/client.ts";

/** The condition on `<alias>.deleted` for the chosen values (none chosen: not deleted). Null when both are. */
export function deletedCondition(alias: string, chosen: readonly string[]): Prisma.Sql | null {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`deletedCondition: not a plain alias: ${alias}`);
  const shown = chosen.length === 0 ? ["no"] : chosen;
  if (shown.includes("yes") && shown.includes("no")) return null;
  return shown.includes("yes") ? Prisma.raw(`${alias}.deleted`) : Prisma.raw(`NOT ${alias}.deleted`);
}
