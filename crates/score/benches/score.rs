//! Scoring at scale: 10,000 touchpoints, 100,000 survey answers, 50,000 of
//! them with a distinct generated comment (all scored by VADER). Also VADER
//! alone on the same 50,000 comments. Neither measures the remembered
//! compound scores: the first forgets them before every run, the second
//! calls the analyzer directly. The comparison with the Python reference is
//! `scripts/bench-vader`.
//!
//! `cargo bench -p waymark-score -- --quick`

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use waymark_core::synth::{journey, Rng, Size};
use waymark_core::{Journey, Scale, SurveyResponse};
use waymark_score::score;
use waymark_score::sentiment::{forget, sample::distinct_comments, Vader};

/// `n` distinct comments (the seed `scripts/bench-vader` uses too).
fn comments(n: usize) -> Vec<String> {
    distinct_comments(n, 1)
}

fn big_journey() -> Journey {
    let mut j = journey(
        Size {
            stages: 12,
            lanes: 10,
            touchpoints: 10_000,
            annotations: 0,
        },
        7,
    );
    let texts = comments(50_000);
    let mut rng = Rng::new(99);
    let scales = [
        Scale::Nps,
        Scale::Csat,
        Scale::Ces7,
        Scale::Ces5,
        Scale::Emotion,
    ];
    for i in 0..100_000 {
        let t = &j.touchpoints[i % j.touchpoints.len()];
        let scale = scales[i % scales.len()];
        let (lo, hi) = scale.range();
        let value = lo + rng.below((hi - lo) as u64 + 1) as f64;
        j.responses.push(SurveyResponse {
            touchpoint: t.id,
            respondent: format!("r{i}"),
            date: "2026-05-01".into(),
            scale,
            value,
            comment: if i % 2 == 0 {
                texts[i / 2].clone()
            } else {
                String::new()
            },
        });
    }
    j
}

fn bench(c: &mut Criterion) {
    let j = big_journey();
    let texts = comments(50_000);
    let mut g = c.benchmark_group("scale");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("score 10k touchpoints, 100k answers, 50k comments", |b| {
        b.iter_batched(
            forget,
            |()| black_box(score(black_box(&j))),
            BatchSize::PerIteration,
        )
    });
    g.bench_function("vader 50k distinct comments", |b| {
        let vader = Vader::get();
        b.iter(|| {
            texts
                .iter()
                .map(|t| vader.compound(black_box(t)))
                .sum::<f64>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
