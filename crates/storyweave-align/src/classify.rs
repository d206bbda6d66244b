//! What a difference between two readings of a passage is: its class
//! (punctuation, spelling, number, entity, addition, omission, wording),
//! whether it is a discrepancy, and the readings to show for it.

use std::collections::HashMap;
use std::ops::Range;

use storyweave_text::words;

use crate::diff::Hunk;
use crate::lexicon::{
    is_acronym, is_article, is_capitalised, is_date_word, is_direction, is_edge_word, is_negation,
    is_stopword, is_year, number_value, same_spelling, spelling_key,
};
use crate::{DiscrepancyKind, VariantClass};

/// Story-wide word knowledge: an interned id per spelling key, and whether
/// the word was ever written in lower case in the story — a capitalised word
/// that never is (`Kursk`, `Eikeland`) is taken for a name.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    ids: HashMap<String, u32>,
    lower_seen: Vec<bool>,
    /// Scratch buffers, reused so that looking words up does not allocate.
    buf: String,
    buf2: String,
}

impl Vocabulary {
    /// Interns the spelling key of `word` and records its case; returns its id.
    pub(crate) fn add(&mut self, word: &str) -> u32 {
        spelling_key(word, &mut self.buf);
        let id = match self.ids.get(self.buf.as_str()) {
            Some(&id) => id,
            None => {
                let id = u32::try_from(self.lower_seen.len()).unwrap_or(u32::MAX);
                self.ids.insert(self.buf.clone(), id);
                self.lower_seen.push(false);
                id
            }
        };
        if word.chars().next().is_some_and(char::is_lowercase)
            && let Some(seen) = self.lower_seen.get_mut(id as usize)
        {
            *seen = true;
        }
        id
    }

    /// Id of the spelling key of `word`, when the word was seen.
    pub(crate) fn id(&mut self, word: &str) -> Option<u32> {
        spelling_key(word, &mut self.buf);
        self.ids.get(self.buf.as_str()).copied()
    }

    /// Id of a canonical number value (`#1400`), interned on first use.
    pub(crate) fn number_id(&mut self, value: &str) -> u32 {
        self.buf.clear();
        self.buf.push('#');
        self.buf.push_str(value);
        if let Some(&id) = self.ids.get(self.buf.as_str()) {
            return id;
        }
        let id = u32::try_from(self.lower_seen.len()).unwrap_or(u32::MAX);
        self.ids.insert(self.buf.clone(), id);
        self.lower_seen.push(false);
        id
    }

    /// Whether `word` looks like (part of) a name: capitalised, not a
    /// function word, and an acronym or never written in lower case here.
    pub(crate) fn is_name(&mut self, word: &str) -> bool {
        if !is_capitalised(word) || is_stopword(word) || number_value(word).is_some() {
            return false;
        }
        if is_acronym(word) {
            return true;
        }
        match self.id(word) {
            Some(id) => !self.lower_seen.get(id as usize).copied().unwrap_or(false),
            None => true,
        }
    }

    /// Whether two words are spellings of one word.
    fn same_spelling(&mut self, a: &str, b: &str) -> bool {
        same_spelling(a, b, &mut self.buf, &mut self.buf2)
    }

    /// Whether name `name` is matched by some word of `text`: same spelling
    /// key, or a shared start of four letters or more (`Korea's`/`Korean`,
    /// `Norway`/`Norwegian`).
    fn name_in(&mut self, name: &str, text: &str) -> bool {
        spelling_key(name, &mut self.buf);
        for w in words(text) {
            spelling_key(w.text, &mut self.buf2);
            if self.buf == self.buf2 {
                return true;
            }
            let shared = self
                .buf
                .chars()
                .zip(self.buf2.chars())
                .take_while(|(a, b)| a == b)
                .count();
            if shared >= 4 && is_capitalised(w.text) {
                return true;
            }
        }
        false
    }
}

/// The alphanumeric characters of `text`, optionally lower-cased, compared.
fn alnum_eq(a: &str, b: &str, fold_case: bool) -> bool {
    let fa = a.chars().filter(|c| c.is_alphanumeric());
    let fb = b.chars().filter(|c| c.is_alphanumeric());
    if fold_case {
        fa.flat_map(char::to_lowercase)
            .eq(fb.flat_map(char::to_lowercase))
    } else {
        fa.eq(fb)
    }
}

/// Whether every word of `small` occurs (ignoring case) among `big`.
fn subset(small: &[&str], big: &[&str]) -> bool {
    small.iter().all(|s| big.iter().any(|b| eq_fold(b, s)))
}

/// Whether two words are equal ignoring case.
fn eq_fold(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// Sorted canonical number values of `ws`.
fn numbers(ws: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = ws.iter().filter_map(|w| number_value(w)).collect();
    v.sort_unstable();
    v
}

/// The two sides of a hunk, as text and as words.
pub(crate) struct Sides<'a> {
    base: &'a str,
    var: &'a str,
    bw: Vec<&'a str>,
    vw: Vec<&'a str>,
}

impl<'a> Sides<'a> {
    /// Cuts the hunk `h` out of the two sentences.
    pub(crate) fn new(base: &'a str, var: &'a str, h: &Hunk) -> Sides<'a> {
        let bt = base.get(h.base.clone()).unwrap_or("");
        let vt = var.get(h.var.clone()).unwrap_or("");
        Sides {
            base: bt,
            var: vt,
            bw: words(bt).map(|w| w.text).collect(),
            vw: words(vt).map(|w| w.text).collect(),
        }
    }
}

/// Names (and compass words) of one side of a hunk that the other sentence lacks.
fn unmatched_names<'a>(vocab: &mut Vocabulary, side: &[&'a str], other: &str) -> Vec<&'a str> {
    side.iter()
        .copied()
        .filter(|w| (vocab.is_name(w) || is_direction(w)) && !vocab.name_in(w, other))
        .collect()
}

/// Class of one hunk of the variant `var` against `base`.
pub(crate) fn classify(
    vocab: &mut Vocabulary,
    base: &str,
    var: &str,
    s: &Sides<'_>,
) -> VariantClass {
    // Marks inside a figure are not punctuation: `2.300` (2.3) and `2300`
    // have the same digits but not the same value.
    let same_numbers = numbers(&s.bw) == numbers(&s.vw);
    if (s.bw.is_empty() && s.vw.is_empty()) || (same_numbers && alnum_eq(s.base, s.var, false)) {
        return VariantClass::Punctuation;
    }
    if same_numbers && alnum_eq(s.base, s.var, true) {
        return VariantClass::Spelling;
    }
    if s.vw.is_empty() || (subset(&s.vw, &s.bw) && s.vw.len() < s.bw.len()) {
        return VariantClass::Omission;
    }
    if s.bw.is_empty() || (subset(&s.bw, &s.vw) && s.bw.len() < s.vw.len()) {
        return VariantClass::Addition;
    }
    if s.bw.len() == s.vw.len()
        && s.bw
            .iter()
            .zip(&s.vw)
            .all(|(a, b)| a == b || vocab.same_spelling(a, b))
    {
        return VariantClass::Spelling;
    }
    // A number counts as changed only when the other sentence lacks it
    // (`three firefighters ... (all three are` repeats a number, it does not change it).
    if !same_numbers && number_changed(s, base, var) {
        return VariantClass::Number;
    }
    let gone = unmatched_names(vocab, &s.bw, var);
    let new = unmatched_names(vocab, &s.vw, base);
    if !gone.is_empty() && !new.is_empty() {
        return VariantClass::Entity;
    }
    VariantClass::Wording
}

/// Byte ranges strictly inside double quotation marks; an unclosed quote
/// runs to the end of the text.
fn quoted(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if matches!(c, '"' | '\u{201c}' | '\u{201d}') {
            match open.take() {
                Some(start) => out.push(start..i),
                None => open = Some(i + c.len_utf8()),
            }
        }
    }
    if let Some(start) = open {
        out.push(start..text.len());
    }
    out
}

/// Whether the non-empty range `r` lies inside one of `regions`.
fn inside(regions: &[Range<usize>], r: &Range<usize>) -> bool {
    !r.is_empty() && regions.iter().any(|q| q.start <= r.start && r.end <= q.end)
}

/// Whether the hunk changes words inside a quotation of either sentence.
fn in_quote(base: &str, var: &str, h: &Hunk) -> bool {
    inside(&quoted(base), &h.base) || inside(&quoted(var), &h.var)
}

/// Whether a side of a hunk has a different number of negations than the other.
fn negation_changed(s: &Sides<'_>) -> bool {
    let count = |ws: &[&str]| ws.iter().filter(|w| is_negation(w)).count();
    count(&s.bw) != count(&s.vw)
}

/// Whether the hunk replaces a date word or a year by another one that the
/// other sentence lacks (both sides must have one: dropping a date is an omission).
fn date_changed(s: &Sides<'_>, base: &str, var: &str) -> bool {
    let dates = |ws: &[&str], other: &str| -> bool {
        ws.iter().any(|w| {
            (is_date_word(w) || is_year(w)) && !words(other).any(|o| o.text.eq_ignore_ascii_case(w))
        })
    };
    dates(&s.bw, var) && dates(&s.vw, base)
}

/// Whether a number of `ws` is missing from the sentence `other`.
fn number_missing(ws: &[&str], other: &str) -> bool {
    ws.iter()
        .filter_map(|w| number_value(w))
        .any(|v| !words(other).any(|o| number_value(o.text).as_deref() == Some(v.as_str())))
}

/// Whether the hunk has a number on one side that the other sentence lacks.
fn number_changed(s: &Sides<'_>, base: &str, var: &str) -> bool {
    number_missing(&s.bw, var) || number_missing(&s.vw, base)
}

/// Whether the hunk replaces a number by a different one: each side has a
/// number the other sentence lacks (a figure added to or dropped from a
/// reworded clause is coverage, not disagreement).
fn number_replaced(s: &Sides<'_>, base: &str, var: &str) -> bool {
    number_missing(&s.bw, var) && number_missing(&s.vw, base)
}

/// Whether the hunk is a discrepancy between the two readings, and of what kind.
///
/// Spelling and punctuation never are. A substitution that changes a date,
/// a number, or a name (person, place, organisation, or a compass word of a
/// place) is; so is any change of words inside a quotation, and a change in
/// the number of negations. Plain additions and omissions outside quotes are
/// coverage, not disagreement.
pub(crate) fn discrepancy(
    base: &str,
    var: &str,
    h: &Hunk,
    s: &Sides<'_>,
    class: VariantClass,
) -> Option<DiscrepancyKind> {
    if matches!(class, VariantClass::Punctuation | VariantClass::Spelling) {
        return None;
    }
    if date_changed(s, base, var) {
        return Some(DiscrepancyKind::Date);
    }
    if number_replaced(s, base, var) {
        return Some(DiscrepancyKind::Number);
    }
    if class == VariantClass::Entity {
        return Some(DiscrepancyKind::Entity);
    }
    if in_quote(base, var, h) {
        return Some(DiscrepancyKind::Quote);
    }
    if negation_changed(s) {
        return Some(DiscrepancyKind::Wording);
    }
    None
}

/// Word ranges (start, end) of `text` within `r`, as absolute offsets.
fn word_ranges(text: &str, r: &Range<usize>) -> Vec<Range<usize>> {
    let Some(part) = text.get(r.clone()) else {
        return Vec::new();
    };
    words(part)
        .map(|w| r.start + w.start..r.start + w.start + w.text.len())
        .collect()
}

/// The readings of a discrepancy: the differing spans of the base and the
/// variant, cut to whole words and then
///
/// * trimmed of prepositions and conjunctions that *both* readings start
///   (or end) with (`in the Kursk ...` / `to the front ...`), and of an
///   article standing before a name (`the Kursk border region` ->
///   `Kursk border region`);
/// * widened over the equal text around them where a lone word needs its
///   neighbours to be read: a name extends over the rest of the name, a
///   lone number or compass word takes the word it qualifies (`northern` ->
///   `northern quay`), and a pure addition or omission takes up to three
///   words before it (`in the future` / `in the future, too`).
///
/// `before` and `after` are the starts and ends of the equal stretches
/// around the hunk in (base, variant).
pub(crate) fn readings(
    vocab: &mut Vocabulary,
    base: &str,
    var: &str,
    h: &Hunk,
    before: (usize, usize),
    after: (usize, usize),
) -> (String, String) {
    let bw = word_ranges(base, &h.base);
    let vw = word_ranges(var, &h.var);
    let (mut bs, mut be) = (0usize, bw.len());
    let (mut vs, mut ve) = (0usize, vw.len());
    let word = |text: &'_ str, r: &Range<usize>| -> String {
        text.get(r.clone()).unwrap_or("").to_string()
    };
    let mut trimmed_left = false;
    let mut trimmed_right = false;
    while be - bs > 1
        && ve - vs > 1
        && is_edge_word(&word(base, &bw[bs]))
        && is_edge_word(&word(var, &vw[vs]))
    {
        bs += 1;
        vs += 1;
        trimmed_left = true;
    }
    while be - bs > 1
        && ve - vs > 1
        && is_edge_word(&word(base, &bw[be - 1]))
        && is_edge_word(&word(var, &vw[ve - 1]))
    {
        be -= 1;
        ve -= 1;
        trimmed_right = true;
    }
    if be - bs > 1 && is_article(&word(base, &bw[bs])) && is_capitalised(&word(base, &bw[bs + 1])) {
        bs += 1;
    }
    if ve - vs > 1 && is_article(&word(var, &vw[vs])) && is_capitalised(&word(var, &vw[vs + 1])) {
        vs += 1;
    }

    // Byte ranges of the readings so far (empty at the hunk's start when a side has no words).
    let mut br = if bs < be {
        bw[bs].start..bw[be - 1].end
    } else {
        h.base.start..h.base.start
    };
    let mut vr = if vs < ve {
        vw[vs].start..vw[ve - 1].end
    } else {
        h.var.start..h.var.start
    };

    // The equal text around the hunk, identical in both sentences.
    let left_gap = word_ranges(base, &(before.0..h.base.start));
    let right_gap = word_ranges(base, &(h.base.end..after.0.max(h.base.end)));
    let left_off = |k: usize| -> Option<usize> {
        left_gap
            .len()
            .checked_sub(k)
            .and_then(|i| left_gap.get(i))
            .map(|r| h.base.start - r.start)
    };
    let right_off = |k: usize| -> Option<usize> {
        k.checked_sub(1)
            .and_then(|i| right_gap.get(i))
            .map(|r| r.end - h.base.end)
    };
    let extend_left = |k: usize, br: &mut Range<usize>, vr: &mut Range<usize>| {
        if let Some(off) = left_off(k) {
            br.start = h.base.start - off;
            vr.start = h.var.start.saturating_sub(off);
        }
    };
    let extend_right = |k: usize, br: &mut Range<usize>, vr: &mut Range<usize>| {
        if let Some(off) = right_off(k) {
            br.end = h.base.end + off;
            vr.end = (h.var.end + off).min(after.1.max(h.var.end));
        }
    };

    let b_words = be.saturating_sub(bs);
    let v_words = ve.saturating_sub(vs);
    if b_words == 0 || v_words == 0 {
        // A pure addition or omission: show it with the words before it.
        if !left_gap.is_empty() {
            extend_left(left_gap.len().min(3), &mut br, &mut vr);
        } else {
            extend_right(right_gap.len().min(3), &mut br, &mut vr);
        }
    } else {
        let first_b = word(base, &bw[bs]);
        let last_b = word(base, &bw[be - 1]);
        let first_v = word(var, &vw[vs]);
        let last_v = word(var, &vw[ve - 1]);
        let modifier = |w: &str| number_value(w).is_some() || is_direction(w);
        if !trimmed_right
            && b_words == 1
            && v_words == 1
            && modifier(&first_b)
            && modifier(&first_v)
            && let Some(next) = right_gap.first()
            && !is_stopword(base.get(next.clone()).unwrap_or(""))
        {
            extend_right(1, &mut br, &mut vr);
        }
        if !trimmed_left && vocab.is_name(&first_b) && vocab.is_name(&first_v) {
            let mut k = 0;
            while left_gap
                .len()
                .checked_sub(k + 1)
                .and_then(|i| left_gap.get(i))
                .is_some_and(|r| vocab.is_name(base.get(r.clone()).unwrap_or("")))
            {
                k += 1;
            }
            if k > 0 {
                extend_left(k, &mut br, &mut vr);
            }
        }
        if !trimmed_right && vocab.is_name(&last_b) && vocab.is_name(&last_v) {
            let mut k = 0;
            while right_gap
                .get(k)
                .is_some_and(|r| vocab.is_name(base.get(r.clone()).unwrap_or("")))
            {
                k += 1;
            }
            if k > 0 {
                extend_right(k, &mut br, &mut vr);
            }
        }
    }
    (
        clean(base.get(br).unwrap_or("")),
        clean(var.get(vr).unwrap_or("")),
    )
}

/// Trims spaces and enclosing punctuation from a reading; a final period
/// goes unless it ends an abbreviation (`U.S.`).
fn clean(s: &str) -> String {
    let t = s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '"' | '(' | ')' | '!' | '?' | '\'')
    });
    let t = match t.strip_suffix('.') {
        Some(rest) if !rest.chars().last().is_some_and(char::is_uppercase) => rest,
        _ => t,
    };
    t.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '"'))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::diff;

    fn vocab_of(texts: &[&str]) -> Vocabulary {
        let mut v = Vocabulary::default();
        for t in texts {
            for w in words(t) {
                v.add(w.text);
            }
        }
        v
    }

    /// Classes of the hunks between two sentences.
    fn classes(base: &str, var: &str) -> Vec<VariantClass> {
        let mut v = vocab_of(&[base, var]);
        diff(base, var, 1 << 20)
            .iter()
            .map(|h| classify(&mut v, base, var, &Sides::new(base, var, h)))
            .collect()
    }

    #[test]
    fn classes_of_small_changes() {
        use VariantClass::*;
        assert_eq!(
            classes("a mutual defence pact", "a mutual defense pact"),
            [Spelling]
        );
        assert_eq!(
            classes("the U.S. president", "the US president"),
            [Punctuation]
        );
        assert_eq!(
            classes("a warm, comradely mood", "a warm comradely mood"),
            [Punctuation]
        );
        assert_eq!(classes("in the future", "in the future, too"), [Addition]);
        assert_eq!(
            classes("reported on Wednesday", "reported Wednesday"),
            [Omission]
        );
        assert_eq!(classes("sent 60 men home", "sent 61 men home"), [Number]);
        assert_eq!(classes("some 60 men", "around sixty men"), [Wording]);
        assert_eq!(
            classes(
                "three men were taken and were safe",
                "three men were taken (all three are safe"
            ),
            [Wording]
        );
        assert_eq!(classes("the fire broke out", "the fire started"), [Wording]);
        assert_eq!(
            classes("troops went to Kursk last", "troops went to Ukraine last"),
            [Entity]
        );
        assert_eq!(
            classes(
                "the town's northern quay, the south",
                "the town's southern quay, the south"
            ),
            [Entity]
        );
        assert_eq!(classes("Kim Jong Un", "Kim Jong-un"), [Spelling]);
    }

    #[test]
    fn demonyms_and_possessives_are_not_entity_changes() {
        let c = classes("the North Korean leader", "the North Korea's leader");
        assert_eq!(c.len(), 1);
        assert_ne!(c[0], VariantClass::Entity);
        let c = classes("the Norwegian town", "Norway's town");
        assert_ne!(c[0], VariantClass::Entity);
    }

    fn disc(base: &str, var: &str) -> Vec<(Option<DiscrepancyKind>, String, String)> {
        let mut v = vocab_of(&[base, var]);
        let hunks = diff(base, var, 1 << 20);
        let mut out = Vec::new();
        for (k, h) in hunks.iter().enumerate() {
            let s = Sides::new(base, var, h);
            let class = classify(&mut v, base, var, &s);
            let d = discrepancy(base, var, h, &s, class);
            let before = k
                .checked_sub(1)
                .map_or((0, 0), |p| (hunks[p].base.end, hunks[p].var.end));
            let after = hunks
                .get(k + 1)
                .map_or((base.len(), var.len()), |n| (n.base.start, n.var.start));
            let (rb, rv) = readings(&mut v, base, var, h, before, after);
            out.push((d, rb, rv));
        }
        out
    }

    #[test]
    fn discrepancy_kinds_and_readings() {
        let d = disc(
            "The blaze broke out on the town's northern quay at night.",
            "The blaze broke out on the town's southern quay at night.",
        );
        assert_eq!(
            d,
            [(
                Some(DiscrepancyKind::Entity),
                "northern quay".to_string(),
                "southern quay".to_string()
            )]
        );
        let d = disc(
            "Police said 60 firefighters came.",
            "Police said 61 firefighters came.",
        );
        assert_eq!(d[0].0, Some(DiscrepancyKind::Number));
        assert_eq!(
            (d[0].1.as_str(), d[0].2.as_str()),
            ("60 firefighters", "61 firefighters")
        );
        let d = disc(
            "They met on Tuesday in Oslo.",
            "They met on Monday in Oslo.",
        );
        assert_eq!(d[0].0, Some(DiscrepancyKind::Date));
        let d = disc(
            "He pledged to \"support the leadership in the future.\"",
            "He pledged to \"support the leadership in the future, too.\"",
        );
        assert_eq!(d[0].0, Some(DiscrepancyKind::Quote));
        assert_eq!(
            (d[0].1.as_str(), d[0].2.as_str()),
            ("in the future", "in the future, too")
        );
        let d = disc(
            "The mayor said it was safe.",
            "The mayor said it was not safe.",
        );
        assert_eq!(d[0].0, Some(DiscrepancyKind::Wording));
        let d = disc("a mutual defence pact", "a mutual defense pact");
        assert_eq!(d[0].0, None);
        let d = disc("Police said on Wednesday.", "Police said Wednesday.");
        assert_eq!(d[0].0, None);
    }

    #[test]
    fn unbalanced_quotes_never_panic() {
        for (a, b) in [
            ("\"a b", "\"a c"),
            ("x\" y\"\"", "x\""),
            ("\u{201c}é", "é\u{201d}"),
        ] {
            let _ = disc(a, b);
        }
    }

    #[test]
    fn clean_keeps_abbreviations() {
        assert_eq!(clean(" the U.S. "), "the U.S.");
        assert_eq!(clean("Ukraine, "), "Ukraine");
        assert_eq!(clean("region."), "region");
        assert_eq!(clean("\"future, too.\""), "future, too");
    }
}
