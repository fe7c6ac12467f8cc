"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult, runAction } from "@/lib/actions/action-result.ts";
import { requestContext } from "@/lib/auth/request-context.ts";
import { requireActionUser } from "@/lib/auth/require-user.ts";
import { roleSchema } from "@/lib/auth/roles.ts";
import { db } from "@/lib/db/index.ts";
import { changeRole } from "@/lib/users/change-role.ts";
import { createUser, newUserSchema } from "@/lib/users/create-user.ts";
import { removeUser } from "@/lib/users/remove-user.ts";

const userIdSchema = z.string().min(1).max(100);

export async function createUserAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const admin = await requireActionUser({ role: "admin" });
    const input = newUserSchema.parse(Object.fromEntries(form));
    const { ip } = await requestContext();
    const user = await createUser(db().prisma, input, admin, ip);
    revalidatePath("/users");
    return { ok: true, message: `Created ${user.email} (${user.role}).` };
  });
}

export async function changeRoleAction(userId: string, role: string): Promise<ActionResult> {
  return runAction(async () => {
    const admin = await requireActionUser({ role: "admin" });
    const { ip } = await requestContext();
    const user = await changeRole(db().prisma, userIdSchema.parse(userId), roleSchema.parse(role), admin, ip);
    revalidatePath("/users");
    return { ok: true, message: `${user.email} is now ${user.role}; their sessions were ended.` };
  });
}

export async function removeUserAction(userId: string): Promise<ActionResult> {
  return runAction(async () => {
    const admin = await requireActionUser({ role: "admin" });
    const { ip } = await requestContext();
    await removeUser(db().prisma, userIdSchema.parse(userId), admin, ip);
    revalidatePath("/users");
    return { ok: true, message: "User removed." };
  });
}
