import { DETAIL_LINK_CLASS } from "@/components/cell-text.tsx";
import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { LocalTime } from "@/components/local-time.tsx";
import { Card, CardContent } from "@/components/ui/card.tsx";
import { requireUser } from "@/lib/auth/require-user.ts";
import { db } from "@/lib/db/index.ts";
import { getPromoter, PROFILE_FIELDS, type PromoterDetail } from "@/lib/promoters/get-promoter.ts";
import { parseTimelineBefore } from "@/lib/promoters/list-promoter-timeline.ts";
import { DeletedBadge } from "@/components/deleted-badge.tsx";
import { PromoterStatusBadge } from "../_components/promoter-status-badge.tsx";
import { Fact, Unknown } from "@/components/fact.tsx";
import { PromoterBalances } from "./_components/promoter-balances.tsx";
import { PromoterPromotions } from "./_components/promoter-promotions.tsx";
import { PromoterFulfilments, PromoterLeads, PromoterPayouts, PromoterRewards } from "./_components/promoter-related.tsx";
import { PromoterTimeline, PromoterTimelineSkeleton } from "./_components/promoter-timeline.tsx";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(props: Props): Promise<Metadata> {
  return { title: `Promoter ${(await props.params).id}` };
}

export default async function PromoterPage(props: Props) {
  await requireUser();
  const [{ id }, searchParams] = await Promise.all([props.params, props.searchParams]);
  // An id that is not a positive bigint, or no such promoter: 404, never a failed query.
  const detail = await getPromoter(db().prisma, id);
  if (!detail) notFound();
  const { promoter } = detail;
  const before = parseTimelineBefore(searchParams.before);

  return (
    <main className="mx-auto max-w-6xl space-y-6 p-4 md:p-6">
      <div className="space-y-3">
        <Link href="/promoters" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeft className="size-4" aria-hidden /> Promoters
        </Link>
        <header className="flex flex-wrap items-center gap-3">
          <h1 className="min-w-0 truncate text-2xl font-semibold tracking-tight">{promoter.name ?? promoter.email ?? `Promoter ${promoter.id}`}</h1>
          <PromoterStatusBadge status={promoter.status} />
          <DeletedBadge deleted={promoter.deleted} />
        </header>
      </div>

      <ProfileCard promoter={promoter} />

      <PromoterBalances balances={detail.balances} />
      <PromoterPromotions promotions={detail.promotions} />

      <PromoterLeads promoterId={promoter.id} leads={detail.leads} />
      <PromoterRewards promoterId={promoter.id} rewards={detail.rewards} />
      <PromoterFulfilments promoterId={promoter.id} fulfilments={detail.fulfilments} />
      <PromoterPayouts promoterId={promoter.id} payouts={detail.payouts} />

      <section aria-labelledby="timeline" className="scroll-mt-4 space-y-2">
        <h2 id="timeline" className="text-lg font-medium">
          Timeline
        </h2>
        <p className="text-sm text-muted-foreground">Every event FirstPromoter sent that named this promoter, newest received first.</p>
        <Suspense key={before?.toString() ?? "newest"} fallback={<PromoterTimelineSkeleton />}>
          <PromoterTimeline promoterId={promoter.id} before={before} />
        </Suspense>
      </section>
    </main>
  );
}

/** Keys already shown elsewhere on the page (the name is the heading). */
const SHOWN_ELSEWHERE = new Set(["first_name", "last_name", ...PROFILE_FIELDS.map((f) => f.key)]);

function profileText(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function ProfileCard({ promoter }: { promoter: PromoterDetail["promoter"] }) {
  const profile = promoter.profile ?? {};
  const known = PROFILE_FIELDS.flatMap((f) => {
    const text = profileText(profile[f.key]);
    return text === null ? [] : [{ ...f, text }];
  });
  const others = Object.keys(profile)
    .filter((k) => !SHOWN_ELSEWHERE.has(k))
    .sort()
    .flatMap((key) => {
      const text = profileText(profile[key]);
      return text === null ? [] : [{ key, text }];
    });
  return (
    <Card>
      <CardContent>
        <dl className="grid grid-cols-1 gap-x-8 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
          <Fact label="Email">{promoter.email ?? <Unknown />}</Fact>
          <Fact label="Name">{promoter.name ?? <Unknown />}</Fact>
          <Fact label="Ref id">{promoter.refId ? <span className="font-mono">{promoter.refId}</span> : <Unknown />}</Fact>
          <Fact label="FirstPromoter id">
            <span className="font-mono tabular-nums">{promoter.id}</span>
          </Fact>
          <Fact label="Created (FirstPromoter)">{promoter.fpCreatedAt ? <LocalTime value={promoter.fpCreatedAt} /> : <Unknown>not sent yet</Unknown>}</Fact>
          <Fact label="First seen by Ledger">
            <LocalTime value={promoter.firstSeenAt} />
          </Fact>
          <Fact label="Newest snapshot">
            <LocalTime value={promoter.snapshotAt} />
          </Fact>
          {known.map((f) => (
            <Fact key={f.key} label={f.label}>
              {f.link && /^https?:\/\/\S+$/i.test(f.text) ? (
                <a href={f.text} target="_blank" rel="noopener noreferrer nofollow" className={DETAIL_LINK_CLASS}>
                  {f.text}
                </a>
              ) : (
                f.text
              )}
            </Fact>
          ))}
          {others.map((f) => (
            <Fact key={f.key} label={f.key.replaceAll("_", " ")}>
              <span className="font-mono text-xs">{f.text}</span>
            </Fact>
          ))}
          {Object.entries(promoter.customFields ?? {})
            .sort(([a], [b]) => a.localeCompare(b))
            .flatMap(([key, value]) => {
              const text = profileText(value);
              return text === null ? [] : [{ key, text }];
            })
            .map((f) => (
              <Fact key={`custom:${f.key}`} label={`Custom field: ${f.key}`}>
                <span className="font-mono text-xs break-words">{f.text}</span>
              </Fact>
            ))}
        </dl>
      </CardContent>
    </Card>
  );
}
