// Limits of a fulfilment review, shared by the server (review-fulfilments.ts, the server action) and
// the review dialog, which enforces them before asking. Client-safe.

/** At most this many fulfilments per approve/hold/reject (one page of the queue at its largest). */
export const MAX_BULK_REVIEW = 100;

/** A hold or reject reason's longest length (characters, after trimming). */
export const MAX_REVIEW_REASON = 500;
