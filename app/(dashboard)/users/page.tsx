import type { Metadata } from "next";
import { LocalTime } from "@/components/local-time.tsx";
import { PageHeader } from "@/components/page-header.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table.tsx";
import { requireUser } from "@/lib/auth/require-user.ts";
import { db } from "@/lib/db/index.ts";
import { listUsers } from "@/lib/users/list-users.ts";
import { CreateUserForm } from "./_components/create-user-form.tsx";
import { UserRowActions } from "./_components/user-row-actions.tsx";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requireUser({ role: "admin" });
  const users = await listUsers(db().prisma);
  return (
    <main className="mx-auto max-w-6xl space-y-6 p-4 md:p-6">
      <PageHeader title="Users" description="Admins approve fulfilments and manage users; viewers can read everything and change nothing." />
      <div className="overflow-x-auto rounded-lg border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Email</TableHead>
              <TableHead>Role</TableHead>
              <TableHead>Added</TableHead>
              <TableHead className="text-right">Active sessions</TableHead>
              <TableHead className="text-right"><span className="sr-only">Actions</span></TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {users.map((u) => (
              <TableRow key={u.id}>
                <TableCell className="font-medium">{u.name}{u.id === me.id && <span className="text-muted-foreground"> (you)</span>}</TableCell>
                <TableCell>{u.email}</TableCell>
                <TableCell><Badge variant={u.role === "admin" ? "default" : "secondary"}>{u.role}</Badge></TableCell>
                <TableCell className="whitespace-nowrap"><LocalTime value={u.createdAt} dateOnly /></TableCell>
                <TableCell className="text-right tabular-nums">{u.activeSessions}</TableCell>
                <TableCell><UserRowActions user={u} isSelf={u.id === me.id} /></TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Add a user</CardTitle>
          <CardDescription>There is no public sign-up. Share the initial password with them privately; they can change it under their account menu.</CardDescription>
        </CardHeader>
        <CardContent>
          <CreateUserForm />
        </CardContent>
      </Card>
    </main>
  );
}
