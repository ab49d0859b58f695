//! Relational tables derived from a map's document, so the library file answers
//! SQL questions without decoding Yjs. Only rows that changed are written.

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Transaction};
use waymark_core::Journey;

/// A row's primary key and its values (without `map_id`).
type Row = (String, Vec<Value>);

/// One derived table: its name, columns after `map_id`, and the rows of a
/// journey keyed by their primary key.
struct Table {
    name: &'static str,
    key: &'static str,
    columns: &'static [&'static str],
    rows: fn(&Journey) -> Vec<Row>,
}

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
        rows: |j| {
            j.personas
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    (
                        p.id.to_string(),
                        vec![
                            text(&p.id.to_string()),
                            Value::Integer(i as i64),
                            text(&p.name),
                            text(&p.role),
                            json(&p.goals),
                            json(&p.frustrations),
                            text(&p.quote),
                        ],
                    )
                })
                .collect()
        },
    },
    Table {
        name: "stages",
        key: "id",
        columns: &["id", "position", "name", "description", "customer_goal"],
        rows: |j| {
            j.stages
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    (
                        s.id.to_string(),
                        vec![
                            text(&s.id.to_string()),
                            Value::Integer(i as i64),
                            text(&s.name),
                            text(&s.description),
                            text(&s.customer_goal),
                        ],
                    )
                })
                .collect()
        },
    },
    Table {
        name: "lanes",
        key: "id",
        columns: &["id", "position", "name", "kind"],
        rows: |j| {
            j.lanes
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    (
                        l.id.to_string(),
                        vec![
                            text(&l.id.to_string()),
                            Value::Integer(i as i64),
                            text(&l.name),
                            text(l.kind.as_str()),
                        ],
                    )
                })
                .collect()
        },
    },
    Table {
        name: "touchpoints",
        key: "id",
        columns: &[
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
            "emotion",
            "friction",
            "steps",
            "expected_steps",
            "transfers",
            "channel_switches",
            "wait_minutes",
            "wait_desired_minutes",
            "wait_adequate_minutes",
            "fcr_rate",
            "error_rate",
            "aht_minutes",
            "reach",
        ],
        rows: |j| {
            // Touchpoints are normalized by (stage, lane, order): the position
            // is the index inside the cell.
            let mut cell_index: HashMap<(uuid::Uuid, uuid::Uuid), i64> = HashMap::new();
            j.touchpoints
                .iter()
                .map(|t| {
                    let pos = cell_index.entry((t.stage, t.lane)).or_insert(0);
                    let position = *pos;
                    *pos += 1;
                    let i = &t.inputs;
                    (
                        t.id.to_string(),
                        vec![
                            text(&t.id.to_string()),
                            text(&t.stage.to_string()),
                            text(&t.lane.to_string()),
                            Value::Integer(position),
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
                        ],
                    )
                })
                .collect()
        },
    },
    Table {
        name: "connections",
        key: "id",
        columns: &["id", "from_id", "to_id", "label"],
        rows: |j| {
            j.connections
                .iter()
                .map(|c| {
                    (
                        c.id.to_string(),
                        vec![
                            text(&c.id.to_string()),
                            text(&c.from.to_string()),
                            text(&c.to.to_string()),
                            text(&c.label),
                        ],
                    )
                })
                .collect()
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
        rows: |j| {
            j.annotations
                .iter()
                .map(|a| {
                    (
                        a.id.to_string(),
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
                        ],
                    )
                })
                .collect()
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
        rows: |j| {
            j.responses
                .iter()
                .map(|r| {
                    let key = r.key();
                    (
                        key.clone(),
                        vec![
                            text(&key),
                            text(&r.touchpoint.to_string()),
                            text(&r.respondent),
                            text(&r.date),
                            text(r.scale.metric()),
                            text(r.scale.as_str()),
                            Value::Real(r.value),
                            text(&r.comment),
                        ],
                    )
                })
                .collect()
        },
    },
];

/// Brings the derived rows of `map_id` from `old` (what the tables hold now,
/// `None` when unknown) to `new`.
pub fn write(
    tx: &Transaction,
    map_id: &str,
    old: Option<&Journey>,
    new: &Journey,
) -> rusqlite::Result<()> {
    for table in TABLES {
        let new_rows = (table.rows)(new);
        let old_rows: HashMap<String, Vec<Value>> = match old {
            Some(old) => (table.rows)(old).into_iter().collect(),
            None => {
                tx.execute(
                    &format!("DELETE FROM {} WHERE map_id = ?1", table.name),
                    [map_id],
                )?;
                HashMap::new()
            }
        };
        let placeholders: Vec<String> = (0..=table.columns.len())
            .map(|i| format!("?{}", i + 1))
            .collect();
        let mut upsert = tx.prepare_cached(&format!(
            "INSERT OR REPLACE INTO {} (map_id, {}) VALUES ({})",
            table.name,
            table.columns.join(", "),
            placeholders.join(", ")
        ))?;
        let mut seen = std::collections::HashSet::with_capacity(new_rows.len());
        for (key, values) in &new_rows {
            seen.insert(key.as_str());
            if old_rows.get(key) == Some(values) {
                continue;
            }
            let params =
                std::iter::once(Value::Text(map_id.to_string())).chain(values.iter().cloned());
            upsert.execute(params_from_iter(params))?;
        }
        if old.is_some() {
            let mut delete = tx.prepare_cached(&format!(
                "DELETE FROM {} WHERE map_id = ?1 AND {} = ?2",
                table.name, table.key
            ))?;
            for key in old_rows.keys().filter(|k| !seen.contains(k.as_str())) {
                delete.execute([map_id, key.as_str()])?;
            }
        }
    }
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
    Ok(())
}
