//! Sentence splitting that knows abbreviations and quotations.
//!
//! Works on normalized text (straight quotes, single spaces). A sentence ends
//! at `.`, `!` or `?` (runs such as `?!` or `...` count as one), together with
//! any closing quotes or brackets right after it, when the next word starts a
//! new sentence (capital letter, digit, opening quote or bracket).

use std::ops::Range;

/// Abbreviations of titles and ranks: a period after them never ends a sentence.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Sen", "Rep", "Gov", "St", "Sgt", "Capt",
    "Maj", "Rev", "Hon", "Pres", "Supt", "Adm", "Cmdr", "Gens", "Reps", "Sens", "Messrs", "Mt",
    "Ft", "Brig", "Cpl", "Pvt", "Amb",
];

/// Other abbreviations: a period after them ends a sentence only when a
/// common sentence starter follows (`... in the U.S. The ...`). Month
/// abbreviations (`Jan`, `Sept`) count too; they come from the lexicon.
const ABBREVIATIONS: &[&str] = &[
    "Jr", "Sr", "vs", "etc", "approx", "Inc", "Ltd", "Co", "Corp", "Bros", "Ave", "Blvd", "Rd",
    "est", "Fig", "fig", "al", "cf", "Vol", "vol", "pp", "Dept", "Univ", "Assn",
];

/// A capitalised month abbreviation (`Jan`, `Sept`; not `May`, a name).
fn is_month_abbreviation(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_uppercase())
        && crate::lexicon::month_abbreviation(word).is_some()
}

/// Capitalised words that usually begin a sentence.
const STARTERS: &[&str] = &[
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "On",
    "At",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Meanwhile",
    "However",
    "Also",
    "So",
    "Yet",
    "Some",
    "Many",
    "Most",
    "According",
    "Earlier",
    "Later",
    "Last",
    "Since",
    "Both",
    "For",
    "Now",
    "Officials",
    "Under",
];

/// Splits `text` into sentences, returning byte ranges into `text` (trimmed of
/// surrounding whitespace). Never splits after abbreviations such as `U.S.`,
/// `Mr.` or `Jan.`, nor inside a quotation that has not closed.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let n = b.len();
    let mut out = Vec::new();
    // With an odd number of `"` the quote state cannot be trusted: ignore it.
    let track_quotes = b.iter().filter(|&&c| c == b'"').count() % 2 == 0;
    let mut in_quote = false;
    let mut start = 0usize;
    let mut i = 0usize;
    while i < n {
        let c = b[i];
        if c == b'"' {
            in_quote = !in_quote;
            i += 1;
            continue;
        }
        if !matches!(c, b'.' | b'!' | b'?') {
            i += 1;
            continue;
        }
        // The terminal run and what closes with it.
        let mut j = i;
        while j < n && matches!(b[j], b'.' | b'!' | b'?') {
            j += 1;
        }
        let mut quote_after = in_quote;
        while j < n && matches!(b[j], b'"' | b'\'' | b')' | b']') {
            if b[j] == b'"' {
                quote_after = !quote_after;
            }
            j += 1;
        }
        let ends = j >= n || (b[j] == b' ' && starts_sentence(&text[j + 1..]));
        let ok = ends
            && !(track_quotes && quote_after)
            && !(j - i == 1 && b[i] == b'.' && j < n && abbreviation_blocks(text, i, j));
        if ok {
            push_trimmed(text, start, j, &mut out);
            start = j;
        }
        in_quote = quote_after;
        i = j;
    }
    push_trimmed(text, start, n, &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let seg = &text[start..end];
    let lead = seg.len() - seg.trim_start().len();
    let trail = seg.len() - seg.trim_end().len();
    if lead + trail < seg.len() {
        out.push(start + lead..end - trail);
    }
}

/// Whether the text after a candidate end begins like a new sentence.
fn starts_sentence(rest: &str) -> bool {
    match rest.chars().next() {
        Some(c) => {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(c, '"' | '\'' | '(' | '[' | '-')
                || (c.is_alphabetic() && !c.is_lowercase())
        }
        None => true,
    }
}

/// Whether the single period at `dot` (with the sentence going on at `after`)
/// belongs to an abbreviation that keeps the sentence open.
fn abbreviation_blocks(text: &str, dot: usize, after: usize) -> bool {
    let before = &text[..dot];
    let word_start = before.rfind([' ', '(', '"', '\'']).map_or(0, |p| p + 1);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let next = text.get(after + 1..).unwrap_or("");
    if word == "No" || word == "Nos" {
        // `No. 5` is a number; `... said No. Then` is a word.
        return next.starts_with(|c: char| c.is_ascii_digit());
    }
    // `May. 3`, `MAR. 14`: a month before its day.
    if next.starts_with(|c: char| c.is_ascii_digit())
        && crate::lexicon::month_number(word).is_some()
    {
        return true;
    }
    let title = TITLES.contains(&word);
    let initials = is_initials(word);
    let abbrev = initials
        || ABBREVIATIONS.contains(&word)
        || is_month_abbreviation(word)
        || word.eq_ignore_ascii_case("e.g")
        || word.eq_ignore_ascii_case("i.e");
    if title {
        return true;
    }
    if !abbrev {
        return false;
    }
    // A sentence starter after the abbreviation means it did end the sentence.
    let next_word: &str = next
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    !STARTERS.contains(&next_word)
}

/// `J`, `U.S`, `U.N`, `a.m` — single letters joined by periods (the final
/// period is not part of `word`).
fn is_initials(word: &str) -> bool {
    let mut letters = 0;
    for part in word.split('.') {
        let mut cs = part.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) if c.is_alphabetic() => letters += 1,
            _ => return false,
        }
    }
    letters >= 1
        && word
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || word.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        split_sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn splits_simple() {
        assert_eq!(
            split("One. Two! Three? Four"),
            ["One.", "Two!", "Three?", "Four"]
        );
        assert!(split("  ").is_empty());
    }

    #[test]
    fn abbreviations_do_not_end() {
        assert_eq!(
            split("Mr. Smith met Dr. Jones in Jan. 2024 with J. R. Tolkien. Done."),
            [
                "Mr. Smith met Dr. Jones in Jan. 2024 with J. R. Tolkien.",
                "Done."
            ]
        );
        assert_eq!(
            split("The U.S. President spoke. Then"),
            ["The U.S. President spoke.", "Then"]
        );
        assert_eq!(
            split("It is 3.5 times larger. Yes."),
            ["It is 3.5 times larger.", "Yes."]
        );
    }

    #[test]
    fn a_month_before_its_day_does_not_end() {
        let t = "Fri., May. 3, 2013 11: 45 AM PDT Early Friday, she left. MAR. 14, 2013 was cold.";
        let got: Vec<&str> = split_sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            got,
            vec![
                "Fri., May. 3, 2013 11: 45 AM PDT Early Friday, she left.",
                "MAR. 14, 2013 was cold."
            ]
        );
    }

    #[test]
    fn abbreviation_before_starter_ends() {
        assert_eq!(
            split("He flew to the U.S. The talks began."),
            ["He flew to the U.S.", "The talks began."]
        );
    }

    #[test]
    fn quotes() {
        assert_eq!(
            split("He said \"I came. I saw.\" Then he left."),
            ["He said \"I came. I saw.\"", "Then he left."]
        );
        assert_eq!(split("\"Go!\" She ran."), ["\"Go!\"", "She ran."]);
        // Unbalanced quote: falls back to plain splitting.
        assert_eq!(
            split("He said \"yes. No. Maybe."),
            ["He said \"yes.", "No.", "Maybe."]
        );
    }

    #[test]
    fn lowercase_continuation_does_not_split() {
        assert_eq!(split("He left etc. and more."), ["He left etc. and more."]);
    }
}
