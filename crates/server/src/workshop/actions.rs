//! The workshop's HTTP actions: joining, voting, the facilitator's settings,
//! roles, revealing hidden votes, and the end with its summary. The state
//! they change and the rules of votes and budgets live in the parent module.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use waymark_api::{ApiError, Code, ErrorPayload, Library};
use waymark_core::model::Id;
use waymark_core::Journey;

use super::messages::{
    Contribution, JoinRequest, Joined, MapOutcome, NameTaken, RoleRequest, TopNote, VoteRequest,
    WorkshopSettings,
};
use super::*;
use crate::limits::WORKSHOP_BODY_BYTES;
use crate::names;
use crate::reply::{blocking, error};
use crate::AppState;

pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/workshop", get(view))
        .route("/api/workshop/join", post(join))
        .route("/api/workshop/vote", post(vote))
        .route("/api/workshop/settings", post(settings))
        .route("/api/workshop/participants/{id}/role", post(set_role))
        .route("/api/workshop/reveal", post(reveal))
        .route("/api/workshop/end", post(end))
        .layer(DefaultBodyLimit::max(WORKSHOP_BODY_BYTES))
}

fn forbidden(message: &str) -> Response {
    error(Code::Forbidden, message)
}

fn ended() -> Response {
    error(Code::Ended, "the workshop has ended")
}

async fn view(State(s): State<Arc<AppState>>, Extension(who): Extension<Who>) -> Response {
    Json(s.workshop.view(&who)).into_response()
}

/// A browser id as the page makes it (a UUID or hex digits), else none.
fn browser_key(id: Option<&str>) -> Option<String> {
    let id = id?.trim();
    let ok =
        (16..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-');
    ok.then(|| format!("browser:{}", id.to_ascii_lowercase()))
}

/// Refused: `name` reads like the name of someone in the workshop.
fn name_taken(name: &str, st: &WorkshopState) -> Option<Response> {
    let taken = || {
        st.participants
            .iter()
            .map(|p| p.name.as_str())
            .chain([FACILITATOR])
    };
    let like = taken().find(|t| names::reads_like(name, t))?;
    let suggestion = names::suggestion(name, taken());
    let message = if like == name {
        format!("someone in the workshop is already called {name}: try \"{suggestion}\"")
    } else {
        format!("\"{name}\" reads like {like}, who is in the workshop: try \"{suggestion}\"")
    };
    let body = NameTaken {
        error: ErrorPayload {
            code: Code::Conflict,
            message,
        },
        suggestion,
    };
    Some((StatusCode::CONFLICT, Json(body)).into_response())
}

async fn join(
    State(s): State<Arc<AppState>>,
    Extension(who): Extension<Who>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(body): Json<JoinRequest>,
) -> Response {
    if who == Who::Host {
        return error(Code::Invalid, "the facilitator is already in the workshop");
    }
    let name = match names::normalise(&body.name) {
        Ok(n) => n,
        Err(m) => return error(Code::Invalid, &m),
    };
    let w = &s.workshop;
    let participant = {
        let mut st = w.lock();
        if st.ended {
            return ended();
        }
        if st.participants.len() >= w.max_participants {
            return error(
                Code::Full,
                &format!("the workshop is full ({} participants)", w.max_participants),
            );
        }
        if let Some(r) = name_taken(&name, &st) {
            return r;
        }
        // Each join is a new person with a new budget: from one address
        // (other than this machine) only a few.
        let from = peer.ip();
        let joins = st.joins.get(&from).copied().unwrap_or(0);
        if !from.is_loopback() && joins >= s.config.max_joins_per_addr {
            return error(
                Code::TooMany,
                &format!(
                    "{joins} people already joined from this device's address: ask the facilitator"
                ),
            );
        }
        let (Ok(token), Ok(id)) = (crate::secret::random_token(), crate::secret::random_token())
        else {
            return error(Code::Internal, "no randomness");
        };
        let id = id[..8].to_string();
        let p = Participant {
            budget: browser_key(body.browser.as_deref()).unwrap_or_else(|| id.clone()),
            id,
            name,
            role: Role::default(),
            colour: COLOURS[st.participants.len() % COLOURS.len()],
            token,
        };
        *st.joins.entry(from).or_default() += 1;
        st.participants.push(p.clone());
        p
    };
    w.notify();
    Json(Joined {
        token: participant.token,
        id: participant.id,
        name: participant.name,
        role: participant.role,
        colour: participant.colour.into(),
    })
    .into_response()
}

async fn vote(
    State(s): State<Arc<AppState>>,
    Extension(who): Extension<Who>,
    Json(body): Json<VoteRequest>,
) -> Response {
    let (Some((_, role, locked)), Some(voter)) = (s.workshop.actor(&who), s.workshop.voter(&who))
    else {
        return ended();
    };
    if role == Role::Viewer {
        return forbidden("a viewer cannot vote");
    }
    if locked {
        return forbidden("the facilitator locked the workshop");
    }
    if !s
        .workshop
        .may_vote_now(&voter.budget, s.config.votes_per_sec, s.config.vote_burst)
    {
        return error(Code::TooMany, "too many votes at once: wait a moment");
    }
    if body.delta != 1 && body.delta != -1 {
        return error(Code::Invalid, "a vote is +1 or -1");
    }
    if !s.workshop.map_allowed(&body.map) {
        return error(Code::NotFound, "no such map in this workshop");
    }
    let state = s.clone();
    let map = body.map.clone();
    let room = body.map.clone();
    let result = blocking(&s, move |lib| {
        let mut st = state.workshop.lock();
        lib.edit_update(&map, "workshop", |j| cast(&mut st, j, &map, &voter, &body))
    })
    .await;
    match result {
        Ok((_, update)) => {
            if let Some(u) = update {
                s.rooms.broadcast_update(&room, &u);
            }
            s.workshop.notify();
            StatusCode::NO_CONTENT.into_response()
        }
        Err(e) => e,
    }
}

/// Casts or takes back one vote: into the held-back votes while voting is
/// hidden, else into the map. The budget counts every vote cast under the
/// voter's budget key in this workshop, on every map; only one's own votes
/// can be taken back.
fn cast(
    st: &mut WorkshopState,
    j: &mut Journey,
    map: &str,
    voter: &Voter,
    v: &VoteRequest,
) -> waymark_api::Result<()> {
    let Some(note) = j.annotations.iter_mut().find(|a| a.id == v.annotation) else {
        return Err(ApiError::NotFound(format!(
            "no note {} on this map",
            v.annotation
        )));
    };
    let key = (map.to_string(), v.annotation);
    let name = voter.name.as_str();
    if v.delta > 0 {
        let used = st.spent(&voter.budget);
        if let Some(budget) = st.vote_budget.filter(|b| used >= *b) {
            return Err(ApiError::Conflict(format!(
                "no votes left: each person has {budget} in this workshop"
            )));
        }
        if st.votes_hidden {
            *held(&mut st.hidden, map, v.annotation)
                .entry(name.to_string())
                .or_default() += 1;
        } else {
            *note.votes.entry(name.to_string()).or_default() += 1;
        }
        *st.ballots
            .entry(voter.id.clone())
            .or_default()
            .entry(key)
            .or_default() += 1;
        return Ok(());
    }
    let mine = st
        .ballots
        .get(&voter.id)
        .and_then(|b| b.get(&key))
        .copied()
        .unwrap_or(0);
    // The facilitator may take back votes under their name from before.
    if mine == 0 && voter.id != HOST_KEY {
        return Err(ApiError::Conflict("you have no vote on this note".into()));
    }
    // Take back a held-back vote first, else a shown one.
    let held = held(&mut st.hidden, map, v.annotation);
    let taken = take_one(held, name) || take_one(&mut note.votes, name);
    if let Some(b) = st.ballots.get_mut(&voter.id) {
        match b.get_mut(&key) {
            Some(n) if *n > 1 => *n -= 1,
            _ => {
                b.remove(&key);
            }
        }
    }
    if taken {
        Ok(())
    } else {
        Err(ApiError::Conflict("you have no vote on this note".into()))
    }
}

fn held<'a>(hidden: &'a mut Hidden, map: &str, note: Id) -> &'a mut BTreeMap<String, u32> {
    hidden
        .entry(map.to_string())
        .or_default()
        .entry(note)
        .or_default()
}

fn take_one(votes: &mut BTreeMap<String, u32>, name: &str) -> bool {
    match votes.get_mut(name) {
        Some(n) if *n > 1 => {
            *n -= 1;
            true
        }
        Some(_) => {
            votes.remove(name);
            true
        }
        None => false,
    }
}

fn host_only(who: &Who) -> Option<Response> {
    (*who != Who::Host).then(|| forbidden("only the facilitator can do that"))
}

async fn settings(
    State(s): State<Arc<AppState>>,
    Extension(who): Extension<Who>,
    Json(body): Json<WorkshopSettings>,
) -> Response {
    if let Some(r) = host_only(&who) {
        return r;
    }
    let reveal_now = {
        let mut st = s.workshop.lock();
        if let Some(l) = body.locked {
            st.locked = l;
        }
        if let Some(b) = body.vote_budget {
            st.vote_budget = (b > 0).then_some(b);
        }
        if let Some(t) = body.timer_seconds {
            st.timer_ends_at = (t > 0).then(|| now_ms() + t.min(24 * 3600) * 1000);
        }
        if let Some(f) = body.follow {
            st.follow = f;
        }
        let reveal_now = body.votes_hidden == Some(false) && st.votes_hidden;
        if body.votes_hidden == Some(true) {
            st.votes_hidden = true;
        }
        reveal_now
    };
    if reveal_now {
        if let Err(e) = reveal_votes(&s).await {
            return e;
        }
    }
    s.workshop.notify();
    Json(s.workshop.view(&who)).into_response()
}

async fn set_role(
    State(s): State<Arc<AppState>>,
    Extension(who): Extension<Who>,
    Path(id): Path<String>,
    Json(body): Json<RoleRequest>,
) -> Response {
    if let Some(r) = host_only(&who) {
        return r;
    }
    {
        let mut st = s.workshop.lock();
        let Some(p) = st.participants.iter_mut().find(|p| p.id == id) else {
            return error(Code::NotFound, "no such participant");
        };
        p.role = body.role;
    }
    s.workshop.notify();
    StatusCode::NO_CONTENT.into_response()
}

async fn reveal(State(s): State<Arc<AppState>>, Extension(who): Extension<Who>) -> Response {
    if let Some(r) = host_only(&who) {
        return r;
    }
    if let Err(e) = reveal_votes(&s).await {
        return e;
    }
    s.workshop.notify();
    StatusCode::NO_CONTENT.into_response()
}

/// Writes every held-back vote into its map (one update per map, forwarded
/// to the map's room) and stops hiding.
async fn reveal_votes(s: &Arc<AppState>) -> Result<(), Response> {
    let state = s.clone();
    let updates = blocking(s, move |lib| {
        let mut st = state.workshop.lock();
        let hidden = std::mem::take(&mut st.hidden);
        st.votes_hidden = false;
        let mut updates = Vec::new();
        for (map, notes) in hidden {
            let (_, update) = lib.edit_update(&map, "workshop", |j| {
                for a in &mut j.annotations {
                    for (name, n) in notes.get(&a.id).into_iter().flatten() {
                        *a.votes.entry(name.clone()).or_default() += n;
                    }
                }
                Ok(())
            })?;
            updates.extend(update.map(|u| (map, u)));
        }
        Ok(updates)
    })
    .await?;
    for (map, u) in updates {
        s.rooms.broadcast_update(&map, &u);
    }
    Ok(())
}

async fn end(State(s): State<Arc<AppState>>, Extension(who): Extension<Who>) -> Response {
    if let Some(r) = host_only(&who) {
        return r;
    }
    match end_now(&s).await {
        Ok(v) => Json(v).into_response(),
        Err(e) => e,
    }
}

/// Reveals the votes, marks the workshop ended (participants' connections
/// close), keeps a version of each map and returns the summary.
pub(crate) async fn end_now(s: &Arc<AppState>) -> Result<WorkshopSummary, Response> {
    reveal_votes(s).await?;
    // Ended at once (no more edits or votes), but announced only with the
    // summary, so each participant's last message carries it before their
    // connection closes.
    let (maps, people) = {
        let mut st = s.workshop.lock();
        st.ended = true;
        st.timer_ends_at = None;
        let maps: Vec<String> = if s.workshop.maps.is_empty() {
            st.maps_used.iter().cloned().collect()
        } else {
            s.workshop.maps.clone()
        };
        (maps, st.participants.clone())
    };
    let summary = blocking(s, move |lib| summary(lib, &maps, &people)).await;
    if let Ok(v) = &summary {
        s.workshop.lock().summary = Some(v.clone());
    }
    s.workshop.notify();
    summary
}

/// Who contributed what, and the notes by votes, per map; each map is also
/// kept as a named version.
fn summary(
    lib: &Library,
    maps: &[String],
    people: &[Participant],
) -> waymark_api::Result<WorkshopSummary> {
    let stamp = now_ms() / 1000;
    let mut out_maps = Vec::new();
    let mut notes_by: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for map in maps {
        let j = lib.journey(map)?;
        let version = lib.create_version(map, &format!("workshop end {stamp}"))?;
        // Left without a home by concurrent edits in the session: said at
        // the end, so the facilitator puts them back.
        let homeless = lib.homeless(map)?.summary;
        let mut top: Vec<_> = j.annotations.iter().collect();
        top.sort_by_key(|a| std::cmp::Reverse(a.vote_count()));
        for a in &j.annotations {
            if let Some(p) = people.iter().find(|p| p.name == a.author) {
                notes_by.entry(&p.name).or_default().0 += 1;
            }
            for (voter, n) in &a.votes {
                if let Some(p) = people.iter().find(|p| &p.name == voter) {
                    notes_by.entry(&p.name).or_default().1 += n;
                }
            }
        }
        out_maps.push(MapOutcome {
            id: map.clone(),
            title: j.title.clone(),
            version: version.label,
            homeless,
            notes: j.annotations.len(),
            votes: j.annotations.iter().map(|a| a.vote_count()).sum(),
            top: top
                .iter()
                .filter(|a| a.vote_count() > 0)
                .take(10)
                .map(|a| TopNote {
                    id: a.id,
                    kind: a.kind.as_str().to_string(),
                    text: a.text.clone(),
                    author: a.author.clone(),
                    votes: a.vote_count(),
                })
                .collect(),
        });
    }
    let participants = people
        .iter()
        .map(|p| {
            let (notes, votes) = notes_by.get(p.name.as_str()).copied().unwrap_or_default();
            Contribution {
                name: p.name.clone(),
                role: p.role,
                notes,
                votes,
            }
        })
        .collect();
    Ok(WorkshopSummary {
        maps: out_maps,
        participants,
    })
}
