//! `waba-attachment`: whether an agent may send a file over WhatsApp, judged from the file's first
//! bytes, its size, its declared MIME type and name, and the agent's role privileges.
//!
//! ```
//! use waba_attachment::{Permissions, Privilege};
//!
//! // Without `--permissions` the CLI grants everything; a role list is parsed from names.
//! let agent = Permissions::parse_list("InteractionWorkspace.WhatsApp.canUse")?;
//! let err = agent.require(Privilege::CanSendFiles).unwrap_err();
//! assert_eq!(err.field(), Some("InteractionWorkspace.WhatsApp.canSendFiles"));
//! assert!(Permissions::all().require(Privilege::CanSendFiles).is_ok());
//! # Ok::<(), waba_attachment::PermissionError>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod permissions;
mod quoted;

pub use permissions::{PermissionError, Permissions, Privilege};
pub use quoted::Quoted;
