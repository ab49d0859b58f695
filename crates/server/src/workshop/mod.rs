//! The workshop: who joined (name, role, token), and what the facilitator
//! controls (lock, dot-voting budget and hiding, timer, follow-me, end).
//!
//! This state lives on the server, not in the map's document: roles and the
//! lock must be enforced here, and hidden votes must not reach anyone's
//! replica before they are revealed. Every connection gets the state (with
//! its own hidden votes only) as a custom y-websocket message
//! ([`WORKSHOP_MESSAGE`]) whenever it changes; actions are HTTP routes
//! (`actions`). What crosses to the page is typed in `messages`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::IpAddr;
use std::sync::{Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use tokio::sync::watch;
use waymark_core::model::Id;

use crate::throttle::Bucket;
pub(crate) use crate::who::{Role, Who};

mod actions;
pub mod messages;
pub(crate) use actions::{end_now, routes};
use messages::{WorkshopSummary, WorkshopView, You};

/// The y-websocket message type carrying the workshop state (JSON, as a
/// length-prefixed string), next to sync (0) and awareness (1).
pub const WORKSHOP_MESSAGE: u8 = 100;

/// The name votes and notes by the facilitator carry.
pub const FACILITATOR: &str = "Facilitator";

/// Someone who joined (what others see of them is [`messages::Participant`]).
#[derive(Clone)]
pub(crate) struct Participant {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub colour: &'static str,
    pub token: String,
    /// Whose vote budget this participant spends: the browser they joined
    /// from (the page keeps a random id), else their own id.
    pub budget: String,
}

impl Participant {
    fn seen(&self) -> messages::Participant {
        messages::Participant {
            id: self.id.clone(),
            name: self.name.clone(),
            role: self.role,
            colour: self.colour.to_string(),
        }
    }
}

/// Held-back votes: map → note → voter → count.
type Hidden = HashMap<String, HashMap<Id, BTreeMap<String, u32>>>;

/// The votes one person cast in this workshop: (map, note) → count. Votes
/// are written under names; this says which of them are whose, so a newcomer
/// under an old name takes back none of the earlier person's.
type Ballot = HashMap<(String, Id), u32>;

/// The facilitator's key in the ballots and budgets.
const HOST_KEY: &str = "facilitator";

#[derive(Default)]
pub(crate) struct WorkshopState {
    pub participants: Vec<Participant>,
    pub locked: bool,
    pub vote_budget: Option<u32>,
    pub votes_hidden: bool,
    pub hidden: Hidden,
    pub timer_ends_at: Option<u64>,
    pub follow: bool,
    pub ended: bool,
    /// Each person's vote allowance (by budget key; the facilitator too).
    pub vote_buckets: HashMap<String, Bucket>,
    /// Votes cast by each participant id (and [`HOST_KEY`]).
    pub ballots: HashMap<String, Ballot>,
    /// Joins so far from each client address.
    pub joins: HashMap<IpAddr, usize>,
    /// What the end summed up, pushed to everyone with the ended state.
    pub summary: Option<WorkshopSummary>,
    /// Maps someone opened a room on (the summary's scope when the
    /// workshop names no maps).
    pub maps_used: BTreeSet<String>,
}

impl WorkshopState {
    pub fn participant(&self, id: &str) -> Option<&Participant> {
        self.participants.iter().find(|p| p.id == id)
    }

    /// Votes cast on every map of the workshop under one budget key.
    fn spent(&self, budget: &str) -> u32 {
        let ids = self
            .participants
            .iter()
            .filter(|p| p.budget == budget)
            .map(|p| p.id.as_str())
            .chain((budget == HOST_KEY).then_some(HOST_KEY));
        ids.filter_map(|id| self.ballots.get(id))
            .flat_map(|b| b.values())
            .sum()
    }
}

/// Who casts a vote: their ballot's key, their budget's key and the name the
/// votes carry.
pub(crate) struct Voter {
    pub id: String,
    pub budget: String,
    pub name: String,
}

/// One server's workshop.
pub(crate) struct Workshop {
    state: Mutex<WorkshopState>,
    /// Bumped on every change; each connection watches it.
    pub changed: watch::Sender<u64>,
    pub join_token: String,
    /// The maps participants may open; empty means every map.
    pub maps: Vec<String>,
    pub max_participants: usize,
}

const COLOURS: [&str; 8] = [
    "#d9480f", "#1971c2", "#2f9e44", "#9c36b5", "#e8590c", "#0c8599", "#c2255c", "#5c940d",
];

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

impl Workshop {
    pub fn new(join_token: String, maps: Vec<String>, max_participants: usize) -> Self {
        Self {
            state: Mutex::new(WorkshopState::default()),
            changed: watch::channel(0).0,
            join_token,
            maps,
            max_participants,
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, WorkshopState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn notify(&self) {
        self.changed.send_modify(|v| *v += 1);
    }

    pub fn map_allowed(&self, map: &str) -> bool {
        self.maps.is_empty() || self.maps.iter().any(|m| m == map)
    }

    /// The participant whose token this is.
    pub fn by_token(&self, token: &str) -> Option<String> {
        let st = self.lock();
        st.participants
            .iter()
            .find(|p| crate::secret::same(p.token.as_bytes(), token.as_bytes()))
            .map(|p| p.id.clone())
    }

    /// The name, role and lock a connection's update is checked against;
    /// `None` when the participant is gone or the workshop ended.
    pub fn actor(&self, who: &Who) -> Option<(String, Role, bool)> {
        let st = self.lock();
        match who {
            Who::Host => Some((FACILITATOR.to_string(), Role::Editor, false)),
            Who::Joiner => None,
            Who::Participant(id) => {
                if st.ended {
                    return None;
                }
                let p = st.participant(id)?;
                Some((p.name.clone(), p.role, st.locked))
            }
        }
    }

    /// The name and colour a connection's presence must carry: a
    /// participant's own (the facilitator's state is taken as sent).
    pub fn presence_of(&self, who: &Who) -> Option<(String, &'static str)> {
        match who {
            Who::Participant(id) => {
                let st = self.lock();
                let p = st.participant(id)?;
                Some((p.name.clone(), p.colour))
            }
            // Joiners cannot open a room; nobody speaks as them.
            Who::Host | Who::Joiner => None,
        }
    }

    /// The ballot and budget a vote by `who` goes to.
    pub fn voter(&self, who: &Who) -> Option<Voter> {
        match who {
            Who::Host => Some(Voter {
                id: HOST_KEY.into(),
                budget: HOST_KEY.into(),
                name: FACILITATOR.into(),
            }),
            Who::Joiner => None,
            Who::Participant(id) => {
                let st = self.lock();
                let p = st.participant(id)?;
                Some(Voter {
                    id: p.id.clone(),
                    budget: p.budget.clone(),
                    name: p.name.clone(),
                })
            }
        }
    }

    /// Takes one vote from a budget's allowance; false when it is used up.
    pub fn may_vote_now(&self, budget: &str, rate: f64, burst: f64) -> bool {
        self.lock()
            .vote_buckets
            .entry(budget.to_string())
            .or_insert_with(|| Bucket::new(rate, burst))
            .take()
    }

    /// The state as `who` may see it (their own held-back votes only).
    pub fn view(&self, who: &Who) -> WorkshopView {
        let st = self.lock();
        let you = match who {
            Who::Host => Some(You {
                id: None,
                name: FACILITATOR.into(),
                role: Role::Editor,
                colour: "#343a40".into(),
                facilitator: true,
                hidden_votes: own_hidden(&st.hidden, FACILITATOR),
            }),
            Who::Joiner => None,
            Who::Participant(id) => st.participant(id).map(|p| You {
                id: Some(p.id.clone()),
                name: p.name.clone(),
                role: p.role,
                colour: p.colour.into(),
                facilitator: false,
                hidden_votes: own_hidden(&st.hidden, &p.name),
            }),
        };
        WorkshopView {
            locked: st.locked,
            vote_budget: st.vote_budget,
            votes_hidden: st.votes_hidden,
            timer_ends_at: st.timer_ends_at,
            now: now_ms(),
            follow: st.follow,
            ended: st.ended,
            summary: st.summary.clone(),
            maps: self.maps.clone(),
            participants: st.participants.iter().map(Participant::seen).collect(),
            you,
        }
    }
}

/// Map → note → the votes `name` holds back there.
fn own_hidden(hidden: &Hidden, name: &str) -> BTreeMap<String, BTreeMap<String, u32>> {
    let mut out = BTreeMap::new();
    for (map, notes) in hidden {
        let mine: BTreeMap<String, u32> = notes
            .iter()
            .filter_map(|(id, v)| Some((id.to_string(), *v.get(name)?)))
            .collect();
        if !mine.is_empty() {
            out.insert(map.clone(), mine);
        }
    }
    out
}
