// How the leads screens name a promoter: in the promoter filter's chip and options, the list's
// promoter column and the lead detail. Client-safe (no server imports).

type Named = { first_name?: string | null; last_name?: string | null; firstName?: string | null; lastName?: string | null; email?: string | null };

/** "Jane Smith", else the promoter's email, else "Promoter <id>" (a promoter known only by id). */
export function promoterLabel(p: Named | null | undefined, id: string): string {
  const name = [p?.first_name ?? p?.firstName, p?.last_name ?? p?.lastName].filter(Boolean).join(" ");
  return name || p?.email || `Promoter ${id}`;
}
