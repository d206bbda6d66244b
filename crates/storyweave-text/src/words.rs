//! Word tokenization: the unit of shingles, TF-IDF terms and word counts.

/// One word of a text: a maximal run of letters and digits (with inner
/// apostrophes, hyphens, periods and commas between digits kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word as it stands in the text.
    pub text: &'a str,
    /// Byte offset of the word in the text.
    pub start: usize,
}

/// Iterates over the words of `text` without allocating.
///
/// A word is a run of alphanumeric characters; an apostrophe or hyphen
/// between two alphanumerics stays inside it (`Kim's`, `Jong-un`), and so does
/// a `,` or `.` between two digits (`10,000`, `3.5`).
pub fn words(text: &str) -> impl Iterator<Item = Word<'_>> {
    Words { text, pos: 0 }
}

/// The iterator behind [`words`].
struct Words<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        let rest = self.text.get(self.pos..)?;
        let (off, _) = rest.char_indices().find(|(_, c)| c.is_alphanumeric())?;
        let start = self.pos + off;
        let mut end = start;
        let mut prev: Option<char> = None;
        let mut chars = self.text[start..].char_indices().peekable();
        while let Some((k, c)) = chars.next() {
            if c.is_alphanumeric() {
                end = start + k + c.len_utf8();
                prev = Some(c);
                continue;
            }
            let next = chars.peek().map(|&(_, n)| n);
            let joins = match c {
                '\'' | '\u{2019}' | '-' => {
                    prev.is_some_and(char::is_alphanumeric)
                        && next.is_some_and(char::is_alphanumeric)
                }
                ',' | '.' => {
                    prev.is_some_and(|p| p.is_ascii_digit())
                        && next.is_some_and(|n| n.is_ascii_digit())
                }
                _ => false,
            };
            if !joins {
                break;
            }
            prev = Some(c);
        }
        self.pos = end;
        Some(Word {
            text: &self.text[start..end],
            start,
        })
    }
}

/// Levenshtein distance (no transpositions) between two short words, case
/// folded and capped: returns `cap + 1` as soon as the distance is known to
/// exceed `cap`. Spelling variants in alignment and given names in the
/// story's disagreements are told by it.
pub fn edit_distance(a: &str, b: &str, cap: usize) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    if a.len().abs_diff(b.len()) > cap {
        return cap + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0usize; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > cap {
            return cap + 1;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()].min(cap + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_marks() {
        let w: Vec<&str> = words("Kim's Jong-un sent 10,000 men, 3.5 times. -x- 'a' end.")
            .map(|w| w.text)
            .collect();
        assert_eq!(
            w,
            [
                "Kim's", "Jong-un", "sent", "10,000", "men", "3.5", "times", "x", "a", "end"
            ]
        );
    }

    #[test]
    fn starts_are_offsets() {
        let t = "  héllo wörld";
        for w in words(t) {
            assert_eq!(&t[w.start..w.start + w.text.len()], w.text);
        }
        assert_eq!(words("").count(), 0);
    }
}
