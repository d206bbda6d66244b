//! Families: documents that reuse the same copy, found as text-reuse tools
//! do — through *rare* shared shingles.
//!
//! An inverted index maps each shingle to the documents holding it (one
//! flat vector sorted by shingle). Shingles held by more than `max_df`
//! documents are boilerplate (site furniture, stock phrases) and ignored;
//! the others vote for every pair of documents sharing them. Each
//! document's posting lists are walked once with a dense counter array, so
//! the cost is bounded by `max_df` times the number of index entries and
//! no pair list is ever materialised. A pair is linked when its shared rare
//! shingles reach both a share of the smaller document
//! (`shared / min(|A|, |B|) >= min_containment`) and an absolute count
//! (`shared >= min_shared`), so a single shared quotation does not make two
//! independent reports one family.

/// What makes two documents one family.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FamilyRule {
    pub(crate) max_df: usize,
    pub(crate) min_containment: f64,
    pub(crate) min_shared: usize,
}

/// Pairs `(i, j)` (positions in `docs`, `i < j`) that reuse the same copy.
/// `docs` holds each document's sorted, unique shingles.
pub(crate) fn family_pairs(docs: &[&[u64]], rule: FamilyRule) -> Vec<(usize, usize)> {
    let total: usize = docs.iter().map(|d| d.len()).sum();
    let mut entries: Vec<(u64, u32)> = Vec::with_capacity(total);
    for (d, shingles) in docs.iter().enumerate() {
        let Ok(d) = u32::try_from(d) else { break };
        entries.extend(shingles.iter().map(|&s| (s, d)));
    }
    entries.sort_unstable();
    entries.dedup();

    // Rare posting lists (2..=max_df documents), and for each document the
    // lists it belongs to.
    let mut lists: Vec<(usize, usize)> = Vec::new();
    let mut member_of: Vec<(u32, u32)> = Vec::new();
    let mut start = 0;
    while start < entries.len() {
        let key = entries.get(start).map_or(0, |e| e.0);
        let len = entries
            .get(start..)
            .map_or(0, |rest| rest.iter().take_while(|e| e.0 == key).count());
        let end = start + len.max(1);
        if (2..=rule.max_df).contains(&len)
            && let Ok(list) = u32::try_from(lists.len())
        {
            lists.push((start, end));
            for &(_, d) in entries.get(start..end).unwrap_or(&[]) {
                member_of.push((d, list));
            }
        }
        start = end;
    }
    member_of.sort_unstable();

    let mut counts = vec![0u32; docs.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut pairs = Vec::new();
    let mut at = 0;
    while at < member_of.len() {
        let a = member_of.get(at).map_or(0, |m| m.0);
        while let Some(&(d, list)) = member_of.get(at) {
            if d != a {
                break;
            }
            at += 1;
            let Some(&(s, e)) = lists.get(list as usize) else {
                continue;
            };
            for &(_, b) in entries.get(s..e).unwrap_or(&[]) {
                if b > a
                    && let Some(c) = counts.get_mut(b as usize)
                {
                    if *c == 0 {
                        touched.push(b as usize);
                    }
                    *c += 1;
                }
            }
        }
        let a = a as usize;
        let len_a = docs.get(a).map_or(0, |d| d.len());
        touched.sort_unstable();
        for &b in &touched {
            let shared = counts.get(b).copied().unwrap_or(0) as usize;
            let smaller = len_a.min(docs.get(b).map_or(0, |d| d.len()));
            if smaller > 0
                && shared >= rule.min_shared
                && shared as f64 / smaller as f64 >= rule.min_containment
            {
                pairs.push((a, b));
            }
            if let Some(c) = counts.get_mut(b) {
                *c = 0;
            }
        }
        touched.clear();
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: FamilyRule = FamilyRule {
        max_df: 3,
        min_containment: 0.2,
        min_shared: 3,
    };

    #[test]
    fn links_on_rare_shared_shingles_only() {
        let boiler = [1000u64, 1001, 1002, 1003];
        let mk = |own: std::ops::Range<u64>| -> Vec<u64> {
            let mut v: Vec<u64> = own.chain(boiler).collect();
            v.sort_unstable();
            v
        };
        // 0 and 1 share 5 rare shingles; all four share boilerplate (df 4 > 3).
        let docs = [mk(0..10), mk(5..15), mk(100..110), mk(200..210)];
        let refs: Vec<&[u64]> = docs.iter().map(Vec::as_slice).collect();
        assert_eq!(family_pairs(&refs, RULE), vec![(0, 1)]);
    }

    #[test]
    fn a_few_shared_shingles_are_not_enough() {
        let docs = [vec![1u64, 2, 50, 51, 52, 53], vec![1u64, 2, 60, 61, 62, 63]];
        let refs: Vec<&[u64]> = docs.iter().map(Vec::as_slice).collect();
        assert!(family_pairs(&refs, RULE).is_empty());
    }

    #[test]
    fn empty_input() {
        assert!(family_pairs(&[], RULE).is_empty());
        assert!(family_pairs(&[&[], &[]], RULE).is_empty());
    }
}
