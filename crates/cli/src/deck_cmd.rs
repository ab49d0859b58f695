//! `waymark deck`: the editable 16:9 PowerPoint deck of one map.

use std::path::PathBuf;

use clap::Args;
use waymark_api::deck::{DeckOptions, Section};
use waymark_api::report::today;
use waymark_api::Library;

use crate::terminal::{say, say_err};
use crate::{resolve, Failure};

#[derive(Args)]
pub struct DeckArgs {
    /// Map id (or a unique prefix of one)
    id: String,
    /// The .pptx file to write
    #[arg(short = 'o', long = "output", value_name = "FILE.pptx")]
    output: PathBuf,
    /// Comma-separated: title,summary,map,stages,pain-points,trends (default: all)
    #[arg(long, value_name = "LIST")]
    sections: Option<String>,
    /// Company name on the title slide
    #[arg(long, value_name = "NAME")]
    company: Option<String>,
    /// Company logo, PNG or JPEG
    #[arg(long, value_name = "FILE")]
    logo: Option<PathBuf>,
    /// Deck date, YYYY-MM-DD (default: today, UTC); fixes the file's dates
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// Version label on the title slide
    #[arg(long = "version", value_name = "LABEL")]
    version_label: Option<String>,
}

pub fn run(lib: &Library, args: DeckArgs) -> Result<(), Failure> {
    let id = resolve(lib, &args.id)?;
    let mut options = DeckOptions::new(args.date.unwrap_or_else(today));
    if let Some(list) = &args.sections {
        options.sections = Section::parse_list(list).map_err(|e| Failure::Usage(e.to_string()))?;
    }
    options.company = args.company;
    options.version_label = args.version_label;
    if let Some(path) = &args.logo {
        let bytes = std::fs::read(path)
            .map_err(|e| Failure::Io(format!("{}: cannot read: {e}", path.display())))?;
        options.logo = Some(bytes);
    }
    let deck = lib.deck_pptx(&id, &options)?;
    waymark_api::files::write_atomically(&args.output, &deck.pptx)
        .map_err(|e| Failure::Io(format!("{}: cannot write: {e}", args.output.display())))?;
    for w in &deck.warnings {
        say_err!("waymark: warning: {w}");
    }
    say!(
        "wrote {} ({} slides, {} bytes)",
        args.output.display(),
        deck.slides,
        deck.pptx.len()
    );
    Ok(())
}
