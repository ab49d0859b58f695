//! Everything Office Open XML knows, in one place: the slide model the deck
//! is built from ([`shapes`]), the package's fixed parts ([`parts`]), the
//! theme ([`theme`]) and the zip container written here. Nothing outside
//! this module writes XML or knows a part name.
//!
//! Deterministic by construction: parts are written in a fixed order with a
//! fixed timestamp (1980-01-01, the zip epoch) and fixed permissions, shape
//! ids count up per slide and relationship ids per part.

mod parts;
pub mod shapes;
mod theme;
mod xml;

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

pub use parts::{SLIDE_H, SLIDE_W, TITLE_BOX};
pub use theme::FONT;

use parts::Rel;
use shapes::Slide;

/// An image the deck shows (only the logo is a picture).
#[derive(Debug, Clone, PartialEq)]
pub struct Media {
    pub bytes: Vec<u8>,
    /// "png" or "jpeg".
    pub ext: &'static str,
}

/// A deck ready to be written.
#[derive(Debug, Clone, Default)]
pub struct Package {
    pub title: String,
    pub creator: String,
    /// YYYY-MM-DD, the document's created and modified date.
    pub date: String,
    pub slides: Vec<Slide>,
    pub media: Vec<Media>,
}

impl Package {
    /// The .pptx bytes.
    pub fn write(&self) -> Result<Vec<u8>, std::io::Error> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(64 * 1024)));
        let opts = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(6))
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644);
        let mut put = |name: &str, bytes: &[u8]| -> std::io::Result<()> {
            zip.start_file(name, opts).map_err(std::io::Error::other)?;
            zip.write_all(bytes)
        };
        let notes: Vec<bool> = self.slides.iter().map(|s| !s.notes.is_empty()).collect();
        let exts: Vec<&str> = self.media.iter().map(|m| m.ext).collect();
        put("[Content_Types].xml", &parts::content_types(&notes, &exts))?;
        put("_rels/.rels", &parts::package_rels())?;
        put(
            "docProps/core.xml",
            &parts::core_props(&self.title, &self.creator, &self.date),
        )?;
        put(
            "docProps/app.xml",
            &parts::app_props(self.slides.len(), notes.iter().filter(|n| **n).count()),
        )?;
        put(
            "ppt/presentation.xml",
            &parts::presentation(self.slides.len()),
        )?;
        put(
            "ppt/_rels/presentation.xml.rels",
            &parts::presentation_rels(self.slides.len()),
        )?;
        put("ppt/presProps.xml", &parts::pres_props())?;
        put("ppt/viewProps.xml", &parts::view_props())?;
        put("ppt/tableStyles.xml", &parts::table_styles())?;
        let theme = theme::theme_xml();
        put("ppt/theme/theme1.xml", &theme)?;
        put("ppt/theme/theme2.xml", &theme)?;
        put("ppt/slideMasters/slideMaster1.xml", &parts::slide_master())?;
        put(
            "ppt/slideMasters/_rels/slideMaster1.xml.rels",
            &parts::rels_xml(&[
                Rel {
                    id: 1,
                    kind: "slideLayout",
                    target: "../slideLayouts/slideLayout1.xml".into(),
                },
                Rel {
                    id: 2,
                    kind: "theme",
                    target: "../theme/theme1.xml".into(),
                },
            ]),
        )?;
        put("ppt/slideLayouts/slideLayout1.xml", &parts::slide_layout())?;
        put(
            "ppt/slideLayouts/_rels/slideLayout1.xml.rels",
            &parts::rels_xml(&[Rel {
                id: 1,
                kind: "slideMaster",
                target: "../slideMasters/slideMaster1.xml".into(),
            }]),
        )?;
        put("ppt/notesMasters/notesMaster1.xml", &parts::notes_master())?;
        put(
            "ppt/notesMasters/_rels/notesMaster1.xml.rels",
            &parts::rels_xml(&[Rel {
                id: 1,
                kind: "theme",
                target: "../theme/theme2.xml".into(),
            }]),
        )?;
        for (i, m) in self.media.iter().enumerate() {
            put(&format!("ppt/media/image{}.{}", i + 1, m.ext), &m.bytes)?;
        }
        for (i, s) in self.slides.iter().enumerate() {
            let n = i + 1;
            let (xml, used) = shapes::slide_xml(s, 3);
            put(&format!("ppt/slides/slide{n}.xml"), &xml)?;
            let mut rels = vec![Rel {
                id: 1,
                kind: "slideLayout",
                target: "../slideLayouts/slideLayout1.xml".into(),
            }];
            if !s.notes.is_empty() {
                rels.push(Rel {
                    id: 2,
                    kind: "notesSlide",
                    target: format!("../notesSlides/notesSlide{n}.xml"),
                });
            }
            for (k, m) in used.iter().enumerate() {
                rels.push(Rel {
                    id: 3 + k,
                    kind: "image",
                    target: format!("../media/image{}.{}", m + 1, self.media[*m].ext),
                });
            }
            put(
                &format!("ppt/slides/_rels/slide{n}.xml.rels"),
                &parts::rels_xml(&rels),
            )?;
            if !s.notes.is_empty() {
                put(
                    &format!("ppt/notesSlides/notesSlide{n}.xml"),
                    &shapes::notes_xml(&s.notes),
                )?;
                put(
                    &format!("ppt/notesSlides/_rels/notesSlide{n}.xml.rels"),
                    &parts::rels_xml(&[
                        Rel {
                            id: 1,
                            kind: "notesMaster",
                            target: "../notesMasters/notesMaster1.xml".into(),
                        },
                        Rel {
                            id: 2,
                            kind: "slide",
                            target: format!("../slides/slide{n}.xml"),
                        },
                    ]),
                )?;
            }
        }
        let out = zip.finish().map_err(std::io::Error::other)?;
        Ok(out.into_inner())
    }
}
