//! What the report and the deck rank, in one place: pain points by
//! priority, notes by votes, ideas and opportunity-lane touchpoints.

use waymark_core::{Annotation, AnnotationKind, Id, Journey, LaneKind, Target};
use waymark_score::{Scorecard, TouchpointScore};

/// Pain points, highest priority first (the scorecard's order).
pub fn pain_points(sc: &Scorecard) -> Vec<&TouchpointScore> {
    sc.touchpoints.iter().filter(|t| t.pain_point).collect()
}

/// Most votes first, then oldest first.
fn by_votes(notes: &mut [&Annotation]) {
    notes.sort_by(|a, b| {
        b.vote_count()
            .cmp(&a.vote_count())
            .then(a.created_at.cmp(&b.created_at))
    });
}

/// The notes on one touchpoint other than questions, most votes first.
pub fn notes_on(j: &Journey, touchpoint: Id) -> Vec<&Annotation> {
    let mut notes: Vec<&Annotation> = j
        .annotations
        .iter()
        .filter(|a| {
            a.target == Target::Touchpoint(touchpoint) && a.kind != AnnotationKind::Question
        })
        .collect();
    by_votes(&mut notes);
    notes
}

/// The team's ideas, most votes first.
pub fn ideas(j: &Journey) -> Vec<&Annotation> {
    let mut ideas: Vec<&Annotation> = j
        .annotations
        .iter()
        .filter(|a| a.kind == AnnotationKind::Idea)
        .collect();
    by_votes(&mut ideas);
    ideas
}

/// Touchpoints in opportunity lanes, highest priority first.
pub fn opportunities<'a>(j: &Journey, sc: &'a Scorecard) -> Vec<&'a TouchpointScore> {
    let lanes: Vec<Id> = j
        .lanes
        .iter()
        .filter(|l| l.kind == LaneKind::Opportunities)
        .map(|l| l.id)
        .collect();
    let mut out: Vec<&TouchpointScore> = sc
        .touchpoints
        .iter()
        .filter(|t| {
            j.touchpoint(t.id)
                .is_some_and(|tp| lanes.contains(&tp.lane))
        })
        .collect();
    out.sort_by(|a, b| {
        b.priority
            .unwrap_or(-1.0)
            .total_cmp(&a.priority.unwrap_or(-1.0))
    });
    out
}
