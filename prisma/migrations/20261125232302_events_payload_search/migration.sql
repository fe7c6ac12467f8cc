-- hand-written: events_payload_search. Not generated: the drift test replays it on top of schema.prisma.

-- Events screen search: find events by an email or a promoter id anywhere FirstPromoter puts them in
-- the payload, failed and ignored events included (those have no projection rows to search).
-- Expression indexes rather than one GIN (jsonb_path_ops) index over the whole payload: each event
-- adds two or three small b-tree entries instead of one GIN entry per JSON path, the webhook's insert
-- stays cheap, and emails match case-insensitively. Partial: only events that have the field.
-- lib/events/list-events.ts (eventConditions) uses exactly these expressions.

-- Events search by email: a lead event's own email (lead_signup, new_customer, …).
CREATE INDEX webhook_event_data_email_idx ON webhook_event (lower(payload #>> '{data,email}'))
  WHERE (payload #>> '{data,email}') IS NOT NULL;

-- Events search by email: the promoter's (every type that names a promoter).
CREATE INDEX webhook_event_data_promoter_email_idx ON webhook_event (lower(payload #>> '{data,promoter,email}'))
  WHERE (payload #>> '{data,promoter,email}') IS NOT NULL;

-- Events search by email: a reward's lead (reward_created).
CREATE INDEX webhook_event_data_lead_email_idx ON webhook_event (lower(payload #>> '{data,lead,email}'))
  WHERE (payload #>> '{data,lead,email}') IS NOT NULL;

-- Events search by promoter id (data.promoter.id, as text).
CREATE INDEX webhook_event_data_promoter_id_idx ON webhook_event ((payload #>> '{data,promoter,id}'))
  WHERE (payload #>> '{data,promoter,id}') IS NOT NULL;

-- Statistics on the same expressions: the planner ignores a partial index's own statistics, and
-- without these it guesses 0.5% of the table per email (a one-row search then walked the
-- received_at index through all 100k events: 300 ms instead of 1 ms).
CREATE STATISTICS webhook_event_data_email_stats ON (lower(payload #>> '{data,email}')) FROM webhook_event;
CREATE STATISTICS webhook_event_data_promoter_email_stats ON (lower(payload #>> '{data,promoter,email}')) FROM webhook_event;
CREATE STATISTICS webhook_event_data_lead_email_stats ON (lower(payload #>> '{data,lead,email}')) FROM webhook_event;
CREATE STATISTICS webhook_event_data_promoter_id_stats ON ((payload #>> '{data,promoter,id}')) FROM webhook_event;
