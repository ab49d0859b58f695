//! `waymark report`: the executive PDF report of one map.

use std::path::PathBuf;

use clap::Args;
use waymark_api::report::{ReportOptions, Section};
use waymark_api::Library;

use crate::branding::Branding;
use crate::terminal::{say, say_err};
use crate::{resolve, write_atomically, Failure};

#[derive(Args)]
pub struct ReportArgs {
    /// Map id (or a unique prefix of one)
    id: String,
    /// The PDF file to write
    #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
    output: PathBuf,
    #[arg(long, value_name = "SIZE", default_value = "a4", value_parser = ["a4", "a3", "letter", "tabloid"])]
    page_size: String,
    /// Comma-separated: summary,map,stages,trends,pain-points,appendix (default: all)
    #[arg(long, value_name = "LIST")]
    sections: Option<String>,
    #[command(flatten)]
    branding: Branding,
    #[command(flatten)]
    wave: crate::as_of_arg::WaveArg,
}

pub fn run(lib: &Library, args: ReportArgs) -> Result<(), Failure> {
    let id = resolve(lib, &args.id)?;
    let mut options = ReportOptions::new(args.branding.date());
    options.page_size = args
        .page_size
        .parse()
        .map_err(|e: waymark_api::report::ReportError| Failure::Usage(e.to_string()))?;
    if let Some(list) = &args.sections {
        options.sections = Section::parse_list(list).map_err(|e| Failure::Usage(e.to_string()))?;
    }
    options.logo = args.branding.logo()?;
    options.company = args.branding.company;
    options.version_label = args.branding.version_label;
    options.as_of = args.wave.as_of();
    let report = lib.report_pdf(&id, &options)?;
    write_atomically(&args.output, &report.pdf)?;
    for w in &report.warnings {
        say_err!("waymark: warning: {w}");
    }
    say!(
        "wrote {} ({} pages, {} bytes)",
        args.output.display(),
        report.pages,
        report.pdf.len()
    );
    Ok(())
}
