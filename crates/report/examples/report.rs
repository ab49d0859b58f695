//! Renders a template (or the synthetic 600-touchpoint map) to a PDF:
//! `cargo run -p waymark-report --example report -- bank-lost-card a4 out.pdf`
//! (`synth` instead of a template name for the synthetic map).

use waymark_core::synth::{journey, Size};
use waymark_report::{render, PageSize, ReportOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let name = args.first().map(String::as_str).unwrap_or("bank-lost-card");
    let size: PageSize = args
        .get(1)
        .map(|s| s.parse().expect("page size"))
        .unwrap_or_default();
    let out = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| format!("{name}.pdf"));
    let j = if name == "synth" {
        journey(Size::LARGE, 7)
    } else {
        waymark_core::templates::load(name).expect("known template")
    };
    let sc = waymark_score::score(&j);
    let mut opts = ReportOptions::new("2026-03-01");
    opts.page_size = size;
    opts.company = Some("Northwind Bank".into());
    opts.version_label = Some("Q1 review".into());
    let t = std::time::Instant::now();
    let r = render(&j, &sc, &opts).expect("renders");
    eprintln!(
        "{} pages, {} bytes, {:?}",
        r.pages,
        r.pdf.len(),
        t.elapsed()
    );
    for w in &r.warnings {
        eprintln!("warning: {w}");
    }
    std::fs::write(&out, &r.pdf).expect("write");
}
