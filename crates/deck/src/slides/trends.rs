//! Trends since the last survey wave — the hook for issue 17.
//!
//! A map has no survey waves yet, so there is nothing to compare and no
//! slide. When the journey carries waves, build the slide here (a native
//! line per stage's friction and emotion across waves, drawn with
//! `ooxml::shapes::Freeform` like the map's emotion curve) and return it;
//! `--sections trends` and the section order are already wired.

use super::Ctx;
use crate::ooxml::shapes::Slide;

/// The trends slides, or `None` when the map has no waves to compare.
pub(crate) fn slides(_ctx: &Ctx) -> Option<Vec<Slide>> {
    None
}
