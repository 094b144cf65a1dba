//! The custom emoji map (the guide's `CustomEmojis.xml`) and web links with offsets.

use waba_error::WabaError;

use waba_template::{EmojiMap, emoji_code, emoji_from_code, find_links};

#[test]
fn the_guides_emoticon_both_ways() {
    let m =
        EmojiMap::from_xml(r#"<CustomEmojis><Emoticon Emoji="🥰" Code="1f970"/></CustomEmojis>"#)
            .unwrap();
    assert_eq!(m.code_for("🥰"), Some("1f970"));
    assert_eq!(m.emoji_for("1f970"), Some("🥰"));
    // The guide's own step 5 pairs 💎 with 1f970: caught.
    let e = EmojiMap::from_xml(r#"<Emoticon Emoji="💎" Code="1f970"/>"#).unwrap_err();
    assert_eq!((e.code(), e.position()), ("emoji.bad_code", Some(0)));
    let e = EmojiMap::from_xml(r#"<Emoticon Emoji="🥰"/>"#).unwrap_err();
    assert_eq!(e.code(), "emoji.missing_attribute");
    assert_eq!(
        EmojiMap::from_xml(r#"<Emoticon Emoji="🥰" Code="1f970""#)
            .unwrap_err()
            .code(),
        "emoji.malformed"
    );
}

#[test]
fn codes_of_multi_code_point_emoji_round_trip() {
    for e in ["👨‍👩‍👧‍👦", "🇮🇱", "❤️", "👍🏽", "#️⃣", "🥰"] {
        assert_eq!(emoji_from_code(&emoji_code(e)).as_deref(), Some(e), "{e}");
    }
    assert_eq!(emoji_code("👍🏽"), "1f44d-1f3fd");
    assert_eq!(emoji_code("#️⃣"), "23-fe0f-20e3");
}

#[test]
fn links_with_offsets() {
    let t = "Url http://www.yahoo.com/custom — ou https://exemple.fr/a?b=1, mail a@b.com";
    let l = find_links(t);
    assert_eq!(l.len(), 2);
    assert_eq!(l[0].text, "http://www.yahoo.com/custom");
    assert_eq!((l[0].start, l[0].char_start), (4, 4));
    assert_eq!(l[1].text, "https://exemple.fr/a?b=1");
    assert_eq!(t.get(l[1].start..l[1].end), Some(l[1].text));
    assert_eq!(
        Some(l[1].char_start),
        t.get(..l[1].start).map(|p| p.chars().count())
    );
}
