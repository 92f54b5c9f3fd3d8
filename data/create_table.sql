-- Drainboard target schema (PostgreSQL 12+). Safe to run more than once.

-- The exercise's table, with one change: app_version is text. Versions such as "2.3.0" and "0.96"
-- are not integers; stripping the dots to fit an integer column maps 12 distinct versions of the
-- 100-message sample onto values they share with others.
CREATE TABLE IF NOT EXISTS user_logins (
    user_id          varchar(128),
    device_type      varchar(32),
    masked_ip        varchar(256),
    masked_device_id varchar(256),
    locale           varchar(32),
    app_version      varchar(32),
    create_date      date
);

-- What analysts query next: "which logins share this ip / this device".
CREATE INDEX IF NOT EXISTS user_logins_masked_ip_idx ON user_logins (masked_ip);
CREATE INDEX IF NOT EXISTS user_logins_masked_device_id_idx ON user_logins (masked_device_id);

-- One row per SQS message id ever committed. Written in the same transaction as the message's
-- row or rejection, so a redelivered message is recognised and written once (exactly-once in effect).
CREATE TABLE IF NOT EXISTS drainboard_ledger (
    message_id   varchar(128) PRIMARY KEY,
    outcome      varchar(16)  NOT NULL CHECK (outcome IN ('row', 'rejected')),
    committed_at timestamptz  NOT NULL DEFAULT now()
);

-- Messages that could not become a row. The raw body is never stored here (it may hold PII);
-- it stays in the dead-letter queue <queue>-dlq.
CREATE TABLE IF NOT EXISTS drainboard_rejections (
    message_id  varchar(128) PRIMARY KEY,
    reason      text         NOT NULL,
    summary     text         NOT NULL,
    rejected_at timestamptz  NOT NULL DEFAULT now()
);

-- One row per reveal of masked values (`drainboard unmask`, the console's Reveal action): who (the
-- OS user), when, what was looked up (a mask or a user id, never a revealed value), how many rows
-- were shown and the stated reason. Written in the same transaction that reads the rows, so no
-- rows are shown without their audit row.
CREATE TABLE IF NOT EXISTS drainboard_reveals (
    id           bigserial    PRIMARY KEY,
    revealed_at  timestamptz  NOT NULL DEFAULT now(),
    os_user      varchar(128) NOT NULL,
    lookup       varchar(32)  NOT NULL CHECK (lookup IN ('masked_ip', 'masked_device_id', 'user_id')),
    lookup_value varchar(256) NOT NULL,
    row_count    integer      NOT NULL,
    reason       text         NOT NULL CHECK (btrim(reason) <> '')
);

-- Replay from the dead-letter queue: when a rejected message was sent back to the queue, and what
-- became of it ('pending' until drained, then 'row' or 'rejected again: <reason>'). A replayed
-- message carries its original id, and only a 'pending' record lets it through the ledger, so a
-- second copy of the same message never becomes a second row.
ALTER TABLE drainboard_rejections ADD COLUMN IF NOT EXISTS replayed_at timestamptz;
ALTER TABLE drainboard_rejections ADD COLUMN IF NOT EXISTS replay_outcome text;

-- FIFO queues: each message's MessageGroupId and SequenceNumber (NULL on a standard queue), so the
-- order within a group can be checked in SQL: within a group, later sequence numbers are never
-- committed before earlier ones (committed_at is the commit's transaction time).
ALTER TABLE drainboard_ledger ADD COLUMN IF NOT EXISTS message_group_id varchar(128);
ALTER TABLE drainboard_ledger ADD COLUMN IF NOT EXISTS sequence_number numeric(40, 0);

-- The Explore tab and `drainboard export` (docs/explore.md says which query uses which index).
-- Keyset pages sorted by date (newest first) and by user id; filters on user id, date range,
-- locale and app version; "every mask of this user".
CREATE INDEX IF NOT EXISTS user_logins_create_date_user_idx ON user_logins (create_date, user_id);
CREATE INDEX IF NOT EXISTS user_logins_user_date_idx ON user_logins (user_id, create_date);
CREATE INDEX IF NOT EXISTS user_logins_locale_date_idx ON user_logins (locale, create_date);
CREATE INDEX IF NOT EXISTS user_logins_app_version_date_idx ON user_logins (app_version, create_date);

-- Masks seen on two or more rows, with their distinct user ids, computed on demand from
-- user_logins (one grouping scan) so that the shared-devices list and the Committed tab's repeated
-- masks are index reads at millions of rows instead of a grouping of the whole table.
CREATE TABLE IF NOT EXISTS drainboard_mask_groups (
    mask_column  varchar(32)  NOT NULL,
    mask         varchar(256) NOT NULL,
    users        bigint       NOT NULL,
    row_count    bigint       NOT NULL,
    first_date   date,
    last_date    date,
    PRIMARY KEY (mask_column, mask)
);
CREATE INDEX IF NOT EXISTS drainboard_mask_groups_users_idx ON drainboard_mask_groups (mask_column, users DESC, row_count DESC, mask);
CREATE INDEX IF NOT EXISTS drainboard_mask_groups_rows_idx ON drainboard_mask_groups (mask_column, row_count DESC, mask);
CREATE TABLE IF NOT EXISTS drainboard_mask_groups_run (
    id           integer      PRIMARY KEY CHECK (id = 1),
    computed_at  timestamptz  NOT NULL,
    table_rows   bigint       NOT NULL
);
