-- hand-written: firstpromoter_outbox_rules. Not generated: the drift test replays it on top of schema.prisma.

-- The outbox's rules that schema.prisma cannot express (lib/outbox/, docs/firstpromoter-sync.md).

-- At most one open command per fulfilment, and at most one queued behind it: enqueueCommand relies
-- on these to turn two concurrent decisions into one winner and a conflict.
CREATE UNIQUE INDEX fp_command_one_open_idx ON fp_command (fulfilment_id)
  WHERE state IN ('not_connected', 'scheduled', 'in_flight', 'waiting');
CREATE UNIQUE INDEX fp_command_one_queued_idx ON fp_command (fulfilment_id) WHERE state = 'queued';

-- The worker's claim: due commands, oldest due first (a handful of rows however large the table).
CREATE INDEX fp_command_due_idx ON fp_command (due_at, id) WHERE state IN ('scheduled', 'in_flight', 'waiting');

-- Settings: commands approved or rejected while no API key was configured.
CREATE INDEX fp_command_not_connected_idx ON fp_command (id) WHERE state = 'not_connected';

-- The connection's single row.
INSERT INTO fp_connection (id) VALUES (1) ON CONFLICT DO NOTHING;

-- Existing installs: decisions made before the outbox existed. Approved ones Ledger already answered
-- 200 were marked fulfilled by FirstPromoter; the rest, approved or rejected, get a command that waits
-- for an API key ("not connected"), so Settings can read them back and send them.
INSERT INTO fp_command (fulfilment_id, kind, state, step, decided_at, decided_by)
SELECT f.id, CASE WHEN f.review_status = 'approved' THEN 'mark_fulfilled' ELSE 'deny' END::command_kind, 'not_connected',
       CASE WHEN f.review_status = 'approved' THEN 'mark_fulfilled' ELSE 'deny' END, COALESCE(f.reviewed_at, now()), f.reviewed_by
FROM fulfilment f
WHERE (f.review_status = 'approved' AND f.answered_200_at IS NULL) OR f.review_status = 'rejected';

UPDATE fulfilment f SET command_id = c.id FROM fp_command c WHERE c.fulfilment_id = f.id;

UPDATE fulfilment SET sync_state = CASE
    WHEN review_status = 'approved' AND answered_200_at IS NOT NULL THEN 'answered_200'
    WHEN review_status IN ('approved', 'rejected') THEN 'not_connected'
    WHEN review_status = 'held' THEN 'held'
    ELSE 'awaiting_review' END::sync_state
WHERE review_status <> 'pending';
