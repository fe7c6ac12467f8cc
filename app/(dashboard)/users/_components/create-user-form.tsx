"use client";

import { useActionState, useEffect, useRef } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Input } from "@/components/ui/input.tsx";
import { Label } from "@/components/ui/label.tsx";
import type { ActionResult } from "@/lib/actions/action-result.ts";
import { createUserAction } from "../_lib/actions.ts";

function FieldError({ result, name }: { result: ActionResult | null; name: string }) {
  const message = result && !result.ok ? result.fieldErrors?.[name] : undefined;
  return message ? <p id={`${name}-error`} className="text-sm text-destructive">{message}</p> : null;
}

export function CreateUserForm() {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(createUserAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (result?.ok) formRef.current?.reset();
  }, [result]);
  const invalid = (name: string) => (result && !result.ok && result.fieldErrors?.[name] ? true : undefined);
  return (
    <form ref={formRef} action={action} className="grid gap-4 sm:grid-cols-2">
      {result && (
        <Alert variant={result.ok ? "default" : "destructive"} className="sm:col-span-2" role={result.ok ? "status" : "alert"}>
          <AlertDescription>{result.ok ? result.message : result.error}</AlertDescription>
        </Alert>
      )}
      <div className="grid gap-2">
        <Label htmlFor="new-email">Email</Label>
        <Input id="new-email" name="email" type="email" required aria-invalid={invalid("email")} aria-describedby="email-error" />
        <FieldError result={result} name="email" />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="new-name">Name</Label>
        <Input id="new-name" name="name" required aria-invalid={invalid("name")} />
        <FieldError result={result} name="name" />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="new-role">Role</Label>
        <select
          id="new-role"
          name="role"
          defaultValue="viewer"
          className="h-9 rounded-md border border-input bg-transparent px-3 text-sm shadow-xs outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          <option value="viewer">Viewer: read-only</option>
          <option value="admin">Admin: approvals and user management</option>
        </select>
      </div>
      <div className="grid gap-2">
        <Label htmlFor="new-password">Initial password</Label>
        <Input id="new-password" name="password" type="password" autoComplete="new-password" minLength={12} required aria-invalid={invalid("password")} />
        <FieldError result={result} name="password" />
      </div>
      <div className="sm:col-span-2">
        <Button type="submit" disabled={pending}>{pending ? "Adding…" : "Add user"}</Button>
      </div>
    </form>
  );
}
