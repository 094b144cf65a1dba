//! Agent permissions: the Workspace role privileges of the Genesys guide ("Role permissions").
//!
//! A [`Permissions`] set is built from privilege names (a comma list such as
//! `InteractionWorkspace.WhatsApp.canUse,InteractionWorkspace.WhatsApp.canSendFiles`). Without
//! `canUse` the plug-in does not load, so [`Permissions::require`] refuses every privilege.

use waba_error::WabaError;

use std::fmt;
use std::str::FromStr;

use crate::quoted::Quoted;

/// One role privilege of the WhatsApp Workspace plug-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Privilege {
    /// `InteractionWorkspace.WhatsApp.canUse`: the plug-in loads; nothing may be sent without it.
    CanUse,
    /// `InteractionWorkspace.WhatsApp.canSendFiles`: the agent may send files as attachments.
    CanSendFiles,
    /// `InteractionWorkspace.WhatsApp.canChangeAttachmentsInNotification`.
    CanChangeAttachmentsInNotification,
    /// `InteractionWorkspace.WhatsApp.canChangeAttachmentsInReplyButton`.
    CanChangeAttachmentsInReplyButton,
    /// `InteractionWorkspace.WhatsApp.canCreateNewSessionFromOtherMedia`.
    CanCreateNewSessionFromOtherMedia,
}

impl Privilege {
    /// Every privilege, in declaration order.
    pub const ALL: [Privilege; 5] = [
        Privilege::CanUse,
        Privilege::CanSendFiles,
        Privilege::CanChangeAttachmentsInNotification,
        Privilege::CanChangeAttachmentsInReplyButton,
        Privilege::CanCreateNewSessionFromOtherMedia,
    ];

    /// The privilege name as Genesys configures it (`InteractionWorkspace.WhatsApp.canSendFiles`).
    pub const fn name(self) -> &'static str {
        match self {
            Privilege::CanUse => "InteractionWorkspace.WhatsApp.canUse",
            Privilege::CanSendFiles => "InteractionWorkspace.WhatsApp.canSendFiles",
            Privilege::CanChangeAttachmentsInNotification => {
                "InteractionWorkspace.WhatsApp.canChangeAttachmentsInNotification"
            }
            Privilege::CanChangeAttachmentsInReplyButton => {
                "InteractionWorkspace.WhatsApp.canChangeAttachmentsInReplyButton"
            }
            Privilege::CanCreateNewSessionFromOtherMedia => {
                "InteractionWorkspace.WhatsApp.canCreateNewSessionFromOtherMedia"
            }
        }
    }

    /// The display name the guide gives (`WhatsApp - Can Send Files`).
    pub const fn display_name(self) -> &'static str {
        match self {
            Privilege::CanUse => "WhatsApp - Can Use",
            Privilege::CanSendFiles => "WhatsApp - Can Send Files",
            Privilege::CanChangeAttachmentsInNotification => {
                "WhatsApp - Can Change Attachments in Notification"
            }
            Privilege::CanChangeAttachmentsInReplyButton => {
                "WhatsApp - Can Change Attachments in Reply Button"
            }
            Privilege::CanCreateNewSessionFromOtherMedia => {
                "WhatsApp - Can Create new session from other media"
            }
        }
    }

    const fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for Privilege {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Privilege {
    type Err = PermissionError;

    /// Parses an exact privilege name (letter case matters, as in Genesys configuration); spaces
    /// around it are ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Privilege::ALL
            .into_iter()
            .find(|p| p.name() == t)
            .ok_or_else(|| PermissionError::UnknownPrivilege {
                name: Quoted::new(t),
            })
    }
}

/// Errors about privileges.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Refused)]
#[non_exhaustive]
pub enum PermissionError {
    /// The agent lacks a privilege the action needs.
    #[error("the agent lacks the privilege {privilege} ({})", privilege.display_name())]
    #[waba(code = "permission.missing_privilege", field = privilege.name())]
    MissingPrivilege {
        /// The privilege that is missing (`canUse` when the plug-in itself is not allowed).
        privilege: Privilege,
    },
    /// A privilege name in a list is not one of the WhatsApp plug-in's privileges.
    #[error("unknown privilege name {name}")]
    #[waba(code = "permission.unknown_privilege", field = name.as_str())]
    UnknownPrivilege {
        /// The name as written (at most [`Quoted::MAX_BYTES`] bytes quoted).
        name: Quoted,
    },
}

impl PermissionError {
    /// The missing privilege, when that is the error.
    pub fn missing(&self) -> Option<Privilege> {
        match self {
            PermissionError::MissingPrivilege { privilege } => Some(*privilege),
            PermissionError::UnknownPrivilege { .. } => None,
        }
    }
}

/// A set of privileges (a copyable bit set; no allocation).
///
/// ```
/// use waba_attachment::WabaError;
/// use waba_attachment::{Permissions, Privilege};
///
/// let p = Permissions::parse_list(
///     "InteractionWorkspace.WhatsApp.canUse, InteractionWorkspace.WhatsApp.canSendFiles",
/// )?;
/// assert!(p.has(Privilege::CanSendFiles));
/// assert!(p.require(Privilege::CanSendFiles).is_ok());
/// let err = p.require(Privilege::CanChangeAttachmentsInNotification).unwrap_err();
/// assert_eq!(err.code(), "permission.missing_privilege");
/// # Ok::<(), waba_attachment::PermissionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Permissions(u8);

impl Permissions {
    /// No privilege at all.
    pub const fn none() -> Self {
        Permissions(0)
    }

    /// Every privilege (what the CLI grants when no `--permissions` is given).
    pub const fn all() -> Self {
        Permissions(
            Privilege::CanUse.bit()
                | Privilege::CanSendFiles.bit()
                | Privilege::CanChangeAttachmentsInNotification.bit()
                | Privilege::CanChangeAttachmentsInReplyButton.bit()
                | Privilege::CanCreateNewSessionFromOtherMedia.bit(),
        )
    }

    /// This set plus `p`.
    #[must_use]
    pub const fn with(self, p: Privilege) -> Self {
        Permissions(self.0 | p.bit())
    }

    /// This set without `p`.
    #[must_use]
    pub const fn without(self, p: Privilege) -> Self {
        Permissions(self.0 & !p.bit())
    }

    /// Whether the set holds `p` (as configured; see [`Permissions::require`] for the `canUse` rule).
    pub const fn has(self, p: Privilege) -> bool {
        self.0 & p.bit() != 0
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// `Ok` when the agent may act under `p`: the set holds `canUse` (without it nothing may be
    /// done, and the error names `canUse`) and `p`.
    pub const fn require(self, p: Privilege) -> Result<(), PermissionError> {
        if !self.has(Privilege::CanUse) {
            return Err(PermissionError::MissingPrivilege {
                privilege: Privilege::CanUse,
            });
        }
        if !self.has(p) {
            return Err(PermissionError::MissingPrivilege { privilege: p });
        }
        Ok(())
    }

    /// The privileges held, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = Privilege> {
        Privilege::ALL.into_iter().filter(move |p| self.has(*p))
    }

    /// Parses a comma-separated list of privilege names. Spaces around names and empty items
    /// (`a,,b`, a trailing comma) are ignored; an empty list is the empty set; the same name twice is
    /// harmless. A name that is not a WhatsApp plug-in privilege is an error (decision 0500): a typo
    /// would otherwise silently deny or grant.
    pub fn parse_list(list: &str) -> Result<Self, PermissionError> {
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .try_fold(Permissions::none(), |acc, name| {
                Ok(acc.with(name.parse::<Privilege>()?))
            })
    }
}

impl FromIterator<Privilege> for Permissions {
    fn from_iter<I: IntoIterator<Item = Privilege>>(iter: I) -> Self {
        iter.into_iter()
            .fold(Permissions::none(), Permissions::with)
    }
}

impl FromStr for Permissions {
    type Err = PermissionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Permissions::parse_list(s)
    }
}

impl fmt::Display for Permissions {
    /// The comma list of names, as [`Permissions::parse_list`] reads it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(p.name())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in Privilege::ALL {
            assert_eq!(p.name().parse::<Privilege>().unwrap(), p);
        }
        assert_eq!(
            Permissions::all()
                .to_string()
                .parse::<Permissions>()
                .unwrap(),
            Permissions::all()
        );
    }

    #[test]
    fn can_use_gates_everything() {
        let p = Permissions::none().with(Privilege::CanSendFiles);
        let e = p.require(Privilege::CanSendFiles).unwrap_err();
        assert_eq!(e.missing(), Some(Privilege::CanUse));
        assert_eq!(e.field(), Some("InteractionWorkspace.WhatsApp.canUse"));
        let p = p.with(Privilege::CanUse);
        assert!(p.require(Privilege::CanSendFiles).is_ok());
        assert_eq!(
            p.require(Privilege::CanChangeAttachmentsInReplyButton)
                .unwrap_err()
                .missing(),
            Some(Privilege::CanChangeAttachmentsInReplyButton)
        );
    }

    #[test]
    fn list_parsing() {
        assert!(Permissions::parse_list("").unwrap().is_empty());
        assert!(Permissions::parse_list(" , ,").unwrap().is_empty());
        let p = Permissions::parse_list(
            " InteractionWorkspace.WhatsApp.canUse ,,InteractionWorkspace.WhatsApp.canUse,",
        )
        .unwrap();
        assert_eq!(p.iter().collect::<Vec<_>>(), vec![Privilege::CanUse]);
        let e = Permissions::parse_list("InteractionWorkspace.WhatsApp.canuse").unwrap_err();
        assert_eq!(e.code(), "permission.unknown_privilege");
        assert_eq!(e.field(), Some("InteractionWorkspace.WhatsApp.canuse"));
        let long = "x".repeat(10_000);
        let e = Permissions::parse_list(&long).unwrap_err();
        assert!(e.to_string().len() < 200);
    }

    #[test]
    fn all_has_every_privilege() {
        let all = Permissions::all();
        for p in Privilege::ALL {
            assert!(all.has(p));
            assert!(!all.without(p).has(p));
        }
        assert_eq!(Privilege::ALL.into_iter().collect::<Permissions>(), all);
    }
}
