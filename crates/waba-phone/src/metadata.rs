//! The metadata verdict on an [`E164`]: valid or not, region, number type, and what a person
//! probably meant when the number is not valid as written.
//!
//! The tables come from the `phonenumber` crate's copy of libphonenumber's metadata, turned into
//! static Rust data by `build.rs`; each national-number pattern is compiled (anchored at both ends)
//! the first time a number needs it, so that a fresh process pays for the few patterns it uses, not
//! for the whole database. Possible lengths are checked before any pattern.

use std::sync::OnceLock;

use regex::bytes::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use crate::E164;

/// The kind of number the metadata says it is (libphonenumber's `PhoneNumberType`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NumberType {
    /// A fixed line.
    FixedLine,
    /// A mobile number.
    Mobile,
    /// The region's fixed and mobile numbers cannot be told apart (United States, ...).
    FixedLineOrMobile,
    /// Free to call.
    TollFree,
    /// Premium rate.
    PremiumRate,
    /// The cost is shared between caller and callee.
    SharedCost,
    /// Voice over IP.
    Voip,
    /// A personal number, routed where its owner says.
    PersonalNumber,
    /// A pager.
    Pager,
    /// Universal access number (a company's single number).
    Uan,
    /// Voicemail access.
    Voicemail,
}

impl NumberType {
    /// The snake_case name, as serialized.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::FixedLine => "fixed_line",
            Self::Mobile => "mobile",
            Self::FixedLineOrMobile => "fixed_line_or_mobile",
            Self::TollFree => "toll_free",
            Self::PremiumRate => "premium_rate",
            Self::SharedCost => "shared_cost",
            Self::Voip => "voip",
            Self::PersonalNumber => "personal_number",
            Self::Pager => "pager",
            Self::Uan => "uan",
            Self::Voicemail => "voicemail",
        }
    }
}

/// A descriptor: one national-number pattern and the lengths a matching number may have.
pub(crate) struct Desc {
    /// The pattern, whitespace removed, not anchored.
    pub(crate) pattern: &'static str,
    /// Bit `n` set: `n` digits is a possible length (0: no length constraint). The same masks are
    /// inline in [`RegionData`], where the hot path reads them.
    #[allow(dead_code)]
    pub(crate) lengths: u32,
    /// Bit `n` set: `n` digits is a local-only length.
    #[allow(dead_code)]
    pub(crate) local_lengths: u32,
    /// The metadata's example national number.
    pub(crate) example: Option<&'static str>,
}

/// One region (or non-geographic entity) of the metadata.
pub(crate) struct RegionData {
    /// ISO 3166-1 alpha-2 code, or `001` for a non-geographic calling code.
    pub(crate) id: &'static str,
    /// Country calling code.
    pub(crate) code: u16,
    /// The trunk prefix dialled before national numbers inside the country (`0`, `1`, `8`...).
    pub(crate) national_prefix: Option<&'static str>,
    /// For regions sharing a calling code: the leading digits that pick this region.
    pub(crate) leading_digits: Option<&'static str>,
    /// Index of the general descriptor in `DESCS`.
    pub(crate) general: usize,
    /// The general descriptor's possible lengths (bit `n`: `n` digits; the union of the types').
    pub(crate) general_lengths: u32,
    /// The type descriptors, in the order libphonenumber tries them: type, index in `DESCS`,
    /// possible lengths.
    pub(crate) types: &'static [(NumberType, usize, u32)],
    /// The fixed-line and mobile patterns are the same.
    pub(crate) fixed_is_mobile: bool,
}

#[allow(clippy::unreadable_literal, missing_docs, dead_code)]
mod tables {
    use super::{Desc, NumberType, RegionData};
    include!(concat!(env!("OUT_DIR"), "/metadata.rs"));
}

use tables::{CODE_INDEX, CODES, DESCS, REGION_COUNT, REGIONS};

/// Per region, its general and type patterns as one set (general first, then `types` in order),
/// compiled on first use: one pass over the number answers every descriptor.
static REGION_SETS: [OnceLock<Option<RegexSet>>; REGION_COUNT] =
    [const { OnceLock::new() }; REGION_COUNT];
/// Compiled leading-digits patterns, one cell per region, filled on first use.
static LEADING: [OnceLock<Option<Regex>>; REGION_COUNT] = [const { OnceLock::new() }; REGION_COUNT];

/// The most descriptors a region has (general + 10 types), with room to spare.
const MAX_SET: usize = 16;

/// `^(?:pattern)$`, or `^(?:pattern)` when not `whole`.
fn anchored(pattern: &str, whole: bool) -> String {
    if whole {
        format!("^(?:{pattern})$")
    } else {
        format!("^(?:{pattern})")
    }
}

/// Compiles a metadata pattern anchored at the start, and at the end when `whole`.
fn compile(pattern: &str, whole: bool) -> Option<Regex> {
    let src = anchored(pattern, whole);
    RegexBuilder::new(&src)
        .unicode(false)
        .build()
        .or_else(|_| Regex::new(&src))
        .ok()
}

/// Compiles region `r`'s descriptors into one set.
fn compile_set(r: &RegionData) -> Option<RegexSet> {
    let patterns: Vec<String> = std::iter::once(r.general)
        .chain(r.types.iter().map(|&(_, i, _)| i))
        .map(|i| DESCS.get(i).map(|d| anchored(d.pattern, true)))
        .collect::<Option<_>>()?;
    if patterns.len() > MAX_SET {
        return None;
    }
    RegexSetBuilder::new(&patterns)
        .unicode(false)
        .build()
        .or_else(|_| RegexSet::new(&patterns))
        .ok()
}

/// Whether `len` digits is a possible length by `mask` (0: no constraint).
fn length_ok(mask: u32, len: usize) -> bool {
    mask == 0 || (len < 32 && mask & (1u32 << len) != 0)
}

/// Whether region `r`'s leading-digits pattern matches the start of `nsn`.
fn leading_matches(r: usize, pattern: &'static str, nsn: &[u8]) -> bool {
    LEADING
        .get(r)
        .and_then(|cell| cell.get_or_init(|| compile(pattern, false)).as_ref())
        .is_some_and(|re| re.is_match(nsn))
}

/// The type of `nsn` in region `r` (index `ri`): libphonenumber's `getNumberTypeHelper` (general
/// descriptor first, then the types in its order), `None` when unknown.
fn number_type(ri: usize, r: &RegionData, nsn: &[u8]) -> Option<NumberType> {
    let len = nsn.len();
    // Lengths first: most invalid numbers stop here, without a pattern.
    if !length_ok(r.general_lengths, len) {
        return None;
    }
    let set = REGION_SETS
        .get(ri)?
        .get_or_init(|| compile_set(r))
        .as_ref()?;
    let hit = set.matches(nsn);
    if !hit.matched(0) {
        return None;
    }
    let matched = |k: usize, m: u32| k + 1 < hit.len() && hit.matched(k + 1) && length_ok(m, len);
    let mobile = || {
        r.types
            .iter()
            .enumerate()
            .find(|(_, (t, _, _))| *t == NumberType::Mobile)
            .is_some_and(|(k, &(_, _, m))| matched(k, m))
    };
    for (k, &(t, _, m)) in r.types.iter().enumerate() {
        if t == NumberType::Mobile && r.fixed_is_mobile {
            // libphonenumber answers "fixed line or mobile" from the fixed-line check only.
            continue;
        }
        if matched(k, m) {
            return Some(match t {
                NumberType::FixedLine if r.fixed_is_mobile || mobile() => {
                    NumberType::FixedLineOrMobile
                }
                other => other,
            });
        }
    }
    None
}

/// The regions of a calling code, with the index of the first in `REGIONS`.
fn regions_of(code: u16) -> Option<(usize, &'static [RegionData])> {
    let i = usize::from(*CODE_INDEX.get(usize::from(code))?);
    let &(_, start, count) = CODES.get(i.checked_sub(1)?)?;
    let start = usize::from(start);
    Some((start, REGIONS.get(start..start + usize::from(count))?))
}

/// Splits the calling code off E.164 digits: `(code, its length)`. Calling codes are prefix-free
/// (ITU-T E.164), so at most one of the 1-, 2- and 3-digit prefixes is in use.
pub(crate) fn split_calling_code(digits: &[u8]) -> Option<(u16, usize)> {
    let mut code = 0u16;
    for (len, &b) in digits.iter().take(3).enumerate() {
        if !b.is_ascii_digit() {
            return None;
        }
        code = code * 10 + u16::from(b - b'0');
        if CODE_INDEX.get(usize::from(code)).is_some_and(|&i| i != 0) {
            return Some((code, len + 1));
        }
    }
    None
}

/// libphonenumber's region choice and type for `nsn` under `code`.
fn classify(code: u16, nsn: &[u8]) -> (Option<&'static RegionData>, Option<NumberType>) {
    let Some((start, regions)) = regions_of(code) else {
        return (None, None);
    };
    if let [only] = regions {
        return (Some(only), number_type(start, only, nsn));
    }
    for (k, r) in regions.iter().enumerate() {
        match r.leading_digits {
            Some(p) if leading_matches(start + k, p, nsn) => {
                return (Some(r), number_type(start + k, r, nsn));
            }
            Some(_) => {}
            None => {
                if let Some(t) = number_type(start + k, r, nsn) {
                    return (Some(r), Some(t));
                }
            }
        }
    }
    (None, None)
}

/// A region: an ISO 3166-1 alpha-2 code the metadata knows (`US`, `IN`, `GB`...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Region(&'static str);

impl Region {
    /// The ISO 3166-1 alpha-2 code.
    pub fn as_str(&self) -> &'static str {
        self.0
    }

    /// The region's country calling code.
    pub fn calling_code(&self) -> u16 {
        REGIONS
            .iter()
            .find(|r| r.id == self.0)
            .map_or(0, |r| r.code)
    }
}

impl std::fmt::Display for Region {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::str::FromStr for Region {
    type Err = UnknownRegion;
    /// A region the metadata knows, by its ISO code (upper case).
    fn from_str(s: &str) -> Result<Self, UnknownRegion> {
        REGIONS
            .iter()
            .find(|r| r.id == s && r.id != "001")
            .map(|r| Region(r.id))
            .ok_or(UnknownRegion)
    }
}

impl serde::Serialize for Region {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

/// The metadata knows no region by that code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown region")]
pub struct UnknownRegion;

/// Why a [`Suggestion`] is offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SuggestionReason {
    /// The number was written with a trunk prefix after the country code (`+44 (0)20 ...`); without
    /// it, the number is valid.
    TrunkPrefix,
    /// The number was written without a plus; its digits read as an international number are valid
    /// (`1-631-555-1002` meant `+1 631 555 1002`).
    InternationalWithoutPlus,
    /// The number was written with the `00` international prefix instead of a plus.
    InternationalPrefix,
}

/// A reading of the number that a person plausibly meant and that the metadata says is valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[non_exhaustive]
pub struct Suggestion {
    /// The suggested number.
    pub number: E164,
    /// Why it is suggested.
    pub reason: SuggestionReason,
}

/// The metadata's verdict on a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[non_exhaustive]
pub struct Verdict {
    /// The number is valid by the metadata (libphonenumber's `isValidNumber`).
    pub valid: bool,
    /// Its country calling code, when the metadata knows it.
    pub calling_code: Option<u16>,
    /// The region it belongs to (also for an invalid number when the calling code tells), `None`
    /// for non-geographic numbers (`+800`...) and unknown calling codes.
    pub region: Option<Region>,
    /// The kind of number, when valid.
    pub number_type: Option<NumberType>,
    /// A valid number the person plausibly meant, when this one is not valid.
    pub suggestion: Option<Suggestion>,
}

/// The metadata verdict on a number: valid or not, region, type, and (for a number written with a
/// trunk prefix after the country code, such as `+44 (0)20 7946 0958`) the number without it.
///
/// The number is judged as written: libphonenumber would silently drop such a trunk zero when
/// parsing, but WhatsApp uses the digits as they are, so `+4402079460958` is not valid here.
///
/// ```
/// use waba_phone::{verdict, E164, NumberType};
/// let v = verdict(&"+16315551002".parse::<E164>()?);
/// assert!(v.valid);
/// assert_eq!(v.region.map(|r| r.as_str()), Some("US"));
/// let v = verdict(&"+4402079460958".parse::<E164>()?);
/// assert!(!v.valid);
/// assert_eq!(v.suggestion.map(|s| s.number.to_string()).as_deref(), Some("+442079460958"));
/// # Ok::<(), waba_phone::PhoneError>(())
/// ```
pub fn verdict(number: &E164) -> Verdict {
    let digits = number.digit_bytes();
    let Some((code, code_len)) = split_calling_code(digits) else {
        return Verdict {
            valid: false,
            calling_code: None,
            region: None,
            number_type: None,
            suggestion: None,
        };
    };
    let nsn = digits.get(code_len..).unwrap_or(&[]);
    let (region, number_type) = classify(code, nsn);
    let region_out = region.filter(|r| r.id != "001").map(|r| Region(r.id));
    let mut v = Verdict {
        valid: number_type.is_some(),
        calling_code: Some(code),
        region: region_out,
        number_type,
        suggestion: None,
    };
    if !v.valid {
        v.suggestion = without_trunk_prefix(code, nsn);
    }
    v
}

/// The number without a trunk prefix written after the calling code, if that is valid.
fn without_trunk_prefix(code: u16, nsn: &[u8]) -> Option<Suggestion> {
    let (_, regions) = regions_of(code)?;
    let mut tried: [&str; 4] = [""; 4];
    for (k, r) in regions.iter().enumerate() {
        let Some(prefix) = r.national_prefix.filter(|p| !p.is_empty()) else {
            continue;
        };
        if tried.iter().take(k.min(4)).any(|t| *t == prefix) {
            continue;
        }
        if let Some(slot) = tried.get_mut(k) {
            *slot = prefix;
        }
        let Some(rest) = nsn
            .strip_prefix(prefix.as_bytes())
            .filter(|r| !r.is_empty())
        else {
            continue;
        };
        if classify(code, rest).1.is_some() {
            return E164::from_parts(code, rest).map(|number| Suggestion {
                number,
                reason: SuggestionReason::TrunkPrefix,
            });
        }
    }
    None
}

/// One example number of the metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Example {
    /// The region it is an example for (`001` for non-geographic calling codes).
    pub region: &'static str,
    /// The type it is an example of.
    pub number_type: NumberType,
    /// The number.
    pub number: E164,
}

/// Every example number in the metadata (one per region and type that has one): test and benchmark
/// material.
pub fn examples() -> impl Iterator<Item = Example> {
    REGIONS.iter().flat_map(|r| {
        r.types.iter().filter_map(move |&(t, i, _)| {
            let ex = DESCS.get(i)?.example?;
            Some(Example {
                region: r.id,
                number_type: t,
                number: E164::from_parts(r.code, ex.as_bytes())?,
            })
        })
    })
}

/// Every country calling code the metadata knows, ascending.
pub fn calling_codes() -> impl Iterator<Item = u16> {
    CODES.iter().map(|c| c.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Verdict {
        verdict(&s.parse().unwrap())
    }

    #[test]
    fn every_pattern_compiles() {
        for d in &DESCS {
            assert!(compile(d.pattern, true).is_some(), "{}", d.pattern);
        }
        for r in &REGIONS {
            assert!(compile_set(r).is_some(), "{}", r.id);
        }
        for r in &REGIONS {
            if let Some(p) = r.leading_digits {
                assert!(compile(p, false).is_some(), "{p}");
            }
        }
    }

    #[test]
    fn guide_numbers() {
        let us = v("+16315551002");
        assert!(us.valid);
        assert_eq!(us.region.unwrap().as_str(), "US");
        assert_eq!(us.number_type, Some(NumberType::FixedLineOrMobile));
        assert!(v("+15162837151").valid);
        let ar = v("+5491156121008");
        assert!(ar.valid);
        assert_eq!(ar.region.unwrap().as_str(), "AR");
        assert_eq!(ar.number_type, Some(NumberType::Mobile));
        let bad = v("+9116315551002");
        assert!(!bad.valid);
        assert_eq!(bad.region.unwrap().as_str(), "IN");
        assert_eq!(bad.calling_code, Some(91));
    }

    #[test]
    fn trunk_prefix() {
        let gb = v("+4402079460958");
        assert!(!gb.valid);
        assert_eq!(
            gb.suggestion,
            Some(Suggestion {
                number: "+442079460958".parse().unwrap(),
                reason: SuggestionReason::TrunkPrefix
            })
        );
        // Italy keeps its zero: valid as written, no suggestion.
        let it = v("+390669821234");
        assert!(it.valid, "{it:?}");
        assert_eq!(it.suggestion, None);
    }

    #[test]
    fn shared_calling_codes_pick_their_region() {
        assert_eq!(v("+14165550123").region.unwrap().as_str(), "CA");
        assert_eq!(v("+12423570000").region.unwrap().as_str(), "BS");
        assert_eq!(v("+79123456789").region.unwrap().as_str(), "RU");
        assert_eq!(v("+77012345678").region.unwrap().as_str(), "KZ");
    }

    #[test]
    fn non_geographic_and_unknown() {
        let tf = v("+80012345678");
        assert!(tf.valid);
        assert_eq!(tf.region, None);
        assert_eq!(tf.number_type, Some(NumberType::TollFree));
        let unknown = v("+9991234567");
        assert!(!unknown.valid);
        assert_eq!(unknown.calling_code, None);
    }

    #[test]
    fn every_example_is_valid_with_its_type_region() {
        let mut n = 0;
        for ex in examples() {
            let got = verdict(&ex.number);
            assert!(got.valid, "{ex:?}");
            n += 1;
        }
        assert!(n > 1000, "{n}");
    }
}
