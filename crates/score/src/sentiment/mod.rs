//! Comment analysis: VADER compound scores (a faithful port of the Python
//! reference, so numbers match the notebooks CX teams already use) and the
//! effort cues VADER cannot see.

mod cues;
mod vader;

pub use cues::{effort_cues, CUES};
pub use vader::{Polarity, Vader};

/// Compound score in −1..1 for one comment, as `vaderSentiment` 3.3.2 reports it.
pub fn compound(text: &str) -> f64 {
    Vader::get().compound(text)
}

/// A comment counts as negative at or below this compound score: the cut-off
/// VADER's authors recommend.
pub const NEGATIVE_COMPOUND: f64 = -0.05;
