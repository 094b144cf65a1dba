//! `ValidateContact`: is this contact on WhatsApp? The request's parameters, the answer, and the
//! [`ContactDirectory`] that knows.

use super::{EspError, EspRequest, METHOD_VALIDATE_CONTACT};
use crate::{BusinessNumber, E164, normalize, normalize_international, verdict};

/// The parameter naming the DMS channel (optional when only one channel is configured).
pub(super) const PARAM_CHANNEL: &str = "_umsChannel";
/// The parameter holding the contact's phone number.
pub(super) const PARAM_ID: &str = "Id";

/// The parameters of a `ValidateContact` request.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ValidateContact {
    /// `_umsChannel`: the DMS channel name.
    pub channel: Option<String>,
    /// `Id`: the contact's phone number as the strategy wrote it.
    pub id: String,
}

impl ValidateContact {
    /// A request for `id`.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            channel: None,
            id: id.into(),
        }
    }

    /// Reads the parameters; a missing or empty `Id` is 904.
    pub fn from_request(request: &EspRequest) -> Result<Self, EspError> {
        let id = request
            .parameter(PARAM_ID)
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| incorrect("missing"))?;
        Ok(Self {
            channel: request
                .parameter(PARAM_CHANNEL)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
            id: id.to_owned(),
        })
    }

    /// Normalizes `Id` (the guide's rule) and asks `directory`; an `Id` that is not a phone number
    /// is 904.
    pub fn run(
        &self,
        directory: &dyn ContactDirectory,
        business: Option<&BusinessNumber>,
    ) -> Result<ValidateContactResponse, EspError> {
        let number = match business {
            Some(b) => normalize(&self.id, b),
            None => normalize_international(&self.id),
        }
        .map_err(|e| incorrect(&e.to_string()))?;
        match directory.check(&number, self.channel.as_deref()) {
            Ok(ContactStatus::Valid { wa_id }) => {
                Ok(ValidateContactResponse::confirmed(wa_id.unwrap_or(number)))
            }
            Ok(ContactStatus::Invalid | ContactStatus::Processing) => {
                Ok(ValidateContactResponse::not_confirmed())
            }
            Ok(ContactStatus::Failed) => Err(EspError::FailedToExecute {
                method: METHOD_VALIDATE_CONTACT.into(),
                reason: "the contact check failed".into(),
            }),
            Err(DirectoryError::Unreachable { target }) => Err(EspError::ConnectionFailed {
                method: METHOD_VALIDATE_CONTACT.into(),
                target,
            }),
            Err(DirectoryError::Failed { reason }) => Err(EspError::FailedToExecute {
                method: METHOD_VALIDATE_CONTACT.into(),
                reason,
            }),
        }
    }
}

fn incorrect(reason: &str) -> EspError {
    EspError::IncorrectParameter {
        method: METHOD_VALIDATE_CONTACT.into(),
        parameter: PARAM_ID.into(),
        reason: reason.into(),
    }
}

/// The answer: `{"Id": "+16315551002"}`, or `{"Id": ""}` when the contact was not confirmed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct ValidateContactResponse {
    /// The normalized number, or empty.
    #[serde(rename = "Id")]
    pub id: String,
}

impl ValidateContactResponse {
    /// The contact uses WhatsApp under `number`.
    pub fn confirmed(number: E164) -> Self {
        Self {
            id: number.as_str().to_owned(),
        }
    }

    /// The contact was not confirmed.
    pub fn not_confirmed() -> Self {
        Self { id: String::new() }
    }

    /// Whether the contact was confirmed.
    pub fn is_confirmed(&self) -> bool {
        !self.id.is_empty()
    }
}

/// What a directory says about a number (the legacy contacts endpoint's statuses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ContactStatus {
    /// The number uses WhatsApp; `wa_id`, when the directory gives one, is the number WhatsApp uses.
    Valid {
        /// The WhatsApp ID as a number, when it differs or is known.
        wa_id: Option<E164>,
    },
    /// The number does not use WhatsApp.
    Invalid,
    /// Still being checked (the legacy `no_wait` mode): not confirmed.
    Processing,
    /// The check failed: 920.
    Failed,
}

/// A directory could not answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DirectoryError {
    /// It could not be reached (901).
    #[error("{target} could not be reached")]
    Unreachable {
        /// What could not be reached, e.g. `contacts endpoint`.
        target: String,
    },
    /// It failed to execute the check (920).
    #[error("{reason}")]
    Failed {
        /// Why.
        reason: String,
    },
}

/// Knows whether a number uses WhatsApp: the legacy On-Premises `/v1/contacts` call, a cache, a
/// test double. Implemented by the service that embeds this crate (which does the I/O).
pub trait ContactDirectory {
    /// The status of `number` (already normalized), for `channel` when the request named one.
    fn check(&self, number: &E164, channel: Option<&str>) -> Result<ContactStatus, DirectoryError>;
}

/// The offline directory: confirms a number when the metadata says it is valid. It cannot know
/// whether the person actually uses WhatsApp (since On-Premises client 2.45.1 the contacts endpoint
/// no longer knows either: the guide's deprecation warning).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OfflineDirectory;

impl ContactDirectory for OfflineDirectory {
    fn check(
        &self,
        number: &E164,
        _channel: Option<&str>,
    ) -> Result<ContactStatus, DirectoryError> {
        Ok(if verdict(number).valid {
            ContactStatus::Valid { wa_id: None }
        } else {
            ContactStatus::Invalid
        })
    }
}

impl<T: ContactDirectory + ?Sized> ContactDirectory for &T {
    fn check(&self, number: &E164, channel: Option<&str>) -> Result<ContactStatus, DirectoryError> {
        (**self).check(number, channel)
    }
}
