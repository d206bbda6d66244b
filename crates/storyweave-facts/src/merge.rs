//! Merging the facts of a story's documents: the same quote, figure, entity
//! or date found in several documents becomes one record listing them all.

use std::collections::{BTreeMap, HashMap};

use storyweave_extract::Article;
use storyweave_fingerprint::intersection_size;

use crate::lex::name_key;
use crate::lexicon::alias_key;
use crate::{
    DateFact, DocumentFacts, Entity, EntityKind, Granularity, Quantity, QuantityVariant, Quote,
    QuoteVariant,
};

/// Lowercase words of a text, sorted and without repeats, for set overlap.
fn word_set(text: &str) -> Vec<String> {
    let mut v: Vec<String> = storyweave_text::words(text)
        .map(|w| w.text.to_lowercase())
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Whether two quotes are the same words: Jaccard at least `threshold`, or
/// one (of four words or more) almost wholly inside the other.
pub(crate) fn same_quote(a: &[String], b: &[String], threshold: f64) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let inter = intersection_size(a, b) as f64;
    let union = (a.len() + b.len()) as f64 - inter;
    let min = a.len().min(b.len());
    inter / union >= threshold || (min >= 4 && inter / min as f64 >= 0.9)
}

/// Text of a quote for comparing wordings: trailing punctuation dropped.
fn display_core(t: &str) -> &str {
    t.trim_end_matches(['.', ',', ';', ':', '!', '?', ' '])
}

/// Merges quotes across documents.
pub(crate) fn quotes(docs: &[(&Article, &DocumentFacts)], threshold: f64) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    let mut sets: Vec<Vec<String>> = Vec::new();
    for (a, f) in docs {
        for q in &f.quotes {
            let set = word_set(&q.text);
            let found = sets.iter().position(|s| same_quote(s, &set, threshold));
            match found {
                Some(k) => {
                    let m = &mut out[k];
                    if !m.documents.contains(&a.id) {
                        m.documents.push(a.id.clone());
                    }
                    if m.speaker.is_none() {
                        m.speaker.clone_from(&q.speaker);
                        m.role.clone_from(&q.role);
                        m.cue.clone_from(&q.cue);
                    }
                    let differs = display_core(&q.text) != display_core(&m.text);
                    let known = m
                        .variants
                        .iter()
                        .any(|v| v.document == a.id && v.text == q.text);
                    if differs && !known {
                        m.variants.push(QuoteVariant {
                            document: a.id.clone(),
                            text: q.text.clone(),
                        });
                    }
                }
                None => {
                    sets.push(set);
                    out.push(Quote {
                        text: q.text.clone(),
                        speaker: q.speaker.clone(),
                        role: q.role.clone(),
                        cue: q.cue.clone(),
                        partial: q.partial,
                        documents: vec![a.id.clone()],
                        variants: Vec::new(),
                    });
                }
            }
        }
    }
    out
}

/// Merges quantities with the same value and counted noun.
pub(crate) fn quantities(docs: &[(&Article, &DocumentFacts)]) -> Vec<Quantity> {
    let mut out: Vec<Quantity> = Vec::new();
    let mut by_key: HashMap<(u64, String, String), usize> = HashMap::new();
    for (a, f) in docs {
        for q in &f.quantities {
            let key = (
                q.value.to_bits(),
                q.unit.to_lowercase(),
                q.what.to_lowercase(),
            );
            match by_key.get(&key) {
                Some(&k) => {
                    let m = &mut out[k];
                    if !m.documents.contains(&a.id) {
                        m.documents.push(a.id.clone());
                    }
                    if m.attribution.is_none() {
                        m.attribution.clone_from(&q.attribution);
                    }
                    if m.qualifier.is_none() {
                        m.qualifier.clone_from(&q.qualifier);
                    }
                    if q.text != m.text
                        && !m
                            .variants
                            .iter()
                            .any(|v| v.document == a.id && v.text == q.text)
                    {
                        m.variants.push(QuantityVariant {
                            document: a.id.clone(),
                            text: q.text.clone(),
                        });
                    }
                }
                None => {
                    by_key.insert(key, out.len());
                    out.push(Quantity {
                        text: q.text.clone(),
                        value: q.value,
                        unit: q.unit.clone(),
                        what: q.what.clone(),
                        kind: q.kind,
                        qualifier: q.qualifier.clone(),
                        attribution: q.attribution.clone(),
                        documents: vec![a.id.clone()],
                        variants: Vec::new(),
                    });
                }
            }
        }
    }
    out
}

/// The expression of a date without its preposition, for matching
/// unresolved mentions (`on Tuesday` and `Tuesday`).
fn expression_key(text: &str) -> String {
    let t = text.to_lowercase();
    for p in [
        "on ", "in ", "since ", "until ", "by ", "from ", "early ", "late ",
    ] {
        if let Some(rest) = t.strip_prefix(p) {
            return rest.to_string();
        }
    }
    t
}

/// Merges dates: resolved ones by date and granularity; an unresolved one
/// joins the resolved date of the same expression when the story holds
/// exactly one such reading, else stays unresolved.
pub(crate) fn dates(docs: &[(&Article, &DocumentFacts)]) -> Vec<DateFact> {
    let mut out: Vec<DateFact> = Vec::new();
    let mut by_date: HashMap<(storyweave_text::Date, Granularity), usize> = HashMap::new();
    let mut readings: HashMap<String, Vec<usize>> = HashMap::new();
    let mut unresolved: Vec<(&str, &str, Granularity)> = Vec::new();
    for (a, f) in docs {
        for d in &f.dates {
            let Some(date) = d.date else {
                unresolved.push((a.id.as_str(), d.text.as_str(), d.granularity));
                continue;
            };
            let k = *by_date.entry((date, d.granularity)).or_insert_with(|| {
                out.push(DateFact {
                    text: d.text.clone(),
                    date: Some(date),
                    granularity: d.granularity,
                    documents: Vec::new(),
                    resolved_in: Vec::new(),
                });
                out.len() - 1
            });
            let m = &mut out[k];
            if !m.documents.contains(&a.id) {
                m.documents.push(a.id.clone());
                m.resolved_in.push(a.id.clone());
            }
            let r = readings.entry(expression_key(&d.text)).or_default();
            if !r.contains(&k) {
                r.push(k);
            }
        }
    }
    let mut plain: HashMap<String, usize> = HashMap::new();
    for (doc, text, granularity) in unresolved {
        let key = expression_key(text);
        let target = match readings.get(&key).map(Vec::as_slice) {
            Some([only]) => *only,
            _ => *plain.entry(key).or_insert_with(|| {
                out.push(DateFact {
                    text: text.to_string(),
                    date: None,
                    granularity,
                    documents: Vec::new(),
                    resolved_in: Vec::new(),
                });
                out.len() - 1
            }),
        };
        let m = &mut out[target];
        if !m.documents.iter().any(|d| d == doc) {
            m.documents.push(doc.to_string());
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.text.cmp(&b.text)));
    out
}

/// Merges entities by name key; a one-word name joins a person of the
/// story whose name holds that word.
pub(crate) fn entities(docs: &[(&Article, &DocumentFacts)]) -> Vec<Entity> {
    struct Acc {
        variants: Vec<(String, usize)>,
        kinds: [usize; 4],
        by_doc: BTreeMap<String, usize>,
        order: usize,
    }
    let mut accs: Vec<Acc> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut order = 0;
    let mut singles: Vec<(String, usize)> = Vec::new();
    for (a, f) in docs {
        for m in &f.entities {
            let key = alias_key(&name_key(&m.name)).to_string();
            let k = *by_key.entry(key.clone()).or_insert_with(|| {
                accs.push(Acc {
                    variants: Vec::new(),
                    kinds: [0; 4],
                    by_doc: BTreeMap::new(),
                    order,
                });
                order += 1;
                if !m.name.contains(' ') {
                    singles.push((key, accs.len() - 1));
                }
                accs.len() - 1
            });
            let acc = &mut accs[k];
            match acc.variants.iter_mut().find(|v| v.0 == m.text) {
                Some(v) => v.1 += 1,
                None => acc.variants.push((m.text.clone(), 1)),
            }
            acc.kinds[m.kind as usize] += 1;
            *acc.by_doc.entry(a.id.clone()).or_default() += 1;
        }
    }
    // One-word names that are part of exactly one multi-word person's name.
    let mut owner: HashMap<String, Option<usize>> = HashMap::new();
    for (key, &k) in &by_key {
        let acc = &accs[k];
        if main_kind(&acc.kinds) != EntityKind::Person {
            continue;
        }
        let Some(name) = acc.variants.first().map(|v| v.0.as_str()) else {
            continue;
        };
        if !name.contains(' ') {
            continue;
        }
        let _ = key;
        for w in name.split([' ', '-']) {
            let wk = name_key(w);
            owner
                .entry(wk)
                .and_modify(|o| {
                    if *o != Some(k) {
                        *o = None;
                    }
                })
                .or_insert(Some(k));
        }
    }
    let mut merged_into: Vec<Option<usize>> = vec![None; accs.len()];
    for (key, k) in singles {
        if let Some(Some(target)) = owner.get(&key)
            && *target != k
            && main_kind(&accs[k].kinds) != EntityKind::Place
            && main_kind(&accs[k].kinds) != EntityKind::Organization
        {
            merged_into[k] = Some(*target);
        }
    }
    for k in 0..accs.len() {
        if let Some(t) = merged_into[k] {
            let src = std::mem::replace(
                &mut accs[k],
                Acc {
                    variants: Vec::new(),
                    kinds: [0; 4],
                    by_doc: BTreeMap::new(),
                    order: usize::MAX,
                },
            );
            let dst = &mut accs[t];
            for (v, n) in src.variants {
                match dst.variants.iter_mut().find(|x| x.0 == v) {
                    Some(x) => x.1 += n,
                    None => dst.variants.push((v, n)),
                }
            }
            for (d, n) in src.by_doc {
                *dst.by_doc.entry(d).or_default() += n;
            }
        }
    }
    let mut out: Vec<(usize, Entity)> = Vec::new();
    // Names come from the documents' own entity names (already canonical).
    let mut names: HashMap<usize, HashMap<String, usize>> = HashMap::new();
    for (_, f) in docs {
        for m in &f.entities {
            let key = alias_key(&name_key(&m.name)).to_string();
            if let Some(&k) = by_key.get(&key) {
                let k = merged_into[k].unwrap_or(k);
                *names
                    .entry(k)
                    .or_default()
                    .entry(m.name.clone())
                    .or_default() += 1;
            }
        }
    }
    for (k, acc) in accs.into_iter().enumerate() {
        if merged_into[k].is_some() || acc.by_doc.is_empty() {
            continue;
        }
        let name = names
            .get(&k)
            .and_then(|n| {
                n.iter()
                    .max_by(|a, b| {
                        let wa = a.0.split(' ').count();
                        let wb = b.0.split(' ').count();
                        (wa, a.1).cmp(&(wb, b.1)).then_with(|| b.0.cmp(a.0))
                    })
                    .map(|x| x.0.clone())
            })
            .unwrap_or_default();
        let mentions = acc.by_doc.values().sum();
        out.push((
            acc.order,
            Entity {
                name,
                kind: main_kind(&acc.kinds),
                documents: docs
                    .iter()
                    .filter(|(a, _)| acc.by_doc.contains_key(&a.id))
                    .map(|(a, _)| a.id.clone())
                    .collect(),
                mentions,
                variants: acc.variants.into_iter().map(|v| v.0).collect(),
                mentions_by_document: acc.by_doc,
            },
        ));
    }
    out.sort_by(|a, b| b.1.mentions.cmp(&a.1.mentions).then(a.0.cmp(&b.0)));
    out.into_iter().map(|x| x.1).collect()
}

/// The kind most mentions gave, preferring a real kind over `other`.
fn main_kind(k: &[usize; 4]) -> EntityKind {
    let kinds = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
        EntityKind::Other,
    ];
    let mut best = EntityKind::Other;
    let mut n = 0;
    for (i, &c) in k.iter().take(3).enumerate() {
        if c > n {
            n = c;
            best = kinds[i];
        }
    }
    best
}
