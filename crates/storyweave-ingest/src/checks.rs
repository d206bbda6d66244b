//! Content checks shared by every format: byte order marks, binary content
//! and UTF-8 validity.

/// How many leading bytes are looked at to decide whether content is binary.
pub(crate) const SNIFF_BYTES: usize = 8 * 1024;

/// The UTF-8 byte order mark, stripped when a file or stream starts with it.
pub(crate) const UTF8_BOM: [u8; 3] = [0xef, 0xbb, 0xbf];

/// Why content was judged unreadable as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NotText {
    /// NUL bytes or mostly control characters.
    Binary(String),
    /// A UTF-16 byte order mark: text, but not in UTF-8.
    Utf16(String),
}

/// Whether a control byte counts against text (tab, newline, carriage
/// return and form feed are ordinary in text).
fn is_suspicious_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f
}

/// Looks at the first bytes of some content (at most [`SNIFF_BYTES`] are
/// examined) and says whether it is not text: a UTF-16 byte order mark, a NUL
/// byte, or more than 30% control characters.
pub(crate) fn sniff_not_text(head: &[u8]) -> Option<NotText> {
    let sample = head.get(..SNIFF_BYTES).unwrap_or(head);
    if sample.starts_with(&[0xff, 0xfe]) || sample.starts_with(&[0xfe, 0xff]) {
        let order = if sample.starts_with(&[0xff, 0xfe]) {
            "little"
        } else {
            "big"
        };
        return Some(NotText::Utf16(format!(
            "the content is UTF-16 ({order}-endian byte order mark), not UTF-8; convert it to UTF-8"
        )));
    }
    if let Some(at) = sample.iter().position(|&b| b == 0) {
        return Some(NotText::Binary(format!(
            "binary content (NUL byte at byte {at})"
        )));
    }
    let controls = sample.iter().filter(|&&b| is_suspicious_control(b)).count();
    // More than 30%, in integers: controls / len > 3 / 10.
    if !sample.is_empty() && controls * 10 > sample.len() * 3 {
        return Some(NotText::Binary(format!(
            "binary content ({controls} control bytes in the first {} bytes)",
            sample.len()
        )));
    }
    None
}

/// Describes a UTF-8 error at `offset` bytes into the content, naming the
/// offending byte.
pub(crate) fn utf8_message(bytes: &[u8], valid_up_to: usize, offset: u64) -> String {
    match bytes.get(valid_up_to) {
        Some(b) => format!("invalid UTF-8 at byte {offset} (byte 0x{b:02x})"),
        None => format!("invalid UTF-8 at byte {offset} (sequence cut short)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_text() {
        assert_eq!(sniff_not_text(b"Hello,\tworld\r\n\x0cnext page"), None);
        assert_eq!(sniff_not_text("Größe — 日本".as_bytes()), None);
        assert_eq!(sniff_not_text(b""), None);
    }

    #[test]
    fn nul_byte_is_binary_with_its_offset() {
        match sniff_not_text(b"abc\0def") {
            Some(NotText::Binary(m)) => assert!(m.contains("byte 3"), "{m}"),
            other => panic!("expected binary, got {other:?}"),
        }
    }

    #[test]
    fn nul_after_the_sniffed_prefix_is_not_looked_at() {
        let mut data = vec![b'a'; SNIFF_BYTES];
        data.push(0);
        assert_eq!(sniff_not_text(&data), None);
    }

    #[test]
    fn mostly_control_bytes_is_binary() {
        let data = [0x01u8, 0x02, 0x03, b'a', b'b', b'c', b'd', 0x1b, b'e', b'f'];
        assert!(matches!(sniff_not_text(&data), Some(NotText::Binary(_))));
        // Exactly 30% is still text.
        let data = [0x01u8, 0x02, 0x03, b'a', b'b', b'c', b'd', b'e', b'f', b'g'];
        assert_eq!(sniff_not_text(&data), None);
    }

    #[test]
    fn utf16_bom_is_named() {
        assert!(matches!(
            sniff_not_text(&[0xff, 0xfe, b'a', 0]),
            Some(NotText::Utf16(_))
        ));
        assert!(matches!(
            sniff_not_text(&[0xfe, 0xff, 0, b'a']),
            Some(NotText::Utf16(_))
        ));
    }
}
