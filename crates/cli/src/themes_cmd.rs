//! `waymark themes`: what the comments are about, per touchpoint and stage,
//! as text (largest theme first, with a quote) or JSON.

use waymark_api::themes::{MapThemes, Themes};

/// Themes shown per touchpoint or stage in the text form.
const SHOWN: usize = 5;

fn block(out: &mut String, heading: &str, t: &Themes) {
    if t.comments == 0 {
        return;
    }
    out.push_str(&format!(
        "{heading} — {} comment{}, {} unthemed\n",
        t.comments,
        if t.comments == 1 { "" } else { "s" },
        t.unthemed
    ));
    for theme in t.themes.iter().take(SHOWN) {
        let cues: Vec<&str> = theme.effort_cues.iter().map(|c| c.cue.as_str()).collect();
        out.push_str(&format!(
            "  {:<28} {:>5} {:>4.0}%  sentiment {:+.2}{}\n",
            theme.label.chars().take(28).collect::<String>(),
            theme.count,
            theme.share * 100.0,
            theme.sentiment,
            if cues.is_empty() {
                String::new()
            } else {
                format!("  cues: {}", cues.join(", "))
            }
        ));
        if let Some(q) = theme.quotes.first() {
            out.push_str(&format!("      “{q}”\n"));
        }
    }
    if t.themes.len() > SHOWN {
        out.push_str(&format!(
            "  … {} more (--json lists them all)\n",
            t.themes.len() - SHOWN
        ));
    }
}

pub fn themes(m: &MapThemes) -> String {
    let mut out = String::new();
    if let Some(w) = &m.wave {
        out.push_str(&format!("as of survey wave {w}\n"));
    }
    for s in &m.stages {
        block(&mut out, &format!("stage {}", s.title), &s.themes);
    }
    for t in &m.touchpoints {
        block(&mut out, &t.title, &t.themes);
    }
    if m.touchpoints.iter().all(|t| t.themes.comments == 0) {
        out.push_str(
            "no comments (import answers with `waymark responses import ID FILE --wave LABEL`)\n",
        );
    }
    out
}
