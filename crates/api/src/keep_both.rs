//! Keep both: a map imported under a title the library already has can take
//! the next free "(2)" suffix, so the list and Recently opened tell them
//! apart. The app asks first (keep both, replace, or don't import); a file
//! opened from the desktop (double-click) keeps both without asking.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::{Library, Result};

/// `title`, or the first of "title (2)", "title (3)"… that is not `taken`.
pub fn free_title(title: &str, taken: &HashSet<String>) -> String {
    if !taken.contains(title) {
        return title.to_string();
    }
    (2..)
        .map(|n| format!("{title} ({n})"))
        .find(|t| !taken.contains(t))
        .expect("some suffix is free")
}

/// An imported map whose title another map already had, and the free title
/// keeping both gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct TitleClash {
    pub id: String,
    pub was: String,
    pub title: String,
}

impl Library {
    /// The renames that keep the maps `imported` apart from the library's
    /// other maps and from each other (none for a title nobody else has).
    pub fn title_clashes(&self, imported: &[String]) -> Result<Vec<TitleClash>> {
        let all = self.list_maps()?;
        let fresh: HashSet<&str> = imported.iter().map(String::as_str).collect();
        let mut taken: HashSet<String> = all
            .iter()
            .filter(|m| !fresh.contains(m.id.as_str()))
            .map(|m| m.title.clone())
            .collect();
        let mut clashes = Vec::new();
        for id in imported {
            let Some(m) = all.iter().find(|m| &m.id == id) else {
                continue;
            };
            let title = free_title(&m.title, &taken);
            taken.insert(title.clone());
            if title != m.title {
                clashes.push(TitleClash {
                    id: id.clone(),
                    was: m.title.clone(),
                    title,
                });
            }
        }
        Ok(clashes)
    }

    /// Gives the map `id`, just imported, the free title keeping both would.
    pub(crate) fn keep_both(&self, id: &str) -> Result<()> {
        for clash in self.title_clashes(&[id.to_string()])? {
            self.rename(&clash.id, &clash.title)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_free_suffix_is_taken() {
        let taken = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<HashSet<_>>();
        assert_eq!(free_title("Map", &taken(&[])), "Map");
        assert_eq!(free_title("Map", &taken(&["Map"])), "Map (2)");
        assert_eq!(free_title("Map", &taken(&["Map", "Map (2)"])), "Map (3)");
    }
}
