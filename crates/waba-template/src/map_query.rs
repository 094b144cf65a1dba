//! Location preview URLs: a map provider's query template with `{LATITUDE}`, `{LONGITUDE}`,
//! `{HEIGHT}`, `{WIDTH}` (the guide's `whatsappsession.location-map.*` options), filled safely.

use waba_error::WabaError;

use std::fmt::Write as _;

use crate::text::char_pos;
use crate::url_rules::{host, is_web_url};

/// The longest query template and filled URL accepted, in bytes (Google's Static Maps API takes
/// up to 16 384 characters; 8192 leaves room and stops abuse).
pub const MAP_URL_MAX: usize = 8192;
/// The largest preview side in pixels.
pub const MAP_SIZE_MAX: u32 = 4096;
/// The least preview side in pixels.
pub const MAP_SIZE_MIN: u32 = 1;
/// The coordinate ranges (degrees) are the model's: one definition for a location we send and a
/// map link we build.
pub use waba_model::{LATITUDE_MAX, LONGITUDE_MAX};

/// Why a map query template or its values were refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum MapQueryError {
    /// The template or the filled URL is longer than [`MAP_URL_MAX`] bytes.
    #[error("map URL is {actual} bytes long, the limit is {limit}")]
    #[waba(code = "map_query.too_long")]
    TooLong {
        /// The limit.
        limit: u64,
        /// Its length.
        actual: u64,
    },
    /// A `{NAME}` that is not one of the four placeholders (names are upper case).
    #[error("unknown placeholder at character {position}")]
    #[waba(code = "map_query.unknown_placeholder")]
    UnknownPlaceholder {
        /// Where it starts.
        position: u64,
    },
    /// A `{` without `}`.
    #[error("unclosed placeholder at character {position}")]
    #[waba(code = "map_query.unclosed_placeholder")]
    Unclosed {
        /// Where it starts.
        position: u64,
    },
    /// `{LATITUDE}` or `{LONGITUDE}` is missing.
    #[error("the template lacks {{{}}}", name.placeholder())]
    #[waba(code = "map_query.missing_placeholder", field = name.placeholder())]
    MissingPlaceholder {
        /// [`MapValue::Latitude`] or [`MapValue::Longitude`].
        name: MapValue,
    },
    /// The template is not an http(s) URL without user info, or a placeholder reaches into the
    /// host.
    #[error(
        "the template is not an http(s) URL without user info, with placeholders outside the host"
    )]
    #[waba(code = "map_query.url_not_allowed")]
    NotAllowed,
    /// A coordinate is not finite or out of range.
    #[error("{name} is not a finite number within ±{limit}")]
    #[waba(code = "map_query.coordinate_out_of_range", field = name.as_str())]
    BadCoordinate {
        /// [`MapValue::Latitude`] or [`MapValue::Longitude`].
        name: MapValue,
        /// The range's bound.
        limit: u64,
    },
    /// A coordinate given as text is not a plain decimal number (`12.5`, `-0.25`).
    #[error("{name} is not a plain decimal number")]
    #[waba(code = "map_query.not_a_number", field = name.as_str())]
    NotANumber {
        /// [`MapValue::Latitude`] or [`MapValue::Longitude`].
        name: MapValue,
    },
    /// A preview side is out of range.
    #[error("{name} is {actual}, it must be from 1 to {limit}")]
    #[waba(code = "map_query.size_out_of_range", field = name.as_str())]
    BadSize {
        /// [`MapValue::Height`] or [`MapValue::Width`].
        name: MapValue,
        /// The largest allowed.
        limit: u64,
        /// The value given.
        actual: u64,
    },
}

/// One of the four values a map query template takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum MapValue {
    /// The latitude, in degrees: `{LATITUDE}`.
    Latitude,
    /// The longitude, in degrees: `{LONGITUDE}`.
    Longitude,
    /// The preview's height, in pixels: `{HEIGHT}`.
    Height,
    /// The preview's width, in pixels: `{WIDTH}`.
    Width,
}

impl MapValue {
    /// Its name in errors: `latitude`, `longitude`, `height`, `width`.
    pub fn as_str(self) -> &'static str {
        match self {
            MapValue::Latitude => "latitude",
            MapValue::Longitude => "longitude",
            MapValue::Height => "height",
            MapValue::Width => "width",
        }
    }

    /// Its placeholder's name in a template: `LATITUDE`, `LONGITUDE`, `HEIGHT`, `WIDTH`.
    pub fn placeholder(self) -> &'static str {
        match self {
            MapValue::Latitude => "LATITUDE",
            MapValue::Longitude => "LONGITUDE",
            MapValue::Height => "HEIGHT",
            MapValue::Width => "WIDTH",
        }
    }
}

impl std::fmt::Display for MapValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Lit(String),
    Var(MapValue),
}

/// A checked map-provider query template, kept compiled. Serializes as the template text and is
/// checked again when read back.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MapQuery {
    #[serde(skip)]
    pieces: Vec<Piece>,
    source: String,
}

impl TryFrom<String> for MapQuery {
    type Error = MapQueryError;

    fn try_from(s: String) -> Result<MapQuery, MapQueryError> {
        MapQuery::new(&s)
    }
}

impl From<MapQuery> for String {
    fn from(q: MapQuery) -> String {
        q.source
    }
}

impl std::fmt::Display for MapQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.source)
    }
}

impl std::str::FromStr for MapQuery {
    type Err = MapQueryError;

    fn from_str(s: &str) -> Result<MapQuery, MapQueryError> {
        MapQuery::new(s)
    }
}

impl MapQuery {
    /// Parses and checks a template: only the four placeholders, `{LATITUDE}` and `{LONGITUDE}`
    /// present, an http(s) URL without user info once filled, no placeholder in the host.
    pub fn new(template: &str) -> Result<MapQuery, MapQueryError> {
        if template.len() > MAP_URL_MAX {
            return Err(MapQueryError::TooLong {
                limit: MAP_URL_MAX as u64,
                actual: template.len() as u64,
            });
        }
        let mut pieces = Vec::new();
        let mut rest = template;
        let mut offset = 0usize;
        while let Some(open) = rest.find('{') {
            let before = rest.get(..open).unwrap_or_default();
            if !before.is_empty() {
                pieces.push(Piece::Lit(before.to_owned()));
            }
            let after = rest.get(open + 1..).unwrap_or_default();
            let Some(close) = after.find('}') else {
                return Err(MapQueryError::Unclosed {
                    position: char_pos(template, offset + open),
                });
            };
            let name = after.get(..close).unwrap_or_default();
            let var = match name {
                "LATITUDE" => MapValue::Latitude,
                "LONGITUDE" => MapValue::Longitude,
                "HEIGHT" => MapValue::Height,
                "WIDTH" => MapValue::Width,
                _ => {
                    return Err(MapQueryError::UnknownPlaceholder {
                        position: char_pos(template, offset + open),
                    });
                }
            };
            pieces.push(Piece::Var(var));
            let consumed = open + 1 + close + 1;
            offset += consumed;
            rest = rest.get(consumed..).unwrap_or_default();
        }
        if !rest.is_empty() {
            pieces.push(Piece::Lit(rest.to_owned()));
        }
        for name in [MapValue::Latitude, MapValue::Longitude] {
            if !pieces.contains(&Piece::Var(name)) {
                return Err(MapQueryError::MissingPlaceholder { name });
            }
        }
        let q = MapQuery {
            pieces,
            source: template.to_owned(),
        };
        // Two different samples must give valid URLs on the same host.
        let a = q.substitute("1", "2", "3", "4");
        let b = q.substitute("-45.5", "-120.25", "640", "480");
        if !is_web_url(&a, true) || !is_web_url(&b, true) || host(&a) != host(&b) {
            return Err(MapQueryError::NotAllowed);
        }
        Ok(q)
    }

    /// The template as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    fn substitute(&self, lat: &str, lon: &str, h: &str, w: &str) -> String {
        let mut out = String::new();
        for p in &self.pieces {
            match p {
                Piece::Lit(s) => out.push_str(s),
                Piece::Var(MapValue::Latitude) => percent_encode(lat, &mut out),
                Piece::Var(MapValue::Longitude) => percent_encode(lon, &mut out),
                Piece::Var(MapValue::Height) => percent_encode(h, &mut out),
                Piece::Var(MapValue::Width) => percent_encode(w, &mut out),
            }
        }
        out
    }

    /// Fills the template. Coordinates must be finite and in range; sizes from
    /// [`MAP_SIZE_MIN`] to [`MAP_SIZE_MAX`]. Numbers are written the same way in every locale
    /// (`.` decimal point, no exponent, `-0` written `0`), percent-encoded, and the result is
    /// checked with the `url` crate.
    pub fn fill(
        &self,
        latitude: f64,
        longitude: f64,
        height: u32,
        width: u32,
    ) -> Result<String, MapQueryError> {
        let lat = coordinate(latitude, LATITUDE_MAX, MapValue::Latitude)?;
        let lon = coordinate(longitude, LONGITUDE_MAX, MapValue::Longitude)?;
        let h = size(height, MapValue::Height)?;
        let w = size(width, MapValue::Width)?;
        let url = self.substitute(&lat, &lon, &h, &w);
        if url.len() > MAP_URL_MAX {
            return Err(MapQueryError::TooLong {
                limit: MAP_URL_MAX as u64,
                actual: url.len() as u64,
            });
        }
        if !is_web_url(&url, true) {
            return Err(MapQueryError::NotAllowed);
        }
        Ok(url)
    }
}

/// Reads a coordinate written as a plain decimal number (`-12.5`): ASCII digits, one optional
/// leading `-`, one optional `.`; no exponent, no `+`, no locale comma, no spaces. `name`
/// ([`MapValue::Latitude`] or [`MapValue::Longitude`]) is what an error names.
pub fn parse_coordinate(s: &str, name: MapValue) -> Result<f64, MapQueryError> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let mut dots = 0;
    let ok = !digits.is_empty()
        && digits.len() <= 32
        && digits.bytes().all(|b| {
            if b == b'.' {
                dots += 1;
                true
            } else {
                b.is_ascii_digit()
            }
        })
        && dots <= 1
        && digits != ".";
    if !ok {
        return Err(MapQueryError::NotANumber { name });
    }
    s.parse::<f64>()
        .map_err(|_| MapQueryError::NotANumber { name })
}

fn coordinate(v: f64, max: f64, name: MapValue) -> Result<String, MapQueryError> {
    if !v.is_finite() || v.abs() > max {
        return Err(MapQueryError::BadCoordinate {
            name,
            limit: max as u64,
        });
    }
    let v = if v == 0.0 { 0.0 } else { v };
    let mut s = String::new();
    let _ = write!(s, "{v}");
    Ok(s)
}

fn size(v: u32, name: MapValue) -> Result<String, MapQueryError> {
    if !(MAP_SIZE_MIN..=MAP_SIZE_MAX).contains(&v) {
        return Err(MapQueryError::BadSize {
            name,
            limit: u64::from(MAP_SIZE_MAX),
            actual: u64::from(v),
        });
    }
    Ok(v.to_string())
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn percent_encode(s: &str, out: &mut String) {
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills() {
        let q = MapQuery::new(
            "https://maps.example.com/api/staticmap?center={LATITUDE},{LONGITUDE}&size={WIDTH}x{HEIGHT}",
        )
        .unwrap();
        assert_eq!(
            q.fill(-0.0, 34.781767, 200, 300).unwrap(),
            "https://maps.example.com/api/staticmap?center=0,34.781767&size=300x200"
        );
        assert!(q.fill(1e-7, 0.0, 1, 1).unwrap().contains("0.0000001"));
    }
}
