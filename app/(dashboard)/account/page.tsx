import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header.tsx";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card.tsx";
import { requireUser } from "@/lib/auth/require-user.ts";
import { ChangePasswordForm } from "./change-password-form.tsx";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser();
  return (
    <main className="mx-auto max-w-6xl space-y-6 p-4 md:p-6">
      <PageHeader title="Account" description={`${user.name} · ${user.email} · ${user.role}`} />
      <Card>
        <CardHeader>
          <CardTitle>Change password</CardTitle>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm />
        </CardContent>
      </Card>
    </main>
  );
}
