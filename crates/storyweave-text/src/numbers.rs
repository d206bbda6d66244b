//! Figures written in digits, read one way by every stage.
//!
//! A figure is a run of digits with at most two kinds of mark inside: one
//! that groups thousands and one that starts the decimals. Which mark is
//! which depends on the language: English writes `2,300.5`, German,
//! Spanish, French, Italian, Dutch and Portuguese write `2.300,5`. So
//! `2.300` is two point three in an English text and two thousand three
//! hundred in a German one, and `2,300` the other way round.
//!
//! **The rule.** A figure is read in the style of its text's language
//! ([`NumberStyle::for_language`]); when the language is unknown, or not
//! available where the figure is read, it is read the English way
//! ([`NumberStyle::default`]). In either style a grouping mark must
//! split the integer part into groups of exactly three digits after a
//! first group of one to three (`2,300`, `12,345,678`), and the decimal
//! mark may appear once, after every grouping mark, with digits on both
//! sides. Anything else (`20,1` or `1.234.567` in English, `3:15`, `1.2.3`)
//! is not a figure: callers treat it as an ordinary word.
//!
//! Today the cluster stage reads figures in their article's language; the
//! facts and align stages read words one at a time without it and use
//! the English reading.

/// How a language writes the marks inside a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumberStyle {
    /// `2,300.5`: commas group thousands, a point starts the decimals
    /// (English, and the reading when the language is unknown).
    #[default]
    PointDecimal,
    /// `2.300,5`: points group thousands, a comma starts the decimals
    /// (German, Spanish, French, Italian, Dutch, Portuguese).
    CommaDecimal,
}

impl NumberStyle {
    /// The style of a language given by its ISO 639-1 code or a tag that
    /// starts with one (`de`, `es-ES`); English style for any other
    /// language and for `None`.
    pub fn for_language(language: Option<&str>) -> NumberStyle {
        let Some(tag) = language else {
            return NumberStyle::PointDecimal;
        };
        let (Some(code), Some(rest)) = (tag.get(..2), tag.get(2..)) else {
            return NumberStyle::PointDecimal;
        };
        let whole = rest.is_empty() || rest.starts_with(['-', '_']);
        let comma = ["de", "es", "fr", "it", "nl", "pt"]
            .iter()
            .any(|c| c.eq_ignore_ascii_case(code));
        if whole && comma {
            NumberStyle::CommaDecimal
        } else {
            NumberStyle::PointDecimal
        }
    }

    /// The grouping mark and the decimal mark, in that order.
    fn marks(self) -> (u8, u8) {
        match self {
            NumberStyle::PointDecimal => (b',', b'.'),
            NumberStyle::CommaDecimal => (b'.', b','),
        }
    }
}

/// Writes into `out` the canonical form of the figure `text` read in
/// `style` — digits without grouping marks or leading zeros, and a `.`
/// before the decimals when there are any besides trailing zeros
/// (`2,300` → `2300`, `2.300` → `2.3` in English style, `007` → `7`) —
/// and returns whether `text` is a figure at all (see the module
/// documentation). `out` is cleared first, and left empty when it is not.
/// Equal forms mean equal values, so this serves as a comparison key.
pub fn write_number(text: &str, style: NumberStyle, out: &mut String) -> bool {
    out.clear();
    let ok = write_canonical(text.as_bytes(), style, out);
    if !ok {
        out.clear();
    }
    ok
}

/// [`write_number`] in one pass over the bytes, checking and writing as it
/// goes (the story level keys every figure of every article); `false` as
/// soon as `b` is not a figure, with `out` then left half written.
fn write_canonical(b: &[u8], style: NumberStyle, out: &mut String) -> bool {
    let (group, decimal) = style.marks();
    if !b.first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    // Digits in the current run, whether a grouping mark was seen, and
    // whether the decimals have started.
    let (mut run, mut grouped, mut decimals) = (0usize, false, false);
    for &c in b {
        if c.is_ascii_digit() {
            run += 1;
            if decimals || c != b'0' || !out.is_empty() {
                out.push(char::from(c));
            }
        } else if decimals || run == 0 {
            return false;
        } else if c == group {
            if run > 3 || (grouped && run != 3) {
                return false;
            }
            grouped = true;
            run = 0;
        } else if c == decimal {
            if grouped && run != 3 {
                return false;
            }
            if out.is_empty() {
                out.push('0');
            }
            out.push('.');
            decimals = true;
            run = 0;
        } else {
            return false;
        }
    }
    if run == 0 || (grouped && !decimals && run != 3) {
        return false;
    }
    if decimals {
        let kept = out.trim_end_matches('0').trim_end_matches('.').len();
        out.truncate(kept);
    } else if out.is_empty() {
        out.push('0');
    }
    true
}

/// The value of the figure `text` read in `style` (see the module
/// documentation), or `None` when it is not one.
pub fn parse_number(text: &str, style: NumberStyle) -> Option<f64> {
    let mut canonical = String::with_capacity(text.len());
    if !write_number(text, style, &mut canonical) {
        return None;
    }
    canonical.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(text: &str, style: NumberStyle) -> Option<String> {
        let mut out = String::from("stale");
        let ok = write_number(text, style, &mut out);
        assert_eq!(ok, !out.is_empty(), "{text}");
        ok.then_some(out)
    }

    #[test]
    fn english_style_groups_with_commas() {
        let en = NumberStyle::PointDecimal;
        for (text, want) in [
            ("2,300", "2300"),
            ("2.300", "2.3"),
            ("12,345,678.50", "12345678.5"),
            ("1,400", "1400"),
            ("8.50", "8.5"),
            ("007", "7"),
            ("0", "0"),
            ("000.0", "0"),
            ("0.05", "0.05"),
            ("2024", "2024"),
        ] {
            assert_eq!(canonical(text, en).as_deref(), Some(want), "{text}");
        }
        assert_eq!(parse_number("2.300", en), Some(2.3));
        assert_eq!(parse_number("2,300", en), Some(2300.0));
    }

    #[test]
    fn continental_style_groups_with_points() {
        let de = NumberStyle::CommaDecimal;
        assert_eq!(canonical("2.300", de).as_deref(), Some("2300"));
        assert_eq!(canonical("2,300", de).as_deref(), Some("2.3"));
        assert_eq!(canonical("1.234.567,80", de).as_deref(), Some("1234567.8"));
        assert_eq!(canonical("20,1", de).as_deref(), Some("20.1"));
        assert_eq!(parse_number("2.300", de), Some(2300.0));
    }

    #[test]
    fn malformed_figures_are_not_read() {
        let en = NumberStyle::PointDecimal;
        for text in [
            "",
            "20,1",
            "1,2345",
            "1234,567",
            "1.2.3",
            "1.234.567",
            "2.",
            "3:15",
            ".5",
            "2,300.",
            "1,000.5,5",
            "4-year",
            "3G",
            "x1",
        ] {
            assert_eq!(canonical(text, en), None, "{text}");
        }
    }

    /// `n` written with `group` between groups of three digits.
    fn grouped(n: u64, group: char) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(group);
            }
            out.push(c);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn grouped_figures_read_back_in_both_styles(n: u64, frac in 0u32..1000) {
            let cents = format!("{frac:03}");
            let kept = cents.trim_end_matches('0');
            let want = if kept.is_empty() {
                n.to_string()
            } else {
                format!("{n}.{kept}")
            };
            let en = format!("{}.{cents}", grouped(n, ','));
            let de = format!("{},{cents}", grouped(n, '.'));
            proptest::prop_assert_eq!(canonical(&en, NumberStyle::PointDecimal), Some(want.clone()));
            proptest::prop_assert_eq!(canonical(&de, NumberStyle::CommaDecimal), Some(want));
            proptest::prop_assert_eq!(
                canonical(&n.to_string(), NumberStyle::PointDecimal),
                Some(n.to_string())
            );
        }
    }

    #[test]
    fn style_follows_the_language() {
        for tag in ["de", "es", "FR", "it", "nl", "pt-BR", "de_AT"] {
            assert_eq!(
                NumberStyle::for_language(Some(tag)),
                NumberStyle::CommaDecimal,
                "{tag}"
            );
        }
        for tag in [
            None,
            Some("en"),
            Some("en-GB"),
            Some("ja"),
            Some("des"),
            Some(""),
            Some("d\u{e9}"),
        ] {
            assert_eq!(
                NumberStyle::for_language(tag),
                NumberStyle::PointDecimal,
                "{tag:?}"
            );
        }
    }
}
