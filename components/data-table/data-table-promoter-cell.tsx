"use client";

import { EmptyValue, LINK_CLASS } from "@/components/cell-text.tsx";
import { ListFilter } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button.tsx";

/**
 * A promoter in a list row: their name (or email) linking to their page, and a small button that
 * narrows the list to that promoter (the list's `promoter` filter; shown on hover or focus).
 */
export function DataTablePromoterCell({
  promoterId,
  name,
  email,
  noun,
  onFilter,
  className = "max-w-52",
}: {
  promoterId: string | null;
  name: string | null;
  email: string | null;
  /** What the list holds, for the filter button's label: "rewards", "fulfilments". */
  noun: string;
  onFilter: (promoterId: string) => void;
  className?: string;
}) {
  if (!promoterId) return <EmptyValue />;
  const label = name ?? email ?? `Promoter ${promoterId}`;
  return (
    <div className={`group flex items-center gap-1 ${className}`}>
      <Link href={`/promoters/${promoterId}`} className={`truncate ${LINK_CLASS}`} title={email ?? undefined}>
        {label}
      </Link>
      <Button
        variant="ghost"
        size="icon-xs"
        className="opacity-0 group-hover:opacity-100 focus-visible:opacity-100"
        onClick={() => onFilter(promoterId)}
        aria-label={`Only ${noun} of ${label}`}
        title={`Only this promoter's ${noun}`}
      >
        <ListFilter aria-hidden />
      </Button>
    </div>
  );
}
