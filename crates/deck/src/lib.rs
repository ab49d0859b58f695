//! Waymark's deck: the executive report as an editable 16:9 PowerPoint.
//!
//! [`render`] turns a journey and its scorecard into a `.pptx` a CX lead can
//! drop into a quarterly review, restyle and present: a title slide, "What
//! to fix first", the map as native shapes (cards, connectors, the emotion
//! curve as a freeform), one slide per stage, the ranked pain points and
//! opportunities as native tables, and speaker notes with the score's
//! factors on every content slide. Only the logo is a picture.
//!
//! **Why no PowerPoint crate.** We evaluated the three Rust PowerPoint crates
//! (this crate's README.md has the table): `pptx` 0.1.0 (MIT; one release,
//! one author, 40k lines ported from python-pptx, bundles its own template
//! and theme, stamps zip entries with the current time), `ppt-rs` 0.2.37
//! (Apache-2.0; 35 releases in quick succession, zip 0.6, default features
//! pull a PDF generator and optional HTTP/MCP servers) and `pptx-rs2` 0.5.0
//! (MIT; two releases, documentation in Chinese only). None is mature enough
//! to trust with a file an executive opens, none writes deterministic bytes
//! without patching, and each would still need our own theme, connectors
//! and layout. So the parts are written with `zip` and `quick-xml` (both
//! long-kept, MIT), and all OOXML knowledge lives in [`ooxml`].
//!
//! Colours, number formats, ranking, the date and logo checks and the text
//! metrics come from `waymark-report`, so the deck and the PDF agree. The
//! output is deterministic: the same map, options and date give identical
//! bytes.

pub mod ooxml;
mod slides;

use std::fmt as stdfmt;
use std::str::FromStr;

use waymark_core::Journey;
use waymark_score::Scorecard;

use ooxml::shapes::Slide;

/// The smallest text on any slide.
pub const MIN_TEXT_PT: f32 = 8.0;

/// The deck's sections, in the order they appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Title,
    Summary,
    Map,
    Stages,
    PainPoints,
    Trends,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Title,
        Section::Summary,
        Section::Map,
        Section::Stages,
        Section::PainPoints,
        Section::Trends,
    ];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Title => "title",
            Section::Summary => "summary",
            Section::Map => "map",
            Section::Stages => "stages",
            Section::PainPoints => "pain-points",
            Section::Trends => "trends",
        }
    }

    /// Parses a comma-separated list ("title,summary,map").
    pub fn parse_list(s: &str) -> Result<Vec<Section>, DeckError> {
        let mut out = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            out.push(part.parse()?);
        }
        if out.is_empty() {
            return Err(DeckError::Invalid("no section named".into()));
        }
        out.sort();
        out.dedup();
        Ok(out)
    }
}

impl FromStr for Section {
    type Err = DeckError;
    fn from_str(s: &str) -> Result<Self, DeckError> {
        let want = s.trim().to_ascii_lowercase().replace('_', "-");
        Section::ALL
            .into_iter()
            .find(|x| x.as_str() == want)
            .ok_or_else(|| {
                DeckError::Invalid(format!(
                    "unknown section {s:?}; use title, summary, map, stages, pain-points or trends"
                ))
            })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DeckOptions {
    /// Sections to include (any order; they always appear in deck order).
    pub sections: Vec<Section>,
    pub company: Option<String>,
    /// PNG or JPEG bytes.
    pub logo: Option<Vec<u8>>,
    /// YYYY-MM-DD: shown on the title slide and the file's dates.
    pub date: String,
    pub version_label: Option<String>,
    /// The map's survey waves scored one by one (`waymark_score::trend`),
    /// oldest first; the trends slide needs at least one wave.
    pub trend: Option<waymark_score::trend::Trend>,
    /// The survey wave the scores are as of (default: the latest); the
    /// summary slide says which ([`waymark_score::as_of::sentence`]).
    pub as_of: waymark_score::AsOf,
}

impl DeckOptions {
    /// Every section, dated `date`.
    pub fn new(date: impl Into<String>) -> Self {
        DeckOptions {
            sections: Section::ALL.to_vec(),
            company: None,
            logo: None,
            date: date.into(),
            version_label: None,
            trend: None,
            as_of: waymark_score::AsOf::Latest,
        }
    }

    pub(crate) fn has(&self, s: Section) -> bool {
        self.sections.contains(&s)
    }
}

/// A finished deck.
#[derive(Debug, Clone, PartialEq)]
pub struct Deck {
    pub pptx: Vec<u8>,
    pub slides: usize,
    /// What the presenter should know was left out or changed.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeckError {
    /// A bad option (date, section name).
    Invalid(String),
    /// The logo is not a readable PNG or JPEG.
    Logo(String),
    /// The package could not be written.
    Write(String),
}

impl stdfmt::Display for DeckError {
    fn fmt(&self, f: &mut stdfmt::Formatter<'_>) -> stdfmt::Result {
        match self {
            DeckError::Invalid(m) => write!(f, "{m}"),
            DeckError::Logo(m) => write!(f, "logo: {m}"),
            DeckError::Write(m) => write!(f, "deck: {m}"),
        }
    }
}

impl std::error::Error for DeckError {}

/// The deck as slides, before it becomes a package (what tests inspect).
#[derive(Debug, Clone)]
pub struct Layout {
    pub slides: Vec<Slide>,
    /// The section each slide belongs to.
    pub sections: Vec<Section>,
    pub warnings: Vec<String>,
}

/// Lays the deck out without writing the package.
pub fn layout(
    journey: &Journey,
    scorecard: &Scorecard,
    options: &DeckOptions,
) -> Result<Layout, DeckError> {
    Ok(slides::build(journey, scorecard, options)?.layout)
}

/// Renders the deck to `.pptx` bytes.
pub fn render(
    journey: &Journey,
    scorecard: &Scorecard,
    options: &DeckOptions,
) -> Result<Deck, DeckError> {
    let built = slides::build(journey, scorecard, options)?;
    let slides = built.layout.slides.len();
    let package = ooxml::Package {
        title: slides::journey_title(journey),
        creator: options
            .company
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .unwrap_or("Waymark")
            .to_string(),
        date: options.date.clone(),
        slides: built.layout.slides,
        media: built.media,
    };
    let pptx = package
        .write()
        .map_err(|e| DeckError::Write(e.to_string()))?;
    Ok(Deck {
        pptx,
        slides,
        warnings: built.layout.warnings,
    })
}
