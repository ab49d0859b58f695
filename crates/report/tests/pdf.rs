//! The PDF itself: text through `pdftotext`, page counts, metadata,
//! determinism, logos and missing-glyph warnings.

mod common;

use std::process::Command;

use common::*;
use waymark_report::{render, PageSize, Report, ReportError, ReportOptions, Section};

/// 1×1 RGBA PNG.
const PNG: [u8; 70] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x64, 0x60, 0xf8, 0x5f,
    0x0f, 0x00, 0x02, 0x87, 0x01, 0x80, 0xeb, 0x47, 0xba, 0x92, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

fn report(name: &str, o: &ReportOptions) -> Report {
    let j = template(name);
    render(&j, &waymark_score::score(&j), o).expect("renders")
}

fn poppler(tool: &str, pdf: &[u8], args: &[&str]) -> String {
    let dir = std::env::temp_dir().join(format!("waymark-report-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{tool}-{}.pdf", pdf.len()));
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new(tool)
        .args(args)
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) must be installed: {e}"));
    let _ = std::fs::remove_file(&path);
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn text(pdf: &[u8]) -> String {
    poppler("pdftotext", pdf, &["-enc", "UTF-8", "-layout"])
}

/// The start of a title: enough to identify it, short enough not to wrap.
fn head(s: &str) -> String {
    flat(s).chars().take(24).collect()
}

fn info(pdf: &[u8]) -> String {
    listing("pdfinfo", pdf)
}

/// The embedded fonts, as `pdffonts` lists them.
fn fonts(pdf: &[u8]) -> String {
    listing("pdffonts", pdf)
}

/// What a poppler tool that takes only the file prints about `pdf`.
fn listing(tool: &str, pdf: &[u8]) -> String {
    let dir = std::env::temp_dir();
    let path = dir.join(format!(
        "waymark-{tool}-{}-{}.pdf",
        std::process::id(),
        pdf.len()
    ));
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new(tool).arg(&path).output().expect(tool);
    let _ = std::fs::remove_file(&path);
    String::from_utf8(out.stdout).unwrap()
}

/// Collapses whitespace so wrapped text can be searched.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn text_has_title_stages_and_top_pain_points_in_order() {
    for name in TEMPLATES {
        let j = template(name);
        let sc = waymark_score::score(&j);
        let r = render(&j, &sc, &options()).unwrap();
        let t = flat(&text(&r.pdf));
        assert!(t.contains(&head(&j.title)), "{name}: title");
        for s in &j.stages {
            assert!(t.contains(&head(&s.name)), "{name}: stage {}", s.name);
        }
        for h in [
            "EXECUTIVE SUMMARY",
            "What to fix first",
            "Who owns the pain",
            "Stage heat table",
            "Pain points, ranked by priority",
            "Appendix: every touchpoint",
            "Open questions",
        ] {
            assert!(t.contains(h), "{name}: heading {h}");
        }
        // The summary page lists the top three pain points in priority order.
        let summary = flat(&text(
            &render(
                &j,
                &sc,
                &ReportOptions {
                    sections: vec![Section::Summary],
                    ..options()
                },
            )
            .unwrap()
            .pdf,
        ));
        let board = waymark_score::board(&j, &sc);
        let top: Vec<&str> = board
            .pain_points()
            .take(3)
            .map(|t| t.title.as_str())
            .collect();
        assert!(!top.is_empty(), "{name} has pain points");
        let pos: Vec<usize> = top
            .iter()
            .map(|t| {
                summary
                    .find(&head(t))
                    .unwrap_or_else(|| panic!("{name}: {t} on the summary"))
            })
            .collect();
        assert!(pos.windows(2).all(|w| w[0] < w[1]), "{name}: order {pos:?}");
        assert!(summary.contains("n/a"), "{name}: no survey data shows n/a");
        assert!(
            summary.contains("Café Ünïcode Bank — Group"),
            "{name}: accents and em dash survive"
        );
    }
}

/// A template with what only the board counts: a touchpoint in a
/// pain-points lane, a pain-point note on a stage, an idea with votes.
fn with_board_items() -> waymark_core::Journey {
    use waymark_core::{Annotation, AnnotationKind, Id, Lane, LaneKind, Target, Touchpoint};
    let mut j = template("bank-lost-card");
    let stage = j.stages[0].id;
    let lane = Id::from_u128(0xb0a2d);
    j.lanes.push(Lane {
        id: lane,
        order: "zz".into(),
        name: "Pain points".into(),
        kind: LaneKind::PainPoints,
    });
    j.touchpoints.push(Touchpoint {
        id: Id::from_u128(0xb0a2d1),
        stage,
        lane,
        order: "a".into(),
        title: "Nobody calls back about the blocked card".into(),
        owner: "Card operations".into(),
        ..Touchpoint::default()
    });
    let note = |n: u128, kind, text: &str, target, votes: u32| Annotation {
        id: Id::from_u128(n),
        kind,
        text: text.into(),
        author: "Ana".into(),
        created_at: "2026-02-01T10:00:00Z".into(),
        target,
        votes: [("ana".to_string(), votes)].into(),
        ..Annotation::default()
    };
    j.annotations.push(note(
        0xb0a2d2,
        AnnotationKind::PainPoint,
        "Forms ask for the same details twice",
        Target::Stage(stage),
        5,
    ));
    j.annotations.push(note(
        0xb0a2d3,
        AnnotationKind::Idea,
        "Text the customer when the new card ships",
        Target::Map,
        3,
    ));
    j.normalize();
    j
}

#[test]
fn pain_points_and_opportunities_follow_the_board() {
    let j = with_board_items();
    let sc = waymark_score::score(&j);
    let board = waymark_score::board(&j, &sc);
    let pains: Vec<&str> = board.pain_points().map(|i| i.title.as_str()).collect();
    assert!(pains.contains(&"Nobody calls back about the blocked card"));
    assert!(pains.contains(&"Forms ask for the same details twice"));
    assert!(pains.len() > sc.touchpoints.iter().filter(|t| t.pain_point).count());

    let only = |s: Section| {
        flat(&text(
            &render(
                &j,
                &sc,
                &ReportOptions {
                    sections: vec![s],
                    ..options()
                },
            )
            .unwrap()
            .pdf,
        ))
    };
    let t = only(Section::PainPoints);
    // Every board pain point is listed, numbered in the board's order.
    for (i, title) in pains.iter().enumerate() {
        let numbered = format!("{}. {}", i + 1, head(title));
        assert!(t.contains(&numbered), "{numbered} in {t}");
    }
    assert!(
        t.contains("Stage Lost card noticed · team note") || t.contains("· team note"),
        "{t}"
    );
    assert!(t.contains("Why: A team note by Ana, 5 votes"), "{t}");
    // Opportunities in the board's order.
    let opps: Vec<usize> = board
        .opportunities()
        .map(|i| {
            t.find(&head(&i.title))
                .unwrap_or_else(|| panic!("{} listed", i.title))
        })
        .collect();
    assert!(opps.windows(2).all(|w| w[0] < w[1]), "order {opps:?}");
    // The summary's count is the board's (the tiles' figures come before
    // their labels in the text; the pain-point count is the last figure).
    let summary = only(Section::Summary);
    assert!(
        summary.contains(&format!(" {} NPS (-100 to +100)", pains.len())),
        "{summary}"
    );
}

#[test]
fn page_counts_per_page_size_match_pdfinfo() {
    for name in TEMPLATES {
        for size in PageSize::ALL {
            let r = report(
                name,
                &ReportOptions {
                    page_size: size,
                    ..options()
                },
            );
            let i = info(&r.pdf);
            assert!(
                i.contains(&format!("Pages:           {}", r.pages)),
                "{name} {size:?}: {i}"
            );
            assert!(r.pages >= 5, "{name} {size:?}: {} pages", r.pages);
            eprintln!(
                "{name} {}: {} pages, {} bytes",
                size.as_str(),
                r.pages,
                r.pdf.len()
            );
        }
    }
}

#[test]
fn metadata_outline_and_page_numbers() {
    let mut o = options();
    o.author = Some("Ana Cristina".into());
    let r = report("bank-lost-card", &o);
    let i = info(&r.pdf);
    assert!(
        i.contains("Title:           Lost bank card abroad — customer journey report"),
        "{i}"
    );
    assert!(i.contains("Author:          Ana Cristina"), "{i}");
    assert!(i.contains("Creator:         Waymark"), "{i}");
    assert!(i.contains("Subject:"), "{i}");
    assert!(
        i.contains("CreationDate:    Sun Mar  1 00:00:00 2026"),
        "{i}"
    );
    let t = text(&r.pdf);
    assert!(t.contains(&format!("Page 1 of {}", r.pages)));
    assert!(t.contains(&format!("Page {0} of {0}", r.pages)));
    // One outline entry per section, in order (no trend page without waves).
    let titles: Vec<String> = Section::ALL
        .iter()
        .filter(|s| **s != Section::Trends)
        .map(|s| s.title().to_string())
        .collect();
    assert_eq!(outline(&r.pdf), titles);
}

#[test]
fn same_inputs_give_byte_identical_pdfs() {
    let a = report("broadband-outage", &options());
    let b = report("broadband-outage", &options());
    assert!(a.pdf == b.pdf, "two renders differ");
    let mut later = options();
    later.date = "2026-03-02".into();
    assert_ne!(a.pdf, report("broadband-outage", &later).pdf);
    let mut logo = options();
    logo.logo = Some(PNG.to_vec());
    assert!(report("broadband-outage", &logo).pdf == report("broadband-outage", &logo).pdf);
}

#[test]
fn sections_can_be_switched_off() {
    let only = |s: Vec<Section>| {
        report(
            "bank-lost-card",
            &ReportOptions {
                sections: s,
                ..options()
            },
        )
    };
    assert_eq!(only(vec![Section::Summary]).pages, 1);
    let map = only(vec![Section::Map]);
    let i = info(&map.pdf);
    assert!(
        i.contains("Page size:       841.89 x 595.276 pts"),
        "map pages are landscape: {i}"
    );
    let t = text(&only(vec![Section::Stages]).pdf);
    assert!(t.contains("Stage heat table") && !t.contains("What to fix first"));
    assert_eq!(
        Section::parse_list("map, summary").unwrap(),
        vec![Section::Summary, Section::Map]
    );
    assert!(Section::parse_list("maps").is_err());
    assert!(render(
        &template("bank-lost-card"),
        &waymark_score::score(&template("bank-lost-card")),
        &ReportOptions {
            sections: vec![],
            ..options()
        }
    )
    .is_err());
}

#[test]
fn logos_good_and_bad() {
    let mut o = options();
    o.logo = Some(PNG.to_vec());
    let r = report("bank-lost-card", &o);
    assert!(String::from_utf8_lossy(&r.pdf).contains("/Image"));
    for bad in [
        b"not an image at all".to_vec(),
        PNG[..30].to_vec(),
        vec![0xff, 0xd8, 0xff, 0x00, 0x01],
    ] {
        o.logo = Some(bad);
        let j = template("bank-lost-card");
        match render(&j, &waymark_score::score(&j), &o) {
            Err(e @ ReportError::Logo(_)) => assert!(e.to_string().starts_with("logo: "), "{e}"),
            other => panic!("expected a logo error, got {other:?}"),
        }
    }
}

#[test]
fn bad_dates_are_refused() {
    for d in ["", "2026-02-30", "26-01-01", "2026-1-01", "today"] {
        let mut o = options();
        o.date = d.into();
        let j = template("bank-lost-card");
        assert!(
            matches!(
                render(&j, &waymark_score::score(&j), &o),
                Err(ReportError::Invalid(_))
            ),
            "{d}"
        );
    }
}

#[test]
fn missing_glyphs_are_reported_not_dropped() {
    let mut j = template("bank-lost-card");
    j.title = "Lost card in 東京 ☃ Kyoto".into();
    let r = render(&j, &waymark_score::score(&j), &options()).unwrap();
    assert!(
        r.warnings.iter().any(|w| w.contains("U+6771")),
        "{:?}",
        r.warnings
    );
    assert!(
        r.warnings.iter().any(|w| w.contains("U+2603")),
        "{:?}",
        r.warnings
    );
    assert!(text(&r.pdf).contains("Lost card in ?? ? Kyoto"));
    let clean = report("bank-lost-card", &options());
    assert!(clean.warnings.is_empty(), "{:?}", clean.warnings);
}

#[test]
fn empty_map_still_renders() {
    let j = waymark_core::Journey::new("");
    let r = render(&j, &waymark_score::score(&j), &options()).unwrap();
    let t = text(&r.pdf);
    assert!(t.contains("Untitled journey"));
    assert!(t.contains("no stages or lanes yet"));
}

/// The outline's top-level titles, read back with lopdf.
fn outline(pdf: &[u8]) -> Vec<String> {
    use lopdf::{Document, Object};
    let doc = Document::load_mem(pdf).expect("lopdf reads it");
    let catalog = doc.catalog().unwrap();
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let mut next = outlines
        .get(b"First")
        .ok()
        .and_then(|o| o.as_reference().ok());
    let mut out = Vec::new();
    while let Some(id) = next {
        let item = doc.get_dictionary(id).unwrap();
        if let Ok(Object::String(bytes, _)) = item.get(b"Title") {
            let units: Vec<u16> = bytes
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            out.push(
                String::from_utf16_lossy(&units)
                    .trim_start_matches('\u{feff}')
                    .to_string(),
            );
        }
        next = item.get(b"Next").ok().and_then(|o| o.as_reference().ok());
    }
    out
}

/// The summary page states the evidence coverage: from the map alone, or
/// with the last wave the library knows.
#[test]
fn the_summary_states_evidence_coverage() {
    let j = template("bank-lost-card");
    let sc = waymark_score::score(&j);
    let only = |evidence| ReportOptions {
        sections: vec![Section::Summary],
        evidence,
        ..options()
    };
    let t = flat(&text(&render(&j, &sc, &only(None)).unwrap().pdf));
    assert!(
        t.contains("Evidence: 68% of 28 touchpoints observed, 21% assumed, 11% proposed; no survey waves yet."),
        "{t}"
    );
    let answered: std::collections::HashSet<_> =
        j.touchpoints.iter().take(14).map(|t| t.id).collect();
    let c = waymark_score::coverage(&j, Some(("2026 Q2", &answered)));
    let t = flat(&text(&render(&j, &sc, &only(Some(c))).unwrap().pdf));
    assert!(
        t.contains("survey answers in the last wave (2026 Q2) for 14 (50%)."),
        "{t}"
    );
}

#[test]
fn survey_waves_give_since_last_wave_targets_and_a_trend_page() {
    let (j, trend) = with_waves(&template("bank-lost-card"));
    let mut o = options();
    o.trend = Some(trend.clone());
    let r = render(&j, &waymark_score::score(&j), &o).expect("renders");
    let t = flat(&text(&r.pdf));
    let page1 = flat(text(&r.pdf).split('\u{c}').next().unwrap());
    for want in [
        "Since the last wave (Q1 to Q2)",
        "Better: Journey: NPS rose from",
        "Targets: NPS ≥ 30:",
        "CSAT ≥ 70:",
        "Touchpoint targets: 1 met",
        "Stage targets: 0 met, 0 not met, 1 not measured",
    ] {
        assert!(page1.contains(want), "page 1 lacks {want:?}: {page1}");
    }
    // The stage's target in the stage heat table (its cell wraps after "not").
    assert!(t.contains("CSAT ≥ 95: not"), "{t}");
    for want in [
        "Trends across survey waves",
        "Journey NPS per wave (95% interval)",
        "target ≥ 30",
        "NPS rose",
        "CSAT within noise",
        "NPS ≥ 30: met",
    ] {
        assert!(t.contains(want), "the PDF lacks {want:?}");
    }
    assert!(outline(&r.pdf)
        .iter()
        .any(|b| b == "Trends across survey waves"));

    // One wave: the summary says so; without waves neither appears.
    o.trend = Some(waymark_score::trend::Trend {
        waves: trend.waves[..1].to_vec(),
    });
    let one = flat(&text(
        &render(&j, &waymark_score::score(&j), &o).unwrap().pdf,
    ));
    assert!(one.contains("One survey wave so far (Q1"), "{one}");
    o.trend = None;
    let none = flat(&text(
        &render(&j, &waymark_score::score(&j), &o).unwrap().pdf,
    ));
    assert!(!none.contains("Since the last wave") && !none.contains("Trends across survey waves"));
}

/// Noto Sans lacks ≥ ≤ − →: they are drawn in the fallback face (Noto Sans
/// Math), extracted as themselves, and nothing is warned of.
#[test]
fn maths_signs_and_arrows_render_in_the_fallback_face() {
    let mut j = template("bank-lost-card");
    j.title = "NPS ≥ 30 ≤ 40 −12 → fix".into();
    j.touchpoints[0].title = "Wait −12 ≥ 5".into();
    let r = render(&j, &waymark_score::score(&j), &options()).unwrap();
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let t = flat(&text(&r.pdf));
    assert!(t.contains("NPS ≥ 30 ≤ 40 −12 → fix"), "{t}");
    assert!(t.contains("Wait −12 ≥ 5"), "{t}");
    assert!(fonts(&r.pdf).contains("NotoSansMath-Regular"));
    // A map drawn without such signs embeds no fallback.
    let clean = report("bank-lost-card", &options());
    assert!(!fonts(&clean.pdf).contains("NotoSansMath"));
}
