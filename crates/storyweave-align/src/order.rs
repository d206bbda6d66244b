//! One narrative order for the passages of a story.
//!
//! Each document reads its passages in an order; every pair of consecutive
//! passages in a document is an edge of a graph, weighted by the number of
//! documents that read them so. A topological order of that graph respects
//! every document at once. When the documents disagree (a paragraph moved)
//! the graph has a cycle; it is broken by placing next the remaining passage
//! whose unplaced predecessors carry the least weight — the order fewest
//! documents contradict. Among passages free to go next, the one whose mean
//! relative position in its documents is earliest goes first, then the one
//! created first, so documents that share nothing still interleave sensibly.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

/// Orders `n` passages. `sequences` holds, per document, its passages in
/// reading order; `position` a sort key per passage (lower = earlier).
/// Returns every passage index exactly once.
pub(crate) fn narrative(n: usize, sequences: &[Vec<usize>], position: &[u64]) -> Vec<usize> {
    let mut weights: BTreeMap<(usize, usize), u32> = BTreeMap::new();
    for seq in sequences {
        for pair in seq.windows(2) {
            if let [a, b] = *pair
                && a != b
                && a < n
                && b < n
            {
                *weights.entry((a, b)).or_insert(0) += 1;
            }
        }
    }
    let mut out_edges: Vec<Vec<(usize, u32)>> = vec![Vec::new(); n];
    let mut in_weight = vec![0u64; n];
    let mut in_count = vec![0usize; n];
    for (&(a, b), &w) in &weights {
        out_edges[a].push((b, w));
        in_weight[b] += u64::from(w);
        in_count[b] += 1;
    }
    let key = |p: usize| (position.get(p).copied().unwrap_or(u64::MAX), p);
    let mut ready: BinaryHeap<Reverse<(u64, usize)>> = (0..n)
        .filter(|&p| in_count[p] == 0)
        .map(|p| Reverse(key(p)))
        .collect();
    let mut placed = vec![false; n];
    let mut order = Vec::with_capacity(n);
    while order.len() < n {
        let next = match ready.pop() {
            Some(Reverse((_, p))) if !placed[p] => p,
            Some(_) => continue,
            None => {
                // A cycle: place the passage that the fewest documents want later.
                let Some(p) = (0..n)
                    .filter(|&p| !placed[p])
                    .min_by_key(|&p| (in_weight[p], key(p)))
                else {
                    break;
                };
                p
            }
        };
        placed[next] = true;
        order.push(next);
        for &(b, w) in &out_edges[next] {
            if placed[b] {
                continue;
            }
            in_weight[b] -= u64::from(w);
            in_count[b] -= 1;
            if in_count[b] == 0 {
                ready.push(Reverse(key(b)));
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insertions_go_where_their_document_puts_them() {
        // doc 0: 0 1 2; doc 1: 0 3 1 2 (3 only in doc 1).
        let order = narrative(4, &[vec![0, 1, 2], vec![0, 3, 1, 2]], &[0, 10, 20, 5]);
        assert_eq!(order, [0, 3, 1, 2]);
    }

    #[test]
    fn a_moved_passage_breaks_the_cycle_by_majority() {
        // Two documents read 0 1 2 3, one moves 1 to the end.
        let seqs = [vec![0, 1, 2, 3], vec![0, 1, 2, 3], vec![0, 2, 3, 1]];
        let order = narrative(4, &seqs, &[0, 1, 2, 3]);
        assert_eq!(order, [0, 1, 2, 3]);
    }

    #[test]
    fn every_passage_once_even_with_bad_input() {
        let order = narrative(3, &[vec![2, 1, 0, 2, 9], vec![]], &[]);
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, [0, 1, 2]);
        assert!(narrative(0, &[], &[]).is_empty());
    }
}
