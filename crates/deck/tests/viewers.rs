//! The four templates' decks through three other programs: python-pptx
//! reads every shape, text and note (`read_pptx.py`), openxml-audit checks
//! every part against the ECMA-376 schemas, and LibreOffice Impress converts
//! all four to PDF headlessly in one run, one page per slide.
//! `scripts/install-deps` installs them (Debian's `libreoffice-impress`;
//! python-pptx and openxml-audit into `.tools/pptx-py`). Without them a test
//! says what is missing and skips — except under CI, where it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

use waymark_deck::{render, DeckOptions};

const TEMPLATES: [&str; 4] = [
    "bank-lost-card",
    "broadband-outage",
    "damaged-order-return",
    "saas-trial-onboarding",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn missing(what: &str) {
    let msg = format!("{what}; run scripts/install-deps");
    if std::env::var_os("CI").is_some() {
        panic!("{msg}");
    }
    eprintln!("SKIPPED: {msg}");
}

/// A Python that can `import pptx`: the project's venv, else the system's.
fn python() -> Option<PathBuf> {
    let venv = root().join(".tools/pptx-py/bin/python");
    [venv, PathBuf::from("python3")].into_iter().find(|p| {
        Command::new(p)
            .args(["-c", "import pptx"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"].into_iter().find(|c| {
        Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Writes the four decks; returns (path, slide count).
fn decks(dir: &Path) -> Vec<(PathBuf, usize)> {
    let logo = include_bytes!("../../../src-tauri/icons/128x128.png");
    TEMPLATES
        .iter()
        .map(|name| {
            let j = waymark_core::templates::load(name).unwrap();
            let mut o = DeckOptions::new("2026-03-01");
            o.company = Some("Northwind Bank".into());
            o.version_label = Some("Q1 review".into());
            o.logo = Some(logo.to_vec());
            let d = render(&j, &waymark_score::score(&j), &o).unwrap();
            let path = dir.join(format!("{name}.pptx"));
            std::fs::write(&path, &d.pptx).unwrap();
            (path, d.slides)
        })
        .collect()
}

#[test]
fn python_pptx_reads_every_shape_text_and_note() {
    let Some(py) = python() else {
        return missing("python-pptx is not installed, so the decks were not read by it");
    };
    let dir = tempfile::tempdir().unwrap();
    let decks = decks(dir.path());
    let out = Command::new(&py)
        .arg(root().join("crates/deck/tests/read_pptx.py"))
        .args(decks.iter().map(|d| &d.0))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "python-pptx failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), decks.len());
    for ((path, slides), line) in decks.iter().zip(lines) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        assert_eq!(v["widescreen"], true, "{name}");
        assert_eq!(v["slides"].as_array().unwrap().len(), *slides, "{name}");
        assert_eq!(v["problems"], serde_json::json!([]), "{name}");
        assert!(
            v["shapes"].as_u64().unwrap() > 100,
            "{name}: {}",
            v["shapes"]
        );
        let titles: Vec<&str> = v["slides"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["title"].as_str().unwrap_or(""))
            .collect();
        assert!(titles.contains(&"What to fix first"), "{name}: {titles:?}");
        assert!(
            titles.iter().any(|t| t.starts_with("The journey map")),
            "{name}: {titles:?}"
        );
        assert!(
            titles.contains(&"Pain points, ranked by priority"),
            "{name}: {titles:?}"
        );
        let all = line.to_string();
        assert!(all.contains("Line of interaction"), "{name}");
        assert!(all.contains("friction"), "{name}");
    }
}

#[test]
fn every_part_is_valid_against_the_ecma_376_schemas() {
    let audit = root().join(".tools/pptx-py/bin/openxml-audit");
    if !audit.exists() {
        return missing("openxml-audit is not installed, so the schemas were not checked");
    }
    let dir = tempfile::tempdir().unwrap();
    for (path, _) in decks(dir.path()) {
        let out = Command::new(&audit)
            .args(["--max-errors", "20"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}: {}{}",
            path.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn libreoffice_impress_converts_the_four_decks_to_pdf_one_page_per_slide() {
    let Some(office) = soffice() else {
        return missing(
            "LibreOffice (libreoffice-impress) is not installed, so no deck was converted",
        );
    };
    let dir = tempfile::tempdir().unwrap();
    let decks = decks(dir.path());
    let profile = dir.path().join("profile");
    let out = Command::new(office)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir.path().join("pdf"))
        .args(decks.iter().map(|d| &d.0))
        .output()
        .unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "LibreOffice failed: {log}");
    assert!(!log.contains("Error"), "LibreOffice: {log}");
    for (path, slides) in &decks {
        let stem = path.file_stem().unwrap().to_string_lossy();
        let pdf = dir.path().join("pdf").join(format!("{stem}.pdf"));
        assert!(pdf.exists(), "{stem}: no PDF; LibreOffice said: {log}");
        let info = Command::new("pdfinfo")
            .arg(&pdf)
            .output()
            .expect("pdfinfo (poppler-utils)");
        let info = String::from_utf8_lossy(&info.stdout);
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("{stem}: pdfinfo says {info}"));
        assert_eq!(pages, *slides, "{stem}: {pages} pages for {slides} slides");
    }
}
