-- hand-written: audit_list_indexes. Not generated: the drift test replays it on top of schema.prisma.

-- Activity screen (lib/audit/list-audit.ts, auditConditions): the search box finds a record's
-- history by its id whatever its type (a fulfilment id, a user id), newest first.
CREATE INDEX audit_log_target_id_at_idx ON audit_log (target_id, at DESC) WHERE target_id IS NOT NULL;

-- Activity screen: the search box with an email finds what that person did (sign-in attempts carry
-- the typed email with no actor id, so actor_id alone cannot answer it).
CREATE INDEX audit_log_actor_email_at_idx ON audit_log (lower(actor_email), at DESC) WHERE actor_email IS NOT NULL;
