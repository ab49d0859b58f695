//! The deck on the four templates, the synthetic 600-touchpoint map and a
//! blank map: sections, the 8 pt floor, shapes on the slide, speaker notes,
//! glued connectors, the package's parts, the logo and determinism.

use std::collections::BTreeSet;
use std::io::Read;

use waymark_core::Journey;
use waymark_deck::ooxml::shapes::{Shape, Slide};
use waymark_deck::ooxml::{SLIDE_H, SLIDE_W};
use waymark_deck::{layout, render, DeckError, DeckOptions, Section, MIN_TEXT_PT};

const TEMPLATES: [&str; 4] = [
    "bank-lost-card",
    "broadband-outage",
    "damaged-order-return",
    "saas-trial-onboarding",
];

/// Waymark's own app icon as a company logo.
const LOGO: &[u8] = include_bytes!("../../../src-tauri/icons/32x32.png");

fn template(name: &str) -> Journey {
    waymark_core::templates::load(name).expect("template")
}

fn options() -> DeckOptions {
    let mut o = DeckOptions::new("2026-03-01");
    o.company = Some("Northwind Bank".into());
    o.version_label = Some("Q1 review".into());
    o
}

fn texts(s: &Slide) -> Vec<String> {
    let mut out = Vec::new();
    for sh in &s.shapes {
        match sh {
            Shape::Box(b) => {
                if let Some(t) = &b.text {
                    out.extend(t.paras.iter().map(|p| p.text()));
                }
            }
            Shape::Table(t) => {
                for (_, cells) in &t.rows {
                    for c in cells {
                        out.extend(c.paras.iter().map(|p| p.text()));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn check_slides(name: &str, j: &Journey) -> waymark_deck::Layout {
    check_layout(name, j, &options())
}

fn check_layout(name: &str, j: &Journey, o: &DeckOptions) -> waymark_deck::Layout {
    let sc = waymark_score::score(j);
    let l = layout(j, &sc, o).unwrap();
    assert_eq!(l.slides.len(), l.sections.len());
    for (n, s) in l.slides.iter().enumerate() {
        let n = n + 1;
        for sh in &s.shapes {
            let b = sh.bounds();
            assert!(
                b.x >= -0.01
                    && b.y >= -0.01
                    && b.right() <= SLIDE_W + 0.01
                    && b.bottom() <= SLIDE_H + 0.01,
                "{name} slide {n}: {sh:?} leaves the slide"
            );
            let paras: Vec<_> = match sh {
                Shape::Box(b) => b.text.iter().flat_map(|t| t.paras.iter()).collect(),
                Shape::Table(t) => t
                    .rows
                    .iter()
                    .flat_map(|r| r.1.iter().flat_map(|c| c.paras.iter()))
                    .collect(),
                _ => vec![],
            };
            for p in paras {
                for r in &p.runs {
                    assert!(
                        r.size >= MIN_TEXT_PT,
                        "{name} slide {n}: {:?} at {} pt",
                        r.text,
                        r.size
                    );
                }
            }
            if let Shape::Line(line) = sh {
                if let Some(((a, _), (b, _))) = line.glue {
                    for i in [a, b] {
                        assert!(
                            matches!(&s.shapes[i], Shape::Box(b) if b.name.starts_with("Touchpoint: ")),
                            "{name} slide {n}: a connector is glued to {:?}",
                            s.shapes[i]
                        );
                    }
                }
            }
        }
        if l.sections[n - 1] != Section::Title {
            assert!(!s.notes.is_empty(), "{name} slide {n} has no speaker notes");
        }
        let titles = s
            .shapes
            .iter()
            .filter(|sh| matches!(sh, Shape::Box(b) if b.title))
            .count();
        assert_eq!(titles, 1, "{name} slide {n}: one title placeholder");
    }
    l
}

#[test]
fn every_template_gives_every_section_with_notes_text_on_the_slide_and_at_least_8_pt() {
    for name in TEMPLATES {
        let j = template(name);
        let l = check_slides(name, &j);
        let sections: BTreeSet<Section> = l.sections.iter().copied().collect();
        assert_eq!(
            sections,
            [
                Section::Title,
                Section::Summary,
                Section::Map,
                Section::Stages,
                Section::PainPoints
            ]
            .into_iter()
            .collect()
        );
        let stage_slides = l.sections.iter().filter(|s| **s == Section::Stages).count();
        assert_eq!(stage_slides, j.stages.len(), "{name}: one slide per stage");
        assert!(l.warnings.is_empty(), "{:?}", l.warnings);
        // The title slide names the journey, the company, the date and version.
        let title = texts(&l.slides[0]).join("\n");
        assert!(title.contains(j.title.trim()), "{title}");
        assert!(title.contains("Northwind Bank"));
        assert!(title.contains("2026-03-01 · version Q1 review"));
        // Every touchpoint is a card on some map slide, as editable text.
        let map_text: String = l
            .slides
            .iter()
            .zip(&l.sections)
            .filter(|(_, s)| **s == Section::Map)
            .flat_map(|(s, _)| s.shapes.iter())
            .filter_map(|sh| match sh {
                Shape::Box(b) if b.name.starts_with("Touchpoint: ") => Some(b.name.clone()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n");
        for t in &j.touchpoints {
            assert!(
                map_text.contains(&t.title),
                "{name}: {} is not on the map",
                t.title
            );
        }
        // Each map slide has the emotion curve as a freeform, or comes after one that has.
        let curves = l
            .slides
            .iter()
            .flat_map(|s| s.shapes.iter())
            .filter(|sh| matches!(sh, Shape::Freeform(f) if f.name == "Emotion curve"))
            .count();
        assert!(curves >= 1, "{name}: no emotion curve");
        // The pain points are a native table with the board's pain points,
        // in its order (lane and note pain points included).
        let board = waymark_score::board(&j, &waymark_score::score(&j));
        let rows: Vec<String> = l
            .slides
            .iter()
            .flat_map(|s| s.shapes.iter())
            .filter_map(|sh| match sh {
                Shape::Table(t) if t.name.starts_with("Pain points") => Some(t),
                _ => None,
            })
            .flat_map(|t| t.rows[1..].iter().map(|r| r.1[1].paras[0].text()))
            .collect();
        let want: Vec<String> = board.pain_points().map(|i| i.title.clone()).collect();
        assert_eq!(rows.len(), want.len(), "{name}");
        for (got, want) in rows.iter().zip(&want) {
            let got = got.trim_end_matches('…');
            assert!(want.starts_with(got), "{name}: {got:?} for {want:?}");
        }
    }
}

#[test]
fn the_connections_of_a_template_become_glued_connectors() {
    let j = template("bank-lost-card");
    let l = check_slides("bank-lost-card", &j);
    let glued = l
        .slides
        .iter()
        .flat_map(|s| s.shapes.iter())
        .filter(|sh| matches!(sh, Shape::Line(line) if line.glue.is_some() && line.arrow))
        .count();
    assert_eq!(glued, j.connections.len());
}

#[test]
fn each_card_with_a_known_channel_carries_its_icon_inside_the_card() {
    let j = template("bank-lost-card");
    let l = check_slides("bank-lost-card", &j);
    let shapes: Vec<&Shape> = l.slides.iter().flat_map(|s| s.shapes.iter()).collect();
    let icons: Vec<_> = shapes
        .iter()
        .filter_map(|sh| match sh {
            Shape::Freeform(f) if f.name.starts_with("Channel: ") => Some(f),
            _ => None,
        })
        .collect();
    let known = j
        .touchpoints
        .iter()
        .filter(|t| waymark_core::channels::channel_kind(&t.channel).is_some())
        .count();
    assert!(known > 0);
    assert_eq!(icons.len(), known);
    assert!(icons.iter().any(|f| f.name == "Channel: Phone"));
    for icon in &icons {
        // Round strokes inside the icon's frame, and the frame on a card.
        assert!(icon.stroke.round);
        for &(x, y) in icon.runs.iter().flatten() {
            let r = icon.frame;
            assert!(
                x >= r.x - 0.01
                    && x <= r.x + r.w + 0.01
                    && y >= r.y - 0.01
                    && y <= r.y + r.h + 0.01
            );
        }
        let on_a_card = shapes.iter().any(|sh| match sh {
            Shape::Box(b) if b.name.starts_with("Touchpoint: ") => {
                let (c, r) = (b.rect, icon.frame);
                r.x >= c.x && r.y >= c.y && r.x + r.w <= c.x + c.w && r.y + r.h <= c.y + c.h
            }
            _ => false,
        });
        assert!(on_a_card, "{} lies on no card", icon.name);
    }
}

#[test]
fn a_large_map_continues_over_slides_with_headers_repeated() {
    let j = waymark_core::synth::journey(waymark_core::synth::Size::LARGE, 7);
    let l = check_slides("synthetic", &j);
    let maps: Vec<&Slide> = l
        .slides
        .iter()
        .zip(&l.sections)
        .filter(|(_, s)| **s == Section::Map)
        .map(|(s, _)| s)
        .collect();
    assert!(maps.len() > 2, "{} map slides", maps.len());
    for s in &maps {
        let stages = s
            .shapes
            .iter()
            .filter(|sh| matches!(sh, Shape::Box(b) if b.name.starts_with("Stage: ")))
            .count();
        assert!((1..=7).contains(&stages), "{stages} stage headers");
        let lanes = s
            .shapes
            .iter()
            .filter(|sh| matches!(sh, Shape::Box(b) if b.name.starts_with("Lane: ")))
            .count();
        assert!(lanes >= 1, "lane labels repeated");
    }
    let cards = maps
        .iter()
        .flat_map(|s| s.shapes.iter())
        .filter(|sh| matches!(sh, Shape::Box(b) if b.name.starts_with("Touchpoint: ")))
        .count();
    assert_eq!(cards, j.touchpoints.len());
    // The rankings show their head and say how many are left out.
    let ranked: Vec<&Slide> = l
        .slides
        .iter()
        .zip(&l.sections)
        .filter(|(_, s)| **s == Section::PainPoints)
        .map(|(s, _)| s)
        .collect();
    assert!(ranked.len() <= 6, "{} ranking slides", ranked.len());
    let text = ranked
        .iter()
        .flat_map(|s| texts(s))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("The top 30 of "), "{text}");
    assert!(text.contains("The top 20 of "), "{text}");
}

#[test]
fn a_blank_map_still_gives_a_deck() {
    let j = template("blank");
    check_slides("blank", &j);
    let d = render(&j, &waymark_score::score(&j), &options()).unwrap();
    assert!(d.slides >= 4);
}

#[test]
fn sections_switch_on_and_off_and_bad_options_say_what_is_wrong() {
    let j = template("broadband-outage");
    let sc = waymark_score::score(&j);
    let mut o = options();
    o.sections = Section::parse_list("map, title").unwrap();
    let l = layout(&j, &sc, &o).unwrap();
    assert_eq!(l.sections[0], Section::Title);
    assert!(l.sections[1..].iter().all(|s| *s == Section::Map));
    assert!(l.warnings.is_empty());

    o.sections = Section::parse_list("map,trends").unwrap();
    assert_eq!(
        layout(&j, &sc, &o).unwrap().warnings,
        vec!["trends: this map has no survey waves yet, so the trends slide is left out"]
    );
    let e = Section::parse_list("title,appendix").unwrap_err();
    assert!(e.to_string().contains("\"appendix\""), "{e}");
    o.sections = vec![Section::Trends];
    assert!(matches!(layout(&j, &sc, &o), Err(DeckError::Invalid(m)) if m.contains("trends")));
    let mut bad = options();
    bad.date = "2026-02-30".into();
    assert!(
        matches!(render(&j, &sc, &bad), Err(DeckError::Invalid(m)) if m.contains("2026-02-30"))
    );
    bad = options();
    bad.logo = Some(b"GIF89a....".to_vec());
    let e = render(&j, &sc, &bad).unwrap_err();
    assert!(matches!(e, DeckError::Logo(_)));
    assert!(e.to_string().starts_with("logo: "), "{e}");
}

fn parts(pptx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(pptx)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().unwrap().to_string(), b)
        })
        .collect()
}

#[test]
fn the_package_has_every_part_well_formed_and_only_the_logo_as_a_picture() {
    let j = template("saas-trial-onboarding");
    let sc = waymark_score::score(&j);
    let mut o = options();
    o.logo = Some(LOGO.to_vec());
    let d = render(&j, &sc, &o).unwrap();
    let parts = parts(&d.pptx);
    let names: BTreeSet<&str> = parts.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(parts[0].0, "[Content_Types].xml");
    for must in [
        "_rels/.rels",
        "docProps/core.xml",
        "docProps/app.xml",
        "ppt/presentation.xml",
        "ppt/_rels/presentation.xml.rels",
        "ppt/slideMasters/slideMaster1.xml",
        "ppt/slideLayouts/slideLayout1.xml",
        "ppt/notesMasters/notesMaster1.xml",
        "ppt/theme/theme1.xml",
        "ppt/media/image1.png",
    ] {
        assert!(names.contains(must), "missing {must}");
    }
    let slides = names
        .iter()
        .filter(|n| n.starts_with("ppt/slides/slide"))
        .count();
    assert_eq!(slides, d.slides);
    let notes = names
        .iter()
        .filter(|n| n.starts_with("ppt/notesSlides/notesSlide"))
        .count();
    assert_eq!(notes, d.slides - 1, "notes on every slide but the title");
    let mut pictures = 0;
    for (name, bytes) in &parts {
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let text = std::str::from_utf8(bytes).unwrap();
        let mut r = quick_xml::Reader::from_str(text);
        loop {
            match r.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Start(e)) if e.name().into_inner() == "p:pic" => {
                    pictures += 1
                }
                Ok(_) => {}
                Err(e) => panic!("{name} is not well-formed XML: {e}"),
            }
        }
    }
    assert_eq!(pictures, 1, "the logo is the only picture");
    let theme = &parts
        .iter()
        .find(|p| p.0 == "ppt/theme/theme1.xml")
        .unwrap()
        .1;
    let theme = String::from_utf8_lossy(theme);
    assert!(theme.contains("<a:accent1><a:srgbClr val=\"1F4E79\"/></a:accent1>"));
    assert!(theme.contains("typeface=\"Noto Sans\""));
}

#[test]
fn the_same_map_options_and_date_give_identical_bytes() {
    // Two readings of the same file: equal maps, separately scored.
    let read = || {
        let text = waymark_core::templates::source("damaged-order-return").unwrap();
        waymark_core::formats::waymark::from_str("damaged-order-return.waymark", text).unwrap()
    };
    let (j1, j2) = (read(), read());
    let mut o = options();
    o.logo = Some(LOGO.to_vec());
    let a = render(&j1, &waymark_score::score(&j1), &o).unwrap().pptx;
    let b = render(&j2, &waymark_score::score(&j2), &o).unwrap().pptx;
    assert!(a == b, "two renders differ");
    let mut later = o.clone();
    later.date = "2026-03-02".into();
    assert!(
        a != render(&j1, &waymark_score::score(&j1), &later)
            .unwrap()
            .pptx
    );
}

#[test]
fn survey_waves_give_a_trends_slide_in_bounds_with_notes() {
    use waymark_score::trend::{trend, wave_trend};
    let j = template("bank-lost-card");
    let mut o = options();
    // One wave: the slide, with nothing to compare yet.
    o.trend = Some(trend(vec![wave_trend(&j, "Q1", Some("2026-03-31"))]));
    let l = check_layout("one wave", &j, &o);
    assert_eq!(l.sections.last(), Some(&Section::Trends));
    let s = l.slides.last().unwrap();
    let t = texts(s).join("\n");
    assert!(
        t.contains("Q1 · 2026-03-31") && t.contains("Only one wave"),
        "{t}"
    );
    // Two waves of the same answers: every difference is within noise.
    o.trend = Some(trend(vec![
        wave_trend(&j, "Q1", None),
        wave_trend(&j, "Q2", None),
    ]));
    let l = check_layout("two waves", &j, &o);
    let s = l.slides.last().unwrap();
    let t = texts(s).join("\n");
    assert!(t.contains("Q1 → Q2") && t.contains("within noise"), "{t}");
    let notes = s.notes.join("\n");
    assert!(
        notes.contains("Wald") && notes.contains("wholly above"),
        "{notes}"
    );
    assert!(s.shapes.iter().any(|sh| matches!(sh, Shape::Line(_))));
    // No waves: no slide, as before.
    o.trend = None;
    let l = check_layout("no waves", &j, &o);
    assert!(!l.sections.contains(&Section::Trends));
}

/// Each slide's text, read back from its XML (`<a:t>` runs joined by line).
fn slide_texts(pptx: &[u8]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = parts(pptx)
        .into_iter()
        .filter(|(n, _)| n.starts_with("ppt/slides/slide") && n.ends_with(".xml"))
        .map(|(name, bytes)| {
            let xml = String::from_utf8(bytes).unwrap();
            let mut r = quick_xml::Reader::from_str(&xml);
            let (mut text, mut inside) = (String::new(), false);
            loop {
                match r.read_event().unwrap() {
                    quick_xml::events::Event::Eof => break,
                    quick_xml::events::Event::Start(e) => inside = e.name().into_inner() == "a:t",
                    quick_xml::events::Event::End(e) => {
                        if inside && e.name().into_inner() == "a:t" {
                            text.push('\n');
                        }
                        inside = false;
                    }
                    quick_xml::events::Event::Text(t) if inside => {
                        text.push_str(&t.xml10_content());
                    }
                    quick_xml::events::Event::GeneralRef(g) if inside => {
                        if let Ok(Some(c)) = g.resolve_char_ref() {
                            text.push(c);
                        }
                    }
                    _ => {}
                }
            }
            (name, text)
        })
        .collect();
    // slide2 before slide10.
    out.sort_by_key(|(n, _)| {
        n.trim_start_matches("ppt/slides/slide")
            .trim_end_matches(".xml")
            .parse::<usize>()
            .unwrap_or(0)
    });
    out
}

#[test]
fn targets_show_on_the_summary_pain_point_stage_and_trend_slides() {
    use waymark_core::{Kpi, KpiTarget};
    use waymark_score::trend::{trend, wave_trend};
    let mut j = template("bank-lost-card");
    j.targets.nps = KpiTarget::parse(Kpi::Nps, ">=30").ok();
    let first_stage = j.stages.iter().min_by_key(|s| s.order.clone()).unwrap().id;
    j.stages
        .iter_mut()
        .find(|s| s.id == first_stage)
        .unwrap()
        .targets
        .friction = KpiTarget::parse(Kpi::Friction, "<=40").ok();
    let sc = waymark_score::score(&j);
    let top = waymark_score::board(&j, &sc)
        .pain_points()
        .find_map(|i| i.touchpoint)
        .expect("the template has a pain point");
    j.touchpoints
        .iter_mut()
        .find(|t| t.id == top)
        .unwrap()
        .targets
        .csat = KpiTarget::parse(Kpi::Csat, ">=85").ok();
    let sc = waymark_score::score(&j);
    let mut o = options();
    o.trend = Some(trend(vec![wave_trend(&j, "Q1", Some("2026-03-31"))]));
    let slides = slide_texts(&render(&j, &sc, &o).unwrap().pptx);
    let with = |needle: &str| -> Vec<&str> {
        slides
            .iter()
            .filter(|(_, t)| t.contains(needle))
            .map(|(n, _)| n.as_str())
            .collect()
    };
    // The journey's: on the summary's friction line and the trend chart.
    let journey = sc.journey.targets[0].brief();
    assert!(
        !with(&format!("Journey targets: {journey}")).is_empty(),
        "{slides:?}"
    );
    let status = sc.journey.targets[0].status.words();
    assert!(
        !with(&format!("target ≥ 30 · {status} in Q1")).is_empty(),
        "{slides:?}"
    );
    // The pain point's own target, on its summary card and in the ranking.
    let tp = sc.touchpoints.iter().find(|t| t.id == top).unwrap();
    let own = tp.targets[0].brief();
    assert!(own.starts_with("CSAT "), "{own}");
    assert!(!with(&format!("Target: {own}")).is_empty(), "{slides:?}");
    assert!(
        !with("Target\n").is_empty(),
        "the ranking has a Target column"
    );
    // The stage's, on its slide.
    let st = sc.stages.iter().find(|s| s.id == first_stage).unwrap();
    let stage = st.targets[0].brief();
    assert!(stage.starts_with("Friction "), "{stage}");
    assert!(!with(&format!("Targets: {stage}")).is_empty(), "{slides:?}");
}

#[test]
fn the_summary_slide_says_which_wave_the_scores_are_as_of() {
    use waymark_core::evidence::{AnswerStats, WaveEvidence};
    use waymark_score::AsOf;
    let mut j = template("bank-lost-card");
    let mut stats = AnswerStats::default();
    stats.nps[10] = 5;
    j.evidence = vec![WaveEvidence {
        touchpoint: j.touchpoints[0].id,
        wave: "Q1".into(),
        stats,
    }];
    let waves = vec!["Q1".to_string(), "Q2".to_string()];
    let summary = |as_of: AsOf| {
        let sc = waymark_score::score_as_of(&j, waves.clone(), &as_of).unwrap();
        let mut o = options();
        o.sections = vec![Section::Summary];
        o.as_of = as_of;
        let l = layout(&j, &sc, &o).unwrap();
        let s = &l.slides[0];
        (texts(s).join("\n"), s.notes.join("\n"))
    };
    let (text, notes) = summary(AsOf::Latest);
    let says = "Scores as of survey wave Q2; 1 touchpoint without answers in it shows its latest earlier wave.";
    assert!(text.contains(says), "{text}");
    assert!(notes.contains(says), "{notes}");
    let (text, _) = summary(AsOf::AllWaves);
    assert!(text.contains("Scores pool every survey wave."), "{text}");
}
