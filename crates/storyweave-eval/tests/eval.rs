//! The scorer against hand-computed examples, and its invariants over random
//! labelings.

use proptest::prelude::*;
use storyweave_eval::{EvalError, Mistake, evaluate, score};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// Gold {0,1,2} {3,4}; predicted {0,1} {2,3,4}. Worked by hand:
/// * pairwise: true pairs (0,1) and (3,4) = 2 of 4 predicted and 4 gold pairs;
/// * BCubed precision per document 1, 1, 1/3, 2/3, 2/3 (mean 11/15), recall
///   2/3, 2/3, 1/3, 1, 1 (mean 11/15);
/// * ARI: index 2, expected 4 * 4 / 10 = 1.6, max 4: 0.4 / 2.4 = 1/6.
#[test]
fn hand_computed_example() {
    let gold = ["A", "A", "A", "B", "B"];
    let predicted = [1, 1, 2, 2, 2];
    let e = evaluate(&predicted, &gold, 5).expect("scores");
    let s = e.scores;
    assert_eq!(s.documents, 5);
    assert_eq!((s.predicted_clusters, s.gold_clusters), (2, 2));
    assert!(close(s.pairwise.precision, 0.5) && close(s.pairwise.recall, 0.5));
    assert!(close(s.pairwise.f1, 0.5));
    assert!(close(s.bcubed.precision, 11.0 / 15.0));
    assert!(close(s.bcubed.recall, 11.0 / 15.0));
    assert!(close(s.bcubed.f1, 11.0 / 15.0));
    assert!(close(s.ari, 1.0 / 6.0), "{}", s.ari);
    assert_eq!(
        e.merges,
        vec![Mistake {
            pairs: 2,
            parts: vec![vec![3, 4], vec![2]]
        }]
    );
    assert_eq!(
        e.splits,
        vec![Mistake {
            pairs: 2,
            parts: vec![vec![0, 1], vec![2]]
        }]
    );
}

/// Gold {0,1} {2,3} {4,5,6}; predicted {0,1,2,3} {4,5} {6}. By hand:
/// * pairwise: predicted pairs 6 + 1 = 7, gold pairs 1 + 1 + 3 = 5, true
///   pairs 1 + 1 + 1 = 3: precision 3/7, recall 3/5;
/// * BCubed precision 1/2 (x4), 1 (x3): 5/7; recall 1 (x4), 2/3, 2/3, 1/3: 17/21;
/// * ARI: expected 7 * 5 / 21 = 5/3, max 6: (3 - 5/3) / (6 - 5/3) = 4/13.
#[test]
fn second_hand_computed_example_with_unequal_errors() {
    let gold = ["x", "x", "y", "y", "z", "z", "z"];
    let predicted = ["p", "p", "p", "p", "q", "q", "r"];
    let e = evaluate(&predicted, &gold, 1).expect("scores");
    let s = e.scores;
    assert!(close(s.pairwise.precision, 3.0 / 7.0));
    assert!(close(s.pairwise.recall, 3.0 / 5.0));
    let f1 = 2.0 * (3.0 / 7.0) * (3.0 / 5.0) / (3.0 / 7.0 + 3.0 / 5.0);
    assert!(close(s.pairwise.f1, f1));
    assert!(close(s.bcubed.precision, 5.0 / 7.0));
    assert!(close(s.bcubed.recall, 17.0 / 21.0));
    assert!(close(s.ari, 4.0 / 13.0), "{}", s.ari);
    // One merge (4 wrong pairs), one split (2 missed pairs); `worst` = 1 keeps one each.
    assert_eq!(e.merges.len(), 1);
    assert_eq!(e.merges[0].pairs, 4);
    assert_eq!(e.merges[0].parts, vec![vec![0, 1], vec![2, 3]]);
    assert_eq!(e.splits.len(), 1);
    assert_eq!(e.splits[0].pairs, 2);
    assert_eq!(e.splits[0].parts, vec![vec![4, 5], vec![6]]);
}

#[test]
fn perfect_and_degenerate_partitions() {
    let s = score(&[7, 7, 9], &["a", "a", "b"]).expect("scores");
    assert!(close(s.bcubed.f1, 1.0) && close(s.pairwise.f1, 1.0) && close(s.ari, 1.0));

    // All singletons on both sides: no pairs anywhere, a perfect match.
    let s = score(&[1, 2, 3, 4], &[5, 6, 7, 8]).expect("scores");
    assert!(close(s.pairwise.precision, 1.0) && close(s.pairwise.recall, 1.0));
    assert!(close(s.bcubed.f1, 1.0) && close(s.ari, 1.0));

    // Everything in one cluster against singletons.
    let s = score(&[0, 0, 0, 0], &[1, 2, 3, 4]).expect("scores");
    assert!(close(s.pairwise.precision, 0.0) && close(s.pairwise.recall, 1.0));
    assert!(close(s.pairwise.f1, 0.0));
    assert!(close(s.bcubed.precision, 0.25) && close(s.bcubed.recall, 1.0));
    assert!(close(s.bcubed.f1, 0.4));
    assert!(close(s.ari, 0.0));

    // One document.
    let s = score(&[0], &["a"]).expect("scores");
    assert!(close(s.bcubed.f1, 1.0) && close(s.ari, 1.0));
}

#[test]
fn bad_inputs_are_errors() {
    assert_eq!(
        score(&[1, 2], &[1]),
        Err(EvalError::LengthMismatch {
            predicted: 2,
            gold: 1
        })
    );
    assert_eq!(score::<u8, u8>(&[], &[]), Err(EvalError::Empty));
    assert!(evaluate::<u8, u8>(&[], &[], 3).is_err());
}

fn labels() -> impl Strategy<Value = (Vec<u8>, Vec<u8>)> {
    (1usize..40).prop_flat_map(|n| {
        (
            prop::collection::vec(0u8..6, n),
            prop::collection::vec(0u8..6, n),
        )
    })
}

proptest! {
    #[test]
    fn scores_are_bounded_and_swapping_sides_swaps_precision_and_recall((p, g) in labels()) {
        let a = score(&p, &g).expect("scores");
        let b = score(&g, &p).expect("scores");
        for v in [a.pairwise.precision, a.pairwise.recall, a.pairwise.f1,
                  a.bcubed.precision, a.bcubed.recall, a.bcubed.f1] {
            prop_assert!((0.0..=1.0 + 1e-12).contains(&v));
        }
        prop_assert!(a.ari <= 1.0 + 1e-9);
        prop_assert!(close(a.pairwise.precision, b.pairwise.recall));
        prop_assert!(close(a.bcubed.precision, b.bcubed.recall));
        prop_assert!(close(a.bcubed.f1, b.bcubed.f1));
        prop_assert!(close(a.ari, b.ari));
    }

    #[test]
    fn renaming_labels_changes_nothing((p, g) in labels()) {
        let renamed: Vec<String> = p.iter().map(|x| format!("story-{}", 100 - *x as i32)).collect();
        prop_assert_eq!(score(&p, &g).expect("scores"), score(&renamed, &g).expect("scores"));
    }

    #[test]
    fn a_partition_scored_against_itself_is_perfect(p in prop::collection::vec(0u8..8, 1..40)) {
        let e = evaluate(&p, &p, 10).expect("scores");
        prop_assert!(close(e.scores.bcubed.f1, 1.0));
        prop_assert!(close(e.scores.pairwise.f1, 1.0));
        prop_assert!(close(e.scores.ari, 1.0));
        prop_assert!(e.merges.is_empty() && e.splits.is_empty());
    }
}
