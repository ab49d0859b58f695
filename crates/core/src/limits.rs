//! The limits on what Waymark reads: file sizes, text lengths and counts.
//! One table, checked by every importer while it reads (so memory stays
//! proportional to what is accepted) and listed in the README.

use std::fmt;

use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

use crate::model::Journey;

/// One limit: its name (as in the README), its default, the unit it counts
/// and what it bounds, phrased as the subject of an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub name: &'static str,
    pub max: usize,
    pub unit: &'static str,
    pub what: &'static str,
}

impl Limit {
    const fn new(name: &'static str, max: usize, unit: &'static str, what: &'static str) -> Self {
        Limit {
            name,
            max,
            unit,
            what,
        }
    }

    /// The refusal when `found` is known: "a title: 10,485,760 bytes, more
    /// than the limit of 65,536".
    pub fn exceeded(&self, found: usize) -> String {
        format!(
            "{}: {} {}, more than the limit of {}",
            self.what,
            group(found),
            self.unit,
            group(self.max)
        )
    }

    /// The refusal when counting stopped at the first item over the limit.
    pub fn too_many(&self) -> String {
        format!(
            "{}: more than the limit of {} {}",
            self.what,
            group(self.max),
            self.unit
        )
    }

    /// The default as the README's table gives it: "32 MiB", "20,000".
    pub fn default_text(&self) -> String {
        match self.unit {
            "bytes" if self.max.is_multiple_of(MIB) => format!("{} MiB", self.max / MIB),
            "bytes" if self.max.is_multiple_of(1024) => format!("{} KiB", self.max / 1024),
            _ => group(self.max),
        }
    }

    /// `Err` with [`Limit::too_many`] once `count` passes the limit.
    pub fn check(&self, count: usize) -> Result<(), String> {
        if count > self.max {
            Err(self.too_many())
        } else {
            Ok(())
        }
    }
}

const MIB: usize = 1024 * 1024;

/// The longest title or name the editors let one type (characters): a
/// title is a line on a card, not a page. Importers keep [`TEXT_BYTES`].
pub const TITLE_CHARS: usize = 200;
/// The longest description or note text the editors let one type (characters).
pub const DESCRIPTION_CHARS: usize = 5_000;

/// A `.waymark` or Mermaid file.
pub const MAP_FILE_BYTES: Limit = Limit::new(
    "map file",
    32 * MIB,
    "bytes",
    "a .waymark or Mermaid file to import",
);
/// A survey CSV.
pub const SURVEY_FILE_BYTES: Limit =
    Limit::new("survey file", 32 * MIB, "bytes", "a survey CSV to import");
/// Any one text: a title, name, description, note, comment, cell.
pub const TEXT_BYTES: Limit = Limit::new(
    "text",
    64 * 1024,
    "bytes",
    "one title, name, description, note or survey cell",
);
pub const STAGES: Limit = Limit::new(
    "stages",
    500,
    "stages",
    "stages (Mermaid sections) in a map",
);
pub const LANES: Limit = Limit::new("lanes", 100, "lanes", "lanes in a map");
pub const TOUCHPOINTS: Limit = Limit::new(
    "touchpoints",
    20_000,
    "touchpoints",
    "touchpoints (Mermaid tasks) in a map",
);
pub const PERSONAS: Limit = Limit::new(
    "personas",
    500,
    "personas",
    "personas (Mermaid actors) in a map",
);
pub const CONNECTIONS: Limit = Limit::new(
    "connections",
    50_000,
    "connections",
    "arrows between touchpoints in a map",
);
pub const NOTES: Limit = Limit::new("notes", 20_000, "notes", "notes (annotations) on a map");
pub const LIST_ITEMS: Limit = Limit::new(
    "list items",
    1_000,
    "items",
    "tags, goals, frustrations, actors or votes of one entry",
);
pub const ANSWERS: Limit = Limit::new(
    "answers",
    1_000_000,
    "answers",
    "survey answers stored in a map",
);
pub const ANSWERS_PER_FILE: Limit = Limit::new(
    "answers per file",
    200_000,
    "answers",
    "survey answers in one CSV",
);
/// Problems listed for one file; the rest are counted, not listed.
pub const ERRORS_LISTED: Limit = Limit::new(
    "errors listed",
    100,
    "problems",
    "problems listed for one file (the rest are counted)",
);

/// Every limit, for the README and the fronts.
pub const ALL: [Limit; 13] = [
    MAP_FILE_BYTES,
    SURVEY_FILE_BYTES,
    TEXT_BYTES,
    STAGES,
    LANES,
    TOUCHPOINTS,
    PERSONAS,
    CONNECTIONS,
    NOTES,
    LIST_ITEMS,
    ANSWERS,
    ANSWERS_PER_FILE,
    ERRORS_LISTED,
];

/// `n` with thousands separators: 1,000,000.
pub fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Serde helpers: a list that stops with an error at its first item over
/// the limit, so a file with a million stages never builds a million.
macro_rules! bounded_lists {
    ($($fn_name:ident => $limit:expr),* $(,)?) => {
        $(
            pub(crate) fn $fn_name<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
            where
                D: Deserializer<'de>,
                T: Deserialize<'de>,
            {
                bounded(d, $limit)
            }
        )*
    };
}

bounded_lists! {
    stages => STAGES,
    lanes => LANES,
    touchpoints => TOUCHPOINTS,
    personas => PERSONAS,
    connections => CONNECTIONS,
    notes => NOTES,
    answers => ANSWERS,
}

/// The first text or list in `j` over its limit, named by its path
/// (`touchpoints[3].title`). Lists read from a file were already bounded
/// while reading; this catches journeys built some other way and texts.
pub fn check_journey(j: &Journey) -> Result<(), String> {
    let lists = [
        ("personas", j.personas.len(), PERSONAS),
        ("stages", j.stages.len(), STAGES),
        ("lanes", j.lanes.len(), LANES),
        ("touchpoints", j.touchpoints.len(), TOUCHPOINTS),
        ("connections", j.connections.len(), CONNECTIONS),
        ("annotations", j.annotations.len(), NOTES),
        ("responses", j.responses.len(), ANSWERS),
    ];
    for (path, n, limit) in lists {
        limit.check(n).map_err(|e| format!("{path}: {e}"))?;
    }
    for (f, t) in [
        ("title", &j.title),
        ("description", &j.description),
        ("scenario", &j.scenario),
        ("expectations", &j.expectations),
    ] {
        text(|| f.to_string(), t)?;
    }
    for (i, p) in j.personas.iter().enumerate() {
        for (f, t) in [("name", &p.name), ("role", &p.role), ("quote", &p.quote)] {
            text(|| format!("personas[{i}].{f}"), t)?;
        }
        for (f, list) in [("goals", &p.goals), ("frustrations", &p.frustrations)] {
            items(|| format!("personas[{i}].{f}"), list.len())?;
            for t in list {
                text(|| format!("personas[{i}].{f}"), t)?;
            }
        }
    }
    for (i, s) in j.stages.iter().enumerate() {
        for (f, t) in [
            ("name", &s.name),
            ("description", &s.description),
            ("customer_goal", &s.customer_goal),
            ("order", &s.order),
        ] {
            text(|| format!("stages[{i}].{f}"), t)?;
        }
    }
    for (i, l) in j.lanes.iter().enumerate() {
        text(|| format!("lanes[{i}].name"), &l.name)?;
        text(|| format!("lanes[{i}].order"), &l.order)?;
    }
    for (i, t) in j.touchpoints.iter().enumerate() {
        for (f, v) in [
            ("title", &t.title),
            ("description", &t.description),
            ("channel", &t.channel),
            ("owner", &t.owner),
            ("order", &t.order),
        ] {
            text(|| format!("touchpoints[{i}].{f}"), v)?;
        }
        items(|| format!("touchpoints[{i}].tags"), t.tags.len())?;
        items(|| format!("touchpoints[{i}].personas"), t.personas.len())?;
        for tag in &t.tags {
            text(|| format!("touchpoints[{i}].tags"), tag)?;
        }
    }
    for (i, c) in j.connections.iter().enumerate() {
        text(|| format!("connections[{i}].label"), &c.label)?;
    }
    for (i, a) in j.annotations.iter().enumerate() {
        text(|| format!("annotations[{i}].text"), &a.text)?;
        text(|| format!("annotations[{i}].author"), &a.author)?;
        items(|| format!("annotations[{i}].votes"), a.votes.len())?;
        for name in a.votes.keys() {
            text(|| format!("annotations[{i}].votes"), name)?;
        }
    }
    for (i, r) in j.responses.iter().enumerate() {
        text(|| format!("responses[{i}].respondent"), &r.respondent)?;
        text(|| format!("responses[{i}].comment"), &r.comment)?;
    }
    Ok(())
}

fn text(path: impl FnOnce() -> String, t: &str) -> Result<(), String> {
    if t.len() > TEXT_BYTES.max {
        return Err(format!("{}: {}", path(), TEXT_BYTES.exceeded(t.len())));
    }
    Ok(())
}

fn items(path: impl FnOnce() -> String, n: usize) -> Result<(), String> {
    LIST_ITEMS.check(n).map_err(|e| format!("{}: {e}", path()))
}

fn bounded<'de, D, T>(d: D, limit: Limit) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Bounded<T>(Limit, std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for Bounded<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a list of at most {} {}", group(self.0.max), self.0.unit)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::new();
            while let Some(item) = seq.next_element()? {
                if out.len() == self.0.max {
                    return Err(serde::de::Error::custom(self.0.too_many()));
                }
                out.push(item);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(Bounded(limit, std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands_and_words_refusals() {
        assert_eq!(group(999_900), "999,900");
        assert_eq!(group(12), "12");
        assert_eq!(
            STAGES.too_many(),
            "stages (Mermaid sections) in a map: more than the limit of 500 stages"
        );
        assert_eq!(
            TEXT_BYTES.exceeded(10 * MIB),
            "one title, name, description, note or survey cell: 10,485,760 bytes, more than the limit of 65,536"
        );
        assert!(STAGES.check(500).is_ok() && STAGES.check(501).is_err());
    }
}
