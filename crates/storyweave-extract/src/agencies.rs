//! Wire agencies: canonical names and where a text credits them.

use storyweave_text::words;

/// Canonical agency names with the spellings that credit them. The aliases
/// are matched as whole words, case-sensitively.
const AGENCIES: &[(&str, &[&str])] = &[
    (
        "AFP",
        &["AFP", "Agence France-Presse", "Agence France Presse"],
    ),
    ("AP", &["Associated Press"]),
    ("ANSA", &["ANSA"]),
    ("DPA", &["DPA", "dpa", "Deutsche Presse-Agentur"]),
    ("EFE", &["EFE"]),
    ("Kyodo", &["Kyodo"]),
    ("PA", &["Press Association", "PA Media"]),
    ("Reuters", &["Reuters", "REUTERS"]),
    ("TASS", &["TASS", "Tass"]),
    ("UPI", &["UPI", "United Press International"]),
    ("Xinhua", &["Xinhua", "XINHUA"]),
    ("Yonhap", &["Yonhap", "YONHAP"]),
];

/// Short names that are also ordinary acronyms: credited only in a clear
/// context (`(AP)`, `By AP`, `told AP`, `AP reported`) or in a byline/credit.
const AMBIGUOUS: &[(&str, &str)] = &[("AP", "AP"), ("PA", "PA")];

/// The canonical name of an agency written as `name` (`Agence France-Presse`
/// → `AFP`), or `None` when it is not a known agency.
pub fn canonical_agency(name: &str) -> Option<&'static str> {
    let name = name.trim();
    for (canon, aliases) in AGENCIES {
        if aliases.iter().any(|a| a.eq_ignore_ascii_case(name)) || canon.eq_ignore_ascii_case(name)
        {
            return Some(canon);
        }
    }
    None
}

/// Adds to `out` the agencies `text` credits. With `credit` set (a byline or
/// a photo credit) the ambiguous short names `AP` and `PA` count anywhere;
/// otherwise only in a clear context.
pub fn find_agencies(text: &str, credit: bool, out: &mut Vec<&'static str>) {
    let ws: Vec<(usize, &str)> = words(text).map(|w| (w.start, w.text)).collect();
    for (k, &(start, w)) in ws.iter().enumerate() {
        // Every alias starts with an upper-case letter, or is `dpa`.
        if !w.starts_with(|c: char| c.is_ascii_uppercase()) && w != "dpa" {
            continue;
        }
        for (canon, aliases) in AGENCIES {
            for alias in aliases.iter() {
                let first_word = alias
                    .strip_prefix(w)
                    .is_some_and(|r| r.is_empty() || r.starts_with(' '));
                if !first_word {
                    continue;
                }
                let mut parts = alias.split(' ');
                parts.next();
                if parts
                    .enumerate()
                    .all(|(j, p)| ws.get(k + 1 + j).is_some_and(|x| x.1 == p))
                {
                    out.push(canon);
                }
            }
        }
        for (short, canon) in AMBIGUOUS {
            if w != *short {
                continue;
            }
            let end = start + w.len();
            let parens = text[..start].ends_with('(') && text[end..].starts_with(')');
            let prev = k.checked_sub(1).and_then(|p| ws.get(p)).map(|x| x.1);
            let next = ws.get(k + 1).map(|x| x.1);
            let cue = matches!(prev, Some("By" | "by" | "told" | "via" | "VIA"))
                || matches!(next, Some("reported" | "reports"));
            if credit || parens || cue {
                out.push(canon);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, credit: bool) -> Vec<&'static str> {
        let mut v = Vec::new();
        find_agencies(text, credit, &mut v);
        v.sort_unstable();
        v.dedup();
        v
    }

    #[test]
    fn finds_names_and_aliases() {
        assert_eq!(found("Yang told AFP.", false), ["AFP"]);
        assert_eq!(
            found("according to the Associated Press and Reuters", false),
            ["AP", "Reuters"]
        );
        assert_eq!(found("Agence France-Presse reported", false), ["AFP"]);
        assert_eq!(found("KCNA VIA KNS / AFP", true), ["AFP"]);
    }

    #[test]
    fn ambiguous_short_names_need_context() {
        assert!(found("The AP exam and PA system were fine.", false).is_empty());
        assert_eq!(found("WASHINGTON (AP) - Talks", false), ["AP"]);
        assert_eq!(found("the senator told AP on Monday", false), ["AP"]);
        assert_eq!(found("By AP", true), ["AP"]);
        assert!(found("CHAPTER APPLE", true).is_empty());
    }

    #[test]
    fn canonical_names() {
        assert_eq!(canonical_agency("Agence France-Presse"), Some("AFP"));
        assert_eq!(canonical_agency("reuters"), Some("Reuters"));
        assert_eq!(canonical_agency("KCNA"), None);
    }
}
