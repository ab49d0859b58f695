//! Benchmarks on the generated 12-stage × 10-lane × 600-touchpoint ×
//! 2,000-annotation map: open (load + project), one durable edit, export.

use criterion::{criterion_group, criterion_main, Criterion};
use waymark_api::{ExportFormat, Library};
use waymark_core::synth::{journey, Size};

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bench.db");
    let lib = Library::open(&db).unwrap();
    let id = lib.insert_journey(journey(Size::LARGE, 42)).unwrap();
    drop(lib);

    let mut g = c.benchmark_group("large_map");
    g.sample_size(20);
    g.bench_function("open_load_and_project", |b| {
        b.iter(|| {
            let lib = Library::open(&db).unwrap();
            let j = lib.journey(&id).unwrap();
            assert_eq!(j.touchpoints.len(), 600);
        })
    });

    let lib = Library::open(&db).unwrap();
    lib.journey(&id).unwrap();
    let mut n = 0u64;
    g.bench_function("apply_one_edit_durably", |b| {
        b.iter(|| {
            n += 1;
            lib.edit(&id, |j| {
                j.touchpoints[(n % 600) as usize].title = format!("Edited {n}");
                Ok(())
            })
            .unwrap();
        })
    });
    g.bench_function("export_waymark", |b| {
        b.iter(|| lib.export(&id, ExportFormat::Waymark, None).unwrap().len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
