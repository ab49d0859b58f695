//! The title slide: journey, persona(s), scenario, date, version label,
//! company name and logo.

use waymark_report::geom::{Align, Rect};

use super::{fit, journey_title, line_h, text_box, Ctx, ACCENT, INK, MUTED};
use crate::ooxml::shapes::{Anchor, BoxShape, Geom, Para, Picture, Shape, Slide, Text};
use crate::ooxml::SLIDE_W;

const LEFT: f32 = 64.0;

pub(crate) fn slide(ctx: &Ctx) -> Slide {
    let j = ctx.j;
    let mut s = Slide::default();
    let w = SLIDE_W - 2.0 * LEFT;

    // The accent band on the left edge.
    s.add(Shape::Box(
        BoxShape::new("Accent band", Geom::Rect, Rect::new(0.0, 0.0, 16.0, 540.0)).fill(ACCENT),
    ));

    // Title first: it is the slide's title placeholder.
    let size = 36.0;
    let t = fit(&journey_title(j), w, size, true, 2);
    let lines = super::lines_of(&t, w, size, true, 2) as f32;
    let top = 200.0;
    let h = lines * line_h(size) + 6.0;
    let mut title = BoxShape::new("Title", Geom::Rect, Rect::new(LEFT, top, w, h)).text(
        Text::new(vec![Para::new(t, size, true, INK)])
            .inset(0.0)
            .anchor(Anchor::Top),
    );
    title.title = true;
    s.add(Shape::Box(title));

    let company = ctx
        .opts
        .company
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    if let Some(c) = company {
        s.add(text_box(
            "Company",
            Rect::new(LEFT, 48.0, w - 200.0, line_h(16.0)),
            vec![Para::new(
                fit(c, w - 200.0, 16.0, true, 1),
                16.0,
                true,
                MUTED,
            )],
        ));
    }
    if let Some((media, pw, ph)) = ctx.logo {
        let (max_w, max_h) = (180.0_f32, 64.0_f32);
        let scale = (max_w / pw as f32).min(max_h / ph as f32);
        let (lw, lh) = (pw as f32 * scale, ph as f32 * scale);
        s.add(Shape::Picture(Picture {
            name: "Logo".into(),
            rect: Rect::new(SLIDE_W - LEFT - lw, 40.0, lw, lh),
            media,
        }));
    }

    s.add(text_box(
        "Label",
        Rect::new(LEFT, top - 30.0, w, line_h(12.0)),
        vec![Para::new("CUSTOMER JOURNEY REVIEW", 12.0, true, ACCENT)],
    ));

    // Persona(s), scenario, date and version below the title.
    let mut y = top + h + 14.0;
    let personas: Vec<String> = j
        .personas
        .iter()
        .map(|p| {
            let mut s = p.name.trim().to_string();
            if !p.role.trim().is_empty() {
                s.push_str(&format!(" ({})", p.role.trim()));
            }
            if Some(p.id) == j.main_persona().map(|m| m.id) && j.personas.len() > 1 {
                s.push_str(" — primary");
            }
            s
        })
        .collect();
    let persona = if personas.is_empty() {
        "Persona: none named".to_string()
    } else if personas.len() == 1 {
        format!("Persona: {}", personas[0])
    } else {
        format!("Personas: {}", personas.join("; "))
    };
    let mut lines: Vec<(&str, String, f32, bool, usize)> =
        vec![("Persona", persona, 16.0, true, 2)];
    if !j.scenario.trim().is_empty() {
        lines.push(("Scenario", j.scenario.trim().to_string(), 13.0, false, 3));
    }
    let mut when = ctx.opts.date.clone();
    if let Some(v) = ctx
        .opts
        .version_label
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        when.push_str(&format!(" · version {v}"));
    }
    lines.push(("Date", when, 13.0, false, 1));
    for (i, (name, text, size, bold, max)) in lines.into_iter().enumerate() {
        let t = fit(&text, w, size, bold, max);
        let n = super::lines_of(&t, w, size, bold, max) as f32;
        let bh = n * line_h(size);
        let paint = if i == 0 { INK } else { MUTED };
        s.add(text_box(
            name,
            Rect::new(LEFT, y, w, bh),
            vec![Para::new(t, size, bold, paint).align(Align::Left)],
        ));
        y += bh + 8.0;
    }
    s
}
