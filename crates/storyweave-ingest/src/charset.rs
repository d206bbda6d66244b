//! Character sets of web pages: the encoding named by a byte order mark, the
//! HTTP `Content-Type` header or a `<meta>` tag, else a statistical guess,
//! and decoding to UTF-8.

use encoding_rs::{Encoding, UTF_8};

/// How many leading bytes of a page are searched for a `<meta>` charset
/// (the HTML standard's prescan looks at 1024; pages often put it later).
const META_PRESCAN_BYTES: usize = 4096;

/// The `charset` parameter of an HTTP `Content-Type` value
/// (`text/html; charset="ISO-8859-1"` → `ISO-8859-1`).
pub fn charset_from_content_type(value: &str) -> Option<&str> {
    for param in value.split(';').skip(1) {
        let Some((key, val)) = param.split_once('=') else {
            continue;
        };
        if key.trim().eq_ignore_ascii_case("charset") {
            let val = val.trim().trim_matches(['"', '\'']).trim();
            if !val.is_empty() {
                return Some(val);
            }
        }
    }
    None
}

/// Finds ASCII `needle` (lower-case) in `hay`, ignoring ASCII case.
fn find_ci(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| {
        hay.get(i..i + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// The charset a `<meta charset=...>` or `<meta http-equiv="Content-Type"
/// content="...; charset=...">` tag in the head of a page names.
fn charset_from_meta(head: &[u8]) -> Option<&'static Encoding> {
    let mut from = 0;
    while let Some(at) = find_ci(head, b"<meta", from) {
        let end = head[at..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |p| at + p);
        let tag = &head[at..end];
        from = end;
        let Some(c) = find_ci(tag, b"charset", 0) else {
            continue;
        };
        let rest = &tag[c + b"charset".len()..];
        let rest = rest.trim_ascii_start();
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = rest.trim_ascii_start();
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let len = rest
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .unwrap_or(rest.len());
        if let Some(enc) = Encoding::for_label(&rest[..len]) {
            // A page cannot really declare UTF-16 in a tag it could be read in.
            if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                return Some(UTF_8);
            }
            return Some(enc);
        }
    }
    None
}

/// Decodes a web page to UTF-8. The encoding is, in order: the one a byte
/// order mark names; `http_charset` (from the HTTP `Content-Type` header);
/// a `<meta>` charset in the first 4 KiB; UTF-8 when the bytes are valid
/// UTF-8; else a statistical guess. Malformed sequences become U+FFFD, so
/// this never fails. The byte order mark is not part of the result.
pub fn decode_html(bytes: &[u8], http_charset: Option<&str>) -> String {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom..).unwrap_or_default();
        return enc.decode_without_bom_handling(rest).0.into_owned();
    }
    let declared = http_charset
        .and_then(|c| Encoding::for_label(c.trim().as_bytes()))
        .or_else(|| charset_from_meta(bytes.get(..META_PRESCAN_BYTES).unwrap_or(bytes)));
    let encoding = match declared {
        Some(enc) => enc,
        None => match std::str::from_utf8(bytes) {
            Ok(text) => return text.to_owned(),
            Err(_) => {
                let mut detector = chardetng::EncodingDetector::new();
                detector.feed(bytes, true);
                detector.guess(None, true)
            }
        },
    };
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_charset_is_read() {
        assert_eq!(
            charset_from_content_type("text/html; charset=\"ISO-8859-1\""),
            Some("ISO-8859-1")
        );
        assert_eq!(
            charset_from_content_type("text/html;Charset=utf-8"),
            Some("utf-8")
        );
        assert_eq!(charset_from_content_type("text/html"), None);
    }

    #[test]
    fn meta_charset_decides_when_no_header() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9</body>";
        assert!(decode_html(page, None).contains("caf\u{e9}"));
        let page = b"<meta http-equiv=Content-Type content='text/html; charset=iso-8859-15'>\xa4";
        assert!(decode_html(page, None).ends_with('\u{20ac}'));
    }

    #[test]
    fn header_wins_over_meta_and_bom_wins_over_both() {
        let page = b"<meta charset=utf-8><p>caf\xe9</p>";
        assert!(decode_html(page, Some("latin1")).contains("caf\u{e9}"));
        let page = b"\xef\xbb\xbf<meta charset=latin1><p>caf\xc3\xa9</p>";
        let text = decode_html(page, Some("latin1"));
        assert!(text.starts_with("<meta") && text.contains("caf\u{e9}"));
    }

    #[test]
    fn undeclared_pages_are_utf8_or_guessed() {
        assert_eq!(
            decode_html("<p>Zürich</p>".as_bytes(), None),
            "<p>Zürich</p>"
        );
        let guessed = decode_html(b"<p>Z\xfcrich und M\xfcnchen sind gr\xf6\xdfer</p>", None);
        assert!(guessed.contains("Z\u{fc}rich"), "{guessed}");
    }
}
