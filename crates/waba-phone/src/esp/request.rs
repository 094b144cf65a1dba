//! The ESP request envelope: `AppName` or `AppType`, `Service`, `Method`, `Parameters`.

use std::collections::BTreeMap;

use serde_json::Value;

use super::EspError;

/// The application type of Digital Messaging Server (`AppType` 171, "SocialIMS" in IRD).
pub const DMS_APP_TYPE: u64 = 171;

/// The largest request read, in bytes; a larger one is refused before parsing. An ESP request is a
/// few hundred bytes; Chat Server's own `xml-request-max-size` recommendation is 100 KB for rich
/// messages, which this stays below.
pub const MAX_REQUEST_BYTES: usize = 64 * 1024;

/// One ESP request.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[non_exhaustive]
pub struct EspRequest {
    /// The DMS application's name.
    #[serde(rename = "AppName", skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
    /// The application type (171 for DMS), when given.
    #[serde(rename = "AppType", skip_serializing_if = "Option::is_none")]
    pub app_type: Option<u64>,
    /// The service (`Messaging`).
    #[serde(rename = "Service")]
    pub service: String,
    /// The method (`ValidateContact`).
    #[serde(rename = "Method")]
    pub method: String,
    /// The parameters, all strings.
    #[serde(rename = "Parameters")]
    pub parameters: BTreeMap<String, String>,
}

impl EspRequest {
    /// A request to `service`/`method` of the DMS application type, without parameters.
    pub fn new(service: impl Into<String>, method: impl Into<String>) -> Self {
        Self {
            app_name: None,
            app_type: Some(DMS_APP_TYPE),
            service: service.into(),
            method: method.into(),
            parameters: BTreeMap::new(),
        }
    }

    /// The same request with one more parameter.
    pub fn with_parameter(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.parameters.insert(name.into(), value.into());
        self
    }

    /// A parameter's value.
    pub fn parameter(&self, name: &str) -> Option<&str> {
        self.parameters.get(name).map(String::as_str)
    }

    /// Reads a request from JSON bytes.
    ///
    /// Errors: larger than [`MAX_REQUEST_BYTES`], not a JSON object, no `AppName` and no `AppType`
    /// 171, no `Service` or no `Method`, a key given twice (all 701); `Parameters` not an object
    /// of strings, or a parameter given twice (904).
    pub fn from_slice(bytes: &[u8]) -> Result<Self, EspError> {
        if bytes.len() > MAX_REQUEST_BYTES {
            return Err(EspError::RequestInvalid {
                detail: format!(
                    "{} bytes, more than the {MAX_REQUEST_BYTES} a request may take",
                    bytes.len()
                ),
            });
        }
        // The one strict reader: a key given twice is refused (701, or 904 inside `Parameters`),
        // never "last wins".
        let value = waba_json::from_slice(bytes, MAX_REQUEST_BYTES).map_err(|e| match e {
            waba_json::JsonError::DuplicateKey { ref path } => duplicate(bytes, path),
            other => EspError::RequestInvalid {
                detail: format!("not JSON ({other})"),
            },
        })?;
        Self::from_value(&value)
    }

    /// Reads a request from a parsed JSON value (see [`EspRequest::from_slice`]).
    pub fn from_value(value: &Value) -> Result<Self, EspError> {
        let Value::Object(map) = value else {
            return Err(EspError::RequestInvalid {
                detail: "not a JSON object".into(),
            });
        };
        let text = |key: &str| match map.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            _ => None,
        };
        let (Some(service), Some(method)) = (text("Service"), text("Method")) else {
            return Err(EspError::RequestInvalid {
                detail: EspError::NOT_SPECIFIED.into(),
            });
        };
        let app_name = text("AppName");
        let app_type = match map.get("AppType") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => Some(n.as_u64().ok_or_else(app_type_error)?),
            Some(Value::String(s)) => Some(s.trim().parse::<u64>().map_err(|_| app_type_error())?),
            Some(_) => return Err(app_type_error()),
        };
        if app_name.is_none() && app_type != Some(DMS_APP_TYPE) {
            return Err(app_type_error());
        }
        let mut parameters = BTreeMap::new();
        match map.get("Parameters") {
            None | Some(Value::Null) => {}
            Some(Value::Object(p)) => {
                for (k, v) in p {
                    match v {
                        Value::String(s) => {
                            parameters.insert(k.clone(), s.clone());
                        }
                        _ => {
                            return Err(EspError::IncorrectParameter {
                                method: method.clone(),
                                parameter: k.clone(),
                                reason: "not a string".into(),
                            });
                        }
                    }
                }
            }
            Some(_) => {
                return Err(EspError::IncorrectParameter {
                    method,
                    parameter: "Parameters".into(),
                    reason: "not an object".into(),
                });
            }
        }
        Ok(Self {
            app_name,
            app_type,
            service,
            method,
            parameters,
        })
    }
}

/// The error for a key given twice at `path`: 904 naming the parameter inside `Parameters`, 701
/// naming the key elsewhere.
fn duplicate(bytes: &[u8], path: &str) -> EspError {
    match path.strip_prefix("Parameters.") {
        Some(parameter) => {
            // The method only words the message; read it leniently from the same bytes.
            let method = serde_json::from_slice::<Value>(bytes)
                .ok()
                .and_then(|v| v.get("Method")?.as_str().map(str::to_owned))
                .unwrap_or_else(|| "request".to_owned());
            let name = parameter.split(['.', '[']).next().unwrap_or(parameter);
            EspError::IncorrectParameter {
                method,
                parameter: name.to_owned(),
                reason: "given twice".into(),
            }
        }
        None => EspError::RequestInvalid {
            detail: format!("the key {path} is given twice"),
        },
    }
}

fn app_type_error() -> EspError {
    EspError::RequestInvalid {
        detail: format!("AppName or AppType {DMS_APP_TYPE} was not specified"),
    }
}
