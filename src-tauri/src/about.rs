//! Help › About: the version, the library file in use, and the README's
//! sections, which the README (embedded at build time) also supplies, so
//! the installed app needs neither the source tree nor a network.

use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use waymark_api::ApiError;

use crate::LibraryState;

const README: &str = include_str!("../../README.md");

/// What the About dialog shows.
#[derive(Debug, Serialize)]
pub struct About {
    pub version: String,
    pub library: String,
    /// The README's `##` section titles, in order.
    pub sections: Vec<String>,
}

#[tauri::command]
pub async fn about<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, LibraryState>,
) -> Result<About, ApiError> {
    Ok(About {
        version: app.package_info().version.to_string(),
        library: state.library()?.path().display().to_string(),
        sections: sections().map(|(title, _)| title.to_string()).collect(),
    })
}

/// One README section's text (Markdown), by its title.
#[tauri::command]
pub async fn readme_section(title: String) -> Result<String, ApiError> {
    sections()
        .find(|(t, _)| *t == title)
        .map(|(_, text)| text.trim().to_string())
        .ok_or_else(|| ApiError::Invalid(format!("the README has no section {title:?}")))
}

/// The README's `##` sections as (title, body up to the next `##`); a `##`
/// inside a code block is not a heading.
fn sections() -> impl Iterator<Item = (&'static str, &'static str)> {
    let mut starts = Vec::new();
    let mut offset = 0;
    let mut fenced = false;
    for line in README.split_inclusive('\n') {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with("## ") {
            starts.push(offset);
        }
        offset += line.len();
    }
    starts.push(README.len());
    (0..starts.len() - 1).map(move |i| {
        let section = &README[starts[i]..starts[i + 1]];
        let (heading, body) = section.split_once('\n').unwrap_or((section, ""));
        (heading.trim_start_matches("## ").trim(), body)
    })
}

#[cfg(test)]
mod tests {
    use super::sections;

    #[test]
    fn readme_sections_are_found_whole() {
        let titles: Vec<&str> = sections().map(|(t, _)| t).collect();
        assert!(titles.contains(&"Platforms"), "{titles:?}");
        assert!(titles.contains(&"Layout"), "{titles:?}");
        let (_, layout) = sections().find(|(t, _)| *t == "Layout").unwrap();
        assert!(layout.contains("crates/core"));
        assert!(!layout.contains("\n## "));
    }
}
