"use server";

import { redirect } from "next/navigation";
import { requestContext } from "@/lib/auth/request-context.ts";
import { getSessionUser } from "@/lib/auth/require-user.ts";
import { signOut } from "@/lib/auth/sign-out.ts";

export async function signOutAction(): Promise<void> {
  const user = await getSessionUser();
  await signOut(user, await requestContext());
  redirect("/sign-in");
}
