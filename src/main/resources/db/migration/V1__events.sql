-- Portable between H2 and PostgreSQL; ${text} and ${blob} are Flyway placeholders set per vendor
-- (CLOB/BLOB on H2, TEXT/BYTEA on PostgreSQL).

-- One row that every append locks (SELECT ... FOR UPDATE) so that concurrent writers,
-- even in different processes, extend a single chain.
CREATE TABLE chain_head (
    id        INT PRIMARY KEY,
    last_seq  BIGINT NOT NULL,
    last_hash VARCHAR(64) NOT NULL
);
INSERT INTO chain_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE events (
    seq              BIGINT PRIMARY KEY,
    ts               TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    run_id           VARCHAR(100) NOT NULL,
    operator_name    VARCHAR(200) NOT NULL,
    operator_login   VARCHAR(200) NOT NULL,
    operator_machine VARCHAR(255) NOT NULL,
    target_host      VARCHAR(255),
    type             VARCHAR(40) NOT NULL,
    payload          ${text} NOT NULL,
    prev_hash        VARCHAR(64) NOT NULL,
    hash             VARCHAR(64) NOT NULL
);
CREATE INDEX events_run ON events (run_id, seq);
CREATE INDEX events_type ON events (type, seq);

CREATE TABLE outputs (
    id             VARCHAR(36) PRIMARY KEY,
    run_id         VARCHAR(100) NOT NULL,
    target_host    VARCHAR(255),
    created        TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    original_bytes BIGINT NOT NULL,
    dropped_bytes  BIGINT NOT NULL,
    sha256         VARCHAR(64) NOT NULL,
    data           ${blob} NOT NULL
);
CREATE INDEX outputs_run ON outputs (run_id);

CREATE TABLE recordings (
    id          VARCHAR(36) PRIMARY KEY,
    run_id      VARCHAR(100) NOT NULL,
    target_host VARCHAR(255),
    started     TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    width       INT NOT NULL,
    height      INT NOT NULL,
    title       VARCHAR(500)
);
CREATE INDEX recordings_run ON recordings (run_id);

CREATE TABLE recording_chunks (
    recording_id VARCHAR(36) NOT NULL,
    chunk_no     INT NOT NULL,
    data         ${blob} NOT NULL,
    PRIMARY KEY (recording_id, chunk_no)
);
