//! Numbers, colours and words: how figures read in the report and the deck
//! (`waymark-deck` uses these, so both show the same scale and phrasing).

use waymark_core::Journey;
use waymark_score::{BoardItem, Factor, ItemSource, ScoreKind, TouchpointScore};

pub const NA: &str = "n/a";

/// A figure with a real minus sign, or "n/a".
pub fn num(v: Option<f64>, decimals: usize) -> String {
    match v {
        Some(v) if v.is_finite() => signed(v, decimals, false),
        _ => NA.to_string(),
    }
}

/// A 0–100 priority as every front prints it: the whole number the scorecard
/// holds (100 = the map's top item), or "n/a".
pub fn priority(p: Option<u8>) -> String {
    p.map_or_else(|| NA.to_string(), |p| p.to_string())
}

/// Like [`num`] with an explicit "+" on positive values.
pub fn num_signed(v: Option<f64>, decimals: usize) -> String {
    match v {
        Some(v) if v.is_finite() => signed(v, decimals, true),
        _ => NA.to_string(),
    }
}

fn signed(v: f64, decimals: usize, plus: bool) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let zero = s.chars().all(|c| c == '0' || c == '.');
    if v < 0.0 && !zero {
        format!("-{s}")
    } else if plus && !zero {
        format!("+{s}")
    } else {
        s
    }
}

/// Sequential, colour-blind-safe friction scale (ColorBrewer YlOrBr, 5 classes).
pub const FRICTION_SCALE: [u32; 5] = [0xffffd4, 0xfee391, 0xfec44f, 0xfe9929, 0xcc4c02];
pub const NO_DATA: u32 = 0xeeeeee;
pub const INK: u32 = 0x1f2328;
pub const MUTED: u32 = 0x5b6470;
pub const RULE: u32 = 0xc9ced6;
pub const ACCENT: u32 = 0x1f4e79;

pub fn friction_color(f: Option<f64>) -> u32 {
    match f {
        Some(f) if f.is_finite() => FRICTION_SCALE[((f / 20.0).floor().clamp(0.0, 4.0)) as usize],
        _ => NO_DATA,
    }
}

/// Ink readable on a friction colour.
pub fn ink_on(bg: u32) -> u32 {
    if bg == FRICTION_SCALE[4] {
        0xffffff
    } else {
        INK
    }
}

/// Diverging, colour-blind-safe emotion colours (ColorBrewer PuOr): orange
/// for negative, grey neutral, purple positive.
pub fn emotion_color(e: Option<f64>) -> u32 {
    match e {
        Some(e) if e <= -50.0 => 0xb35806,
        Some(e) if e <= -10.0 => 0xf1a340,
        Some(e) if e < 10.0 => 0x9e9e9e,
        Some(e) if e < 50.0 => 0x998ec3,
        Some(_) => 0x542788,
        None => 0xd0d0d0,
    }
}

/// One phrase explaining a factor in the reader's words.
pub fn factor_phrase(f: &Factor) -> String {
    let r = f.raw;
    match f.factor.as_str() {
        "survey_effort" => format!("customers report high effort (CES {r:.1})"),
        "repeat_contact" => format!("only {:.0}% resolved first time", r * 100.0),
        "handoffs" => plural(r, "hand-off", "hand-offs"),
        "wait" => format!("{} wait", minutes(r)),
        "errors" => format!("{:.0}% errors or drop-off", r * 100.0),
        "extra_steps" => plural(r, "step", "steps"),
        "designer_severity" => format!("team rates friction {}/4", trim_num(r)),
        "survey_net" => format!("survey sentiment {}", num_signed(Some(f.normalized), 0)),
        "comment_sentiment" => {
            if f.normalized < 0.0 {
                "negative comments".to_string()
            } else {
                "positive comments".to_string()
            }
        }
        "designer_rating" => format!("team rates emotion {}/2", num_signed(Some(r), 0)),
        other => other.replace('_', " "),
    }
}

fn trim_num(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        num(Some(v), 0)
    } else {
        num(Some(v), 1)
    }
}

/// The one-line "why": the two friction factors adding the most points, and
/// the emotion when it is negative.
pub fn why(t: &TouchpointScore) -> String {
    let mut fr: Vec<&Factor> = t
        .factors
        .iter()
        .filter(|f| f.score == ScoreKind::Friction && f.points > 0.0)
        .collect();
    fr.sort_by(|a, b| b.points.total_cmp(&a.points));
    let mut parts: Vec<String> = fr
        .iter()
        .take(2)
        .map(|f| format!("{} (+{:.0})", factor_phrase(f), f.points))
        .collect();
    if let Some(e) = t.emotion.filter(|e| *e <= -10.0) {
        let label = t.label.map(|l| l.as_str()).unwrap_or("negative");
        parts.push(format!("feels like {label} ({})", num(Some(e), 0)));
    }
    // Behind the line of visibility a touchpoint ranks as a cause of the
    // customer touchpoints it feeds; a customer touchpoint names its causes.
    if t.behind_the_line {
        let served: Vec<&str> = t.serves.iter().map(|l| l.title.as_str()).collect();
        parts.insert(
            0,
            match served.as_slice() {
                [] => "backstage, feeds no customer touchpoint".to_string(),
                [one] => format!("backstage cause of \u{201c}{one}\u{201d}"),
                [one, rest @ ..] => format!(
                    "backstage cause of \u{201c}{one}\u{201d} and {} more",
                    rest.len()
                ),
            },
        );
    } else if let Some(cause) = t
        .fed_by
        .iter()
        .filter(|l| l.friction.is_some_and(|f| f > 0.0))
        .max_by(|a, b| {
            a.friction
                .unwrap_or(0.0)
                .total_cmp(&b.friction.unwrap_or(0.0))
        })
    {
        parts.push(format!("fed by backstage \u{201c}{}\u{201d}", cause.title));
    }
    if parts.is_empty() {
        "no measured factor yet".to_string()
    } else {
        let mut s = parts.join(", ");
        if let Some(first) = s.get(0..1) {
            s = first.to_uppercase() + &s[1..];
        }
        s
    }
}

/// A friendly name for a factor key.
pub fn factor_name(key: &str) -> String {
    match key {
        "survey_effort" => "Survey effort (CES)".into(),
        "repeat_contact" => "Repeat contact".into(),
        "handoffs" => "Hand-offs".into(),
        "wait" => "Wait".into(),
        "errors" => "Errors / drop-off".into(),
        "extra_steps" => "Extra steps".into(),
        "designer_severity" => "Designer severity".into(),
        "survey_net" => "Survey sentiment".into(),
        "comment_sentiment" => "Comment sentiment".into(),
        "designer_rating" => "Designer rating".into(),
        other => other.replace('_', " "),
    }
}

fn plural(v: f64, one: &str, many: &str) -> String {
    if (v - 1.0).abs() < 1e-9 {
        format!("1 {one}")
    } else {
        format!("{} {many}", trim_num(v))
    }
}

/// A duration in minutes as people say it: "45 min", "3 h", "30 days".
pub fn minutes(m: f64) -> String {
    if m >= 2.0 * 24.0 * 60.0 {
        format!(
            "{} days",
            trim_num((m / (24.0 * 60.0) * 10.0).round() / 10.0)
        )
    } else if m >= 120.0 {
        format!("{} h", trim_num((m / 60.0 * 10.0).round() / 10.0))
    } else {
        format!("{} min", trim_num(m))
    }
}

/// "1 vote", "3 votes".
pub fn votes(n: u32) -> String {
    if n == 1 {
        "1 vote".into()
    } else {
        format!("{n} votes")
    }
}

/// Why a board item is on the board, in one line: the largest score factors
/// for a touchpoint (`score`), the lane it was put in, or the note's author.
pub fn board_why(j: &Journey, score: Option<&TouchpointScore>, item: &BoardItem) -> String {
    match (item.source, score.map(why)) {
        (ItemSource::Lane, Some(why)) => {
            let mut c = why.chars();
            let first = c.next().map(|f| f.to_lowercase().collect::<String>());
            format!(
                "In a pain-points lane; {}{}",
                first.unwrap_or_default(),
                c.as_str()
            )
        }
        (_, Some(why)) => why,
        (_, None) => {
            let author = item
                .note
                .and_then(|n| j.annotations.iter().find(|a| a.id == n))
                .map(|a| a.author.trim())
                .filter(|a| !a.is_empty());
            match author {
                Some(a) => format!("A team note by {a}, {}", votes(item.votes)),
                None => format!("A team note, {}", votes(item.votes)),
            }
        }
    }
}
