import { AppShell } from "@/components/app-shell/app-shell.tsx";
import { requireUser } from "@/lib/auth/require-user.ts";
import { signOutAction } from "./_lib/actions.ts";

// The shell needs the user; every page below still checks the session itself (layouts are not
// re-run on every navigation, and a layout check alone is no access control).
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <AppShell user={user} signOut={signOutAction}>
      {children}
    </AppShell>
  );
}
