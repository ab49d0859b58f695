//! `--wave LABEL` / `--all-waves`: which survey wave the scores of `score`,
//! `show`, `board`, `report`, `deck` and `themes` are as of (default: the
//! latest; see `waymark_score::as_of`).

use clap::Args;
use waymark_api::AsOf;

#[derive(Args, Debug, Clone, Default)]
pub struct WaveArg {
    /// Scores as of this survey wave (label; default: the latest wave)
    #[arg(long, value_name = "LABEL")]
    wave: Option<String>,
    /// Scores on every wave's answers pooled
    #[arg(long, conflicts_with = "wave")]
    all_waves: bool,
}

impl WaveArg {
    pub fn as_of(&self) -> AsOf {
        match (&self.wave, self.all_waves) {
            (Some(w), _) => AsOf::Wave(w.clone()),
            (None, true) => AsOf::AllWaves,
            (None, false) => AsOf::Latest,
        }
    }
}
