//! The self-contained HTML report: one file, no network, no scripts.
//!
//! It is rendered from the report's `storyweave/1` JSON value, so it shows
//! exactly what the JSON output holds. Every piece of article text goes
//! through [`escape`]; on top of that, a Content-Security-Policy forbids all
//! scripts, so even a missed escape could not run code.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use serde_json::Value;

use crate::model::Report;

/// Colours given to documents in a story, in order; they repeat after the last.
const PALETTE: &[&str] = &[
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22",
];

const STYLE: &str = r#"
:root { --ink:#1b1f24; --muted:#5b6470; --line:#d9dee4; --bg:#ffffff; --soft:#f5f7f9; --warn:#fff3cd; --warnline:#e0a800; }
* { box-sizing: border-box; }
body { font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); margin: 0; }
header.top { padding: 18px 28px; border-bottom: 1px solid var(--line); background: var(--soft); }
header.top h1 { margin: 0 0 4px; font-size: 20px; }
header.top p { margin: 0; color: var(--muted); }
main { padding: 8px 28px 40px; max-width: 1200px; }
nav.toc ol { margin: 8px 0 0; padding-left: 20px; }
section.story { border-top: 2px solid var(--ink); margin-top: 28px; padding-top: 12px; }
section.story > h2 { margin: 0 0 4px; font-size: 19px; }
.meta { color: var(--muted); margin: 0 0 10px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 14px; font-size: 14px; }
td.date { white-space: nowrap; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
.chip { display: inline-block; min-width: 1.6em; padding: 0 6px; margin: 0 2px 2px 0; border-radius: 9px; color: #fff; font-size: 12px; font-weight: 600; text-align: center; }
.passage { border-left: 5px solid var(--line); padding: 6px 10px; margin: 6px 0; background: #fff; }
.passage.unique { background: var(--soft); }
.passage .who { float: right; margin-left: 10px; }
.passage .count { color: var(--muted); font-size: 12px; }
.variant { margin: 4px 0 0 14px; font-size: 14px; color: var(--muted); }
.variant .cls { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; margin-right: 4px; }
del { background: #fde2e1; color: #8a1c1c; text-decoration: line-through; }
ins { background: #dff5e1; color: #14532d; text-decoration: none; }
.disagree { background: var(--warn); border-left: 5px solid var(--warnline); padding: 6px 10px; margin: 6px 0; }
.passage.discrepant { outline: 2px solid var(--warnline); }
h3 { font-size: 16px; margin: 18px 0 4px; }
.empty { color: var(--muted); font-style: italic; }
footer { color: var(--muted); font-size: 12px; padding: 0 28px 24px; }
"#;

/// Writes the whole report as one self-contained HTML page.
pub fn write_html<W: Write>(report: &Report, mut w: W) -> io::Result<()> {
    let value = serde_json::to_value(report).map_err(io::Error::other)?;
    let page = render(&value);
    w.write_all(page.as_bytes())
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn ids<'a>(v: &'a Value, key: &str) -> Vec<&'a str> {
    list(v, key).iter().filter_map(Value::as_str).collect()
}

/// Renders the page from the report's JSON value.
fn render(report: &Value) -> String {
    let docs: BTreeMap<&str, &Value> = list(report, "documents")
        .iter()
        .filter_map(|d| Some((str_of(d, "id")?, d)))
        .collect();
    let stories = list(report, "stories");
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<title>storyweave report</title>\n<style>");
    h.push_str(STYLE);
    h.push_str("</style>\n</head>\n<body>\n<header class=\"top\"><h1>storyweave report</h1>");
    let _ = writeln!(
        h,
        "<p>{} documents in {} {}</p></header>\n<main>",
        docs.len(),
        stories.len(),
        if stories.len() == 1 {
            "story"
        } else {
            "stories"
        }
    );
    if stories.len() > 1 {
        h.push_str("<nav class=\"toc\"><ol>");
        for s in stories {
            let id = str_of(s, "id").unwrap_or("");
            let _ = write!(
                h,
                "<li><a href=\"#{}\">{}</a> <span class=\"meta\">({} {})</span></li>",
                escape(id),
                escape(str_of(s, "title").unwrap_or("(untitled)")),
                list(s, "documents").len(),
                if list(s, "documents").len() == 1 {
                    "document"
                } else {
                    "documents"
                }
            );
        }
        h.push_str("</ol></nav>\n");
    }
    for s in stories {
        render_story(&mut h, s, &docs);
    }
    h.push_str("</main>\n<footer>Generated by storyweave. Article text is shown as data; this page runs no scripts.</footer>\n</body>\n</html>\n");
    h
}

fn render_story(h: &mut String, s: &Value, docs: &BTreeMap<&str, &Value>) {
    let id = str_of(s, "id").unwrap_or("");
    let members = ids(s, "documents");
    let colour: BTreeMap<&str, &str> = members
        .iter()
        .enumerate()
        .map(|(i, d)| (*d, PALETTE[i % PALETTE.len()]))
        .collect();
    let chip = |doc: &str| -> String {
        let n = members
            .iter()
            .position(|d| *d == doc)
            .map(|i| i + 1)
            .unwrap_or(0);
        format!(
            "<span class=\"chip\" style=\"background:{}\" title=\"{}\">{}</span>",
            colour.get(doc).copied().unwrap_or("#444"),
            escape(doc),
            n
        )
    };
    let _ = writeln!(
        h,
        "<section class=\"story\" id=\"{}\">\n<h2>{}</h2>",
        escape(id),
        escape(str_of(s, "title").unwrap_or("(untitled)"))
    );
    let dates = match (str_of(s, "first_published"), str_of(s, "last_published")) {
        (Some(a), Some(b)) if a != b => format!("{} to {}", escape(a), escape(b)),
        (Some(a), _) => escape(a),
        _ => "undated".into(),
    };
    let agencies = ids(s, "agencies");
    let _ = writeln!(
        h,
        "<p class=\"meta\">{} · {} documents{}</p>",
        dates,
        members.len(),
        if agencies.is_empty() {
            String::new()
        } else {
            format!(" · agencies: {}", escape(&agencies.join(", ")))
        }
    );

    // Sources.
    let family_of: BTreeMap<&str, &str> = list(s, "families")
        .iter()
        .flat_map(|f| {
            let fid = str_of(f, "id").unwrap_or("");
            ids(f, "documents").into_iter().map(move |d| (d, fid))
        })
        .collect();
    let coverage = s.get("coverage");
    h.push_str("<h3>Sources</h3>\n<table class=\"sources\"><thead><tr><th></th><th>document</th><th>outlet</th><th>agencies</th><th>published</th><th>family</th><th>passages</th><th>only here</th></tr></thead><tbody>\n");
    for d in &members {
        let doc = docs.get(d);
        let get = |k: &str| {
            doc.and_then(|v| str_of(v, k))
                .map(escape)
                .unwrap_or_else(|| "-".into())
        };
        let ag = doc
            .map(|v| ids(v, "agencies").join(", "))
            .unwrap_or_default();
        let cov = coverage.and_then(|c| c.get(*d));
        let num = |k: &str| {
            cov.and_then(|c| c.get(k))
                .and_then(Value::as_u64)
                .map(|n| n.to_string())
                .unwrap_or_else(|| "-".into())
        };
        let mut title = doc
            .and_then(|v| str_of(v, "title"))
            .map(escape)
            .unwrap_or_default();
        if let Some(of) = doc.and_then(|v| str_of(v, "exact_duplicate_of")) {
            let _ = write!(
                title,
                " <span class=\"meta\">(exact duplicate of {})</span>",
                escape(of)
            );
        } else if let Some(of) = doc.and_then(|v| str_of(v, "near_duplicate_of")) {
            let _ = write!(
                title,
                " <span class=\"meta\">(near-duplicate of {})</span>",
                escape(of)
            );
        }
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}<br><span class=\"meta\">{}</span></td><td>{}</td><td>{}</td><td class=\"date\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            chip(d),
            escape(d),
            title,
            get("outlet"),
            escape(&ag),
            get("published"),
            escape(family_of.get(d).copied().unwrap_or("-")),
            num("passages"),
            num("unique_passages"),
        );
    }
    h.push_str("</tbody></table>\n");

    // Disagreements.
    let discrepancies = list(s, "discrepancies");
    let discrepant: Vec<&str> = discrepancies
        .iter()
        .filter_map(|d| str_of(d, "passage"))
        .collect();
    h.push_str("<h3>Where sources disagree</h3>\n");
    if discrepancies.is_empty() {
        h.push_str("<p class=\"empty\">No disagreement found.</p>\n");
    }
    for d in discrepancies {
        let about = str_of(d, "about")
            .or_else(|| str_of(d, "kind"))
            .unwrap_or("");
        let update = if str_of(d, "status") == Some("update") {
            " (an update)"
        } else {
            ""
        };
        let _ = write!(
            h,
            "<div class=\"disagree\"><strong>{}</strong>{update}",
            escape(about)
        );
        if let Some(p) = str_of(d, "passage") {
            let _ = write!(
                h,
                " in <a href=\"#{}-{}\">{}</a>",
                escape(id),
                escape(p),
                escape(p)
            );
        }
        h.push_str("<ul>");
        for r in list(d, "readings") {
            let who: String = ids(r, "documents").iter().map(|x| chip(x)).collect();
            let source = str_of(r, "attribution")
                .map(|a| format!(" — {}", escape(a)))
                .unwrap_or_default();
            let _ = write!(
                h,
                "<li>{} “{}”{source}</li>",
                who,
                escape(str_of(r, "text").unwrap_or(""))
            );
        }
        h.push_str("</ul></div>\n");
    }

    // The consolidated narrative.
    let passages = list(s, "passages");
    let _ = writeln!(h, "<h3>The story as told by {} sources</h3>", members.len());
    if passages.is_empty() {
        h.push_str("<p class=\"empty\">No aligned passages.</p>\n");
    }
    for p in passages {
        let pid = str_of(p, "id").unwrap_or("");
        let carriers = ids(p, "documents");
        let unique = carriers.len() == 1;
        let border = if unique {
            carriers
                .first()
                .and_then(|d| colour.get(d))
                .copied()
                .unwrap_or("#d9dee4")
        } else {
            "#1b1f24"
        };
        let mut class = String::from("passage");
        if unique {
            class.push_str(" unique");
        }
        if discrepant.contains(&pid) {
            class.push_str(" discrepant");
        }
        let who: String = carriers.iter().map(|x| chip(x)).collect();
        let _ = write!(
            h,
            "<div class=\"{}\" id=\"{}-{}\" style=\"border-left-color:{}\"><span class=\"who\">{}</span>{} <span class=\"count\">{}/{}</span>",
            class,
            escape(id),
            escape(pid),
            border,
            who,
            escape(str_of(p, "text").unwrap_or("")),
            carriers.len(),
            members.len()
        );
        for v in list(p, "variants") {
            let doc = str_of(v, "document").unwrap_or("");
            let _ = write!(
                h,
                "<div class=\"variant\">{}<span class=\"cls\">{}</span>",
                chip(doc),
                escape(str_of(v, "class").unwrap_or(""))
            );
            for op in list(v, "diff") {
                let text = escape(str_of(op, "text").unwrap_or(""));
                match str_of(op, "op") {
                    Some("insert") => {
                        let _ = write!(h, "<ins>{text}</ins>");
                    }
                    Some("delete") => {
                        let _ = write!(h, "<del>{text}</del>");
                    }
                    _ => h.push_str(&text),
                }
            }
            h.push_str("</div>");
        }
        h.push_str("</div>\n");
    }

    // Quotes and figures.
    h.push_str("<h3>Quotes</h3>\n");
    let quotes = list(s, "quotes");
    if quotes.is_empty() {
        h.push_str("<p class=\"empty\">No direct quotation found.</p>\n");
    } else {
        h.push_str("<table class=\"quotes\"><thead><tr><th>quote</th><th>speaker</th><th>cue</th><th>sources</th></tr></thead><tbody>\n");
        for q in quotes {
            let who: String = ids(q, "documents").iter().map(|x| chip(x)).collect();
            let _ = writeln!(
                h,
                "<tr><td>“{}”</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(str_of(q, "text").unwrap_or("")),
                escape(str_of(q, "speaker").unwrap_or("unknown")),
                escape(str_of(q, "cue").unwrap_or("")),
                who
            );
        }
        h.push_str("</tbody></table>\n");
    }
    h.push_str("<h3>Figures</h3>\n");
    let quantities = list(s, "quantities");
    if quantities.is_empty() {
        h.push_str("<p class=\"empty\">No figure found.</p>\n");
    } else {
        h.push_str("<table class=\"figures\"><thead><tr><th>figure</th><th>according to</th><th>sources</th></tr></thead><tbody>\n");
        for q in quantities {
            let who: String = ids(q, "documents").iter().map(|x| chip(x)).collect();
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(str_of(q, "text").unwrap_or("")),
                escape(str_of(q, "attribution").unwrap_or("-")),
                who
            );
        }
        h.push_str("</tbody></table>\n");
    }
    h.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escape_neutralises_markup_and_attribute_breakouts() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(escape("\" onerror='x'"), "&quot; onerror=&#39;x&#39;");
        assert_eq!(escape("AT&T"), "AT&amp;T");
    }
}
