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
pub fn words(text: &str) -> impl Iterator<Item = Word<'_>> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(move |w| Word { text: w, start: w.as_ptr() as usize - text.as_ptr() as usize })
}
