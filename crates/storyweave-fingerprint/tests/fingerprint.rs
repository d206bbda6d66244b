//! Integration tests of fingerprinting on the two real sample articles in
//! `../../../shared/samples` (skipped when absent): an AFP report as
//! republished by two outlets, which share part of the wire copy.

use storyweave_fingerprint::{Fingerprinter, LshParams, Scratch, candidates, similarity};

fn samples() -> Option<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).ok();
    match (
        read("000_4ad8c33354c46e4c.txt"),
        read("002_449c17dc6cee7e10.txt"),
    ) {
        (Some(a), Some(b)) => Some((a, b)),
        _ => {
            eprintln!("skipping: samples not found in {}", dir.display());
            None
        }
    }
}

#[test]
fn samples_share_copy_but_are_not_near_duplicates() {
    let Some((a, b)) = samples() else { return };
    let f = Fingerprinter::default();
    let (fa, fb) = (f.fingerprint(&a), f.fingerprint(&b));
    let s = similarity(&fa, &fb);
    eprintln!("samples: {s:?}");
    // Raw files (with markup and captions): the reuse shows as containment
    // well above chance on both sides, while Jaccard stays far below 0.8.
    assert!(s.jaccard > 0.1 && s.jaccard < 0.5, "{s:?}");
    assert!(s.containment_ab > 0.2 && s.containment_ba > 0.2, "{s:?}");
    assert!((s.estimated_jaccard - s.jaccard).abs() < 0.15, "{s:?}");
    assert!(candidates(&[fa, fb], LshParams::for_threshold(0.8, 128)).is_empty());
}

#[test]
fn a_sample_and_its_reformatted_copy_are_exact_duplicates() {
    let Some((a, _)) = samples() else { return };
    let f = Fingerprinter::default();
    let reformatted = a.replace('\n', " ").replace("**", "").to_lowercase();
    assert_eq!(f.fingerprint(&a).exact, f.fingerprint(&reformatted).exact);
}

#[test]
fn raw_sketches_of_the_samples_agree_with_their_fingerprints() {
    let Some((a, b)) = samples() else { return };
    let f = Fingerprinter::builder().raw_text(true).build();
    let mut scratch = Scratch::new();
    for text in [&a, &b] {
        let full = f.fingerprint(text);
        let (mut sig, mut shingles) = (Vec::new(), Vec::new());
        let info = f.sketch_with_shingles_into(text, &mut scratch, &mut sig, &mut shingles);
        assert!(!full.is_empty());
        assert_eq!(info.exact, full.exact);
        assert_eq!(sig, full.signature);
        assert_eq!(shingles.len(), info.shingles);
        shingles.sort_unstable();
        shingles.dedup();
        let mut expected: Vec<u32> = full.shingles.iter().map(|&h| h as u32).collect();
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(shingles, expected);
    }
}
