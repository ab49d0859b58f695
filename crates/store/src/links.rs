//! Maps linked to a room on a sync server (y-websocket or Hocuspocus; team sync).

use rusqlite::{params, OptionalExtension};

use crate::error::{Result, StoreError};
use crate::{now, Store};

/// A map's link as stored. `token` is a secret: callers mask it.
#[derive(Clone, PartialEq)]
pub struct LinkRow {
    pub map_id: String,
    pub server: String,
    pub room: String,
    pub token: Option<String>,
    /// `query` or `header`.
    pub token_via: String,
    /// `y-websocket` or `hocuspocus`.
    pub protocol: String,
    pub linked_at: String,
    pub last_sync_at: Option<String>,
    /// `connected`, `offline` or `error`: how the last attempt ended.
    pub last_state: Option<String>,
    pub last_error: Option<String>,
}

impl std::fmt::Debug for LinkRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LinkRow")
            .field("map_id", &self.map_id)
            .field("server", &self.server)
            .field("room", &self.room)
            .field("token", &self.token.as_ref().map(|_| "<hidden>"))
            .field("token_via", &self.token_via)
            .field("protocol", &self.protocol)
            .field("last_sync_at", &self.last_sync_at)
            .field("last_state", &self.last_state)
            .field("last_error", &self.last_error)
            .finish()
    }
}

/// What a link is made of when it is set.
pub struct NewLink<'a> {
    pub server: &'a str,
    pub room: &'a str,
    pub token: Option<&'a str>,
    /// `query` or `header`.
    pub token_via: &'a str,
    /// `y-websocket` or `hocuspocus`.
    pub protocol: &'a str,
}

const LINK_COLUMNS: &str = "map_id, server, room, token, token_via, linked_at, last_sync_at, \
     last_state, last_error, protocol";

fn link_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<LinkRow> {
    Ok(LinkRow {
        map_id: r.get(0)?,
        server: r.get(1)?,
        room: r.get(2)?,
        token: r.get(3)?,
        token_via: r.get(4)?,
        linked_at: r.get(5)?,
        last_sync_at: r.get(6)?,
        last_state: r.get(7)?,
        last_error: r.get(8)?,
        protocol: r.get(9)?,
    })
}

impl Store {
    /// Links a map to a room (replacing an earlier link of the map).
    pub fn set_link(&mut self, map_id: &str, link: &NewLink<'_>) -> Result<LinkRow> {
        self.map_row(map_id)?;
        self.conn
            .execute(
                "INSERT OR REPLACE INTO map_links
                     (map_id, server, room, token, token_via, protocol, linked_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    map_id,
                    link.server,
                    link.room,
                    link.token,
                    link.token_via,
                    link.protocol,
                    now()
                ],
            )
            .map_err(|e| self.classify(e))?;
        self.link(map_id)?
            .ok_or_else(|| StoreError::MapNotFound(map_id.to_string()))
    }

    /// Removes a map's link; false when it had none.
    pub fn remove_link(&mut self, map_id: &str) -> Result<bool> {
        self.map_row(map_id)?;
        let n = self
            .conn
            .execute("DELETE FROM map_links WHERE map_id = ?1", [map_id])
            .map_err(|e| self.classify(e))?;
        Ok(n > 0)
    }

    pub fn link(&self, map_id: &str) -> Result<Option<LinkRow>> {
        self.conn
            .query_row(
                &format!("SELECT {LINK_COLUMNS} FROM map_links WHERE map_id = ?1"),
                [map_id],
                link_from_row,
            )
            .optional()
            .map_err(|e| self.classify(e))
    }

    pub fn list_links(&self) -> Result<Vec<LinkRow>> {
        self.query_rows(
            &format!("SELECT {LINK_COLUMNS} FROM map_links ORDER BY linked_at, map_id"),
            [],
            link_from_row,
        )
    }

    /// Records the outcome of a sync attempt: a success (`error` None)
    /// stamps `last_sync_at` and clears the error; a failure keeps the last
    /// success and stores its kind (`offline`, `error`) and why.
    pub fn record_sync(&mut self, map_id: &str, error: Option<(&str, &str)>) -> Result<()> {
        let res = match error {
            None => self.conn.execute(
                "UPDATE map_links SET last_sync_at = ?2, last_state = 'connected', last_error = NULL
                 WHERE map_id = ?1",
                params![map_id, now()],
            ),
            Some((state, message)) => self.conn.execute(
                "UPDATE map_links SET last_state = ?2, last_error = ?3 WHERE map_id = ?1",
                params![map_id, state, message],
            ),
        };
        res.map_err(|e| self.classify(e))?;
        Ok(())
    }
}
