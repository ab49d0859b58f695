//! The report's sections: what they all read ([`Ctx`]) and [`build`], which
//! lays out the selected ones in order. Each section is its own module; the
//! page furniture is in `crate::layout`.

mod appendix;
mod map;
mod pain_points;
mod stages;
mod summary;
mod trends;

use std::collections::HashMap;

use printpdf::RawImage;
use waymark_core::{Id, Journey, Target};
use waymark_score::{Board, BoardItem, Scorecard, StageScore, TouchpointScore};

use crate::geom::Page;
use crate::layout::Doc;
use crate::{parse_date, ReportError, ReportOptions, Section};

pub(crate) const LOGO_ID: &str = "WMLOGO";

pub(crate) struct Built {
    pub pages: Vec<Page>,
    pub page_sections: Vec<Section>,
    /// (title, 0-based page index).
    pub bookmarks: Vec<(String, usize)>,
    pub warnings: Vec<String>,
    pub logo: Option<RawImage>,
}

/// What every section reads.
pub(crate) struct Ctx<'a> {
    pub j: &'a Journey,
    pub sc: &'a Scorecard,
    pub opts: &'a ReportOptions,
    pub tps: HashMap<Id, &'a TouchpointScore>,
    pub stages: HashMap<Id, &'a StageScore>,
    /// The pain-point board (`waymark_score::board`): what counts as a pain
    /// point or an opportunity and their order, as in the app.
    pub board: Board,
    /// Logo size in pixels.
    pub logo: Option<(f32, f32)>,
}

impl<'a> Ctx<'a> {
    pub fn stage_name(&self, id: Id) -> String {
        self.j
            .stage(id)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| "(no stage)".into())
    }

    pub fn target_name(&self, t: Target) -> String {
        match t {
            Target::Map => "the whole journey".into(),
            Target::Stage(id) => format!("stage {}", self.stage_name(id)),
            Target::Touchpoint(id) => self
                .j
                .touchpoint(id)
                .map(|t| t.title.clone())
                .unwrap_or_else(|| "a deleted touchpoint".into()),
        }
    }

    /// The board's pain points, in its rank order.
    pub fn pain_points(&self) -> Vec<&BoardItem> {
        self.board.pain_points().collect()
    }

    /// The item's touchpoint score, when it is about a touchpoint.
    pub fn score_of(&self, item: &BoardItem) -> Option<&'a TouchpointScore> {
        item.touchpoint.and_then(|id| self.tps.get(&id).copied())
    }

    /// Why the item is on the board, in one line (see [`fmt::board_why`]).
    pub fn why(&self, item: &BoardItem) -> String {
        crate::fmt::board_why(self.j, self.score_of(item), item)
    }
}

/// Lays out every selected section.
pub(crate) fn build(
    j: &Journey,
    sc: &Scorecard,
    opts: &ReportOptions,
) -> Result<Built, ReportError> {
    parse_date(&opts.date)?;
    let logo = match &opts.logo {
        None => None,
        Some(bytes) => Some(decode_logo(bytes)?),
    };
    let ctx = Ctx {
        j,
        sc,
        opts,
        tps: sc.touchpoints.iter().map(|t| (t.id, t)).collect(),
        stages: sc.stages.iter().map(|s| (s.id, s)).collect(),
        logo: logo.as_ref().map(|l| (l.width as f32, l.height as f32)),
        board: waymark_score::board(j, sc),
    };
    let title = if j.title.trim().is_empty() {
        "Untitled journey".to_string()
    } else {
        j.title.trim().to_string()
    };
    let mut doc = Doc {
        pages: Vec::new(),
        page_sections: Vec::new(),
        bookmarks: Vec::new(),
        size: opts.page_size,
        title,
    };
    if opts.has(Section::Summary) {
        summary::summary(&ctx, &mut doc);
    }
    if opts.has(Section::Map) {
        map::map(&ctx, &mut doc);
    }
    if opts.has(Section::Stages) {
        stages::stages(&ctx, &mut doc);
    }
    if opts.has(Section::Trends) {
        trends::trends(&ctx, &mut doc);
    }
    if opts.has(Section::PainPoints) {
        pain_points::pain_points(&ctx, &mut doc);
    }
    if opts.has(Section::Appendix) {
        appendix::appendix(&ctx, &mut doc);
    }
    if doc.pages.is_empty() {
        return Err(ReportError::Invalid("no section selected".into()));
    }
    doc.footers(opts);
    let mut missing = std::collections::BTreeMap::new();
    for p in &doc.pages {
        for (c, ctx) in &p.missing {
            missing.entry(*c).or_insert_with(|| ctx.clone());
        }
    }
    let warnings = missing
        .into_iter()
        .map(|(c, text)| {
            format!(
                "character U+{:04X} {c:?} is not in the embedded font ({}) and is shown as \"?\"; first in: {}",
                c as u32,
                crate::fonts::FAMILY,
                text.chars().take(60).collect::<String>()
            )
        })
        .collect();
    Ok(Built {
        pages: doc.pages,
        page_sections: doc.page_sections,
        bookmarks: doc.bookmarks,
        warnings,
        logo,
    })
}

pub(crate) fn decode_logo(bytes: &[u8]) -> Result<RawImage, ReportError> {
    let png = bytes.starts_with(b"\x89PNG\r\n\x1a\n");
    let jpeg = bytes.starts_with(&[0xff, 0xd8, 0xff]);
    if !png && !jpeg {
        return Err(ReportError::Logo(
            "not a PNG or JPEG file (the first bytes match neither format)".into(),
        ));
    }
    let mut warnings = Vec::new();
    let img = RawImage::decode_from_bytes(bytes, &mut warnings).map_err(|e| {
        ReportError::Logo(format!(
            "the {} image cannot be decoded: {e}",
            if png { "PNG" } else { "JPEG" }
        ))
    })?;
    if img.width == 0 || img.height == 0 {
        return Err(ReportError::Logo("the image is empty (0 pixels)".into()));
    }
    Ok(img)
}

pub(crate) use crate::fmt::votes;
