"use server";

import { z } from "zod";
import { type ActionResult, runAction } from "@/lib/actions/action-result.ts";
import { changeOwnPassword } from "@/lib/auth/change-password.ts";
import { requestContext } from "@/lib/auth/request-context.ts";
import { requireActionUser } from "@/lib/auth/require-user.ts";
import { passwordSchema } from "@/lib/users/create-user.ts";

const schema = z
  .object({ currentPassword: z.string().min(1, "required"), newPassword: passwordSchema, confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], error: "does not match the new password" });

export async function changePasswordAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const user = await requireActionUser();
    const input = schema.parse(Object.fromEntries(form));
    await changeOwnPassword(user, input, await requestContext());
    return { ok: true, message: "Password changed. Your other sessions were signed out." };
  });
}
