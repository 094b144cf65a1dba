//! File names for the document `filename` field: path parts removed, invisible or misleading
//! characters refused, length capped.

use waba_error::WabaError;

/// Longest file name accepted, in UTF-8 bytes after path parts are removed (`NAME_MAX` of common file
/// systems: a longer name cannot be saved on the customer's phone as it is).
pub const FILENAME_MAX_BYTES: usize = 255;

/// Why a file name is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum FilenameError {
    /// Nothing is left once path parts are removed (or the name is `.` or `..`).
    #[error("the file name is empty once path parts are removed")]
    #[waba(code = "filename.empty")]
    Empty,
    /// A NUL character.
    #[error("the file name holds a nul character at character {position}")]
    #[waba(code = "filename.nul")]
    Nul {
        /// Character offset in the name as given.
        position: u64,
    },
    /// A control character (C0, DEL or C1).
    #[error("the file name holds the control character U+{code:04X} at character {position}")]
    #[waba(code = "filename.control_character")]
    ControlCharacter {
        /// The character's code point.
        code: u32,
        /// Character offset in the name as given.
        position: u64,
    },
    /// A bidirectional formatting character (U+202E and its kin), which can make `abc\u{202E}fdp.exe`
    /// display as `abcexe.pdf`.
    #[error("the file name holds the bidirectional control U+{code:04X} at character {position}")]
    #[waba(code = "filename.bidi_control")]
    BidiControl {
        /// The character's code point.
        code: u32,
        /// Character offset in the name as given.
        position: u64,
    },
    /// Longer than [`FILENAME_MAX_BYTES`].
    #[error("the file name has {actual} bytes; at most {limit} are allowed")]
    #[waba(code = "filename.too_long")]
    TooLong {
        /// [`FILENAME_MAX_BYTES`].
        limit: u64,
        /// The name's length in UTF-8 bytes, path parts removed.
        actual: u64,
    },
}

/// Whether `c` is a bidirectional formatting character (embeddings, overrides, isolates, marks).
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The file name to send as the document `filename`: the part after the last `/` or `\`, checked.
///
/// The whole input is checked for NUL, control and bidirectional characters (a refused character in a
/// path part is still refused: nothing is silently dropped); then the name must be non-empty, not `.`
/// or `..`, and at most [`FILENAME_MAX_BYTES`] bytes. Borrowed: no allocation.
///
/// ```
/// use waba_attachment::{FilenameError, filename};
///
/// assert_eq!(filename("C:\\Users\\ana\\invoice.pdf"), Ok("invoice.pdf"));
/// assert_eq!(filename("../../etc/passwd"), Ok("passwd"));
/// assert!(matches!(filename("abc\u{202E}fdp.exe"), Err(FilenameError::BidiControl { position: 3, .. })));
/// ```
pub fn filename(input: &str) -> Result<&str, FilenameError> {
    // Printable ASCII holds none of the refused characters: skip the per-character walk.
    if !input.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        refuse_characters(input)?;
    }
    let start = input
        .bytes()
        .rposition(|b| b == b'/' || b == b'\\')
        .map_or(0, |i| i + 1);
    let name = input.get(start..).unwrap_or(input);
    if name.trim().is_empty() || name == "." || name == ".." {
        return Err(FilenameError::Empty);
    }
    if name.len() > FILENAME_MAX_BYTES {
        return Err(FilenameError::TooLong {
            limit: FILENAME_MAX_BYTES as u64,
            actual: name.len() as u64,
        });
    }
    Ok(name)
}

/// Refuses NUL, control and bidirectional characters anywhere in `input`.
fn refuse_characters(input: &str) -> Result<(), FilenameError> {
    for (position, c) in input.chars().enumerate() {
        let position = position as u64;
        let code = u32::from(c);
        if c == '\0' {
            return Err(FilenameError::Nul { position });
        }
        if c.is_control() {
            return Err(FilenameError::ControlCharacter { code, position });
        }
        if is_bidi_control(c) {
            return Err(FilenameError::BidiControl { code, position });
        }
    }
    Ok(())
}

/// The extension of a file name (after the last `.`, not counting a leading dot), if any.
pub fn extension(name: &str) -> Option<&str> {
    let dot = name.bytes().rposition(|b| b == b'.')?;
    let ext = name.get(dot + 1..)?;
    (dot > 0 && !ext.is_empty()).then_some(ext)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_rules() {
        assert_eq!(extension("a.PDF"), Some("PDF"));
        assert_eq!(extension("invoice.pdf.exe"), Some("exe"));
        assert_eq!(extension(".bashrc"), None);
        assert_eq!(extension("noext"), None);
        assert_eq!(extension("trailing."), None);
    }

    #[test]
    fn refusals() {
        assert_eq!(filename("a\0b"), Err(FilenameError::Nul { position: 1 }));
        assert!(matches!(
            filename("a\u{7}"),
            Err(FilenameError::ControlCharacter { code: 7, .. })
        ));
        assert!(matches!(
            filename("a\u{85}"),
            Err(FilenameError::ControlCharacter { .. })
        ));
        assert_eq!(filename("dir/"), Err(FilenameError::Empty));
        assert_eq!(filename(".."), Err(FilenameError::Empty));
        assert_eq!(filename("  "), Err(FilenameError::Empty));
        let long = "a".repeat(FILENAME_MAX_BYTES);
        assert_eq!(filename(&long), Ok(long.as_str()));
        let long = "a".repeat(FILENAME_MAX_BYTES + 1);
        assert_eq!(
            filename(&long).unwrap_err().actual(),
            Some(FILENAME_MAX_BYTES as u64 + 1)
        );
    }
}
