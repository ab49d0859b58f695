//! Every text box stays inside its cell and its page, and no text is
//! smaller than 6 pt, for every template, page size and awkward map.

mod common;

use common::*;
use waymark_core::Journey;
use waymark_report::{layout, PageSize, Section, MIN_TEXT_PT};

fn check(name: &str, j: &Journey, size: PageSize) -> usize {
    check_with(name, j, size, None)
}

fn check_with(
    name: &str,
    j: &Journey,
    size: PageSize,
    trend: Option<waymark_score::trend::Trend>,
) -> usize {
    let sc = waymark_score::score(j);
    let mut o = options();
    o.page_size = size;
    o.trend = trend;
    let l = layout(j, &sc, &o).expect("lays out");
    assert!(!l.pages.is_empty(), "{name}: no pages");
    for (pi, p) in l.pages.iter().enumerate() {
        let page = waymark_report::Rect::new(0.0, 0.0, p.width, p.height);
        if p.section == Section::Map {
            assert!(p.width > p.height, "{name}: map page {pi} is not landscape");
        } else {
            assert!(p.width < p.height, "{name}: page {pi} is not portrait");
        }
        for b in &p.boxes {
            let at = format!(
                "{name} {size:?} page {} ({:?}): {:?}",
                pi + 1,
                p.section,
                b.text
            );
            assert!(b.size >= MIN_TEXT_PT, "{at}: {} pt text", b.size);
            assert!(
                page.contains(&b.cell),
                "{at}: cell {:?} leaves the page",
                b.cell
            );
            assert!(
                page.contains(&b.rect),
                "{at}: box {:?} leaves the page",
                b.rect
            );
            assert!(
                b.cell.contains(&b.rect),
                "{at}: box {:?} leaves its cell {:?}",
                b.rect,
                b.cell
            );
        }
    }
    l.pages.len()
}

#[test]
fn templates_fit_on_every_page_size() {
    for t in TEMPLATES {
        for size in PageSize::ALL {
            check(t, &template(t), size);
        }
    }
}

#[test]
fn survey_waves_and_targets_fit_on_every_page_size() {
    for t in TEMPLATES {
        let (j, trend) = with_waves(&template(t));
        for size in PageSize::ALL {
            let with = check_with(t, &j, size, Some(trend.clone()));
            assert!(with > check(t, &j, size), "{t} {size:?}: no trend page");
        }
    }
    let (j, trend) = with_waves(&wide(40, 2));
    check_with("forty stages", &j, PageSize::A4, Some(trend));
}

#[test]
fn one_stage_empty_and_forty_stage_maps_fit() {
    for size in PageSize::ALL {
        check("one stage", &wide(1, 4), size);
        check("empty", &Journey::new(""), size);
        let pages = check("forty stages", &wide(40, 3), size);
        assert!(pages > 5, "40 stages need several map pages, got {pages}");
    }
}

#[test]
fn a_tall_cell_splits_over_pages_with_headers_repeated() {
    let j = wide(2, 30);
    let sc = waymark_score::score(&j);
    let l = layout(&j, &sc, &options()).unwrap();
    let maps: Vec<_> = l
        .pages
        .iter()
        .filter(|p| p.section == Section::Map)
        .collect();
    assert!(maps.len() > 1);
    for p in maps {
        assert!(
            p.boxes.iter().any(|b| b.text.starts_with("Stage 1:")),
            "stage header repeated"
        );
    }
    check("tall", &j, PageSize::A4);
}

#[test]
fn the_synthetic_600_touchpoint_map_fits() {
    let j = waymark_core::synth::journey(waymark_core::synth::Size::LARGE, 7);
    check("synthetic", &j, PageSize::A4);
}

/// Every card whose channel Waymark knows shows that channel's icon on the
/// map, on the page, clear of every text box.
#[test]
fn channel_icons_sit_on_the_map_clear_of_the_text() {
    for t in TEMPLATES {
        let j = template(t);
        let l = layout(&j, &waymark_score::score(&j), &options()).unwrap();
        let mut drawn: Vec<String> = Vec::new();
        for p in l.pages.iter().filter(|p| p.section == Section::Map) {
            let page = waymark_report::Rect::new(0.0, 0.0, p.width, p.height);
            for (name, r) in &p.icons {
                assert!(page.contains(r), "{t}: {name} icon leaves the page");
                for b in &p.boxes {
                    let apart = r.right() <= b.rect.x
                        || b.rect.right() <= r.x
                        || r.bottom() <= b.rect.y
                        || b.rect.bottom() <= r.y;
                    assert!(apart, "{t}: the {name} icon covers {:?}", b.text);
                }
                drawn.push(name.clone());
            }
        }
        let mut expected: Vec<String> = j
            .touchpoints
            .iter()
            .filter_map(|tp| waymark_core::channels::channel_kind(&tp.channel))
            .map(|k| k.label().to_string())
            .collect();
        drawn.sort();
        expected.sort();
        assert!(!expected.is_empty(), "{t}");
        assert_eq!(drawn, expected, "{t}");
    }
}
