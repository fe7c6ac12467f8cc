import Link from "next/link";
import { cn } from "@/lib/utils.ts";

const TABS = [
  { href: "/events", label: "Events", id: "events" },
  { href: "/events/deliveries", label: "Deliveries", id: "deliveries" },
] as const;

/** Events | Deliveries: links (each tab is its own URL and server render), styled as tabs. */
export function EventsTabs({ active }: { active: (typeof TABS)[number]["id"] }) {
  return (
    <nav aria-label="Event history" className="inline-flex h-9 w-fit items-center rounded-lg bg-muted p-[3px] text-muted-foreground">
      {TABS.map((tab) => (
        <Link
          key={tab.id}
          href={tab.href}
          aria-current={tab.id === active ? "page" : undefined}
          className={cn(
            "inline-flex h-full items-center rounded-md border border-transparent px-3 text-sm font-medium whitespace-nowrap transition-colors outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50",
            tab.id === active && "bg-background text-foreground shadow-sm dark:border-input dark:bg-input/30",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
