import { BookOpenCheck } from "lucide-react";
import Link from "next/link";
import type { SessionUser } from "@/lib/auth/require-user.ts";
import { ApiPausedBanner } from "./api-paused-banner.tsx";
import { MobileNav } from "./mobile-nav.tsx";
import { NavLinks } from "./nav-links.tsx";
import { UserMenu } from "./user-menu.tsx";

/** Sidebar on wide screens, a sheet behind a menu button on phones; the signed-in user top right. */
export function AppShell({
  user,
  signOut,
  apiPaused,
  children,
}: {
  user: SessionUser;
  signOut: () => Promise<void>;
  /** Admins only: whether FirstPromoter refuses the API key (null for viewers: no banner). */
  apiPaused: { pausedAt: string | null; pausedReason: string | null } | null;
  children: React.ReactNode;
}) {
  const isAdmin = user.role === "admin";
  return (
    <div className="flex min-h-screen">
      <aside className="hidden w-56 shrink-0 border-r bg-sidebar md:block">
        <div className="sticky top-0 flex h-screen flex-col p-4">
          <Link href="/" className="mb-6 flex items-center gap-2 px-3 text-lg font-semibold tracking-tight">
            <BookOpenCheck className="size-5" aria-hidden /> Ledger
          </Link>
          <NavLinks isAdmin={isAdmin} />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b bg-background/95 px-4 backdrop-blur">
          <MobileNav isAdmin={isAdmin} />
          <Link href="/" className="font-semibold md:hidden">
            Ledger
          </Link>
          <div className="ml-auto">
            <UserMenu user={user} signOut={signOut} />
          </div>
        </header>
        {apiPaused && <ApiPausedBanner initial={apiPaused} />}
        <div className="min-w-0 flex-1">{children}</div>
      </div>
    </div>
  );
}
