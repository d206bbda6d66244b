//! `storyweave-bench-extract [DIR]`: runs storyweave's HTML extraction over
//! the Zyte article-extraction benchmark (`DIR`, default
//! `../shared/eval/article-extraction` from the workspace root) and prints
//! precision, recall, F1 and pages per second. With `--dump FILE` it also
//! writes the extracted bodies as `{"<id>": {"articleBody": ...}}` JSON;
//! with `--pages` it prints each page's precision and recall to stderr.

use std::io::Read as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use storyweave_bench_extract::{page_counts, scores};
use storyweave_extract::Extractor;
use storyweave_ingest::{BodyFormat, RawDocument, decode_html};

fn main() -> ExitCode {
    let mut dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/eval/article-extraction"
    ));
    let mut dump = None;
    let mut per_page = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--dump" {
            dump = args.next().map(PathBuf::from);
        } else if a == "--pages" {
            per_page = true;
        } else {
            dir = PathBuf::from(a);
        }
    }
    match run(&dir, dump, per_page) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("storyweave-bench-extract: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(dir: &std::path::Path, dump: Option<PathBuf>, per_page: bool) -> Result<(), String> {
    let truth_path = dir.join("ground-truth.json");
    let truth_text = std::fs::read_to_string(&truth_path)
        .map_err(|e| format!("cannot read {}: {e}", truth_path.display()))?;
    let truth: serde_json::Value =
        serde_json::from_str(&truth_text).map_err(|e| format!("bad ground truth: {e}"))?;
    let truth = truth.as_object().ok_or("ground truth is not an object")?;
    // Read and decompress every page first: only extraction is timed.
    let mut pages = Vec::with_capacity(truth.len());
    for (id, entry) in truth {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let file = std::fs::File::open(&path)
            .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let body = entry
            .get("articleBody")
            .and_then(|b| b.as_str())
            .unwrap_or("");
        let url = entry.get("url").and_then(|u| u.as_str()).map(str::to_owned);
        pages.push((id.clone(), bytes, body.to_owned(), url));
    }
    let extractor = Extractor::default();
    let start = Instant::now();
    let mut predicted = Vec::with_capacity(pages.len());
    let mut failed = 0usize;
    for (id, bytes, _, url) in &pages {
        let raw = RawDocument {
            id: id.clone(),
            path: format!("{id}.html.gz"),
            record: None,
            format: BodyFormat::Html,
            body: decode_html(bytes, None),
            url: url.clone(),
            title: None,
            published: None,
            source: None,
        };
        match extractor.extract(&raw) {
            Ok(article) => predicted.push(article.text()),
            Err(_) => {
                failed += 1;
                predicted.push(String::new());
            }
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let counts: Vec<_> = pages
        .iter()
        .zip(&predicted)
        .map(|((_, _, truth, _), p)| page_counts(truth, p))
        .collect();
    if per_page {
        for ((id, ..), c) in pages.iter().zip(&counts) {
            let one = scores(std::slice::from_ref(c));
            eprintln!("{id} p={:.3} r={:.3}", one.precision, one.recall);
        }
    }
    let s = scores(&counts);
    println!(
        "{:<12} {:>9} {:>9} {:>9} {:>9}",
        "extractor", "F1", "precision", "recall", "pages/s"
    );
    println!(
        "{:<12} {:>9.3} {:>9.3} {:>9.3} {:>9.1}",
        "storyweave",
        s.f1,
        s.precision,
        s.recall,
        pages.len() as f64 / seconds.max(1e-9)
    );
    eprintln!(
        "{} pages in {seconds:.2} s (decoding included, decompression not), {failed} without a body",
        pages.len()
    );
    if let Some(path) = dump {
        let mut out = serde_json::Map::new();
        for ((id, ..), text) in pages.iter().zip(predicted) {
            out.insert(id.clone(), serde_json::json!({ "articleBody": text }));
        }
        let json = serde_json::to_string(&out).map_err(|e| e.to_string())?;
        std::fs::write(&path, json).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}
