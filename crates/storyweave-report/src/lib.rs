//! The *report* stage: the `storyweave/1` data model built from clustered
//! articles ([`Report::build`]), and the printers for it — all output formats
//! live here so that every command prints the same way.

mod compare;
mod dedup;
mod extracted;
mod html;
mod model;
mod text;

use std::io::{self, Write};

pub use compare::write_compare;
pub use dedup::{write_dedup_jsonl, write_dedup_parquet};
pub use extracted::{ExtractedRecord, write_extracted};
pub use html::{escape, write_html};
pub use model::{DocumentEntry, Family, Report, SCHEMA, Story};
pub use text::write_text;

/// Writes the report as one pretty-printed JSON document following `storyweave/1`.
pub fn write_json<W: Write>(report: &Report, mut w: W) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut w, report).map_err(io::Error::other)?;
    writeln!(w)
}
