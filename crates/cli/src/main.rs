//! `waymark`: a thin command-line front over `waymark-api`. It parses
//! arguments, calls the API and prints; no domain logic lives here.
//! Exit codes: 0 ok, 2 usage, 1 any other error (one line on stderr).

mod as_of_arg;
mod branding;
mod compare_cmd;
mod deck_cmd;
mod homeless_cmd;
mod output;
mod report_cmd;
mod serve_cmd;
mod sync_cmd;
mod terminal;
mod themes_cmd;
mod trend_cmd;
mod watch_cmd;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use terminal::{say, say_err};
use waymark_api::{parse_import_format, ApiError, ExportFormat, Library};

#[derive(Parser)]
#[command(
    name = "waymark",
    version,
    about = "Waymark journey maps from the command line"
)]
struct Cli {
    /// Library file (default: $WAYMARK_DB, else the OS data directory)
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a map (blank or from a template); prints its id
    New {
        #[arg(long)]
        title: String,
        /// Template name (see `waymark templates`)
        #[arg(long)]
        template: Option<String>,
    },
    /// List the built-in templates
    Templates,
    /// List the maps in the library
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show one map
    Show {
        id: String,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        wave: as_of_arg::WaveArg,
    },
    /// Import a .waymark or Mermaid journey file; prints the new map's id
    Import {
        file: PathBuf,
        #[arg(long, value_parser = ["waymark", "mermaid"])]
        format: Option<String>,
    },
    /// Export a map (or one of its versions)
    Export {
        id: String,
        #[arg(long, value_parser = ["waymark", "mermaid", "csv"])]
        format: String,
        /// Write to FILE instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Export this named version instead of the current map
        #[arg(long, value_name = "LABEL")]
        version: Option<String>,
    },
    /// List a map's named versions
    Versions { id: String },
    /// Save the map's current state as a named version
    Version {
        id: String,
        #[arg(long)]
        label: String,
    },
    /// Bring a map back to a named version (the state before is kept as a version)
    Restore { id: String, version: String },
    /// Delete a map with its history and versions
    Delete { id: String },
    /// Put back a touchpoint or note a concurrent edit left without a home
    Rehome(homeless_cmd::RehomeArgs),
    /// Write the executive PDF report of a map
    Report(report_cmd::ReportArgs),
    /// Write an editable 16:9 PowerPoint deck (.pptx) of a map
    Deck(deck_cmd::DeckArgs),
    /// Serve the library to browsers (web UI, API, y-websocket) until Ctrl-C
    Serve(serve_cmd::ServeArgs),
    /// Link a map to a room on a y-websocket server and sync it live (or --once)
    Sync(sync_cmd::SyncArgs),
    /// Import the map a sync room holds; prints the new map's id (linked to the room)
    Join(sync_cmd::JoinArgs),
    /// Remove a map's link to its sync room
    Unlink { id: String },
    /// Score a map: friction, emotion, priority and CX metrics, explained
    Score {
        id: String,
        /// The full scorecard as JSON (every factor of every score)
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        wave: as_of_arg::WaveArg,
    },
    /// The pain-point board: pain points and opportunities, ranked, with votes
    Board {
        id: String,
        /// As CSV (one row per item, formula-like cells neutralised)
        #[arg(long, conflicts_with = "json")]
        csv: bool,
        /// As JSON (every field of every item)
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        wave: as_of_arg::WaveArg,
    },
    /// Copy a map as its future state ("to-be"), linked to it; prints the new id
    Future {
        id: String,
        /// Title of the copy (default: the map's title + " (to-be)")
        #[arg(long)]
        title: Option<String>,
    },
    /// Compare two states of maps: BEFORE and AFTER are ID or ID@VERSION
    Compare {
        before: String,
        after: String,
        /// The full comparison as JSON
        #[arg(long)]
        json: bool,
    },
    /// List a map's survey waves
    Waves {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Rename or delete a survey wave
    Wave {
        #[command(subcommand)]
        command: trend_cmd::WaveCommand,
    },
    /// Each survey wave's NPS, CSAT, CES, friction and emotion with 95% intervals
    Trend {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// What the comments are about: themes per touchpoint and stage, with
    /// counts, shares, sentiment, effort cues and quotes
    Themes {
        id: String,
        /// One touchpoint (id or title)
        #[arg(long)]
        touchpoint: Option<String>,
        /// One stage (id or title)
        #[arg(long)]
        stage: Option<String>,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        wave: as_of_arg::WaveArg,
    },
    /// Import each survey file that appears in a folder as a wave (--once: what is there now)
    Watch(watch_cmd::WatchArgs),
    /// KPI targets of the journey, a stage or a touchpoint: list them, set
    /// one (`waymark target ID nps ">=30"`) or clear one (`--clear`)
    Target {
        id: String,
        /// nps, csat, ces, friction or emotion; none: list every target
        kpi: Option<String>,
        /// ">=30" or "<=40" (a bare number points the way the KPI improves)
        #[arg(allow_hyphen_values = true)]
        target: Option<String>,
        /// The touchpoint's id or exact title (default: the journey)
        #[arg(long, conflicts_with = "stage")]
        touchpoint: Option<String>,
        /// The stage's id or exact name (default: the journey)
        #[arg(long)]
        stage: Option<String>,
        /// Clear the KPI's target
        #[arg(long, conflicts_with = "target")]
        clear: bool,
        #[arg(long)]
        json: bool,
    },
    /// Survey answers
    Responses {
        #[command(subcommand)]
        command: ResponsesCommand,
    },
}

#[derive(Subcommand)]
enum ResponsesCommand {
    /// Import answers as a wave: our CSV (touchpoint,respondent,date,metric,scale,value,comment)
    /// or a Qualtrics, Medallia, SurveyMonkey, Typeform or Google Forms export
    Import {
        id: String,
        file: PathBuf,
        /// How the file's columns are read: JSON as the import wizard shows
        /// it (default: recognised from the headers)
        #[arg(long, value_name = "FILE.json")]
        columns: Option<PathBuf>,
        /// The wave's label; re-importing a label replaces that wave
        /// (default: the --date, else today's date)
        #[arg(long, value_name = "LABEL")]
        wave: Option<String>,
        /// The wave's date, YYYY-MM-DD
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            say_err!("waymark: {msg}");
            ExitCode::from(2)
        }
        Err(Failure::Api(ApiError::Rejected { summary, details })) => {
            say_err!("waymark: {summary}");
            for d in details {
                say_err!("  {d}");
            }
            ExitCode::from(1)
        }
        Err(Failure::Api(e)) => {
            say_err!("waymark: {}", one_line(&e.to_string()));
            ExitCode::from(1)
        }
        Err(Failure::Io(msg)) => {
            say_err!("waymark: {}", one_line(&msg));
            ExitCode::from(1)
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

enum Failure {
    Usage(String),
    Api(ApiError),
    Io(String),
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        Failure::Api(e)
    }
}

/// Resolves a map id or a unique prefix of one (at least 4 characters), as
/// people copy ids from `waymark list`.
pub(crate) fn resolve(lib: &Library, id: &str) -> Result<String, Failure> {
    let maps = lib.list_maps()?;
    if maps.iter().any(|m| m.id == id) {
        return Ok(id.to_string());
    }
    let matches: Vec<&str> = maps
        .iter()
        .filter(|m| id.len() >= 4 && m.id.starts_with(id))
        .map(|m| m.id.as_str())
        .collect();
    match matches.as_slice() {
        [one] => Ok(one.to_string()),
        [] => Err(Failure::Api(ApiError::NotFound(format!(
            "no map with id {id}"
        )))),
        _ => Err(Failure::Usage(format!(
            "id prefix {id} matches {} maps; give more characters",
            matches.len()
        ))),
    }
}

/// Writes `content` to `path` through the API's one atomic writer
/// ([`waymark_api::files::write_atomically`]), naming the file on failure.
fn write_atomically(path: &Path, content: impl AsRef<[u8]>) -> Result<(), Failure> {
    waymark_api::files::write_atomically(path, content.as_ref())
        .map_err(|e| Failure::Io(format!("{}: cannot write: {e}", path.display())))
}

fn run(cli: Cli) -> Result<(), Failure> {
    let db = cli.db.unwrap_or_else(waymark_api::default_library_path);
    if let Command::Templates = cli.command {
        terminal::print(&output::templates(&waymark_api::list_templates()));
        return Ok(());
    }
    let lib = Library::open(&db)?;
    match cli.command {
        Command::Templates => unreachable!("handled before opening the library"),
        Command::New { title, template } => {
            let id = lib.create_map(template.as_deref(), Some(&title))?;
            say!("{id}");
        }
        Command::List { json } => {
            let maps = lib.list_maps()?;
            if json {
                say!("{}", terminal::json(&maps));
            } else {
                terminal::print(&output::map_list(&maps));
            }
        }
        Command::Show { id, json, wave } => {
            let id = resolve(&lib, &id)?;
            let as_of = wave.as_of();
            let card = lib.score_as_of(&id, &as_of)?;
            let summary = lib.map_summary(&id)?;
            let journey = lib.journey(&id)?;
            let versions = lib.versions(&id)?;
            let link = lib.map_link(&id)?;
            let homeless = lib.homeless(&id)?;
            let problems = lib.problems(&id)?;
            let evidence = lib.evidence_coverage_as_of(&id, &as_of)?;
            if json {
                let v = serde_json::json!({"id": id, "summary": summary, "versions": versions, "link": link, "map": journey, "homeless": homeless, "problems": problems, "evidence": evidence, "as_of": card.as_of, "journey_score": card.journey});
                say!("{}", terminal::json(&v));
            } else {
                terminal::print(&output::map_detail(&summary, &journey, &versions));
                if let Some(s) = waymark_api::as_of_sentence(&card, &as_of) {
                    say!("{s}");
                }
                say!("{}", output::headline(&card));
                say!("{}", evidence.sentence());
                terminal::print(&homeless_cmd::render(&id, &homeless));
                terminal::print(&homeless_cmd::render_repairs(&problems, 10));
                if let Some(link) = link {
                    terminal::print(&sync_cmd::link_detail(&link));
                }
            }
        }
        Command::Import { file, format } => {
            let format = format.as_deref().map(parse_import_format).transpose()?;
            let id = lib.import_path(&file, &file.display().to_string(), format)?;
            say!("{id}");
        }
        Command::Export {
            id,
            format,
            output,
            version,
        } => {
            let id = resolve(&lib, &id)?;
            let format: ExportFormat = format.parse()?;
            let text = lib.export(&id, format, version.as_deref())?;
            match output {
                Some(path) => write_atomically(&path, &text)?,
                None => terminal::print_data(&text),
            }
        }
        Command::Versions { id } => {
            let id = resolve(&lib, &id)?;
            terminal::print(&output::versions(&lib.versions(&id)?));
        }
        Command::Version { id, label } => {
            let id = resolve(&lib, &id)?;
            let v = lib.create_version(&id, &label)?;
            say!("{}", v.id);
        }
        Command::Restore { id, version } => {
            let id = resolve(&lib, &id)?;
            let kept = lib.restore(&id, &version)?;
            say!(
                "restored {version}; the previous state is kept as version {:?}",
                kept.label
            );
        }
        Command::Score { id, json, wave } => {
            let id = resolve(&lib, &id)?;
            let as_of = wave.as_of();
            let card = lib.score_as_of(&id, &as_of)?;
            if json {
                say!("{}", terminal::json(&card));
            } else {
                if let Some(s) = waymark_api::as_of_sentence(&card, &as_of) {
                    say!("{s}");
                }
                terminal::print(&waymark_api::scorecard_table(&card));
            }
        }
        Command::Board {
            id,
            csv,
            json,
            wave,
        } => {
            let id = resolve(&lib, &id)?;
            let board = lib.board_as_of(&id, &wave.as_of())?;
            if json {
                say!("{}", terminal::json(&board));
            } else if csv {
                terminal::print_data(&board.csv());
            } else {
                match &board.as_of {
                    Some(w) => say!("As of survey wave {w}"),
                    None if wave.as_of() == waymark_api::AsOf::AllWaves => {
                        say!("Every survey wave pooled")
                    }
                    None => {}
                }
                terminal::print(&output::board(&board));
            }
        }
        Command::Responses {
            command:
                ResponsesCommand::Import {
                    id,
                    file,
                    columns,
                    wave,
                    date,
                },
        } => {
            let id = resolve(&lib, &id)?;
            let done = match columns {
                None => lib.import_wave_file(&id, &file, wave.as_deref(), date.as_deref())?,
                Some(c) => {
                    let columns = watch_cmd::columns(Some(&c))?;
                    let text = waymark_api::files::read_text(
                        &file,
                        waymark_api::survey::SURVEY_FILE_BYTES,
                    )?;
                    let date = date.as_deref().map_or(
                        waymark_api::waves::WaveDate::Unknown,
                        waymark_api::waves::WaveDate::Given,
                    );
                    lib.import_wave_text(
                        &id,
                        &file.display().to_string(),
                        &text,
                        &columns,
                        wave.as_deref(),
                        date,
                    )?
                }
            };
            say!(
                "{} answers added, {} replaced\nwave {:?} holds {} answers",
                done.added,
                done.replaced,
                done.wave.label,
                done.wave.answers
            );
        }
        Command::Waves { id, json } => {
            let id = resolve(&lib, &id)?;
            let waves = lib.waves(&id)?;
            if json {
                say!("{}", terminal::json(&waves));
            } else {
                terminal::print(&trend_cmd::waves(&waves));
                terminal::print(&trend_cmd::off_the_map(&lib.answers_off_the_map(&id)?));
            }
        }
        Command::Wave { command } => match command {
            trend_cmd::WaveCommand::Rename { id, from, to } => {
                let id = resolve(&lib, &id)?;
                let w = lib.rename_wave(&id, &from, &to)?;
                say!("renamed wave {from:?} to {:?}", w.label);
            }
            trend_cmd::WaveCommand::Delete { id, label } => {
                let id = resolve(&lib, &id)?;
                lib.delete_wave(&id, &label)?;
                say!("deleted wave {label:?}");
            }
        },
        Command::Themes {
            id,
            touchpoint,
            stage,
            json,
            wave,
        } => {
            let id = resolve(&lib, &id)?;
            let t = lib.themes(&waymark_api::themes::ThemesQuery {
                id,
                touchpoint,
                stage,
                as_of: Some(wave.as_of()),
            })?;
            if json {
                say!("{}", terminal::json(&t));
            } else {
                terminal::print(&themes_cmd::themes(&t));
            }
        }
        Command::Trend { id, json } => {
            let id = resolve(&lib, &id)?;
            let t = lib.trend(&id)?;
            if json {
                say!("{}", terminal::json(&t));
            } else {
                terminal::print(&trend_cmd::trend(&t));
            }
        }
        Command::Target {
            id,
            kpi,
            target,
            touchpoint,
            stage,
            clear,
            json,
        } => {
            let id = resolve(&lib, &id)?;
            let Some(kpi) = kpi else {
                let groups = lib.targets(&id)?;
                if json {
                    say!("{}", terminal::json(&groups));
                } else {
                    terminal::print(&trend_cmd::targets(&groups));
                }
                return Ok(());
            };
            let kpi = waymark_core::Kpi::parse(&kpi).ok_or_else(|| {
                Failure::Usage(format!(
                    "{kpi:?} is not a KPI: give nps, csat, ces, friction or emotion"
                ))
            })?;
            let target = match (target, clear) {
                (Some(t), _) => {
                    Some(waymark_core::KpiTarget::parse(kpi, &t).map_err(ApiError::Invalid)?)
                }
                (None, true) => None,
                (None, false) => {
                    return Err(Failure::Usage(format!(
                        "give the {kpi} target (for example \">=30\" or \"<=2.5\") or --clear"
                    )))
                }
            };
            let of = waymark_api::targets::TargetOf::from_request(
                &id,
                stage.as_deref(),
                touchpoint.as_deref(),
            )?;
            let g = lib.set_target_of(&id, of, kpi, target)?;
            if json {
                say!("{}", terminal::json(&g));
            } else {
                match target {
                    Some(t) => say!("{kpi} target {t} set"),
                    None => say!("{kpi} target cleared"),
                }
                terminal::print(&trend_cmd::targets(&[g]));
            }
        }
        Command::Future { id, title } => {
            let id = resolve(&lib, &id)?;
            say!("{}", lib.create_future_state(&id, title.as_deref())?);
        }
        Command::Compare {
            before,
            after,
            json,
        } => {
            let before = compare_cmd::parse_side(&lib, &before)?;
            let after = compare_cmd::parse_side(&lib, &after)?;
            let c = lib.compare(&before, &after)?;
            if json {
                say!("{}", terminal::json(&c));
            } else {
                terminal::print(&compare_cmd::render(&c));
            }
        }
        Command::Report(args) => report_cmd::run(&lib, args)?,
        Command::Watch(args) => watch_cmd::run(&lib, args)?,
        Command::Deck(args) => deck_cmd::run(&lib, args)?,
        Command::Serve(args) => serve_cmd::run(lib, args)?,
        Command::Sync(args) => sync_cmd::sync(lib, args)?,
        Command::Join(args) => sync_cmd::join(lib, args)?,
        Command::Unlink { id } => sync_cmd::unlink(&lib, &id)?,
        Command::Rehome(args) => {
            let id = resolve(&lib, &args.id)?;
            terminal::print(&homeless_cmd::rehome(&lib, &id, &args)?);
        }
        Command::Delete { id } => {
            let id = resolve(&lib, &id)?;
            lib.delete(&id)?;
            say!("deleted {id}");
        }
    }
    Ok(())
}
