//! Authenticity of a delivery: Meta's `X-Hub-Signature-256` header, the HMAC-SHA256 of the body's
//! exact bytes with the app secret (RustCrypto's `hmac` and `sha2`, compared in constant time).
//!
//! ```
//! use waba_model::signature::{AppSecrets, SignatureError};
//!
//! // Two secrets while the old one is rotated out: either may sign.
//! let secrets = AppSecrets::new(["new-secret", "old-secret"])?;
//! let body = br#"{"object":"whatsapp_business_account","entry":[]}"#;
//! let header = AppSecrets::new(["old-secret"])?.sign(body);
//! assert_eq!(secrets.verify(Some(&header), body)?, 1); // the second secret matched
//! assert_eq!(secrets.verify(None, body), Err(SignatureError::Missing));
//! assert_eq!(secrets.verify(Some(&header), b"{}"), Err(SignatureError::Mismatch));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use hmac::{Hmac, Mac};
use sha2::Sha256;
use waba_error::WabaError;

/// The name of the header Meta signs deliveries with.
pub const SIGNATURE_HEADER: &str = "X-Hub-Signature-256";

/// What the header's value starts with.
pub const SIGNATURE_PREFIX: &str = "sha256=";

/// How many hex digits follow the prefix: the 32 bytes of an HMAC-SHA256.
pub const SIGNATURE_HEX_LEN: usize = 64;

/// The most app secrets checked for one delivery (a current one and those being rotated out).
pub const APP_SECRETS_MAX: usize = 8;

/// The longest header value read, in bytes (`sha256=` and 64 hex digits, with room for spaces).
pub const SIGNATURE_HEADER_MAX: usize = 256;

type HmacSha256 = Hmac<Sha256>;

/// The app secrets a delivery may be signed with: usually one, several while a secret is rotated.
///
/// Each secret is keyed once, at construction; `Debug` never shows them.
#[derive(Clone)]
pub struct AppSecrets {
    keyed: Vec<HmacSha256>,
}

impl fmt::Debug for AppSecrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AppSecrets({} secret(s), redacted)", self.keyed.len())
    }
}

impl AppSecrets {
    /// The secrets, in the order they are tried. Refuses an empty list, an empty secret and more
    /// than [`APP_SECRETS_MAX`] secrets.
    pub fn new<I, S>(secrets: I) -> Result<AppSecrets, SecretError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<[u8]>,
    {
        let mut keyed = Vec::new();
        for (i, s) in secrets.into_iter().enumerate() {
            let s = s.as_ref();
            if s.is_empty() {
                return Err(SecretError::Empty { position: i as u64 });
            }
            if keyed.len() == APP_SECRETS_MAX {
                return Err(SecretError::TooMany {
                    limit: APP_SECRETS_MAX as u64,
                });
            }
            // HMAC takes keys of any length; this cannot fail.
            let mac = HmacSha256::new_from_slice(s)
                .map_err(|_| SecretError::Empty { position: i as u64 })?;
            keyed.push(mac);
        }
        if keyed.is_empty() {
            return Err(SecretError::None);
        }
        Ok(AppSecrets { keyed })
    }

    /// The secrets of a text with one per line (surrounding spaces and blank lines ignored), as a
    /// secrets file holds them.
    pub fn from_lines(text: &str) -> Result<AppSecrets, SecretError> {
        AppSecrets::new(text.lines().map(str::trim).filter(|l| !l.is_empty()))
    }

    /// How many secrets are tried.
    pub fn len(&self) -> usize {
        self.keyed.len()
    }

    /// Always false: a set of secrets is never empty.
    pub fn is_empty(&self) -> bool {
        self.keyed.is_empty()
    }

    /// Checks `header` (the value of [`SIGNATURE_HEADER`], `None` when the request had none) against
    /// the body's exact bytes. Returns the index of the secret that matched. Nothing of the body is
    /// read beyond hashing it.
    pub fn verify(&self, header: Option<&str>, body: &[u8]) -> Result<usize, SignatureError> {
        let expected = parse_signature(header.ok_or(SignatureError::Missing)?)?;
        for (i, keyed) in self.keyed.iter().enumerate() {
            let mut mac = keyed.clone();
            mac.update(body);
            // `verify_slice` compares in constant time (the `subtle` crate).
            if mac.verify_slice(&expected).is_ok() {
                return Ok(i);
            }
        }
        Err(SignatureError::Mismatch)
    }

    /// The header value the first secret gives `body` (`sha256=` and 64 lower-case hex digits), for
    /// tests and tools that sign deliveries themselves.
    pub fn sign(&self, body: &[u8]) -> String {
        let mut out = String::with_capacity(SIGNATURE_PREFIX.len() + SIGNATURE_HEX_LEN);
        out.push_str(SIGNATURE_PREFIX);
        if let Some(keyed) = self.keyed.first() {
            let mut mac = keyed.clone();
            mac.update(body);
            for b in mac.finalize().into_bytes() {
                out.push(hex_digit(b >> 4));
                out.push(hex_digit(b & 0x0f));
            }
        }
        out
    }
}

fn hex_digit(n: u8) -> char {
    char::from(
        b"0123456789abcdef"
            .get(usize::from(n))
            .copied()
            .unwrap_or(b'0'),
    )
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Reads a header value: `sha256=` then 64 hex digits (either case), spaces and tabs around it
/// ignored. Gives the 32 bytes of the HMAC.
pub fn parse_signature(header: &str) -> Result<[u8; 32], SignatureError> {
    if header.len() > SIGNATURE_HEADER_MAX {
        return Err(SignatureError::WrongLength {
            limit: SIGNATURE_HEX_LEN as u64,
            actual: header.len() as u64,
        });
    }
    let value = header.trim_matches([' ', '\t']);
    if value.is_empty() {
        return Err(SignatureError::Missing);
    }
    let hex = value
        .strip_prefix(SIGNATURE_PREFIX)
        .ok_or(SignatureError::NoPrefix)?;
    let offset =
        header.len() - header.trim_start_matches([' ', '\t']).len() + SIGNATURE_PREFIX.len();
    let mut out = [0u8; 32];
    // One pass over the usual header (64 digits); the first bad digit is looked for only when
    // there is one, or when the length is wrong (a bad digit is reported before the length).
    let mut bad = hex.len() != SIGNATURE_HEX_LEN;
    if !bad {
        for (byte, pair) in out.iter_mut().zip(hex.as_bytes().chunks_exact(2)) {
            if let [hi, lo] = pair {
                match (hex_value(*hi), hex_value(*lo)) {
                    (Some(h), Some(l)) => *byte = (h << 4) | l,
                    _ => {
                        bad = true;
                        break;
                    }
                }
            }
        }
    }
    if bad {
        if let Some(i) = hex.bytes().position(|b| hex_value(b).is_none()) {
            return Err(SignatureError::BadHex {
                position: (offset + i) as u64,
            });
        }
        return Err(SignatureError::WrongLength {
            limit: SIGNATURE_HEX_LEN as u64,
            actual: hex.len() as u64,
        });
    }
    Ok(out)
}

/// Why a delivery's signature does not show that Meta sent it. Every variant is
/// [`ErrorClass::Unauthenticated`]: answer 401 (see the facade's delivery documentation).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Unauthenticated)]
#[non_exhaustive]
pub enum SignatureError {
    /// No `X-Hub-Signature-256` header, or an empty one.
    #[error("the delivery has no X-Hub-Signature-256 header")]
    #[waba(code = "webhook.signature_missing", field = SIGNATURE_HEADER)]
    Missing,
    /// The value does not start with `sha256=`.
    #[error("the X-Hub-Signature-256 value does not start with \"sha256=\"")]
    #[waba(code = "webhook.signature_malformed", field = SIGNATURE_HEADER)]
    NoPrefix,
    /// A character that is not a hex digit after the prefix.
    #[error(
        "the X-Hub-Signature-256 value has a character that is not a hex digit at byte {position}"
    )]
    #[waba(code = "webhook.signature_malformed", field = SIGNATURE_HEADER)]
    BadHex {
        /// Byte offset in the header value.
        position: u64,
    },
    /// Not 64 hex digits after the prefix.
    #[error("the X-Hub-Signature-256 value has {actual} hex digits, not {limit}")]
    #[waba(code = "webhook.signature_malformed", field = SIGNATURE_HEADER)]
    WrongLength {
        /// 64.
        limit: u64,
        /// How many there are (or the header's length when it is longer than any valid value).
        actual: u64,
    },
    /// Well-formed, but no app secret gives this body that signature.
    #[error("the X-Hub-Signature-256 signature does not match the body with any app secret")]
    #[waba(code = "webhook.signature_mismatch", field = SIGNATURE_HEADER)]
    Mismatch,
}

/// Why a set of app secrets cannot be built (a configuration fault, found at start-up).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum SecretError {
    /// No secret at all.
    #[error("no app secret was given")]
    #[waba(code = "webhook.secret_none")]
    None,
    /// An empty secret.
    #[error("app secret {position} (from 0) is empty")]
    #[waba(code = "webhook.secret_empty")]
    Empty {
        /// Its index in the list.
        position: u64,
    },
    /// More than [`APP_SECRETS_MAX`] secrets.
    #[error("more than {limit} app secrets")]
    #[waba(code = "webhook.secret_too_many")]
    TooMany {
        /// [`APP_SECRETS_MAX`].
        limit: u64,
    },
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    const RFC4231_2: &str = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

    #[test]
    fn rfc4231_vector() {
        let s = AppSecrets::new(["Jefe"]).unwrap();
        let body = b"what do ya want for nothing?";
        assert_eq!(s.sign(body), format!("sha256={RFC4231_2}"));
        assert_eq!(s.verify(Some(&format!("sha256={RFC4231_2}")), body), Ok(0));
        let upper = format!("sha256={}", RFC4231_2.to_uppercase());
        assert_eq!(s.verify(Some(&upper), body), Ok(0));
        assert_eq!(
            s.verify(Some(&format!(" sha256={RFC4231_2}\t")), body),
            Ok(0)
        );
    }

    #[test]
    fn malformed_headers() {
        let bad_len = "sha256=abcd";
        assert_eq!(
            parse_signature(bad_len),
            Err(SignatureError::WrongLength {
                limit: 64,
                actual: 4
            })
        );
        assert_eq!(parse_signature(RFC4231_2), Err(SignatureError::NoPrefix));
        assert_eq!(
            parse_signature(&format!("sha1={RFC4231_2}")),
            Err(SignatureError::NoPrefix)
        );
        assert_eq!(
            parse_signature("sha256=zz"),
            Err(SignatureError::BadHex { position: 7 })
        );
        assert_eq!(parse_signature("  "), Err(SignatureError::Missing));
        let long = "a".repeat(300);
        assert_eq!(
            parse_signature(&long).unwrap_err().code(),
            "webhook.signature_malformed"
        );
    }

    #[test]
    fn secrets_are_checked_and_redacted() {
        assert_eq!(
            AppSecrets::new::<_, &str>([]).unwrap_err(),
            SecretError::None
        );
        assert_eq!(
            AppSecrets::new(["a", ""]).unwrap_err(),
            SecretError::Empty { position: 1 }
        );
        assert_eq!(
            AppSecrets::new(["a"; 9]).unwrap_err().code(),
            "webhook.secret_too_many"
        );
        let s = AppSecrets::from_lines("\n  first \n\nsecond\n").unwrap();
        assert_eq!(s.len(), 2);
        assert!(!format!("{s:?}").contains("first"));
    }
}
