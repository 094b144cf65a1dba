//! Opt-outs: whether a customer may get marketing templates, from Meta's
//! `user_marketing_preferences` (stop, resume), a failed status 131050, and stop keywords in the
//! customer's own messages. Service, utility and authentication messages are never suppressed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use waba_error::WabaError;

use waba_json::open_enum;

/// The longest inbound text compared with the keywords, in bytes: a longer message is a sentence,
/// not a keyword.
pub const KEYWORD_TEXT_MAX_BYTES: usize = 256;
/// The longest keyword, in characters.
pub const KEYWORD_MAX_CHARS: usize = 64;
/// The most keywords of each list.
pub const KEYWORDS_MAX: usize = 100;

/// The default stop keywords: STOP and its common translations and forms (matched ignoring case,
/// accents, surrounding spaces and punctuation; the whole message must be the keyword).
pub const STOP_KEYWORDS_DEFAULT: &[&str] = &[
    "stop",
    "stopall",
    "stop all",
    "unsubscribe",
    "opt out",
    "optout",
    "parar",
    "pare",
    "baja",
    "darse de baja",
    "arrêt",
    "arrête",
    "désabonner",
    "stopp",
    "abmelden",
    "basta",
    "cancelar suscripción",
    "descadastrar",
];

/// The default resume keywords.
pub const RESUME_KEYWORDS_DEFAULT: &[&str] = &["start", "unstop", "resume"];

open_enum! {
    /// The `value` of a `user_preferences` item (`category` `marketing_messages`).
    pub enum PreferenceValue {
        /// The customer stopped marketing messages.
        Stop = "stop",
        /// The customer resumed marketing messages.
        Resume = "resume",
        /// The customer signed up through a sign-up link (marketing allowed again).
        Signup = "signup",
    }
}

/// Why a customer does not get marketing templates.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum OptOutCause {
    /// Meta's `user_marketing_preferences` webhook said `stop`.
    MarketingPreference,
    /// A status failed with 131050 (the customer stopped marketing messages).
    Failed131050,
    /// The customer wrote a stop keyword.
    StopKeyword {
        /// The keyword, as configured.
        keyword: String,
    },
}

impl OptOutCause {
    /// The snake_case name (`marketing_preference`, `failed_131050`, `stop_keyword`).
    pub fn as_str(&self) -> &'static str {
        match self {
            OptOutCause::MarketingPreference => "marketing_preference",
            OptOutCause::Failed131050 => "failed_131050",
            OptOutCause::StopKeyword { .. } => "stop_keyword",
        }
    }
}

/// A suppression: its cause and when it happened.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Suppressed {
    /// Why.
    pub cause: OptOutCause,
    /// When.
    pub at: DateTime<Utc>,
}

/// One customer's marketing consent as seen so far. The latest event wins by its time, so the
/// order events arrive in does not matter; a stop and a resume at the same instant leave the
/// customer suppressed.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use waba_delivery::optout::{Consent, OptOutCause, StopKeywords};
///
/// let at = |s: i64| Utc.timestamp_opt(1_700_000_000 + s, 0).unwrap();
/// let keywords = StopKeywords::default();
/// let mut consent = Consent::default();
/// assert!(consent.check_marketing().is_ok());
/// consent.on_inbound_text("  Stop! ", &keywords, at(10));
/// let err = consent.check_marketing().unwrap_err();
/// let why = err.suppressed().unwrap();
/// assert_eq!(why.cause, OptOutCause::StopKeyword { keyword: "stop".into() });
/// assert_eq!(why.at, at(10));
/// consent.on_inbound_text("ARRÊT", &keywords, at(5)); // older: changes nothing
/// consent.on_inbound_text("start", &keywords, at(20));
/// assert!(consent.check_marketing().is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Consent {
    /// The latest stop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopped: Option<Suppressed>,
    /// The latest resume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resumed_at: Option<DateTime<Utc>>,
}

impl Consent {
    /// The suppression in force, if any.
    pub fn suppression(&self) -> Option<&Suppressed> {
        let stopped = self.stopped.as_ref()?;
        match self.resumed_at {
            Some(r) if r > stopped.at => None,
            _ => Some(stopped),
        }
    }

    /// Whether a marketing template may go to this customer; the error names the cause and time.
    pub fn check_marketing(&self) -> Result<(), SuppressionError> {
        match self.suppression() {
            Some(s) => Err(SuppressionError::Suppressed(s.clone())),
            None => Ok(()),
        }
    }

    fn stop(&mut self, cause: OptOutCause, at: DateTime<Utc>) {
        let later = self.stopped.as_ref().is_none_or(|s| at > s.at);
        if later {
            self.stopped = Some(Suppressed { cause, at });
        }
    }

    fn resume(&mut self, at: DateTime<Utc>) {
        self.resumed_at = Some(self.resumed_at.map_or(at, |r| r.max(at)));
    }

    /// Records a `user_marketing_preferences` value at `at`: `stop` suppresses, `resume` and
    /// `signup` lift it; another value changes nothing.
    pub fn on_preference(&mut self, value: &PreferenceValue, at: DateTime<Utc>) {
        match value {
            PreferenceValue::Stop => self.stop(OptOutCause::MarketingPreference, at),
            PreferenceValue::Resume | PreferenceValue::Signup => self.resume(at),
            PreferenceValue::Other(_) => {}
        }
    }

    /// Records a failed status at `at` with these error codes: 131050 suppresses.
    pub fn on_failed(&mut self, codes: impl IntoIterator<Item = u64>, at: DateTime<Utc>) {
        if codes.into_iter().any(|c| c == 131_050) {
            self.stop(OptOutCause::Failed131050, at);
        }
    }

    /// Reads a customer's text sent at `at`: a stop keyword suppresses, a resume keyword lifts it.
    /// Returns the keyword matched.
    pub fn on_inbound_text<'k>(
        &mut self,
        text: &str,
        keywords: &'k StopKeywords,
        at: DateTime<Utc>,
    ) -> Option<KeywordMatch<'k>> {
        let found = keywords.classify(text)?;
        match found {
            KeywordMatch::Stop(k) => self.stop(
                OptOutCause::StopKeyword {
                    keyword: k.to_owned(),
                },
                at,
            ),
            KeywordMatch::Resume(_) => self.resume(at),
        }
        Some(found)
    }
}

/// A keyword a message matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeywordMatch<'k> {
    /// A stop keyword (as configured).
    Stop(&'k str),
    /// A resume keyword (as configured).
    Resume(&'k str),
}

/// Stop and resume keywords, matched against a whole message ignoring case, accents (Unicode
/// canonical decomposition, combining marks removed), surrounding spaces and punctuation, and runs
/// of inner spaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "KeywordLists", into = "KeywordLists")]
pub struct StopKeywords {
    stop: Vec<(String, String)>,
    resume: Vec<(String, String)>,
}

#[derive(Serialize, Deserialize)]
struct KeywordLists {
    stop: Vec<String>,
    resume: Vec<String>,
}

impl TryFrom<KeywordLists> for StopKeywords {
    type Error = SuppressionError;
    fn try_from(l: KeywordLists) -> Result<StopKeywords, SuppressionError> {
        StopKeywords::new(&l.stop, &l.resume)
    }
}

impl From<StopKeywords> for KeywordLists {
    fn from(k: StopKeywords) -> KeywordLists {
        KeywordLists {
            stop: k.stop.into_iter().map(|(raw, _)| raw).collect(),
            resume: k.resume.into_iter().map(|(raw, _)| raw).collect(),
        }
    }
}

impl Default for StopKeywords {
    fn default() -> Self {
        let list = |l: &[&str]| {
            l.iter()
                .map(|k| ((*k).to_owned(), normalize(k)))
                .collect::<Vec<_>>()
        };
        StopKeywords {
            stop: list(STOP_KEYWORDS_DEFAULT),
            resume: list(RESUME_KEYWORDS_DEFAULT),
        }
    }
}

impl StopKeywords {
    /// Keyword lists; each keyword 1 to [`KEYWORD_MAX_CHARS`] characters with a letter or digit,
    /// at most [`KEYWORDS_MAX`] per list, and no keyword in both lists.
    pub fn new<S: AsRef<str>>(stop: &[S], resume: &[S]) -> Result<StopKeywords, SuppressionError> {
        let mut lists = [Vec::new(), Vec::new()];
        for (list, out) in [stop, resume].into_iter().zip(lists.iter_mut()) {
            if list.len() > KEYWORDS_MAX {
                return Err(SuppressionError::TooManyKeywords {
                    limit: KEYWORDS_MAX as u64,
                    actual: list.len() as u64,
                });
            }
            for k in list {
                let k = k.as_ref();
                let chars = k.chars().count();
                let key = normalize(k);
                if key.is_empty() || chars > KEYWORD_MAX_CHARS {
                    return Err(SuppressionError::BadKeyword {
                        keyword: crate::error::quote(k),
                        limit: KEYWORD_MAX_CHARS as u64,
                        actual: chars as u64,
                    });
                }
                out.push((k.to_owned(), key));
            }
        }
        let [stop, resume] = lists;
        if let Some((raw, _)) = resume
            .iter()
            .find(|(_, key)| stop.iter().any(|(_, s)| s == key))
        {
            return Err(SuppressionError::KeywordInBothLists {
                keyword: crate::error::quote(raw),
            });
        }
        Ok(StopKeywords { stop, resume })
    }

    /// Which keyword the whole `text` is, if any.
    pub fn classify(&self, text: &str) -> Option<KeywordMatch<'_>> {
        if text.len() > KEYWORD_TEXT_MAX_BYTES {
            return None;
        }
        let key = normalize(text);
        if key.is_empty() {
            return None;
        }
        if let Some((raw, _)) = self.stop.iter().find(|(_, k)| *k == key) {
            return Some(KeywordMatch::Stop(raw));
        }
        self.resume
            .iter()
            .find(|(_, k)| *k == key)
            .map(|(raw, _)| KeywordMatch::Resume(raw.as_str()))
    }

    /// The stop keywords, as configured.
    pub fn stop_keywords(&self) -> impl Iterator<Item = &str> {
        self.stop.iter().map(|(raw, _)| raw.as_str())
    }

    /// The resume keywords, as configured.
    pub fn resume_keywords(&self) -> impl Iterator<Item = &str> {
        self.resume.iter().map(|(raw, _)| raw.as_str())
    }
}

/// The comparison key of a text: canonical decomposition without combining marks, lowercase,
/// without leading and trailing characters that are not letters or digits, inner whitespace runs
/// as one space.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    // Decompose, drop the marks, lowercase, then decompose again: lowercasing can give back a
    // mark or a compatibility character (`İ` lowercases to `i` and a combining dot), and the key
    // must be its own key.
    let lower: String = text
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    for c in lower.nfkd().filter(|c| !is_combining_mark(*c)) {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    let trimmed = out.trim_matches(|c: char| !c.is_alphanumeric());
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_owned()
    }
}

/// Why a marketing template may not go, or a keyword list was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum SuppressionError {
    /// The customer stopped marketing messages.
    #[error("the customer stopped marketing messages ({}) at {}", .0.cause.as_str(), .0.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))]
    #[waba(code = "optout.suppressed", class = Refused, field = _0.cause.as_str(), meta_code = 131_050)]
    Suppressed(Suppressed),
    /// A keyword without a letter or digit, or longer than [`KEYWORD_MAX_CHARS`] characters.
    #[error("keyword {keyword:?} is empty or longer than {limit} characters")]
    #[waba(code = "optout.bad_keyword")]
    BadKeyword {
        /// The keyword, cut to 64 characters.
        keyword: String,
        /// The most characters.
        limit: u64,
        /// Its characters.
        actual: u64,
    },
    /// More than [`KEYWORDS_MAX`] keywords in a list.
    #[error("{actual} keywords, more than the {limit} allowed")]
    #[waba(code = "optout.too_many_keywords")]
    TooManyKeywords {
        /// The limit.
        limit: u64,
        /// The keywords given.
        actual: u64,
    },
    /// A keyword in both the stop and the resume list.
    #[error("keyword {keyword:?} is both a stop and a resume keyword")]
    #[waba(code = "optout.keyword_in_both_lists")]
    KeywordInBothLists {
        /// The keyword.
        keyword: String,
    },
}

impl SuppressionError {
    /// The suppression, for [`SuppressionError::Suppressed`].
    pub fn suppressed(&self) -> Option<&Suppressed> {
        match self {
            SuppressionError::Suppressed(s) => Some(s),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use chrono::TimeZone;

    use super::*;
    use waba_error::ErrorClass;

    fn at(s: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_700_000_000 + s, 0).unwrap()
    }

    #[test]
    fn keywords_ignore_case_accents_spaces_and_punctuation() {
        let k = StopKeywords::default();
        for text in [
            "STOP",
            "stop",
            " Stop!! ",
            "ＳＴＯＰ",
            "arret",
            "ARRÊT",
            "Arre\u{0302}t",
            "opt   out",
            "Désabonner.",
            "cancelar suscripcion",
        ] {
            assert!(
                matches!(k.classify(text), Some(KeywordMatch::Stop(_))),
                "{text}"
            );
        }
        for text in [
            "please stop calling",
            "stopped",
            "",
            "!!!",
            "st op",
            "don't stop",
        ] {
            assert_eq!(k.classify(text), None, "{text}");
        }
        assert_eq!(k.classify("Start"), Some(KeywordMatch::Resume("start")));
        assert_eq!(k.classify(&"stop ".repeat(100)), None);
    }

    #[test]
    fn latest_event_wins_in_any_order() {
        let k = StopKeywords::default();
        let events: [&dyn Fn(&mut Consent); 3] = [
            &|c| c.on_preference(&PreferenceValue::Stop, at(1)),
            &|c| {
                c.on_inbound_text("start", &k, at(2));
            },
            &|c| c.on_failed([131_050], at(3)),
        ];
        for order in [
            [0, 1, 2],
            [2, 1, 0],
            [1, 0, 2],
            [1, 2, 0],
            [0, 2, 1],
            [2, 0, 1],
        ] {
            let mut c = Consent::default();
            for i in order {
                events[i](&mut c);
            }
            let s = c.suppression().unwrap();
            assert_eq!((&s.cause, s.at), (&OptOutCause::Failed131050, at(3)));
        }
        let mut c = Consent::default();
        c.on_preference(&PreferenceValue::Stop, at(5));
        c.on_preference(&PreferenceValue::Resume, at(5));
        assert!(c.suppression().is_some(), "a tie keeps the stop");
        c.on_preference(&PreferenceValue::Signup, at(6));
        assert!(c.check_marketing().is_ok());
        c.on_preference(&PreferenceValue::from_wire("later"), at(9));
        assert!(c.check_marketing().is_ok());
    }

    #[test]
    fn keyword_lists_are_checked() {
        assert_eq!(
            StopKeywords::new(&["  "], &[]).unwrap_err().code(),
            "optout.bad_keyword"
        );
        assert_eq!(
            StopKeywords::new(&["stop"], &["STOP"]).unwrap_err().code(),
            "optout.keyword_in_both_lists"
        );
        let many: Vec<String> = (0..101).map(|i| format!("k{i}")).collect();
        assert_eq!(
            StopKeywords::new(&many, &[]).unwrap_err().code(),
            "optout.too_many_keywords"
        );
        let k = StopKeywords::new(&["Sair"], &["Voltar"]).unwrap();
        assert!(matches!(
            k.classify("SAIR"),
            Some(KeywordMatch::Stop("Sair"))
        ));
        let json = serde_json::to_string(&k).unwrap();
        assert_eq!(serde_json::from_str::<StopKeywords>(&json).unwrap(), k);
        assert!(serde_json::from_str::<StopKeywords>(r#"{"stop":[""],"resume":[]}"#).is_err());
    }

    #[test]
    fn the_error_names_cause_and_time() {
        let mut c = Consent::default();
        c.on_preference(&PreferenceValue::Stop, at(0));
        let e = c.check_marketing().unwrap_err();
        assert_eq!(e.code(), "optout.suppressed");
        assert_eq!(e.class(), ErrorClass::Refused);
        assert_eq!(e.meta_code(), Some(131_050));
        assert_eq!(e.field(), Some("marketing_preference"));
        assert!(e.to_string().contains("2023-11-14T22:13:20"), "{e}");
    }
}
