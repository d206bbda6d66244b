//! The *fingerprint* and *candidates* stages: word shingles hashed once,
//! MinHash signatures by one-permutation hashing, LSH banding, and candidate
//! pairs verified by estimated Jaccard and containment.
//!
//! # Tokens and shingles
//! The text is cut into words by [`storyweave_text::words`]; each word is
//! case-folded into one reused buffer (ASCII bytes folded in place, other
//! words lowercased into the same `String`) and hashed once with xxh3-64.
//! Every run of `k` consecutive words (default 5) gets one 64-bit shingle hash
//! computed from the `k` word hashes by a rolling combination (rotations and
//! XOR, then one 64-bit mix; O(1) per word) — text is never hashed twice. A text
//! with fewer than `k` words (but at least one) yields a single shingle of all
//! its words.
//!
//! # Exact hash
//! [`Fingerprint::exact`] mixes the word hashes in order, so two texts get the
//! same value exactly when they have the same case-folded words in the same
//! order: differences in punctuation, spacing, line breaks and letter case do
//! not matter. An empty text (no words) has `exact == 0`, and later stages
//! never treat empty texts as duplicates of each other.
//!
//! # MinHash
//! See [`minhash`]: one-permutation hashing with optimal densification, one
//! hash per shingle (not one per permutation).
//!
//! # Raw text and streaming sketches
//! [`FingerprinterBuilder::raw_text`] switches the word source from
//! [`storyweave_text::words`] (for text that went through the normalize
//! stage) to a byte-level tokenizer made for raw scraped text (see [`raw`]):
//! it folds case, ignores markdown link targets and URLs, and hashes
//! `Russia 's` like `Russia's`. [`Fingerprinter::sketch_into`] is the fast
//! path of corpus deduplication: it streams word hashes into shingle hashes
//! straight into the MinHash bins, keeping no shingle set, and appends the
//! signature to a caller's flat vector; all buffers live in a reusable
//! [`Scratch`].

pub mod lsh;
pub mod minhash;
pub mod raw;
pub mod sets;

pub use lsh::{LshIndex, LshParams, candidates};
pub use minhash::{jaccard_estimate, signature};
pub use sets::{containment, jaccard};

/// Everything later stages need to compare one document with others.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fingerprint {
    /// Hash of the normalized word sequence: equal for exact duplicates.
    pub exact: u64,
    /// MinHash signature (one value per slot); empty for a text without words.
    pub signature: Vec<u32>,
    /// Sorted, unique 64-bit hashes of the word shingles.
    pub shingles: Vec<u64>,
}

impl Fingerprint {
    /// True when the text had no words: nothing can be compared.
    pub fn is_empty(&self) -> bool {
        self.shingles.is_empty()
    }
}

/// How two fingerprinted documents compare: the figures candidate
/// verification looks at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Similarity {
    /// Jaccard estimated from the MinHash signatures.
    pub estimated_jaccard: f64,
    /// Exact Jaccard of the shingle sets.
    pub jaccard: f64,
    /// Share of the first document's shingles found in the second.
    pub containment_ab: f64,
    /// Share of the second document's shingles found in the first.
    pub containment_ba: f64,
}

/// Compares two fingerprints on every measure at once (one merge walk).
pub fn similarity(a: &Fingerprint, b: &Fingerprint) -> Similarity {
    let shared = sets::intersection_size(&a.shingles, &b.shingles);
    let union = a.shingles.len() + b.shingles.len() - shared;
    let ratio = |num: usize, den: usize| {
        if den == 0 {
            0.0
        } else {
            num as f64 / den as f64
        }
    };
    Similarity {
        estimated_jaccard: jaccard_estimate(&a.signature, &b.signature),
        jaccard: ratio(shared, union),
        containment_ab: ratio(shared, a.shingles.len()),
        containment_ba: ratio(shared, b.shingles.len()),
    }
}

/// Settings of fingerprinting; fixed once built.
#[derive(Debug, Clone)]
pub struct FingerprinterBuilder {
    shingle: usize,
    slots: usize,
    raw_text: bool,
}

/// Computes [`Fingerprint`]s. Cheap to share across threads.
#[derive(Debug, Clone)]
pub struct Fingerprinter {
    shingle: usize,
    slots: usize,
    raw_text: bool,
}

impl Default for Fingerprinter {
    fn default() -> Self {
        Fingerprinter::builder().build()
    }
}

/// Finalizer of MurmurHash3 (a bijective 64-bit mixer): spreads every input
/// bit over every output bit.
#[inline]
pub(crate) fn mix64(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    x
}

/// Seed of the chained mix that turns word hashes into a shingle hash.
const SHINGLE_SEED: u64 = 0x9e37_79b9_7f4a_7c15;
/// Seed of the chained mix that turns word hashes into the exact hash.
const EXACT_SEED: u64 = 0x2545_f491_4f6c_dd1d;

/// One step of the order-sensitive chain behind [`combine`].
#[inline(always)]
fn chain(acc: u64, h: u64) -> u64 {
    (acc ^ h)
        .wrapping_mul(0x9fb2_1c65_1e98_df25)
        .rotate_left(29)
}

/// Order-sensitive combination of word hashes into one 64-bit value.
#[inline]
fn combine(seed: u64, hashes: &[u64]) -> u64 {
    let mut acc = seed;
    for &h in hashes {
        acc = chain(acc, h);
    }
    mix64(acc ^ hashes.len() as u64)
}

/// Reusable buffers for fingerprinting, so that a worker fingerprinting many
/// documents allocates nothing per document or per word once warmed up.
/// Create one per thread (it is plain data, no global state).
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    /// The last word hashes (a sliding window with occasional compaction).
    history: Vec<u64>,
    /// The case-folded word being hashed.
    word: Vec<u8>,
    /// The MinHash bins.
    bins: minhash::Bins,
}

impl Scratch {
    /// Empty buffers; they grow to their working size on first use.
    pub fn new() -> Scratch {
        Scratch::default()
    }
}

/// The figures of one sketched text besides its signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SketchInfo {
    /// Same as [`Fingerprint::exact`]: equal for texts with the same words.
    pub exact: u64,
    /// Number of words.
    pub words: usize,
    /// Number of shingles (windows, counting repeats; 0 exactly when there
    /// are no words, 1 for a text shorter than a shingle). For the texts of
    /// articles, repeated 5-grams are rare, so this is a close upper bound on
    /// the size of the shingle set.
    pub shingles: usize,
}

/// Working size of the word-hash window before it is compacted.
const HISTORY: usize = 512;

impl Fingerprinter {
    /// Starts a builder: word 5-grams, 128 slots, normalized-text words.
    pub fn builder() -> FingerprinterBuilder {
        FingerprinterBuilder {
            shingle: 5,
            slots: 128,
            raw_text: false,
        }
    }

    /// Words per shingle.
    pub fn shingle(&self) -> usize {
        self.shingle
    }

    /// Slots of the MinHash signature.
    pub fn slots(&self) -> usize {
        self.slots
    }

    /// True when words come from the raw-text tokenizer ([`raw`]) rather than
    /// from [`storyweave_text::words`].
    pub fn raw_text(&self) -> bool {
        self.raw_text
    }

    /// Fingerprints one text (normalized text, or raw text when built with
    /// [`FingerprinterBuilder::raw_text`]).
    pub fn fingerprint(&self, text: &str) -> Fingerprint {
        self.fingerprint_with(text, &mut Scratch::new())
    }

    /// Like [`Fingerprinter::fingerprint`], reusing `scratch`'s buffers.
    pub fn fingerprint_with(&self, text: &str, scratch: &mut Scratch) -> Fingerprint {
        let mut shingles = Vec::with_capacity(text.len() / 5);
        let info = self.stream(text, &mut scratch.history, &mut scratch.word, |h| {
            shingles.push(h)
        });
        if info.words == 0 {
            return Fingerprint::default();
        }
        shingles.sort_unstable();
        shingles.dedup();
        let signature = signature(&shingles, self.slots);
        Fingerprint {
            exact: info.exact,
            signature,
            shingles,
        }
    }

    /// The fast path: appends exactly [`Fingerprinter::slots`] signature
    /// values for `text` to `signature` (a flat array of many documents'
    /// signatures) and returns the text's other figures, without building a
    /// shingle set. The values equal [`Fingerprinter::fingerprint`]'s
    /// signature for the same text; for a text without words
    /// (`shingles == 0`) they are meaningless filler (`u32::MAX`) that must
    /// not be compared.
    pub fn sketch_into(
        &self,
        text: &str,
        scratch: &mut Scratch,
        signature: &mut Vec<u32>,
    ) -> SketchInfo {
        let Scratch {
            history,
            word,
            bins,
        } = scratch;
        bins.reset(self.slots);
        let info = self.stream(text, history, word, |h| bins.add(h));
        if info.shingles == 0 {
            signature.extend(std::iter::repeat_n(u32::MAX, self.slots));
        } else {
            bins.finish_into(signature);
        }
        info
    }

    /// Hashes the words of `text`, calls `sink` with every shingle hash (in
    /// text order, repeats included) and returns the counts and exact hash.
    fn stream(
        &self,
        text: &str,
        history: &mut Vec<u64>,
        word: &mut Vec<u8>,
        mut sink: impl FnMut(u64),
    ) -> SketchInfo {
        let k = self.shingle;
        let cap = HISTORY.max(2 * k);
        history.clear();
        let mut exact = EXACT_SEED;
        let mut words = 0usize;
        let mut shingles = 0usize;
        // Rolling shingle hash: `rolling` is the XOR of the last `k` word
        // hashes, the newest unrotated and the one `j` words back rotated
        // left by `j`; sliding the window rotates it by one, adds the new
        // hash and removes the one leaving (now rotated by `k`). One mix
        // per shingle finishes it. O(1) per word whatever `k`.
        let out_rot = (k % 64) as u32;
        let mut rolling = 0u64;
        let mut on_word = |h: u64| {
            exact = chain(exact, h);
            words += 1;
            if history.len() >= cap {
                let from = history.len() - k;
                history.copy_within(from.., 0);
                history.truncate(k);
            }
            rolling = rolling.rotate_left(1) ^ h;
            if let Some(&gone) = history.len().checked_sub(k).and_then(|i| history.get(i)) {
                rolling ^= gone.rotate_left(out_rot);
            }
            history.push(h);
            if words >= k {
                sink(mix64(rolling ^ SHINGLE_SEED));
                shingles += 1;
            }
        };
        if self.raw_text {
            raw::for_each_word(text, word, &mut on_word);
        } else {
            for w in storyweave_text::words(text) {
                on_word(fold_hash(w.text, word));
            }
        }
        if words == 0 {
            return SketchInfo::default();
        }
        if words < k {
            // `words < k <= cap`: the history holds every word.
            sink(combine(SHINGLE_SEED, history));
            shingles = 1;
        }
        SketchInfo {
            exact: mix64(exact ^ words as u64),
            words,
            shingles,
        }
    }
}

/// The xxh3-64 hash of every case-folded word of `text` (words of
/// [`storyweave_text::words`]), in order. One reused buffer holds the folded
/// word; nothing is allocated per word.
pub fn word_hashes(text: &str) -> Vec<u64> {
    let mut folded = Vec::new();
    let mut out = Vec::with_capacity(text.len() / 6);
    for word in storyweave_text::words(text) {
        out.push(fold_hash(word.text, &mut folded));
    }
    out
}

/// Hashes the case-folded form of `word`, using `buf` as scratch space.
#[inline]
fn fold_hash(word: &str, buf: &mut Vec<u8>) -> u64 {
    if word.is_ascii() {
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return xxhash_rust::xxh3::xxh3_64(word.as_bytes());
        }
        buf.clear();
        buf.extend(word.bytes().map(|b| b.to_ascii_lowercase()));
    } else {
        buf.clear();
        let mut tmp = [0u8; 4];
        for c in word.chars() {
            for l in c.to_lowercase() {
                buf.extend_from_slice(l.encode_utf8(&mut tmp).as_bytes());
            }
        }
    }
    xxhash_rust::xxh3::xxh3_64(buf)
}

impl FingerprinterBuilder {
    /// Words per shingle (at least 1; default 5).
    pub fn shingle(mut self, words: usize) -> Self {
        self.shingle = words.max(1);
        self
    }

    /// Slots of the MinHash signature (at least 1, at most 65,536; default 128).
    pub fn slots(mut self, slots: usize) -> Self {
        self.slots = slots.clamp(1, 1 << 16);
        self
    }

    /// Cut raw (unnormalized) text into words with the noise-robust
    /// tokenizer of [`raw`] instead of [`storyweave_text::words`]
    /// (default false).
    pub fn raw_text(mut self, raw: bool) -> Self {
        self.raw_text = raw;
        self
    }

    /// Fixes the settings.
    pub fn build(self) -> Fingerprinter {
        Fingerprinter {
            shingle: self.shingle,
            slots: self.slots,
            raw_text: self.raw_text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(text: &str) -> Fingerprint {
        Fingerprinter::default().fingerprint(text)
    }

    #[test]
    fn identical_texts_have_identical_fingerprints() {
        let t = "Putin and Kim spoke by phone in a warm, comradely atmosphere on Tuesday.";
        assert_eq!(fp(t), fp(t));
        assert_eq!(fp(t).signature.len(), 128);
    }

    #[test]
    fn exact_hash_ignores_case_punctuation_and_spacing() {
        let a = fp("Putin and Kim spoke by phone, on Tuesday.");
        let b = fp("putin AND kim   spoke by phone on tuesday");
        let c = fp("Putin and Kim spoke by phone on Wednesday.");
        assert_eq!(a.exact, b.exact);
        assert_eq!(a.shingles, b.shingles);
        assert_ne!(a.exact, c.exact);
    }

    #[test]
    fn exact_hash_depends_on_word_order() {
        assert_ne!(fp("one two three").exact, fp("three two one").exact);
    }

    #[test]
    fn non_ascii_words_are_case_folded() {
        assert_eq!(fp("ÉCOLE Über Straße").exact, fp("école über straße").exact);
    }

    #[test]
    fn empty_text_gives_empty_fingerprint() {
        let f = fp("  ... -- !! ");
        assert!(f.is_empty());
        assert!(f.signature.is_empty());
        assert_eq!(f.exact, 0);
        assert_eq!(
            jaccard_estimate(&f.signature, &fp("some words here").signature),
            0.0
        );
    }

    #[test]
    fn short_text_gives_one_shingle() {
        assert_eq!(fp("only three words").shingles.len(), 1);
        assert_eq!(fp("one two three four five six").shingles.len(), 2);
    }

    #[test]
    fn shingle_count_matches_windows() {
        let text = (0..50)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(fp(&text).shingles.len(), 46);
        let f3 = Fingerprinter::builder()
            .shingle(3)
            .slots(64)
            .build()
            .fingerprint(&text);
        assert_eq!(f3.shingles.len(), 48);
        assert_eq!(f3.signature.len(), 64);
    }

    #[test]
    fn similarity_reports_containment_of_a_trimmed_reprint() {
        let source = (0..100)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let trimmed = (0..40)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let s = similarity(&fp(&trimmed), &fp(&source));
        assert_eq!(s.containment_ab, 1.0);
        assert!((s.containment_ba - 36.0 / 96.0).abs() < 1e-9);
        assert!((s.jaccard - 36.0 / 96.0).abs() < 1e-9);
    }

    #[test]
    fn sketch_matches_fingerprint_signature() {
        let text = (0..300)
            .map(|i| format!("w{} Word{}", i % 37, i % 11))
            .collect::<Vec<_>>()
            .join(" ");
        for raw in [false, true] {
            for (k, slots) in [(5, 128), (3, 64), (1, 16), (9, 256)] {
                let f = Fingerprinter::builder()
                    .shingle(k)
                    .slots(slots)
                    .raw_text(raw)
                    .build();
                let mut scratch = Scratch::new();
                let mut flat = vec![7u32];
                for t in [text.as_str(), "two words", "", "a b c d e f"] {
                    flat.truncate(1);
                    let info = f.sketch_into(t, &mut scratch, &mut flat);
                    let full = f.fingerprint(t);
                    assert_eq!(flat.len(), 1 + slots);
                    assert_eq!(info.exact, full.exact);
                    if full.is_empty() {
                        assert_eq!(info.shingles, 0);
                    } else {
                        assert_eq!(&flat[1..], &full.signature[..]);
                        assert!(info.shingles >= full.shingles.len());
                    }
                }
            }
        }
    }

    #[test]
    fn long_texts_slide_the_window_correctly() {
        // More words than the history buffer: every window still counts once.
        let text = (0..2000)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let f = fp(&text);
        assert_eq!(f.shingles.len(), 1996);
        let raw = Fingerprinter::builder().raw_text(true).build();
        assert_eq!(raw.fingerprint(&text).shingles, f.shingles);
    }

    #[test]
    fn raw_mode_ignores_tokenizer_and_markdown_noise() {
        let raw = Fingerprinter::builder().raw_text(true).build();
        let a =
            raw.fingerprint("Russia's [leader](https://x.org/a) said they don't know, Trump said.");
        let b = raw.fingerprint("Russia 's **leader** said they do n't know , Trump said .");
        assert_eq!(a, b);
        assert!(!a.is_empty());
    }
}
