//! Media, location and reaction send bodies.

use serde_json::Value;

use super::read::Reader;
use super::read::{object, os, s, serde_via_json};
use crate::error::{ModelError, quote};

/// The most characters a media caption may have (OpenAPI `MediaObject.caption maxLength: 1024`).
/// Counted in Unicode scalar values (`char`s).
pub const CAPTION_MAX: usize = 1024;

/// Where the media of an outbound message comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MediaSource {
    /// A media id returned by an upload (`{"id": …}`).
    Id(String),
    /// A public URL WhatsApp fetches (`{"link": …}`).
    Link(String),
}

impl MediaSource {
    pub(crate) fn key_value(&self) -> (&'static str, &str) {
        match self {
            MediaSource::Id(id) => ("id", id),
            MediaSource::Link(link) => ("link", link),
        }
    }

    /// Takes the `id` or `link` out of `o`: exactly one of them, a string.
    pub(crate) fn take(o: &mut Reader) -> Result<MediaSource, ModelError> {
        match (o.opt_string("id")?, o.opt_string("link")?) {
            (Some(id), None) => Ok(MediaSource::Id(id)),
            (None, Some(link)) if is_fetchable(&link) => Ok(MediaSource::Link(link)),
            (None, Some(link)) => Err(ModelError::InvalidValue {
                field: o.at("link"),
                reason: format!(
                    "{:?} is not an http or https URL (Meta fetches a media link only over HTTP/HTTPS)",
                    quote(&link)
                ),
            }),
            (None, None) => Err(ModelError::Missing { field: o.at("id") }),
            (Some(_), Some(_)) => Err(ModelError::InvalidValue {
                field: o.at("link"),
                reason: "give `id` or `link`, not both".into(),
            }),
        }
    }

    /// `{"id": …}` or `{"link": …}`.
    pub(crate) fn to_json(&self) -> Value {
        let (k, v) = self.key_value();
        object([(k, s(v))])
    }

    /// Reads `{"id": …}` or `{"link": …}` with nothing else.
    pub(crate) fn read(mut o: Reader) -> Result<MediaSource, ModelError> {
        let src = MediaSource::take(&mut o)?;
        o.finish()?;
        Ok(src)
    }
}

/// Whether `link` is one Meta can fetch: `http://` or `https://` (any case) and a host, with no
/// whitespace or control character that a URL parser would silently drop (Meta: "currently only
/// HTTP/HTTPS links are supported"). A `javascript:`, `data:` or `file:` link is never sent.
fn is_fetchable(link: &str) -> bool {
    let after = |scheme: &str| {
        link.get(..scheme.len())
            .filter(|p| p.eq_ignore_ascii_case(scheme))
            .and_then(|_| link.get(scheme.len()..))
    };
    let rest = after("https://").or_else(|| after("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
        && !link.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A media caption: at most [`CAPTION_MAX`] characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Caption(String);

impl Caption {
    /// The most number of characters.
    pub const MAX: usize = CAPTION_MAX;

    /// The caption, checked.
    pub fn new(caption: impl Into<String>) -> Result<Caption, ModelError> {
        super::at_most_chars(caption.into(), CAPTION_MAX, |limit, actual| {
            ModelError::CaptionTooLong { limit, actual }
        })
        .map(Caption)
    }
}

checked_text!(Caption);

/// An image, video, audio, document or sticker to send.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Media {
    /// The media id or link.
    pub source: MediaSource,
    /// The caption (images, videos, documents).
    pub caption: Option<Caption>,
    /// The file name shown for a document.
    pub filename: Option<String>,
}

impl Media {
    /// Media without caption or file name.
    pub fn new(source: MediaSource) -> Media {
        Media {
            source,
            caption: None,
            filename: None,
        }
    }

    /// Uploaded media, by id.
    pub fn id(id: impl Into<String>) -> Media {
        Media::new(MediaSource::Id(id.into()))
    }

    /// Media WhatsApp fetches from `link`.
    pub fn link(link: impl Into<String>) -> Media {
        Media::new(MediaSource::Link(link.into()))
    }

    /// The same media with a caption; refuses one over [`CAPTION_MAX`] characters.
    pub fn with_caption(mut self, caption: impl Into<String>) -> Result<Media, ModelError> {
        self.caption = Some(Caption::new(caption)?);
        Ok(self)
    }

    /// The same media with a document file name.
    pub fn with_filename(mut self, filename: impl Into<String>) -> Media {
        self.filename = Some(filename.into());
        self
    }

    pub(crate) fn to_json(&self) -> Value {
        let (k, v) = self.source.key_value();
        object([
            (k, s(v)),
            ("caption", os(self.caption.as_deref())),
            ("filename", os(self.filename.as_deref())),
        ])
    }

    /// Reads a media object of `kind`: a caption only where Meta shows one (image, video,
    /// document), a file name only for a document.
    pub(crate) fn read(mut o: Reader, kind: MediaKind) -> Result<Media, ModelError> {
        let source = MediaSource::take(&mut o)?;
        let caption = match kind {
            MediaKind::Image | MediaKind::Video | MediaKind::Document => o.opt_string("caption")?,
            MediaKind::Audio | MediaKind::Sticker => None,
        };
        let filename = match kind {
            MediaKind::Document => o.opt_string("filename")?,
            _ => None,
        };
        o.finish()?;
        Ok(Media {
            source,
            caption: caption.map(Caption::new).transpose()?,
            filename,
        })
    }

    fn from_json(value: Value) -> Result<Media, ModelError> {
        Media::read(Reader::new(value, "media".into())?, MediaKind::Document)
    }
}

/// The media kinds, for what each may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MediaKind {
    Image,
    Video,
    Audio,
    Document,
    Sticker,
}

serde_via_json!(Media, "media");

/// A location pin to send.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Location {
    /// Latitude in degrees.
    pub latitude: f64,
    /// Longitude in degrees.
    pub longitude: f64,
    /// The place's name.
    pub name: Option<String>,
    /// The place's address.
    pub address: Option<String>,
    /// The coordinates were written as decimal strings (`"37.44"`, as Meta's location page
    /// shows them) rather than numbers; they are written back the same way.
    pub coordinates_as_text: bool,
}

/// The largest absolute latitude, in degrees.
pub const LATITUDE_MAX: f64 = 90.0;
/// The largest absolute longitude, in degrees.
pub const LONGITUDE_MAX: f64 = 180.0;

impl Location {
    /// A pin without name or address; refuses a coordinate that is not finite (NaN and infinities
    /// would be written as `null`) or out of range (±90, ±180).
    pub fn new(latitude: f64, longitude: f64) -> Result<Location, ModelError> {
        check_coordinate("latitude", latitude, LATITUDE_MAX)?;
        check_coordinate("longitude", longitude, LONGITUDE_MAX)?;
        Ok(Location {
            latitude,
            longitude,
            name: None,
            address: None,
            coordinates_as_text: false,
        })
    }

    pub(crate) fn to_json(&self) -> Value {
        let coordinate = |c: f64| {
            if self.coordinates_as_text {
                Value::String(c.to_string())
            } else {
                Value::from(c)
            }
        };
        object([
            ("latitude", Some(coordinate(self.latitude))),
            ("longitude", Some(coordinate(self.longitude))),
            ("name", os(self.name.as_deref())),
            ("address", os(self.address.as_deref())),
        ])
    }

    pub(crate) fn read(mut o: Reader) -> Result<Location, ModelError> {
        let (latitude, lat_text) = coordinate(&mut o, "latitude")?;
        let (longitude, lon_text) = coordinate(&mut o, "longitude")?;
        if lat_text != lon_text {
            return Err(ModelError::InvalidValue {
                field: o.at("longitude"),
                reason: "write both coordinates as numbers or both as strings".into(),
            });
        }
        let name = o.opt_string("name")?;
        let address = o.opt_string("address")?;
        o.finish()?;
        let mut location = Location::new(latitude, longitude)?;
        location.name = name;
        location.address = address;
        location.coordinates_as_text = lat_text;
        Ok(location)
    }

    fn from_json(value: Value) -> Result<Location, ModelError> {
        Location::read(Reader::new(value, "location".into())?)
    }
}

/// A coordinate written as a JSON number or as a plain decimal string (`-122.16`: digits, at most
/// one point, an optional minus; no exponent, no spaces); says which.
fn coordinate(o: &mut Reader, key: &str) -> Result<(f64, bool), ModelError> {
    let field = o.at(key);
    match o.required(key)? {
        Value::Number(n) => n
            .as_f64()
            .map(|f| (f, false))
            .ok_or(ModelError::InvalidValue {
                field,
                reason: format!("{n} is not a finite number"),
            }),
        Value::String(t) => {
            let digits = t.strip_prefix('-').unwrap_or(&t);
            let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
            let plain = !int.is_empty()
                && !frac.is_empty()
                && int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit());
            let underflow = |f: f64| f == 0.0 && t.bytes().any(|b| (b'1'..=b'9').contains(&b));
            match t.parse::<f64>() {
                Ok(f) if plain && !underflow(f) => Ok((f, true)),
                _ => Err(ModelError::InvalidValue {
                    field,
                    reason: format!("{:?} is not a decimal number", quote(&t)),
                }),
            }
        }
        other => Err(super::read::wrong_type(field, "a number", &other)),
    }
}

fn check_coordinate(field: &'static str, value: f64, max: f64) -> Result<(), ModelError> {
    if value.is_finite() && value.abs() <= max {
        Ok(())
    } else {
        Err(ModelError::InvalidCoordinate {
            field,
            value: value.to_string(),
        })
    }
}

serde_via_json!(Location, "location");

/// A reaction to a message; an empty emoji removes an earlier reaction.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Reaction {
    /// The id of the message reacted to.
    pub message_id: String,
    /// The emoji; empty to remove the reaction.
    pub emoji: String,
}

impl Reaction {
    /// A reaction with `emoji` to `message_id`.
    pub fn new(message_id: impl Into<String>, emoji: impl Into<String>) -> Reaction {
        Reaction {
            message_id: message_id.into(),
            emoji: emoji.into(),
        }
    }

    /// Removes the reaction to `message_id`.
    pub fn remove(message_id: impl Into<String>) -> Reaction {
        Reaction::new(message_id, "")
    }

    pub(crate) fn to_json(&self) -> Value {
        object([
            ("message_id", s(&self.message_id)),
            ("emoji", s(&self.emoji)),
        ])
    }

    pub(crate) fn read(mut o: Reader) -> Result<Reaction, ModelError> {
        let message_id = o.string("message_id")?;
        let emoji = o.string("emoji")?;
        o.finish()?;
        Ok(Reaction { message_id, emoji })
    }

    fn from_json(value: Value) -> Result<Reaction, ModelError> {
        Reaction::read(Reader::new(value, "reaction".into())?)
    }
}

serde_via_json!(Reaction, "reaction");
