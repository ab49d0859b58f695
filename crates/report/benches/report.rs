//! Time to a finished PDF for the synthetic 600-touchpoint map (12 stages,
//! 10 lanes, 2,000 annotations), with its size. `benches/compare.sh` puts
//! this next to headless Chromium printing the same map from HTML.

use criterion::{criterion_group, criterion_main, Criterion};
use waymark_core::synth::{journey, Size};
use waymark_report::{render, ReportOptions};

fn bench(c: &mut Criterion) {
    let j = journey(Size::LARGE, 7);
    let sc = waymark_score::score(&j);
    let opts = ReportOptions::new("2026-03-01");
    let r = render(&j, &sc, &opts).expect("renders");
    eprintln!(
        "synthetic 600-touchpoint map: {} pages, {} bytes ({:.1} KiB)",
        r.pages,
        r.pdf.len(),
        r.pdf.len() as f64 / 1024.0
    );
    let mut g = c.benchmark_group("report");
    g.sample_size(10);
    g.bench_function("render_pdf_600_touchpoints", |b| {
        b.iter(|| render(&j, &sc, &opts).expect("renders"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
