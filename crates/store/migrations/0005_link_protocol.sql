-- Waymark library, schema 5: the kind of sync server a link talks to.
-- 'y-websocket' (one room per WebSocket, the room in the URL) or
-- 'hocuspocus' (documents multiplexed on one socket, named in every message).
ALTER TABLE map_links ADD COLUMN protocol TEXT NOT NULL DEFAULT 'y-websocket'
    CHECK (protocol IN ('y-websocket', 'hocuspocus'));
