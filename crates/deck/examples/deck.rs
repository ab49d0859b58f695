//! Writes a template's deck (or the synthetic 600-touchpoint map's):
//! `cargo run -p waymark-deck --example deck -- bank-lost-card out.pptx`
//! (`synth` instead of a template name for the synthetic map).

use waymark_core::synth::{journey, Size};
use waymark_deck::{render, DeckOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let name = args.first().map(String::as_str).unwrap_or("bank-lost-card");
    let out = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| format!("{name}.pptx"));
    let j = if name == "synth" {
        journey(Size::LARGE, 7)
    } else {
        waymark_core::templates::load(name).expect("known template")
    };
    let mut opts = DeckOptions::new("2026-03-01");
    opts.company = Some("Northwind Bank".into());
    opts.version_label = Some("Q1 review".into());
    if let Some(logo) = args.get(2) {
        opts.logo = Some(std::fs::read(logo).expect("logo"));
    }
    let sc = waymark_score::score(&j);
    let t = std::time::Instant::now();
    let d = render(&j, &sc, &opts).expect("renders");
    eprintln!(
        "{} slides, {} bytes, {:?}",
        d.slides,
        d.pptx.len(),
        t.elapsed()
    );
    for w in &d.warnings {
        eprintln!("warning: {w}");
    }
    std::fs::write(&out, &d.pptx).expect("write");
}
