//! Character-level normalization with an offset map back to the source.

use std::ops::Range;

/// Normalized text together with, for every byte of it, the byte offset in
/// the source it came from; lets later stages report spans in the original file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapped {
    /// The normalized text.
    pub text: String,
    /// `offsets[i]` is the source byte offset of `text` byte `i`; one extra
    /// entry at the end holds the source offset just past the last byte.
    pub offsets: Vec<usize>,
}

impl Mapped {
    /// Maps a byte range of `text` to the smallest source byte range covering it.
    pub fn source_range(&self, r: Range<usize>) -> Range<usize> {
        let start = self.offsets.get(r.start).copied().unwrap_or(0);
        let end = if r.end == 0 {
            start
        } else {
            self.offsets
                .get(r.end - 1)
                .map(|&o| o + 1)
                .unwrap_or(start)
        };
        start..end.max(start)
    }
}

/// Normalizes one line or paragraph of article text. `base` is added to every
/// offset so the map points into the whole file rather than into `src`.
pub fn normalize_inline(src: &str, base: usize) -> Mapped {
    let mut offsets: Vec<usize> = src.char_indices().flat_map(|(i, c)| (0..c.len_utf8()).map(move |k| base + i + k)).collect();
    offsets.push(base + src.len());
    Mapped { text: src.to_string(), offsets }
}
