//! Media, location and reaction send bodies.

use std::fmt;

use serde_json::Value;

use crate::error::ModelError;
use crate::json::{Obj, object, os, s, serde_via_json};

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

    /// Takes the `id` or `link` out of `o`; `None` when neither or both (or not strings).
    pub(crate) fn take(o: &mut Obj) -> Option<MediaSource> {
        match (o.opt_string("id")?, o.opt_string("link")?) {
            (Some(id), None) => Some(MediaSource::Id(id)),
            (None, Some(link)) => Some(MediaSource::Link(link)),
            _ => None,
        }
    }

    /// `{"id": …}` or `{"link": …}`.
    pub(crate) fn to_json(&self) -> Value {
        let (k, v) = self.key_value();
        object([(k, s(v))])
    }

    /// Reads `{"id": …}` or `{"link": …}` with nothing else.
    pub(crate) fn from_json(value: Value) -> Option<MediaSource> {
        let mut o = Obj::new(value)?;
        let src = MediaSource::take(&mut o)?;
        o.finish()?;
        Some(src)
    }
}

/// A media caption: at most [`CAPTION_MAX`] characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Caption(String);

impl Caption {
    /// The most number of characters.
    pub const MAX: usize = CAPTION_MAX;

    /// The caption, checked.
    pub fn new(caption: impl Into<String>) -> Result<Caption, ModelError> {
        let caption = caption.into();
        let actual = caption.chars().count();
        if actual > CAPTION_MAX {
            return Err(ModelError::CaptionTooLong {
                limit: CAPTION_MAX as u64,
                actual: actual as u64,
            });
        }
        Ok(Caption(caption))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Caption {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Caption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Caption> for String {
    fn from(c: Caption) -> String {
        c.0
    }
}

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

    pub(crate) fn from_json(value: Value) -> Result<Media, ModelError> {
        let malformed = ModelError::Malformed { what: "media" };
        let mut o = Obj::new(value).ok_or(malformed.clone())?;
        let source = MediaSource::take(&mut o).ok_or(malformed.clone())?;
        let caption = o.opt_string("caption").ok_or(malformed.clone())?;
        let filename = o.opt_string("filename").ok_or(malformed.clone())?;
        o.finish().ok_or(malformed)?;
        Ok(Media {
            source,
            caption: caption.map(Caption::new).transpose()?,
            filename,
        })
    }
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
        })
    }

    pub(crate) fn to_json(&self) -> Value {
        object([
            ("latitude", Some(Value::from(self.latitude))),
            ("longitude", Some(Value::from(self.longitude))),
            ("name", os(self.name.as_deref())),
            ("address", os(self.address.as_deref())),
        ])
    }

    pub(crate) fn from_json(value: Value) -> Result<Location, ModelError> {
        let malformed = || ModelError::Malformed { what: "location" };
        let mut o = Obj::new(value).ok_or_else(malformed)?;
        let num = |v: Option<Value>| v.as_ref().and_then(Value::as_f64);
        let latitude = num(o.take("latitude")).ok_or_else(malformed)?;
        let longitude = num(o.take("longitude")).ok_or_else(malformed)?;
        let name = o.opt_string("name").ok_or_else(malformed)?;
        let address = o.opt_string("address").ok_or_else(malformed)?;
        o.finish().ok_or_else(malformed)?;
        let mut location = Location::new(latitude, longitude)?;
        location.name = name;
        location.address = address;
        Ok(location)
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

    pub(crate) fn from_json(value: Value) -> Result<Reaction, ModelError> {
        let malformed = || ModelError::Malformed { what: "reaction" };
        let mut o = Obj::new(value).ok_or_else(malformed)?;
        let message_id = o.string("message_id").ok_or_else(malformed)?;
        let emoji = o.string("emoji").ok_or_else(malformed)?;
        o.finish().ok_or_else(malformed)?;
        Ok(Reaction { message_id, emoji })
    }
}

serde_via_json!(Reaction, "reaction");
