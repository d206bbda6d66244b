//! Integration tests of the ingest stage: real files in temporary folders.

use std::fs;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use storyweave_ingest::{BodyFormat, Ingest, Item, Problem, ProblemKind, RawDocument, Summary};

// ---------------------------------------------------------------- helpers

/// Writes `bytes` to `dir/rel`, creating folders, and returns the path.
fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create fixture folder");
    }
    fs::write(&path, bytes).expect("write fixture file");
    path
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).expect("writing to a Vec cannot fail");
    enc.finish().expect("writing to a Vec cannot fail")
}

fn zstd(data: &[u8]) -> Vec<u8> {
    ruzstd::encoding::compress_to_vec(data, ruzstd::encoding::CompressionLevel::Fastest)
}

fn read_all(ingest: &Ingest, inputs: &[PathBuf]) -> Vec<Item> {
    ingest
        .read_with_stdin(inputs, Box::new(std::io::empty()))
        .collect()
}

fn read_default(inputs: &[PathBuf]) -> Vec<Item> {
    read_all(&Ingest::builder().build(), inputs)
}

fn read_stdin(data: impl Into<Vec<u8>>) -> Vec<Item> {
    let stdin = Box::new(Cursor::new(data.into()));
    Ingest::builder()
        .build()
        .read_with_stdin(&[PathBuf::from("-")], stdin)
        .collect()
}

fn docs(items: &[Item]) -> Vec<&RawDocument> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Document(d) => Some(d),
            Item::Problem(_) => None,
        })
        .collect()
}

fn problems(items: &[Item]) -> Vec<&Problem> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Problem(p) => Some(p),
            Item::Document(_) => None,
        })
        .collect()
}

fn ids(items: &[Item]) -> Vec<&str> {
    docs(items).iter().map(|d| d.id.as_str()).collect()
}

/// The single problem of a run, asserting there is exactly one and no document.
fn only_problem(items: &[Item]) -> &Problem {
    assert!(
        docs(items).is_empty(),
        "expected no documents, got {items:?}"
    );
    let found = problems(items);
    assert_eq!(found.len(), 1, "expected one problem, got {found:?}");
    found[0]
}

fn path_str(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

const JSONL: &str = concat!(
    r#"{"id":"r1","url":"https://example.com/1","title":"First","text":"Body one.","published":"2025-08-13","source":"AFP"}"#,
    "\n",
    r#"{"title":"No id","text":"Body two.","published":1755043200,"extra":{"nested":[1,2,3]}}"#,
    "\n",
);

// ---------------------------------------------------------------- formats

#[test]
fn text_file_is_one_text_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "a.txt", "Pyongyang - Hello.\n\nMore.\n");
    let items = read_default(std::slice::from_ref(&path));
    let d = docs(&items);
    assert_eq!(d.len(), 1, "{items:?}");
    assert_eq!(d[0].id, "a");
    assert_eq!(d[0].path, path_str(&path));
    assert_eq!(d[0].record, None);
    assert_eq!(d[0].format, BodyFormat::Text);
    assert_eq!(d[0].body, "Pyongyang - Hello.\n\nMore.\n");
}

#[test]
fn markdown_files_are_markdown_documents() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(dir.path(), "a.md", "# Title\n\nBy [AFP](#)\n");
    let b = write(dir.path(), "b.Markdown", "Body *text*\n");
    let items = read_default(&[a, b]);
    let d = docs(&items);
    assert_eq!(ids(&items), ["a", "b"]);
    assert!(d.iter().all(|d| d.format == BodyFormat::Markdown));
    assert_eq!(d[0].body, "# Title\n\nBy [AFP](#)\n");
}

#[test]
fn jsonl_records_keep_their_fields_and_line_numbers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "feed.jsonl", JSONL);
    let items = read_default(&[path]);
    let d = docs(&items);
    assert_eq!(d.len(), 2, "{items:?}");
    assert_eq!(d[0].id, "r1");
    assert_eq!(d[0].record, Some(1));
    assert_eq!(d[0].url.as_deref(), Some("https://example.com/1"));
    assert_eq!(d[0].title.as_deref(), Some("First"));
    assert_eq!(d[0].published.as_deref(), Some("2025-08-13"));
    assert_eq!(d[0].source.as_deref(), Some("AFP"));
    assert_eq!(d[0].body, "Body one.");
    assert_eq!(d[0].format, BodyFormat::Text);
    assert_eq!(d[1].id, "feed:2");
    assert_eq!(d[1].record, Some(2));
    assert_eq!(d[1].published.as_deref(), Some("1755043200"));
}

#[test]
fn ndjson_extension_is_jsonl() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "feed.NDJSON", JSONL);
    assert_eq!(ids(&read_default(&[path])), ["r1", "feed:2"]);
}

#[test]
fn json_file_may_be_one_object() {
    let dir = tempfile::tempdir().expect("tempdir");
    let with_id = write(
        dir.path(),
        "one.json",
        r#"{"id": 7, "title": "T", "text": "Body."}"#,
    );
    let without_id = write(dir.path(), "two.json", r#"{"html": "<p>Body.</p>"}"#);
    let items = read_default(&[with_id, without_id]);
    let d = docs(&items);
    assert_eq!(ids(&items), ["7", "two"]);
    assert_eq!(d[0].record, None);
    assert_eq!(d[1].body, "<p>Body.</p>", "html is passed on as the body");
    assert_eq!(d[1].format, BodyFormat::Html);
}

#[test]
fn json_file_may_be_an_array_with_bad_elements_reported_by_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        dir.path(),
        "many.json",
        r#"[{"id":"x","text":"A."}, {"text":"B."}, "oops", {"url":"u", "text":" "}, {"text":"C."}]"#,
    );
    let items = read_default(&[path]);
    assert_eq!(ids(&items), ["x", "many:2", "many:5"]);
    let p = problems(&items);
    assert_eq!(p.len(), 2);
    assert_eq!((p[0].kind, p[0].line), (ProblemKind::BadRecord, Some(3)));
    assert!(p[0].message.contains("found a string"), "{}", p[0].message);
    assert_eq!((p[1].kind, p[1].line), (ProblemKind::BadRecord, Some(4)));
    // Order is kept: documents and problems interleave as in the file.
    assert!(matches!(&items[2], Item::Problem(p) if p.line == Some(3)));
}

#[test]
fn every_format_reads_the_same_through_gzip_and_zstd() {
    let cases: [(&str, &str); 5] = [
        ("a.txt", "Plain text body.\n"),
        ("b.md", "# Heading\n\nMarkdown body.\n"),
        ("c.json", r#"{"id":"c-id","text":"JSON body."}"#),
        ("d.jsonl", JSONL),
        ("e.json", r#"[{"text":"one"},{"text":"two"}]"#),
    ];
    for (name, content) in cases {
        let dir = tempfile::tempdir().expect("tempdir");
        let plain = write(dir.path(), &format!("plain/{name}"), content);
        let gz = write(
            dir.path(),
            &format!("gz/{name}.gz"),
            gzip(content.as_bytes()),
        );
        let zst = write(
            dir.path(),
            &format!("zst/{name}.zst"),
            zstd(content.as_bytes()),
        );
        let zstd_long = write(
            dir.path(),
            &format!("zstd/{name}.ZSTD"),
            zstd(content.as_bytes()),
        );
        let expected = read_default(&[plain]);
        assert!(problems(&expected).is_empty(), "{expected:?}");
        for compressed in [gz, zst, zstd_long] {
            let got = read_default(std::slice::from_ref(&compressed));
            assert!(problems(&got).is_empty(), "{compressed:?}: {got:?}");
            let strip = |items: &[Item]| -> Vec<(String, Option<u64>, BodyFormat, String)> {
                docs(items)
                    .iter()
                    .map(|d| (d.id.clone(), d.record, d.format, d.body.clone()))
                    .collect()
            };
            assert_eq!(strip(&got), strip(&expected), "{compressed:?}");
        }
    }
}

#[test]
fn zstd_fixtures_made_by_the_zstd_tool_are_read() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let items = read_default(&[
        fixtures.join("article.txt.zst"),
        fixtures.join("feed.jsonl.zst"),
    ]);
    assert!(problems(&items).is_empty(), "{items:?}");
    let d = docs(&items);
    assert_eq!(ids(&items), ["article", "z1", "z2"]);
    assert_eq!(
        d[0].body,
        "Pyongyang - A short wire report.\n\nSecond paragraph.\n"
    );
    // The feed is two zstd frames; the second holds the second record.
    assert_eq!(d[2].body, "Second record, second frame.");
}

#[test]
fn zstd_checksum_mismatch_is_reported_as_corrupt() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut bytes = fs::read(fixtures.join("feed.jsonl.zst")).expect("fixture");
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff; // the second frame's checksum
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "feed.jsonl.zst", bytes);
    let items = read_default(&[path]);
    assert_eq!(ids(&items)[0], "z1");
    let p = problems(&items);
    assert_eq!(p.len(), 1, "{items:?}");
    assert_eq!(p[0].kind, ProblemKind::Truncated);
    assert!(p[0].message.contains("checksum"), "{}", p[0].message);
}

#[test]
fn compression_is_sniffed_whatever_the_name_says() {
    let dir = tempfile::tempdir().expect("tempdir");
    let gz_named_txt = write(dir.path(), "a.txt", gzip(b"really gzip"));
    let zst_named_md = write(dir.path(), "b.md", zstd(b"really zstd"));
    let plain_named_gz = write(dir.path(), "c.txt.gz", "not compressed at all");
    let items = read_default(&[gz_named_txt, zst_named_md, plain_named_gz]);
    let bodies: Vec<&str> = docs(&items).iter().map(|d| d.body.as_str()).collect();
    assert_eq!(
        bodies,
        ["really gzip", "really zstd", "not compressed at all"]
    );
    assert_eq!(ids(&items), ["a", "b", "c"]);
}

// ---------------------------------------------------------------- folders and ids

#[test]
fn folders_are_walked_recursively_in_name_order_skipping_hidden_and_unsupported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("corpus");
    write(&root, "b.txt", "b");
    write(&root, "a/z.md", "z");
    write(&root, "a/c.txt.gz", gzip(b"c"));
    write(&root, "a/deep/d.json", r#"{"text":"d"}"#);
    write(
        &root,
        "c.jsonl",
        "{\"text\":\"c1\"}\n{\"id\":\"named\",\"text\":\"c2\"}\n",
    );
    write(&root, ".hidden.txt", "hidden");
    write(&root, ".git/config.txt", "hidden folder");
    write(&root, "notes.pdf", "unsupported, skipped silently");
    write(&root, "README.md", "a readme is markdown: read");
    let items = read_default(std::slice::from_ref(&root));
    assert!(problems(&items).is_empty(), "{items:?}");
    assert_eq!(
        ids(&items),
        ["README", "a/c", "a/deep/d", "a/z", "b", "c:1", "named"]
    );
    let d = docs(&items);
    assert_eq!(d[1].path, path_str(&root.join("a").join("c.txt.gz")));
    // Same input, same order, every time.
    let again = read_default(&[root]);
    assert_eq!(items, again);
}

#[test]
fn relative_ids_follow_the_folder_argument() {
    let dir = tempfile::tempdir().expect("tempdir");
    let examples = dir.path().join("examples");
    write(&examples, "wire/a.md", "wire copy");
    let items = read_default(std::slice::from_ref(&examples));
    assert_eq!(ids(&items), ["wire/a"]);
    let items = read_default(&[examples.join("wire")]);
    assert_eq!(ids(&items), ["a"]);
}

#[test]
fn a_file_named_directly_has_its_stem_as_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "sub/a.txt.gz", gzip(b"text"));
    assert_eq!(ids(&read_default(&[path])), ["a"]);
}

#[test]
fn jsonl_without_ids_gets_stem_and_line_and_blank_lines_count() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        dir.path(),
        "feed.jsonl.gz",
        gzip(b"{\"text\":\"one\"}\n\n  \n{\"text\":\"four\"}\n"),
    );
    let items = read_default(&[path]);
    assert_eq!(ids(&items), ["feed:1", "feed:4"]);
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang_and_file_links_are_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("corpus");
    let target = write(&root, "a.txt", "a");
    std::os::unix::fs::symlink(&root, root.join("loop")).expect("symlink");
    std::os::unix::fs::symlink(dir.path(), root.join("up")).expect("symlink");
    std::os::unix::fs::symlink(&target, root.join("link.txt")).expect("symlink");
    let items = read_default(&[root]);
    assert_eq!(ids(&items), ["a", "link"], "{items:?}");
}

#[test]
fn duplicate_ids_keep_the_first_and_name_both_places() {
    let dir = tempfile::tempdir().expect("tempdir");
    let feed = write(
        dir.path(),
        "feed.jsonl",
        "{\"id\":\"x\",\"text\":\"first\"}\n{\"id\":\"x\",\"text\":\"again\"}\n",
    );
    let other = write(dir.path(), "x.txt", "a file whose id is x too");
    let items = read_default(&[feed.clone(), other.clone()]);
    let d = docs(&items);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].body, "first");
    let p = problems(&items);
    assert_eq!(p.len(), 2);
    for dup in &p {
        assert_eq!(dup.kind, ProblemKind::DuplicateId);
        assert!(
            dup.message.contains(&format!("{}:1", path_str(&feed))),
            "{}",
            dup.message
        );
    }
    assert_eq!(p[0].path, path_str(&feed));
    assert_eq!(p[0].line, Some(2));
    assert_eq!(p[1].path, path_str(&other));
    assert_eq!(p[1].line, None);
}

// ---------------------------------------------------------------- stdin

#[test]
fn stdin_text_is_one_document_named_stdin() {
    let items = read_stdin("Just some text.\n");
    let d = docs(&items);
    assert_eq!(d.len(), 1);
    assert_eq!(
        (d[0].id.as_str(), d[0].path.as_str(), d[0].format),
        ("stdin", "-", BodyFormat::Text)
    );
}

#[test]
fn stdin_starting_with_a_brace_is_jsonl() {
    let items = read_stdin(format!("  \n{JSONL}"));
    assert_eq!(ids(&items), ["r1", "stdin:3"]);
    assert_eq!(docs(&items)[1].record, Some(3));
}

#[test]
fn stdin_is_decompressed_before_sniffing() {
    assert_eq!(ids(&read_stdin(gzip(JSONL.as_bytes()))), ["r1", "stdin:2"]);
    assert_eq!(ids(&read_stdin(zstd(JSONL.as_bytes()))), ["r1", "stdin:2"]);
    assert_eq!(
        docs(&read_stdin(gzip(b"[a link](x) text")))[0].body,
        "[a link](x) text"
    );
}

#[test]
fn stdin_given_twice_is_read_once() {
    let stdin = Box::new(Cursor::new(b"text".to_vec()));
    let items: Vec<Item> = Ingest::builder()
        .build()
        .read_with_stdin(&[PathBuf::from("-"), PathBuf::from("-")], stdin)
        .collect();
    assert_eq!(ids(&items), ["stdin"]);
    assert_eq!(problems(&items)[0].kind, ProblemKind::Io);
}

#[test]
fn empty_stdin_is_an_empty_problem() {
    assert_eq!(only_problem(&read_stdin("")).kind, ProblemKind::Empty);
}

// ---------------------------------------------------------------- laziness and types

#[test]
fn nothing_is_read_until_the_iterator_is_pulled() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("later.txt");
    let ingest = Ingest::builder().build();
    let items = ingest.read_with_stdin(std::slice::from_ref(&path), Box::new(std::io::empty()));
    // The file is written after the stream was made, before it is pulled.
    fs::write(&path, "written later").expect("write");
    let items: Vec<Item> = items.collect();
    assert_eq!(ids(&items), ["later"]);
}

#[test]
fn ingest_and_items_can_cross_threads() {
    fn send_sync<T: Send + Sync + Clone>() {}
    fn send<T: Send + Iterator<Item = Item>>() {}
    send_sync::<Ingest>();
    send::<storyweave_ingest::Items>();
    let ingest = Ingest::builder()
        .max_document_bytes(10)
        .max_line_bytes(20)
        .build();
    assert_eq!(
        (ingest.max_document_bytes(), ingest.max_line_bytes()),
        (10, 20)
    );
    let defaults = Ingest::builder().build();
    assert_eq!(defaults.max_document_bytes(), 16 * 1024 * 1024);
    assert_eq!(defaults.max_line_bytes(), 16 * 1024 * 1024);
}

// ---------------------------------------------------------------- bad input

#[test]
fn missing_path_is_an_io_problem_and_the_run_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nope.txt");
    let good = write(dir.path(), "good.txt", "fine");
    let items = read_default(&[missing.clone(), good]);
    assert_eq!(ids(&items), ["good"]);
    let p = problems(&items);
    assert_eq!(
        (p[0].kind, p[0].path.clone()),
        (ProblemKind::Io, path_str(&missing))
    );
}

#[test]
fn a_file_named_directly_with_an_unsupported_extension_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = write(dir.path(), "paper.pdf", "%PDF");
    let bare = write(dir.path(), "noext", "text");
    let items = read_default(&[pdf, bare]);
    let p = problems(&items);
    assert_eq!(p.len(), 2);
    assert!(p.iter().all(|p| p.kind == ProblemKind::Unsupported));
}

#[test]
fn empty_and_whitespace_only_files_are_empty_problems() {
    let dir = tempfile::tempdir().expect("tempdir");
    let names = [
        "e.txt", "w.md", "w.jsonl", "e.jsonl", "w.json", "arr.json", "bom.txt", "z.txt.gz",
    ];
    let contents: [&[u8]; 8] = [
        b"",
        b" \n\t\r\n ",
        b"\n\n  \r\n",
        b"",
        b"  \n",
        b"[ ]",
        b"\xef\xbb\xbf \n",
        b"",
    ];
    for (name, content) in names.iter().zip(contents) {
        let content = if name.ends_with(".gz") {
            gzip(content)
        } else {
            content.to_vec()
        };
        let path = write(dir.path(), name, content);
        let items = read_default(std::slice::from_ref(&path));
        let p = only_problem(&items);
        assert_eq!(p.kind, ProblemKind::Empty, "{name}: {p}");
        assert_eq!(p.path, path_str(&path));
    }
}

#[test]
fn binary_files_are_binary_problems() {
    let dir = tempfile::tempdir().expect("tempdir");
    let nul = write(dir.path(), "nul.txt", b"looks like text\0but is not");
    let controls = write(
        dir.path(),
        "ctl.md",
        [0x01u8, 0x02, 0x03, 0x04, b'a', b'b', 0x05, 0x06, 0x07, b'c'],
    );
    let jsonl = write(
        dir.path(),
        "bin.jsonl",
        gzip(b"\x00\x01\x02{\"text\":\"x\"}\n"),
    );
    let png_named_txt = write(dir.path(), "img.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    for path in [nul, controls, jsonl, png_named_txt] {
        let items = read_default(std::slice::from_ref(&path));
        assert_eq!(only_problem(&items).kind, ProblemKind::Binary, "{path:?}");
    }
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "bad.txt", b"caf\xe9 au lait");
    let items = read_default(&[path]);
    let p = only_problem(&items);
    assert_eq!(p.kind, ProblemKind::InvalidUtf8);
    assert!(p.message.contains("byte 3"), "{}", p.message);
}

#[test]
fn invalid_utf8_in_one_jsonl_line_skips_only_that_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut data = b"{\"text\":\"ok\"}\n{\"text\":\"caf".to_vec();
    data.extend(b"\xe9\"}\n{\"text\":\"after\"}\n");
    let path = write(dir.path(), "feed.jsonl", data);
    let items = read_default(&[path]);
    assert_eq!(ids(&items), ["feed:1", "feed:3"]);
    let p = problems(&items);
    assert_eq!((p[0].kind, p[0].line), (ProblemKind::InvalidUtf8, Some(2)));
    // Line 2 starts at byte 14; the bad byte is 12 bytes into it.
    assert!(p[0].message.contains("byte 26"), "{}", p[0].message);
}

#[test]
fn utf16_text_is_reported_as_not_utf8() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "u16.txt", [0xffu8, 0xfe, b'h', 0, b'i', 0]);
    let items = read_default(&[path]);
    let p = only_problem(&items);
    assert_eq!(p.kind, ProblemKind::InvalidUtf8);
    assert!(p.message.contains("UTF-16"), "{}", p.message);
}

#[test]
fn a_record_with_only_a_title_is_read_as_a_headline_item() {
    let dir = tempfile::tempdir().expect("tempdir");
    let feed = write(
        dir.path(),
        "feed.jsonl",
        "{\"id\":\"h\",\"title\":\"Dam gates opened after storm\",\"text\":\" \"}\n{\"id\":\"none\",\"title\":\" \"}\n",
    );
    let items = read_default(&[feed]);
    assert_eq!(ids(&items), ["h"]);
    let d = docs(&items);
    assert_eq!(d[0].body, "Dam gates opened after storm");
    assert_eq!(d[0].format, BodyFormat::Text);
    assert_eq!(d[0].title.as_deref(), Some("Dam gates opened after storm"));
    let p = problems(&items);
    assert_eq!(
        (p.len(), p[0].kind, p[0].line),
        (1, ProblemKind::BadRecord, Some(2))
    );
    assert!(p[0].message.contains("`title`"), "{}", p[0].message);
}

#[test]
fn bad_json_is_a_bad_record_with_its_line_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let feed = write(
        dir.path(),
        "feed.jsonl",
        "{\"text\":\"one\"}\n{\"text\": oops}\n[1,2]\n{\"url\":\"no body\",\"text\":\"  \"}\n{\"text\":\"five\"}\n",
    );
    let json = write(
        dir.path(),
        "broken.json",
        "{\n  \"text\": \"x\",\n  oops\n}",
    );
    let items = read_default(&[feed.clone(), json.clone()]);
    assert_eq!(ids(&items), ["feed:1", "feed:5"]);
    let p = problems(&items);
    let lines: Vec<(ProblemKind, Option<u64>)> = p.iter().map(|p| (p.kind, p.line)).collect();
    assert_eq!(
        lines,
        [
            (ProblemKind::BadRecord, Some(2)),
            (ProblemKind::BadRecord, Some(3)),
            (ProblemKind::BadRecord, Some(4)),
            (ProblemKind::BadRecord, Some(3)),
        ]
    );
    assert!(
        p[0].message.starts_with("invalid JSON: "),
        "{}",
        p[0].message
    );
    assert_eq!(
        p[0].to_string(),
        format!("{}:2: {}", path_str(&feed), p[0].message)
    );
    assert_eq!(p[3].path, path_str(&json));
}

#[test]
fn bom_is_stripped_and_crlf_lines_are_fine() {
    let dir = tempfile::tempdir().expect("tempdir");
    let txt = write(dir.path(), "bom.txt", b"\xef\xbb\xbfHello\r\n");
    let feed = write(
        dir.path(),
        "crlf.jsonl",
        b"\xef\xbb\xbf{\"text\":\"one\"}\r\n{\"text\":\"two\"}\r\n",
    );
    let items = read_default(&[txt, feed]);
    assert!(problems(&items).is_empty(), "{items:?}");
    let bodies: Vec<&str> = docs(&items).iter().map(|d| d.body.as_str()).collect();
    assert_eq!(bodies, ["Hello\r\n", "one", "two"]);
}

#[test]
fn truncated_gzip_jsonl_keeps_the_records_before_the_damage() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut data = String::new();
    for i in 1..=2000 {
        data.push_str(&format!(
            "{{\"id\":\"doc{i}\",\"text\":\"Record number {i}, with some words.\"}}\n"
        ));
    }
    let full = gzip(data.as_bytes());
    let path = write(dir.path(), "feed.jsonl.gz", &full[..full.len() / 2]);
    let good = write(dir.path(), "after.txt", "still read");
    let items = read_default(&[path.clone(), good]);
    let d = docs(&items);
    assert!(d.len() > 100, "only {} records before the damage", d.len());
    assert!(d.len() < 2000);
    for (i, doc) in d.iter().take(d.len() - 1).enumerate() {
        assert_eq!(doc.id, format!("doc{}", i + 1));
    }
    assert_eq!(d.last().map(|d| d.id.as_str()), Some("after"));
    let p = problems(&items);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].kind, ProblemKind::Truncated);
    assert_eq!(p[0].path, path_str(&path));
    assert_eq!(
        p[0].line,
        Some(d.len() as u64),
        "the line after the last one read"
    );
}

#[test]
fn truncated_small_gzip_jsonl_still_yields_its_first_records() {
    // Smaller than the sniffed prefix: the damage is found while sniffing.
    let dir = tempfile::tempdir().expect("tempdir");
    let full = gzip(JSONL.as_bytes());
    let path = write(dir.path(), "feed.jsonl.gz", &full[..full.len() - 6]);
    let items = read_default(&[path]);
    assert_eq!(ids(&items), ["r1", "feed:2"]);
    assert_eq!(problems(&items)[0].kind, ProblemKind::Truncated);
}

#[test]
fn truncated_zstd_jsonl_keeps_the_records_before_the_damage() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut data = Vec::new();
    for i in 0..3 {
        let mut frame = String::new();
        for j in 0..100 {
            frame.push_str(&format!("{{\"text\":\"frame {i} record {j}\"}}\n"));
        }
        data.extend(zstd(frame.as_bytes()));
    }
    let path = write(dir.path(), "feed.jsonl.zst", &data[..data.len() - 10]);
    let items = read_default(&[path]);
    assert!(docs(&items).len() >= 200, "got {}", docs(&items).len());
    let p = problems(&items);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].kind, ProblemKind::Truncated);
}

#[test]
fn truncated_or_corrupt_compressed_text_is_a_truncated_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "words ".repeat(5000);
    let gz = gzip(text.as_bytes());
    let zs = zstd(text.as_bytes());
    let cut_gz = write(dir.path(), "a.txt.gz", &gz[..gz.len() / 2]);
    let cut_zs = write(dir.path(), "b.md.zst", &zs[..zs.len() / 2]);
    let garbage = write(
        dir.path(),
        "c.txt.gz",
        [0x1f, 0x8b, 0x08, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    let bad_zstd_header = write(
        dir.path(),
        "d.txt.zst",
        [0x28, 0xb5, 0x2f, 0xfd, 0xff, 0xff, 0xff],
    );
    for path in [cut_gz, cut_zs, garbage, bad_zstd_header] {
        let items = read_default(std::slice::from_ref(&path));
        assert_eq!(
            only_problem(&items).kind,
            ProblemKind::Truncated,
            "{path:?}"
        );
    }
}

#[test]
fn files_over_the_document_limit_are_too_large() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ingest = Ingest::builder().max_document_bytes(1000).build();
    let at_limit = write(dir.path(), "ok.txt", "a".repeat(1000));
    let over = write(dir.path(), "big.txt", "a".repeat(1001));
    // A small file that decompresses past the limit: refused after limit + 1 bytes.
    let bomb = write(
        dir.path(),
        "bomb.txt.gz",
        gzip("a".repeat(10_000_000).as_bytes()),
    );
    let json = write(
        dir.path(),
        "big.json",
        format!("{{\"text\":\"{}\"}}", "a".repeat(2000)),
    );
    let items = read_all(&ingest, &[at_limit, over, bomb, json]);
    assert_eq!(ids(&items), ["ok"]);
    let p = problems(&items);
    assert_eq!(p.len(), 3);
    assert!(p.iter().all(|p| p.kind == ProblemKind::TooLarge), "{p:?}");
}

#[test]
fn long_jsonl_lines_are_skipped_and_later_lines_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ingest = Ingest::builder().max_line_bytes(100).build();
    let long = format!("{{\"text\":\"{}\"}}", "b".repeat(200));
    let data = format!("{{\"text\":\"one\"}}\n{long}\n{{\"text\":\"three\"}}\n{long}");
    let path = write(dir.path(), "feed.jsonl", data);
    let items = read_all(&ingest, &[path]);
    assert_eq!(ids(&items), ["feed:1", "feed:3"]);
    let p = problems(&items);
    let found: Vec<(ProblemKind, Option<u64>)> = p.iter().map(|p| (p.kind, p.line)).collect();
    assert_eq!(
        found,
        [
            (ProblemKind::TooLarge, Some(2)),
            (ProblemKind::TooLarge, Some(4))
        ]
    );
}

#[test]
fn a_50_mb_single_line_is_skipped_and_the_next_line_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("giant.jsonl");
    {
        let mut file = std::io::BufWriter::new(fs::File::create(&path).expect("create"));
        file.write_all(b"{\"id\":\"giant\",\"text\":\"")
            .expect("write");
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..50 {
            file.write_all(&chunk).expect("write");
        }
        file.write_all(b"\"}\n{\"id\":\"after\",\"text\":\"still read\"}\n")
            .expect("write");
        file.flush().expect("flush");
    }
    let items = read_default(&[path]);
    assert_eq!(ids(&items), ["after"]);
    assert_eq!(docs(&items)[0].record, Some(2));
    let p = problems(&items);
    assert_eq!(p.len(), 1);
    assert_eq!((p[0].kind, p[0].line), (ProblemKind::TooLarge, Some(1)));
}

#[test]
fn summary_counts_a_mixed_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.txt", "one");
    write(dir.path(), "b.txt", "");
    write(dir.path(), "c.txt", b"\0\0\0");
    write(dir.path(), "d.txt", b"\xff");
    write(
        dir.path(),
        "e.jsonl",
        "{\"text\":\"x\"}\n{\"text\":\"y\"}\n",
    );
    let mut summary = Summary::new();
    for item in Ingest::builder().build().read(&[dir.path().to_path_buf()]) {
        summary.record(&item);
    }
    assert_eq!(
        summary.to_string(),
        "read 3 documents; skipped 3: 1 empty, 1 binary, 1 invalid UTF-8"
    );
}

#[test]
fn shared_samples_are_read_as_two_documents() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples");
    if !samples.is_dir() {
        eprintln!("skipping: {} is absent", samples.display());
        return;
    }
    let items = read_default(&[samples]);
    assert!(problems(&items).is_empty(), "{items:?}");
    let d = docs(&items);
    assert_eq!(d.len(), 2);
    assert!(d[0].id < d[1].id, "name order");
    assert!(
        d.iter()
            .all(|d| !d.body.trim().is_empty() && d.format == BodyFormat::Text)
    );
}

// ---------------------------------------------------------------- property

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic_and_always_yield_something(
        bytes in proptest::collection::vec(any::<u8>(), 0..2048),
        prefix in prop_oneof![
            Just(Vec::new()),
            Just(vec![0x1fu8, 0x8b]),
            Just(vec![0x1fu8, 0x8b, 0x08, 0x00]),
            Just(vec![0x28u8, 0xb5, 0x2f, 0xfd]),
            Just(b"{\"text\":\"".to_vec()),
        ],
        ext in prop_oneof![Just("txt"), Just("md"), Just("json"), Just("jsonl"), Just("txt.gz")],
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut content = prefix;
        content.extend(bytes);
        let path = write(dir.path(), &format!("f.{ext}"), &content);
        let items = read_all(&Ingest::builder().max_line_bytes(512).build(), std::slice::from_ref(&path));
        prop_assert!(!items.is_empty());
        for item in &items {
            match item {
                Item::Document(d) => {
                    prop_assert_eq!(&d.path, &path_str(&path));
                    prop_assert!(!d.body.trim().is_empty());
                }
                Item::Problem(p) => prop_assert_eq!(&p.path, &path_str(&path)),
            }
        }
        if ext != "jsonl" && ext != "json" {
            prop_assert_eq!(items.len(), 1, "a whole-file format gives one item");
        }
        // The same bytes on stdin behave too.
        let from_stdin = read_stdin(content);
        prop_assert!(!from_stdin.is_empty());
    }
}

// ------------------------------------------------- HTML pages and WARC archives

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Checks the two HTML pages of the `news.warc` fixture.
fn check_warc_pages(items: &[Item]) {
    assert!(problems(items).is_empty(), "{items:?}");
    let d = docs(items);
    assert_eq!(
        d.len(),
        2,
        "warcinfo, request and the PNG are passed over: {items:?}"
    );
    assert!(d.iter().all(|d| d.format == BodyFormat::Html));
    assert_eq!(d[0].id, "urn:uuid:1111-ferry");
    assert_eq!(
        d[0].url.as_deref(),
        Some("https://tollanpost.example/ferry-timetable?ref=rss")
    );
    assert_eq!(d[0].published.as_deref(), Some("2025-03-04T10:00:00Z"));
    assert_eq!(d[0].record, Some(3));
    assert!(
        d[0].body.starts_with("<html"),
        "HTTP headers are not part of the body"
    );
    assert!(d[0].body.contains("ferry will run hourly"));
    assert_eq!(d[1].id, "urn:uuid:2222-marche");
    assert!(
        d[1].body.contains("Le marché de Noël de Velmore"),
        "chunked, latin-1 by the HTTP header: {}",
        d[1].body
    );
    assert_eq!(d[1].published.as_deref(), Some("2025-11-20T08:00:00Z"));
}

#[test]
fn warc_responses_with_html_become_documents() {
    check_warc_pages(&read_default(&[fixture("news.warc")]));
}

#[test]
fn warc_gz_with_one_member_per_record_reads_the_same() {
    check_warc_pages(&read_default(&[fixture("news.warc.gz")]));
}

#[test]
fn truncated_warc_reports_the_cut_record_after_the_ones_before() {
    let items = read_default(&[fixture("truncated.warc")]);
    let d = docs(&items);
    assert_eq!(d.len(), 1, "{items:?}");
    assert_eq!(d[0].id, "urn:uuid:1111-ferry");
    let p = problems(&items);
    assert_eq!(p.len(), 1, "{items:?}");
    assert_eq!(p[0].kind, ProblemKind::Truncated);
    assert_eq!(p[0].line, Some(4));
    assert!(p[0].message.contains("WARC record 4"), "{}", p[0].message);
}

#[test]
fn truncated_warc_gz_keeps_the_records_before_the_cut() {
    let bytes = fs::read(fixture("news.warc.gz")).expect("fixture");
    let dir = tempfile::tempdir().expect("tempdir");
    let cut = write(dir.path(), "cut.warc.gz", &bytes[..bytes.len() - 100]);
    let items = read_default(&[cut]);
    assert_eq!(ids(&items), ["urn:uuid:1111-ferry"], "{items:?}");
    let p = problems(&items);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].kind, ProblemKind::Truncated);
}

#[test]
fn corrupt_warc_record_is_reported_and_the_next_one_read() {
    let good = fs::read(fixture("news.warc")).expect("fixture");
    let mut data =
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: banana\r\n\r\n<p>lost</p>\r\n\r\n"
            .to_vec();
    data.extend_from_slice(&good);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "bad.warc", data);
    let items = read_default(&[path]);
    let p = problems(&items);
    assert_eq!(
        p.len(),
        1,
        "one problem for the record, not one per lost line: {items:?}"
    );
    assert_eq!(p[0].kind, ProblemKind::BadRecord);
    assert!(p[0].message.contains("Content-Length"), "{}", p[0].message);
    assert_eq!(
        docs(&items).len(),
        2,
        "the archive's records after it are read"
    );
}

#[test]
fn warc_in_a_folder_and_its_duplicate_ids_are_caught() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bytes = fs::read(fixture("news.warc")).expect("fixture");
    write(dir.path(), "a.warc", &bytes);
    write(dir.path(), "b.warc", &bytes);
    let items = read_default(&[dir.path().to_path_buf()]);
    assert_eq!(docs(&items).len(), 2);
    let p = problems(&items);
    assert_eq!(p.len(), 2);
    assert!(p.iter().all(|p| p.kind == ProblemKind::DuplicateId));
}

#[test]
fn html_files_are_html_and_decoded_by_their_meta_charset() {
    let items = read_default(&[fixture("page.html")]);
    let d = docs(&items);
    assert_eq!(d.len(), 1, "{items:?}");
    assert_eq!(d[0].format, BodyFormat::Html);
    assert_eq!(d[0].id, "page");
    assert!(
        d[0].body
            .contains("Café owners in Tollan say the \u{201c}new\u{201d} pier"),
        "{}",
        d[0].body
    );
}

#[test]
fn htm_and_compressed_html_files_are_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(dir.path(), "a.HTM", "<p>Plain page.</p>");
    let b = write(
        dir.path(),
        "b.html.gz",
        gzip("<p>Zipped page.</p>".as_bytes()),
    );
    let items = read_default(&[a, b]);
    let d = docs(&items);
    assert_eq!(d.len(), 2, "{items:?}");
    assert!(d.iter().all(|d| d.format == BodyFormat::Html));
    assert_eq!(d[1].body, "<p>Zipped page.</p>");
}

#[test]
fn binary_served_as_html_is_a_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        dir.path(),
        "x.html",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    );
    let p = only_problem(&read_default(&[path])).clone();
    assert_eq!(p.kind, ProblemKind::Binary);
}

#[test]
fn jsonl_html_records_are_html() {
    let items = read_stdin(
        "{\"id\":\"h\",\"html\":\"<p>Page.</p>\",\"url\":\"https://x.example/a\"}\n{\"id\":\"t\",\"text\":\"Text.\"}\n",
    );
    let d = docs(&items);
    assert_eq!(d[0].format, BodyFormat::Html);
    assert_eq!(d[1].format, BodyFormat::Text);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Any cut or corruption of a real archive gives documents and problems,
    /// never a panic, and never more documents than the archive holds.
    #[test]
    fn warc_reader_never_panics_on_cut_or_corrupt_archives(
        cut in 0usize..2100,
        flips in proptest::collection::vec((0usize..2100, any::<u8>()), 0..6),
    ) {
        let mut data = fs::read(fixture("news.warc")).expect("fixture");
        data.truncate(cut.min(data.len()));
        for (at, byte) in flips {
            if let Some(b) = data.get_mut(at) {
                *b = byte;
            }
        }
        let items: Vec<Item> =
            storyweave_ingest::warc::WarcRecords::new(data.as_slice(), "p.warc", 1 << 20).collect();
        prop_assert!(docs(&items).len() <= 2);
    }
}
