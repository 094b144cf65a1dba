//! The Configuration Server objects: the media type and its capacity rule, the business attributes,
//! and the role privileges.

use waba_attachment::Privilege;

use super::bundle::BusinessAttribute;
use super::rules;
use super::{Bundle, Out, closest};

/// The media type of WhatsApp chat interactions.
pub(super) const MEDIA_TYPE: &str = "whatsappsession";
/// The business attribute type of `InternalConferenceInvite`.
pub(super) const INTERACTION_SUBTYPE: &str = "Interaction Subtype";
/// The interaction subtype conferences need.
pub(super) const INTERNAL_CONFERENCE_INVITE: &str = "InternalConferenceInvite";
/// The business attribute type of `_msg_ProfileNickname`.
pub(super) const CONTACT_ATTRIBUTES: &str = "Contact Attributes";
/// The contact attribute of the customer's WhatsApp nickname.
pub(super) const PROFILE_NICKNAME: &str = "_msg_ProfileNickname";
/// The namespace of the plug-in's privileges.
const PRIVILEGE_PREFIX: &str = "InteractionWorkspace.WhatsApp.";

/// Runs the rules of this file.
pub(crate) fn check(bundle: &Bundle, out: &mut Out) {
    media_types(bundle, out);
    business_attributes(bundle, out);
    privileges(bundle, out);
}

fn media_types(bundle: &Bundle, out: &mut Out) {
    if let Some(types) = &bundle.media_types {
        if !types.iter().any(|t| t == MEDIA_TYPE) {
            let near = types
                .iter()
                .find(|t| closest(t, [MEDIA_TYPE]).is_some())
                .map(|t| format!(" ({t:?} is not it: media type names are exact)"))
                .unwrap_or_default();
            out.push(
                &rules::MEDIA_TYPE,
                None,
                "media_types".to_owned(),
                format!("the media type {MEDIA_TYPE} does not exist{near}"),
                format!("create the media type {MEDIA_TYPE} in the Configuration Server database"),
            );
        }
    }
    if let Some(rules_) = &bundle.capacity_rules {
        let at = format!("capacity_rules/{MEDIA_TYPE}");
        let fix = format!(
            "add {MEDIA_TYPE} to the capacity rules with how many interactions an agent handles at once (1 or more)"
        );
        match rules_.get(MEDIA_TYPE) {
            None => out.push(
                &rules::CAPACITY_RULE,
                None,
                at,
                format!("the capacity rules do not name {MEDIA_TYPE}: no agent can be routed a WhatsApp chat"),
                fix,
            ),
            Some(0) => out.push(
                &rules::CAPACITY_RULE,
                None,
                at,
                format!("the capacity rules allow 0 {MEDIA_TYPE} interactions: no agent can be routed a WhatsApp chat"),
                fix,
            ),
            Some(_) => {}
        }
    }
}

/// The values of one attribute type.
fn values<'a>(bundle: &'a Bundle, kind: &str) -> Option<&'a [BusinessAttribute]> {
    bundle
        .business_attributes
        .as_ref()
        .map(|b| b.get(kind).map_or(&[][..], Vec::as_slice))
}

/// The attribute type under which `name` was put instead, if any.
fn found_elsewhere<'a>(bundle: &'a Bundle, name: &str) -> Option<&'a str> {
    bundle
        .business_attributes
        .as_ref()?
        .iter()
        .find(|(_, v)| v.iter().any(|a| a.name == name))
        .map(|(k, _)| k)
}

fn business_attributes(bundle: &Bundle, out: &mut Out) {
    for (kind, name, rule) in [
        (
            INTERACTION_SUBTYPE,
            INTERNAL_CONFERENCE_INVITE,
            &rules::INTERNAL_CONFERENCE_INVITE,
        ),
        (
            CONTACT_ATTRIBUTES,
            PROFILE_NICKNAME,
            &rules::PROFILE_NICKNAME,
        ),
    ] {
        let Some(values) = values(bundle, kind) else {
            return;
        };
        let at = format!("business_attributes/{kind}/{name}");
        let Some(attr) = values.iter().find(|a| a.name == name) else {
            let why = match found_elsewhere(bundle, name) {
                Some(other) => format!("{name} is a value of {other:?}, not of {kind:?}"),
                None => format!("the business attribute {kind:?} has no value {name}"),
            };
            out.push(
                rule,
                None,
                at,
                why,
                format!("create the Business Attribute value {name} of type {kind}"),
            );
            continue;
        };
        if name != PROFILE_NICKNAME {
            continue;
        }
        let settings = attr.annex.get("settings");
        for option in ["is-searchable", "is-sortable"] {
            let value = settings.and_then(|s| s.get(option)).map(|v| v.0.trim());
            if value.is_some_and(|v| v.eq_ignore_ascii_case("false")) {
                continue;
            }
            out.push(
                rule,
                None,
                format!("{at}/annex/settings/{option}"),
                format!(
                    "{name}'s annex has {option} = {}",
                    value.map_or("(not set)".to_owned(), |v| format!("{v:?}"))
                ),
                format!("in the Annex tab of {name}, section [settings], set {option} = false"),
            );
        }
    }
}

fn privileges(bundle: &Bundle, out: &mut Out) {
    let Some(granted) = &bundle.privileges else {
        return;
    };
    let names = Privilege::ALL.map(Privilege::name);
    for p in granted {
        let p = p.trim();
        if names.contains(&p) {
            continue;
        }
        let suggestion = closest(p, names);
        if suggestion.is_none() && !p.starts_with(PRIVILEGE_PREFIX) {
            continue; // another plug-in's or Workspace's own privilege
        }
        out.push(
            &rules::PRIVILEGE_UNKNOWN,
            None,
            format!("privileges/{p}"),
            match suggestion {
                Some(s) => {
                    format!("{p} is not a privilege of the WhatsApp plug-in; did you mean {s}?")
                }
                None => format!("{p} is not a privilege of the WhatsApp plug-in"),
            },
            match suggestion {
                Some(s) => format!("grant {s}"),
                None => format!("grant one of {}", names.join(", ")),
            },
        );
    }
    if !granted.iter().any(|p| p.trim() == Privilege::CanUse.name()) {
        out.push(
            &rules::PRIVILEGE_CAN_USE,
            None,
            "privileges".to_owned(),
            format!(
                "{} is not granted: the WhatsApp plug-in will not load",
                Privilege::CanUse.name()
            ),
            format!("grant {} to the agents' role", Privilege::CanUse.name()),
        );
    }
}
