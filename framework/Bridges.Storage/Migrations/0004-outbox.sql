-- Remote→Matrix parts written before they are sent and removed with the mapping's insert (STYLE.md §3, step 5).
CREATE TABLE outbox (
    network TEXT NOT NULL,
    portal_id TEXT NOT NULL,
    receiver TEXT NOT NULL,
    remote_id TEXT NOT NULL,
    part_id TEXT NOT NULL,
    room_id TEXT NOT NULL,
    intent_user TEXT NOT NULL,
    event_type TEXT NOT NULL,
    content TEXT NOT NULL,
    txn_id TEXT NOT NULL,
    sender TEXT,
    ts BIGINT NOT NULL,
    backdated INTEGER NOT NULL,
    thread_root TEXT,
    reply_to TEXT,
    created BIGINT NOT NULL,
    PRIMARY KEY (network, portal_id, receiver, remote_id, part_id)
);
CREATE INDEX outbox_created ON outbox (network, created);
