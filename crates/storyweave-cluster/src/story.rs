//! Stories: documents that report the same event, in any wording.
//!
//! Built online. Documents are taken in publication order (dated documents
//! by day, undated ones last, ties by id, then by input position) and each
//! either joins the existing story it scores best against — if that score
//! reaches the threshold — or starts a new story. A document whose family
//! already has a story joins it directly, which also keeps families nested
//! in stories. Feeding the same documents in the same order one by one
//! gives the same stories as a batch.
//!
//! The score of a document against a story is
//! `((1 - w) * cos_terms + w * cos_names) * time`, where
//! * `cos_terms` is the TF-IDF cosine between the document's content words
//!   and the story's centroid (the sum of its members' unit vectors; the
//!   centroid's norm is computed when the story last changed, with the IDF
//!   of that moment, so scoring costs grow with the document, not the story);
//! * `cos_names` is the same over named entities and numbers (`w` is the
//!   name weight; a document without names is scored on terms alone);
//! * IDF comes from the documents seen so far, smoothed:
//!   `ln((1 + N) / (1 + df)) + 1`;
//! * `time` is 1 while the document's day is within `grace` days of the
//!   story's dated members, then decays as `exp(-(gap - grace) / scale)`;
//!   undated documents and stories are neutral (1).
//!
//! Candidate stories are found through an inverted index from features to
//! stories (all names and the document's 20 strongest terms), so a document
//! is never compared with every story.

use std::collections::HashMap;

use storyweave_extract::Article;

use crate::features::{Features, Sparse};

/// How strongly stories pull documents in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StoryRule {
    pub(crate) threshold: f64,
    pub(crate) name_weight: f64,
    pub(crate) grace_days: f64,
    pub(crate) scale_days: f64,
}

/// Strongest terms of a document used to look up candidate stories.
const LOOKUP_TERMS: usize = 20;
/// Marks name features in the shared posting index.
const NAME_TAG: u64 = 0x8000_0000_0000_0000;

/// One story under construction.
#[derive(Debug, Default)]
struct Story {
    terms: Sparse,
    names: Sparse,
    /// Norms of the TF-IDF centroids, refreshed whenever the story changes.
    terms_norm: f64,
    names_norm: f64,
    first_day: Option<i64>,
    last_day: Option<i64>,
}

/// Document frequencies of the documents seen so far.
#[derive(Debug, Default)]
struct Idf {
    seen: u32,
    df: HashMap<u64, u32>,
}

impl Idf {
    fn weight(&self, feature: u64) -> f64 {
        let df = self.df.get(&feature).copied().unwrap_or(0);
        ((1.0 + f64::from(self.seen)) / (1.0 + f64::from(df))).ln() + 1.0
    }

    fn add(&mut self, features: &Features) {
        self.seen += 1;
        for &(k, _) in &features.terms {
            *self.df.entry(k).or_insert(0) += 1;
        }
        for &(k, _) in &features.names {
            *self.df.entry(k ^ NAME_TAG).or_insert(0) += 1;
        }
    }
}

/// Norm of a sparse vector weighted by IDF (`tag` selects the IDF space).
fn norm(v: &Sparse, idf: &Idf, tag: u64) -> f64 {
    v.iter()
        .map(|&(k, w)| {
            let x = f64::from(w) * idf.weight(k ^ tag);
            x * x
        })
        .sum::<f64>()
        .sqrt()
}

/// TF-IDF cosine of a document vector and a story centroid whose norm is
/// known. Cost grows with the document, not the story: each document
/// feature is looked up in the sorted centroid.
fn cosine(
    doc: &Sparse,
    doc_norm: f64,
    centroid: &Sparse,
    centroid_norm: f64,
    idf: &Idf,
    tag: u64,
) -> f64 {
    let mut dot = 0.0;
    for &(k, w) in doc {
        if let Ok(at) = centroid.binary_search_by_key(&k, |e| e.0)
            && let Some(&(_, c)) = centroid.get(at)
        {
            let x = idf.weight(k ^ tag);
            dot += f64::from(w) * f64::from(c) * x * x;
        }
    }
    if dot == 0.0 {
        return 0.0;
    }
    let den = doc_norm * centroid_norm;
    if den > 0.0 { (dot / den).min(1.0) } else { 0.0 }
}

/// `centroid += v / |v|`, keeping the result sorted.
fn add_unit(centroid: &mut Sparse, v: &Sparse) {
    let len = v
        .iter()
        .map(|&(_, w)| f64::from(w) * f64::from(w))
        .sum::<f64>()
        .sqrt();
    if len == 0.0 {
        return;
    }
    let mut out = Vec::with_capacity(centroid.len() + v.len());
    let (mut i, mut j) = (0, 0);
    loop {
        match (centroid.get(i), v.get(j)) {
            (Some(&(ka, wa)), Some(&(kb, wb))) => match ka.cmp(&kb) {
                std::cmp::Ordering::Less => {
                    out.push((ka, wa));
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    out.push((kb, (f64::from(wb) / len) as f32));
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    out.push((ka, wa + (f64::from(wb) / len) as f32));
                    i += 1;
                    j += 1;
                }
            },
            (Some(&e), None) => {
                out.push(e);
                i += 1;
            }
            (None, Some(&(kb, wb))) => {
                out.push((kb, (f64::from(wb) / len) as f32));
                j += 1;
            }
            (None, None) => break,
        }
    }
    *centroid = out;
}

impl StoryRule {
    /// Time factor between a day and a story's dated span.
    fn time(&self, day: Option<i64>, story: &Story) -> f64 {
        let (Some(d), Some(first), Some(last)) = (day, story.first_day, story.last_day) else {
            return 1.0;
        };
        let gap = if d < first {
            first - d
        } else {
            d.saturating_sub(last).max(0)
        } as f64;
        let over = gap - self.grace_days;
        if over <= 0.0 {
            1.0
        } else {
            (-over / self.scale_days.max(1e-9)).exp()
        }
    }

    /// `norms` are the document's TF-IDF norms (terms, names).
    fn score(&self, doc: &Features, norms: (f64, f64), story: &Story, idf: &Idf) -> f64 {
        let terms = cosine(&doc.terms, norms.0, &story.terms, story.terms_norm, idf, 0);
        let content = if doc.names.is_empty() {
            terms
        } else {
            let names = cosine(
                &doc.names,
                norms.1,
                &story.names,
                story.names_norm,
                idf,
                NAME_TAG,
            );
            (1.0 - self.name_weight) * terms + self.name_weight * names
        };
        content * self.time(doc.day, story)
    }
}

/// The story label of every document (the story's first document in input
/// order). `family[i]` is document `i`'s family representative.
pub(crate) fn stories(articles: &[Article], family: &[usize], rule: StoryRule) -> Vec<usize> {
    let n = articles.len();
    let features: Vec<Features> = articles.iter().map(Features::of).collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        let key = |i: usize| {
            let day = features.get(i).and_then(|f| f.day);
            (day.is_none(), day, articles.get(i).map(|a| a.id.as_str()))
        };
        key(a).cmp(&key(b)).then(a.cmp(&b))
    });

    let mut idf = Idf::default();
    let mut all: Vec<Story> = Vec::new();
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
    let mut family_story: HashMap<usize, u32> = HashMap::new();
    let mut story_of = vec![0u32; n];
    let mut candidates: Vec<u32> = Vec::new();
    let empty = Features::default();

    for &i in &order {
        let doc = features.get(i).unwrap_or(&empty);
        let fam = family.get(i).copied().unwrap_or(i);
        let chosen = if let Some(&s) = family_story.get(&fam) {
            s
        } else {
            candidates.clear();
            let mut strongest: Vec<(f64, u64)> = doc
                .terms
                .iter()
                .map(|&(k, w)| (f64::from(w) * idf.weight(k), k))
                .collect();
            strongest.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let keys = strongest
                .iter()
                .take(LOOKUP_TERMS)
                .map(|&(_, k)| k)
                .chain(doc.names.iter().map(|&(k, _)| k ^ NAME_TAG));
            for key in keys {
                if let Some(list) = postings.get(&key) {
                    candidates.extend_from_slice(list);
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
            let mut best: Option<(f64, u32)> = None;
            let norms = (norm(&doc.terms, &idf, 0), norm(&doc.names, &idf, NAME_TAG));
            for &s in &candidates {
                let Some(story) = all.get(s as usize) else {
                    continue;
                };
                let score = rule.score(doc, norms, story, &idf);
                if score >= rule.threshold && best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, s));
                }
            }
            match best {
                Some((_, s)) => s,
                None => {
                    all.push(Story::default());
                    u32::try_from(all.len() - 1).unwrap_or(u32::MAX)
                }
            }
        };
        family_story.insert(fam, chosen);
        if let Some(slot) = story_of.get_mut(i) {
            *slot = chosen;
        }
        if let Some(story) = all.get_mut(chosen as usize) {
            add_unit(&mut story.terms, &doc.terms);
            add_unit(&mut story.names, &doc.names);
            story.terms_norm = norm(&story.terms, &idf, 0);
            story.names_norm = norm(&story.names, &idf, NAME_TAG);
            if let Some(d) = doc.day {
                story.first_day = Some(story.first_day.map_or(d, |f| f.min(d)));
                story.last_day = Some(story.last_day.map_or(d, |l| l.max(d)));
            }
        }
        let keys = doc
            .terms
            .iter()
            .map(|&(k, _)| k)
            .chain(doc.names.iter().map(|&(k, _)| k ^ NAME_TAG));
        for key in keys {
            let list = postings.entry(key).or_default();
            if list.last() != Some(&chosen) {
                list.push(chosen);
            }
        }
        idf.add(doc);
    }

    // Label each story by its first document in input order.
    let mut first = vec![usize::MAX; all.len()];
    for (i, &s) in story_of.iter().enumerate() {
        if let Some(f) = first.get_mut(s as usize) {
            *f = (*f).min(i);
        }
    }
    story_of
        .iter()
        .enumerate()
        .map(|(i, &s)| first.get(s as usize).copied().unwrap_or(i))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_factor_decays_after_grace() {
        let rule = StoryRule {
            threshold: 0.25,
            name_weight: 0.4,
            grace_days: 2.0,
            scale_days: 3.0,
        };
        let story = Story {
            first_day: Some(100),
            last_day: Some(101),
            ..Story::default()
        };
        assert_eq!(rule.time(Some(100), &story), 1.0);
        assert_eq!(rule.time(Some(103), &story), 1.0);
        assert_eq!(rule.time(None, &story), 1.0);
        assert!(rule.time(Some(110), &story) < 0.1);
        assert!(rule.time(Some(90), &story) < 0.1);
        assert!(rule.time(Some(105), &story) > rule.time(Some(106), &story));
    }

    #[test]
    fn centroid_sums_unit_vectors() {
        let mut c = Sparse::new();
        add_unit(&mut c, &vec![(1, 3.0), (5, 4.0)]);
        add_unit(&mut c, &vec![(2, 1.0), (5, 1.0)]);
        assert_eq!(c.len(), 3);
        assert!((c[0].1 - 0.6).abs() < 1e-6);
        assert!((c[2].1 - (0.8 + std::f32::consts::FRAC_1_SQRT_2)).abs() < 1e-5);
    }

    #[test]
    fn cosine_of_identical_vectors_is_one() {
        let idf = Idf::default();
        let v = vec![(1, 1.0), (7, 2.0)];
        let n = norm(&v, &idf, 0);
        assert!((cosine(&v, n, &v, n, &idf, 0) - 1.0).abs() < 1e-9);
        assert_eq!(cosine(&v, n, &vec![(3, 1.0)], 1.0, &idf, 0), 0.0);
        assert_eq!(cosine(&v, n, &Sparse::new(), 0.0, &idf, 0), 0.0);
    }
}
