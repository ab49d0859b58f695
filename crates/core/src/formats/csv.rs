//! Every CSV Waymark writes goes through [`write_table`]: RFC 4180 quoting,
//! and cells a spreadsheet would run as a formula neutralised. Also the
//! touchpoints export: one row each, with its stage, lane and every scoring
//! input, for spreadsheets and BI tools.

use std::borrow::Cow;

use crate::model::Journey;

/// The cell as a spreadsheet reads it safely (OWASP's CSV injection rule):
/// text starting with `=`, `+`, `-`, `@`, tab or carriage return gets a
/// leading `'`, so `=HYPERLINK(...)` is shown, not run. Plain numbers such
/// as `-3` or `+1.5` stay numbers.
pub fn safe_cell(text: &str) -> Cow<'_, str> {
    let risky = matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    );
    if risky && !is_plain_number(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// `-3`, `+1.5`, `2e3`: an optional sign, digits with at most one point,
/// an optional exponent, nothing else.
fn is_plain_number(text: &str) -> bool {
    let body = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (body, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((a, b)) => {
            (digits(a) || a.is_empty()) && (digits(b) || b.is_empty()) && a.len() + b.len() > 0
        }
        None => digits(mantissa),
    };
    mantissa_ok && exponent.is_none_or(digits)
}

/// A table as CSV text (RFC 4180: CRLF line ends, quotes where needed): the
/// header, then the rows, every cell through [`safe_cell`]. Rows may be
/// shorter or longer than the header.
pub fn write_table<R, C>(header: &[&str], rows: impl IntoIterator<Item = R>) -> String
where
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(header.iter().map(|h| safe_cell(h).into_owned()))
        .expect("write to memory");
    for row in rows {
        let cells: Vec<String> = row
            .into_iter()
            .map(|c| safe_cell(c.as_ref()).into_owned())
            .collect();
        w.write_record(&cells).expect("write to memory");
    }
    String::from_utf8(w.into_inner().expect("flush to memory")).expect("CSV of UTF-8 text is UTF-8")
}

pub const HEADER: [&str; 29] = crate::schema::columns(
    [
        "id",
        "stage",
        "stage_id",
        "lane",
        "lane_kind",
        "lane_id",
        "order",
        "title",
        "description",
        "channel",
        "owner",
        "nature",
        "moment_of_truth",
        "evidence",
        "tags",
        "personas",
    ],
    crate::schema::INPUT_KEYS,
);

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The touchpoints as CSV (RFC 4180, header row first), in map order.
pub fn touchpoints_to_string(journey: &Journey) -> String {
    let mut j = journey.clone();
    j.normalize();
    let rows = j.touchpoints.iter().map(|t| {
        let stage = j.stage(t.stage);
        let lane = j.lane(t.lane);
        let personas: Vec<&str> = t
            .personas
            .iter()
            .filter_map(|id| j.persona(*id))
            .map(|p| p.name.as_str())
            .collect();
        let i = &t.inputs;
        vec![
            t.id.to_string(),
            stage.map(|s| s.name.clone()).unwrap_or_default(),
            t.stage.to_string(),
            lane.map(|l| l.name.clone()).unwrap_or_default(),
            lane.map(|l| l.kind.as_str().to_string())
                .unwrap_or_default(),
            t.lane.to_string(),
            t.order.clone(),
            t.title.clone(),
            t.description.clone(),
            t.channel.clone(),
            t.owner.clone(),
            t.nature.as_str().to_string(),
            t.moment_of_truth.to_string(),
            t.evidence.as_str().to_string(),
            t.tags.join("; "),
            personas.join("; "),
            opt(i.emotion),
            opt(i.friction),
            opt(i.steps),
            opt(i.expected_steps),
            opt(i.transfers),
            opt(i.channel_switches),
            opt(i.wait_minutes),
            opt(i.wait_desired_minutes),
            opt(i.wait_adequate_minutes),
            opt(i.fcr_rate),
            opt(i.error_rate),
            opt(i.aht_minutes),
            opt(i.reach),
        ]
    });
    write_table(&HEADER, rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Stage, Touchpoint};

    #[test]
    fn formula_like_cells_get_a_quote_and_numbers_stay_numbers() {
        for (cell, out) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+1+2", "'+1+2"),
            ("-cmd", "'-cmd"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("-", "'-"),
            ("-.", "'-."),
            ("-3", "-3"),
            ("+1.5", "+1.5"),
            ("-2e3", "-2e3"),
            ("-.5", "-.5"),
            ("Call the bank", "Call the bank"),
            ("", ""),
        ] {
            assert_eq!(safe_cell(cell), out, "{cell:?}");
        }
    }

    #[test]
    fn the_touchpoints_export_neutralises_map_text() {
        let mut j = Journey::new("=cmd|' /C calc'!A0");
        let stage = uuid::Uuid::from_u128(1);
        j.stages.push(Stage {
            id: stage,
            order: "V".into(),
            name: "@SUM(1+1)".into(),
            ..Stage::default()
        });
        for (n, title) in [
            (2, "=HYPERLINK(\"http://evil\",\"x\")"),
            (3, "\tTab"),
            (4, "+A1*2"),
        ] {
            j.touchpoints.push(Touchpoint {
                id: uuid::Uuid::from_u128(n),
                stage,
                lane: uuid::Uuid::from_u128(9),
                order: format!("{n}"),
                title: title.into(),
                owner: "-2".into(),
                ..Touchpoint::default()
            });
        }
        j.touchpoints[0].inputs.emotion = Some(-2);
        let text = touchpoints_to_string(&j);
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
        let col = |name: &str| HEADER.iter().position(|h| *h == name).unwrap();
        assert_eq!(&rows[0][col("title")], "'=HYPERLINK(\"http://evil\",\"x\")");
        assert_eq!(&rows[0][col("stage")], "'@SUM(1+1)");
        assert_eq!(&rows[0][col("emotion")], "-2", "numbers stay numbers");
        assert_eq!(&rows[0][col("owner")], "-2");
        assert_eq!(&rows[1][col("title")], "'\tTab");
        assert_eq!(&rows[2][col("title")], "'+A1*2");
        for row in &rows {
            for cell in row {
                assert!(
                    !cell.starts_with(['=', '+', '@', '\t', '\r'])
                        && (!cell.starts_with('-') || cell.parse::<f64>().is_ok()),
                    "{cell:?}"
                );
            }
        }
    }
}
