CREATE TABLE portals (
    network TEXT NOT NULL,
    portal_id TEXT NOT NULL,
    receiver TEXT NOT NULL,
    room_id TEXT,
    name TEXT,
    topic TEXT,
    avatar_id TEXT,
    avatar_url TEXT,
    is_direct INTEGER NOT NULL DEFAULT 0,
    relay_login TEXT,
    metadata TEXT,
    PRIMARY KEY (network, portal_id, receiver)
);
CREATE UNIQUE INDEX portals_room ON portals (room_id);
CREATE TABLE ghosts (
    network TEXT NOT NULL,
    remote_id TEXT NOT NULL,
    display_name TEXT,
    avatar_id TEXT,
    avatar_url TEXT,
    metadata TEXT,
    PRIMARY KEY (network, remote_id)
);
CREATE TABLE messages (
    network TEXT NOT NULL,
    portal_id TEXT NOT NULL,
    receiver TEXT NOT NULL,
    remote_id TEXT NOT NULL,
    part_id TEXT NOT NULL,
    room_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    sender TEXT,
    matrix_sender TEXT,
    ts BIGINT NOT NULL,
    thread_root TEXT,
    PRIMARY KEY (network, portal_id, receiver, remote_id, part_id)
);
CREATE UNIQUE INDEX messages_event ON messages (room_id, event_id);
CREATE INDEX messages_portal_ts ON messages (network, portal_id, receiver, ts);
CREATE TABLE reactions (
    network TEXT NOT NULL,
    portal_id TEXT NOT NULL,
    receiver TEXT NOT NULL,
    target_id TEXT NOT NULL,
    sender TEXT NOT NULL,
    emoji TEXT NOT NULL,
    room_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    remote_reaction_id TEXT,
    PRIMARY KEY (network, portal_id, receiver, target_id, sender, emoji)
);
CREATE UNIQUE INDEX reactions_event ON reactions (room_id, event_id);
CREATE TABLE user_logins (
    network TEXT NOT NULL,
    login_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    remote_name TEXT NOT NULL,
    metadata TEXT,
    PRIMARY KEY (network, login_id)
);
CREATE INDEX user_logins_user ON user_logins (network, user_id);
CREATE TABLE kv_store (
    namespace TEXT NOT NULL,
    k TEXT NOT NULL,
    v TEXT NOT NULL,
    PRIMARY KEY (namespace, k)
);
