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
//! [`Scratch`]. [`Fingerprinter::sketch_with_shingles_into`] also hands back
//! the shingle hashes (32 bits each) for exact verification of candidates.

pub mod lsh;
pub mod minhash;
pub mod raw;
pub mod sets;

pub use lsh::{LshIndex, LshParams, candidates};
pub use minhash::{jaccard_estimate, signature};
pub use sets::{containment, intersection_size, jaccard};

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
    /// The last word hashes (a ring buffer, for shingles of more than 64
    /// words).
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

/// The streaming state of [`Fingerprinter::stream`]: word hashes in,
/// shingle hashes out to `sink`, the exact hash on the side.
///
/// Rolling shingle hash: `rolling` is the XOR of the last `k` word hashes,
/// the newest unrotated and the one `j` words back rotated left by `j`;
/// sliding the window rotates it by one, adds the new hash and removes the
/// one leaving (now rotated by `k`). One mix per shingle finishes it. O(1)
/// per word whatever `k`.
struct Shingler<R, S> {
    /// Words per shingle.
    k: usize,
    /// Rotation of the word hash leaving the window.
    out_rot: u32,
    /// Ring buffer of the last word hashes.
    ring: R,
    /// Running chain of the exact hash.
    exact: u64,
    /// Words seen so far.
    words: usize,
    /// The rolling combination of the last `k` word hashes.
    rolling: u64,
    /// Receiver of the shingle hashes.
    sink: S,
}

/// Shingle sizes up to this use a ring buffer on the stack.
const SMALL_RING: usize = 64;

/// A ring buffer of word hashes whose size is a power of two, at least the
/// shingle size or the number of words of the text, zeroed at the start of
/// a text; word `n` goes to slot `n` modulo the size.
trait Ring {
    /// Slot `n` modulo the size.
    fn at(&self, n: usize) -> u64;
    /// Sets slot `n` modulo the size.
    fn set(&mut self, n: usize, h: u64);
    /// The first `words` slots (every word so far, when fewer than the
    /// ring holds).
    fn first(&self, words: usize) -> &[u64];
}

impl Ring for [u64; SMALL_RING] {
    #[inline(always)]
    fn at(&self, n: usize) -> u64 {
        self.get(n % SMALL_RING).copied().unwrap_or(0)
    }

    #[inline(always)]
    fn set(&mut self, n: usize, h: u64) {
        if let Some(slot) = self.get_mut(n % SMALL_RING) {
            *slot = h;
        }
    }

    fn first(&self, words: usize) -> &[u64] {
        self.get(..words).unwrap_or(self)
    }
}

impl Ring for &mut [u64] {
    #[inline(always)]
    fn at(&self, n: usize) -> u64 {
        self.get(n & self.len().wrapping_sub(1))
            .copied()
            .unwrap_or(0)
    }

    #[inline(always)]
    fn set(&mut self, n: usize, h: u64) {
        let mask = self.len().wrapping_sub(1);
        if let Some(slot) = self.get_mut(n & mask) {
            *slot = h;
        }
    }

    fn first(&self, words: usize) -> &[u64] {
        self.get(..words).unwrap_or(self)
    }
}

impl<R: Ring, S: FnMut(u64)> raw::WordSink for Shingler<R, S> {
    #[inline(always)]
    fn word(&mut self, h: u64) {
        self.exact = chain(self.exact, h);
        // The word leaving the window. Before the `k`-th word this reads a
        // slot not written yet for this text (the ring holds at least `k`
        // words and starts zeroed), and XOR with zero changes nothing; in a
        // ring shorter than `k` no window is ever complete.
        let gone = self.ring.at(self.words.wrapping_sub(self.k));
        self.rolling = self.rolling.rotate_left(1) ^ h ^ gone.rotate_left(self.out_rot);
        self.ring.set(self.words, h);
        self.words += 1;
        if self.words >= self.k {
            (self.sink)(mix64(self.rolling ^ SHINGLE_SEED));
        }
    }
}

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
        self.sketch_with(text, scratch, signature, |_| {})
    }

    /// Like [`Fingerprinter::sketch_into`], and also appends to `shingles`
    /// the low 32 bits of every shingle hash, in text order with repeats
    /// (exactly [`SketchInfo::shingles`] values; none for a text without
    /// words). Sorted and deduplicated they are the shingle set of
    /// [`Fingerprinter::fingerprint`] truncated to 32 bits: enough for an
    /// exact Jaccard or containment check of candidate pairs at half the
    /// memory of the 64-bit set.
    pub fn sketch_with_shingles_into(
        &self,
        text: &str,
        scratch: &mut Scratch,
        signature: &mut Vec<u32>,
        shingles: &mut Vec<u32>,
    ) -> SketchInfo {
        self.sketch_with(text, scratch, signature, |h| shingles.push(h as u32))
    }

    /// The body of the sketching methods: `also` sees every shingle hash
    /// that goes into the MinHash bins.
    #[inline]
    fn sketch_with(
        &self,
        text: &str,
        scratch: &mut Scratch,
        signature: &mut Vec<u32>,
        mut also: impl FnMut(u64),
    ) -> SketchInfo {
        let Scratch {
            history,
            word,
            bins,
        } = scratch;
        bins.reset(self.slots);
        let info = self.stream(text, history, word, |h| {
            bins.add(h);
            also(h);
        });
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
        sink: impl FnMut(u64),
    ) -> SketchInfo {
        let k = self.shingle;
        if k <= SMALL_RING {
            // The common case: a ring on the stack, indexed without checks.
            self.stream_with(text, [0u64; SMALL_RING], word, sink)
        } else {
            // The last word hashes, in a ring of a power-of-two size that
            // holds at least `k` words, or every word the text can have (a
            // word takes at least one byte) when that is fewer.
            let ring = k.min(text.len() + 1).next_power_of_two();
            history.clear();
            history.resize(ring, 0);
            self.stream_with(text, history.as_mut_slice(), word, sink)
        }
    }

    /// [`Fingerprinter::stream`] with a zeroed ring buffer for the last word
    /// hashes.
    #[inline(always)]
    fn stream_with<R: Ring>(
        &self,
        text: &str,
        ring: R,
        word: &mut Vec<u8>,
        sink: impl FnMut(u64),
    ) -> SketchInfo {
        let k = self.shingle;
        let mut shingler = Shingler {
            k,
            out_rot: (k % 64) as u32,
            ring,
            exact: EXACT_SEED,
            words: 0,
            rolling: 0,
            sink,
        };
        if self.raw_text {
            raw::scan_words(text, word, &mut shingler);
        } else {
            for w in storyweave_text::words(text) {
                raw::WordSink::word(&mut shingler, fold_hash(w.text, word));
            }
        }
        let Shingler {
            ring,
            exact,
            words,
            mut sink,
            ..
        } = shingler;
        if words == 0 {
            return SketchInfo::default();
        }
        let shingles = if words < k {
            // Fewer words than the ring holds: it has every word, in order.
            sink(combine(SHINGLE_SEED, ring.first(words)));
            1
        } else {
            words - k + 1
        };
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

    /// 300 words mixing repeats and capitals, for the sketch tests.
    fn mixed_text() -> String {
        (0..300)
            .map(|i| format!("w{} Word{}", i % 37, i % 11))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Fingerprinters over both tokenizers and several shingle sizes and
    /// slot counts, each with its settings `(raw, k, slots)`.
    fn settings() -> impl Iterator<Item = (bool, usize, usize, Fingerprinter)> {
        [false, true].into_iter().flat_map(|raw| {
            [(5, 128), (3, 64), (1, 16), (9, 256)]
                .into_iter()
                .map(move |(k, slots)| {
                    let f = Fingerprinter::builder()
                        .shingle(k)
                        .slots(slots)
                        .raw_text(raw)
                        .build();
                    (raw, k, slots, f)
                })
        })
    }

    #[test]
    fn sketch_matches_fingerprint_signature() {
        let text = mixed_text();
        for (_, _, slots, f) in settings() {
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

    /// The shingle hashes of `text` computed window by window from the word
    /// hashes, without the rolling update: what `stream` must produce.
    fn direct_shingles(word_hashes: &[u64], k: usize) -> Vec<u64> {
        if word_hashes.is_empty() {
            return Vec::new();
        }
        if word_hashes.len() < k {
            return vec![combine(SHINGLE_SEED, word_hashes)];
        }
        word_hashes
            .windows(k)
            .map(|w| {
                let acc = w
                    .iter()
                    .rev()
                    .enumerate()
                    .fold(0u64, |acc, (j, &h)| acc ^ h.rotate_left(j as u32));
                mix64(acc ^ SHINGLE_SEED)
            })
            .collect()
    }

    #[test]
    fn rolling_shingles_match_direct_windows_for_any_shingle_size() {
        let long = (0..300)
            .map(|i| format!("w{} Word{}", i % 37, i % 11))
            .collect::<Vec<_>>()
            .join(" ");
        for k in [1, 2, 3, 5, 8, 9, 63, 64, 65, 100, 1000] {
            let f = Fingerprinter::builder().shingle(k).raw_text(true).build();
            for text in [long.as_str(), "a b c", "one", "", "a b c d e f g h i j"] {
                let mut words = Vec::new();
                raw::for_each_word(text, &mut Vec::new(), |h| words.push(h));
                let mut expected = direct_shingles(&words, k);
                expected.sort_unstable();
                expected.dedup();
                assert_eq!(f.fingerprint(text).shingles, expected, "k = {k}, {text:?}");
            }
        }
    }

    #[test]
    fn sketch_with_shingles_matches_sketch_and_fingerprint() {
        let long = mixed_text();
        for (raw, k, _, f) in settings() {
            let mut scratch = Scratch::new();
            for t in [long.as_str(), "two words", "", "a b c d e f", "  ... "] {
                let mut plain = Vec::new();
                let info = f.sketch_into(t, &mut scratch, &mut plain);
                let (mut sig, mut shingles) = (vec![1u32], vec![2u32]);
                let info2 = f.sketch_with_shingles_into(t, &mut scratch, &mut sig, &mut shingles);
                assert_eq!(info, info2);
                assert_eq!(&sig[1..], &plain[..]);
                assert_eq!(shingles.len(), 1 + info.shingles);
                let mut set = shingles[1..].to_vec();
                set.sort_unstable();
                set.dedup();
                let mut expected: Vec<u32> = f
                    .fingerprint(t)
                    .shingles
                    .iter()
                    .map(|&h| h as u32)
                    .collect();
                expected.sort_unstable();
                expected.dedup();
                assert_eq!(set, expected, "raw {raw}, k {k}, {t:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn sketch_equals_fingerprint_on_any_text(
            words in proptest::collection::vec("[a-zA-Z']{1,12}|[ ,.]{1,3}|n't| 's|é|http://x", 0..80),
            k in 1usize..12,
        ) {
            let text = words.join(" ");
            let f = Fingerprinter::builder().shingle(k).raw_text(true).build();
            let mut scratch = Scratch::new();
            let mut sig = Vec::new();
            let info = f.sketch_into(&text, &mut scratch, &mut sig);
            let full = f.fingerprint(&text);
            proptest::prop_assert_eq!(info.exact, full.exact);
            proptest::prop_assert_eq!(info.shingles == 0, full.is_empty());
            if !full.is_empty() {
                proptest::prop_assert_eq!(sig, full.signature);
                proptest::prop_assert_eq!(info.shingles, info.words.saturating_sub(k) + 1);
            }
        }
    }
}
