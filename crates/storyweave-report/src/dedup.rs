//! The `storyweave dedup` keep/drop list, as JSON lines or as a Parquet table.

use std::io::{self, Write};
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use serde::Serialize;
use storyweave_cluster::dedup::DedupRecord;

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    keep: bool,
    group: &'a str,
    similarity: f64,
}

/// Similarity as printed: rounded to 3 decimals, so output is stable and short.
fn rounded(similarity: f64) -> f64 {
    (similarity * 1000.0).round() / 1000.0
}

/// Writes one JSON line per document, in input order:
/// `{"id", "keep", "group", "similarity"}` (similarity rounded to 3 decimals).
pub fn write_dedup_jsonl<W: Write>(records: &[DedupRecord], mut w: W) -> io::Result<()> {
    for r in records {
        let line = Line {
            id: &r.id,
            keep: r.keep,
            group: &r.group,
            similarity: rounded(r.similarity),
        };
        serde_json::to_writer(&mut w, &line).map_err(io::Error::other)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// The Parquet schema of the keep/drop list: the same four fields as the JSON lines.
const SCHEMA: &str = "message dedup {
    REQUIRED BYTE_ARRAY id (STRING);
    REQUIRED BOOLEAN keep;
    REQUIRED BYTE_ARRAY group (STRING);
    REQUIRED DOUBLE similarity;
}";

/// Rows per Parquet row group: bounds the writer's buffers on large corpora.
const ROW_GROUP: usize = 1 << 17;

/// Writes the same records as [`write_dedup_jsonl`] as a Parquet file
/// (Snappy-compressed, one row per document in input order, columns `id`,
/// `keep`, `group`, `similarity`), for data pipelines that load tables
/// rather than lines. Needs the whole output stream (Parquet ends with a footer).
pub fn write_dedup_parquet<W: Write + Send>(records: &[DedupRecord], w: W) -> io::Result<()> {
    let schema = Arc::new(parse_message_type(SCHEMA).map_err(io::Error::other)?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by("storyweave".to_owned())
            .build(),
    );
    let mut writer = SerializedFileWriter::new(w, schema, props).map_err(io::Error::other)?;
    for chunk in records.chunks(ROW_GROUP) {
        write_row_group(&mut writer, chunk).map_err(io::Error::other)?;
    }
    writer.close().map_err(io::Error::other)?;
    Ok(())
}

/// Writes one row group of the keep/drop table.
fn write_row_group<W: Write + Send>(
    writer: &mut SerializedFileWriter<W>,
    rows: &[DedupRecord],
) -> parquet::errors::Result<()> {
    let mut group = writer.next_row_group()?;
    let mut column = 0;
    while let Some(mut col) = group.next_column()? {
        match column {
            0 | 2 => {
                let values: Vec<ByteArray> = rows
                    .iter()
                    .map(|r| {
                        let s = if column == 0 { &r.id } else { &r.group };
                        ByteArray::from(s.as_bytes().to_vec())
                    })
                    .collect();
                col.typed::<ByteArrayType>()
                    .write_batch(&values, None, None)?;
            }
            1 => {
                let values: Vec<bool> = rows.iter().map(|r| r.keep).collect();
                col.typed::<BoolType>().write_batch(&values, None, None)?;
            }
            _ => {
                let values: Vec<f64> = rows.iter().map(|r| rounded(r.similarity)).collect();
                col.typed::<DoubleType>().write_batch(&values, None, None)?;
            }
        }
        col.close()?;
        column += 1;
    }
    group.close()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::RowAccessor;

    use super::*;

    fn record(id: &str, keep: bool, group: &str, similarity: f64) -> DedupRecord {
        DedupRecord {
            id: id.to_owned(),
            keep,
            group: group.to_owned(),
            similarity,
        }
    }

    #[test]
    fn parquet_rows_match_the_json_lines() {
        let records = vec![
            record("a", true, "a", 1.0),
            record("b\"é", false, "a", 0.83333),
            record("c", true, "c", 1.0),
        ];
        let mut file = tempfile::tempfile().expect("temp file");
        write_dedup_parquet(&records, &mut file).expect("parquet written");
        let reader = SerializedFileReader::new(file).expect("parquet readable");
        assert_eq!(reader.metadata().file_metadata().num_rows(), 3);
        let rows: Vec<(String, bool, String, f64)> = reader
            .get_row_iter(None)
            .expect("rows")
            .map(|row| {
                let row = row.expect("row");
                (
                    row.get_string(0).expect("id").clone(),
                    row.get_bool(1).expect("keep"),
                    row.get_string(2).expect("group").clone(),
                    row.get_double(3).expect("similarity"),
                )
            })
            .collect();
        let mut jsonl = Vec::new();
        write_dedup_jsonl(&records, &mut jsonl).expect("jsonl written");
        let lines: Vec<(String, bool, String, f64)> = String::from_utf8(jsonl)
            .expect("utf-8")
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).expect("json line");
                (
                    v["id"].as_str().unwrap_or_default().to_owned(),
                    v["keep"].as_bool().unwrap_or_default(),
                    v["group"].as_str().unwrap_or_default().to_owned(),
                    v["similarity"].as_f64().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(rows, lines);
        assert_eq!(rows[1].3, 0.833);
    }

    #[test]
    fn empty_list_is_a_valid_parquet_file() {
        let mut file = tempfile::tempfile().expect("temp file");
        write_dedup_parquet(&[], &mut file).expect("parquet written");
        let reader = SerializedFileReader::new(file).expect("parquet readable");
        assert_eq!(reader.metadata().file_metadata().num_rows(), 0);
    }
}
