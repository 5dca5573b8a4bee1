CREATE TABLE as_transactions (
    appservice_id TEXT NOT NULL,
    txn_id TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (appservice_id, txn_id)
);
CREATE TABLE as_inbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    appservice_id TEXT NOT NULL,
    room_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    json TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX as_inbox_pending ON as_inbox (appservice_id, seq) WHERE done = 0;
