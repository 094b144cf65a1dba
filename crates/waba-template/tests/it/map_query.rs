//! Location preview URLs: hostile inputs 39–45.

use waba_error::WabaError;

use waba_template::{MapQuery, MapValue, parse_coordinate};

const BING: &str = "https://dev.virtualearth.net/REST/v1/Imagery/Map/Road/{LATITUDE},{LONGITUDE}/15?mapSize={WIDTH},{HEIGHT}&key=KEY";
const GOOGLE: &str = "https://maps.googleapis.com/maps/api/staticmap?center={LATITUDE},{LONGITUDE}&zoom=15&size={WIDTH}x{HEIGHT}&key=KEY";

fn code(t: &str) -> &'static str {
    MapQuery::new(t).unwrap_err().code()
}

#[test]
fn providers_fill() {
    let q = MapQuery::new(BING).unwrap();
    assert_eq!(
        q.fill(32.0853, 34.781768, 200, 300).unwrap(),
        "https://dev.virtualearth.net/REST/v1/Imagery/Map/Road/32.0853,34.781768/15?mapSize=300,200&key=KEY"
    );
    let q = MapQuery::new(GOOGLE).unwrap();
    let u = q.fill(-33.8688, 151.2093, 640, 640).unwrap();
    assert!(u.contains("center=-33.8688,151.2093&zoom=15&size=640x640"));
    assert!(url::Url::parse(&u).is_ok());
}

#[test]
fn hostile_39_to_42_templates() {
    for bad in [
        "javascript:alert({LATITUDE},{LONGITUDE})",
        "JaVaScRiPt:{LATITUDE}{LONGITUDE}",
        "data:text/html,{LATITUDE}{LONGITUDE}",
        "file:///etc/{LATITUDE}/{LONGITUDE}",
        " https://maps.example.com/{LATITUDE},{LONGITUDE}",
        "https://maps.example.com/\t{LATITUDE},{LONGITUDE}",
        "https://good.com@evil.com/{LATITUDE},{LONGITUDE}",
        "https:\\\\evil.com\\{LATITUDE},{LONGITUDE}",
        "https://{LATITUDE}.example.com/{LONGITUDE}",
        "maps.example.com/{LATITUDE},{LONGITUDE}",
        "https://ex\u{430}mple.com/{LATITUDE},{LONGITUDE}",
        "http://0x7f.1/{LATITUDE},{LONGITUDE}",
        "http://2130706433/{LATITUDE},{LONGITUDE}",
        "https://Maps.Example.com/{LATITUDE},{LONGITUDE}",
    ] {
        assert_eq!(code(bad), "map_query.url_not_allowed", "{bad}");
    }
    assert!(MapQuery::new("http://maps.example.com/?c={LATITUDE},{LONGITUDE}").is_ok());
}

#[test]
fn hostile_43_placeholders() {
    assert!(MapQuery::new("https://m.example.com/{LATITUDE}/{LONGITUDE}/{LATITUDE}").is_ok());
    assert_eq!(
        code("https://m.example.com/{latitude},{LONGITUDE}"),
        "map_query.unknown_placeholder"
    );
    assert_eq!(
        code("https://m.example.com/{LAT},{LONGITUDE}"),
        "map_query.unknown_placeholder"
    );
    let e = MapQuery::new("https://m.example.com/{LONGITUDE}/{LATITUDE").unwrap_err();
    assert_eq!(
        (e.code(), e.position()),
        ("map_query.unclosed_placeholder", Some(34))
    );
    let e = MapQuery::new("https://m.example.com/{LONGITUDE}").unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("map_query.missing_placeholder", Some("LATITUDE"))
    );
    // Path and query alike: substituted before parsing, so nothing is percent-encoded twice.
    let q =
        MapQuery::new("https://m.example.com/p/{LATITUDE},{LONGITUDE}.png?c={LATITUDE}").unwrap();
    assert_eq!(
        q.fill(1.5, -2.0, 1, 1).unwrap(),
        "https://m.example.com/p/1.5,-2.png?c=1.5"
    );
}

#[test]
fn hostile_44_values() {
    let q = MapQuery::new(GOOGLE).unwrap();
    for (lat, lon) in [
        (f64::NAN, 0.0),
        (f64::INFINITY, 0.0),
        (91.0, 0.0),
        (0.0, -181.0),
        (0.0, f64::NEG_INFINITY),
    ] {
        assert_eq!(
            q.fill(lat, lon, 1, 1).unwrap_err().code(),
            "map_query.coordinate_out_of_range"
        );
    }
    assert!(q.fill(90.0, -180.0, 1, 1).is_ok());
    let u = q.fill(-0.0, 0.12345678901234567, 1, 1).unwrap();
    assert!(u.contains("center=0,0.12345678901234566&"), "{u}");
    assert_eq!(
        q.fill(0.0, 0.0, 0, 1).unwrap_err().code(),
        "map_query.size_out_of_range"
    );
    assert_eq!(
        q.fill(0.0, 0.0, 1, 4097).unwrap_err().code(),
        "map_query.size_out_of_range"
    );
    for bad in [
        "12,5", "1e3", "+5", " 5", "NaN", "inf", "", "-", ".", "1.2.3", "１２",
    ] {
        assert_eq!(
            parse_coordinate(bad, MapValue::Latitude)
                .unwrap_err()
                .code(),
            "map_query.not_a_number",
            "{bad}"
        );
    }
    assert_eq!(
        parse_coordinate("-12.5", MapValue::Latitude).unwrap(),
        -12.5
    );
}

#[test]
fn hostile_45_size_and_encoded_bytes() {
    let long = format!(
        "https://m.example.com/{}{{LATITUDE}}{{LONGITUDE}}",
        "a".repeat(9000)
    );
    let e = MapQuery::new(&long).unwrap_err();
    assert_eq!((e.code(), e.limit()), ("map_query.too_long", Some(8192)));
    // Percent-encoded bytes in the operator's template are kept as written.
    let q = MapQuery::new("https://m.example.com/%0d%0a%00%252F/{LATITUDE},{LONGITUDE}").unwrap();
    assert!(
        q.fill(1.0, 2.0, 1, 1)
            .unwrap()
            .contains("/%0d%0a%00%252F/1,2")
    );
}
