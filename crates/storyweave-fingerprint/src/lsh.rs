//! LSH banding over MinHash signatures: the *candidates* stage.
//!
//! A signature of `bands * rows` slots is cut into `bands` bands of `rows`
//! values; two documents become a candidate pair when any band is identical.
//! A pair with Jaccard `s` becomes a candidate with probability
//! `1 - (1 - s^rows)^bands` (the "S-curve"). Buckets are compact: each band
//! is hashed to one `u64`, all `(band hash, document)` entries live in one
//! flat vector, and sorting it groups the buckets — no map keyed by vectors.

use crate::mix64;

/// Banding of a signature: `bands` bands of `rows` slots each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LshParams {
    /// Number of bands.
    pub bands: usize,
    /// Slots per band.
    pub rows: usize,
}

/// Probability that a pair with Jaccard `s` shares at least one band.
fn collision(s: f64, bands: usize, rows: usize) -> f64 {
    let rows = i32::try_from(rows).unwrap_or(i32::MAX);
    let bands = i32::try_from(bands).unwrap_or(i32::MAX);
    1.0 - (1.0 - s.powi(rows)).powi(bands)
}

/// Simpson's rule for `f` over `[lo, hi]` with 64 intervals.
fn integrate(lo: f64, hi: f64, f: impl Fn(f64) -> f64) -> f64 {
    if hi <= lo {
        return 0.0;
    }
    const N: usize = 64;
    let h = (hi - lo) / N as f64;
    let mut sum = f(lo) + f(hi);
    for i in 1..N {
        let w = if i % 2 == 1 { 4.0 } else { 2.0 };
        sum += w * f(lo + h * i as f64);
    }
    sum * h / 3.0
}

impl LshParams {
    /// The banding for `slots`-slot signatures whose S-curve best separates
    /// pairs above `threshold` from pairs below: among all `(bands, rows)`
    /// with `bands * rows <= slots`, the one minimising the false-positive
    /// area `∫₀ᵗ P(s) ds` plus the false-negative area `∫ₜ¹ (1 - P(s)) ds`
    /// (equal weights), integrated numerically. A threshold outside `[0, 1]`
    /// (or NaN) is clamped (NaN reads as 0.5); `slots` of 0 reads as 1.
    pub fn for_threshold(threshold: f64, slots: usize) -> LshParams {
        let t = if threshold.is_nan() {
            0.5
        } else {
            threshold.clamp(0.0, 1.0)
        };
        let slots = slots.max(1);
        let mut best = LshParams {
            bands: 1,
            rows: slots,
        };
        let mut best_error = f64::INFINITY;
        for bands in 1..=slots {
            for rows in 1..=slots / bands {
                let fp = integrate(0.0, t, |s| collision(s, bands, rows));
                let fn_ = integrate(t, 1.0, |s| 1.0 - collision(s, bands, rows));
                let error = fp + fn_;
                if error < best_error {
                    best_error = error;
                    best = LshParams { bands, rows };
                }
            }
        }
        best
    }

    /// Probability that a pair with Jaccard `s` becomes a candidate.
    pub fn probability(&self, s: f64) -> f64 {
        collision(s.clamp(0.0, 1.0), self.bands, self.rows)
    }

    /// The Jaccard at which the S-curve is steepest, about `(1/b)^(1/r)`.
    pub fn threshold(&self) -> f64 {
        if self.bands == 0 || self.rows == 0 {
            return 1.0;
        }
        (1.0 / self.bands as f64).powf(1.0 / self.rows as f64)
    }

    /// Slots a signature needs for this banding.
    pub fn slots(&self) -> usize {
        self.bands.saturating_mul(self.rows)
    }
}

/// Hash of one band (its index and its values) to one `u64`.
#[inline]
fn band_hash(band: usize, values: &[u32]) -> u64 {
    let mut acc = mix64(0x6a09_e667_f3bc_c909 ^ band as u64);
    for &v in values {
        acc = mix64(acc ^ u64::from(v));
    }
    acc
}

/// Buckets of banded signatures. Documents are added with [`LshIndex::insert`];
/// [`LshIndex::candidates`] groups them and lists the pairs.
#[derive(Debug, Clone)]
pub struct LshIndex {
    params: LshParams,
    max_bucket: usize,
    entries: Vec<(u64, u32)>,
}

impl LshIndex {
    /// Default bound on the size of a bucket listed pair by pair.
    pub const DEFAULT_MAX_BUCKET: usize = 200;

    /// An empty index for the given banding.
    pub fn new(params: LshParams) -> LshIndex {
        LshIndex {
            params,
            max_bucket: Self::DEFAULT_MAX_BUCKET,
            entries: Vec::new(),
        }
    }

    /// Bounds quadratic work: a bucket of more than `max` documents (which
    /// only happens with masses of near-identical texts) yields the pairs of
    /// consecutive documents (by id) instead of all pairs, which still
    /// connects them all. At least 2.
    pub fn with_max_bucket(mut self, max: usize) -> LshIndex {
        self.max_bucket = max.max(2);
        self
    }

    /// The banding in use.
    pub fn params(&self) -> LshParams {
        self.params
    }

    /// Adds document `id`'s signature. A signature shorter than
    /// `bands * rows` (e.g. the empty signature of an empty text) is ignored.
    pub fn insert(&mut self, id: u32, signature: &[u32]) {
        let LshParams { bands, rows } = self.params;
        if rows == 0 || signature.len() < self.params.slots() {
            return;
        }
        for (band, values) in signature.chunks_exact(rows).take(bands).enumerate() {
            self.entries.push((band_hash(band, values), id));
        }
    }

    /// All candidate pairs `(i, j)` with `i < j`, unique and sorted: the
    /// documents sharing at least one band.
    pub fn candidates(&mut self) -> Vec<(u32, u32)> {
        self.entries.sort_unstable();
        self.entries.dedup();
        let mut pairs = Vec::new();
        let mut start = 0;
        while start < self.entries.len() {
            let key = self.entries.get(start).map_or(0, |e| e.0);
            let end = start
                + self
                    .entries
                    .get(start..)
                    .map_or(0, |rest| rest.iter().take_while(|e| e.0 == key).count());
            if let Some(bucket) = self.entries.get(start..end)
                && bucket.len() > 1
            {
                if bucket.len() <= self.max_bucket {
                    for (n, &(_, a)) in bucket.iter().enumerate() {
                        for &(_, b) in bucket.get(n + 1..).unwrap_or(&[]) {
                            pairs.push((a.min(b), a.max(b)));
                        }
                    }
                } else {
                    for w in bucket.windows(2) {
                        if let [(_, a), (_, b)] = w {
                            pairs.push((*a.min(b), *a.max(b)));
                        }
                    }
                }
            }
            start = end.max(start + 1);
        }
        pairs.retain(|(a, b)| a != b);
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }
}

/// Candidate pairs `(i, j)`, `i < j`, of documents (indices into
/// `fingerprints`) whose signatures share a band under `params`.
pub fn candidates(fingerprints: &[crate::Fingerprint], params: LshParams) -> Vec<(u32, u32)> {
    let mut index = LshIndex::new(params);
    for (i, f) in fingerprints.iter().enumerate() {
        if let Ok(id) = u32::try_from(i) {
            index.insert(id, &f.signature);
        }
    }
    index.candidates()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Fingerprinter, jaccard_estimate};

    /// A text of `n` distinct words drawn from a seed.
    fn words(seed: u64, n: usize) -> Vec<String> {
        (0..n as u64)
            .map(|i| format!("w{:x}", mix64(seed * 1_000_003 + i) % 50_000))
            .collect()
    }

    #[test]
    fn params_fit_in_the_signature_and_track_the_threshold() {
        for &(t, slots) in &[(0.8, 128), (0.5, 128), (0.9, 256), (0.3, 64), (0.7, 32)] {
            let p = LshParams::for_threshold(t, slots);
            assert!(p.bands >= 1 && p.rows >= 1);
            assert!(p.slots() <= slots);
            assert!(
                (p.threshold() - t).abs() < 0.15,
                "{t} {slots} -> {p:?} ({})",
                p.threshold()
            );
        }
        let high = LshParams::for_threshold(0.9, 128);
        let low = LshParams::for_threshold(0.5, 128);
        assert!(high.probability(0.6) < low.probability(0.6));
        let p = LshParams::for_threshold(0.8, 128);
        // 9 bands of 13 rows: the S-curve's midpoint sits at the threshold.
        assert!(p.probability(0.9) > 0.9);
        assert!(p.probability(0.95) > 0.99);
        assert!(p.probability(0.7) < 0.2);
        assert!(p.probability(0.3) < 0.01);
    }

    #[test]
    fn degenerate_thresholds_do_not_panic() {
        for t in [f64::NAN, -1.0, 0.0, 1.0, 2.0] {
            let p = LshParams::for_threshold(t, 0);
            assert_eq!(p.slots(), 1);
            let p = LshParams::for_threshold(t, 16);
            assert!(p.slots() <= 16);
        }
    }

    #[test]
    fn finds_a_similar_pair_and_rarely_pairs_unrelated_texts() {
        let fpr = Fingerprinter::default();
        let params = LshParams::for_threshold(0.8, 128);
        let mut fingerprints = Vec::new();
        let mut found = 0;
        // 20 near-duplicate pairs (one word in 100 changed: Jaccard about 0.9)
        // among 40 unrelated texts.
        for seed in 0..20u64 {
            let a = words(seed, 300);
            let mut b = a.clone();
            for i in (0..b.len()).step_by(100) {
                b[i] = format!("changed{i}");
            }
            let (fa, fb) = (fpr.fingerprint(&a.join(" ")), fpr.fingerprint(&b.join(" ")));
            assert!(crate::jaccard(&fa.shingles, &fb.shingles) > 0.8);
            fingerprints.push(fa);
            fingerprints.push(fb);
        }
        let pairs = candidates(&fingerprints, params);
        for seed in 0..20u32 {
            if pairs.binary_search(&(2 * seed, 2 * seed + 1)).is_ok() {
                found += 1;
            }
        }
        assert!(found >= 18, "found {found} of 20");
        let unrelated = pairs.iter().filter(|(a, b)| a / 2 != b / 2).count();
        assert_eq!(unrelated, 0, "unrelated pairs: {pairs:?}");
        for (a, b) in &pairs {
            assert!(a < b);
            let s = jaccard_estimate(
                &fingerprints[*a as usize].signature,
                &fingerprints[*b as usize].signature,
            );
            assert!(s > 0.3);
        }
    }

    #[test]
    fn identical_signatures_pair_up_and_empty_ones_are_ignored() {
        let fpr = Fingerprinter::default();
        let t = words(9, 100).join(" ");
        let f = vec![
            fpr.fingerprint(&t),
            fpr.fingerprint(""),
            fpr.fingerprint(&t),
            fpr.fingerprint(&t),
        ];
        let pairs = candidates(&f, LshParams::for_threshold(0.8, 128));
        assert_eq!(pairs, vec![(0, 2), (0, 3), (2, 3)]);
    }

    #[test]
    fn oversized_bucket_is_chained() {
        let mut index = LshIndex::new(LshParams { bands: 1, rows: 4 }).with_max_bucket(3);
        for id in [5, 1, 3, 2, 4] {
            index.insert(id, &[1, 2, 3, 4]);
        }
        assert_eq!(index.candidates(), vec![(1, 2), (2, 3), (3, 4), (4, 5)]);
    }
}
