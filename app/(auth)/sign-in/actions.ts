"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { requestContext } from "@/lib/auth/request-context.ts";
import { safeNext } from "@/lib/auth/safe-next.ts";
import { signIn } from "@/lib/auth/sign-in.ts";

export type SignInState = { error?: string; email?: string };

const schema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
  next: z.string().optional(),
});

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const email = form.get("email");
    return { error: "Enter your email and password.", email: typeof email === "string" ? email : "" };
  }
  const result = await signIn(parsed.data, await requestContext());
  if (!result.ok) return { error: result.error, email: parsed.data.email };
  redirect(safeNext(parsed.data.next));
}
