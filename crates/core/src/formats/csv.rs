//! CSV export of touchpoints: one row each, with its stage, lane and every
//! scoring input, for spreadsheets and BI tools.

use crate::model::Journey;

pub const HEADER: [&str; 29] = [
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
];

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The touchpoints as CSV (RFC 4180, header row first), in map order.
pub fn touchpoints_to_string(journey: &Journey) -> String {
    let mut j = journey.clone();
    j.normalize();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER).expect("write to memory");
    for t in &j.touchpoints {
        let stage = j.stage(t.stage);
        let lane = j.lane(t.lane);
        let personas: Vec<&str> = t
            .personas
            .iter()
            .filter_map(|id| j.persona(*id))
            .map(|p| p.name.as_str())
            .collect();
        let i = &t.inputs;
        let row = vec![
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
        ];
        w.write_record(&row).expect("write to memory");
    }
    String::from_utf8(w.into_inner().expect("flush to memory")).expect("CSV of UTF-8 text is UTF-8")
}
