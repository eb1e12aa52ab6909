-- PostgreSQL only (Flyway location db/postgresql): defence in depth for a shared team log.
-- Events and checkpoints refuse UPDATE, DELETE and TRUNCATE from every role; the chain head may only
-- move forward. Only the tables' owner can disable these triggers (ALTER TABLE ... DISABLE TRIGGER),
-- so the application's role, which is not the owner, cannot shorten or rewrite the log through SQL.
-- The role split is in docs/audit.md.
CREATE FUNCTION belay_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'belay audit log: % on % refused: the table is append-only (role %)',
        TG_OP, TG_TABLE_NAME, current_user
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION belay_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION belay_append_only();
CREATE TRIGGER checkpoints_append_only BEFORE UPDATE OR DELETE ON checkpoints
    FOR EACH ROW EXECUTE FUNCTION belay_append_only();
CREATE TRIGGER checkpoints_no_truncate BEFORE TRUNCATE ON checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION belay_append_only();

CREATE FUNCTION belay_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' OR NEW.id <> OLD.id OR NEW.last_seq <= OLD.last_seq THEN
        RAISE EXCEPTION 'belay audit log: the chain head may only move forward (% refused, role %)',
            TG_OP, current_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER chain_head_forward_only BEFORE UPDATE OR DELETE ON chain_head
    FOR EACH ROW EXECUTE FUNCTION belay_head_forward_only();
CREATE TRIGGER chain_head_no_truncate BEFORE TRUNCATE ON chain_head
    FOR EACH STATEMENT EXECUTE FUNCTION belay_append_only();
