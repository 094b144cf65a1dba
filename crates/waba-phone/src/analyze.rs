//! [`analyze`]: normalize, then the metadata verdict, with the suggestion of what was meant.

use crate::metadata::{Suggestion, SuggestionReason, Verdict, verdict};
use crate::normalize::scan;
use crate::{BusinessNumber, E164, PhoneError};

/// A number as written, normalized, and judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[non_exhaustive]
pub struct Analysis {
    /// The number by the guide's rule ([`crate::normalize`]).
    pub normalized: E164,
    /// Whether the input carried its own plus.
    pub had_plus: bool,
    /// The metadata verdict on `normalized`; its suggestion also covers the readings of a number
    /// written without a plus.
    pub verdict: Verdict,
}

/// Normalizes `input` ([`crate::normalize`]) and judges the result ([`crate::verdict`]).
///
/// When the result is not valid, the suggestion is the first valid one of: the digits read as an
/// international number (the input had no plus: `1-631-555-1002` meant `+16315551002`); the digits
/// after a `00` international prefix (`00 44 20 7946 0958`); the number without a trunk prefix
/// after the country code (`+44 (0)20 7946 0958`, `09876543210` with a `+91` business number).
pub fn analyze(input: &str, business: &BusinessNumber) -> Result<Analysis, PhoneError> {
    let scanned = scan(input, Some(business))?;
    let mut v = verdict(&scanned.number);
    if !v.valid && !scanned.had_plus {
        let code_len = business.code_digits().len();
        let written = scanned
            .number
            .digits()
            .as_bytes()
            .get(code_len..)
            .unwrap_or(&[]);
        let candidates = [
            (written, SuggestionReason::InternationalWithoutPlus),
            (
                written.strip_prefix(b"00").unwrap_or(&[]),
                SuggestionReason::InternationalPrefix,
            ),
        ];
        for (digits, reason) in candidates {
            if let Some(number) = E164::from_ascii_digits(digits) {
                if verdict(&number).valid {
                    v.suggestion = Some(Suggestion { number, reason });
                    break;
                }
            }
        }
    }
    Ok(Analysis {
        normalized: scanned.number,
        had_plus: scanned.had_plus,
        verdict: v,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggest(input: &str) -> Option<(String, SuggestionReason)> {
        let b: BusinessNumber = "+919876543210".parse().unwrap();
        analyze(input, &b)
            .unwrap()
            .verdict
            .suggestion
            .map(|s| (s.number.to_string(), s.reason))
    }

    #[test]
    fn suggestions() {
        use SuggestionReason::*;
        assert_eq!(
            suggest("1-631-555-1002"),
            Some(("+16315551002".into(), InternationalWithoutPlus))
        );
        assert_eq!(
            suggest("919876543210"),
            Some(("+919876543210".into(), InternationalWithoutPlus))
        );
        assert_eq!(
            suggest("00 1 631 555 1002"),
            Some(("+16315551002".into(), InternationalPrefix))
        );
        assert_eq!(
            suggest("09876543210"),
            Some(("+919876543210".into(), TrunkPrefix))
        );
        assert_eq!(
            suggest("+44 (0)20 7946 0958"),
            Some(("+442079460958".into(), TrunkPrefix))
        );
        // Valid as normalized: no suggestion, even though another reading exists.
        assert_eq!(suggest("6315551002"), None);
        assert_eq!(suggest("+1-631-555-1002"), None);
        // With a plus, the digits are what the person wrote: no "without plus" reading.
        assert_eq!(suggest("+9116315551002"), None);
    }
}
