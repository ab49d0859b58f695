//! What `waymark report` and `waymark deck` put on their title page the same
//! way: company, logo, date and version label.

use std::path::PathBuf;

use clap::Args;
use waymark_api::report::today;

use crate::Failure;

#[derive(Args)]
pub struct Branding {
    /// Company name on the title page (and the report's footer)
    #[arg(long, value_name = "NAME")]
    pub company: Option<String>,
    /// Company logo, PNG or JPEG
    #[arg(long, value_name = "FILE")]
    logo: Option<PathBuf>,
    /// Date on the title page, YYYY-MM-DD (default: today, UTC); fixes the file's dates
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// Version label on the title page
    #[arg(long = "version", value_name = "LABEL")]
    pub version_label: Option<String>,
}

impl Branding {
    /// The date to print: the one given, or today.
    pub fn date(&self) -> String {
        self.date.clone().unwrap_or_else(today)
    }

    /// The logo's bytes, when one was given.
    pub fn logo(&self) -> Result<Option<Vec<u8>>, Failure> {
        self.logo
            .as_ref()
            .map(|path| {
                std::fs::read(path)
                    .map_err(|e| Failure::Io(format!("{}: cannot read: {e}", path.display())))
            })
            .transpose()
    }
}
