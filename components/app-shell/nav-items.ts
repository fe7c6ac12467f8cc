import { Activity, BadgeDollarSign, Banknote, Gift, LayoutDashboard, ScrollText, Settings, Users, UserRound, UsersRound } from "lucide-react";

export type NavItem = { href: string; label: string; icon: typeof Activity; adminOnly?: boolean };

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Overview", icon: LayoutDashboard },
  { href: "/promoters", label: "Promoters", icon: UsersRound },
  { href: "/leads", label: "Leads", icon: UserRound },
  { href: "/rewards", label: "Rewards", icon: Gift },
  { href: "/fulfilments", label: "Fulfilments", icon: BadgeDollarSign },
  { href: "/payouts", label: "Payouts", icon: Banknote },
  { href: "/events", label: "Events", icon: ScrollText },
  { href: "/activity", label: "Activity", icon: Activity },
  { href: "/users", label: "Users", icon: Users, adminOnly: true },
  { href: "/settings", label: "Settings", icon: Settings, adminOnly: true },
];

export function isActive(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}
