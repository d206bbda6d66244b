//! Word helpers used to compare sentences: function words, number words,
//! date words, negations (all from the pipeline's one lexicon,
//! [`storyweave_text::lexicon`]), compass words, word shapes and a spelling
//! key that folds British and American spellings together.

use storyweave_text::lexicon;
use storyweave_text::{NumberStyle, write_number};

pub(crate) use storyweave_text::edit_distance;
pub(crate) use storyweave_text::lexicon::{is_article, is_date_word, is_edge_word, is_negation};

/// Whether `word` is a function word: the lexicon's English stopwords,
/// the same list the story level leaves out.
pub(crate) fn is_stopword(word: &str) -> bool {
    lexicon::is_english_stopword(word)
}

/// Whether `word` is a compass direction (the lexicon's one list).
pub(crate) fn is_direction(word: &str) -> bool {
    lexicon::is_compass_word(word)
}

/// Whether `word` starts with an uppercase letter.
pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether `word` is written in capitals only (`KCNA`, `AFP`), two letters or more.
pub(crate) fn is_acronym(word: &str) -> bool {
    let mut letters = 0usize;
    for c in word.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

/// Numeric value of a word written in digits (`1,400`, `8.5`, `2024`) or as a
/// number word (`sixty`, `twenty-five`), in a canonical spelling so that
/// `60` and `sixty` compare equal. `None` for anything else. Figures are
/// read by the pipeline's one reading (`storyweave_text::numbers`) in the
/// English style, since a word is compared here without its language:
/// `2.300` is 2.3 and `2,300` is 2300, as in the facts and story stages.
pub(crate) fn number_value(word: &str) -> Option<String> {
    let first = word.chars().next()?;
    if first.is_ascii_digit() {
        let mut s = String::new();
        return write_number(word, NumberStyle::PointDecimal, &mut s).then_some(s);
    }
    lexicon::number_word_value(word).map(|v| v.to_string())
}

/// Whether a number word is a plausible calendar year (`2024`).
pub(crate) fn is_year(word: &str) -> bool {
    word.len() == 4
        && word.bytes().all(|b| b.is_ascii_digit())
        && matches!(word.parse::<u32>(), Ok(1800..=2100))
}

/// Writes into `out` the spelling key of `word`: lower case with British and
/// American spellings folded together (`harbour`/`harbor`, `defence`/`defense`,
/// `fertiliser`/`fertilizer`, `kilometres`/`kilometers`, `smouldering`/
/// `smoldering`, `travelled`/`traveled`) and a possessive `'s` dropped.
pub(crate) fn spelling_key(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        match c {
            '\u{2019}' => out.push('\''),
            'z' | 'Z' => out.push('s'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    if out.ends_with("'s") {
        out.truncate(out.len() - 2);
    }
    replace_in_place(out, "our", "or");
    replace_in_place(out, "oulder", "older");
    replace_in_place(out, "elled", "eled");
    replace_in_place(out, "elling", "eling");
    for (from, to) in [
        ("ences", "enses"),
        ("ence", "ense"),
        ("tres", "ters"),
        ("tre", "ter"),
        ("ogue", "og"),
        ("mme", "m"),
    ] {
        if out.ends_with(from) && out.len() > from.len() + 1 {
            out.truncate(out.len() - from.len());
            out.push_str(to);
            break;
        }
    }
}

/// Replaces every occurrence of `from` in `s` by the shorter-or-equal `to`.
fn replace_in_place(s: &mut String, from: &str, to: &str) {
    if s.contains(from) {
        *s = s.replace(from, to);
    }
}

/// Whether two different words are spellings of one word: equal ignoring
/// case, equal spelling keys, or a small edit distance for longer words.
/// Numbers, and words starting with a digit (`12,34`, `100km`), are never
/// spelling variants of each other.
pub(crate) fn same_spelling(a: &str, b: &str, buf_a: &mut String, buf_b: &mut String) -> bool {
    let digits = |w: &str| w.starts_with(|c: char| c.is_ascii_digit());
    if digits(a) || digits(b) || number_value(a).is_some() || number_value(b).is_some() {
        return false;
    }
    spelling_key(a, buf_a);
    spelling_key(b, buf_b);
    if buf_a == buf_b {
        return true;
    }
    // Days, months and compass words differ by a letter or two yet mean
    // something else entirely.
    if is_direction(a) || is_direction(b) || is_date_word(a) || is_date_word(b) {
        return false;
    }
    let short = buf_a.chars().count().min(buf_b.chars().count());
    let cap = match short {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    };
    cap > 0 && edit_distance(buf_a, buf_b, cap) <= cap
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(w: &str) -> String {
        let mut s = String::new();
        spelling_key(w, &mut s);
        s
    }

    #[test]
    fn spelling_keys_fold_uk_and_us() {
        for (uk, us) in [
            ("harbour", "harbor"),
            ("defence", "defense"),
            ("fertiliser", "fertilizer"),
            ("kilometres", "kilometers"),
            ("smouldering", "smoldering"),
            ("neighbouring", "neighboring"),
            ("travelled", "traveled"),
            ("Korea's", "korea"),
        ] {
            assert_eq!(key(uk), key(us), "{uk} / {us}");
        }
        assert_ne!(key("northern"), key("southern"));
    }

    #[test]
    fn numbers_have_canonical_values() {
        assert_eq!(number_value("1,400").as_deref(), Some("1400"));
        assert_eq!(number_value("sixty").as_deref(), Some("60"));
        assert_eq!(number_value("Sixty").as_deref(), Some("60"));
        assert_eq!(number_value("twenty-five").as_deref(), Some("25"));
        assert_eq!(number_value("8.50").as_deref(), Some("8.5"));
        assert_eq!(number_value("2.300").as_deref(), Some("2.3"));
        assert_eq!(number_value("two-hundred").as_deref(), Some("200"));
        assert_eq!(number_value("12,34"), None);
        assert_eq!(number_value("thousands"), None);
        assert_eq!(number_value("3G"), None);
        assert!(is_year("2024") && !is_year("1,400") && !is_year("9999"));
    }

    #[test]
    fn spelling_needs_small_distance_on_long_words() {
        let (mut a, mut b) = (String::new(), String::new());
        assert!(same_spelling("pajamas", "pyjamas", &mut a, &mut b));
        assert!(same_spelling("Defence", "defense", &mut a, &mut b));
        assert!(!same_spelling("signed", "signing", &mut a, &mut b));
        assert!(!same_spelling("in", "on", &mut a, &mut b));
        assert!(!same_spelling("60", "61", &mut a, &mut b));
        assert!(!same_spelling("northern", "southern", &mut a, &mut b));
        assert!(!same_spelling(
            "northeastern",
            "southeastern",
            &mut a,
            &mut b
        ));
    }

    #[test]
    fn negations_and_shapes() {
        assert!(is_negation("didn't") && is_negation("Never") && !is_negation("note"));
        assert!(is_acronym("KCNA") && is_acronym("U.S.") && !is_acronym("Kim") && !is_acronym("I"));
        assert!(is_capitalised("Ünal") && !is_capitalised("kim"));
        assert_eq!(edit_distance("kitten", "sitting", 5), 3);
        assert_eq!(edit_distance("kitten", "sitting", 1), 2);
    }
}
