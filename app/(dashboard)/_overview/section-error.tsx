"use client";

import { AlertTriangle, RotateCw } from "lucide-react";
import { catchError, type ErrorInfo } from "next/error";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";

function SectionError({ title }: { title: string }, { error, retry }: ErrorInfo) {
  const raw = typeof error === "object" && error && "digest" in error ? error.digest : undefined;
  const digest = typeof raw === "string" ? raw : "";
  return (
    <Alert variant="destructive">
      <AlertTriangle aria-hidden />
      <AlertTitle>{title} could not be loaded</AlertTitle>
      <AlertDescription>
        <p>
          {digest ? `Error reference ${digest}. ` : ""}The database may be unavailable or the query timed out; the rest of the page is unaffected,
          and the server log has the details.
        </p>
        {/* retry: refetches the page's server components and re-renders this section, in one transition. */}
        <Button variant="outline" size="sm" onClick={retry} className="mt-2 text-foreground">
          <RotateCw aria-hidden />
          Try again
        </Button>
      </AlertDescription>
    </Alert>
  );
}

/**
 * One overview section's error boundary: a failed query shows an error card with a retry in that
 * section's place, never a blank or a zero. Keyed by the page's period and zone (see page.tsx), so
 * choosing another period starts it afresh.
 */
export const SectionBoundary = catchError(SectionError);
