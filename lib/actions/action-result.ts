import "server-only";
import { ZodError } from "zod";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { AppError } from "@/lib/errors.ts";

export type ActionResult = { ok: true; message?: string } | { ok: false; error: string; fieldErrors?: Record<string, string> };

/**
 * Runs a server action's body and maps what it throws to `{ ok: false, error }` for the form:
 * AppError and validation messages as they are, database trouble as "try again", anything else
 * logged and reported without details. Next's redirect/forbidden signals pass through.
 */
// `void`, not `undefined`: an action body that returns nothing (`async () => { … }`) means ok.
// eslint-disable-next-line @typescript-eslint/no-invalid-void-type
export async function runAction(fn: () => Promise<ActionResult | void>): Promise<ActionResult> {
  try {
    return (await fn()) ?? { ok: true };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err.message, ...(err.field ? { fieldErrors: { [err.field]: err.message } } : {}) };
    if (err instanceof ZodError) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of err.issues) fieldErrors[issue.path.join(".")] ??= issue.message;
      return { ok: false, error: "Check the highlighted fields.", fieldErrors };
    }
    if (isDatabaseUnavailable(err)) return { ok: false, error: "The database is unavailable right now; try again in a moment." };
    if (err instanceof Error && "digest" in err) throw err; // redirect(), forbidden(), notFound()
    console.error("[action] unexpected error:", err);
    return { ok: false, error: "Something went wrong; the server log has the details." };
  }
}
