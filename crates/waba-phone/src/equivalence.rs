//! WhatsApp identity equivalence: the `wa_id` forms Meta uses for one subscriber, whether two
//! identities are the same subscriber, and a canonical [`SubscriberKey`].
//!
//! A customer's `wa_id` is not always the E.164 number a CRM holds. Three rules are certain (the
//! two forms can only name one line), each sourced in `docs/identity-equivalence.md`:
//!
//! - **Brazil** (`+55`): a mobile `+55 DD 9NNNNNNNN` and its pre-2016 eight-digit form
//!   `+55 DD NNNNNNNN`, when `DD` is one of the 67 area codes and `NNNNNNNN` starts with 6, 8 or 9
//!   (no live number has that eight-digit form: landlines start with 2 to 5, and eight-digit
//!   numbers starting with 7 are trunked radio, which is why 7 is only a "maybe").
//! - **Mexico** (`+52`): `+52 1 NNNNNNNNNN` (the mobile prefix dropped by the 2019 numbering
//!   change) and `+52 NNNNNNNNNN`, when the ten-digit number starts with 2 to 9.
//! - **Argentina** (`+54`): `+54 9 NNNNNNNNNN` (the international mobile form) and
//!   `+54 NNNNNNNNNN`, when the ten-digit number starts with 1 to 3 (every area code does).
//!
//! Documented but not certain, answered [`Equivalence::Maybe`] with its [`MaybeReason`]: a Brazilian
//! eight-digit number starting with 7 against the mobile with the ninth digit, Côte d'Ivoire's 2021 renumbering (eight to ten digits), Argentina's domestic `15` mobile prefix written
//! into an international number, a phone number against a BSUID, and a parent BSUID against
//! another BSUID.

use std::fmt;
use std::str::FromStr;

use crate::e164::serde_as_text;
use crate::{Bsuid, E164, Identity, PhoneError};

/// Whether two identities are the same WhatsApp subscriber.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "verdict", content = "reason")]
pub enum Equivalence {
    /// Certainly the same subscriber: the same identity, or two forms that a documented rule says
    /// can only name one line. Exactly then their [`SubscriberKey`]s (or [`IdentityKey`]s) are equal.
    Same,
    /// Possibly the same subscriber; the reason says why it cannot be told from the identities alone.
    Maybe(MaybeReason),
    /// Not the same subscriber by any documented rule.
    Different,
}

impl Equivalence {
    /// Whether this is [`Equivalence::Same`].
    pub fn is_same(&self) -> bool {
        matches!(self, Self::Same)
    }

    /// `"same"`, `"maybe"` or `"different"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Same => "same",
            Self::Maybe(_) => "maybe",
            Self::Different => "different",
        }
    }
}

/// Why two identities may be, but are not certainly, the same subscriber.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MaybeReason {
    /// A Brazilian eight-digit number starting with 7 (`+55 11 7234 5678`) against the mobile with
    /// the ninth digit (`+55 11 97234 5678`): eight-digit numbers starting with 7 are still live
    /// (trunked radio, never given the ninth digit), so the two are one line only if the mobile
    /// had that number before the ninth digit came.
    BrazilSevenRange,
    /// Côte d'Ivoire (`+225`) went from eight to ten digits on 2021-01-31, the two new leading
    /// digits chosen by the operator that held the number; WhatsApp kept accounts under their old
    /// eight-digit ids. A ten-digit number and the eight digits it ends with are the same line only
    /// if those are the two digits that line was given.
    CoteDIvoireRenumbering,
    /// An Argentine number written with the domestic mobile prefix `15` after the area code
    /// (`+54 11 15 5612 1008`): it is the mobile `+54 9 11 5612 1008` only if the area code is as
    /// long as the place of the `15` says (2, 3 or 4 digits), which the digits alone do not tell.
    ArgentinaMobilePrefix15,
    /// A phone number and a business-scoped user id: Meta may send both for one user, but the values
    /// alone cannot tell.
    PhoneAndBsuid,
    /// A parent BSUID (`CC.ENT.…`) and another BSUID: a parent id spans the businesses of a
    /// portfolio, so it may stand for the same user as a business's own id.
    ParentBsuid,
}

impl MaybeReason {
    /// The stable snake_case name (`"cote_d_ivoire_renumbering"`, ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::BrazilSevenRange => "brazil_seven_range",
            Self::CoteDIvoireRenumbering => "cote_d_ivoire_renumbering",
            Self::ArgentinaMobilePrefix15 => "argentina_mobile_prefix_15",
            Self::PhoneAndBsuid => "phone_and_bsuid",
            Self::ParentBsuid => "parent_bsuid",
        }
    }
}

impl fmt::Display for MaybeReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Brazil's 67 area codes (DDD), bit `n` set for code `n`: Anatel's list, the same as
/// libphonenumber's Brazilian mobile pattern (`(?:[14689][1-9]|2[12478]|3[1-578]|5[13-5]|7[13-579])`);
/// a unit test checks it against the metadata.
const BR_AREA_CODES: u128 = {
    let mut m = 0u128;
    let mut d = 11;
    while d < 100 {
        let (hi, lo) = (d / 10, d % 10);
        let ok = lo != 0
            && match hi {
                1 | 4 | 6 | 8 | 9 => true,
                2 => matches!(lo, 1 | 2 | 4 | 7 | 8),
                3 => matches!(lo, 1..=5 | 7 | 8),
                5 => matches!(lo, 1 | 3..=5),
                7 => matches!(lo, 1 | 3..=5 | 7 | 9),
                _ => false,
            };
        if ok {
            m |= 1 << d;
        }
        d += 1;
    }
    m
};

/// The Brazilian area codes where WhatsApp ids carry the ninth digit: those that moved to nine-digit
/// mobiles first (São Paulo 11–19, Rio de Janeiro 21, 22, 24, Espírito Santo 27, 28).
const BR_NINE_FIRST: u128 = {
    let mut m = 0u128;
    let mut d = 11;
    while d < 29 {
        if d != 20 && d != 23 && d != 25 && d != 26 {
            m |= 1 << d;
        }
        d += 1;
    }
    m
};

fn br_area(hi: u8, lo: u8, set: u128) -> bool {
    let (Some(h), Some(l)) = (hi.checked_sub(b'0'), lo.checked_sub(b'0')) else {
        return false;
    };
    let code = u32::from(h) * 10 + u32::from(l);
    code < 100 && set & (1u128 << code) != 0
}

/// Which certain rule a canonical number falls under.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// `55 DD 9 NNNNNNNN`: the nine-digit mobile; the legacy form drops the `9` at index 4.
    Brazil,
    /// `52 NNNNNNNNNN`: the legacy form inserts `1` at index 2.
    Mexico,
    /// `54 9 NNNNNNNNNN`: the other form drops the `9` at index 2.
    Argentina,
}

/// Inserts `digit` at `at` in E.164 digits.
fn with_inserted(digits: &[u8], at: usize, digit: u8) -> Option<E164> {
    let mut buf = [0u8; E164::MAX_DIGITS];
    let n = digits.len() + 1;
    let out = buf.get_mut(..n)?;
    let (head, tail) = digits.split_at_checked(at)?;
    let (oh, rest) = out.split_at_mut(at);
    oh.copy_from_slice(head);
    let (mid, ot) = rest.split_first_mut()?;
    *mid = digit;
    ot.copy_from_slice(tail);
    E164::from_ascii_digits(out)
}

/// Removes the digit at `at` from E.164 digits.
fn with_removed(digits: &[u8], at: usize) -> Option<E164> {
    let mut buf = [0u8; E164::MAX_DIGITS];
    let n = digits.len().checked_sub(1)?;
    let out = buf.get_mut(..n)?;
    let head = digits.get(..at)?;
    let tail = digits.get(at + 1..)?;
    let (oh, ot) = out.split_at_mut(at);
    oh.copy_from_slice(head);
    ot.copy_from_slice(tail);
    E164::from_ascii_digits(out)
}

/// The canonical form of a number, and the rule it falls under. The canonical form is the one
/// libphonenumber's metadata calls valid today: Brazil with the ninth digit, Mexico without the
/// `1`, Argentina with the mobile `9`.
fn canonical(number: &E164) -> (E164, Option<Rule>) {
    let d = number.digit_bytes();
    match (d.len(), d) {
        (13, [b'5', b'5', hi, lo, b'9', n, ..]) if br_area(*hi, *lo, BR_AREA_CODES) => {
            let rule = matches!(n, b'6' | b'8' | b'9').then_some(Rule::Brazil);
            (*number, rule)
        }
        (12, [b'5', b'5', hi, lo, b'6' | b'8' | b'9', ..]) if br_area(*hi, *lo, BR_AREA_CODES) => {
            match with_inserted(d, 4, b'9') {
                Some(c) => (c, Some(Rule::Brazil)),
                None => (*number, None),
            }
        }
        (13, [b'5', b'2', b'1', b'2'..=b'9', ..]) => match with_removed(d, 2) {
            Some(c) => (c, Some(Rule::Mexico)),
            None => (*number, None),
        },
        (12, [b'5', b'2', b'2'..=b'9', ..]) => (*number, Some(Rule::Mexico)),
        (13, [b'5', b'4', b'9', b'1'..=b'3', ..]) => (*number, Some(Rule::Argentina)),
        (12, [b'5', b'4', b'1'..=b'3', ..]) => match with_inserted(d, 2, b'9') {
            Some(c) => (c, Some(Rule::Argentina)),
            None => (*number, None),
        },
        _ => (*number, None),
    }
}

/// The `wa_id` forms Meta may use for one subscriber, most likely first (an iterator of at most a
/// few [`E164`]s; no allocation). Always holds the number itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaIds {
    forms: [Option<E164>; 2],
    next: usize,
}

impl Iterator for WaIds {
    type Item = E164;

    fn next(&mut self) -> Option<E164> {
        let item = *self.forms.get(self.next)?;
        self.next += 1;
        item
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self
            .forms
            .iter()
            .skip(self.next)
            .filter(|f| f.is_some())
            .count();
        (n, Some(n))
    }
}

impl ExactSizeIterator for WaIds {}

/// The `wa_id` forms Meta may use for the subscriber of `number`, most likely first; each is
/// certainly the same subscriber ([`Equivalence::Same`]). Where no rule applies, just the number.
///
/// Order: Brazil, the form with the ninth digit first for area codes 11–19, 21, 22, 24, 27 and 28
/// (where WhatsApp ids carry it), the eight-digit form first elsewhere; Mexico, `521…` first (the
/// form Meta's webhooks carry); Argentina, `549…` first.
///
/// ```
/// use waba_phone::{wa_ids, E164};
/// let n: E164 = "+5582999887766".parse()?;
/// let forms: Vec<String> = wa_ids(&n).map(|f| f.to_string()).collect();
/// assert_eq!(forms, ["+558299887766", "+5582999887766"]);
/// # Ok::<(), waba_phone::PhoneError>(())
/// ```
pub fn wa_ids(number: &E164) -> WaIds {
    let (canon, rule) = canonical(number);
    let d = canon.digit_bytes();
    let forms = match rule {
        Some(Rule::Brazil) => {
            let short = with_removed(d, 4);
            let nine_first = match d {
                [_, _, hi, lo, ..] => br_area(*hi, *lo, BR_NINE_FIRST),
                _ => true,
            };
            if nine_first {
                [Some(canon), short]
            } else {
                [short, Some(canon)]
            }
        }
        Some(Rule::Mexico) => [with_inserted(d, 2, b'1'), Some(canon)],
        Some(Rule::Argentina) => [Some(canon), with_removed(d, 2)],
        None => [Some(*number), None],
    };
    WaIds { forms, next: 0 }
}

/// A canonical subscriber key: two numbers have the same key exactly when they are certainly the
/// same WhatsApp subscriber ([`equivalence`] says [`Equivalence::Same`]).
///
/// Eight bytes, `Copy`, cheap to hash: the digits of the canonical form as one integer (E.164 has no
/// leading zero, so the integer names the digits exactly). The canonical form is the one
/// libphonenumber calls valid today: Brazil with the ninth digit, Mexico without the `1`, Argentina
/// with the mobile `9`. It is a key, not necessarily the number to dial: send to the `wa_id` Meta
/// gave. Shown and serialized as that canonical E.164 text.
///
/// ```
/// use waba_phone::{E164, SubscriberKey};
/// let crm: E164 = "+5215512345678".parse()?;
/// let wa_id = E164::from_wa_id("525512345678")?;
/// assert_eq!(SubscriberKey::of(&crm), SubscriberKey::of(&wa_id));
/// assert_eq!(SubscriberKey::of(&crm).to_string(), "+525512345678");
/// # Ok::<(), waba_phone::PhoneError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SubscriberKey(u64);

impl SubscriberKey {
    /// The key of a number.
    pub fn of(number: &E164) -> Self {
        let (canon, _) = canonical(number);
        Self(
            canon
                .digit_bytes()
                .iter()
                .fold(0u64, |k, d| k * 10 + u64::from(d.wrapping_sub(b'0'))),
        )
    }

    /// The canonical number the key stands for.
    pub fn to_e164(self) -> E164 {
        let mut buf = [0u8; 20];
        let mut n = self.0;
        let mut i = buf.len();
        while n > 0 && i > 0 {
            i -= 1;
            if let Some(slot) = buf.get_mut(i) {
                *slot = b'0' + (n % 10) as u8;
            }
            n /= 10;
        }
        buf.get(i..)
            .and_then(E164::from_ascii_digits)
            .unwrap_or(E164::FALLBACK)
    }

    /// The key as one integer (the canonical digits): for storage that wants a number.
    pub fn as_u64(self) -> u64 {
        self.0
    }
}

impl From<E164> for SubscriberKey {
    fn from(n: E164) -> Self {
        Self::of(&n)
    }
}

impl fmt::Display for SubscriberKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.to_e164(), f)
    }
}

impl fmt::Debug for SubscriberKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SubscriberKey({})", self.to_e164())
    }
}

impl FromStr for SubscriberKey {
    type Err = PhoneError;

    /// Reads strict E.164 text (`+525512345678`) and takes its key.
    fn from_str(s: &str) -> Result<Self, PhoneError> {
        Ok(Self::of(&s.parse::<E164>()?))
    }
}

/// Whether two numbers are the same WhatsApp subscriber.
///
/// ```
/// use waba_phone::{equivalence, E164, Equivalence, MaybeReason};
/// let e = |s: &str| s.parse::<E164>().unwrap();
/// assert_eq!(equivalence(&e("+5491156121008"), &e("+541156121008")), Equivalence::Same);
/// assert_eq!(equivalence(&e("+551187654321"), &e("+5511987654321")), Equivalence::Same);
/// // A landline (first local digit 2 to 5) is not the mobile with a 9 in front.
/// assert_eq!(equivalence(&e("+551132345678"), &e("+5511932345678")), Equivalence::Different);
/// assert_eq!(
///     equivalence(&e("+2250712345678"), &e("+22512345678")),
///     Equivalence::Maybe(MaybeReason::CoteDIvoireRenumbering)
/// );
/// ```
pub fn equivalence(a: &E164, b: &E164) -> Equivalence {
    if SubscriberKey::of(a) == SubscriberKey::of(b) {
        return Equivalence::Same;
    }
    match maybe(a, b).or_else(|| maybe(b, a)) {
        Some(reason) => Equivalence::Maybe(reason),
        None => Equivalence::Different,
    }
}

/// The documented uncertain rules, `a` in its longer form.
fn maybe(a: &E164, b: &E164) -> Option<MaybeReason> {
    let (da, db) = (a.digit_bytes(), b.digit_bytes());
    // Brazil: +55 DD 9 7NNNNNNN against +55 DD 7NNNNNNN.
    if let ([b'5', b'5', hi, lo, b'9', b'7', ..], [b'5', b'5', ..]) = (da, db) {
        if da.len() == 13
            && db.len() == 12
            && br_area(*hi, *lo, BR_AREA_CODES)
            && da.get(..4) == db.get(..4)
            && da.get(5..) == db.get(4..)
        {
            return Some(MaybeReason::BrazilSevenRange);
        }
    }
    // Côte d'Ivoire: +225 XX NNNNNNNN against +225 NNNNNNNN.
    if let (Some(na), Some(nb)) = (da.strip_prefix(b"225"), db.strip_prefix(b"225")) {
        if na.len() == 10 && nb.len() == 8 && na.get(2..) == Some(nb) {
            return Some(MaybeReason::CoteDIvoireRenumbering);
        }
    }
    // Argentina: a twelve-digit national number with `15` after a 2- to 4-digit area code,
    // against the ten-digit number (either form, with or without the mobile 9).
    let ten = SubscriberKey::of(b).to_e164();
    let ten = ten.digit_bytes().strip_prefix(b"549")?;
    let long = da.strip_prefix(b"54")?;
    let long = if long.len() == 13 {
        long.strip_prefix(b"9")?
    } else {
        long
    };
    if ten.len() != 10 || long.len() != 12 {
        return None;
    }
    (2..=4)
        .any(|k| {
            long.get(k..k + 2) == Some(b"15")
                && long.get(..k) == ten.get(..k)
                && long.get(k + 2..) == ten.get(k..)
        })
        .then_some(MaybeReason::ArgentinaMobilePrefix15)
}

/// The key of an [`Identity`]: a [`SubscriberKey`] for a phone number, the BSUID itself for a
/// BSUID. Two identities have the same key exactly when [`Identity::equivalence`] says
/// [`Equivalence::Same`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IdentityKey {
    /// A phone number's subscriber key.
    Phone(SubscriberKey),
    /// A business-scoped user id.
    Bsuid(Bsuid),
}

impl fmt::Display for IdentityKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Phone(k) => fmt::Display::fmt(k, f),
            Self::Bsuid(b) => fmt::Display::fmt(b, f),
        }
    }
}

impl FromStr for IdentityKey {
    type Err = crate::IdentityError;

    /// Reads an identity as [`Identity`] does (`+E164`, a `wa_id`, or a BSUID) and takes its key.
    fn from_str(s: &str) -> Result<Self, crate::IdentityError> {
        Ok(s.parse::<Identity>()?.key())
    }
}

impl Identity {
    /// Whether this identity and `other` are the same WhatsApp subscriber.
    ///
    /// Two numbers: [`equivalence`]. Two BSUIDs: the same text is [`Equivalence::Same`]; a parent
    /// BSUID against another is [`MaybeReason::ParentBsuid`]; two different business BSUIDs are
    /// different (a user's BSUID within one business changes only with a `user_changed_user_id`
    /// event). A number and a BSUID: [`MaybeReason::PhoneAndBsuid`].
    ///
    /// ```
    /// use waba_phone::{Equivalence, Identity};
    /// let wa_id: Identity = "5215512345678".parse()?;
    /// let crm: Identity = "+525512345678".parse()?;
    /// assert_eq!(wa_id.equivalence(&crm), Equivalence::Same);
    /// assert_eq!(wa_id.key(), crm.key());
    /// # Ok::<(), waba_phone::IdentityError>(())
    /// ```
    pub fn equivalence(&self, other: &Identity) -> Equivalence {
        match (self, other) {
            (Self::Phone(a), Self::Phone(b)) => equivalence(a, b),
            (Self::Bsuid(a), Self::Bsuid(b)) if a == b => Equivalence::Same,
            (Self::Bsuid(a), Self::Bsuid(b)) if a.is_parent() || b.is_parent() => {
                Equivalence::Maybe(MaybeReason::ParentBsuid)
            }
            (Self::Bsuid(_), Self::Bsuid(_)) => Equivalence::Different,
            _ => Equivalence::Maybe(MaybeReason::PhoneAndBsuid),
        }
    }

    /// The identity's key: equal exactly when [`Identity::equivalence`] says
    /// [`Equivalence::Same`]. Use it to key conversations or contacts.
    pub fn key(&self) -> IdentityKey {
        match self {
            Self::Phone(p) => IdentityKey::Phone(SubscriberKey::of(p)),
            Self::Bsuid(b) => IdentityKey::Bsuid(b.clone()),
        }
    }
}

serde_as_text!(SubscriberKey, IdentityKey);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{NumberType, verdict};

    fn e(s: &str) -> E164 {
        s.parse().unwrap()
    }

    fn forms(s: &str) -> Vec<String> {
        wa_ids(&e(s)).map(|f| f.to_string()).collect()
    }

    #[test]
    fn brazil_area_codes_are_the_metadatas() {
        for code in 10..100u32 {
            let mobile = e(&format!("+55{code}987654321"));
            let listed = BR_AREA_CODES & (1u128 << code) != 0;
            assert_eq!(verdict(&mobile).valid, listed, "area code {code}");
        }
        assert_eq!(BR_AREA_CODES.count_ones(), 67);
        assert_eq!(BR_NINE_FIRST.count_ones(), 14);
        assert_eq!(BR_NINE_FIRST & !BR_AREA_CODES, 0);
    }

    #[test]
    fn brazil_eight_digit_forms_by_the_metadata() {
        // The certain rule holds exactly where the eight-digit form is no live number: first digit
        // 6, 8 or 9. 2 to 5 are landlines; 7 is trunked radio (valid, so only "maybe").
        for code in 11..100u32 {
            if BR_AREA_CODES & (1u128 << code) == 0 {
                continue;
            }
            for first in 0..10 {
                for rest in ["2345678", "0000000", "9999999", "5551234"] {
                    let n = e(&format!("+55{code}{first}{rest}"));
                    let v = verdict(&n);
                    match first {
                        6 | 8 | 9 => assert!(!v.valid, "{n}"),
                        7 => assert!(!v.valid || v.number_type == Some(NumberType::Mobile)),
                        2..=5 => assert_eq!(v.number_type, Some(NumberType::FixedLine), "{n}"),
                        _ => {}
                    }
                }
            }
        }
        assert!(verdict(&e("+551172345678")).valid);
    }

    #[test]
    fn brazil_seven_range_is_maybe() {
        let m = Equivalence::Maybe(MaybeReason::BrazilSevenRange);
        assert_eq!(equivalence(&e("+5511972345678"), &e("+551172345678")), m);
        assert_eq!(equivalence(&e("+551172345678"), &e("+5511972345678")), m);
        assert_eq!(forms("+5511972345678"), ["+5511972345678"]);
        assert_eq!(
            equivalence(&e("+5511972345678"), &e("+552172345678")),
            Equivalence::Different
        );
    }

    #[test]
    fn brazil_courier_example() {
        // courier's legacy handler test: input +5582999887766, Meta's wa_id 558299887766.
        assert_eq!(forms("+5582999887766"), ["+558299887766", "+5582999887766"]);
        assert_eq!(forms("+558299887766"), ["+558299887766", "+5582999887766"]);
        assert!(equivalence(&e("+5582999887766"), &e("+558299887766")).is_same());
        // Gupshup's example: +55 (11) 8765-4321 became +55 (11) 98765-4321; wa_ids in 11 keep the 9.
        assert_eq!(forms("+551187654321"), ["+5511987654321", "+551187654321"]);
        assert_eq!(
            SubscriberKey::of(&e("+551187654321")).to_string(),
            "+5511987654321"
        );
        // A new mobile with 9 then 1 to 5 never had an eight-digit form.
        assert_eq!(forms("+5511912345678"), ["+5511912345678"]);
        assert_eq!(
            equivalence(&e("+5511912345678"), &e("+551112345678")),
            Equivalence::Different
        );
        // Not an area code (20): no rule.
        assert_eq!(forms("+552087654321"), ["+552087654321"]);
    }

    #[test]
    fn mexico_pywa_example() {
        // pywa#155: webhooks from Mexican numbers carry 521…; the allowed list holds +52….
        assert_eq!(forms("+525512345678"), ["+5215512345678", "+525512345678"]);
        assert_eq!(forms("+5215512345678"), ["+5215512345678", "+525512345678"]);
        assert!(equivalence(&e("+5215512345678"), &e("+525512345678")).is_same());
        assert_eq!(
            SubscriberKey::of(&e("+5215512345678")).to_e164(),
            e("+525512345678")
        );
        // whapi.cloud's table: +52 56 3969 1841 has the chat id 5215639691841.
        assert_eq!(forms("+525639691841"), ["+5215639691841", "+525639691841"]);
        // Other lengths are not the rule.
        assert_eq!(forms("+52155123456"), ["+52155123456"]);
    }

    #[test]
    fn argentina_chatwoot_example() {
        // chatwoot#11053 / #13932: inbound from +549…, the allowed list holds +54… without the 9.
        assert_eq!(forms("+541156121008"), ["+5491156121008", "+541156121008"]);
        assert!(equivalence(&e("+5491156121008"), &e("+541156121008")).is_same());
        assert_eq!(
            SubscriberKey::of(&e("+541156121008")).to_string(),
            "+5491156121008"
        );
        // whapi.cloud's table: +54 11 5874 9895 has the chat id 5491158749895; floere/phony#310:
        // "549 (11) 66773399" and "54 (11) 66773399" are equivalent.
        assert_eq!(forms("+541158749895"), ["+5491158749895", "+541158749895"]);
        assert!(equivalence(&e("+5491166773399"), &e("+541166773399")).is_same());
        // The domestic 15 prefix: maybe, either way round and with or without the 9.
        for long in ["+54111556121008", "+549111556121008"] {
            for short in ["+541156121008", "+5491156121008"] {
                assert_eq!(
                    equivalence(&e(long), &e(short)),
                    Equivalence::Maybe(MaybeReason::ArgentinaMobilePrefix15),
                    "{long} {short}"
                );
                assert_eq!(
                    equivalence(&e(short), &e(long)),
                    Equivalence::Maybe(MaybeReason::ArgentinaMobilePrefix15)
                );
            }
        }
        // 15 after a 3-digit area code (Córdoba 351).
        assert_eq!(
            equivalence(&e("+54351151234567"), &e("+543511234567")),
            Equivalence::Maybe(MaybeReason::ArgentinaMobilePrefix15)
        );
        assert_eq!(
            equivalence(&e("+54111656121008"), &e("+541156121008")),
            Equivalence::Different
        );
    }

    #[test]
    fn cote_d_ivoire_is_maybe() {
        // waha#1894: WhatsApp kept the eight-digit ids after the 2021 renumbering (its number
        // 07 18 13 99 12).
        assert_eq!(
            equivalence(&e("+2250718139912"), &e("+22518139912")),
            Equivalence::Maybe(MaybeReason::CoteDIvoireRenumbering)
        );
        let m = Equivalence::Maybe(MaybeReason::CoteDIvoireRenumbering);
        assert_eq!(equivalence(&e("+2250712345678"), &e("+22512345678")), m);
        assert_eq!(equivalence(&e("+22512345678"), &e("+2250712345678")), m);
        assert_eq!(
            equivalence(&e("+2250712345678"), &e("+22512345679")),
            Equivalence::Different
        );
        assert_eq!(forms("+2250712345678"), ["+2250712345678"]);
    }

    #[test]
    fn no_rule_elsewhere() {
        assert_eq!(forms("+16315551002"), ["+16315551002"]);
        assert!(equivalence(&e("+16315551002"), &e("+16315551002")).is_same());
        assert_eq!(
            equivalence(&e("+16315551002"), &e("+16315551003")),
            Equivalence::Different
        );
        assert_eq!(wa_ids(&e("+1")).len(), 1);
    }

    #[test]
    fn key_round_trips_and_orders() {
        for s in ["+1", "+123456789012345", "+5511987654321", "+919876543210"] {
            let k = SubscriberKey::of(&e(s));
            assert_eq!(k.to_e164(), e(s));
            assert_eq!(k.to_string().parse::<SubscriberKey>(), Ok(k));
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{s}\""));
            assert_eq!(serde_json::from_str::<SubscriberKey>(&json).unwrap(), k);
        }
        assert_ne!(SubscriberKey::of(&e("+1")), SubscriberKey::of(&e("+10")));
    }

    #[test]
    fn identities() {
        let id = |s: &str| s.parse::<Identity>().unwrap();
        assert!(
            id("5491156121008")
                .equivalence(&id("+541156121008"))
                .is_same()
        );
        assert_eq!(
            id("US.123").equivalence(&id("+16315551002")),
            Equivalence::Maybe(MaybeReason::PhoneAndBsuid)
        );
        assert_eq!(
            id("US.ENT.9").equivalence(&id("US.123")),
            Equivalence::Maybe(MaybeReason::ParentBsuid)
        );
        assert_eq!(id("US.1").equivalence(&id("US.2")), Equivalence::Different);
        assert!(id("US.1").equivalence(&id("US.1")).is_same());
        assert_eq!(id("US.1").key(), id("US.1").key());
        assert_eq!(id("5215512345678").key().to_string(), "+525512345678");
        for text in ["\"+525512345678\"", "\"US.ENT.9\""] {
            let k: IdentityKey = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&k).unwrap(), text);
        }
        assert_eq!(
            "5215512345678".parse::<IdentityKey>(),
            Ok(id("+525512345678").key())
        );
        let v = serde_json::to_value(Equivalence::Maybe(MaybeReason::ParentBsuid)).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"verdict": "maybe", "reason": "parent_bsuid"})
        );
        assert_eq!(
            serde_json::to_value(Equivalence::Same).unwrap(),
            serde_json::json!({"verdict": "same"})
        );
    }
}
