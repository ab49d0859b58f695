//! The embedded Noto Sans faces and their metrics. Widths come from the
//! font's own `hmtx` table (through printpdf's parser), so what the layout
//! measures is exactly what the PDF viewer draws.
//!
//! The one fallback: Noto Sans has no ≥ ≤ − → (nor most maths and arrows),
//! so a character it lacks is drawn in Noto Sans Math when that has it
//! ([`Fonts::pick`]); only what neither has is drawn as `?` and warned of.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use printpdf::ParsedFont;

pub(crate) const REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf");
pub(crate) const BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf");
pub(crate) const SYMBOLS_TTF: &[u8] =
    include_bytes!("../../../assets/fonts/NotoSansMath-Regular.ttf");

/// The family name, for warnings.
pub const FAMILY: &str = "Noto Sans";

/// One face: the parsed font plus the two lookups layout needs.
pub(crate) struct Face {
    pub parsed: ParsedFont,
    cmap: BTreeMap<u32, u16>,
    widths: BTreeMap<u16, u16>,
    upem: f32,
    /// Advance in em of every character below [`FAST`]; NaN when missing.
    fast: Vec<f32>,
}

/// Characters with a precomputed advance (Latin, Greek, Cyrillic,
/// punctuation, arrows and maths operators).
const FAST: u32 = 0x2400;

impl Face {
    fn load(bytes: &[u8]) -> Face {
        let mut warnings = Vec::new();
        let parsed =
            ParsedFont::from_bytes(bytes, 0, &mut warnings).expect("the embedded Noto faces parse");
        let cmap = parsed.codepoint_to_glyph.clone();
        let widths = parsed.glyph_widths.clone();
        let upem = f32::from(parsed.units_per_em.max(1));
        let fast = (0..FAST)
            .map(|c| match cmap.get(&c) {
                Some(g) if *g != 0 => f32::from(widths.get(g).copied().unwrap_or(0)) / upem,
                _ if c == 32 => 0.26,
                _ => f32::NAN,
            })
            .collect();
        Face {
            cmap,
            widths,
            upem,
            fast,
            parsed,
        }
    }

    /// True when the face has a glyph for `c`.
    pub fn has(&self, c: char) -> bool {
        match self.fast.get(c as usize) {
            Some(a) => !a.is_nan(),
            None => self.cmap.get(&(c as u32)).is_some_and(|g| *g != 0),
        }
    }

    /// Advance of `c` in em; characters without a glyph measure as the
    /// replacement `?` that is drawn instead.
    pub fn advance_em(&self, c: char) -> f32 {
        if let Some(a) = self.fast.get(c as usize) {
            if !a.is_nan() {
                return *a;
            }
        }
        let c = if self.has(c) { c } else { '?' };
        let gid = self.cmap.get(&(c as u32)).copied().unwrap_or(0);
        f32::from(self.widths.get(&gid).copied().unwrap_or(0)) / self.upem
    }
}

pub(crate) struct Fonts {
    pub regular: Face,
    pub bold: Face,
    /// For what the text faces lack (regular weight only: it has no bold).
    pub symbols: Face,
}

/// Which embedded face draws a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    Regular,
    Bold,
    Symbols,
}

impl Slot {
    /// Index into per-face tables (the characters each subset keeps).
    pub fn index(self) -> usize {
        self as usize
    }
}

impl Fonts {
    pub fn face(&self, bold: bool) -> &Face {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    pub fn slot(&self, slot: Slot) -> &Face {
        match slot {
            Slot::Regular => &self.regular,
            Slot::Bold => &self.bold,
            Slot::Symbols => &self.symbols,
        }
    }

    /// The face that draws `c` in the given weight, `None` when no
    /// embedded face has it (it is drawn as `?` in the text face).
    pub fn pick(&self, c: char, bold: bool) -> Option<Slot> {
        let text = if bold { Slot::Bold } else { Slot::Regular };
        if self.slot(text).has(c) {
            Some(text)
        } else if self.symbols.has(c) {
            Some(Slot::Symbols)
        } else {
            None
        }
    }

    /// Advance of `c` in em, in whichever face draws it.
    pub fn advance_em(&self, c: char, bold: bool) -> f32 {
        match self.pick(c, bold) {
            Some(Slot::Symbols) => self.symbols.advance_em(c),
            _ => self.face(bold).advance_em(c),
        }
    }
}

/// The three faces, parsed once per process.
pub(crate) fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts {
        regular: Face::load(REGULAR_TTF),
        bold: Face::load(BOLD_TTF),
        symbols: Face::load(SYMBOLS_TTF),
    })
}

/// Width of `text` in points.
pub fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    let f = fonts();
    text.chars().map(|c| f.advance_em(c, bold)).sum::<f32>() * size
}

impl Face {
    /// The face cut down to the glyphs of `chars` (plus `.notdef` and the
    /// `?` stand-in), as a new font whose cmap maps exactly those characters.
    pub fn subset(
        &self,
        chars: &std::collections::BTreeSet<char>,
        name: &str,
    ) -> Result<ParsedFont, String> {
        use allsorts::binary::read::ReadScope;
        use allsorts::font_data::FontData;
        use allsorts::subset::{subset, CmapTarget, SubsetProfile};

        let mut gids: Vec<u16> = vec![0];
        for c in chars.iter().chain(['?', ' '].iter()) {
            if let Some(g) = self.cmap.get(&(*c as u32)) {
                gids.push(*g);
            }
        }
        gids[1..].sort_unstable();
        gids.dedup();
        let bytes = self.parsed.original_bytes.as_slice();
        let file = ReadScope::new(bytes)
            .read::<FontData<'_>>()
            .map_err(|e| e.to_string())?;
        let provider = file.table_provider(0).map_err(|e| e.to_string())?;
        let cut = subset(&provider, &gids, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .map_err(|e| e.to_string())?;
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&cut, 0, &mut warnings)
            .ok_or_else(|| "the subset font does not parse".to_string())?;
        parsed.font_name = Some(name.to_string());
        Ok(parsed)
    }
}
