//! `waymark report`: the executive PDF report of one map.

use std::path::{Path, PathBuf};

use clap::Args;
use waymark_api::report::{ReportOptions, Section};
use waymark_api::Library;

use crate::{resolve, Failure};

#[derive(Args)]
pub struct ReportArgs {
    /// Map id (or a unique prefix of one)
    id: String,
    /// The PDF file to write
    #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
    output: PathBuf,
    #[arg(long, value_name = "SIZE", default_value = "a4", value_parser = ["a4", "a3", "letter", "tabloid"])]
    page_size: String,
    /// Comma-separated: summary,map,stages,pain-points,appendix (default: all)
    #[arg(long, value_name = "LIST")]
    sections: Option<String>,
    /// Company name on the cover and in the footer
    #[arg(long, value_name = "NAME")]
    company: Option<String>,
    /// Company logo, PNG or JPEG
    #[arg(long, value_name = "FILE")]
    logo: Option<PathBuf>,
    /// Report date, YYYY-MM-DD (default: today, UTC); fixes the PDF's dates
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// Version label printed on the report
    #[arg(long = "version", value_name = "LABEL")]
    version_label: Option<String>,
}

/// Today's date in UTC as YYYY-MM-DD (civil-from-days, no time zone data).
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn write_bytes_atomically(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| Failure::Usage(format!("{} is not a file name", path.display())))?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    std::fs::write(&tmp, bytes)
        .and_then(|_| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Failure::Io(format!("{}: cannot write: {e}", path.display()))
        })
}

pub fn run(lib: &Library, args: ReportArgs) -> Result<(), Failure> {
    let id = resolve(lib, &args.id)?;
    let mut options = ReportOptions::new(args.date.unwrap_or_else(today));
    options.page_size = args
        .page_size
        .parse()
        .map_err(|e: waymark_api::report::ReportError| Failure::Usage(e.to_string()))?;
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
    let report = lib.report_pdf(&id, &options)?;
    write_bytes_atomically(&args.output, &report.pdf)?;
    for w in &report.warnings {
        eprintln!("waymark: warning: {w}");
    }
    println!(
        "wrote {} ({} pages, {} bytes)",
        args.output.display(),
        report.pages,
        report.pdf.len()
    );
    Ok(())
}
