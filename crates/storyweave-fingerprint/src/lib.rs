//! The *fingerprint* and *candidates* stages: word shingles hashed once,
//! MinHash signatures by one-permutation hashing, LSH banding, and candidate
//! pairs verified by estimated Jaccard and containment.
//!
//! # Tokens and shingles
//! The text is cut into words by [`storyweave_text::words`]; each word is
//! case-folded into one reused buffer (ASCII bytes folded in place, other
//! words lowercased into the same `String`) and hashed once with xxh3-64.
//! Every run of `k` consecutive words (default 5) gets one 64-bit shingle hash
//! computed by mixing the `k` word hashes — text is never hashed twice. A text
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

pub mod lsh;
pub mod minhash;
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
}

/// Computes [`Fingerprint`]s. Cheap to share across threads.
#[derive(Debug, Clone)]
pub struct Fingerprinter {
    shingle: usize,
    slots: usize,
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

/// Order-sensitive combination of word hashes into one 64-bit value.
#[inline]
fn combine(seed: u64, hashes: &[u64]) -> u64 {
    let mut acc = seed;
    for &h in hashes {
        acc = (acc ^ h)
            .wrapping_mul(0x9fb2_1c65_1e98_df25)
            .rotate_left(29);
    }
    mix64(acc ^ hashes.len() as u64)
}

impl Fingerprinter {
    /// Starts a builder: word 5-grams, 128 slots.
    pub fn builder() -> FingerprinterBuilder {
        FingerprinterBuilder {
            shingle: 5,
            slots: 128,
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

    /// Fingerprints one normalized text.
    pub fn fingerprint(&self, text: &str) -> Fingerprint {
        let hashes = word_hashes(text);
        if hashes.is_empty() {
            return Fingerprint::default();
        }
        let exact = combine(EXACT_SEED, &hashes);
        let k = self.shingle.min(hashes.len());
        let mut shingles: Vec<u64> = hashes
            .windows(k)
            .map(|w| combine(SHINGLE_SEED, w))
            .collect();
        shingles.sort_unstable();
        shingles.dedup();
        let signature = signature(&shingles, self.slots);
        Fingerprint {
            exact,
            signature,
            shingles,
        }
    }
}

/// The xxh3-64 hash of every case-folded word of `text`, in order. One
/// reused buffer holds the folded word; nothing is allocated per word.
pub fn word_hashes(text: &str) -> Vec<u64> {
    let mut folded = String::new();
    let mut out = Vec::with_capacity(text.len() / 6);
    for word in storyweave_text::words(text) {
        out.push(fold_hash(word.text, &mut folded));
    }
    out
}

/// Hashes the case-folded form of `word`, using `buf` as scratch space.
#[inline]
fn fold_hash(word: &str, buf: &mut String) -> u64 {
    if word.is_ascii() {
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return xxhash_rust::xxh3::xxh3_64(word.as_bytes());
        }
        buf.clear();
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        buf.clear();
        for c in word.chars() {
            buf.extend(c.to_lowercase());
        }
    }
    xxhash_rust::xxh3::xxh3_64(buf.as_bytes())
}

impl FingerprinterBuilder {
    /// Words per shingle (at least 1; default 5).
    pub fn shingle(mut self, words: usize) -> Self {
        self.shingle = words.max(1);
        self
    }

    /// Slots of the MinHash signature (at least 1; default 128).
    pub fn slots(mut self, slots: usize) -> Self {
        self.slots = slots.max(1);
        self
    }

    /// Fixes the settings.
    pub fn build(self) -> Fingerprinter {
        Fingerprinter {
            shingle: self.shingle,
            slots: self.slots,
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
}
