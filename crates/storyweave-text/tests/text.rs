//! Property tests of the text primitives: offset maps, idempotent
//! normalization, sentence ranges, word tokens and publication dates on
//! arbitrary input.

use proptest::prelude::*;
use storyweave_text::{Date, normalize_inline, parse_published, split_sentences, words};

/// Strings built from the characters normalization treats specially, so the
/// interesting interactions (markdown next to quotes next to spaces) happen.
fn tricky() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "b",
        "Z",
        "s",
        "n",
        "t",
        "1",
        "5",
        " ",
        "  ",
        "\n",
        "\t",
        ".",
        ",",
        ";",
        "!",
        "?",
        "(",
        ")",
        "[",
        "]",
        "![",
        "](",
        "<",
        ">",
        "<https://x.io/a_b>",
        "https://y.org",
        "www.z.com",
        "*",
        "**",
        "_",
        "__",
        "`",
        "``",
        "'",
        "''",
        "\"",
        "#",
        "# ",
        "> ",
        "$",
        "%",
        "-",
        "\u{2013}",
        "\u{2014}",
        "\u{2018}",
        "\u{2019}",
        "\u{201C}",
        "\u{201D}",
        "\u{A0}",
        "\u{2009}",
        "\u{200B}",
        "\u{AD}",
        "\u{301}",
        "e\u{301}",
        "\u{E9}",
        "\u{2026}",
        "\u{1FEF}",
        "\u{37E}",
        "\u{212B}",
        "n't",
        " 's",
        "(AFP)",
        "\u{FF02}",
        "\u{1100}\u{1161}",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

fn check_normalize(s: &str, base: usize) -> Result<(), TestCaseError> {
    let m = normalize_inline(s, base);
    prop_assert_eq!(m.offsets.len(), m.text.len() + 1);
    let mut prev = base;
    for &o in &m.offsets {
        prop_assert!(o >= prev, "offsets decrease: {:?}", m.offsets);
        prop_assert!(o <= base + s.len());
        prev = o;
    }
    prop_assert!(!m.text.contains("  "), "double space in {:?}", m.text);
    prop_assert_eq!(m.text.trim(), m.text.as_str());
    let again = normalize_inline(&m.text, 0).text;
    prop_assert_eq!(&again, &m.text, "not idempotent on {:?}", s);
    for r in split_sentences(&m.text) {
        let sr = m.source_range(r);
        prop_assert!(sr.start <= sr.end && sr.end <= base + s.len());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn normalize_invariants_arbitrary(s in any::<String>(), base in 0usize..1000) {
        check_normalize(&s, base)?;
    }

    #[test]
    fn normalize_invariants_tricky(s in tricky(), base in 0usize..1000) {
        check_normalize(&s, base)?;
    }

    #[test]
    fn sentences_are_ordered_char_aligned(s in prop_oneof![any::<String>(), tricky()]) {
        let mut last_end = 0;
        for r in split_sentences(&s) {
            prop_assert!(r.start >= last_end && r.start < r.end && r.end <= s.len());
            prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
            last_end = r.end;
        }
    }

    #[test]
    fn published_dates_read_back_from_every_machine_form(
        days in 7305i64..47482, // 1990-01-01 to 2099-12-31
        second in 0i64..86_400,
    ) {
        let d = Date::from_days_since_epoch(days);
        let unix = days * 86_400 + second;
        let (y, m, dd) = (d.year, d.month, d.day);
        for form in [
            unix.to_string(),
            (unix * 1000 + 999).to_string(),
            format!("{unix}.5"),
            format!("{y:04}{m:02}{dd:02}"),
            format!("{dd}.{m}.{y}"),
            format!("{dd:02}.{m:02}.{y} 23:59"),
            format!("{m}/{dd}/{y}"),
            format!("{y:04}-{m:02}-{dd:02}T10:00:00Z"),
        ] {
            prop_assert_eq!(parse_published(&form), Some(d), "{}", form);
        }
    }

    #[test]
    fn published_fields_never_panic(s in prop_oneof![any::<String>(), "[0-9./ T:-]{0,16}"]) {
        let _ = parse_published(&s);
    }

    #[test]
    fn words_are_nonempty_slices(s in prop_oneof![any::<String>(), tricky()]) {
        let mut last = 0;
        for w in words(&s) {
            prop_assert!(!w.text.is_empty() && w.start >= last);
            prop_assert_eq!(&s[w.start..w.start + w.text.len()], w.text);
            last = w.start + w.text.len();
        }
    }
}

#[test]
fn regression_sample_artifacts_repaired() {
    let src = "Pyongyang, North Korea - Russia 's President met Donald Trump , Pyongyang's state media reported Wednesday.";
    let m = normalize_inline(src, 0);
    assert_eq!(
        m.text,
        "Pyongyang, North Korea - Russia's President met Donald Trump, Pyongyang's state media reported Wednesday."
    );
}

#[test]
fn regression_markdown_byline_and_teaser() {
    assert_eq!(normalize_inline("By [AFP](#)", 0).text, "By AFP");
    assert_eq!(
        normalize_inline("**Related article: [Zelensky Says U.S. Summit in Alaska a 'Personal Victory' for Putin](#)**", 0).text,
        "Related article: Zelensky Says U.S. Summit in Alaska a 'Personal Victory' for Putin"
    );
}

#[test]
fn regression_link_start_offset_never_decreases() {
    // A space emitted inside link text once made the next offset go back to `[`.
    let m = normalize_inline("\u{301}[ <]()", 0);
    assert!(
        m.offsets.windows(2).all(|w| w[0] <= w[1]),
        "{:?}",
        m.offsets
    );
}

#[test]
fn regression_autolink_inside_angle_brackets_is_stable() {
    let once = normalize_inline("<<https://x.io/a_b>a>", 0).text;
    assert_eq!(once, "https://x.io/a_ba");
    assert_eq!(normalize_inline(&once, 0).text, once);
}
