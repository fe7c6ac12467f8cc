/**
 * Polls GET <appUrl>/api/health until it answers 200. Gives up after timeoutMs, or as soon as
 * `gaveUp()` says so (the server process exited).
 */
export async function waitForHealth(appUrl: string, opts: { timeoutMs?: number; gaveUp?: () => string | null } = {}): Promise<void> {
  const url = new URL("/api/health", appUrl);
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let last = "no answer yet";
  for (;;) {
    const reason = opts.gaveUp?.();
    if (reason) throw new Error(`${reason} before ${url} answered 200 (last: ${last})`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000), redirect: "manual" });
      if (res.status === 200) return;
      last = `${res.status} ${(await res.text()).slice(0, 200)}`;
    } catch (err) {
      last = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${Math.round((opts.timeoutMs ?? 60_000) / 1000)} s (last: ${last})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
