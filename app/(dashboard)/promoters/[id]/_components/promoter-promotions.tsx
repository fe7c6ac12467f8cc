import { EmptyValue } from "@/components/cell-text.tsx";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table.tsx";
import type { PromoterDetail } from "@/lib/promoters/get-promoter.ts";
import { StateBadge } from "./status-badges.tsx";

/** Only web links become anchors: a stored referral link is whatever FirstPromoter sent. */
function isWebUrl(v: string): boolean {
  return /^https?:\/\/\S+$/i.test(v);
}

/** The promoter's promotions (one per campaign they joined): ref id, campaign, status, referral link. */
export function PromoterPromotions({ promotions }: { promotions: PromoterDetail["promotions"] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Promotions</CardTitle>
        <CardDescription>Each campaign the promoter runs, with the ref id and link their referrals arrive through.</CardDescription>
      </CardHeader>
      <CardContent>
        {promotions.length === 0 ? (
          <p className="text-sm text-muted-foreground">No promotion received yet (FirstPromoter sends them with sign-ups, acceptances and leads).</p>
        ) : (
          <div className="rounded-md border">
            <Table aria-label="Promotions">
              <TableHeader className="bg-muted/50">
                <TableRow className="hover:bg-transparent">
                  <TableHead>Campaign</TableHead>
                  <TableHead>Ref id</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead>Referral link</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {promotions.map((p) => (
                  <TableRow key={p.id}>
                    <TableCell>
                      {p.campaign ? (
                        <Link href={`/promoters?campaign=${p.campaign.id}`} className="underline-offset-4 hover:underline" title="All promoters in this campaign">
                          {p.campaign.name ?? `Campaign ${p.campaign.id}`}
                        </Link>
                      ) : (
                        <EmptyValue />
                      )}
                    </TableCell>
                    <TableCell className="font-mono text-xs">{p.refId ?? <EmptyValue />}</TableCell>
                    <TableCell>
                      <StateBadge value={p.status ?? p.state} />
                    </TableCell>
                    <TableCell className="max-w-72">
                      {p.referralLink && isWebUrl(p.referralLink) ? (
                        <a href={p.referralLink} target="_blank" rel="noopener noreferrer nofollow" className="block truncate font-mono text-xs underline-offset-4 hover:underline" title={p.referralLink}>
                          {p.referralLink}
                        </a>
                      ) : (
                        <span className="block truncate font-mono text-xs text-muted-foreground" title={p.referralLink ?? undefined}>
                          {p.referralLink ?? "—"}
                        </span>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
