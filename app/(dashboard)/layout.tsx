import { AppShell } from "@/components/app-shell/app-shell.tsx";
import { requireUser } from "@/lib/auth/require-user.ts";
import { hasRole } from "@/lib/auth/roles.ts";
import { db } from "@/lib/db/index.ts";
import { getConnection } from "@/lib/outbox/connection.ts";
import { signOutAction } from "./_lib/actions.ts";

// The shell needs the user; every page below still checks the session itself (layouts are not
// re-run on every navigation, and a layout check alone is no access control).
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  // One primary-key read: whether FirstPromoter refuses the API key (the banner admins see everywhere).
  const conn = hasRole(user.role, "admin") ? await getConnection(db().prisma) : null;
  const apiPaused = conn ? { pausedAt: conn.pausedAt?.toISOString() ?? null, pausedReason: conn.pausedReason } : null;
  return (
    <AppShell user={user} signOut={signOutAction} apiPaused={apiPaused}>
      {children}
    </AppShell>
  );
}
