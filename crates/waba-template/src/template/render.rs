//! Rendering: one walk over a compiled template checks every value and writes the preview.
//! [`Template::check`] runs it into a sink that discards, [`Template::preview`] into the exactly
//! sized `String`, so the two cannot refuse different things. [`Template::render`] adds the send
//! body.

use waba_model::{
    ButtonParameter, ButtonSubType, Parameter, TemplateComponent, TemplateLanguage, TemplateMessage,
};

use super::compile::{CompiledHeader, Fill, Slot, Text};
use super::{
    BODY_ONLY_PARAM_MAX, BODY_PARAM_MAX, BODY_TEXT_MAX, HEADER_TEXT_MAX, Need, Params, Rendered,
    Template, URL_MAX,
};
use crate::definition::Component;
use crate::error::{Field, TemplateError, cap};
use crate::text::{char_len, check_param, param_clearly_ok};

/// Where the walk writes the preview.
trait Sink {
    /// A sink for a preview of `bytes` bytes.
    fn with_capacity(bytes: usize) -> Self;
    /// Appends `s`.
    fn push_str(&mut self, s: &str);
    /// Appends `s` in ASCII lower case (a media header's tag).
    fn push_lowercase(&mut self, s: &str);
}

/// The sink of [`Template::check`]: writes nothing, allocates nothing.
impl Sink for () {
    #[inline(always)]
    fn with_capacity(_: usize) {}
    #[inline(always)]
    fn push_str(&mut self, _: &str) {}
    #[inline(always)]
    fn push_lowercase(&mut self, _: &str) {}
}

/// The sink of [`Template::preview`]: the one allocation, sized exactly.
impl Sink for String {
    #[inline(always)]
    fn with_capacity(bytes: usize) -> String {
        String::with_capacity(bytes)
    }
    #[inline(always)]
    fn push_str(&mut self, s: &str) {
        String::push_str(self, s);
    }
    fn push_lowercase(&mut self, s: &str) {
        self.extend(s.chars().map(|c| c.to_ascii_lowercase()));
    }
}

impl Template {
    /// Checks `params` against the template and Meta's parameter rules: the same walk as
    /// [`Template::preview`], writing nothing.
    pub fn check(&self, params: &Params<'_>) -> Result<(), TemplateError> {
        self.walk::<()>(params)
    }

    /// The text a customer reads, in one allocation: header (text, or `[image]`-like for media),
    /// body, footer, then each button label as `[label]`, joined by `\n`. Values are inserted
    /// literally and never scanned again.
    ///
    /// Every rule of [`Template::check`] is checked, in the same order (it is the same walk);
    /// each value is checked as it is copied into the exactly sized output.
    pub fn preview(&self, params: &Params<'_>) -> Result<String, TemplateError> {
        self.walk::<String>(params)
    }

    /// The walk: names, then the header, the body and the buttons, each value checked just before
    /// it is written; the first refusal ends it (the output is then dropped).
    #[inline(always)]
    fn walk<S: Sink>(&self, params: &Params<'_>) -> Result<S, TemplateError> {
        self.check_names(params)?;
        let header_bytes = match &self.header {
            Some(CompiledHeader::Text(t)) => text_bytes(t, params),
            _ => 0,
        };
        let body_bytes = text_bytes(&self.body, params);
        let mut out = S::with_capacity(header_bytes + body_bytes + self.preview_extra);
        match &self.header {
            Some(CompiledHeader::Text(t)) => {
                self.write_checked(&mut out, t, params, Field::HeaderParam, HEADER_TEXT_MAX)?;
                check_rendered(t, params, Field::Header, HEADER_TEXT_MAX, header_bytes)?;
                out.push_str("\n");
            }
            Some(CompiledHeader::Media(f)) => {
                out.push_str("[");
                out.push_lowercase(f.as_str());
                out.push_str("]\n");
            }
            None => {}
        }
        let (param_max, body_max) = if self.body_only {
            (BODY_ONLY_PARAM_MAX, BODY_ONLY_PARAM_MAX)
        } else {
            (BODY_PARAM_MAX, BODY_TEXT_MAX)
        };
        self.write_checked(&mut out, &self.body, params, Field::BodyParam, param_max)?;
        check_rendered(&self.body, params, Field::Body, body_max, body_bytes)?;
        self.check_buttons(params)?;
        if let Some(f) = &self.footer {
            out.push_str("\n");
            out.push_str(f);
        }
        for b in &self.buttons {
            if let Some(l) = &b.label {
                out.push_str("\n[");
                out.push_str(l);
                out.push_str("]");
            }
        }
        Ok(out)
    }

    /// Checks the count of positional values and the names of the named ones.
    #[inline]
    fn check_names(&self, params: &Params<'_>) -> Result<(), TemplateError> {
        if params.positional.len() != self.positional {
            return Err(TemplateError::ParamCount {
                expected: self.positional as u64,
                actual: params.positional.len() as u64,
            });
        }
        if self.names.is_empty() && params.named.is_empty() {
            return Ok(());
        }
        self.check_named(params)
    }

    /// Checks that the named values are exactly the template's names.
    fn check_named(&self, params: &Params<'_>) -> Result<(), TemplateError> {
        for name in &self.names {
            if !params.named.contains_key(name.as_str()) {
                return Err(TemplateError::ParamMissing { name: name.clone() });
            }
        }
        for name in params.named.keys() {
            if !self.names.iter().any(|n| n == name) {
                return Err(TemplateError::ParamUnknown { name: cap(name) });
            }
        }
        Ok(())
    }

    /// Checks the URL buttons' suffix values and the coupon code.
    #[inline]
    fn check_buttons(&self, params: &Params<'_>) -> Result<(), TemplateError> {
        if self.buttons.is_empty() && params.coupon_code.is_none() {
            return Ok(());
        }
        self.check_button_values(params)
    }

    /// The work of [`Template::check_buttons`] when there are buttons or a code.
    fn check_button_values(&self, params: &Params<'_>) -> Result<(), TemplateError> {
        for b in &self.buttons {
            if let Fill::UrlSuffix { base, slot } = &b.fill {
                let v = params.positional.get(*slot).copied().unwrap_or_default();
                check_param(v, Field::ButtonParam, *slot as u64, URL_MAX)?;
                if base.len() + v.len() > URL_MAX {
                    let actual = char_len(base) + char_len(v);
                    if actual > URL_MAX {
                        return Err(TemplateError::RenderedTooLong {
                            field: Field::ButtonUrl,
                            limit: URL_MAX as u64,
                            actual: actual as u64,
                        });
                    }
                }
            }
        }
        if let Some(code) = params.coupon_code {
            check_param(code, Field::ButtonParam, self.positional as u64, URL_MAX)?;
        }
        Ok(())
    }

    /// Writes `text` with its values, checking each value just before it is copied: the
    /// word-at-a-time pass, and the full rules only when that pass is unsure.
    #[inline(always)]
    fn write_checked<S: Sink>(
        &self,
        out: &mut S,
        text: &Text,
        params: &Params<'_>,
        field: Field,
        max: usize,
    ) -> Result<(), TemplateError> {
        out.push_str(&text.first);
        for (slot, lit) in &text.rest {
            let v = value(slot, params);
            if !param_clearly_ok(v, max) {
                check_param(v, field, slot_index(slot, &self.names), max)?;
            }
            out.push_str(v);
            out.push_str(lit);
        }
        Ok(())
    }

    /// Checks `params`, then renders the preview and the send body.
    pub fn render(&self, params: &Params<'_>) -> Result<Rendered, TemplateError> {
        let preview = self.preview(params)?;
        let mut needs = Vec::new();
        let mut message = TemplateMessage::new(
            self.definition.name.clone(),
            TemplateLanguage::new(self.definition.language.clone()),
        );
        let param = |slot: &Slot| -> Parameter {
            let v = value(slot, params);
            match slot {
                Slot::Named(n) => Parameter::named(n.clone(), v),
                Slot::Pos(_) => Parameter::text(v),
            }
        };
        match &self.header {
            Some(CompiledHeader::Text(t)) => {
                let parameters: Vec<Parameter> = t.slots().map(param).collect();
                if !parameters.is_empty() {
                    message
                        .components
                        .push(TemplateComponent::Header { parameters });
                }
            }
            Some(CompiledHeader::Media(_)) => match &params.header_media {
                Some(media) => message.components.push(TemplateComponent::Header {
                    parameters: vec![Parameter::new(media.clone())],
                }),
                None => needs.push(Need::HeaderMedia),
            },
            None => {}
        }
        let mut parameters: Vec<Parameter> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for slot in self.body.slots() {
            if let Slot::Named(n) = slot {
                if seen.contains(&n.as_str()) {
                    continue;
                }
                seen.push(n);
            }
            parameters.push(param(slot));
        }
        if self.authentication {
            parameters.truncate(1);
        }
        if !parameters.is_empty() {
            message
                .components
                .push(TemplateComponent::Body { parameters });
        }
        for (i, b) in self.buttons.iter().enumerate() {
            let index = u8::try_from(i).unwrap_or(u8::MAX);
            match &b.fill {
                Fill::UrlSuffix { slot, .. } => {
                    let v = params.positional.get(*slot).copied().unwrap_or_default();
                    message.components.push(TemplateComponent::button(
                        ButtonSubType::Url,
                        index,
                        vec![ButtonParameter::Text(v.to_owned())],
                    ));
                }
                Fill::CouponCode => match params.coupon_code {
                    Some(code) => message.components.push(TemplateComponent::button(
                        ButtonSubType::CopyCode,
                        index,
                        vec![ButtonParameter::CouponCode(code.to_owned())],
                    )),
                    None => needs.push(Need::CouponCode),
                },
                Fill::OtpCode => {
                    if let Some(code) = params.positional.first() {
                        message.components.push(TemplateComponent::button(
                            ButtonSubType::Url,
                            index,
                            vec![ButtonParameter::Text((*code).to_owned())],
                        ));
                    }
                }
                Fill::Nothing => {}
            }
        }
        for c in &self.definition.components {
            if let Component::Other(u) = c {
                let kind = if u.kind.is_empty() {
                    "component"
                } else {
                    &u.kind
                };
                needs.push(Need::Component(kind.to_ascii_lowercase()));
            }
        }
        Ok(Rendered {
            preview,
            message,
            needs,
        })
    }
}

/// The byte length of `text` rendered with `params`.
#[inline]
fn text_bytes(text: &Text, params: &Params<'_>) -> usize {
    text.literal_len + text.slots().map(|s| value(s, params).len()).sum::<usize>()
}

/// Checks the rendered `text` is at most `max` characters; counts them only when its `bytes`
/// exceed `max`.
#[inline]
fn check_rendered(
    text: &Text,
    params: &Params<'_>,
    field: Field,
    max: usize,
    bytes: usize,
) -> Result<(), TemplateError> {
    if bytes <= max {
        return Ok(());
    }
    check_rendered_chars(text, params, field, max)
}

/// The slow part of [`check_rendered`]: counts the characters of the literals and the values.
#[cold]
#[inline(never)]
fn check_rendered_chars(
    text: &Text,
    params: &Params<'_>,
    field: Field,
    max: usize,
) -> Result<(), TemplateError> {
    let actual = char_len(&text.first)
        + text
            .rest
            .iter()
            .map(|(slot, lit)| char_len(value(slot, params)) + char_len(lit))
            .sum::<usize>();
    if actual > max {
        return Err(TemplateError::RenderedTooLong {
            field,
            limit: max as u64,
            actual: actual as u64,
        });
    }
    Ok(())
}

/// The value filling `slot` (checked to exist before rendering).
#[inline]
fn value<'p>(slot: &Slot, params: &Params<'p>) -> &'p str {
    match slot {
        Slot::Pos(i) => params.positional.get(*i).copied().unwrap_or_default(),
        Slot::Named(n) => params.named.get(n.as_str()).copied().unwrap_or_default(),
    }
}

/// The index errors give for `slot`: its position, or its name's rank among `names`. Only
/// errors need it.
#[cold]
fn slot_index(slot: &Slot, names: &[String]) -> u64 {
    match slot {
        Slot::Pos(i) => *i as u64,
        Slot::Named(n) => names.iter().position(|x| x == n).unwrap_or_default() as u64,
    }
}

#[cfg(test)]
mod tests {
    use super::super::Rules;
    use super::*;
    use waba_error::WabaError;

    /// `check` and `preview` are one walk: they refuse the same inputs with the same first error
    /// (header before body before buttons), and what passes is written in full.
    #[test]
    fn check_and_preview_refuse_alike_header_first() {
        let t = Template::from_json(
            r#"{"name": "n", "language": "en", "components": [
                {"type": "BODY", "text": "Body {{1}} and {{2}}."},
                {"type": "HEADER", "format": "TEXT", "text": "Head {{1}}"},
                {"type": "BUTTONS", "buttons": [
                    {"type": "URL", "text": "Go", "url": "https://example.com/{{1}}"}]}]}"#,
            &Rules::default(),
        )
        .unwrap();
        let values = [
            "ok", "", " ", "a\tb", "a\nb", "a     b", "a    b", "é", "x  y",
        ];
        let mut refused = 0;
        for a in values {
            for b in values {
                for c in ["fine", "  "] {
                    let params = Params::positional([a, b, "z", c]);
                    let checked = t.check(&params);
                    let previewed = t.preview(&params);
                    assert_eq!(
                        checked.clone().err(),
                        previewed.clone().err(),
                        "{a:?} {b:?} {c:?}"
                    );
                    if checked.is_ok() {
                        assert_eq!(
                            previewed.unwrap(),
                            format!("Head {a}\nBody {b} and z.\n[Go]")
                        );
                    } else {
                        refused += 1;
                    }
                }
            }
        }
        assert!(refused > 100, "{refused}");
        let e = t
            .preview(&Params::positional(["a\tb", "", "z", "ok"]))
            .unwrap_err();
        assert_eq!(e.field(), Some("header_param"));
    }
}
