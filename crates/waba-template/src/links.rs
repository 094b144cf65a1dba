//! Web links in a message's text, with their offsets (the guide: "All URL links are shown as
//! hyperlinks in the chat window"), found with `linkify`.

use linkify::{LinkFinder, LinkKind};

/// A web link found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WebLink<'a> {
    /// The link as written.
    pub text: &'a str,
    /// Byte offset of its first byte.
    pub start: usize,
    /// Byte offset just past its last byte.
    pub end: usize,
    /// Character offset (Unicode scalar values) of its first character.
    pub char_start: usize,
    /// Whether it was written without a scheme (`www.example.com`): open it as `https://…`.
    pub needs_scheme: bool,
}

/// The web links of `text`, in order: URLs with a scheme (`http`, `https` and the like) and
/// `www.` links without one. E-mail addresses are not links here.
pub fn find_links(text: &str) -> Vec<WebLink<'_>> {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]);
    finder.url_must_have_scheme(false);
    let mut chars_seen = 0usize;
    let mut last = 0usize;
    finder
        .links(text)
        .map(|l| {
            chars_seen += text.get(last..l.start()).map_or(0, |s| s.chars().count());
            last = l.start();
            let s = l.as_str();
            WebLink {
                text: s,
                start: l.start(),
                end: l.end(),
                char_start: chars_seen,
                needs_scheme: !s.contains("://"),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets() {
        let t = "Voir é http://www.yahoo.com/custom et www.example.com.";
        let l = find_links(t);
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].text, "http://www.yahoo.com/custom");
        assert_eq!(t.get(l[0].start..l[0].end), Some(l[0].text));
        assert_eq!(l[0].char_start, 7);
        assert_eq!(l[1].text, "www.example.com");
        assert!(l[1].needs_scheme);
    }
}
