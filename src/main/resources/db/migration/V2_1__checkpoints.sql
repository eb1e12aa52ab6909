-- Signed checkpoints of the hash chain (docs/audit.md). Not events: signing the head must not move it.
-- A copy of each row is appended to a file outside the database (the file column says which).
CREATE TABLE checkpoints (
    log_id    VARCHAR(64) NOT NULL,
    seq       BIGINT NOT NULL,
    hash      VARCHAR(64) NOT NULL,
    run_id    VARCHAR(100) NOT NULL,
    ts        VARCHAR(40) NOT NULL,
    signer    VARCHAR(200) NOT NULL,
    signature ${text} NOT NULL,
    file      VARCHAR(1000),
    PRIMARY KEY (seq, signer, ts)
);
CREATE INDEX checkpoints_run ON checkpoints (run_id, seq);
