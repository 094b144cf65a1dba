//! The Genesys External Services Protocol (ESP) as the WhatsApp channel answers it: the request
//! envelope, the guide's error codes, and the `ValidateContact` method ("Checking if a Contact Uses
//! WhatsApp" in the Genesys guide).
//!
//! ```
//! use waba_phone::WabaError;
//! use waba_phone::esp::{EspRequest, OfflineDirectory, handle};
//! use waba_phone::BusinessNumber;
//!
//! let business: BusinessNumber = "+919876543210".parse()?;
//! let request = EspRequest::from_slice(br#"{"AppName": "DigitalMessagingServer",
//!     "Service": "Messaging", "Method": "ValidateContact",
//!     "Parameters": {"_umsChannel": "channel-ghub", "Id": "+1-631-555-1002"}}"#).unwrap();
//! let response = handle(&request, &OfflineDirectory, Some(&business)).unwrap();
//! assert_eq!(serde_json::to_string(&response).unwrap(), r#"{"Id":"+16315551002"}"#);
//!
//! let unknown = EspRequest::from_slice(br#"{"AppType": 171, "Service": "Messaging",
//!     "Method": "Teleport"}"#).unwrap();
//! let error = handle(&unknown, &OfflineDirectory, Some(&business)).unwrap_err();
//! assert_eq!(error.meta_code(), Some(902));
//! # Ok::<(), waba_phone::PhoneError>(())
//! ```

mod contacts;
mod error;
mod request;
mod validate;

pub use contacts::{Blocking, ContactResult, ContactsRequest, ContactsResponse, LegacyStatus};
pub use error::{EspError, EspErrorBody, EspErrorResponse};
pub use request::{DMS_APP_TYPE, EspRequest, MAX_REQUEST_BYTES};
pub use validate::{
    ContactDirectory, ContactStatus, DirectoryError, OfflineDirectory, ValidateContact,
    ValidateContactResponse,
};

use crate::BusinessNumber;

/// The ESP service of the messaging methods.
pub const SERVICE_MESSAGING: &str = "Messaging";
/// The method that checks whether a contact uses WhatsApp.
pub const METHOD_VALIDATE_CONTACT: &str = "ValidateContact";

/// Answers one request of the `Messaging` service: `ValidateContact` through `directory`; another
/// method of `Messaging` is [`EspError::Unknown`] (902, method), another service too (902,
/// service). This crate owns the envelope and the `Messaging` service; the facade (`waba::esp`)
/// routes its own `ChatService` and hands every other request here.
///
/// `business` gives the country calling code for an `Id` written without a plus (the guide's rule);
/// without it such an `Id` is an incorrect parameter (904).
pub fn handle(
    request: &EspRequest,
    directory: &dyn ContactDirectory,
    business: Option<&BusinessNumber>,
) -> Result<ValidateContactResponse, EspError> {
    if request.service != SERVICE_MESSAGING {
        return Err(EspError::unknown_service(&request.service, &request.method));
    }
    if request.method != METHOD_VALIDATE_CONTACT {
        return Err(EspError::unknown_method(&request.service, &request.method));
    }
    ValidateContact::from_request(request)?.run(directory, business)
}
