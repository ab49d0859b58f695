//! A map room's presence (y-protocols awareness), kept as y-websocket keeps
//! it, with two checks a workshop needs: a participant's state always carries
//! the name and colour their token was issued to (one cannot appear as
//! someone else, or as the facilitator), and a client ID announced by one
//! connection cannot be overwritten by another while it is there.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};
use yrs::block::ClientID;
use yrs::sync::awareness::AwarenessUpdateEntry;
use yrs::sync::AwarenessUpdate;

const NULL: &str = "null";

/// Who a connection's presence speaks for: `None` for the facilitator (whose
/// state is taken as sent).
pub(crate) struct Speaker<'a> {
    pub conn: u64,
    pub stamp: Option<(&'a str, &'a str)>,
}

/// The latest state per client, `"null"` for a client that left, and the
/// connection that announced it while it is there.
#[derive(Default)]
pub(crate) struct Presence {
    states: HashMap<ClientID, (Option<u64>, AwarenessUpdateEntry)>,
}

impl Presence {
    /// Applies what `from` sent and returns what to pass on: its own newer
    /// entries, stamped with its name.
    pub fn apply(&mut self, from: &Speaker<'_>, update: AwarenessUpdate) -> AwarenessUpdate {
        let mut out = HashMap::new();
        for (id, mut entry) in update.clients {
            let newer = match self.states.get(&id) {
                None => true,
                Some((owner, _)) if owner.is_some_and(|o| o != from.conn) => false,
                Some((_, cur)) => {
                    cur.clock < entry.clock
                        || (cur.clock == entry.clock && &*entry.json == NULL && &*cur.json != NULL)
                }
            };
            if !newer {
                continue;
            }
            if let Some((name, colour)) = from.stamp {
                entry.json = stamped(&entry.json, name, colour).into();
            }
            let owner = (&*entry.json != NULL).then_some(from.conn);
            self.states.insert(id, (owner, entry.clone()));
            out.insert(id, entry);
        }
        AwarenessUpdate { clients: out }
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
        let out = p.apply(
            &ana,
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
        assert_eq!(json(&p.apply(&ana, entry(2, "42")))["name"], "Ana");
        // Leaving stays leaving.
        assert_eq!(&*p.apply(&ana, entry(3, NULL)).clients[&ID].json, NULL);
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
        p.apply(&ana, entry(1, "{}"));
        assert!(p.apply(&bob, entry(5, "{}")).clients.is_empty());
        assert!(p.apply(&bob, entry(5, NULL)).clients.is_empty());
        assert_eq!(json(&p.update())["name"], "Ana");
        // Ana's connection closed: the ID is free again (a reconnect keeps it).
        p.remove(&HashSet::from([ID]));
        assert!(p.update().clients.is_empty());
        assert_eq!(json(&p.apply(&bob, entry(9, "{}")))["name"], "Bob");
    }
}
