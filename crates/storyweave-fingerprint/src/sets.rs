//! Exact set measures on sorted, unique shingle hashes, by one merge walk.
//!
//! Empty sets share nothing: every measure involving an empty set is 0, so
//! documents without words never look similar to anything.

use std::cmp::Ordering;

/// Number of values found in both sorted, unique slices: 64-bit shingle
/// hashes here; the dedup spool's 32-bit ones, alignment anchors and quoted
/// word sets downstream.
pub fn intersection_size<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// Jaccard similarity |A ∩ B| / |A ∪ B| of two sorted, unique slices (0 when
/// both are empty).
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let shared = intersection_size(a, b);
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// Containment |A ∩ B| / |A|: the share of `a`'s shingles found in `b` (0 when
/// `a` is empty). A trimmed reprint has containment 1 in its source.
pub fn containment(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    intersection_size(a, b) as f64 / a.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn set(v: Vec<u64>) -> Vec<u64> {
        let mut v = v;
        v.sort_unstable();
        v.dedup();
        v
    }

    #[test]
    fn known_values() {
        let a = [1, 2, 3, 4];
        let b = [3, 4, 5, 6, 7, 8];
        assert_eq!(intersection_size(&a, &b), 2);
        assert!((jaccard(&a, &b) - 2.0 / 8.0).abs() < 1e-12);
        assert!((containment(&a, &b) - 0.5).abs() < 1e-12);
        assert!((containment(&b, &a) - 2.0 / 6.0).abs() < 1e-12);
    }

    #[test]
    fn intersection_counts_shared_values() {
        // The 32-bit shingle ids of the dedup spool go through it too.
        assert_eq!(intersection_size::<u32>(&[1, 3, 5, 7], &[3, 4, 5, 8]), 2);
        assert_eq!(intersection_size::<u32>(&[], &[1]), 0);
        assert_eq!(intersection_size::<u32>(&[2], &[2]), 1);
    }

    #[test]
    fn empty_sets_share_nothing() {
        assert_eq!(jaccard(&[], &[]), 0.0);
        assert_eq!(containment(&[], &[1]), 0.0);
        assert_eq!(containment(&[1], &[]), 0.0);
    }

    proptest! {
        #[test]
        fn measures_are_in_unit_interval(a in prop::collection::vec(0u64..64, 0..40),
                                         b in prop::collection::vec(0u64..64, 0..40)) {
            let (a, b) = (set(a), set(b));
            for v in [jaccard(&a, &b), containment(&a, &b), containment(&b, &a)] {
                prop_assert!((0.0..=1.0).contains(&v));
            }
        }

        #[test]
        fn jaccard_is_symmetric(a in prop::collection::vec(0u64..64, 0..40),
                                b in prop::collection::vec(0u64..64, 0..40)) {
            let (a, b) = (set(a), set(b));
            prop_assert_eq!(jaccard(&a, &b), jaccard(&b, &a));
        }

        #[test]
        fn a_set_contains_itself(a in prop::collection::vec(any::<u64>(), 1..40)) {
            let a = set(a);
            prop_assert_eq!(containment(&a, &a), 1.0);
            prop_assert_eq!(jaccard(&a, &a), 1.0);
        }

        #[test]
        fn jaccard_never_exceeds_either_containment(a in prop::collection::vec(0u64..64, 1..40),
                                                     b in prop::collection::vec(0u64..64, 1..40)) {
            let (a, b) = (set(a), set(b));
            let j = jaccard(&a, &b);
            prop_assert!(j <= containment(&a, &b) + 1e-12);
            prop_assert!(j <= containment(&b, &a) + 1e-12);
        }
    }
}
