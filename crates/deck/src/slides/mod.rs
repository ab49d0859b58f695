//! The deck's slides in Waymark's terms: what each section shows, laid out
//! in points on a 960 × 540 slide. Text is fitted here with Noto Sans'
//! metrics (from the report) with a safety margin, so a viewer that wraps a
//! little differently, or substitutes Calibri, still keeps it in its box.

mod map;
mod pain_points;
mod stages;
mod summary;
mod title;
mod trends;

use std::collections::HashMap;

use waymark_core::{Id, Journey};
use waymark_report::fmt::{self, num, num_signed};
use waymark_report::geom::{wrap_clamped, Rect, Style};
use waymark_score::{Board, BoardItem, ScoreKind, Scorecard, StageScore, TouchpointScore};

use crate::ooxml::shapes::{BoxShape, Geom, Paint, Para, Scheme, Shape, Slide, Text};
use crate::ooxml::{Media, TITLE_BOX};
use crate::{DeckError, DeckOptions, Layout, Section};

pub(crate) const INK: Paint = Paint::Theme(Scheme::Text);
pub(crate) const MUTED: Paint = Paint::Theme(Scheme::Muted);
pub(crate) const ACCENT: Paint = Paint::Theme(Scheme::Accent);
pub(crate) const PANEL: Paint = Paint::Theme(Scheme::Panel);
pub(crate) const WHITE: Paint = Paint::Theme(Scheme::Background);
pub(crate) const RULE: Paint = Paint::Rgb(fmt::RULE);

/// Share of a box's width the fitted text may fill: room for a viewer
/// whose wrapping or fallback font runs wider than Noto Sans' metrics.
const FIT: f32 = 0.9;
/// Height of one line as a multiple of the size: Noto Sans' ascent plus
/// descent (1.36 em) at the deck's 90 % line spacing, rounded up.
pub(crate) const LINE: f32 = 1.25;

pub(crate) fn line_h(size: f32) -> f32 {
    size * LINE
}

/// `text` shortened to fit `lines` lines of `width` points, ending in an
/// ellipsis when cut. One paragraph: the viewer wraps it, so it stays
/// editable as ordinary text.
pub(crate) fn fit(text: &str, width: f32, size: f32, bold: bool, lines: usize) -> String {
    let style = Style::new(size, bold, 0);
    wrap_clamped(text.trim(), width * FIT, style, lines).join(" ")
}

/// How many lines `text` takes in `width` points (at most `max`).
pub(crate) fn lines_of(text: &str, width: f32, size: f32, bold: bool, max: usize) -> usize {
    wrap_clamped(text.trim(), width * FIT, Style::new(size, bold, 0), max).len()
}

/// A text box with no fill or line.
pub(crate) fn text_box(name: &str, rect: Rect, paras: Vec<Para>) -> Shape {
    Shape::Box(BoxShape::new(name, Geom::Rect, rect).text(Text::new(paras).inset(0.0)))
}

/// The slide's title in the layout's title placeholder.
pub(crate) fn title(slide: &mut Slide, text: &str) {
    let (x, y, w, h) = TITLE_BOX;
    let size = 20.0;
    let t = fit(text, w, size, true, 1);
    let mut b = BoxShape::new("Title", Geom::Rect, Rect::new(x, y, w, h)).text(
        Text::new(vec![Para::new(t, size, true, INK)])
            .inset(0.0)
            .anchor(crate::ooxml::shapes::Anchor::Middle),
    );
    b.title = true;
    slide.add(Shape::Box(b));
}

pub(crate) fn journey_title(j: &Journey) -> String {
    if j.title.trim().is_empty() {
        "Untitled journey".to_string()
    } else {
        j.title.trim().to_string()
    }
}

/// What every section reads.
pub(crate) struct Ctx<'a> {
    pub j: &'a Journey,
    pub sc: &'a Scorecard,
    pub opts: &'a DeckOptions,
    pub tps: HashMap<Id, &'a TouchpointScore>,
    pub stages: HashMap<Id, &'a StageScore>,
    /// The pain-point board (`waymark_score::board`): what counts as a pain
    /// point or an opportunity and their order, as in the app and the PDF.
    pub board: Board,
    /// The logo's index in the media and its size in pixels.
    pub logo: Option<(usize, u32, u32)>,
}

impl<'a> Ctx<'a> {
    /// The item's touchpoint score, when it is about a touchpoint.
    pub fn score_of(&self, item: &BoardItem) -> Option<&'a TouchpointScore> {
        item.touchpoint.and_then(|id| self.tps.get(&id).copied())
    }

    /// The one-line why of a board item, as the PDF says it.
    pub fn why(&self, item: &BoardItem) -> String {
        fmt::board_why(self.j, self.score_of(item), item)
    }

    /// Speaker notes for a board item: its score's factors, or what the note says.
    pub fn item_notes(&self, item: &BoardItem) -> String {
        match self.score_of(item) {
            Some(t) => factor_notes(t),
            None => format!("{}: {}.", item.title, self.why(item)),
        }
    }

    /// The item's targets in one line ("NPS 12 · target ≥ 30 not met; …"),
    /// empty when it has none.
    pub fn targets(&self, item: &BoardItem) -> String {
        item.targets
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub fn owner(&self, id: Id) -> String {
        self.j
            .touchpoint(id)
            .map(|t| t.owner.trim().to_string())
            .filter(|o| !o.is_empty())
            .unwrap_or_else(|| "no owner named".into())
    }
}

/// The "why" behind a touchpoint's scores, for speaker notes: every factor
/// with its points, as the score adds them up.
pub(crate) fn factor_notes(t: &TouchpointScore) -> String {
    let part = |kind: ScoreKind| -> Vec<String> {
        t.factors
            .iter()
            .filter(|f| f.score == kind)
            .map(|f| {
                let n = f.n.map(|n| format!(", n = {n}")).unwrap_or_default();
                format!(
                    "{} {} ({}{n})",
                    fmt::factor_name(&f.factor),
                    num_signed(Some(f.points), 1),
                    fmt::factor_phrase(f)
                )
            })
            .collect()
    };
    let fr = part(ScoreKind::Friction);
    let em = part(ScoreKind::Emotion);
    let mut s = format!("{}: friction {}", t.title, num(t.friction, 0));
    if !fr.is_empty() {
        s.push_str(&format!(" = {}", fr.join(" + ")));
    }
    s.push_str(&format!("; emotion {}", num_signed(t.emotion, 0)));
    if let Some(l) = t.label {
        s.push_str(&format!(" ({})", l.as_str()));
    }
    if !em.is_empty() {
        s.push_str(&format!(" = {}", em.join(" + ")));
    }
    s.push_str(&format!(
        "; priority {} of 100 (impact {}); {} survey answers{}.",
        fmt::priority(t.priority),
        num(t.impact, 2),
        t.responses,
        if t.low_confidence {
            " (low confidence)"
        } else {
            ""
        }
    ));
    s
}

pub(crate) struct Built {
    pub layout: Layout,
    pub media: Vec<Media>,
}

pub(crate) fn build(j: &Journey, sc: &Scorecard, opts: &DeckOptions) -> Result<Built, DeckError> {
    waymark_report::parse_date(&opts.date).map_err(|e| DeckError::Invalid(e.to_string()))?;
    if opts.sections.is_empty() {
        return Err(DeckError::Invalid("no section selected".into()));
    }
    let mut media = Vec::new();
    let mut logo = None;
    if let Some(bytes) = &opts.logo {
        let (w, h) = waymark_report::logo_size(bytes).map_err(|e| match e {
            waymark_report::ReportError::Logo(m) => DeckError::Logo(m),
            other => DeckError::Logo(other.to_string()),
        })?;
        let ext = if bytes.starts_with(b"\x89PNG") {
            "png"
        } else {
            "jpeg"
        };
        media.push(Media {
            bytes: bytes.clone(),
            ext,
        });
        logo = Some((0, w, h));
    }
    let ctx = Ctx {
        j,
        sc,
        opts,
        tps: sc.touchpoints.iter().map(|t| (t.id, t)).collect(),
        stages: sc.stages.iter().map(|s| (s.id, s)).collect(),
        board: waymark_score::board(j, sc),
        logo,
    };
    let mut slides: Vec<Slide> = Vec::new();
    let mut sections = Vec::new();
    let mut warnings = Vec::new();
    let mut add = |section: Section, new: Vec<Slide>| {
        sections.extend(std::iter::repeat_n(section, new.len()));
        slides.extend(new);
    };
    for s in Section::ALL.into_iter().filter(|s| opts.has(*s)) {
        match s {
            Section::Title => add(s, vec![title::slide(&ctx)]),
            Section::Summary => add(s, vec![summary::slide(&ctx)]),
            Section::Map => add(s, map::slides(&ctx)),
            Section::Stages => add(s, stages::slides(&ctx)),
            Section::PainPoints => add(s, pain_points::slides(&ctx)),
            Section::Trends => match trends::slides(&ctx) {
                Some(t) => add(s, t),
                // Only a trends slide asked for by name is missed; "every
                // section" simply has none yet.
                None if opts.sections != Section::ALL => warnings.push(
                    "trends: this map has no survey waves yet, so the trends slide is left out"
                        .to_string(),
                ),
                None => {}
            },
        }
    }
    if slides.is_empty() {
        return Err(DeckError::Invalid(
            "the chosen sections give no slide (trends needs survey waves)".into(),
        ));
    }
    Ok(Built {
        layout: Layout {
            slides,
            sections,
            warnings,
        },
        media,
    })
}
