//! A thin, always-well-formed XML writer over `quick-xml`: every part of the
//! package is written through it, so escaping and nesting are never done by
//! hand. Writing goes to memory, which cannot fail.

use std::fmt::Display;

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

pub(crate) struct Xml {
    w: Writer<Vec<u8>>,
}

/// Attributes as (name, value) pairs; values are anything printable.
pub(crate) type Attrs<'a> = &'a [(&'a str, &'a dyn Display)];

const MEMORY: &str = "writing XML to memory cannot fail";

/// Drops characters XML 1.0 cannot carry (C0 controls other than tab and
/// newlines), which a pasted title may hold.
fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{fffe}' || c == '\u{ffff}'
    };
    if s.chars().any(bad) {
        s.chars().filter(|c| !bad(*c)).collect::<String>().into()
    } else {
        s.into()
    }
}

impl Xml {
    /// A part starting with the standard declaration.
    pub fn new() -> Xml {
        let mut w = Writer::new(Vec::with_capacity(4096));
        w.write_event(Event::Decl(BytesDecl::new(
            "1.0",
            Some("UTF-8"),
            Some("yes"),
        )))
        .expect(MEMORY);
        w.get_mut().push(b'\n');
        Xml { w }
    }

    fn start<'a>(name: &'a str, attrs: Attrs) -> BytesStart<'a> {
        let mut e = BytesStart::new(name);
        for (k, v) in attrs {
            let v = v.to_string();
            e.push_attribute((*k, clean(&v).as_ref()));
        }
        e
    }

    pub fn open(&mut self, name: &str, attrs: Attrs) {
        self.w
            .write_event(Event::Start(Self::start(name, attrs)))
            .expect(MEMORY);
    }

    pub fn close(&mut self, name: &str) {
        self.w
            .write_event(Event::End(BytesEnd::new(name)))
            .expect(MEMORY);
    }

    pub fn empty(&mut self, name: &str, attrs: Attrs) {
        self.w
            .write_event(Event::Empty(Self::start(name, attrs)))
            .expect(MEMORY);
    }

    pub fn text(&mut self, text: &str) {
        self.w
            .write_event(Event::Text(BytesText::new(&clean(text))))
            .expect(MEMORY);
    }

    /// `<name attrs>text</name>`.
    pub fn leaf(&mut self, name: &str, attrs: Attrs, text: &str) {
        self.open(name, attrs);
        self.text(text);
        self.close(name);
    }

    /// `<name attrs>…</name>` around what `body` writes.
    pub fn el(&mut self, name: &str, attrs: Attrs, body: impl FnOnce(&mut Xml)) {
        self.open(name, attrs);
        body(self);
        self.close(name);
    }

    pub fn finish(self) -> Vec<u8> {
        self.w.into_inner()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped_and_control_characters_dropped() {
        let mut x = Xml::new();
        x.el("a", &[("v", &"1 < 2 & \"q\"")], |x| x.text("<b>\u{1} & c"));
        let s = String::from_utf8(x.finish()).unwrap();
        assert!(s.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"));
        assert!(
            s.contains("<a v=\"1 &lt; 2 &amp; &quot;q&quot;\">&lt;b&gt; &amp; c</a>"),
            "{s}"
        );
    }
}
