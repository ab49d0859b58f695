//! Evidence coverage through the library: the map's touchpoints by evidence
//! and which of them its last survey wave (or the wave scores are as of)
//! has answers about.

use std::collections::HashSet;

use waymark_score::AsOf;
pub use waymark_score::EvidenceCoverage;

use crate::{Library, Result};

impl Library {
    /// The map's evidence coverage ([`waymark_score::coverage`]) with its
    /// last wave (by date, then import time).
    pub fn evidence_coverage(&self, id: &str) -> Result<EvidenceCoverage> {
        self.evidence_coverage_as_of(id, &AsOf::Latest)
    }

    /// The evidence coverage with the wave scores are as of in the place of
    /// the last one (every wave pooled: the last one).
    pub fn evidence_coverage_as_of(&self, id: &str, as_of: &AsOf) -> Result<EvidenceCoverage> {
        // The map is a snapshot and the coverage is computed after the
        // lock is let go: the editor asks for it after every edit, next
        // to the scorecard, which must not wait behind it.
        let journey = self.snapshot(id)?;
        let (last, answered) = {
            let inner = self.lock();
            let view = inner.wave_view(id, as_of)?;
            let mut waves = inner.store.waves(id)?;
            let last = match view.wave() {
                Some(w) => waves.into_iter().find(|r| r.label == w),
                None => waves.pop(),
            };
            let mut answered = HashSet::new();
            if let Some(w) = &last {
                inner.store.wave_answers(id, &w.label, |a| {
                    answered.insert(a.touchpoint);
                })?;
            }
            (last, answered)
        };
        Ok(waymark_score::coverage(
            &journey,
            last.as_ref().map(|w| (w.label.as_str(), &answered)),
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::waves::WaveDate;
    use crate::Library;

    #[test]
    fn the_last_wave_counts_and_earlier_ones_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open(&dir.path().join("library.db")).unwrap();
        let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
        let c = lib.evidence_coverage(&id).unwrap();
        assert_eq!(
            (c.touchpoints, c.observed, c.last_wave.as_deref()),
            (28, 19, None)
        );
        let tps: Vec<_> = lib
            .journey(&id)
            .unwrap()
            .touchpoints
            .iter()
            .map(|t| t.id)
            .collect();
        let csv = |tps: &[uuid::Uuid]| {
            let mut s = String::from("touchpoint,respondent,date,metric,scale,value\n");
            for t in tps {
                s.push_str(&format!("{t},r1,2026-03-01,csat,csat,4\n"));
            }
            s
        };
        let cols = Default::default();
        let q1 = csv(&tps[..5]);
        lib.import_wave_text(
            &id,
            "q1.csv",
            &q1,
            &cols,
            Some("Q1"),
            WaveDate::Given("2026-03-31"),
        )
        .unwrap();
        let q2 = csv(&tps[..2]);
        lib.import_wave_text(
            &id,
            "q2.csv",
            &q2,
            &cols,
            Some("Q2"),
            WaveDate::Given("2026-06-30"),
        )
        .unwrap();
        let c = lib.evidence_coverage(&id).unwrap();
        assert_eq!((c.last_wave.as_deref(), c.with_survey), (Some("Q2"), 2));
        // The PDF's summary page says the same.
        let pdf = lib
            .report_pdf(&id, &crate::report::ReportOptions::new("2026-07-01"))
            .unwrap();
        let file = dir.path().join("r.pdf");
        std::fs::write(&file, &pdf.pdf).unwrap();
        let out = std::process::Command::new("pdftotext")
            .args(["-enc", "UTF-8", "-l", "1"])
            .arg(&file)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) runs");
        let text = String::from_utf8(out.stdout)
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            text.contains("survey answers in the last wave (Q2) for 2 (7%)"),
            "{text}"
        );
    }
}
