//! The legacy On-Premises contacts endpoint (`POST /v1/contacts`): request and response, for a
//! [`super::ContactDirectory`] that calls it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ContactStatus;
use crate::E164;

waba_json::open_enum! {
    /// `blocking`: wait for the check, or answer at once (`processing`) and check in the background.
    #[derive(Default)]
    pub enum Blocking {
        /// `wait` (the default).
        #[default]
        Wait = "wait",
        /// `no_wait`.
        NoWait = "no_wait",
    }
}

/// The request body: `{"blocking": "wait", "contacts": ["+16315551002"], "force_check": false}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContactsRequest {
    /// Wait for the check or not.
    #[serde(default)]
    pub blocking: Blocking,
    /// The numbers to check, as written.
    pub contacts: Vec<String>,
    /// Check again even when cached.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub force_check: bool,
    /// Fields this crate does not know, kept as they came.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

impl ContactsRequest {
    /// A blocking check of `numbers`.
    pub fn new(numbers: impl IntoIterator<Item = E164>) -> Self {
        Self {
            blocking: Blocking::Wait,
            contacts: numbers.into_iter().map(|n| n.as_str().to_owned()).collect(),
            force_check: false,
            extra: BTreeMap::new(),
        }
    }
}

waba_json::open_enum! {
    /// A contact's `status`.
    pub enum LegacyStatus {
        /// `valid`: a WhatsApp user.
        Valid = "valid",
        /// `invalid`: not a WhatsApp user.
        Invalid = "invalid",
        /// `processing`: still being checked.
        Processing = "processing",
        /// `failed`: the check failed.
        Failed = "failed",
    }
}

/// One contact of the response: `{"input": "+1 631 555 1002", "status": "valid", "wa_id": "16315551002"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContactResult {
    /// The number as sent.
    pub input: String,
    /// The status.
    pub status: LegacyStatus,
    /// The WhatsApp ID (digits, no plus), for a valid contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wa_id: Option<String>,
    /// Fields this crate does not know, kept as they came.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

impl ContactResult {
    /// What this result says, as a [`ContactStatus`]; an unknown status or a `wa_id` that is not a
    /// number counts as failed.
    pub fn status(&self) -> ContactStatus {
        match self.status {
            LegacyStatus::Valid => match self.wa_id.as_deref().map(E164::from_wa_id) {
                None => ContactStatus::Valid { wa_id: None },
                Some(Ok(n)) => ContactStatus::Valid { wa_id: Some(n) },
                Some(Err(_)) => ContactStatus::Failed,
            },
            LegacyStatus::Invalid => ContactStatus::Invalid,
            LegacyStatus::Processing => ContactStatus::Processing,
            LegacyStatus::Failed | LegacyStatus::Other(_) => ContactStatus::Failed,
        }
    }
}

/// The response body: `{"contacts": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContactsResponse {
    /// One result per contact asked.
    #[serde(default)]
    pub contacts: Vec<ContactResult>,
    /// Fields this crate does not know (`meta`, `errors`...), kept as they came.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

impl ContactsResponse {
    /// The result for `input` (as it was sent).
    pub fn result_for(&self, input: &str) -> Option<&ContactResult> {
        self.contacts.iter().find(|c| c.input == input)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let req =
            r#"{"blocking":"no_wait","contacts":["+16315551002","6315551002"],"force_check":true}"#;
        let r: ContactsRequest = serde_json::from_str(req).unwrap();
        assert_eq!(r.blocking, Blocking::NoWait);
        assert_eq!(serde_json::to_string(&r).unwrap(), req);
        let resp = r#"{"contacts":[{"input":"+16315551002","status":"valid","wa_id":"16315551002"},{"input":"6315551002","status":"invalid"},{"input":"x","status":"teleported","hint":1}],"meta":{"api_status":"stable"}}"#;
        let r: ContactsResponse = serde_json::from_str(resp).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), resp);
        assert_eq!(
            r.result_for("+16315551002").unwrap().status(),
            ContactStatus::Valid {
                wa_id: Some("+16315551002".parse().unwrap())
            }
        );
        assert_eq!(r.contacts[1].status(), ContactStatus::Invalid);
        assert_eq!(r.contacts[2].status(), ContactStatus::Failed);
    }
}
