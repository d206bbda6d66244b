//! The `storyweave dedup` keep/drop list.

use std::io::{self, Write};

use serde::Serialize;
use storyweave_cluster::dedup::DedupRecord;

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    keep: bool,
    group: &'a str,
    similarity: f64,
}

/// Writes one JSON line per document, in input order:
/// `{"id", "keep", "group", "similarity"}` (similarity rounded to 3 decimals).
pub fn write_dedup_jsonl<W: Write>(records: &[DedupRecord], mut w: W) -> io::Result<()> {
    for r in records {
        let line = Line {
            id: &r.id,
            keep: r.keep,
            group: &r.group,
            similarity: (r.similarity * 1000.0).round() / 1000.0,
        };
        serde_json::to_writer(&mut w, &line).map_err(io::Error::other)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}
