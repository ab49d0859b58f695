//! VADER on a file of comments, one per line, without the compound-score
//! cache: the Rust side of `scripts/bench-vader`.
//!
//! ```text
//! vader_distinct write N SEED FILE   distinct generated comments to FILE
//! vader_distinct time FILE           score every line once, print seconds
//! vader_distinct scores FILE         print each line's compound to 4 places
//! vader_distinct map N SEED DIR      DIR/map.waymark (600 touchpoints) and
//!                                    DIR/answers.csv: N CSAT answers, one
//!                                    per distinct comment (the ones `write`
//!                                    writes for N and SEED)
//! ```

use std::time::Instant;

use waymark_score::sentiment::{sample::distinct_comments, Vader};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |k: usize| {
        args.get(k)
            .unwrap_or_else(|| panic!("missing argument {k}; see the header of vader_distinct.rs"))
    };
    match arg(0).as_str() {
        "write" => {
            let n: usize = arg(1).parse().expect("N is a number");
            let seed: u64 = arg(2).parse().expect("SEED is a number");
            let mut text = distinct_comments(n, seed).join("\n");
            text.push('\n');
            std::fs::write(arg(3), text).expect("write the comments file");
        }
        "time" => {
            let text = std::fs::read_to_string(arg(1)).expect("read the comments file");
            let start = Instant::now();
            let vader = Vader::get();
            let mut total = 0.0;
            let mut n = 0;
            for line in text.lines() {
                total += vader.compound(line);
                n += 1;
            }
            let secs = start.elapsed().as_secs_f64();
            println!("rust: {n} comments in {secs:.3} s (lexicon included), checksum {total:.4}");
        }
        "scores" => {
            let text = std::fs::read_to_string(arg(1)).expect("read the comments file");
            let vader = Vader::get();
            let mut out = String::new();
            for line in text.lines() {
                out.push_str(&format!("{:.4}\n", vader.compound(line)));
            }
            print!("{out}");
        }
        "map" => {
            let n: usize = arg(1).parse().expect("N is a number");
            let seed: u64 = arg(2).parse().expect("SEED is a number");
            let dir = std::path::Path::new(arg(3));
            let size = waymark_core::synth::Size {
                annotations: 0,
                ..waymark_core::synth::Size::LARGE
            };
            let journey = waymark_core::synth::journey(size, seed);
            std::fs::write(
                dir.join("map.waymark"),
                waymark_core::formats::waymark::to_string(&journey),
            )
            .expect("write the map");
            let mut csv = csv::Writer::from_path(dir.join("answers.csv")).expect("answers file");
            csv.write_record([
                "touchpoint",
                "respondent",
                "date",
                "metric",
                "scale",
                "value",
                "comment",
            ])
            .expect("write the header");
            for (i, comment) in distinct_comments(n, seed).iter().enumerate() {
                let t = &journey.touchpoints[i % journey.touchpoints.len()];
                let value = (1 + i % 5).to_string();
                csv.write_record([
                    t.id.to_string().as_str(),
                    &format!("r{i}"),
                    "2026-03-02",
                    "csat",
                    "csat",
                    &value,
                    comment,
                ])
                .expect("write an answer");
            }
            csv.flush().expect("write the answers");
        }
        other => panic!("unknown command {other:?}; see the header of vader_distinct.rs"),
    }
}
