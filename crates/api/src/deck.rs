//! The editable PowerPoint deck through the library.

pub use waymark_deck::{Deck, DeckError, DeckOptions, Section};

use serde::{Deserialize, Serialize};

use crate::report::{filled, today};
use crate::{ApiError, Library, Result};

/// The deck dialog's choices, as the fronts send them. Every field is
/// optional: all sections, no company, logo or version label, today's date
/// (UTC).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
#[ts(optional_fields)]
pub struct DeckRequest {
    /// Section names ("title", "summary", "map", "stages", "pain-points", "trends").
    pub sections: Option<Vec<String>>,
    pub company: Option<String>,
    /// PNG or JPEG bytes.
    pub logo: Option<Vec<u8>>,
    pub version_label: Option<String>,
    /// YYYY-MM-DD.
    pub date: Option<String>,
    /// The survey wave the scores are as of; missing: the latest.
    pub as_of: Option<waymark_score::AsOf>,
}

impl DeckRequest {
    /// The deck options; a bad section is `ApiError::Invalid` naming it.
    pub fn options(&self) -> Result<DeckOptions> {
        let mut o = DeckOptions::new(self.date.clone().unwrap_or_else(today));
        if let Some(list) = &self.sections {
            if list.is_empty() {
                return Err(ApiError::Invalid(
                    "choose at least one section for the deck".into(),
                ));
            }
            o.sections = Section::parse_list(&list.join(","))
                .map_err(|e| ApiError::Invalid(e.to_string()))?;
        }
        o.company = filled(&self.company);
        o.version_label = filled(&self.version_label);
        o.logo = self.logo.clone().filter(|l| !l.is_empty());
        o.as_of = self.as_of.clone().unwrap_or_default();
        Ok(o)
    }
}

impl Library {
    /// Renders the map's editable 16:9 deck: scores the current map with
    /// `waymark-score` and lays it out with `waymark-deck`, with the map's
    /// survey waves ([`Library::trend`]) for the trends slide. A bad option
    /// (date, logo, sections) is `ApiError::Invalid` naming it.
    pub fn deck_pptx(&self, id: &str, options: &DeckOptions) -> Result<Deck> {
        let scorecard = self.score_as_of(id, &options.as_of)?;
        let journey = self.journey(id)?;
        let mut options = options.clone();
        if options.trend.is_none() && options.sections.contains(&Section::Trends) {
            options.trend = Some(self.trend(id)?).filter(|t| !t.waves.is_empty());
        }
        waymark_deck::render(&journey, &scorecard, &options).map_err(|e| match e {
            DeckError::Invalid(_) | DeckError::Logo(_) => ApiError::Invalid(e.to_string()),
            DeckError::Write(_) => ApiError::Invalid(format!("cannot write the deck: {e}")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deck_request_becomes_options_or_a_clear_error() {
        let o = DeckRequest::default().options().unwrap();
        assert_eq!(o.sections, Section::ALL.to_vec());
        assert_eq!(o.date.len(), 10);
        let r = DeckRequest {
            sections: Some(vec!["map".into(), "title".into()]),
            company: Some("  Acme ".into()),
            version_label: Some(" ".into()),
            date: Some("2026-03-01".into()),
            logo: None,
            as_of: None,
        };
        let o = r.options().unwrap();
        assert_eq!(o.sections, vec![Section::Title, Section::Map]);
        assert_eq!(o.company.as_deref(), Some("Acme"));
        assert_eq!(o.version_label, None);
        let bad = DeckRequest {
            sections: Some(vec!["appendix".into()]),
            ..Default::default()
        };
        assert!(bad.options().unwrap_err().to_string().contains("appendix"));
        let none = DeckRequest {
            sections: Some(vec![]),
            ..Default::default()
        };
        assert_eq!(none.options().unwrap_err().code(), "invalid");
    }

    #[test]
    fn deck_pptx_renders_a_map_and_maps_errors() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open(&dir.path().join("library.db")).unwrap();
        let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
        let d = lib.deck_pptx(&id, &DeckOptions::new("2026-03-01")).unwrap();
        assert!(d.pptx.starts_with(b"PK\x03\x04"));
        assert!(d.slides >= 10);
        let mut bad = DeckOptions::new("2026-03-01");
        bad.logo = Some(b"GIF89a".to_vec());
        let e = lib.deck_pptx(&id, &bad).unwrap_err();
        assert_eq!(e.code(), "invalid");
        assert!(e.to_string().starts_with("logo:"), "{e}");
        assert_eq!(
            lib.deck_pptx("no-such-map", &DeckOptions::new("2026-03-01"))
                .unwrap_err()
                .code(),
            "not_found"
        );
    }
}
