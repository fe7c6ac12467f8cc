import { Suspense } from "react";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card.tsx";
import { cn } from "@/lib/utils.ts";
import { SectionBoundary } from "./section-error.tsx";

type Props = {
  /** The heading's id stem (aria-labelledby). */
  id: string;
  title: string;
  description?: React.ReactNode;
  /** A link at the top right (e.g. to the list behind the numbers). */
  action?: React.ReactNode;
  /** Changes when the period or zone does: a section that failed starts afresh on the new one. */
  resetKey: string;
  fallback: React.ReactNode;
  /** An async server component that queries and renders the section's body. */
  children: React.ReactNode;
  className?: string;
};

/**
 * One overview section: a card whose heading shows at once, while its body streams in behind a
 * skeleton (Suspense) and an error boundary of its own, so one slow or failing query holds up or
 * breaks only its own card.
 */
export function OverviewSection({ id, title, description, action, resetKey, fallback, children, className }: Props) {
  return (
    <Card className={cn("gap-4 py-4 sm:py-6", className)} role="region" aria-labelledby={`${id}-title`}>
      <CardHeader className="px-4 sm:px-6">
        <CardTitle id={`${id}-title`} role="heading" aria-level={2}>
          {title}
        </CardTitle>
        {description && <CardDescription>{description}</CardDescription>}
        {action && <CardAction>{action}</CardAction>}
      </CardHeader>
      <CardContent className="px-4 sm:px-6">
        <SectionBoundary key={resetKey} title={title}>
          <Suspense fallback={fallback}>{children}</Suspense>
        </SectionBoundary>
      </CardContent>
    </Card>
  );
}

/** A section without a card of its own (the totals row of stat cards): the same boundary and skeleton, a heading for screen readers. */
export function BareSection({ id, title, resetKey, fallback, children }: Omit<Props, "description" | "action" | "className">) {
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="sr-only">
        {title}
      </h2>
      <SectionBoundary key={resetKey} title={title}>
        <Suspense fallback={fallback}>{children}</Suspense>
      </SectionBoundary>
    </section>
  );
}
