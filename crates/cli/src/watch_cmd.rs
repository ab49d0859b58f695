//! `waymark watch FOLDER --map ID [--once]`: imports each survey file that
//! appears in a folder as a wave (see `waymark_api::survey_watch`), so a
//! quarterly refresh is one cron line:
//! `waymark watch DIR --map ID --once && waymark report ID -o report.pdf`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Args;
use waymark_api::survey::{read_columns_file, SurveyColumns};
use waymark_api::survey_watch::{FolderWatch, WatchEvent};
use waymark_api::Library;

use crate::terminal::{say, say_err};
use crate::{resolve, Failure};

#[derive(Args)]
pub struct WatchArgs {
    /// The folder survey exports (.csv) are saved to
    folder: PathBuf,
    /// The map the answers belong to (id or a unique prefix)
    #[arg(long = "map", value_name = "ID")]
    map: String,
    /// How the files' columns are read: JSON as the import wizard shows it
    /// (default: recognised from each file's headers)
    #[arg(long, value_name = "FILE.json")]
    columns: Option<PathBuf>,
    /// Import what is there and stop (exit 1 if a file could not be imported)
    #[arg(long)]
    once: bool,
    /// Seconds between looks at the folder
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    interval: u64,
    /// With --once: seconds between the two looks that show a file holds still
    #[arg(long, value_name = "SECONDS", default_value_t = 2)]
    settle: u64,
}

/// The `--columns` file, or nothing to say (decide from the headers).
pub fn columns(path: Option<&Path>) -> Result<SurveyColumns, Failure> {
    Ok(match path {
        Some(p) => read_columns_file(p)?,
        None => SurveyColumns::default(),
    })
}

pub fn run(lib: &Library, args: WatchArgs) -> Result<(), Failure> {
    let id = resolve(lib, &args.map)?;
    if !args.folder.is_dir() {
        return Err(Failure::Usage(format!(
            "{}: not a folder",
            args.folder.display()
        )));
    }
    let mut watch = FolderWatch::new(&args.folder, &id, columns(args.columns.as_deref())?);
    let mut failed = 0usize;
    let mut report = |e: WatchEvent| match e {
        WatchEvent::Importing { file, wave } => {
            say!("importing {} as wave {wave:?}…", file.display())
        }
        WatchEvent::Imported { file, import } => say!(
            "{}: wave {:?} ({}) holds {} answers; {} added, {} replaced",
            file.display(),
            import.wave.label,
            import.wave.date.as_deref().unwrap_or("undated"),
            import.wave.answers,
            import.added,
            import.replaced
        ),
        WatchEvent::AlreadyImported { file, wave } => {
            say!("{}: already imported as wave {wave:?}", file.display())
        }
        WatchEvent::StillWriting { file } => say!(
            "{}: still being written; taken on the next look",
            file.display()
        ),
        WatchEvent::Failed { file, error } => {
            failed += 1;
            say_err!("{}: not imported: {error}", file.display());
        }
    };
    if args.once {
        watch.scan(lib, &mut report)?;
        std::thread::sleep(Duration::from_secs(args.settle));
        watch.scan(lib, &mut report)?;
        return if failed == 0 {
            Ok(())
        } else {
            Err(Failure::Io(format!(
                "{failed} file{} not imported",
                if failed == 1 { "" } else { "s" }
            )))
        };
    }
    say!(
        "watching {} for map {id} (Ctrl-C stops)",
        args.folder.display()
    );
    loop {
        watch.scan(lib, &mut report)?;
        std::thread::sleep(Duration::from_secs(args.interval.max(1)));
    }
}
