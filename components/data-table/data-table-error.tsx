"use client";

import { AlertTriangle, RotateCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";

type Props = {
  error: Error & { digest?: string };
  /** The error boundary's reset (error.tsx's `reset`). */
  reset: () => void;
  title?: string;
};

/**
 * A list that failed to load says so and offers a retry, never an empty table. Retry refetches the
 * server component (router.refresh) and re-renders the boundary, in one transition.
 */
export function DataTableError({ error, reset, title = "This list could not be loaded" }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <Alert variant="destructive" className="max-w-2xl">
      <AlertTriangle aria-hidden />
      <AlertTitle>{title}</AlertTitle>
      <AlertDescription>
        <p>
          {error.digest ? `Error reference ${error.digest}. ` : ""}The database may be unavailable or the query timed out; the server log has the
          details.
        </p>
        <Button variant="outline" size="sm" onClick={retry} disabled={pending} className="mt-2 text-foreground">
          <RotateCw className={pending ? "animate-spin" : undefined} aria-hidden />
          Try again
        </Button>
      </AlertDescription>
    </Alert>
  );
}
