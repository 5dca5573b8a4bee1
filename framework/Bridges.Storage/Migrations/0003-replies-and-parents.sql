-- The reply target of each mapped message (reply chains for email References), and a network-wide lookup by remote
-- id (an email's In-Reply-To names a Message-ID without saying which thread portal holds it).
ALTER TABLE messages ADD COLUMN reply_to TEXT;
CREATE INDEX messages_remote ON messages (network, remote_id);
-- The portal a chat sits under (its room is a space holding this one), so a move to another parent relinks.
ALTER TABLE portals ADD COLUMN parent_id TEXT;
ALTER TABLE portals ADD COLUMN parent_receiver TEXT;
