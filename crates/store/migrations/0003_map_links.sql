-- Waymark library, schema 3: team sync.
-- A map linked to a room on a y-websocket server. The token is a secret:
-- Waymark never prints or logs it (the file is the user's, like the maps).
CREATE TABLE map_links (
    map_id       TEXT PRIMARY KEY REFERENCES maps(id) ON DELETE CASCADE,
    server       TEXT NOT NULL,                 -- ws:// or wss:// URL, without the room
    room         TEXT NOT NULL,
    token        TEXT,
    token_via    TEXT NOT NULL DEFAULT 'query'  -- 'query' (?token=) or 'header' (Authorization: Bearer)
                 CHECK (token_via IN ('query', 'header')),
    linked_at    TEXT NOT NULL,
    last_sync_at TEXT,                          -- last time the map and the room were in step
    last_state   TEXT,                          -- outcome of the last attempt: 'connected', 'offline', 'error'
    last_error   TEXT                           -- why the last attempt failed; NULL after a success
);
