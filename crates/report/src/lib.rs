//! Waymark's executive PDF report.
//!
//! [`render`] turns a journey and its scorecard into a PDF an executive can
//! read without ever opening Waymark: page one says where the journey hurts,
//! why, who owns it and what to fix first; the map, the stage heat table, the
//! ranked pain points and an appendix with every input back it up; with
//! survey waves, a "since the last wave" block and a trend page.
//!
//! Everything is pure Rust: vector drawing and real, selectable text through
//! `printpdf`, with Noto Sans (SIL OFL, `assets/fonts/`) embedded and subset.
//! Layout runs on a small geometry layer of our own ([`geom`]) that measures
//! text with the font's metrics, so [`layout`] can be checked by tests: no
//! text box leaves its cell or its page. The output is deterministic: the
//! same inputs and date give byte-identical files.

pub mod fmt;
mod fonts;
pub mod geom;
pub mod grid;
mod layout;
mod pdf;
pub mod rank;
mod sections;

use std::collections::BTreeMap;
use std::fmt as stdfmt;
use std::str::FromStr;

use waymark_core::{Id, Journey};
use waymark_score::themes::Theme;
use waymark_score::Scorecard;

pub use geom::{Rect, TextBox, MIN_TEXT_PT};

/// Paper sizes. Text sections are portrait, map pages landscape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PageSize {
    #[default]
    A4,
    A3,
    Letter,
    Tabloid,
}

impl PageSize {
    pub const ALL: [PageSize; 4] = [
        PageSize::A4,
        PageSize::A3,
        PageSize::Letter,
        PageSize::Tabloid,
    ];

    /// Portrait width and height in points.
    pub fn portrait(self) -> (f32, f32) {
        match self {
            PageSize::A4 => (595.276, 841.89),
            PageSize::A3 => (841.89, 1190.551),
            PageSize::Letter => (612.0, 792.0),
            PageSize::Tabloid => (792.0, 1224.0),
        }
    }

    pub fn landscape(self) -> (f32, f32) {
        let (w, h) = self.portrait();
        (h, w)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PageSize::A4 => "a4",
            PageSize::A3 => "a3",
            PageSize::Letter => "letter",
            PageSize::Tabloid => "tabloid",
        }
    }
}

impl FromStr for PageSize {
    type Err = ReportError;
    fn from_str(s: &str) -> Result<Self, ReportError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(PageSize::A4),
            "a3" => Ok(PageSize::A3),
            "letter" => Ok(PageSize::Letter),
            "tabloid" | "ledger" => Ok(PageSize::Tabloid),
            other => Err(ReportError::Invalid(format!(
                "unknown page size {other:?}; use a4, a3, letter or tabloid"
            ))),
        }
    }
}

/// The report's sections, in the order they appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Summary,
    Map,
    Stages,
    Trends,
    PainPoints,
    Appendix,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Summary,
        Section::Map,
        Section::Stages,
        Section::Trends,
        Section::PainPoints,
        Section::Appendix,
    ];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Summary => "summary",
            Section::Map => "map",
            Section::Stages => "stages",
            Section::Trends => "trends",
            Section::PainPoints => "pain-points",
            Section::Appendix => "appendix",
        }
    }

    /// The heading and bookmark.
    pub fn title(self) -> &'static str {
        match self {
            Section::Summary => "Executive summary",
            Section::Map => "The journey map",
            Section::Stages => "Stage heat table",
            Section::Trends => "Trends across survey waves",
            Section::PainPoints => "Pain points and opportunities",
            Section::Appendix => "Appendix",
        }
    }

    /// Parses a comma-separated list ("summary,map,stages").
    pub fn parse_list(s: &str) -> Result<Vec<Section>, ReportError> {
        let mut out = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            out.push(part.parse()?);
        }
        if out.is_empty() {
            return Err(ReportError::Invalid("no section named".into()));
        }
        out.sort();
        out.dedup();
        Ok(out)
    }
}

impl FromStr for Section {
    type Err = ReportError;
    fn from_str(s: &str) -> Result<Self, ReportError> {
        Section::ALL
            .into_iter()
            .find(|x| x.as_str() == s.trim().to_ascii_lowercase().replace('_', "-"))
            .ok_or_else(|| {
                ReportError::Invalid(format!(
                    "unknown section {s:?}; use summary, map, stages, trends, pain-points or appendix"
                ))
            })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    pub page_size: PageSize,
    /// Sections to include (any order; they always print in report order).
    pub sections: Vec<Section>,
    pub company: Option<String>,
    /// PNG or JPEG bytes.
    pub logo: Option<Vec<u8>>,
    /// The report date, YYYY-MM-DD; also the PDF's creation and modification date.
    pub date: String,
    pub version_label: Option<String>,
    pub author: Option<String>,
    /// Each touchpoint's largest theme from its comments (what `waymark
    /// themes` finds); a pain point on one shows it with a quote.
    pub themes: BTreeMap<Id, Theme>,
    /// The map's evidence coverage with its last survey wave (the library
    /// knows the waves); none: computed from the map alone, without waves.
    pub evidence: Option<waymark_score::EvidenceCoverage>,
    /// The map's survey waves ([`waymark_score::trend`]): the summary's
    /// "since the last wave" block and the trend page. `None` or no waves:
    /// neither is drawn.
    pub trend: Option<waymark_score::trend::Trend>,
    /// The survey wave the scores are as of (default: the latest); the
    /// summary says which ([`waymark_score::as_of::sentence`]).
    pub as_of: waymark_score::AsOf,
}

impl ReportOptions {
    /// All sections on A4, dated `date`.
    pub fn new(date: impl Into<String>) -> Self {
        ReportOptions {
            page_size: PageSize::A4,
            sections: Section::ALL.to_vec(),
            company: None,
            logo: None,
            date: date.into(),
            version_label: None,
            author: None,
            themes: BTreeMap::new(),
            evidence: None,
            trend: None,
            as_of: waymark_score::AsOf::Latest,
        }
    }

    fn has(&self, s: Section) -> bool {
        self.sections.contains(&s)
    }
}

/// A finished report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// Things the reader of the PDF should know were not drawn as given,
    /// e.g. characters the embedded font has no glyph for.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportError {
    /// A bad option (date, page size, section name).
    Invalid(String),
    /// The logo is not a readable PNG or JPEG.
    Logo(String),
    /// The PDF could not be written.
    Pdf(String),
}

impl stdfmt::Display for ReportError {
    fn fmt(&self, f: &mut stdfmt::Formatter<'_>) -> stdfmt::Result {
        match self {
            ReportError::Invalid(m) => write!(f, "{m}"),
            ReportError::Logo(m) => write!(f, "logo: {m}"),
            ReportError::Pdf(m) => write!(f, "PDF: {m}"),
        }
    }
}

impl std::error::Error for ReportError {}

/// One laid-out page: its size, every text box and every icon drawn on it.
#[derive(Debug, Clone)]
pub struct PageLayout {
    pub width: f32,
    pub height: f32,
    pub section: Section,
    pub boxes: Vec<TextBox>,
    /// Each icon's name ("Phone") and the square it is drawn in.
    pub icons: Vec<(String, Rect)>,
}

/// The report laid out, before it becomes PDF bytes.
#[derive(Debug, Clone)]
pub struct Layout {
    pub pages: Vec<PageLayout>,
    pub warnings: Vec<String>,
}

/// Parses YYYY-MM-DD into (year, month, day); the deck checks its date with it too.
pub fn parse_date(s: &str) -> Result<(i32, u8, u8), ReportError> {
    let bad = || ReportError::Invalid(format!("date {s:?} is not YYYY-MM-DD"));
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
        return Err(bad());
    }
    let y: i32 = parts[0].parse().map_err(|_| bad())?;
    let m: u8 = parts[1].parse().map_err(|_| bad())?;
    let d: u8 = parts[2].parse().map_err(|_| bad())?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if d == 0 || d > days {
        return Err(bad());
    }
    Ok((y, m, d))
}

/// Checks that `bytes` are a PNG or JPEG the report can draw and gives its
/// size in pixels; the deck validates its logo the same way.
pub fn logo_size(bytes: &[u8]) -> Result<(u32, u32), ReportError> {
    let img = sections::decode_logo(bytes)?;
    Ok((img.width as u32, img.height as u32))
}

/// Lays the report out without writing PDF bytes (what tests inspect).
pub fn layout(
    journey: &Journey,
    scorecard: &Scorecard,
    options: &ReportOptions,
) -> Result<Layout, ReportError> {
    let built = sections::build(journey, scorecard, options)?;
    Ok(Layout {
        pages: built
            .pages
            .iter()
            .zip(&built.page_sections)
            .map(|(p, s)| PageLayout {
                width: p.width,
                height: p.height,
                section: *s,
                boxes: p.boxes.clone(),
                icons: p.icons.clone(),
            })
            .collect(),
        warnings: built.warnings.clone(),
    })
}

/// Renders the report to PDF bytes.
pub fn render(
    journey: &Journey,
    scorecard: &Scorecard,
    options: &ReportOptions,
) -> Result<Report, ReportError> {
    let built = sections::build(journey, scorecard, options)?;
    let pages = built.pages.len();
    let warnings = built.warnings.clone();
    let pdf = pdf::write(journey, options, built)?;
    Ok(Report {
        pdf,
        pages,
        warnings,
    })
}
