//! What an update changed, read from what it touched: the projection that
//! followed the update entity by entity hands the check the touched
//! entities as they were ([`waymark_api::Before::Touched`]); this module
//! pairs each with what it is now and validates only those, so a workshop
//! participant's role check costs what the update changed, not the map.

use std::collections::HashSet;

use waymark_core::doc::{EVIDENCE, RESPONSES};
use waymark_core::evidence::WaveEvidence;
use waymark_core::incremental::Touched;
use waymark_core::model::{Annotation, Id, Journey, SurveyResponse, Target};
use waymark_core::validate::{problem_at, validate};

/// The touched entities, before and after the update.
pub(crate) struct Changed<'a> {
    was: &'a Journey,
    after: &'a Journey,
    touched: &'a Touched,
}

/// The touched entities of one collection that are no longer what they were.
fn differ<E: PartialEq>(
    touched: &Touched,
    name: &str,
    was: &[E],
    after: &[E],
    id: impl Fn(&E) -> Id,
) -> bool {
    ids(touched, name).any(|k| find(was, k, &id) != find(after, k, &id))
}

/// The touched ids of a collection (a key that is no id was never projected).
fn ids<'t>(touched: &'t Touched, name: &str) -> impl Iterator<Item = Id> + 't {
    touched.keys_of(name).filter_map(|k| k.parse().ok())
}

fn find<E>(items: &[E], key: Id, id: impl Fn(&E) -> Id) -> Option<&E> {
    items.iter().find(|e| id(e) == key)
}

/// An answer by key in answers sorted by key (as the projection keeps them).
fn answer<'e>(answers: &'e [SurveyResponse], key: &str) -> Option<&'e SurveyResponse> {
    answers
        .binary_search_by(|r| r.key().as_str().cmp(key))
        .ok()
        .map(|i| &answers[i])
}

/// A touchpoint's statistics from one wave, by their document key (few
/// are touched at a time: a scan beats an index).
fn statistics<'e>(evidence: &'e [WaveEvidence], key: &str) -> Option<&'e WaveEvidence> {
    evidence.iter().find(|e| e.key() == key)
}

impl<'a> Changed<'a> {
    pub fn new(was: &'a Journey, touched: &'a Touched, after: &'a Journey) -> Changed<'a> {
        Changed {
            was,
            after,
            touched,
        }
    }

    /// The journey's own fields changed.
    fn meta(&self) -> bool {
        let (b, a) = (self.was, self.after);
        b.title != a.title
            || b.description != a.description
            || b.scenario != a.scenario
            || b.expectations != a.expectations
            || b.primary_persona != a.primary_persona
            || b.settings != a.settings
            || b.inputs != a.inputs
            || b.targets != a.targets
    }

    /// Something other than a note changed.
    pub fn beyond_notes(&self) -> bool {
        let (t, b, a) = (self.touched, self.was, self.after);
        self.meta()
            || differ(t, "personas", &b.personas, &a.personas, |e| e.id)
            || differ(t, "stages", &b.stages, &a.stages, |e| e.id)
            || differ(t, "lanes", &b.lanes, &a.lanes, |e| e.id)
            || differ(t, "touchpoints", &b.touchpoints, &a.touchpoints, |e| e.id)
            || differ(t, "connections", &b.connections, &a.connections, |e| e.id)
            || t.keys_of(RESPONSES)
                .any(|k| answer(&b.responses, k) != answer(&a.responses, k))
            || t.keys_of(EVIDENCE)
                .any(|k| statistics(&b.evidence, k) != statistics(&a.evidence, k))
    }

    /// Nothing the projection shows changed.
    pub fn nothing(&self) -> bool {
        !self.beyond_notes()
            && !differ(
                self.touched,
                "annotations",
                &self.was.annotations,
                &self.after.annotations,
                |e| e.id,
            )
    }

    /// The touched notes as they were and as they are.
    pub fn notes(&self) -> (Vec<&'a Annotation>, Vec<&'a Annotation>) {
        let touched = ids(self.touched, "annotations");
        let (mut before, mut after) = (Vec::new(), Vec::new());
        for id in touched {
            before.extend(find(&self.was.annotations, id, |e| e.id));
            after.extend(find(&self.after.annotations, id, |e| e.id));
        }
        (before, after)
    }

    /// A problem [`validate`] finds in a touched entity (or the journey's
    /// own fields) after the update that it did not find in that entity
    /// before. Only the touched entities and what they refer to are
    /// validated; the projection already refused a touched entity that
    /// refers to something missing or shares an id.
    pub fn new_problem(&self) -> Option<String> {
        let after = self.part(false);
        let before = self.part(true);
        let was: HashSet<(String, String)> = validate(&before)
            .iter()
            .map(|p| keyed(&before, p))
            .collect();
        validate(&after)
            .into_iter()
            .find(|p| !was.contains(&keyed(&after, p)))
            .map(|p| p.to_string())
    }

    /// The touched entities (as they were, or as they are) with the
    /// personas, stages, lanes and touchpoints the touched ones now refer
    /// to, those untouched taken from the map after the update.
    fn part(&self, before: bool) -> Journey {
        let (t, now) = (self.touched, self.after);
        let side = if before { self.was } else { now };
        // A touched entity as it is on this side; an untouched one from now.
        fn pick<E: Clone>(
            touched: &HashSet<Id>,
            side: &[E],
            now: &[E],
            wanted: impl Iterator<Item = Id>,
            id: impl Fn(&E) -> Id,
        ) -> Vec<E> {
            let mut seen = HashSet::new();
            wanted
                .filter(|w| seen.insert(*w))
                .filter_map(|w| {
                    let from = if touched.contains(&w) { side } else { now };
                    find(from, w, &id).cloned()
                })
                .collect()
        }
        let set = |name| ids(t, name).collect::<HashSet<Id>>();
        let (personas, stages, lanes, cards) = (
            set("personas"),
            set("stages"),
            set("lanes"),
            set("touchpoints"),
        );
        let connections: Vec<_> = ids(t, "connections")
            .filter_map(|i| find(&side.connections, i, |e| e.id).cloned())
            .collect();
        let annotations: Vec<_> = ids(t, "annotations")
            .filter_map(|i| find(&side.annotations, i, |e| e.id).cloned())
            .collect();
        let responses: Vec<_> = t
            .keys_of(RESPONSES)
            .filter_map(|k| answer(&side.responses, k).cloned())
            .collect();
        let evidence: Vec<_> = t
            .keys_of(EVIDENCE)
            .filter_map(|k| statistics(&side.evidence, k).cloned())
            .collect();
        // The touchpoints the touched entities refer to, now.
        let referred = ids(t, "connections")
            .filter_map(|i| find(&now.connections, i, |e| e.id))
            .flat_map(|c| [c.from, c.to])
            .chain(
                ids(t, "annotations")
                    .filter_map(|i| find(&now.annotations, i, |e| e.id))
                    .filter_map(|a| match a.target {
                        Target::Touchpoint(id) => Some(id),
                        _ => None,
                    }),
            )
            .chain(
                t.keys_of(RESPONSES)
                    .filter_map(|k| answer(&now.responses, k))
                    .map(|r| r.touchpoint),
            )
            .chain(
                t.keys_of(EVIDENCE)
                    .filter_map(|k| statistics(&now.evidence, k))
                    .map(|e| e.touchpoint),
            );
        Journey {
            title: side.title.clone(),
            description: side.description.clone(),
            scenario: side.scenario.clone(),
            expectations: side.expectations.clone(),
            primary_persona: side.primary_persona,
            settings: side.settings.clone(),
            inputs: side.inputs.clone(),
            targets: side.targets,
            personas: pick(
                &personas,
                &side.personas,
                &now.personas,
                now.personas
                    .iter()
                    .map(|e| e.id)
                    .chain(personas.iter().copied()),
                |e| e.id,
            ),
            stages: pick(
                &stages,
                &side.stages,
                &now.stages,
                now.stages
                    .iter()
                    .map(|e| e.id)
                    .chain(stages.iter().copied()),
                |e| e.id,
            ),
            lanes: pick(
                &lanes,
                &side.lanes,
                &now.lanes,
                now.lanes.iter().map(|e| e.id).chain(lanes.iter().copied()),
                |e| e.id,
            ),
            touchpoints: pick(
                &cards,
                &side.touchpoints,
                &now.touchpoints,
                cards.iter().copied().chain(referred),
                |e| e.id,
            ),
            connections,
            annotations,
            responses,
            evidence,
        }
    }
}

/// A problem by the entity it is about (not its place in the part, which
/// differs before and after) and its message.
fn keyed(part: &Journey, p: &waymark_core::Problem) -> (String, String) {
    let subject = match problem_at(p) {
        Some((collection, i)) => {
            let id = match collection {
                "personas" => part.personas.get(i).map(|e| e.id.to_string()),
                "stages" => part.stages.get(i).map(|e| e.id.to_string()),
                "lanes" => part.lanes.get(i).map(|e| e.id.to_string()),
                "touchpoints" => part.touchpoints.get(i).map(|e| e.id.to_string()),
                "connections" => part.connections.get(i).map(|e| e.id.to_string()),
                "annotations" => part.annotations.get(i).map(|e| e.id.to_string()),
                "responses" => part.responses.get(i).map(|e| e.key()),
                "evidence" => part.evidence.get(i).map(|e| e.key()),
                _ => None,
            };
            format!("{collection}/{}", id.unwrap_or_default())
        }
        None => p.path.clone(),
    };
    (subject, p.message.clone())
}
