//! The *cluster* stage: four nested partitions of the documents — exact
//! duplicates, near-duplicates, families (text reuse) and stories.
//!
//! Each level starts from the one below (one union-find carried upward), so
//! nesting holds by construction:
//! 1. **exact** — same [`Fingerprint::exact`] (same case-folded words in the
//!    same order); documents without words are never duplicates.
//! 2. **near** — exact groups, plus pairs found by LSH banding (tuned 0.1
//!    below the threshold, so pairs at the threshold are found with high
//!    probability) and verified by estimated Jaccard `>= near_threshold`.
//! 3. **family** — near groups, plus pairs sharing enough *rare* shingles
//!    (see [`family`](crate::ClustererBuilder::family_containment)): text reuse.
//! 4. **story** — families, grouped online by TF-IDF, names, numbers and
//!    time (see the `story` module documentation in the source).
//!
//! Every level's label is the index of its group's first document in input
//! order. The partitions themselves do not depend on input order: exact
//! duplicates have identical fingerprints, the family index takes each near
//! group's member chosen by content, and stories are built in publication
//! order (ties by id).

pub mod dedup;
mod family;
mod features;
mod story;
mod unionfind;

use storyweave_extract::Article;
use storyweave_fingerprint::{Fingerprint, LshIndex, LshParams, containment, jaccard_estimate};

use crate::family::{FamilyRule, family_pairs};
use crate::story::StoryRule;
pub use crate::story::{Considered, Placement, StoryClusterer};
use crate::unionfind::UnionFind;

/// The four partitions. In each level, `level[i]` is the index of the document
/// that represents document `i`'s group: the group's first document in input
/// order (so `level[i] <= i` and `level[level[i]] == level[i]`). Each level is
/// nested in the next: same exact group implies same near group, and so on.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Clustering {
    /// Same normalized text.
    pub exact: Vec<usize>,
    /// Estimated Jaccard at or above the near-duplicate threshold.
    pub near: Vec<usize>,
    /// Documents that reuse the same copy (shared rare passages).
    pub family: Vec<usize>,
    /// Documents that report the same event.
    pub story: Vec<usize>,
    /// For each document, its estimated Jaccard to its near-duplicate representative (1.0 for itself).
    pub near_similarity: Vec<f64>,
    /// For each document, the share of its shingles found in its family representative (1.0 for itself).
    pub family_similarity: Vec<f64>,
    /// How each document came to its story, when the clusterer was built to
    /// explain itself ([`ClustererBuilder::explain`]); empty otherwise.
    pub placements: Vec<Placement>,
}

/// Settings of clustering; fixed once built.
#[derive(Debug, Clone)]
pub struct ClustererBuilder {
    near_threshold: f64,
    family_containment: f64,
    family_min_shared: usize,
    family_max_df: usize,
    family_max_df_fraction: f64,
    story_threshold: f64,
    story_name_weight: f64,
    story_grace_days: f64,
    story_scale_days: f64,
    explain: bool,
}

/// Clusters documents into the four levels.
#[derive(Debug, Clone)]
pub struct Clusterer {
    settings: ClustererBuilder,
}

impl Default for Clusterer {
    fn default() -> Self {
        Clusterer::builder().build()
    }
}

/// Clamps a share to `[0, 1]`, reading NaN as `default`.
fn share(x: f64, default: f64) -> f64 {
    if x.is_nan() {
        default
    } else {
        x.clamp(0.0, 1.0)
    }
}

impl Clusterer {
    /// Starts a builder with the defaults: near-duplicate Jaccard 0.8;
    /// families at containment 0.2 with at least 10 shared rare shingles,
    /// "rare" meaning held by at most max(50, 0.5% of the documents); story
    /// threshold 0.2 with names weighted 0.4 and time decay after 5 days on
    /// a 10-day scale.
    pub fn builder() -> ClustererBuilder {
        ClustererBuilder {
            near_threshold: 0.8,
            family_containment: 0.2,
            family_min_shared: 10,
            family_max_df: 50,
            family_max_df_fraction: 0.005,
            story_threshold: 0.2,
            story_name_weight: 0.4,
            story_grace_days: 5.0,
            story_scale_days: 10.0,
            explain: false,
        }
    }

    /// Clusters `articles` (with their fingerprints, same order). The result
    /// does not depend on the input order except through representative choice.
    /// A missing fingerprint (shorter slice) counts as an empty text.
    pub fn cluster(&self, articles: &[Article], fingerprints: &[Fingerprint]) -> Clustering {
        let s = &self.settings;
        let n = articles.len();
        let empty = Fingerprint::default();
        let fp = |i: usize| fingerprints.get(i).unwrap_or(&empty);
        let mut uf = UnionFind::new(n);

        // 1. exact: sort by hash, join runs.
        let mut by_hash: Vec<(u64, usize, usize)> = (0..n)
            .filter(|&i| !fp(i).is_empty())
            .map(|i| (fp(i).exact, fp(i).shingles.len(), i))
            .collect();
        by_hash.sort_unstable();
        for w in by_hash.windows(2) {
            if let [(ha, la, a), (hb, lb, b)] = w
                && ha == hb
                && la == lb
            {
                uf.union(*a, *b);
            }
        }
        let exact = uf.labels();

        // 2. near: LSH over one member per exact group, then verification.
        let slots = (0..n)
            .map(|i| fp(i).signature.len())
            .find(|&l| l > 0)
            .unwrap_or(0);
        if slots > 0 {
            let params = LshParams::for_threshold(s.near_threshold - 0.1, slots);
            let mut index = LshIndex::new(params);
            for i in (0..n).filter(|&i| exact.get(i) == Some(&i)) {
                if let Ok(id) = u32::try_from(i) {
                    index.insert(id, &fp(i).signature);
                }
            }
            for (a, b) in index.candidates() {
                let (a, b) = (a as usize, b as usize);
                if jaccard_estimate(&fp(a).signature, &fp(b).signature) >= s.near_threshold {
                    uf.union(a, b);
                }
            }
        }
        let near = uf.labels();
        let near_similarity = (0..n)
            .map(|i| match near.get(i) {
                Some(&r) if r != i => jaccard_estimate(&fp(i).signature, &fp(r).signature),
                _ => 1.0,
            })
            .collect();

        // 3. family: rare shared shingles between one member per near group,
        // the member chosen by content (smallest exact hash) so that the
        // result does not depend on input order.
        let mut chosen: Vec<Option<usize>> = vec![None; n];
        for i in (0..n).filter(|&i| !fp(i).is_empty()) {
            let root = near.get(i).copied().unwrap_or(i);
            if let Some(slot) = chosen.get_mut(root) {
                let better = match *slot {
                    None => true,
                    Some(c) => {
                        (fp(i).exact, fp(i).shingles.len()) < (fp(c).exact, fp(c).shingles.len())
                    }
                };
                if better {
                    *slot = Some(i);
                }
            }
        }
        let members: Vec<usize> = chosen.into_iter().flatten().collect();
        let rule = FamilyRule {
            max_df: s
                .family_max_df
                .max((s.family_max_df_fraction * members.len() as f64).ceil() as usize),
            min_containment: s.family_containment,
            min_shared: s.family_min_shared,
        };
        let sets: Vec<&[u64]> = members.iter().map(|&i| fp(i).shingles.as_slice()).collect();
        for (a, b) in family_pairs(&sets, rule) {
            if let (Some(&a), Some(&b)) = (members.get(a), members.get(b)) {
                uf.union(a, b);
            }
        }
        let family = uf.labels();
        let family_similarity = (0..n)
            .map(|i| match family.get(i) {
                Some(&r) if r != i => containment(&fp(i).shingles, &fp(r).shingles),
                _ => 1.0,
            })
            .collect();

        // 4. story: the online clusterer over the documents in publication
        // order. Its own exact, near and family links (from the documents
        // seen so far) join copies directly; the union with the batch
        // families below only keeps the levels nested should a batch family
        // link have been missed online (see `StoryClusterer`).
        let (online, placements) =
            story::stories(articles, fingerprints, self.story_rule(), s.explain);
        let mut story_uf = UnionFind::new(n);
        for (i, (&s, &f)) in online.iter().zip(&family).enumerate() {
            story_uf.union(i, s);
            story_uf.union(i, f);
        }
        let story = story_uf.labels();

        Clustering {
            exact,
            near,
            family,
            story,
            near_similarity,
            family_similarity,
            placements,
        }
    }

    /// The story threshold: the least score at which a document joins a
    /// story (for reading [`Considered::score`]).
    pub fn story_threshold(&self) -> f64 {
        self.settings.story_threshold
    }
}

impl Clusterer {
    fn story_rule(&self) -> StoryRule {
        let s = &self.settings;
        StoryRule {
            threshold: s.story_threshold,
            name_weight: s.story_name_weight,
            grace_days: s.story_grace_days,
            scale_days: s.story_scale_days,
            near_threshold: s.near_threshold,
            family_containment: s.family_containment,
            family_min_shared: s.family_min_shared,
            family_max_df: s.family_max_df,
            family_max_df_fraction: s.family_max_df_fraction,
        }
    }

    /// An empty online story clusterer with these settings: push documents
    /// one at a time in publication order (dated by day, undated last, ties
    /// by id) to get the stories of [`Clusterer::cluster`] incrementally.
    pub fn story_clusterer(&self) -> StoryClusterer {
        StoryClusterer::new(self.story_rule())
    }
}

impl ClustererBuilder {
    /// Whether [`Clustering::placements`] records how each document came to
    /// its story (default off): the copies it joined or the stories it was
    /// scored against, with the parts of each score, so that a wrong merge
    /// or split can be read. It costs a little time and memory per
    /// document; the stories themselves are the same.
    pub fn explain(mut self, on: bool) -> Self {
        self.explain = on;
        self
    }

    /// Estimated Jaccard at or above which two documents are near-duplicates
    /// (default 0.8; clamped to `[0, 1]`).
    pub fn near_threshold(mut self, threshold: f64) -> Self {
        self.near_threshold = share(threshold, 0.8);
        self
    }

    /// Share of the smaller document's shingles that must be shared rare
    /// shingles for two documents to be one family (default 0.2: the two
    /// AFP samples reach about 0.35, a shared quotation in two long
    /// independent reports stays far below).
    pub fn family_containment(mut self, share_of_smaller: f64) -> Self {
        self.family_containment = share(share_of_smaller, 0.2);
        self
    }

    /// Least number of shared rare shingles for a family link (default 10,
    /// about two sentences: one shared stock quote is not text reuse).
    pub fn family_min_shared(mut self, shingles: usize) -> Self {
        self.family_min_shared = shingles.max(1);
        self
    }

    /// A shingle held by more than `max(min_documents, fraction * documents)`
    /// documents (counting near-duplicates once) is boilerplate and ignored
    /// by the family level (defaults 50 and 0.005). Also bounds the cost,
    /// which grows with this cap times the number of shingles.
    pub fn family_rare_cap(mut self, min_documents: usize, fraction: f64) -> Self {
        self.family_max_df = min_documents.max(2);
        self.family_max_df_fraction = share(fraction, 0.005);
        self
    }

    /// Score at or above which a document joins a story (default 0.2: above
    /// the 0.1–0.15 that articles on the same topic but another event reach
    /// through shared topical vocabulary, below the 0.25 and more of reports
    /// sharing the event's names, numbers and words; chosen as the one
    /// setting that does best over three labelled sets at once, see
    /// EVALUATION.md). Half of it applies, within the grace days, to a story
    /// that alone holds one of the document's multi-word names when their
    /// names agree (see the `story` module).
    pub fn story_threshold(mut self, threshold: f64) -> Self {
        self.story_threshold = share(threshold, 0.2);
        self
    }

    /// Weight of named entities and numbers against content words in the
    /// story score (default 0.4).
    pub fn story_name_weight(mut self, weight: f64) -> Self {
        self.story_name_weight = share(weight, 0.4);
        self
    }

    /// Time decay of the story score: full weight within `grace_days` of the
    /// story's first day, then `exp(-excess / scale_days)` (defaults 5 and
    /// 10: follow-ups — an arrest, a charge, a funeral — come days or weeks
    /// after the event and still belong to its story). A dated article's
    /// gap is measured from the closest of its publication day and the
    /// dates its title and lead mention up to 30 days earlier (`the Nov. 2
    /// shooting`).
    pub fn story_time_decay(mut self, grace_days: f64, scale_days: f64) -> Self {
        self.story_grace_days = if grace_days.is_nan() {
            5.0
        } else {
            grace_days.max(0.0)
        };
        self.story_scale_days = if scale_days.is_nan() {
            10.0
        } else {
            scale_days.max(0.01)
        };
        self
    }

    /// Fixes the settings.
    pub fn build(self) -> Clusterer {
        Clusterer { settings: self }
    }
}
