-- hand-written: bounded_text_indexes. Not generated: the drift test replays it on top of schema.prisma.

-- A b-tree entry over ~2.7 kB is refused ("index row size … exceeds btree version 4 maximum"), and a
-- refused insert would lose the event: FirstPromoter re-sends nothing but fulfilment_pending. Text
-- fields may hold up to 10,000 characters (lib/firstpromoter/schemas.ts), so every index over
-- free text is on a bounded prefix: 254 characters (the longest email) of the lowercased value.
-- Queries compare the prefix (index) and then the whole value (exact); see eventConditions in
-- lib/events/list-events.ts. tests/integration/webhook/oversized-values.test.ts stores 6,000-7,000
-- character values in every such field.

DROP INDEX webhook_event_data_email_idx;
DROP INDEX webhook_event_data_promoter_email_idx;
DROP INDEX webhook_event_data_lead_email_idx;
DROP INDEX webhook_event_data_promoter_id_idx;
DROP STATISTICS webhook_event_data_email_stats;
DROP STATISTICS webhook_event_data_promoter_email_stats;
DROP STATISTICS webhook_event_data_lead_email_stats;
DROP STATISTICS webhook_event_data_promoter_id_stats;

CREATE INDEX webhook_event_data_email_idx ON webhook_event (left(lower(payload #>> '{data,email}'), 254))
  WHERE (payload #>> '{data,email}') IS NOT NULL;
CREATE INDEX webhook_event_data_promoter_email_idx ON webhook_event (left(lower(payload #>> '{data,promoter,email}'), 254))
  WHERE (payload #>> '{data,promoter,email}') IS NOT NULL;
CREATE INDEX webhook_event_data_lead_email_idx ON webhook_event (left(lower(payload #>> '{data,lead,email}'), 254))
  WHERE (payload #>> '{data,lead,email}') IS NOT NULL;
CREATE INDEX webhook_event_data_promoter_id_idx ON webhook_event (left(payload #>> '{data,promoter,id}', 40))
  WHERE (payload #>> '{data,promoter,id}') IS NOT NULL;

-- Statistics on the same expressions (the planner ignores a partial index's own statistics).
CREATE STATISTICS webhook_event_data_email_stats ON (left(lower(payload #>> '{data,email}'), 254)) FROM webhook_event;
CREATE STATISTICS webhook_event_data_promoter_email_stats ON (left(lower(payload #>> '{data,promoter,email}'), 254)) FROM webhook_event;
CREATE STATISTICS webhook_event_data_lead_email_stats ON (left(lower(payload #>> '{data,lead,email}'), 254)) FROM webhook_event;
CREATE STATISTICS webhook_event_data_promoter_id_stats ON (left(payload #>> '{data,promoter,id}', 40)) FROM webhook_event;
