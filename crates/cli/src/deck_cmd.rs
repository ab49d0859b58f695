//! `waymark deck`: the editable 16:9 PowerPoint deck of one map.

use std::path::PathBuf;

use clap::Args;
use waymark_api::deck::{DeckOptions, Section};
use waymark_api::Library;

use crate::branding::Branding;
use crate::terminal::{say, say_err};
use crate::{resolve, write_atomically, Failure};

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
    #[command(flatten)]
    branding: Branding,
    #[command(flatten)]
    wave: crate::as_of_arg::WaveArg,
}

pub fn run(lib: &Library, args: DeckArgs) -> Result<(), Failure> {
    let id = resolve(lib, &args.id)?;
    let mut options = DeckOptions::new(args.branding.date());
    if let Some(list) = &args.sections {
        options.sections = Section::parse_list(list).map_err(|e| Failure::Usage(e.to_string()))?;
    }
    options.logo = args.branding.logo()?;
    options.company = args.branding.company;
    options.version_label = args.branding.version_label;
    options.as_of = args.wave.as_of();
    let deck = lib.deck_pptx(&id, &options)?;
    write_atomically(&args.output, &deck.pptx)?;
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
