"use client";

import { useState, useTransition } from "react";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog.tsx";
import { Button } from "@/components/ui/button.tsx";
import type { ActionResult } from "@/lib/actions/action-result.ts";
import { changeRoleAction, removeUserAction } from "../_lib/actions.ts";

export function UserRowActions({ user, isSelf }: { user: { id: string; email: string; role: string }; isSelf: boolean }) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult | null>(null);
  const run = (fn: () => Promise<ActionResult>) => startTransition(async () => setResult(await fn()));
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <label className="sr-only" htmlFor={`role-${user.id}`}>Role of {user.email}</label>
      <select
        id={`role-${user.id}`}
        value={user.role}
        disabled={pending}
        onChange={(e) => run(() => changeRoleAction(user.id, e.target.value))}
        className="h-8 rounded-md border border-input bg-transparent px-2 text-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
      >
        <option value="viewer">viewer</option>
        <option value="admin">admin</option>
      </select>
      <AlertDialog>
        <AlertDialogTrigger asChild>
          <Button variant="outline" size="sm" disabled={pending || isSelf} title={isSelf ? "You cannot remove yourself" : undefined}>
            Remove
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Remove {user.email}?</AlertDialogTitle>
            <AlertDialogDescription>Their sessions end at once and they can no longer sign in. The audit log keeps what they did.</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction variant="destructive" onClick={() => run(() => removeUserAction(user.id))}>
              Remove user
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
      {result && !result.ok && (
        <p role="alert" className="w-full text-right text-sm text-destructive">{result.error}</p>
      )}
      {result?.ok && <p role="status" className="w-full text-right text-sm text-muted-foreground">{result.message}</p>}
    </div>
  );
}
