//! A map room's presence (y-protocols awareness), kept as y-websocket keeps
//! it, with two checks a workshop needs: a participant's state always carries
//! the name and colour their token was issued to (one cannot appear as
//! someone else, or as the facilitator), and a client ID announced by one
//! connection cannot be overwritten by another while it is there.
//!
//! Bounded as well: a connection speaks for one client ID (the first new one
//! it announces; y-websocket clients echo the others' states, which are
//! dropped), a state holds at most [`MAX_STATE_BYTES`], and the states of
//! clients that left are forgotten once there are more than
//! [`MAX_DEPARTED`] of them.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};
use yrs::block::ClientID;
use yrs::sync::awareness::AwarenessUpdateEntry;
use yrs::sync::AwarenessUpdate;

const NULL: &str = "null";

/// The largest presence state passed on (name, colour, cursor, selection
/// and focus take a few hundred bytes); a larger one is dropped.
pub(crate) const MAX_STATE_BYTES: usize = crate::limits::PRESENCE_STATE_BYTES;

/// Departed clients remembered (so a late echo of their state cannot bring
/// them back) before they are forgotten.
const MAX_DEPARTED: usize = 1024;

/// Who a connection's presence speaks for: `None` for the facilitator (whose
/// state is taken as sent).
pub(crate) struct Speaker<'a> {
    pub conn: u64,
    pub stamp: Option<(&'a str, &'a str)>,
}

/// The one client ID a connection speaks for, once it announced one.
pub(crate) type Own = Option<ClientID>;

/// The latest state per client, `"null"` for a client that left, and the
/// connection that announced it while it is there.
#[derive(Default)]
pub(crate) struct Presence {
    states: HashMap<ClientID, (Option<u64>, AwarenessUpdateEntry)>,
}

impl Presence {
    /// Applies what `from` sent and returns what to pass on: the newer
    /// entry of its own client ID (`own`, claimed by its first new state),
    /// stamped with its name; everything else in the update is dropped.
    pub fn apply(
        &mut self,
        from: &Speaker<'_>,
        own: &mut Own,
        update: AwarenessUpdate,
    ) -> AwarenessUpdate {
        let mut out = HashMap::new();
        if own.is_none() {
            *own = self.claimable(&update);
        }
        let Some(mine) = *own else {
            return AwarenessUpdate { clients: out };
        };
        if let Some((id, mut entry)) = update.clients.into_iter().find(|(id, _)| *id == mine) {
            let newer = match self.states.get(&id) {
                None => true,
                Some((owner, _)) if owner.is_some_and(|o| o != from.conn) => false,
                Some((_, cur)) => {
                    cur.clock < entry.clock
                        || (cur.clock == entry.clock && &*entry.json == NULL && &*cur.json != NULL)
                }
            };
            if let Some((name, colour)) = from.stamp.filter(|_| newer) {
                entry.json = stamped(&entry.json, name, colour).into();
            }
            if newer && entry.json.len() <= MAX_STATE_BYTES {
                let owner = (&*entry.json != NULL).then_some(from.conn);
                self.states.insert(id, (owner, entry.clone()));
                out.insert(id, entry);
            }
        }
        AwarenessUpdate { clients: out }
    }

    /// The client ID a connection's first announcement claims: one with a
    /// state that nobody holds now (new, or back after it left). Others'
    /// states echoed back are not claimable; of several, the smallest ID.
    fn claimable(&self, update: &AwarenessUpdate) -> Own {
        update
            .clients
            .iter()
            .filter(|(_, e)| &*e.json != NULL)
            .filter(|(id, e)| match self.states.get(id) {
                None => true,
                Some((owner, cur)) => owner.is_none() && cur.clock < e.clock,
            })
            .map(|(id, _)| *id)
            .min()
    }

    /// States announced now (for tests and the host's figures).
    pub fn present(&self) -> usize {
        self.states.values().filter(|(o, _)| o.is_some()).count()
    }

    /// Everyone present.
    pub fn update(&self) -> AwarenessUpdate {
        AwarenessUpdate {
            clients: self
                .states
                .iter()
                .filter(|(_, (_, e))| &*e.json != NULL)
                .map(|(id, (_, e))| (*id, e.clone()))
                .collect(),
        }
    }

    /// Marks `clients` gone and returns the update telling the others.
    pub fn remove(&mut self, clients: &HashSet<ClientID>) -> AwarenessUpdate {
        let mut out = HashMap::new();
        for id in clients {
            let clock = self.states.get(id).map_or(0, |(_, e)| e.clock) + 1;
            let entry = AwarenessUpdateEntry {
                clock,
                json: NULL.into(),
            };
            self.states.insert(*id, (None, entry.clone()));
            out.insert(*id, entry);
        }
        let departed = self.states.len() - self.present();
        if departed > MAX_DEPARTED {
            self.states.retain(|_, (owner, _)| owner.is_some());
        }
        AwarenessUpdate { clients: out }
    }
}

/// A participant's presence state with their own name and colour (top level,
/// as Waymark's board reads it, and in `user`, as y-websocket apps do), and
/// never the facilitator's mark. Anything but an object becomes one.
fn stamped(json: &str, name: &str, colour: &str) -> String {
    if json == NULL {
        return NULL.to_string();
    }
    let mut state = match serde_json::from_str::<Value>(json) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    state.insert("name".into(), name.into());
    state.insert("colour".into(), colour.into());
    state.remove("facilitator");
    if let Some(Value::Object(user)) = state.get_mut("user") {
        user.insert("name".into(), name.into());
        user.insert("color".into(), colour.into());
    }
    Value::Object(state).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: ClientID = ClientID::new(7);

    fn entry(clock: u32, json: &str) -> AwarenessUpdate {
        AwarenessUpdate {
            clients: HashMap::from([(
                ID,
                AwarenessUpdateEntry {
                    clock,
                    json: json.into(),
                },
            )]),
        }
    }

    fn json(u: &AwarenessUpdate) -> Value {
        serde_json::from_str(&u.clients[&ID].json).unwrap()
    }

    #[test]
    fn a_participant_appears_under_their_own_name() {
        let mut p = Presence::default();
        let ana = Speaker {
            conn: 1,
            stamp: Some(("Ana", "#d9480f")),
        };
        let mut a = None;
        let out = p.apply(
            &ana,
            &mut a,
            entry(1, r#"{"name":"Facilitator","facilitator":true,"cursor":{"x":1,"y":2},"user":{"name":"Bob"}}"#),
        );
        let v = json(&out);
        assert_eq!(v["name"], "Ana");
        assert_eq!(v["colour"], "#d9480f");
        assert_eq!(v["user"]["name"], "Ana");
        assert!(v.get("facilitator").is_none());
        assert_eq!(v["cursor"]["x"], 1, "the rest of the state is kept");
        assert_eq!(json(&p.update())["name"], "Ana");
        // Not an object: an object with the name.
        assert_eq!(json(&p.apply(&ana, &mut a, entry(2, "42")))["name"], "Ana");
        // Leaving stays leaving.
        assert_eq!(
            &*p.apply(&ana, &mut a, entry(3, NULL)).clients[&ID].json,
            NULL
        );
    }

    #[test]
    fn the_facilitator_state_is_taken_as_sent() {
        let mut p = Presence::default();
        let host = Speaker {
            conn: 1,
            stamp: None,
        };
        let out = p.apply(
            &host,
            &mut None,
            entry(1, r#"{"name":"Facilitator","facilitator":true}"#),
        );
        assert_eq!(json(&out)["facilitator"], true);
    }

    #[test]
    fn another_connection_cannot_take_over_a_client_id_until_it_left() {
        let mut p = Presence::default();
        let ana = Speaker {
            conn: 1,
            stamp: Some(("Ana", "#d9480f")),
        };
        let bob = Speaker {
            conn: 2,
            stamp: Some(("Bob", "#1971c2")),
        };
        let (mut a, mut b) = (None, None);
        p.apply(&ana, &mut a, entry(1, "{}"));
        assert!(p.apply(&bob, &mut b, entry(5, "{}")).clients.is_empty());
        assert!(p.apply(&bob, &mut b, entry(5, NULL)).clients.is_empty());
        assert_eq!(json(&p.update())["name"], "Ana");
        // Ana's connection closed: the ID is free again (a reconnect keeps it).
        p.remove(&HashSet::from([ID]));
        assert!(p.update().clients.is_empty());
        assert_eq!(json(&p.apply(&bob, &mut b, entry(9, "{}")))["name"], "Bob");
    }

    #[test]
    fn a_connection_speaks_for_one_client_with_a_small_state() {
        let mut p = Presence::default();
        let eve = Speaker {
            conn: 3,
            stamp: Some(("Eve", "#2f9e44")),
        };
        let mut own = None;
        let flood = AwarenessUpdate {
            clients: (1..=40_000u64)
                .map(|i| {
                    let e = AwarenessUpdateEntry {
                        clock: 1,
                        json: "{}".into(),
                    };
                    (ClientID::new(i), e)
                })
                .collect(),
        };
        let out = p.apply(&eve, &mut own, flood);
        assert_eq!(out.clients.len(), 1, "cut to its own client");
        assert_eq!(own, Some(ClientID::new(1)), "the smallest new ID");
        assert_eq!(p.present(), 1);
        // Another ID later is not hers either.
        let other = AwarenessUpdate {
            clients: HashMap::from([(
                ClientID::new(99),
                AwarenessUpdateEntry {
                    clock: 1,
                    json: "{}".into(),
                },
            )]),
        };
        assert!(p.apply(&eve, &mut own, other).clients.is_empty());
        // A state over the cap is dropped; the last good one stays.
        let big = format!(r#"{{"x":"{}"}}"#, "a".repeat(MAX_STATE_BYTES));
        let huge = AwarenessUpdate {
            clients: HashMap::from([(
                ClientID::new(1),
                AwarenessUpdateEntry {
                    clock: 2,
                    json: big.into(),
                },
            )]),
        };
        assert!(p.apply(&eve, &mut own, huge).clients.is_empty());
        assert_eq!(p.update().clients.len(), 1);
    }
}
