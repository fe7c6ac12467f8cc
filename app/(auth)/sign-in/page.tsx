import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card.tsx";
import { getSessionUser } from "@/lib/auth/require-user.ts";
import { SignInForm } from "./sign-in-form.tsx";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage(props: { searchParams: Promise<{ next?: string | string[] }> }) {
  if (await getSessionUser()) redirect("/");
  const { next } = await props.searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 p-4">
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle className="text-xl">
            <h1>Sign in to Ledger</h1>
          </CardTitle>
          <CardDescription>Accounts are created by an admin. Ask yours if you need one.</CardDescription>
        </CardHeader>
        <CardContent>
          <SignInForm next={typeof next === "string" ? next : undefined} />
        </CardContent>
      </Card>
    </main>
  );
}
