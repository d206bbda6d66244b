//! The benchmark's metric on the real benchmark data; skipped (with a
//! message) when `../shared/eval/article-extraction` is absent.

use std::io::Read as _;
use std::path::PathBuf;

use storyweave_bench_extract::{page_counts, scores};
use storyweave_extract::Extractor;
use storyweave_ingest::{BodyFormat, RawDocument, decode_html};

fn data_dir() -> Option<PathBuf> {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/article-extraction");
    if dir.join("ground-truth.json").is_file() {
        Some(dir)
    } else {
        eprintln!("skipping: {} not found", dir.display());
        None
    }
}

fn truth(dir: &std::path::Path) -> serde_json::Map<String, serde_json::Value> {
    let text = std::fs::read_to_string(dir.join("ground-truth.json")).expect("readable");
    match serde_json::from_str(&text).expect("valid JSON") {
        serde_json::Value::Object(map) => map,
        other => panic!("ground truth is not an object: {other}"),
    }
}

#[test]
fn ground_truth_scores_perfectly_against_itself() {
    let Some(dir) = data_dir() else { return };
    let t = truth(&dir);
    assert_eq!(t.len(), 181);
    let counts: Vec<_> = t
        .values()
        .map(|v| {
            let body = v["articleBody"].as_str().unwrap_or("");
            page_counts(body, body)
        })
        .collect();
    let s = scores(&counts);
    assert_eq!((s.precision, s.recall, s.f1), (1.0, 1.0, 1.0));
}

#[test]
fn extraction_of_benchmark_pages_finds_their_bodies() {
    let Some(dir) = data_dir() else { return };
    let extractor = Extractor::default();
    let mut counts = Vec::new();
    for (id, entry) in truth(&dir).iter().take(8) {
        let file =
            std::fs::File::open(dir.join("html").join(format!("{id}.html.gz"))).expect("page");
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .expect("gzip");
        let raw = RawDocument {
            id: id.clone(),
            path: id.clone(),
            record: None,
            format: BodyFormat::Html,
            body: decode_html(&bytes, None),
            url: None,
            title: None,
            published: None,
            source: None,
        };
        let text = extractor
            .extract(&raw)
            .map(|a| a.text())
            .unwrap_or_default();
        counts.push(page_counts(
            entry["articleBody"].as_str().unwrap_or(""),
            &text,
        ));
    }
    let s = scores(&counts);
    // Every page's body is found in large part (not a tuned threshold: an
    // extractor returning navigation or nothing scores near 0).
    assert!(s.recall > 0.5 && s.precision > 0.5, "{s:?}");
}
