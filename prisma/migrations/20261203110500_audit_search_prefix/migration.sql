-- hand-written: audit_search_prefix. Not generated: the drift test replays it on top of schema.prisma.

-- Activity screen (lib/audit/list-audit.ts, auditConditions): the search box matches the start of the
-- actor's email, the action or the record id, case-insensitively; each branch is an index range
-- (text_pattern_ops), and the planner ORs the three as bitmaps.
CREATE INDEX audit_log_actor_email_prefix_idx ON audit_log (lower(actor_email) text_pattern_ops) WHERE actor_email IS NOT NULL;
CREATE INDEX audit_log_action_prefix_idx ON audit_log (action text_pattern_ops);
CREATE INDEX audit_log_target_id_prefix_idx ON audit_log (lower(target_id) text_pattern_ops) WHERE target_id IS NOT NULL;

-- Only the old whole-value search read these; the prefix indexes answer equality too.
DROP INDEX audit_log_target_id_at_idx;
DROP INDEX audit_log_actor_email_at_idx;
