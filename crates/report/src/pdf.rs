//! Turns laid-out pages into deterministic PDF bytes: fixed resource ids,
//! fixed dates, and a document id derived from the content.

use printpdf::{
    Date, Offset, OffsetDateTime, PageAnnotId, PageAnnotation, PdfDocument, PdfDocumentInfo,
    PdfFont, PdfPage, PdfSaveOptions, Pt, Rect as PdfRect, Time, XObject, XObjectId,
};
use waymark_core::Journey;

use crate::fonts::{fonts, Slot};
use crate::geom::font_id;
use crate::sections::{Built, LOGO_ID};
use crate::{parse_date, ReportError, ReportOptions};

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

pub(crate) fn write(
    journey: &Journey,
    opts: &ReportOptions,
    built: Built,
) -> Result<Vec<u8>, ReportError> {
    let (y, m, d) = parse_date(&opts.date)?;
    let when = OffsetDateTime::new_in_offset(
        Date {
            year: y,
            month: m,
            day: d,
        },
        Time {
            hour: 0,
            minute: 0,
            second: 0,
            millisecond: 0,
        },
        Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    );
    let title = if journey.title.trim().is_empty() {
        "Untitled journey"
    } else {
        journey.title.trim()
    };
    let mut doc = PdfDocument::new(title);
    doc.metadata.info = PdfDocumentInfo {
        creation_date: when,
        modification_date: when,
        metadata_date: when,
        document_title: format!("{title} — customer journey report"),
        author: opts
            .author
            .clone()
            .or_else(|| opts.company.clone())
            .unwrap_or_default(),
        creator: "Waymark".into(),
        producer: "Waymark report (printpdf)".into(),
        subject: format!(
            "Executive CX report: where the journey hurts, why, who owns it and what to fix first{}",
            opts.version_label.as_deref().map(|v| format!(" (version {v})")).unwrap_or_default()
        ),
        keywords: vec!["customer journey".into(), "CX".into(), "Waymark".into()],
        ..PdfDocumentInfo::default()
    };
    let f = fonts();
    let mut used: [std::collections::BTreeSet<char>; 3] = Default::default();
    for p in &built.pages {
        for (all, page) in used.iter_mut().zip(&p.used) {
            all.extend(page.iter().copied());
        }
    }
    for (slot, name) in [
        (Slot::Regular, "NotoSans-Regular"),
        (Slot::Bold, "NotoSans-Bold"),
        (Slot::Symbols, "NotoSansMath-Regular"),
    ] {
        let (id, face, chars) = (font_id(slot), f.slot(slot), &used[slot.index()]);
        // The fallback is embedded only when a page draws with it.
        if slot == Slot::Symbols && chars.is_empty() {
            continue;
        }
        let parsed = face
            .subset(chars, &format!("{id}+{name}"))
            .map_err(|e| ReportError::Pdf(format!("cannot subset the font: {e}")))?;
        let mut font = PdfFont::new(parsed);
        // Already cut down; embed as is.
        font.meta.requires_subsetting = false;
        doc.resources
            .fonts
            .map
            .insert(printpdf::FontId(id.into()), font);
    }
    if let Some(img) = built.logo {
        doc.resources
            .xobjects
            .map
            .insert(XObjectId(LOGO_ID.into()), XObject::Image(img));
    }
    for (i, (name, page)) in built.bookmarks.iter().enumerate() {
        doc.bookmarks.map.insert(
            PageAnnotId(format!("bm{i:03}")),
            PageAnnotation {
                name: name.clone(),
                page: page + 1,
            },
        );
    }
    doc.pages = built
        .pages
        .into_iter()
        .map(|p| {
            let r = PdfRect::from_wh(Pt(p.width), Pt(p.height));
            PdfPage {
                media_box: r.clone(),
                trim_box: r.clone(),
                crop_box: r,
                ops: p.ops,
            }
        })
        .collect();
    let save = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&save, &mut warnings);
    // Flate at level 3: `lopdf`'s own compress() uses the best level,
    // about three times slower on the 600-touchpoint map for 15% less size.
    for obj in lo.objects.values_mut() {
        if let lopdf::Object::Stream(st) = obj {
            if st.allows_compression && st.dict.get(b"Filter").is_err() {
                use std::io::Write;
                let mut enc =
                    flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(3));
                enc.write_all(&st.content)
                    .map_err(|e| ReportError::Pdf(e.to_string()))?;
                let packed = enc.finish().map_err(|e| ReportError::Pdf(e.to_string()))?;
                if packed.len() + 19 < st.content.len() {
                    st.dict.set("Filter", "FlateDecode");
                    st.set_content(packed);
                }
            }
        }
    }
    // A document id from the content, not printpdf's random one: hash the
    // file with a blank id, then set the id to that hash.
    let set_id = |lo: &mut lopdf::Document, id: Vec<u8>| {
        lo.trailer.set(
            "ID",
            lopdf::Object::Array(vec![
                lopdf::Object::String(id.clone(), lopdf::StringFormat::Hexadecimal),
                lopdf::Object::String(id, lopdf::StringFormat::Hexadecimal),
            ]),
        );
    };
    set_id(&mut lo, vec![0; 16]);
    let mut probe = Vec::new();
    lo.save_to(&mut probe)
        .map_err(|e| ReportError::Pdf(e.to_string()))?;
    let mut id = fnv1a(&probe).to_be_bytes().to_vec();
    id.extend((fnv1a(opts.date.as_bytes()) ^ probe.len() as u64).to_be_bytes());
    set_id(&mut lo, id);
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| ReportError::Pdf(e.to_string()))?;
    Ok(out)
}
