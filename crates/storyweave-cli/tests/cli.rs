//! End-to-end tests of the `storyweave` binary: the examples, the real samples
//! (when present), bad input, output formats and exit codes.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_storyweave"))
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn run(args: &[&str]) -> Output {
    bin()
        .args(args)
        .current_dir(repo())
        .output()
        .expect("run storyweave")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

fn json(o: &Output) -> Value {
    assert!(o.status.success(), "exit {:?}\n{}", o.status, stderr(o));
    serde_json::from_slice(&o.stdout).expect("json on stdout")
}

/// The groups of one level as sorted lists of ids, from the documents' link fields.
fn groups(report: &Value, field: &str) -> Vec<Vec<String>> {
    let mut by: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in report["documents"].as_array().expect("documents") {
        let id = d["id"].as_str().expect("id").to_string();
        let key = match field {
            "exact_duplicate_of" | "near_duplicate_of" => {
                d[field].as_str().unwrap_or(&id).to_string()
            }
            _ => d[field].as_str().expect("label").to_string(),
        };
        by.entry(key).or_default().push(id);
    }
    let mut v: Vec<Vec<String>> = by
        .into_values()
        .map(|mut g| {
            g.sort();
            g
        })
        .collect();
    v.sort();
    v
}

/// Only the groups with more than one member, for compact expectations.
fn multi(groups: Vec<Vec<String>>) -> Vec<Vec<String>> {
    groups.into_iter().filter(|g| g.len() > 1).collect()
}

fn ids(list: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

// ---------------------------------------------------------------- bad input

#[test]
fn bad_inputs_are_named_skipped_and_counted_while_the_run_goes_on() {
    let o = run(&[
        "stories",
        "--format",
        "json",
        fixtures().join("bad").to_str().expect("path"),
    ]);
    let err = stderr(&o);
    let report = json(&o);
    for name in [
        "empty.txt",
        "blank.md",
        "binary.txt",
        "latin1.txt",
        "records.jsonl",
        "truncated.jsonl.gz",
    ] {
        assert!(err.contains(name), "stderr names {name}:\n{err}");
    }
    assert!(
        err.contains("records.jsonl:2"),
        "bad JSON line named:\n{err}"
    );
    assert!(
        err.contains("records.jsonl:3"),
        "record without text named:\n{err}"
    );
    assert!(
        err.contains("records.jsonl:4"),
        "duplicate id named:\n{err}"
    );
    assert!(err.contains("skipped"), "summary line:\n{err}");
    let docs: Vec<&str> = report["documents"]
        .as_array()
        .expect("docs")
        .iter()
        .filter_map(|d| d["id"].as_str())
        .collect();
    assert!(docs.contains(&"good"), "the good file is read: {docs:?}");
    assert!(
        docs.len() >= 3,
        "good file, first JSONL record and the readable part of the truncated gzip: {docs:?}"
    );
    let kinds: Vec<&str> = report["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .filter_map(|p| p["kind"].as_str())
        .collect();
    for kind in [
        "empty",
        "binary",
        "invalid-utf8",
        "bad-record",
        "duplicate-id",
        "truncated",
    ] {
        assert!(kinds.contains(&kind), "{kind} counted in {kinds:?}");
    }
}

#[test]
fn strict_turns_skips_into_exit_code_3_but_still_writes_the_report() {
    let o = run(&[
        "stories",
        "--strict",
        "--format",
        "json",
        fixtures().join("bad").to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("report still written");
    assert_eq!(v["schema"], "storyweave/1");
}

#[test]
fn nothing_readable_is_a_failure_with_a_message() {
    let o = run(&[
        "stories",
        fixtures().join("bad/empty.txt").to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no documents"), "{}", stderr(&o));
}

#[test]
fn a_missing_path_is_reported_and_the_rest_is_read() {
    let o = run(&[
        "stories",
        "--format",
        "json",
        "does/not/exist.txt",
        fixtures().join("bad/good.txt").to_str().expect("path"),
    ]);
    assert!(stderr(&o).contains("does/not/exist.txt"), "{}", stderr(&o));
    assert_eq!(json(&o)["documents"].as_array().expect("docs").len(), 1);
}

#[test]
fn a_50_mb_single_line_is_skipped_with_its_line_and_later_lines_are_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.jsonl");
    let mut f = std::fs::File::create(&path).expect("create");
    writeln!(
        f,
        r#"{{"id":"first","text":"The first record is read before the giant line."}}"#
    )
    .expect("write");
    let giant = "x".repeat(50 << 20);
    writeln!(f, r#"{{"id":"giant","text":"{giant}"}}"#).expect("write");
    writeln!(
        f,
        r#"{{"id":"last","text":"The last record is read after the giant line."}}"#
    )
    .expect("write");
    drop(f);
    let o = run(&["stories", "--format", "json", path.to_str().expect("path")]);
    assert!(stderr(&o).contains("huge.jsonl:2"), "{}", stderr(&o));
    let report = json(&o);
    let docs: Vec<&str> = report["documents"]
        .as_array()
        .expect("docs")
        .iter()
        .filter_map(|d| d["id"].as_str())
        .collect();
    assert_eq!(docs.len(), 2);
    assert!(
        docs.contains(&"first") && docs.contains(&"last"),
        "{docs:?}"
    );
}

#[test]
fn stdin_reads_json_lines() {
    let mut child = bin()
        .args(["stories", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"{\"id\":\"x1\",\"text\":\"Flood waters rose in the valley town on Monday.\"}\n{\"id\":\"x2\",\"text\":\"A chess club opened in the old library.\"}\n")
        .expect("write stdin");
    let o = child.wait_with_output().expect("wait");
    let report = json(&o);
    assert_eq!(report["documents"].as_array().expect("docs").len(), 2);
}

#[test]
fn output_file_is_written_and_an_unwritable_one_fails_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("report.json");
    let good = fixtures().join("bad/good.txt");
    let o = run(&[
        "stories",
        "-q",
        "--format",
        "json",
        "-o",
        out.to_str().expect("p"),
        good.to_str().expect("p"),
    ]);
    assert!(o.status.success());
    assert!(
        o.stdout.is_empty() && o.stderr.is_empty(),
        "quiet and to a file"
    );
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("json");
    assert_eq!(v["schema"], "storyweave/1");
    let o = run(&[
        "stories",
        "-o",
        "/nonexistent-dir/x.json",
        good.to_str().expect("p"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("/nonexistent-dir/x.json"),
        "{}",
        stderr(&o)
    );
}

// ---------------------------------------------------------------- the real samples

fn samples() -> Option<PathBuf> {
    let dir = repo().join("../shared/samples");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: ../shared/samples is absent");
        None
    }
}

#[test]
fn samples_are_one_story_one_family_not_near_duplicates() {
    let Some(dir) = samples() else { return };
    let a = dir.join("000_4ad8c33354c46e4c.txt");
    let b = dir.join("002_449c17dc6cee7e10.txt");
    let report = json(&run(&[
        "stories",
        "--format",
        "json",
        a.to_str().expect("p"),
        b.to_str().expect("p"),
    ]));
    assert_eq!(
        report["stories"].as_array().expect("stories").len(),
        1,
        "one story"
    );
    assert_eq!(
        report["stories"][0]["families"]
            .as_array()
            .expect("families")
            .len(),
        1,
        "one family"
    );
    let doc = |id: &str| {
        report["documents"]
            .as_array()
            .expect("docs")
            .iter()
            .find(|d| d["id"] == id)
            .cloned()
            .expect("doc")
    };
    let first = doc("000_4ad8c33354c46e4c");
    let second = doc("002_449c17dc6cee7e10");
    for d in [&first, &second] {
        assert!(d["near_duplicate_of"].is_null(), "not near-duplicates: {d}");
        assert!(
            d["agencies"]
                .as_array()
                .expect("agencies")
                .iter()
                .any(|a| a == "AFP"),
            "AFP: {d}"
        );
    }
    assert_eq!(first["published"], "2025-08-13");
    assert_eq!(
        first["url"],
        "https://www.themoscowtimes.com/2025/08/13/vladimir-putin-and-kim-jong-un-vow-to-strengthen-ties-ahead-of-alaska-summit-a90187"
    );
    assert_eq!(first["outlet"], "themoscowtimes.com");
    assert_eq!(second["dateline"], "Pyongyang, North Korea");
}

#[test]
fn samples_bodies_hold_no_teaser_footer_credit_or_artifact() {
    let Some(dir) = samples() else { return };
    let o = run(&["extract", dir.to_str().expect("p")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    let articles: Vec<&Value> = lines
        .iter()
        .filter(|v| v["id"].as_str().is_some_and(|id| id.starts_with("00")))
        .collect();
    assert_eq!(articles.len(), 2);
    for v in articles {
        let text = v["text"].as_str().expect("text");
        for bad in ["Related article", "Original url", "©", " 's"] {
            assert!(
                !text.contains(bad),
                "{} body contains {bad:?}:\n{text}",
                v["id"]
            );
        }
        assert!(
            !v["set_aside"].as_array().expect("set_aside").is_empty(),
            "something set aside"
        );
    }
}

// ---------------------------------------------------------------- the examples

const A1: &str = "havnsund-warehouse-fire/northern-ledger";
const A2: &str = "havnsund-warehouse-fire/north-sea-observer";
const A3: &str = "lakeside-gazette-havnsund-fire";
const A4: &str = "valley-record-havnsund-fire";
const A5: &str = "havnsund-warehouse-fire/morning-courier";
const A6: &str = "havnsund-warehouse-fire/coastal-herald";
const B1: &str = "havnsund-trawler-fire/skerry-times";
const B2: &str = "west-norway-review-trawler-fire";
const C1: &str = "carrowmore-takeover/city-ledger";
const C2: &str = "carrowmore-takeover/investor-brief";
const D1: &str = "lanternshark-discovery/pacific-tribune";
const D2: &str = "lanternshark-discovery/harbourside-news";
const E1: &str = "kelmbridge-library-book/west-country-echo";

fn examples_report() -> Value {
    json(&run(&["stories", "--format", "json", "examples/"]))
}

#[test]
fn examples_partition_at_every_level() {
    let report = examples_report();
    assert_eq!(report["documents"].as_array().expect("docs").len(), 13);
    assert_eq!(
        multi(groups(&report, "exact_duplicate_of")),
        vec![ids(&[A3, A4])]
    );
    let mut near = vec![ids(&[A1, A5]), ids(&[A3, A4])];
    near.sort();
    assert_eq!(multi(groups(&report, "near_duplicate_of")), near);
    let mut families = vec![ids(&[A1, A2, A3, A4, A5]), ids(&[C1, C2])];
    families.sort();
    assert_eq!(multi(groups(&report, "family")), families);
    let mut stories = vec![
        ids(&[A1, A2, A3, A4, A5, A6]),
        ids(&[B1, B2]),
        ids(&[C1, C2]),
        ids(&[D1, D2]),
        ids(&[E1]),
    ];
    stories.sort();
    assert_eq!(groups(&report, "story"), stories);
}

#[test]
fn examples_metadata_of_the_wire_copies() {
    let report = examples_report();
    let doc = |id: &str| {
        report["documents"]
            .as_array()
            .expect("docs")
            .iter()
            .find(|d| d["id"] == id)
            .cloned()
            .expect(id)
    };
    let a1 = doc(A1);
    assert_eq!(
        a1["title"],
        "Hundreds Evacuated as Fire Engulfs Norwegian Harbor Warehouse"
    );
    assert_eq!(a1["published"], "2025-08-13");
    assert_eq!(a1["agencies"], serde_json::json!(["AFP"]));
    assert_eq!(a1["outlet"], "northernledger.example");
    let a2 = doc(A2);
    assert_eq!(a2["dateline"], "Havnsund, Norway");
    assert!(
        a2["agencies"]
            .as_array()
            .expect("agencies")
            .iter()
            .any(|a| a == "AFP")
    );
    let c1 = doc(C1);
    assert!(
        c1["agencies"]
            .as_array()
            .expect("agencies")
            .iter()
            .any(|a| a == "Reuters"),
        "{c1}"
    );
    assert_eq!(doc(A3)["outlet"], doc(A3)["outlet"]);
    let story = report["stories"]
        .as_array()
        .expect("stories")
        .iter()
        .find(|s| s["documents"].as_array().is_some_and(|d| d.len() == 6))
        .expect("story A");
    assert_eq!(story["first_published"], "2025-08-13");
    assert_eq!(story["families"][0]["agency"], "AFP");
}

#[test]
fn examples_report_does_not_depend_on_the_order_inputs_are_listed() {
    let dirs = [
        "havnsund-warehouse-fire",
        "havnsund-trawler-fire",
        "carrowmore-takeover",
        "lanternshark-discovery",
        "kelmbridge-library-book",
    ];
    let mut forward: Vec<String> = dirs.iter().map(|d| format!("examples/{d}")).collect();
    forward.push("examples/feeds.jsonl".into());
    let mut backward = forward.clone();
    backward.reverse();
    let args = |paths: &[String]| {
        let mut a: Vec<String> = vec!["stories".into(), "--format".into(), "json".into()];
        a.extend(paths.iter().cloned());
        a
    };
    let one = bin()
        .args(args(&forward))
        .current_dir(repo())
        .output()
        .expect("run");
    let two = bin()
        .args(args(&backward))
        .current_dir(repo())
        .output()
        .expect("run");
    let (one, two) = (json(&one), json(&two));
    assert_eq!(groups(&one, "story"), groups(&two, "story"));
    assert_eq!(one["stories"], two["stories"], "same ids, same order");
}

#[test]
fn examples_terminal_report() {
    let o = run(&["stories", "examples/"]);
    assert!(o.status.success(), "{}", stderr(&o));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn extract_writes_one_clean_record_per_article() {
    let o = run(&[
        "extract",
        "examples/havnsund-warehouse-fire/northern-ledger.md",
        "examples/feeds.jsonl",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 4);
    let a1 = &lines[0];
    for key in [
        "id",
        "path",
        "url",
        "outlet",
        "title",
        "byline",
        "agencies",
        "dateline",
        "published",
        "language",
        "words",
        "sentences",
        "text",
        "set_aside",
    ] {
        assert!(a1.get(key).is_some(), "field {key}");
    }
    let text = a1["text"].as_str().expect("text");
    assert!(
        text.contains("\n\n"),
        "paragraphs separated by a blank line"
    );
    assert!(
        !text.contains("](") && !text.contains("Related article") && !text.contains("Original url"),
        "{text}"
    );
    assert!(
        text.contains("\"the one thing we could not allow to burn.\""),
        "broken paragraph re-joined:\n{text}"
    );
    let kinds: Vec<&str> = a1["set_aside"]
        .as_array()
        .expect("set aside")
        .iter()
        .filter_map(|s| s["kind"].as_str())
        .collect();
    assert!(
        kinds.contains(&"teaser") && kinds.contains(&"footer"),
        "{kinds:?}"
    );
    assert_eq!(lines[1]["id"], A3);
    assert_eq!(lines[1]["published"], "2025-08-13");
}
