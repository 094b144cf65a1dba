//! Outside the stable API (hidden from the docs; it may change or go in any release): the entry
//! points of this crate's fuzz targets in `fuzz/fuzz_targets/`, one function per target and named
//! after it, which `cargo test` also replays over the committed seed corpus. They never panic on
//! any input; where a format is written back, parse → serialize → parse gives the same value.

use crate::definition::TemplateDefinition;
use crate::display_format::DisplayFormat;
use crate::map_query::MapQuery;
use crate::template::{Params, Rules, Template};

/// Target `template_parse`: a template definition (JSON), or a body text when not JSON.
#[allow(clippy::panic)]
pub fn template_parse(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    // The lossless reader, strictly: a key given twice is refused; numbers and unknown parts
    // are kept as they came, so writing the definition back gives the same bytes to read.
    let template = match TemplateDefinition::from_json(s) {
        Ok(def) => {
            let Ok(json) = serde_json::to_string(&def) else {
                panic!("a parsed definition does not serialize");
            };
            match TemplateDefinition::from_json(&json) {
                Ok(again) if again == def => {}
                _ => panic!("definition round trip changed it"),
            }
            assert!(
                Template::from_json(&json, &Rules::meta()).map(|t| t.definition().clone())
                    == Template::new(def.clone(), &Rules::meta()).map(|t| t.definition().clone()),
                "reading the written definition gives another template"
            );
            Template::new(def, &Rules::meta())
        }
        Err(crate::TemplateError::Json(_)) => return,
        // JSON that is not a definition.
        Err(_) if waba_model::wire::Reader::new(s).skim_document().is_ok() => return,
        Err(_) => {
            let def = TemplateDefinition::new(
                "fuzz",
                "en",
                vec![crate::definition::Component::Body(
                    crate::definition::TextComponent::new(s),
                )],
            );
            Template::new(def, &Rules::meta())
        }
    };
    if let Ok(t) = template {
        let values: Vec<&str> = (0..t.positional_count())
            .map(|i| if i % 2 == 0 { "{{1}}" } else { s })
            .collect();
        let mut params = Params::positional(values);
        for n in t.names() {
            params.named.insert(n.as_str(), "$Contact.FirstName$");
        }
        if let Ok(r) = t.render(&params) {
            let _ = r.message.to_json();
        }
    }
}

/// Target `display_format`: an expression; parsed, then rendered with every field resolving to
/// a value that looks like an expression (which must come out literally).
#[allow(clippy::panic)]
pub fn display_format(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(f) = s.parse::<DisplayFormat>() {
        let out = f.render(|o, _| (o != "Window").then_some("$Contact.FirstName$|("));
        let fields = f.fields().len();
        if fields > 0 && out.is_empty() && !s.contains("Window") && !s.is_empty() {
            // Every field resolves, so the first alternative must render something unless it
            // is made only of fields that resolve to nothing, which cannot happen here.
            panic!("an alternative with resolving fields rendered nothing");
        }
    }
}

/// Target `map_query`: the first 8 bytes pick latitude, longitude, height and width; the rest is
/// the query template.
pub fn map_query(data: &[u8]) {
    let (head, rest) = data.split_at(data.len().min(8));
    let mut b = [0u8; 8];
    for (d, s) in b.iter_mut().zip(head) {
        *d = *s;
    }
    let [a0, a1, o0, o1, h0, h1, w0, w1] = b;
    let lat = f64::from(i16::from_le_bytes([a0, a1])) / 300.0;
    let lon = f64::from(i16::from_le_bytes([o0, o1])) / 150.0;
    let h = u32::from(u16::from_le_bytes([h0, h1]));
    let w = u32::from(u16::from_le_bytes([w0, w1]));
    let Ok(s) = std::str::from_utf8(rest) else {
        return;
    };
    if let Ok(q) = MapQuery::new(s) {
        let _ = q.fill(lat, lon, h, w);
        let _ = q.fill(f64::NAN, lon, h, w);
    }
    let _ = crate::map_query::parse_coordinate(s, crate::map_query::MapValue::Latitude);
}
