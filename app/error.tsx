"use client";

// Any page error: say so and offer a retry; never render an empty list in place of an error.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl p-6">
      <div role="alert" className="rounded-[var(--radius)] border border-destructive/40 bg-destructive/10 p-6">
        <h1 className="text-lg font-semibold">This page could not be loaded</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          {error.digest ? `Error reference ${error.digest}. ` : ""}The database may be unavailable; the server log has the details.
        </p>
        <button type="button" onClick={reset} className="mt-4 rounded-[var(--radius)] bg-primary px-3 py-1.5 text-sm text-primary-foreground">
          Try again
        </button>
      </div>
    </main>
  );
}
