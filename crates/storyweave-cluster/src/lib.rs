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
//! 4. **story** — families, grouped online: each document joins the story
//!    a fitted logistic model ([`StoryModel`]) over named features — words,
//!    names and their rarity, time, language, copies — gives it the highest
//!    probability of belonging to, when that reaches the model's threshold
//!    (see the `story` module documentation in the source).
//!
//! Every level's label is the index of its group's first document in input
//! order. The partitions themselves do not depend on input order: exact
//! duplicates have identical fingerprints, the family index takes each near
//! group's member chosen by content, and stories are built in publication
//! order (ties by id).

pub mod dedup;
mod family;
mod features;
mod model;
mod story;
mod unionfind;

use storyweave_extract::Article;
use storyweave_fingerprint::{Fingerprint, LshIndex, LshParams, containment, jaccard_estimate};

use crate::family::{FamilyRule, family_pairs};
pub use crate::model::{
    Example, FEATURE_COUNT, ModelError, STORY_MODEL_VERSION, StoryFeatures, StoryModel, fit,
};
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
    story_model: StoryModel,
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
    /// "rare" meaning held by at most max(50, 0.5% of the documents); the
    /// shipped story model ([`StoryModel::default`]).
    pub fn builder() -> ClustererBuilder {
        ClustererBuilder {
            near_threshold: 0.8,
            family_containment: 0.2,
            family_min_shared: 10,
            family_max_df: 50,
            family_max_df_fraction: 0.005,
            story_model: StoryModel::default(),
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

    /// The story model: how documents join stories (for reading
    /// [`Considered`]).
    pub fn story_model(&self) -> &StoryModel {
        &self.settings.story_model
    }

    /// Training examples for fitting a [`StoryModel`] (see [`fit`]): the
    /// stories stage run over `articles` in publication order, each
    /// document joining the story of its gold label (`gold[i]` for article
    /// `i`; give unlabelled articles labels of their own), and every
    /// candidate story it is scored against — found as in a real run —
    /// giving one example: the pair's features and whether it is the
    /// document's gold story.
    pub fn training_examples(
        &self,
        articles: &[Article],
        fingerprints: &[Fingerprint],
        gold: &[u32],
    ) -> Vec<Example> {
        story::training_examples(articles, fingerprints, gold, self.story_rule())
    }
}

impl Clusterer {
    fn story_rule(&self) -> StoryRule {
        let s = &self.settings;
        StoryRule {
            model: s.story_model,
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

    /// The story model: how documents join stories (default
    /// [`StoryModel::default`], the shipped fitted model).
    pub fn story_model(mut self, model: StoryModel) -> Self {
        self.story_model = model;
        self
    }

    /// Fixes the settings.
    pub fn build(self) -> Clusterer {
        Clusterer { settings: self }
    }
}
