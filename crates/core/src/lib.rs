//! Waymark's core: the journey model, its Yjs document, validation, ordering
//! and file formats. Knows nothing of SQLite, HTTP, PDFs or Tauri.

#[cfg(feature = "arbitrary")]
pub mod arbitrary;
pub mod channels;
pub mod doc;
pub mod doc_batches;
pub mod doc_text;
pub mod evidence;
pub mod formats;
pub mod generated;
pub mod hostile;
pub mod identity;
pub mod incremental;
pub mod limits;
pub mod model;
pub mod order;
pub mod orphans;
pub mod ratings;
pub mod repair;
pub mod schema;
pub mod settings_check;
pub mod synth;
pub mod targets;
pub mod templates;
pub mod validate;

pub use model::*;
pub use validate::{validate, Problem};
