//! File names: which input format an extension names, and the ids derived
//! from paths.

use std::path::{Component, Path};

/// The input format a file name (or a sniff of stdin) stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// `.txt`: the whole file is one plain-text document.
    Text,
    /// `.md` / `.markdown`: the whole file is one markdown document.
    Markdown,
    /// `.json`: one object, or an array of objects.
    Json,
    /// `.jsonl` / `.ndjson`: one object per line.
    JsonLines,
    /// `.html` / `.htm`: the whole file is one web page.
    Html,
    /// `.warc`: a web archive, streamed record by record.
    Warc,
}

/// Compression suffixes, stripped before the format extension is looked at.
const COMPRESSION_SUFFIXES: [&str; 3] = [".gz", ".zst", ".zstd"];

/// Format suffixes and what they mean.
const FORMAT_SUFFIXES: [(&str, FileKind); 9] = [
    (".txt", FileKind::Text),
    (".md", FileKind::Markdown),
    (".markdown", FileKind::Markdown),
    (".json", FileKind::Json),
    (".jsonl", FileKind::JsonLines),
    (".ndjson", FileKind::JsonLines),
    (".html", FileKind::Html),
    (".htm", FileKind::Html),
    (".warc", FileKind::Warc),
];

/// The extensions accepted, for messages.
pub(crate) const SUPPORTED: &str = ".txt, .md, .markdown, .json, .jsonl, .ndjson, .html, .htm, .warc (optionally with .gz, .zst or .zstd)";

/// Strips `suffix` from the end of `name`, ignoring ASCII case.
fn strip_suffix_ci<'a>(name: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = name.len().checked_sub(suffix.len())?;
    let (stem, tail) = (name.get(..cut)?, name.get(cut..)?);
    tail.eq_ignore_ascii_case(suffix).then_some(stem)
}

/// Splits a file name into its stem without compression and format
/// extensions, and the format those extensions name (`None` when there is no
/// supported format extension).
///
/// `a.txt.gz` -> (`a`, Text); `feed.JSONL` -> (`feed`, JsonLines);
/// `notes.pdf` -> (`notes.pdf`, None).
pub(crate) fn split_name(name: &str) -> (&str, Option<FileKind>) {
    let mut stem = name;
    for suffix in COMPRESSION_SUFFIXES {
        if let Some(rest) = strip_suffix_ci(stem, suffix) {
            stem = rest;
            break;
        }
    }
    for (suffix, kind) in FORMAT_SUFFIXES {
        if let Some(rest) = strip_suffix_ci(stem, suffix) {
            // A name that is nothing but the extension keeps its whole name as id.
            let stem = if rest.is_empty() { name } else { rest };
            return (stem, Some(kind));
        }
    }
    (name, None)
}

/// The lossy UTF-8 form of a path's last component (empty when there is none).
pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The id of a file found under the folder argument `root`: its path relative
/// to `root`, `/`-separated, with format and compression extensions removed
/// from the last component (`wire/a.md` -> `wire/a`).
pub(crate) fn relative_id(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let mut parts: Vec<String> = relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if let Some(last) = parts.last_mut() {
        let stem = split_name(last).0.len();
        last.truncate(stem);
    }
    parts.join("/")
}

/// The id of a file named directly: its name without extensions
/// (`dir/a.txt.gz` -> `a`).
pub(crate) fn direct_id(path: &Path) -> String {
    let name = file_name(path);
    let stem = split_name(&name).0;
    if stem.is_empty() {
        path.to_string_lossy().into_owned()
    } else {
        stem.to_owned()
    }
}

/// Whether a directory entry is hidden (`.git`, `.DS_Store`).
pub(crate) fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn split_name_strips_compression_then_format_case_insensitively() {
        assert_eq!(split_name("a.txt.gz"), ("a", Some(FileKind::Text)));
        assert_eq!(split_name("a.TXT.GZ"), ("a", Some(FileKind::Text)));
        assert_eq!(split_name("b.md"), ("b", Some(FileKind::Markdown)));
        assert_eq!(
            split_name("b.markdown.zst"),
            ("b", Some(FileKind::Markdown))
        );
        assert_eq!(split_name("c.json.zstd"), ("c", Some(FileKind::Json)));
        assert_eq!(split_name("d.jsonl"), ("d", Some(FileKind::JsonLines)));
        assert_eq!(split_name("d.ndjson.gz"), ("d", Some(FileKind::JsonLines)));
        assert_eq!(split_name("e.pdf"), ("e.pdf", None));
        assert_eq!(split_name("e.gz"), ("e.gz", None));
        assert_eq!(split_name("noext"), ("noext", None));
        assert_eq!(split_name("x.tar.txt"), ("x.tar", Some(FileKind::Text)));
        assert_eq!(split_name("p.HTM"), ("p", Some(FileKind::Html)));
        assert_eq!(split_name("p.html.gz"), ("p", Some(FileKind::Html)));
        assert_eq!(split_name("crawl.warc.gz"), ("crawl", Some(FileKind::Warc)));
    }

    #[test]
    fn split_name_handles_multibyte_names_without_panicking() {
        assert_eq!(split_name("é"), ("é", None));
        assert_eq!(split_name("日本.txt"), ("日本", Some(FileKind::Text)));
        assert_eq!(split_name(".txt"), (".txt", Some(FileKind::Text)));
    }

    #[test]
    fn relative_id_uses_slashes_and_drops_extensions() {
        let root = PathBuf::from("examples/");
        let path = PathBuf::from("examples/wire/a.md");
        assert_eq!(relative_id(&root, &path), "wire/a");
        let path = PathBuf::from("examples/wire/deep/b.jsonl.gz");
        assert_eq!(relative_id(&root, &path), "wire/deep/b");
    }

    #[test]
    fn direct_id_is_the_stem_without_extensions() {
        assert_eq!(direct_id(Path::new("dir/a.txt.gz")), "a");
        assert_eq!(direct_id(Path::new("a.md")), "a");
    }

    #[test]
    fn hidden_names_start_with_a_dot() {
        assert!(is_hidden(std::ffi::OsStr::new(".git")));
        assert!(!is_hidden(std::ffi::OsStr::new("a.txt")));
    }
}
