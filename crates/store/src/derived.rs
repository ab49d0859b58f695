//! Relational tables derived from a map's document, so the library file answers
//! SQL questions without decoding Yjs. Only rows that changed are written:
//! entities are compared in the typed model first, so a one-field edit of a
//! 600-touchpoint map builds and writes one row. After an incremental
//! projection only the entities the change touched are compared.
//!
//! Longer than 600 lines on purpose: each table's row, its comparison and
//! its SQL sit together, so a new column is a change to one file.

use std::collections::{HashMap, HashSet};

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Transaction};
use waymark_core::doc::RESPONSES;
use waymark_core::incremental::Touched;
use waymark_core::*;

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}
fn opt_int<T: Into<i64>>(v: Option<T>) -> Value {
    v.map(|v| Value::Integer(v.into())).unwrap_or(Value::Null)
}
fn opt_real(v: Option<f64>) -> Value {
    v.map(Value::Real).unwrap_or(Value::Null)
}
fn json<T: serde::Serialize>(v: &T) -> Value {
    Value::Text(serde_json::to_string(v).expect("serializable"))
}

/// Positions: the index in map order, or for touchpoints the index in their
/// cell (each cell is whole in what is diffed, see [`Before::cells`]).
fn index_positions<T>(items: &[&T]) -> Vec<i64> {
    (0..items.len() as i64).collect()
}
fn no_positions<T>(items: &[&T]) -> Vec<i64> {
    vec![0; items.len()]
}
fn cell_positions(items: &[&Touchpoint]) -> Vec<i64> {
    let mut next: HashMap<(Id, Id), i64> = HashMap::new();
    items
        .iter()
        .map(|t| {
            let n = next.entry((t.stage, t.lane)).or_insert(0);
            *n += 1;
            *n - 1
        })
        .collect()
}

/// Where a table's rows to upsert go, one at a time (so a whole map's rows
/// are never held at once).
type Upsert<'a> = &'a mut dyn FnMut(Vec<Value>) -> rusqlite::Result<()>;

/// Hands `upsert` the rows that go from `old` to `new` and returns the keys
/// to delete.
fn diff<T: PartialEq>(
    upsert: Upsert,
    old: Option<Vec<&T>>,
    new: Vec<&T>,
    key: fn(&T) -> String,
    positions: fn(&[&T]) -> Vec<i64>,
    row: fn(&T, i64) -> Vec<Value>,
) -> rusqlite::Result<Vec<String>> {
    let new_pos = positions(&new);
    let Some(old) = old else {
        for (e, p) in new.into_iter().zip(new_pos) {
            upsert(row(e, p))?;
        }
        return Ok(Vec::new());
    };
    let old_pos = positions(&old);
    let mut before: HashMap<String, (&T, i64)> = old
        .into_iter()
        .zip(old_pos)
        .map(|(e, p)| (key(e), (e, p)))
        .collect();
    for (e, p) in new.into_iter().zip(new_pos) {
        match before.remove(&key(e)) {
            Some((o, op)) if o == e && op == p => {}
            _ => upsert(row(e, p))?,
        }
    }
    Ok(before.into_keys().collect())
}

/// What the derived tables held before a write, as far as the writer knows.
#[derive(Clone, Copy)]
pub enum Before<'a> {
    /// Nothing: every row of the map is written again.
    Unknown,
    /// The whole map.
    Whole(&'a Journey),
    /// What a change touched (`touched`, from an incremental projection):
    /// `was` holds at least the touched entities as they were; every
    /// entity not touched is the same, in the same place, after.
    Touched {
        was: &'a Journey,
        touched: &'a Touched,
    },
}

/// The entities of one table to compare, before (`None`: unknown) and after.
type Pick<'a, T> = (Option<Vec<&'a T>>, Vec<&'a T>);

/// `items` whose id is in `ids`.
fn with_ids<'a, T>(items: &'a [T], ids: &HashSet<Id>, id: fn(&T) -> Id) -> Vec<&'a T> {
    if ids.is_empty() {
        return Vec::new();
    }
    items.iter().filter(|e| ids.contains(&id(e))).collect()
}

impl<'a> Before<'a> {
    fn all<T: 'a>(&self, old: impl FnOnce(&'a Journey) -> &'a [T], new: &'a [T]) -> Pick<'a, T> {
        let old = match self {
            Before::Unknown | Before::Touched { .. } => None,
            Before::Whole(j) => Some(old(j).iter().collect()),
        };
        (old, new.iter().collect())
    }

    /// Small ordered collections: a touched entity may move every row's
    /// position, so the whole collection, rebuilt as it was.
    fn whole<T: 'a>(
        &self,
        name: &str,
        old: impl FnOnce(&'a Journey) -> &'a [T],
        new: &'a [T],
        order: fn(&T) -> (&str, Id),
    ) -> Pick<'a, T> {
        let Before::Touched { was, touched } = self else {
            return self.all(old, new);
        };
        let ids = ids_of(touched, name);
        if ids.is_empty() {
            return (Some(Vec::new()), Vec::new());
        }
        let id = |e: &T| order(e).1;
        let mut before: Vec<&T> = new.iter().filter(|e| !ids.contains(&id(e))).collect();
        before.extend(old(was).iter().filter(|e| ids.contains(&id(e))));
        before.sort_by(|a, b| order(a).cmp(&order(b)));
        (Some(before), new.iter().collect())
    }

    /// Touchpoints: those of every cell a touched one left or entered.
    fn cells(&self, new: &'a [Touchpoint]) -> Pick<'a, Touchpoint> {
        let Before::Touched { was, touched } = self else {
            return self.all(|j| &j.touchpoints, new);
        };
        let ids = ids_of(touched, "touchpoints");
        let old_touched = with_ids(&was.touchpoints, &ids, |t| t.id);
        let new_touched = with_ids(new, &ids, |t| t.id);
        let cells: HashSet<(Id, Id)> = old_touched
            .iter()
            .chain(&new_touched)
            .map(|tp| (tp.stage, tp.lane))
            .collect();
        if cells.is_empty() {
            return (Some(Vec::new()), Vec::new());
        }
        let after: Vec<&Touchpoint> = new
            .iter()
            .filter(|tp| cells.contains(&(tp.stage, tp.lane)))
            .collect();
        let mut before: Vec<&Touchpoint> = after
            .iter()
            .copied()
            .filter(|tp| !ids.contains(&tp.id))
            .chain(old_touched)
            .collect();
        // Positions count within a cell, in (order, id) order.
        before.sort_by(|a, b| {
            (a.stage, a.lane, a.order.as_str(), a.id).cmp(&(
                b.stage,
                b.lane,
                b.order.as_str(),
                b.id,
            ))
        });
        (Some(before), after)
    }

    /// Unordered entities: the touched ones.
    fn ids<T: 'a>(
        &self,
        name: &str,
        old: impl FnOnce(&'a Journey) -> &'a [T],
        new: &'a [T],
        id: fn(&T) -> Id,
    ) -> Pick<'a, T> {
        let Before::Touched { was, touched } = self else {
            return self.all(old, new);
        };
        let ids = ids_of(touched, name);
        (Some(with_ids(old(was), &ids, id)), with_ids(new, &ids, id))
    }

    /// Answers (sorted by key, many): the touched ones, found by key.
    fn answers(&self, new: &'a [SurveyResponse]) -> Pick<'a, SurveyResponse> {
        let Before::Touched { was, touched } = self else {
            return self.all(|j| &j.responses, new);
        };
        let pick = |items: &'a [SurveyResponse]| {
            touched
                .keys_of(RESPONSES)
                .filter_map(|k| {
                    let at = items.binary_search_by(|r| r.key().as_str().cmp(k)).ok()?;
                    Some(&items[at])
                })
                .collect()
        };
        (Some(pick(&was.responses)), pick(new))
    }
}

/// The ids among a collection's touched keys.
fn ids_of(t: &Touched, name: &str) -> HashSet<Id> {
    if t.count(name) == 0 {
        return HashSet::new();
    }
    t.keys_of(name).filter_map(|k| k.parse().ok()).collect()
}

/// One derived table: its name, key column, columns after `map_id`, and how
/// to diff a journey's entities into rows.
struct Table {
    name: &'static str,
    key: &'static str,
    columns: &'static [&'static str],
    changes: fn(&Before, &Journey, Upsert) -> rusqlite::Result<Vec<String>>,
}

const TABLES: &[Table] = &[
    Table {
        name: "personas",
        key: "id",
        columns: &[
            "id",
            "position",
            "name",
            "role",
            "goals",
            "frustrations",
            "quote",
        ],
        changes: |before, new, upsert| {
            let (old, new) = before.whole(
                "personas",
                |j| &j.personas,
                &new.personas,
                |p| (&p.order, p.id),
            );
            diff(
                upsert,
                old,
                new,
                |p| p.id.to_string(),
                index_positions,
                |p, pos| {
                    vec![
                        text(&p.id.to_string()),
                        Value::Integer(pos),
                        text(&p.name),
                        text(&p.role),
                        json(&p.goals),
                        json(&p.frustrations),
                        text(&p.quote),
                    ]
                },
            )
        },
    },
    Table {
        name: "stages",
        key: "id",
        columns: &["id", "position", "name", "description", "customer_goal"],
        changes: |before, new, upsert| {
            let (old, new) =
                before.whole("stages", |j| &j.stages, &new.stages, |s| (&s.order, s.id));
            diff(
                upsert,
                old,
                new,
                |s| s.id.to_string(),
                index_positions,
                |s, pos| {
                    vec![
                        text(&s.id.to_string()),
                        Value::Integer(pos),
                        text(&s.name),
                        text(&s.description),
                        text(&s.customer_goal),
                    ]
                },
            )
        },
    },
    Table {
        name: "lanes",
        key: "id",
        columns: &["id", "position", "name", "kind"],
        changes: |before, new, upsert| {
            let (old, new) = before.whole("lanes", |j| &j.lanes, &new.lanes, |l| (&l.order, l.id));
            diff(
                upsert,
                old,
                new,
                |l| l.id.to_string(),
                index_positions,
                |l, pos| {
                    vec![
                        text(&l.id.to_string()),
                        Value::Integer(pos),
                        text(&l.name),
                        text(l.kind.as_str()),
                    ]
                },
            )
        },
    },
    Table {
        name: "touchpoints",
        key: "id",
        columns: &waymark_core::schema::columns::<12, 13, 25>(
            [
                "id",
                "stage_id",
                "lane_id",
                "position",
                "title",
                "description",
                "channel",
                "owner",
                "nature",
                "moment_of_truth",
                "evidence",
                "tags",
            ],
            waymark_core::schema::INPUT_KEYS,
        ),
        changes: |before, new, upsert| {
            let (old, new) = before.cells(&new.touchpoints);
            diff(
                upsert,
                old,
                new,
                |t| t.id.to_string(),
                cell_positions,
                |t, pos| {
                    let i = &t.inputs;
                    vec![
                        text(&t.id.to_string()),
                        text(&t.stage.to_string()),
                        text(&t.lane.to_string()),
                        Value::Integer(pos),
                        text(&t.title),
                        text(&t.description),
                        text(&t.channel),
                        text(&t.owner),
                        text(t.nature.as_str()),
                        Value::Integer(t.moment_of_truth as i64),
                        text(t.evidence.as_str()),
                        json(&t.tags),
                        opt_int(i.emotion),
                        opt_int(i.friction),
                        opt_int(i.steps),
                        opt_int(i.expected_steps),
                        opt_int(i.transfers),
                        opt_int(i.channel_switches),
                        opt_real(i.wait_minutes),
                        opt_real(i.wait_desired_minutes),
                        opt_real(i.wait_adequate_minutes),
                        opt_real(i.fcr_rate),
                        opt_real(i.error_rate),
                        opt_real(i.aht_minutes),
                        i.reach
                            .map(|r| Value::Integer(r.min(i64::MAX as u64) as i64))
                            .unwrap_or(Value::Null),
                    ]
                },
            )
        },
    },
    Table {
        name: "connections",
        key: "id",
        columns: &["id", "from_id", "to_id", "label"],
        changes: |before, new, upsert| {
            let (old, new) = before.ids(
                "connections",
                |j| &j.connections,
                &new.connections,
                |c| c.id,
            );
            diff(
                upsert,
                old,
                new,
                |c| c.id.to_string(),
                no_positions,
                |c, _| {
                    vec![
                        text(&c.id.to_string()),
                        text(&c.from.to_string()),
                        text(&c.to.to_string()),
                        text(&c.label),
                    ]
                },
            )
        },
    },
    Table {
        name: "annotations",
        key: "id",
        columns: &[
            "id",
            "kind",
            "text",
            "author",
            "created_at",
            "resolved",
            "target_kind",
            "target_id",
            "votes",
            "voters",
        ],
        changes: |before, new, upsert| {
            let (old, new) = before.ids(
                "annotations",
                |j| &j.annotations,
                &new.annotations,
                |a| a.id,
            );
            diff(
                upsert,
                old,
                new,
                |a| a.id.to_string(),
                no_positions,
                |a, _| {
                    vec![
                        text(&a.id.to_string()),
                        text(a.kind.as_str()),
                        text(&a.text),
                        text(&a.author),
                        text(&a.created_at),
                        Value::Integer(a.resolved as i64),
                        text(a.target.kind_str()),
                        a.target
                            .id()
                            .map(|id| text(&id.to_string()))
                            .unwrap_or(Value::Null),
                        Value::Integer(a.vote_count() as i64),
                        json(&a.votes),
                    ]
                },
            )
        },
    },
    Table {
        name: "responses",
        key: "key",
        columns: &[
            "key",
            "touchpoint_id",
            "respondent",
            "date",
            "metric",
            "scale",
            "value",
            "comment",
        ],
        changes: |before, new, upsert| {
            let (old, new) = before.answers(&new.responses);
            diff(
                upsert,
                old,
                new,
                SurveyResponse::key,
                no_positions,
                response_row,
            )
        },
    },
];

fn response_row(r: &SurveyResponse, _: i64) -> Vec<Value> {
    vec![
        text(&r.key()),
        text(&r.touchpoint.to_string()),
        text(&r.respondent),
        text(&r.date),
        text(r.scale.metric()),
        text(r.scale.as_str()),
        Value::Real(r.value),
        text(&r.comment),
    ]
}

fn upsert_statement<'t>(
    tx: &'t Transaction,
    table: &Table,
) -> rusqlite::Result<rusqlite::CachedStatement<'t>> {
    let placeholders: Vec<String> = (0..=table.columns.len())
        .map(|i| format!("?{}", i + 1))
        .collect();
    tx.prepare_cached(&format!(
        "INSERT OR REPLACE INTO {} (map_id, {}) VALUES ({})",
        table.name,
        table.columns.join(", "),
        placeholders.join(", ")
    ))
}

/// Writes the derived rows of answers added to (or replaced in) `map_id`,
/// when nothing else of the map changed: the survey import's write, which
/// never holds the map's rows before and after.
pub fn upsert_responses<'a>(
    tx: &Transaction,
    map_id: &str,
    responses: impl IntoIterator<Item = &'a SurveyResponse>,
) -> rusqlite::Result<()> {
    let table = TABLES
        .iter()
        .find(|t| t.name == "responses")
        .expect("the responses table");
    let mut stmt = upsert_statement(tx, table)?;
    for r in responses {
        let params = std::iter::once(Value::Text(map_id.to_string())).chain(response_row(r, 0));
        stmt.execute(params_from_iter(params))?;
    }
    Ok(())
}

/// Brings the derived rows of `map_id` from what they hold (`before`) to
/// `new`.
pub fn write(
    tx: &Transaction,
    map_id: &str,
    before: Before,
    new: &Journey,
) -> rusqlite::Result<()> {
    for table in TABLES {
        if matches!(before, Before::Unknown) {
            tx.execute(
                &format!("DELETE FROM {} WHERE map_id = ?1", table.name),
                [map_id],
            )?;
        }
        let mut stmt = None;
        let mut upsert = |values: Vec<Value>| -> rusqlite::Result<()> {
            if stmt.is_none() {
                stmt = Some(upsert_statement(tx, table)?);
            }
            let params = std::iter::once(Value::Text(map_id.to_string())).chain(values);
            stmt.as_mut()
                .expect("prepared above")
                .execute(params_from_iter(params))?;
            Ok(())
        };
        let deletes = (table.changes)(&before, new, &mut upsert)?;
        if !deletes.is_empty() {
            let mut delete = tx.prepare_cached(&format!(
                "DELETE FROM {} WHERE map_id = ?1 AND {} = ?2",
                table.name, table.key
            ))?;
            for key in deletes {
                delete.execute([map_id, key.as_str()])?;
            }
        }
    }
    // Known only with the whole map before; otherwise one statement more.
    let changed_meta = before_whole(&before).is_none_or(|o| {
        o.title != new.title
            || o.description != new.description
            || o.main_persona().map(|p| &p.name) != new.main_persona().map(|p| &p.name)
            || o.stages.len() != new.stages.len()
            || o.touchpoints.len() != new.touchpoints.len()
            || o.annotations.len() != new.annotations.len()
    });
    if changed_meta {
        tx.execute(
            "UPDATE maps SET title = ?2, description = ?3, persona = ?4, stage_count = ?5, touchpoint_count = ?6, annotation_count = ?7 WHERE id = ?1",
            rusqlite::params![
                map_id,
                new.title,
                new.description,
                new.main_persona().map(|p| p.name.clone()),
                new.stages.len() as i64,
                new.touchpoints.len() as i64,
                new.annotations.len() as i64,
            ],
        )?;
    }
    Ok(())
}

fn before_whole<'a>(before: &Before<'a>) -> Option<&'a Journey> {
    match before {
        Before::Whole(j) => Some(j),
        _ => None,
    }
}

/// Where the derived rows of `map_id` differ from what `journey` projects
/// to, one line per table (empty when they agree): the check that the
/// tables are the document's projection.
pub fn differences(
    conn: &rusqlite::Connection,
    map_id: &str,
    journey: &Journey,
) -> rusqlite::Result<Vec<String>> {
    let mut out = Vec::new();
    for table in TABLES {
        let key_at = table
            .columns
            .iter()
            .position(|c| *c == table.key)
            .expect("the key is a column");
        let mut expected: HashMap<String, Vec<Value>> = HashMap::new();
        (table.changes)(&Before::Unknown, journey, &mut |values| {
            let key = match &values[key_at] {
                Value::Text(t) => t.clone(),
                other => format!("{other:?}"),
            };
            expected.insert(key, values);
            Ok(())
        })?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {} FROM {} WHERE map_id = ?1",
            table.columns.join(", "),
            table.name
        ))?;
        let stored: HashMap<String, Vec<Value>> = stmt
            .query_map([map_id], |r| {
                let values = (0..table.columns.len())
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                let key = match &values[key_at] {
                    Value::Text(t) => t.clone(),
                    other => format!("{other:?}"),
                };
                Ok((key, values))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let missing = expected.keys().filter(|k| !stored.contains_key(*k)).count();
        let extra = stored.keys().filter(|k| !expected.contains_key(*k)).count();
        let changed = expected
            .iter()
            .filter(|(k, v)| stored.get(*k).is_some_and(|s| s != *v))
            .count();
        if missing + extra + changed > 0 {
            out.push(format!(
                "{}: {missing} rows missing, {extra} rows extra, {changed} rows differ",
                table.name
            ));
        }
    }
    let meta: (String, String, Option<String>, i64, i64, i64) = conn.query_row(
        "SELECT title, description, persona, stage_count, touchpoint_count, annotation_count FROM maps WHERE id = ?1",
        [map_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
    )?;
    let want = (
        journey.title.clone(),
        journey.description.clone(),
        journey.main_persona().map(|p| p.name.clone()),
        journey.stages.len() as i64,
        journey.touchpoints.len() as i64,
        journey.annotations.len() as i64,
    );
    if meta != want {
        out.push(format!(
            "maps: the row says {meta:?}, the document {want:?}"
        ));
    }
    Ok(out)
}
