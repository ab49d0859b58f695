//! Writes the synthetic 600-touchpoint map as one HTML page with the same
//! content as the PDF report (summary, the map as a stage × lane grid with
//! friction-coloured cards, stage table, pain points, appendix), for the
//! Chromium comparison in `benches/compare.sh`. Also times our own render:
//! `cargo run --release -p waymark-report --example html_report -- OUT.html OUR.pdf`

use std::fmt::Write;

use waymark_core::synth::{journey, Size};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn color(f: Option<f64>) -> &'static str {
    match f {
        Some(f) if f < 20.0 => "#ffffd4",
        Some(f) if f < 40.0 => "#fee391",
        Some(f) if f < 60.0 => "#fec44f",
        Some(f) if f < 80.0 => "#fe9929",
        Some(_) => "#cc4c02",
        None => "#eeeeee",
    }
}

fn n(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.0}")).unwrap_or_else(|| "n/a".into())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let html_path = args.first().cloned().unwrap_or_else(|| "map.html".into());
    let j = journey(Size::LARGE, 7);
    let sc = waymark_score::score(&j);
    let tps: std::collections::HashMap<_, _> = sc.touchpoints.iter().map(|t| (t.id, t)).collect();

    if let Some(pdf_path) = args.get(1) {
        let t = std::time::Instant::now();
        let r = waymark_report::render(&j, &sc, &waymark_report::ReportOptions::new("2026-03-01"))
            .expect("renders");
        let el = t.elapsed();
        std::fs::write(pdf_path, &r.pdf).expect("write pdf");
        println!(
            "ours {:.3} s {} bytes {} pages",
            el.as_secs_f64(),
            r.pdf.len(),
            r.pages
        );
    }

    let mut h = String::new();
    h.push_str(
        "<!doctype html><html><head><meta charset=utf-8><style>\
        @page { size: A4; margin: 14mm } @page map { size: A4 landscape }\
        body { font-family: 'Noto Sans', sans-serif; font-size: 8pt; color: #1f2328 }\
        h1 { font-size: 20pt } h2 { font-size: 13pt; page-break-before: always }\
        .map { page: map } table { border-collapse: collapse; width: 100% }\
        td, th { border: 0.5pt solid #c9ced6; vertical-align: top; padding: 2pt }\
        .card { border: 0.8pt solid #4a4f57; margin: 2pt 0; padding: 2pt; font-size: 7pt }\
        .card b { display: block; overflow: hidden; max-height: 2.6em }\
        thead { display: table-header-group }\
        </style></head><body>",
    );
    let _ = write!(
        h,
        "<h1>{}</h1><p>NPS {} · CSAT {} · pain points {}</p>",
        esc(&j.title),
        n(sc.journey.nps),
        n(sc.journey.csat),
        sc.journey.pain_points
    );
    h.push_str("<h3>What to fix first</h3><ol>");
    for t in sc.touchpoints.iter().filter(|t| t.pain_point).take(3) {
        let _ = write!(
            h,
            "<li><b>{}</b> priority {}</li>",
            esc(&t.title),
            waymark_report::fmt::priority(t.priority)
        );
    }
    h.push_str("</ol><div class=map><h2>The journey map</h2><table><thead><tr><th>Lane</th>");
    for s in &j.stages {
        let _ = write!(h, "<th>{}</th>", esc(&s.name));
    }
    h.push_str("</tr></thead><tbody>");
    for l in &j.lanes {
        let _ = write!(h, "<tr><th>{}</th>", esc(&l.name));
        for s in &j.stages {
            h.push_str("<td>");
            for t in j
                .touchpoints
                .iter()
                .filter(|t| t.stage == s.id && t.lane == l.id)
            {
                let sc = tps.get(&t.id);
                let f = sc.and_then(|s| s.friction);
                let _ = write!(
                    h,
                    "<div class=card style='background:{}'><b>{}</b>F {} · E {} · {}</div>",
                    color(f),
                    esc(&t.title),
                    n(f),
                    n(sc.and_then(|s| s.emotion)),
                    esc(&t.owner)
                );
            }
            h.push_str("</td>");
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table></div><h2>Stage heat table</h2><table><thead><tr><th>Stage</th><th>Friction</th><th>Emotion</th><th>Responses</th></tr></thead>");
    for s in &sc.stages {
        let _ = write!(
            h,
            "<tr><td>{}</td><td style='background:{}'>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&s.name),
            color(s.friction),
            n(s.friction),
            n(s.emotion),
            s.responses
        );
    }
    h.push_str("</table><h2>Pain points</h2><ol>");
    for t in sc.touchpoints.iter().filter(|t| t.pain_point) {
        let _ = write!(
            h,
            "<li><b>{}</b> priority {} friction {} emotion {}</li>",
            esc(&t.title),
            waymark_report::fmt::priority(t.priority),
            n(t.friction),
            n(t.emotion)
        );
    }
    h.push_str("</ol><h2>Appendix</h2>");
    for t in &j.touchpoints {
        let _ = write!(h, "<p><b>{}</b><br>{}", esc(&t.title), esc(&t.description));
        if let Some(s) = tps.get(&t.id) {
            for f in &s.factors {
                let _ = write!(
                    h,
                    "<br>{}: raw {:.2}, normalized {:.1}, weight {:.2}, points {:.1}",
                    f.factor, f.raw, f.normalized, f.weight, f.points
                );
            }
        }
        h.push_str("</p>");
    }
    h.push_str("</body></html>");
    std::fs::write(&html_path, h).expect("write html");
}
