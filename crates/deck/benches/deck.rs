//! Time to a finished deck for the synthetic 600-touchpoint map (12 stages,
//! 10 lanes, 2,000 annotations), with its size; `benches/compare.sh` puts
//! it next to the PDF report of the same map.

use criterion::{criterion_group, criterion_main, Criterion};
use waymark_core::synth::{journey, Size};
use waymark_deck::{render, DeckOptions};

fn bench(c: &mut Criterion) {
    let j = journey(Size::LARGE, 7);
    let sc = waymark_score::score(&j);
    let opts = DeckOptions::new("2026-03-01");
    let d = render(&j, &sc, &opts).expect("renders");
    eprintln!(
        "synthetic 600-touchpoint map: {} slides, {} bytes ({:.1} KiB)",
        d.slides,
        d.pptx.len(),
        d.pptx.len() as f64 / 1024.0
    );
    let mut g = c.benchmark_group("deck");
    g.sample_size(10);
    g.bench_function("render_pptx_600_touchpoints", |b| {
        b.iter(|| render(&j, &sc, &opts).expect("renders"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
