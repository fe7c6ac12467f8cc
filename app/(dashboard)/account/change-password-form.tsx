"use client";

import { AlertTriangle, CheckCircle2 } from "lucide-react";
import { useActionState, useEffect, useRef } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Input } from "@/components/ui/input.tsx";
import { Label } from "@/components/ui/label.tsx";
import type { ActionResult } from "@/lib/actions/action-result.ts";
import { changePasswordAction } from "./actions.ts";

const FIELDS = [
  { name: "currentPassword", label: "Current password", autoComplete: "current-password" },
  { name: "newPassword", label: "New password (at least 12 characters)", autoComplete: "new-password" },
  { name: "confirmPassword", label: "Repeat the new password", autoComplete: "new-password" },
] as const;

export function ChangePasswordForm() {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(changePasswordAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (result?.ok) formRef.current?.reset();
  }, [result]);
  return (
    <form ref={formRef} action={action} className="grid max-w-sm gap-4">
      {result && (
        <Alert variant={result.ok ? "default" : "destructive"} role={result.ok ? "status" : "alert"}>
          {result.ok ? <CheckCircle2 aria-hidden /> : <AlertTriangle aria-hidden />}
          <AlertDescription>{result.ok ? result.message : result.error}</AlertDescription>
        </Alert>
      )}
      {FIELDS.map((f) => {
        const error = result && !result.ok ? result.fieldErrors?.[f.name] : undefined;
        return (
          <div key={f.name} className="grid gap-2">
            <Label htmlFor={f.name}>{f.label}</Label>
            <Input id={f.name} name={f.name} type="password" autoComplete={f.autoComplete} required aria-invalid={error ? true : undefined} />
            {error && <p className="text-sm text-destructive">{error}</p>}
          </div>
        );
      })}
      <Button type="submit" disabled={pending} className="justify-self-start">{pending ? "Changing…" : "Change password"}</Button>
    </form>
  );
}
