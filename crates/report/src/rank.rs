//! The team's notes on one touchpoint in the order the report and the deck
//! list them (the board, `waymark_score::board`, ranks the pain points and
//! opportunities themselves).

use waymark_core::{Annotation, AnnotationKind, Id, Journey, Target};

/// The notes on one touchpoint other than questions, most votes first, then
/// oldest first.
pub fn notes_on(j: &Journey, touchpoint: Id) -> Vec<&Annotation> {
    let mut notes: Vec<&Annotation> = j
        .annotations
        .iter()
        .filter(|a| {
            a.target == Target::Touchpoint(touchpoint) && a.kind != AnnotationKind::Question
        })
        .collect();
    notes.sort_by(|a, b| {
        b.vote_count()
            .cmp(&a.vote_count())
            .then(a.created_at.cmp(&b.created_at))
    });
    notes
}
