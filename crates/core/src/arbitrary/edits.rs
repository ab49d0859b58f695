//! Random edit sequences on a map's document, as replicas make them: typed
//! edits written as their difference, cascading deletes, hostile values
//! written past the model, and replicas that edit while apart. For the
//! property tests that hold an incremental projection to the full one.

use proptest::prelude::*;
use uuid::Uuid;
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, Transact, Update};

use crate::doc::{read_journey, write_journey_diff};
use crate::hostile::break_title_and_emotion;
use crate::model::*;

/// One edit; indices pick an entity among those present (modulo their number).
#[derive(Debug, Clone)]
pub enum Edit {
    RetitleCard(usize, String),
    SetEmotion(usize, i8),
    MoveCard(usize, usize, usize),
    AddCard(usize, usize, String),
    DeleteCard(usize),
    AddNote(usize, String),
    EditNote(usize, String),
    Vote(usize, String),
    DeleteNote(usize),
    RenameStage(usize, String),
    MoveStageLast(usize),
    AddStage(String),
    DeleteStage(usize),
    DeleteLane(usize),
    DeletePersona(usize),
    Retitle(String),
    AddAnswer(usize, u8, String),
    DeleteAnswer(usize),
    /// A touchpoint's statistics from one of a few waves, as the library
    /// writes them after an import.
    SetEvidence(usize, u8, u8),
    DeleteEvidence(usize),
    Connect(usize, usize),
    DeleteConnection(usize),
    /// An empty map title and an emotion of 99, past the typed model.
    Hostile(usize),
}

/// An edit made on one of two replicas (`on_b`), which first catches up
/// with the server unless `apart`; `project` asks the test to bring its
/// projection up to date after it (otherwise edits pile up).
#[derive(Debug, Clone)]
pub struct Step {
    pub edit: Edit,
    pub on_b: bool,
    pub apart: bool,
    pub project: bool,
    /// Seeds new entities' ids.
    pub seed: u64,
}

fn words() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-z][A-Za-z ]{0,12}",
        1 => Just(String::new()),
        1 => Just("  ".to_string()),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = || 0usize..64;
    prop_oneof![
        4 => (i(), words()).prop_map(|(a, w)| Edit::RetitleCard(a, w)),
        2 => (i(), -2i8..=2).prop_map(|(a, e)| Edit::SetEmotion(a, e)),
        2 => (i(), i(), i()).prop_map(|(a, s, l)| Edit::MoveCard(a, s, l)),
        2 => (i(), i(), words()).prop_map(|(s, l, w)| Edit::AddCard(s, l, w)),
        1 => i().prop_map(Edit::DeleteCard),
        4 => (i(), words()).prop_map(|(a, w)| Edit::AddNote(a, w)),
        2 => (i(), words()).prop_map(|(a, w)| Edit::EditNote(a, w)),
        2 => (i(), "[a-c]").prop_map(|(a, w)| Edit::Vote(a, w)),
        1 => i().prop_map(Edit::DeleteNote),
        1 => (i(), words()).prop_map(|(a, w)| Edit::RenameStage(a, w)),
        1 => i().prop_map(Edit::MoveStageLast),
        1 => words().prop_map(Edit::AddStage),
        1 => i().prop_map(Edit::DeleteStage),
        1 => i().prop_map(Edit::DeleteLane),
        1 => i().prop_map(Edit::DeletePersona),
        1 => words().prop_map(Edit::Retitle),
        2 => (i(), 0u8..12, words()).prop_map(|(a, v, w)| Edit::AddAnswer(a, v, w)),
        1 => i().prop_map(Edit::DeleteAnswer),
        2 => (i(), 0u8..3, 0u8..11).prop_map(|(a, w, v)| Edit::SetEvidence(a, w, v)),
        1 => i().prop_map(Edit::DeleteEvidence),
        1 => (i(), i()).prop_map(|(a, b)| Edit::Connect(a, b)),
        1 => i().prop_map(Edit::DeleteConnection),
        1 => i().prop_map(Edit::Hostile),
    ]
}

/// A sequence of up to `n` steps.
pub fn steps(n: usize) -> impl Strategy<Value = Vec<Step>> {
    proptest::collection::vec(
        (edit(), any::<bool>(), 0u8..10, 0u8..10, any::<u64>()).prop_map(
            |(edit, on_b, apart, project, seed)| Step {
                edit,
                on_b,
                apart: apart == 0,
                project: project < 6,
                seed,
            },
        ),
        1..n,
    )
}

fn pick<T>(items: &[T], i: usize) -> Option<&T> {
    (!items.is_empty()).then(|| &items[i % items.len()])
}

fn id(seed: u64, salt: u64) -> Uuid {
    let mut rng = crate::synth::Rng::new(seed ^ salt);
    rng.uuid()
}

/// Brings `to` up to `from`.
pub fn sync(from: &Doc, to: &Doc) {
    let sv = to.transact().state_vector();
    let update = from.transact().encode_diff_v1(&sv);
    to.transact_mut()
        .apply_update(Update::decode_v1(&update).expect("own update decodes"))
        .expect("own update applies");
}

/// Makes `step`'s edit on `replica` (after catching up with `server` unless
/// apart) and returns the update it made (possibly empty).
pub fn make(step: &Step, replica: &Doc, server: &Doc) -> Vec<u8> {
    if !step.apart {
        sync(server, replica);
    }
    let sv = replica.transact().state_vector();
    let before = read_journey(replica).journey;
    let mut j = before.clone();
    let card = |j: &Journey, i| pick(&j.touchpoints, i).map(|t| t.id);
    match &step.edit {
        Edit::Hostile(i) => {
            if let Some(t) = card(&j, *i) {
                break_title_and_emotion(replica, &t.to_string());
            }
        }
        edit => {
            apply(edit, &mut j, step.seed);
            j.normalize();
            write_journey_diff(&mut replica.transact_mut(), &before, &j);
        }
    }
    let update = replica.transact().encode_diff_v1(&sv);
    update
}

/// `edit` on the typed model (which may leave it invalid: the projection
/// mends or hides what it must).
pub fn apply(edit: &Edit, j: &mut Journey, seed: u64) {
    match edit {
        Edit::RetitleCard(i, w) => {
            if let Some(t) = pick_mut(&mut j.touchpoints, *i) {
                t.title = w.clone();
            }
        }
        Edit::SetEmotion(i, e) => {
            if let Some(t) = pick_mut(&mut j.touchpoints, *i) {
                t.inputs.emotion = Some(*e);
            }
        }
        Edit::MoveCard(i, s, l) => {
            let (Some(s), Some(l)) = (
                pick(&j.stages, *s).map(|x| x.id),
                pick(&j.lanes, *l).map(|x| x.id),
            ) else {
                return;
            };
            if let Some(t) = pick_mut(&mut j.touchpoints, *i) {
                t.stage = s;
                t.lane = l;
            }
        }
        Edit::AddCard(s, l, w) => {
            let (Some(s), Some(l)) = (
                pick(&j.stages, *s).map(|x| x.id),
                pick(&j.lanes, *l).map(|x| x.id),
            ) else {
                return;
            };
            j.touchpoints.push(Touchpoint {
                id: id(seed, 1),
                stage: s,
                lane: l,
                order: "n".into(),
                title: w.clone(),
                personas: j.personas.iter().take(1).map(|p| p.id).collect(),
                ..Touchpoint::default()
            });
        }
        Edit::DeleteCard(i) => {
            if let Some(t) = pick(&j.touchpoints, *i).map(|t| t.id) {
                j.delete_touchpoint(t);
            }
        }
        Edit::AddNote(i, w) => {
            let target = match i % 3 {
                0 => pick(&j.touchpoints, *i).map_or(Target::Map, |t| Target::Touchpoint(t.id)),
                1 => pick(&j.stages, *i).map_or(Target::Map, |s| Target::Stage(s.id)),
                _ => Target::Map,
            };
            j.annotations.push(Annotation {
                id: id(seed, 2),
                kind: AnnotationKind::Idea,
                text: w.clone(),
                author: "tester".into(),
                created_at: format!("2026-11-22T11:{:02}:00Z", seed % 60),
                target,
                ..Annotation::default()
            });
        }
        Edit::EditNote(i, w) => {
            if let Some(a) = pick_mut(&mut j.annotations, *i) {
                a.text = w.clone();
            }
        }
        Edit::Vote(i, who) => {
            if let Some(a) = pick_mut(&mut j.annotations, *i) {
                *a.votes.entry(who.clone()).or_insert(0) += 1;
            }
        }
        Edit::DeleteNote(i) => {
            if let Some(a) = pick(&j.annotations, *i).map(|a| a.id) {
                j.annotations.retain(|x| x.id != a);
            }
        }
        Edit::RenameStage(i, w) => {
            if let Some(s) = pick_mut(&mut j.stages, *i) {
                s.name = w.clone();
            }
        }
        Edit::MoveStageLast(i) => {
            let last = j.stages.last().map(|s| s.order.clone());
            if let (Some(s), Some(last)) = (pick_mut(&mut j.stages, *i), last) {
                s.order = crate::order::key_between(Some(&last), None).unwrap_or(last);
            }
        }
        Edit::AddStage(w) => {
            let last = j.stages.last().map(|s| s.order.clone());
            j.stages.push(Stage {
                id: id(seed, 3),
                order: crate::order::key_between(last.as_deref(), None).unwrap_or("z".into()),
                name: w.clone(),
                ..Stage::default()
            });
        }
        Edit::DeleteStage(i) => {
            if let Some(s) = pick(&j.stages, *i).map(|s| s.id) {
                j.delete_stage(s);
            }
        }
        Edit::DeleteLane(i) => {
            if let Some(l) = pick(&j.lanes, *i).map(|l| l.id) {
                j.delete_lane(l);
            }
        }
        Edit::DeletePersona(i) => {
            if let Some(p) = pick(&j.personas, *i).map(|p| p.id) {
                j.personas.retain(|x| x.id != p);
                if j.primary_persona == Some(p) {
                    j.primary_persona = None;
                }
            }
        }
        Edit::Retitle(w) => j.title = w.clone(),
        Edit::AddAnswer(i, v, w) => {
            if let Some(t) = pick(&j.touchpoints, *i).map(|t| t.id) {
                let r = SurveyResponse {
                    touchpoint: t,
                    respondent: format!("r{}", seed % 50),
                    date: "2026-10-01".into(),
                    scale: Scale::Nps,
                    value: f64::from(*v),
                    comment: w.clone(),
                };
                j.responses.retain(|x| x.key() != r.key());
                j.responses.push(r);
            }
        }
        Edit::DeleteAnswer(i) => {
            if let Some(k) = pick(&j.responses, *i).map(SurveyResponse::key) {
                j.responses.retain(|x| x.key() != k);
            }
        }
        Edit::SetEvidence(i, wave, v) => {
            if let Some(t) = pick(&j.touchpoints, *i).map(|t| t.id) {
                let mut stats = crate::evidence::AnswerStats::default();
                stats.nps[usize::from(*v)] = 1 + seed % 5;
                let e = crate::evidence::WaveEvidence {
                    touchpoint: t,
                    wave: format!("Q{wave}"),
                    stats,
                };
                j.evidence.retain(|x| x.key() != e.key());
                j.evidence.push(e);
            }
        }
        Edit::DeleteEvidence(i) => {
            if let Some(k) = pick(&j.evidence, *i).map(|e| e.key()) {
                j.evidence.retain(|x| x.key() != k);
            }
        }
        Edit::Connect(a, b) => {
            if let (Some(a), Some(b)) = (card_id(j, *a), card_id(j, *b)) {
                j.connections.push(Connection {
                    id: id(seed, 4),
                    from: a,
                    to: b,
                    label: String::new(),
                });
            }
        }
        Edit::DeleteConnection(i) => {
            if let Some(c) = pick(&j.connections, *i).map(|c| c.id) {
                j.connections.retain(|x| x.id != c);
            }
        }
        Edit::Hostile(_) => {}
    }
}

fn card_id(j: &Journey, i: usize) -> Option<Id> {
    pick(&j.touchpoints, i).map(|t| t.id)
}

fn pick_mut<T>(items: &mut [T], i: usize) -> Option<&mut T> {
    let n = items.len();
    (n > 0).then(|| &mut items[i % n])
}
