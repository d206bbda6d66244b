//! Stories: documents that report the same event, in any wording.
//!
//! Built online by [`StoryClusterer`]. Documents are taken in publication
//! order (dated documents by day, undated ones last, ties by id, then by
//! input position) and each
//! 1. joins the story of an earlier document it *copies* — an exact
//!    duplicate, a near-duplicate (MinHash Jaccard at the near threshold) or
//!    a family member (enough shared shingles that were rare among the
//!    documents seen so far, as the family level counts them): reused copy
//!    is the strongest evidence of one story. A document copying documents
//!    of several stories merges them;
//! 2. otherwise joins the existing story it scores best against, if that
//!    score reaches the threshold, or starts a new story.
//!
//! Everything is computed from the documents seen so far, so feeding the
//! documents one at a time in publication order gives exactly the batch
//! result (the batch run is the same loop).
//!
//! The score of a document against a story is
//! `((1 - w) * cos_terms + w * cos_names) * time`, where
//! * `cos_terms` is the TF-IDF cosine between the document's content words
//!   (title and lead weighted above the rest) and the story's centroid (the
//!   sum of its members' unit vectors; the centroid's norm is computed when
//!   the story last changed, with the IDF of that moment, so scoring costs
//!   grow with the document, not the story);
//! * `cos_names` is the same over named entities and numbers (`w` is the
//!   name weight; a document without names is scored on terms alone);
//! * across languages (the document's language is not among the story's)
//!   only `cos_names` counts: names, numbers and dates survive translation,
//!   words do not;
//! * IDF comes from the documents seen so far, smoothed:
//!   `ln((1 + N) / (1 + df)) + 1`;
//! * `time` is 1 while the document's day is within `grace` days of the
//!   story's dated members, then decays as `exp(-(gap - grace) / scale)`.
//!   When the document or the story is undated, the years they mention
//!   most stand in: two or more years apart scale the score by 0.6 (an
//!   article about a 2013 event is rarely the story of a 2008 one);
//!   otherwise the factor is neutral (1).
//!
//! Candidate stories are found through an inverted index from features to
//! stories (all names and the document's 20 strongest terms), and copies
//! through an inverted index of rare shingles, so a document is never
//! compared with every story or every document.

use std::collections::HashMap;

use storyweave_extract::Article;
use storyweave_fingerprint::{Fingerprint, jaccard_estimate};

use crate::features::{Features, Sparse};

/// How strongly stories pull documents in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StoryRule {
    pub(crate) threshold: f64,
    pub(crate) name_weight: f64,
    pub(crate) grace_days: f64,
    pub(crate) scale_days: f64,
    /// Estimated Jaccard at or above which a document is a near-duplicate of
    /// an earlier one (and joins its story).
    pub(crate) near_threshold: f64,
    /// Family links: shared rare shingles as a share of the smaller document.
    pub(crate) family_containment: f64,
    /// Family links: least number of shared rare shingles.
    pub(crate) family_min_shared: usize,
    /// A shingle is rare while held by at most
    /// `max(family_max_df, family_max_df_fraction * documents seen)` documents.
    pub(crate) family_max_df: usize,
    pub(crate) family_max_df_fraction: f64,
}

/// A fast hasher for keys that are already hashes or small integers
/// (feature hashes, document and story numbers): one multiply per word
/// instead of SipHash, which dominates scoring time otherwise. Not
/// DoS-resistant, and need not be: keys come from xxh3 or are counters.
#[derive(Debug, Default, Clone, Copy)]
struct FastKeys;

/// The hasher of [`FastKeys`].
#[derive(Debug, Default)]
struct FastHasher(u64);

impl std::hash::BuildHasher for FastKeys {
    type Hasher = FastHasher;
    fn build_hasher(&self) -> FastHasher {
        FastHasher(0)
    }
}

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 31)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }
    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }
}

/// A map with [`FastKeys`].
type FastMap<K, V> = HashMap<K, V, FastKeys>;

/// Score factor of an undated document and story whose main years differ.
const YEAR_MISMATCH: f64 = 0.6;

/// Strongest terms of a document used to look up candidate stories.
const LOOKUP_TERMS: usize = 20;
/// Most recent stories taken from each feature's posting list.
const POSTING_TAIL: usize = 256;
/// Most candidate stories scored per document (those sharing the most
/// lookup features).
const MAX_CANDIDATES: usize = 64;
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
    /// Languages of the members (a handful at most).
    languages: Vec<Option<&'static str>>,
    /// Years the members mention most, with member counts.
    years: Vec<(i32, u32)>,
}

impl Story {
    /// The year most members mention most (ties: the latest).
    fn year(&self) -> Option<i32> {
        self.years
            .iter()
            .max_by_key(|&&(y, n)| (n, y))
            .map(|&(y, _)| y)
    }
}

/// Document frequencies of the documents seen so far.
#[derive(Debug, Default)]
struct Idf {
    seen: u32,
    df: FastMap<u64, u32>,
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

/// `a += b` for sorted sparse vectors.
fn add_sparse(a: &mut Sparse, b: &Sparse) {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    loop {
        match (a.get(i), b.get(j)) {
            (Some(&(ka, wa)), Some(&(kb, wb))) => match ka.cmp(&kb) {
                std::cmp::Ordering::Less => {
                    out.push((ka, wa));
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    out.push((kb, wb));
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    out.push((ka, wa + wb));
                    i += 1;
                    j += 1;
                }
            },
            (Some(&e), None) | (None, Some(&e)) => {
                out.push(e);
                if i < a.len() {
                    i += 1;
                } else {
                    j += 1;
                }
            }
            (None, None) => break,
        }
    }
    *a = out;
}

impl StoryRule {
    /// Time factor between a document and a story: by publication days
    /// when both are dated, else by the years they mention most (two years
    /// or more apart: another event, most likely).
    fn time_of(&self, doc: &Features, story: &Story) -> f64 {
        if doc.day.is_some() && story.first_day.is_some() {
            return self.time(doc.day, story);
        }
        match (doc.year, story.year()) {
            (Some(a), Some(b)) if (a - b).abs() >= 2 => YEAR_MISMATCH,
            _ => 1.0,
        }
    }

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
        // Across languages only what survives translation counts: names,
        // numbers and dates; words are compared within a language.
        let same_language = doc.language.is_none()
            || story.languages.is_empty()
            || story
                .languages
                .iter()
                .any(|l| l.is_none() || *l == doc.language);
        if !same_language {
            let names = cosine(
                &doc.names,
                norms.1,
                &story.names,
                story.names_norm,
                idf,
                NAME_TAG,
            );
            return names * self.time_of(doc, story);
        }
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
        content * self.time_of(doc, story)
    }
}

/// A shingle's documents so far, or `None` once it is too common to be
/// evidence of text reuse (the list is then dropped).
type Posting = Option<Vec<u32>>;

/// Stories built online, one document at a time, in publication order.
///
/// Each [`push`](StoryClusterer::push) assigns the document to a story and
/// returns the story's index (0, 1, 2, ... in order of creation). Earlier
/// assignments change only when a document copies documents of two stories:
/// that proves them one story, and they are merged (into the older one);
/// [`assignments`](StoryClusterer::assignments) gives the current stories. Feeding a corpus one document at a time in
/// publication order gives exactly the stories of
/// [`Clusterer::cluster`](crate::Clusterer::cluster) — the batch run is this
/// same loop. Every statistic it uses (document frequencies, rare
/// shingles, story centroids) covers the documents seen so far only.
///
/// A document joins a story *directly* when it is an exact or near
/// duplicate of an earlier document, or of its family (it shares enough
/// shingles that were rare so far: reused copy), and otherwise by score
/// (see the module documentation of `story`).
#[derive(Debug)]
pub struct StoryClusterer {
    rule: StoryRule,
    idf: Idf,
    stories: Vec<Story>,
    /// Features (terms and names) to the stories holding them.
    postings: FastMap<u64, Vec<u32>>,
    /// Story of every document pushed so far.
    story_of: Vec<u32>,
    /// Exact-text hash (with shingle count) to story.
    exact: FastMap<(u64, usize), u32>,
    /// Shingle to the documents holding it while it is rare.
    shingles: FastMap<u64, Posting>,
    /// Shingle count and MinHash signature of every document so far.
    sizes: Vec<u32>,
    signatures: Vec<Vec<u32>>,
    /// Scratch: shared-shingle counts per earlier document.
    counts: FastMap<u32, u32>,
    candidates: Vec<u32>,
    hits: Vec<(u32, u32)>,
    linked: Vec<u32>,
    /// For every story, the story it was merged into (itself if none).
    merged_into: Vec<u32>,
    /// Stories not merged into another.
    live: usize,
}

impl StoryClusterer {
    pub(crate) fn new(rule: StoryRule) -> StoryClusterer {
        StoryClusterer {
            rule,
            idf: Idf::default(),
            stories: Vec::new(),
            postings: FastMap::default(),
            story_of: Vec::new(),
            exact: FastMap::default(),
            shingles: FastMap::default(),
            sizes: Vec::new(),
            signatures: Vec::new(),
            counts: FastMap::default(),
            candidates: Vec::new(),
            hits: Vec::new(),
            linked: Vec::new(),
            merged_into: Vec::new(),
            live: 0,
        }
    }

    /// Number of documents pushed so far.
    pub fn documents(&self) -> usize {
        self.story_of.len()
    }

    /// Number of stories so far (merged stories count once).
    pub fn stories(&self) -> usize {
        self.live
    }

    /// The current story of every document pushed so far, in push order.
    /// It differs from what [`push`](StoryClusterer::push) returned only
    /// where a later document merged two stories.
    pub fn assignments(&self) -> Vec<usize> {
        self.story_of
            .iter()
            .map(|&s| self.find(s) as usize)
            .collect()
    }

    /// The stories of the earlier documents this one copies (exact, near
    /// or family links), as roots, sorted and unique, into `self.linked`.
    fn copied_stories(&mut self, fp: &Fingerprint) {
        self.linked.clear();
        if fp.is_empty() {
            return;
        }
        if let Some(&s) = self.exact.get(&(fp.exact, fp.shingles.len())) {
            self.linked.push(s);
        }
        let seen = self.story_of.len();
        let cap = self
            .rule
            .family_max_df
            .max((self.rule.family_max_df_fraction * seen as f64).ceil() as usize);
        self.counts.clear();
        for sh in &fp.shingles {
            if let Some(Some(docs)) = self.shingles.get(sh)
                && docs.len() <= cap
            {
                for &d in docs {
                    *self.counts.entry(d).or_insert(0) += 1;
                }
            }
        }
        let mine = fp.shingles.len();
        for (&d, &shared) in &self.counts {
            let theirs = self.sizes.get(d as usize).copied().unwrap_or(0) as usize;
            let smaller = mine.min(theirs).max(1);
            let family = shared as usize >= self.rule.family_min_shared
                && shared as f64 / smaller as f64 >= self.rule.family_containment;
            let near = !family
                && self.signatures.get(d as usize).is_some_and(|sig| {
                    jaccard_estimate(sig, &fp.signature) >= self.rule.near_threshold
                });
            if (family || near)
                && let Some(&s) = self.story_of.get(d as usize)
            {
                self.linked.push(s);
            }
        }
        for k in 0..self.linked.len() {
            if let Some(s) = self.linked.get(k).copied() {
                let root = self.find(s);
                if let Some(slot) = self.linked.get_mut(k) {
                    *slot = root;
                }
            }
        }
        self.linked.sort_unstable();
        self.linked.dedup();
    }

    /// The story `s` was merged into (itself when it was not).
    fn find(&self, mut s: u32) -> u32 {
        while let Some(&p) = self.merged_into.get(s as usize) {
            if p == s {
                break;
            }
            s = p;
        }
        s
    }

    /// Merges story `from` into story `into` (both roots, `into < from`):
    /// one document copying two stories proves they are one.
    fn merge(&mut self, into: u32, from: u32) {
        let Some(absorbed) = self.stories.get_mut(from as usize).map(std::mem::take) else {
            return;
        };
        if let Some(slot) = self.merged_into.get_mut(from as usize) {
            *slot = into;
        }
        if let Some(story) = self.stories.get_mut(into as usize) {
            add_sparse(&mut story.terms, &absorbed.terms);
            add_sparse(&mut story.names, &absorbed.names);
            story.first_day = match (story.first_day, absorbed.first_day) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            story.last_day = match (story.last_day, absorbed.last_day) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
            for l in absorbed.languages {
                if !story.languages.contains(&l) {
                    story.languages.push(l);
                }
            }
            for (year, count) in absorbed.years {
                match story.years.iter_mut().find(|(y, _)| *y == year) {
                    Some((_, n)) => *n += count,
                    None => story.years.push((year, count)),
                }
            }
        }
        self.live -= 1;
    }

    /// Remembers the shingles of document `doc`.
    fn index_shingles(&mut self, doc: u32, fp: &Fingerprint) {
        let seen = self.story_of.len();
        let cap = self
            .rule
            .family_max_df
            .max((self.rule.family_max_df_fraction * seen as f64).ceil() as usize);
        for &sh in &fp.shingles {
            let slot = self.shingles.entry(sh).or_insert_with(|| Some(Vec::new()));
            if let Some(docs) = slot {
                if docs.len() >= cap {
                    *slot = None;
                } else {
                    docs.push(doc);
                }
            }
        }
    }

    /// Assigns one document to a story (an existing one or a new one) and
    /// returns the story's index. Documents must come in publication order
    /// for the result to match the batch run.
    pub fn push(&mut self, article: &Article, fingerprint: &Fingerprint) -> usize {
        let doc = Features::of(article);
        let language = doc.language;
        self.copied_stories(fingerprint);
        let chosen = match self.linked.first().copied() {
            Some(s) => {
                for k in 1..self.linked.len() {
                    if let Some(other) = self.linked.get(k).copied() {
                        self.merge(s, other);
                    }
                }
                s
            }
            None => self.best_story(&doc).unwrap_or_else(|| {
                self.stories.push(Story::default());
                self.live += 1;
                let id = u32::try_from(self.stories.len() - 1).unwrap_or(u32::MAX);
                self.merged_into.push(id);
                id
            }),
        };
        let id = u32::try_from(self.story_of.len()).unwrap_or(u32::MAX);
        self.story_of.push(chosen);
        if !fingerprint.is_empty() {
            self.exact
                .entry((fingerprint.exact, fingerprint.shingles.len()))
                .or_insert(chosen);
        }
        self.index_shingles(id, fingerprint);
        self.sizes
            .push(u32::try_from(fingerprint.shingles.len()).unwrap_or(u32::MAX));
        self.signatures.push(fingerprint.signature.clone());
        if let Some(story) = self.stories.get_mut(chosen as usize) {
            add_unit(&mut story.terms, &doc.terms);
            add_unit(&mut story.names, &doc.names);
            story.terms_norm = norm(&story.terms, &self.idf, 0);
            story.names_norm = norm(&story.names, &self.idf, NAME_TAG);
            if let Some(d) = doc.day {
                story.first_day = Some(story.first_day.map_or(d, |f| f.min(d)));
                story.last_day = Some(story.last_day.map_or(d, |l| l.max(d)));
            }
            if !story.languages.contains(&language) {
                story.languages.push(language);
            }
            if let Some(year) = doc.year {
                match story.years.iter_mut().find(|(y, _)| *y == year) {
                    Some((_, n)) => *n += 1,
                    None => story.years.push((year, 1)),
                }
            }
        }
        let keys = doc
            .terms
            .iter()
            .map(|&(k, _)| k)
            .chain(doc.names.iter().map(|&(k, _)| k ^ NAME_TAG));
        for key in keys {
            let list = self.postings.entry(key).or_default();
            if list.last() != Some(&chosen) {
                list.push(chosen);
            }
        }
        self.idf.add(&doc);
        chosen as usize
    }

    /// The best-scoring story at or above the threshold, if any.
    fn best_story(&mut self, doc: &Features) -> Option<u32> {
        let idf = &self.idf;
        self.candidates.clear();
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
            if let Some(list) = self.postings.get(&key) {
                // The most recent stories holding the feature: lists grow in
                // time order, and time decay makes old stories unlikely.
                let from = list.len().saturating_sub(POSTING_TAIL);
                self.candidates
                    .extend_from_slice(list.get(from..).unwrap_or_default());
            }
        }
        // Keep the stories hit by the most lookup features (newest first on
        // ties): a bounded number of scores per document.
        self.candidates.sort_unstable();
        self.hits.clear();
        for &c in &self.candidates {
            match self.hits.last_mut() {
                Some((n, s)) if *s == c => *n += 1,
                _ => self.hits.push((1, c)),
            }
        }
        self.hits
            .sort_unstable_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
        self.hits.truncate(MAX_CANDIDATES);
        self.candidates.clear();
        self.candidates.extend(self.hits.iter().map(|&(_, s)| s));
        let norms = (norm(&doc.terms, idf, 0), norm(&doc.names, idf, NAME_TAG));
        let mut best: Option<(f64, u32)> = None;
        for c in &mut self.candidates {
            let mut s = *c;
            while let Some(&p) = self.merged_into.get(s as usize) {
                if p == s {
                    break;
                }
                s = p;
            }
            *c = s;
        }
        self.candidates.sort_unstable();
        self.candidates.dedup();
        for &s in &self.candidates {
            let Some(story) = self.stories.get(s as usize) else {
                continue;
            };
            let score = self.rule.score(doc, norms, story, idf);
            if score >= self.rule.threshold && best.is_none_or(|(b, _)| score > b) {
                best = Some((score, s));
            }
        }
        best.map(|(_, s)| s)
    }
}

/// Publication order: dated documents by day, undated ones last, ties by
/// id, then by position. `stories` and a stream fed in this order agree.
pub(crate) fn publication_order(articles: &[Article]) -> Vec<usize> {
    let days: Vec<Option<i64>> = articles
        .iter()
        .map(|a| a.published.map(storyweave_text::Date::days_since_epoch))
        .collect();
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |i: usize| {
            let day = days.get(i).copied().flatten();
            (day.is_none(), day, articles.get(i).map(|a| a.id.as_str()))
        };
        key(a).cmp(&key(b)).then(a.cmp(&b))
    });
    order
}

/// The story label of every document (the story's first document in input
/// order): the online clusterer run over the documents in publication order.
pub(crate) fn stories(
    articles: &[Article],
    fingerprints: &[Fingerprint],
    rule: StoryRule,
) -> Vec<usize> {
    let n = articles.len();
    let empty = Fingerprint::default();
    let mut online = StoryClusterer::new(rule);
    let order = publication_order(articles);
    for &i in &order {
        if let Some(article) = articles.get(i) {
            online.push(article, fingerprints.get(i).unwrap_or(&empty));
        }
    }
    let mut story_of = vec![0usize; n];
    for (&i, s) in order.iter().zip(online.assignments()) {
        if let Some(slot) = story_of.get_mut(i) {
            *slot = s;
        }
    }
    // Label each story by its first document in input order.
    let mut first = vec![usize::MAX; online.stories.len()];
    for (i, &s) in story_of.iter().enumerate() {
        if let Some(f) = first.get_mut(s) {
            *f = (*f).min(i);
        }
    }
    story_of
        .iter()
        .enumerate()
        .map(|(i, &s)| first.get(s).copied().unwrap_or(i))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(day: Option<i64>, year: Option<i32>, language: Option<&'static str>) -> Features {
        Features {
            day,
            year,
            language,
            ..Features::default()
        }
    }

    #[test]
    fn undated_documents_and_stories_are_compared_by_the_years_they_mention() {
        let rule = test_rule();
        let mut story = Story {
            years: vec![(2013, 3), (2008, 1)],
            ..Story::default()
        };
        assert_eq!(story.year(), Some(2013));
        assert_eq!(rule.time_of(&features(None, Some(2013), None), &story), 1.0);
        assert_eq!(rule.time_of(&features(None, Some(2012), None), &story), 1.0);
        assert_eq!(
            rule.time_of(&features(None, Some(2008), None), &story),
            YEAR_MISMATCH
        );
        assert_eq!(rule.time_of(&features(None, None, None), &story), 1.0);
        // Dated on both sides: the days decide, not the years.
        story.first_day = Some(100);
        story.last_day = Some(100);
        assert_eq!(
            rule.time_of(&features(Some(101), Some(1990), None), &story),
            1.0
        );
    }

    #[test]
    fn across_languages_only_names_count() {
        let rule = test_rule();
        let idf = Idf::default();
        let doc = Features {
            terms: vec![(1, 1.0)],
            names: vec![(9, 1.0)],
            language: Some("es"),
            ..Features::default()
        };
        let story = Story {
            terms: vec![(1, 1.0)],
            names: vec![(8, 1.0)],
            terms_norm: norm(&vec![(1, 1.0)], &idf, 0),
            names_norm: norm(&vec![(8, 1.0)], &idf, NAME_TAG),
            languages: vec![Some("en")],
            ..Story::default()
        };
        let norms = (norm(&doc.terms, &idf, 0), norm(&doc.names, &idf, NAME_TAG));
        // Same words, no shared name: nothing across languages...
        assert_eq!(rule.score(&doc, norms, &story, &idf), 0.0);
        // ...but the words count within one language.
        let same = Features {
            language: Some("en"),
            ..doc.clone()
        };
        assert!(rule.score(&same, norms, &story, &idf) > 0.5);
    }

    #[test]
    fn merged_sparse_vectors_add_up() {
        let mut a: Sparse = vec![(1, 1.0), (4, 2.0)];
        add_sparse(&mut a, &vec![(2, 1.0), (4, 0.5), (9, 3.0)]);
        assert_eq!(a, vec![(1, 1.0), (2, 1.0), (4, 2.5), (9, 3.0)]);
    }

    fn test_rule() -> StoryRule {
        StoryRule {
            threshold: 0.2,
            name_weight: 0.4,
            grace_days: 2.0,
            scale_days: 3.0,
            near_threshold: 0.8,
            family_containment: 0.2,
            family_min_shared: 10,
            family_max_df: 50,
            family_max_df_fraction: 0.005,
        }
    }

    #[test]
    fn time_factor_decays_after_grace() {
        let rule = StoryRule {
            threshold: 0.25,
            name_weight: 0.4,
            grace_days: 2.0,
            scale_days: 3.0,
            near_threshold: 0.8,
            family_containment: 0.2,
            family_min_shared: 10,
            family_max_df: 50,
            family_max_df_fraction: 0.005,
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
