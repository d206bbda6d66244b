//! MinHash signatures by one-permutation hashing (OPH) with optimal
//! densification (Shrivastava, ICML 2017).
//!
//! Classic MinHash hashes every shingle once per slot (128 hashes per
//! shingle). OPH hashes every shingle once: the high 32 bits of the (already
//! well-mixed) 64-bit shingle hash pick one of `slots` bins, the low 32 bits
//! are the value, and each bin keeps its minimum value. Bins that received no
//! shingle (short texts) are filled by *optimal densification*: empty bin `i`
//! probes bins `h(i, 0), h(i, 1), ...` — a fixed hash sequence that depends
//! only on `i` and the attempt number, never on the document — and copies the
//! value of the first non-empty bin it meets. Because every document uses the
//! same probe sequences, two documents' slot `i` agree with probability equal
//! to their Jaccard similarity, so the share of equal slots is an unbiased
//! estimate with the variance of classic MinHash (standard error about
//! `sqrt(J(1-J)/slots)`, i.e. at most 0.044 with 128 slots).
//!
//! A text without shingles has an empty signature; [`jaccard_estimate`]
//! returns 0 for it (nothing shared), and LSH ignores it.

use crate::mix64;

/// Seed of the densification probe sequence.
const PROBE_SEED: u64 = 0x5851_f42d_4c95_7f2d;

/// The bin (of `slots`) of a shingle hash: fast range reduction of its high
/// 32 bits.
#[inline]
fn bin_of(hash: u64, slots: usize) -> usize {
    (((hash >> 32) * slots as u64) >> 32) as usize
}

/// The MinHash signature (`slots` values) of a set of shingle hashes; empty
/// when `shingles` is empty or `slots` is 0. Duplicates in `shingles` are
/// harmless.
pub fn signature(shingles: &[u64], slots: usize) -> Vec<u32> {
    if shingles.is_empty() || slots == 0 || slots > u32::MAX as usize {
        return Vec::new();
    }
    let mut bins = Bins::default();
    bins.reset(slots);
    for &h in shingles {
        bins.add(h);
    }
    let mut out = Vec::with_capacity(slots);
    bins.finish_into(&mut out);
    out
}

/// The OPH accumulator: one minimum per bin, reused from document to
/// document so that sketching allocates nothing once warmed up.
#[derive(Debug, Clone, Default)]
pub(crate) struct Bins {
    /// Minimum value of each bin (`u32::MAX` while empty).
    values: Vec<u32>,
    /// One bit per bin, set once the bin received a shingle: a branch-free
    /// update, counted only when the signature is finished.
    filled: Vec<u64>,
}

/// True when bin `i` is marked in the bit set `filled`.
#[inline]
fn is_filled(filled: &[u64], i: usize) -> bool {
    filled
        .get(i / 64)
        .is_some_and(|&word| word & (1u64 << (i % 64)) != 0)
}

impl Bins {
    /// Empties every bin and sets their number.
    pub(crate) fn reset(&mut self, slots: usize) {
        self.values.clear();
        self.values.resize(slots, u32::MAX);
        self.filled.clear();
        self.filled.resize(slots.div_ceil(64), 0);
    }

    /// Adds one shingle hash.
    #[inline]
    pub(crate) fn add(&mut self, h: u64) {
        let bin = bin_of(h, self.values.len());
        if let Some(v) = self.values.get_mut(bin) {
            *v = (*v).min(h as u32);
        }
        if let Some(word) = self.filled.get_mut(bin / 64) {
            *word |= 1u64 << (bin % 64);
        }
    }

    /// Appends the densified signature (one value per bin) to `out`. Must
    /// only be called after at least one [`Bins::add`].
    pub(crate) fn finish_into(&self, out: &mut Vec<u32>) {
        let filled: usize = self.filled.iter().map(|w| w.count_ones() as usize).sum();
        if filled == self.values.len() {
            out.extend_from_slice(&self.values);
            return;
        }
        for (i, &v) in self.values.iter().enumerate() {
            out.push(if is_filled(&self.filled, i) {
                v
            } else {
                densify(i, &self.values, &self.filled)
            });
        }
    }
}

/// The value an empty bin `i` borrows: the first non-empty bin along its
/// document-independent probe sequence. After `64 * slots` probes (which
/// essentially never happens) it falls back to the next non-empty bin in
/// circular order, which is equally document-independent.
fn densify(i: usize, values: &[u32], filled: &[u64]) -> u32 {
    let slots = values.len();
    let limit = 64 * slots as u64;
    for attempt in 0..limit {
        let probe = mix64(PROBE_SEED ^ ((i as u64) << 32) ^ attempt);
        let j = bin_of(probe, slots);
        if is_filled(filled, j) {
            return values.get(j).copied().unwrap_or(u32::MAX);
        }
    }
    (1..slots)
        .map(|d| (i + d) % slots)
        .find(|&j| is_filled(filled, j))
        .and_then(|j| values.get(j).copied())
        .unwrap_or(u32::MAX)
}

/// Estimated Jaccard similarity of the shingle sets behind two signatures:
/// the share of slots with equal values. 0 when either is empty or their
/// lengths differ (signatures made with different settings are not comparable).
pub fn jaccard_estimate(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count();
    equal as f64 / a.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic pseudo-random shingle hash stream.
    fn hashes(seed: u64, n: usize) -> Vec<u64> {
        (0..n as u64)
            .map(|i| mix64(seed.wrapping_mul(0x1000_0000_01b3) ^ i))
            .collect()
    }

    /// Two sets of `n` elements sharing `shared` of them.
    fn pair(seed: u64, n: usize, shared: usize) -> (Vec<u64>, Vec<u64>) {
        let common = hashes(seed, shared);
        let mut a = common.clone();
        a.extend(hashes(seed + 1_000_003, n - shared));
        let mut b = common;
        b.extend(hashes(seed + 2_000_003, n - shared));
        (a, b)
    }

    #[test]
    fn estimate_is_close_to_true_jaccard_on_average() {
        // Many pairs over the whole similarity range and over small (densified)
        // and large sets. The standard error of one estimate is at most
        // sqrt(0.25 / 128) = 0.044, so the mean absolute error over many pairs
        // is about 0.8 of the mean standard error: well under 0.05.
        let mut total_error = 0.0;
        let mut count = 0;
        for seed in 0..200u64 {
            let n = [20, 60, 200, 1000][(seed % 4) as usize];
            let shared = (seed as usize * 7) % (n + 1);
            let (a, b) = pair(seed * 31, n, shared);
            let truth = shared as f64 / (2 * n - shared) as f64;
            let est = jaccard_estimate(&signature(&a, 128), &signature(&b, 128));
            total_error += (est - truth).abs();
            count += 1;
        }
        let mean = total_error / f64::from(count);
        assert!(mean < 0.05, "mean absolute error {mean}");
    }

    #[test]
    fn estimate_is_unbiased_for_tiny_sets_thanks_to_densification() {
        // Sets of 10 shingles leave most of the 128 bins empty.
        let mut sum = 0.0;
        let trials = 300;
        for seed in 0..trials {
            let (a, b) = pair(seed * 97 + 5, 10, 5);
            sum += jaccard_estimate(&signature(&a, 128), &signature(&b, 128));
        }
        let mean = sum / trials as f64;
        let truth = 5.0 / 15.0;
        assert!((mean - truth).abs() < 0.03, "mean {mean} vs {truth}");
    }

    #[test]
    fn signature_does_not_depend_on_shingle_order_or_duplicates() {
        let a = hashes(3, 50);
        let mut b = a.clone();
        b.reverse();
        b.extend_from_slice(&a[..10]);
        assert_eq!(signature(&a, 128), signature(&b, 128));
    }

    #[test]
    fn disjoint_sets_rarely_match() {
        let a = signature(&hashes(1, 300), 128);
        let b = signature(&hashes(2, 300), 128);
        assert!(jaccard_estimate(&a, &b) < 0.05);
    }

    #[test]
    fn single_shingle_fills_every_slot() {
        let s = signature(&[0x1234_5678_9abc_def0], 16);
        assert_eq!(s.len(), 16);
        assert!(s.iter().all(|&v| v == 0x9abc_def0));
    }

    #[test]
    fn degenerate_inputs_do_not_panic() {
        assert!(signature(&[], 128).is_empty());
        assert!(signature(&[1, 2, 3], 0).is_empty());
        assert_eq!(jaccard_estimate(&[], &[]), 0.0);
        assert_eq!(jaccard_estimate(&[1, 2], &[1]), 0.0);
        assert_eq!(signature(&[u64::MAX, 0], 1).len(), 1);
    }
}
