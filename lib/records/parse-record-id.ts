// One rule for every record id that arrives as text (a detail route's [id] segment, an action's id):
// FirstPromoter's ids and Ledger's own (events, deliveries) are all Postgres bigints, written in
// canonical decimal. Anything else — a leading zero, a sign, an exponent, a space, zero, a value past
// the bigint range — names no record, so /promoters/007 is a 404 like /promoters/abc (one URL per
// record), and no bad cast ever reaches the database as a 500.

/** The largest Postgres bigint. */
export const MAX_BIGINT = 9223372036854775807n;

const CANONICAL_ID = /^[1-9]\d{0,18}$/;

/** `raw` as a record id, or null when it is not one in canonical form (the page answers 404). */
export function parseRecordId(raw: string): bigint | null {
  if (!CANONICAL_ID.test(raw)) return null;
  const id = BigInt(raw);
  return id <= MAX_BIGINT ? id : null;
}
