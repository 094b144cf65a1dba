//! Contact cards to send (`type: "contacts"`): Meta's `ContactObject` and its parts, closed.

use serde_json::Value;

use super::read::{Reader, array_value};
use super::read::{object, os};
use crate::error::{ModelError, quote};

/// The most contact cards one message may carry (OpenAPI `ContactsMessage.contacts maxItems: 5`).
pub const CONTACTS_MAX: usize = 5;

/// One contact card.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ContactCard {
    /// Postal addresses.
    pub addresses: Option<Vec<ContactAddress>>,
    /// Date of birth, `YYYY-MM-DD`.
    pub birthday: Option<String>,
    /// Email addresses.
    pub emails: Option<Vec<ContactEmail>>,
    /// The name (Meta requires one with a `formatted_name`).
    pub name: Option<ContactName>,
    /// The organization.
    pub org: Option<ContactOrg>,
    /// Phone numbers.
    pub phones: Option<Vec<ContactPhone>>,
    /// Web addresses.
    pub urls: Option<Vec<ContactUrl>>,
}

impl ContactCard {
    /// A card with only a formatted name.
    pub fn named(formatted_name: impl Into<String>) -> ContactCard {
        ContactCard {
            name: Some(ContactName {
                formatted_name: Some(formatted_name.into()),
                ..ContactName::default()
            }),
            ..ContactCard::default()
        }
    }
}

/// A card's name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ContactName {
    /// The full name as shown.
    pub formatted_name: Option<String>,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Middle name.
    pub middle_name: Option<String>,
    /// Prefix (`Dr`).
    pub prefix: Option<String>,
    /// Suffix (`Jr`).
    pub suffix: Option<String>,
}

/// A card's postal address.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ContactAddress {
    /// Street.
    pub street: Option<String>,
    /// City.
    pub city: Option<String>,
    /// State.
    pub state: Option<String>,
    /// ZIP code.
    pub zip: Option<String>,
    /// Country name.
    pub country: Option<String>,
    /// Two-letter country code.
    pub country_code: Option<String>,
    /// `HOME` or `WORK`.
    pub kind: Option<String>,
}

/// A card's email address.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ContactEmail {
    /// The address.
    pub email: String,
    /// `HOME` or `WORK`.
    pub kind: Option<String>,
}

/// A card's organization.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ContactOrg {
    /// Company.
    pub company: Option<String>,
    /// Department.
    pub department: Option<String>,
    /// Job title.
    pub title: Option<String>,
}

/// A card's phone number.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ContactPhone {
    /// The number as written.
    pub phone: String,
    /// `CELL`, `MAIN`, `IPHONE`, `HOME` or `WORK`.
    pub kind: Option<String>,
    /// Its WhatsApp id.
    pub wa_id: Option<String>,
}

/// A card's web address.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ContactUrl {
    /// The URL.
    pub url: String,
    /// `HOME` or `WORK`.
    pub kind: Option<String>,
}

/// The `type` values Meta documents for addresses, emails and URLs.
const HOME_WORK: &[&str] = &["HOME", "WORK"];
/// The `type` values Meta documents for phone numbers.
const PHONE_KINDS: &[&str] = &["CELL", "MAIN", "IPHONE", "HOME", "WORK"];

/// An optional `type` that must be one of `allowed`.
fn kind(o: &mut Reader, allowed: &[&str]) -> Result<Option<String>, ModelError> {
    let v = o.opt_string("type")?;
    match &v {
        Some(k) if !allowed.contains(&k.as_str()) => Err(ModelError::UnknownType {
            field: o.at("type"),
            value: quote(k),
        }),
        _ => Ok(v),
    }
}

/// The elements of an optional array of objects, each read by `f`.
fn list<T>(
    o: &mut Reader,
    key: &str,
    f: impl Fn(Reader) -> Result<T, ModelError>,
) -> Result<Option<Vec<T>>, ModelError> {
    match o.opt_array(key)? {
        None => Ok(None),
        Some(items) => items
            .into_iter()
            .map(|(path, v)| f(Reader::new(v, path)?))
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
    }
}

/// Reads the `contacts` array.
pub(crate) fn read_cards(v: Value, path: String) -> Result<Vec<ContactCard>, ModelError> {
    array_value(path, v)?
        .into_iter()
        .map(|(path, v)| read_card(Reader::new(v, path)?))
        .collect()
}

fn read_card(mut o: Reader) -> Result<ContactCard, ModelError> {
    let card = ContactCard {
        addresses: list(&mut o, "addresses", |mut a| {
            let address = ContactAddress {
                street: a.opt_string("street")?,
                city: a.opt_string("city")?,
                state: a.opt_string("state")?,
                zip: a.opt_string("zip")?,
                country: a.opt_string("country")?,
                country_code: a.opt_string("country_code")?,
                kind: kind(&mut a, HOME_WORK)?,
            };
            a.finish()?;
            Ok(address)
        })?,
        birthday: o.opt_string("birthday")?,
        emails: list(&mut o, "emails", |mut e| {
            let email = ContactEmail {
                email: e.string("email")?,
                kind: kind(&mut e, HOME_WORK)?,
            };
            e.finish()?;
            Ok(email)
        })?,
        name: match o.opt_object("name")? {
            None => None,
            Some(mut n) => {
                let name = ContactName {
                    formatted_name: n.opt_string("formatted_name")?,
                    first_name: n.opt_string("first_name")?,
                    last_name: n.opt_string("last_name")?,
                    middle_name: n.opt_string("middle_name")?,
                    prefix: n.opt_string("prefix")?,
                    suffix: n.opt_string("suffix")?,
                };
                n.finish()?;
                Some(name)
            }
        },
        org: match o.opt_object("org")? {
            None => None,
            Some(mut g) => {
                let org = ContactOrg {
                    company: g.opt_string("company")?,
                    department: g.opt_string("department")?,
                    title: g.opt_string("title")?,
                };
                g.finish()?;
                Some(org)
            }
        },
        phones: list(&mut o, "phones", |mut p| {
            let phone = ContactPhone {
                phone: p.string("phone")?,
                kind: kind(&mut p, PHONE_KINDS)?,
                wa_id: p.opt_string("wa_id")?,
            };
            p.finish()?;
            Ok(phone)
        })?,
        urls: list(&mut o, "urls", |mut u| {
            let url = ContactUrl {
                url: u.string("url")?,
                kind: kind(&mut u, HOME_WORK)?,
            };
            u.finish()?;
            Ok(url)
        })?,
    };
    o.finish()?;
    Ok(card)
}

fn array<T>(items: &Option<Vec<T>>, f: impl Fn(&T) -> Value) -> Option<Value> {
    items
        .as_ref()
        .map(|items| Value::Array(items.iter().map(f).collect()))
}

impl ContactCard {
    /// The Cloud API JSON of this card.
    pub fn to_json(&self) -> Value {
        object([
            (
                "addresses",
                array(&self.addresses, |a| {
                    object([
                        ("street", os(a.street.as_deref())),
                        ("city", os(a.city.as_deref())),
                        ("state", os(a.state.as_deref())),
                        ("zip", os(a.zip.as_deref())),
                        ("country", os(a.country.as_deref())),
                        ("country_code", os(a.country_code.as_deref())),
                        ("type", os(a.kind.as_deref())),
                    ])
                }),
            ),
            ("birthday", os(self.birthday.as_deref())),
            (
                "emails",
                array(&self.emails, |e| {
                    object([
                        ("email", os(Some(&e.email))),
                        ("type", os(e.kind.as_deref())),
                    ])
                }),
            ),
            (
                "name",
                self.name.as_ref().map(|n| {
                    object([
                        ("formatted_name", os(n.formatted_name.as_deref())),
                        ("first_name", os(n.first_name.as_deref())),
                        ("last_name", os(n.last_name.as_deref())),
                        ("middle_name", os(n.middle_name.as_deref())),
                        ("prefix", os(n.prefix.as_deref())),
                        ("suffix", os(n.suffix.as_deref())),
                    ])
                }),
            ),
            (
                "org",
                self.org.as_ref().map(|g| {
                    object([
                        ("company", os(g.company.as_deref())),
                        ("department", os(g.department.as_deref())),
                        ("title", os(g.title.as_deref())),
                    ])
                }),
            ),
            (
                "phones",
                array(&self.phones, |p| {
                    object([
                        ("phone", os(Some(&p.phone))),
                        ("type", os(p.kind.as_deref())),
                        ("wa_id", os(p.wa_id.as_deref())),
                    ])
                }),
            ),
            (
                "urls",
                array(&self.urls, |u| {
                    object([("url", os(Some(&u.url))), ("type", os(u.kind.as_deref()))])
                }),
            ),
        ])
    }
}
