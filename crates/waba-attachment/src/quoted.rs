//! [`Quoted`]: a short, inline (heap-free) copy of a caller's string, for error messages.

use std::fmt;

/// At most `N` (by default 64) bytes of a caller's string, cut at a character boundary, kept inline
/// so that building an error never allocates and never echoes a huge input. `N` must be below 256.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Quoted<const N: usize = 64> {
    buf: [u8; N],
    len: u8,
    cut: bool,
}

impl<const N: usize> Quoted<N> {
    /// Longest part of a string kept (UTF-8 bytes).
    pub const MAX_BYTES: usize = N;

    /// Copies at most [`Quoted::MAX_BYTES`] bytes of `s`, cut at a character boundary.
    pub fn new(s: &str) -> Self {
        let mut end = s.len().min(Self::MAX_BYTES);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        let mut buf = [0u8; N];
        let kept = s.as_bytes().get(..end).unwrap_or_default();
        if let Some(dst) = buf.get_mut(..end) {
            dst.copy_from_slice(kept);
        }
        Quoted {
            buf,
            len: u8::try_from(end).unwrap_or(0),
            cut: end < s.len(),
        }
    }

    /// Like [`Quoted::new`] for bytes: the part up to the first invalid UTF-8 sequence is kept (and
    /// the quote marked cut when anything follows it).
    pub fn from_bytes(b: &[u8]) -> Self {
        let valid = match std::str::from_utf8(b) {
            Ok(s) => s,
            Err(e) => std::str::from_utf8(b.get(..e.valid_up_to()).unwrap_or_default())
                .unwrap_or_default(),
        };
        let mut q = Self::new(valid);
        q.cut |= valid.len() < b.len();
        q
    }

    /// The kept part.
    pub fn as_str(&self) -> &str {
        let bytes = self.buf.get(..usize::from(self.len)).unwrap_or_default();
        std::str::from_utf8(bytes).unwrap_or_default()
    }

    /// Whether the original was longer than what is kept.
    pub fn is_cut(&self) -> bool {
        self.cut
    }
}

impl<const N: usize> fmt::Display for Quoted<N> {
    /// The kept part in double quotes, escaped as Rust does (control characters and bidi overrides
    /// made visible), with `…` after it when the original was longer.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())?;
        if self.cut {
            f.write_str("…")?;
        }
        Ok(())
    }
}

impl<const N: usize> fmt::Debug for Quoted<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_at_char_boundary() {
        let s = "é".repeat(100);
        let q: Quoted = Quoted::new(&s);
        assert_eq!(q.as_str().len(), 64);
        let q = Quoted::<16>::new(&s);
        assert_eq!(q.as_str().len(), 16);
        assert!(q.is_cut());
        let q: Quoted = Quoted::new("abc");
        assert_eq!(q.as_str(), "abc");
        assert!(!q.is_cut());
        assert_eq!(q.to_string(), "\"abc\"");
        let q: Quoted = Quoted::new(&"x€".repeat(40));
        assert!(q.as_str().len() <= 64 && q.as_str().len() > 60);
        assert!(
            Quoted::<8>::new("a\u{202E}b")
                .to_string()
                .contains("\\u{202e}")
        );
    }
}
