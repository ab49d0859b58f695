//! Each pain point of the report carries its touchpoint's top theme from
//! the comments, with one quote; a touchpoint without one shows none.

mod common;

use common::*;
use waymark_report::{layout, Section};

#[test]
fn a_pain_point_shows_its_top_theme_and_a_quote() {
    let j = template("bank-lost-card");
    let sc = waymark_score::score(&j);
    let board = waymark_score::board(&j, &sc);
    let top = board
        .pain_points()
        .find_map(|i| i.touchpoint)
        .expect("a pain point on a touchpoint");
    let comments = [
        "On hold for 40 minutes, then transferred twice",
        "Hold music for an hour, nobody answered",
        "Card blocked abroad",
    ];
    let theme = waymark_score::themes::themes(&comments, &waymark_score::themes::TUNING)
        .themes
        .remove(0);
    let mut o = options();
    o.sections = vec![Section::PainPoints];
    let text = |o: &waymark_report::ReportOptions| -> String {
        layout(&j, &sc, o)
            .unwrap()
            .pages
            .iter()
            .flat_map(|p| p.boxes.iter().map(|b| b.text.clone()))
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(!text(&o).contains("Top theme"));
    o.themes.insert(top, theme.clone());
    let t = text(&o);
    assert!(
        t.contains("Top theme in the comments: hold — 2 comments (67%)"),
        "{t}"
    );
    assert!(t.contains(&format!("“{}", &theme.quotes[0][..20])), "{t}");
}
