//! Behind the line of visibility. A touchpoint in a backstage or
//! support-process lane is work the customer never sees: a 3-day internal
//! queue is not customer pain by itself. It hurts the customer only through
//! the customer-facing touchpoints it feeds, so:
//!
//! * it **serves** the customer-facing touchpoints it reaches by arrows
//!   (either direction, passing through other backstage touchpoints);
//! * its impact is the highest impact among those it serves × its own
//!   friction/100 — a cause ranks *under* the customer pain it feeds, and
//!   a backstage step feeding nothing painful ranks 0;
//! * it is a pain point only when its own scores cross the thresholds
//!   *and* it serves a customer-facing pain point;
//! * each customer-facing touchpoint lists the backstage ones **fed by**,
//!   so its explanation names its upstream causes. Their friction is not
//!   added to the customer's: what the customer waits for is already
//!   measured at the touchpoint they wait at.
//!
//! The rule is applied once, in [`crate::score`], before priorities are set.

use std::collections::{HashMap, HashSet, VecDeque};

use waymark_core::{Id, Journey, LaneKind};

use crate::scorecard::{Linked, TouchpointScore};

/// Lanes behind the line of visibility.
pub fn behind_the_line(kind: LaneKind) -> bool {
    matches!(kind, LaneKind::Backstage | LaneKind::SupportProcesses)
}

fn linked(t: &TouchpointScore) -> Linked {
    Linked {
        id: t.id,
        title: t.title.clone(),
        friction: t.friction,
        pain_point: t.pain_point,
        priority: None,
    }
}

/// Applies the rule to scored touchpoints (any order) of `j`: impacts,
/// pain-point flags and the `serves` / `fed_by` links. Run after each
/// touchpoint has its own impact.
pub(crate) fn apply(j: &Journey, scores: &mut [&mut TouchpointScore]) {
    let lane_kind: HashMap<Id, LaneKind> = j.lanes.iter().map(|l| (l.id, l.kind)).collect();
    let behind: HashSet<Id> = j
        .touchpoints
        .iter()
        .filter(|t| lane_kind.get(&t.lane).is_some_and(|k| behind_the_line(*k)))
        .map(|t| t.id)
        .collect();
    if behind.is_empty() {
        return;
    }
    let at: HashMap<Id, usize> = scores.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    let mut next: HashMap<Id, Vec<Id>> = HashMap::new();
    for c in &j.connections {
        if at.contains_key(&c.from) && at.contains_key(&c.to) && c.from != c.to {
            next.entry(c.from).or_default().push(c.to);
            next.entry(c.to).or_default().push(c.from);
        }
    }

    // For each backstage touchpoint, in map order: the customer-facing ones
    // it reaches, in the order found (breadth first, arrows as drawn).
    let mut serves: Vec<(usize, Vec<usize>)> = Vec::new();
    for t in j.touchpoints.iter().filter(|t| behind.contains(&t.id)) {
        let Some(&i) = at.get(&t.id) else { continue };
        let mut seen = HashSet::from([t.id]);
        let mut queue = VecDeque::from([t.id]);
        let mut found = Vec::new();
        while let Some(id) = queue.pop_front() {
            for n in next.get(&id).into_iter().flatten() {
                if !seen.insert(*n) {
                    continue;
                }
                if behind.contains(n) {
                    queue.push_back(*n);
                } else {
                    found.push(at[n]);
                }
            }
        }
        serves.push((i, found));
    }

    for (i, found) in &serves {
        let top = found
            .iter()
            .filter_map(|f| scores[*f].impact)
            .fold(0.0, f64::max);
        let feeds_pain = found.iter().any(|f| scores[*f].pain_point);
        let links: Vec<Linked> = found.iter().map(|f| linked(scores[*f])).collect();
        let b = &mut *scores[*i];
        b.behind_the_line = true;
        b.impact = b.friction.map(|f| top * f / 100.0);
        b.pain_point = b.pain_point && feeds_pain;
        b.serves = links;
    }
    for (i, found) in &serves {
        let link = linked(scores[*i]);
        for f in found {
            scores[*f].fed_by.push(link.clone());
        }
    }
}

/// Fills in the linked touchpoints' priorities once they are set.
pub(crate) fn link_priorities(scores: &mut [TouchpointScore]) {
    let priority: HashMap<Id, Option<u8>> = scores.iter().map(|s| (s.id, s.priority)).collect();
    for s in scores.iter_mut() {
        for l in s.serves.iter_mut().chain(s.fed_by.iter_mut()) {
            l.priority = priority.get(&l.id).copied().flatten();
        }
    }
}
