//! Named entities of one document: capitalised runs, kinds by cue words and
//! context, and name variants merged (`Kim Jong-un` = `Kim Jong Un` = a later
//! `Kim`; `U.S.` = `US`; `Korean Central News Agency (KCNA)` = `KCNA`).

use std::collections::HashMap;

use crate::EntityKind;
use crate::doc::Ctx;
use crate::lex::{Kind, Tok, is_acronym, is_cap, lower, name_key, strip_possessive};
use crate::lexicon;

/// Evidence for each kind, summed over mentions: person, organisation, place.
type Votes = [i32; 3];

/// One capitalised run before grouping.
#[derive(Debug, Clone)]
struct Cand {
    sentence: usize,
    start: usize,
    end: usize,
    text: String,
    key: String,
    tokens: usize,
    initial: bool,
    acronym: bool,
    votes: Votes,
    /// An acronym given right after it in parentheses.
    short: Option<String>,
}

/// A resolved mention: sentence, byte range in it, text, entity name, kind.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub name: String,
    pub kind: EntityKind,
}

/// Lookup of a document's entities by name, for speakers and attributions.
#[derive(Debug, Default)]
pub(crate) struct Index {
    by_key: HashMap<String, (String, EntityKind)>,
    person_tokens: HashMap<String, String>,
}

impl Index {
    /// The entity a name refers to: by full key, else a single word that is
    /// part of a known person's name (`Yang` -> `Yang Moo-jin`).
    pub fn resolve(&self, text: &str) -> Option<(&str, EntityKind)> {
        let key = name_key(text);
        let key = lexicon::alias_key(&key);
        if let Some((n, k)) = self.by_key.get(key) {
            return Some((n.as_str(), *k));
        }
        if !text.contains(' ') {
            return self
                .person_tokens
                .get(key)
                .map(|n| (n.as_str(), EntityKind::Person));
        }
        None
    }
}

/// Whether token `j` can be part of a name.
fn name_word(s: &str, toks: &[Tok], j: usize) -> bool {
    let Some(t) = toks.get(j) else { return false };
    if t.kind != Kind::Word {
        return false;
    }
    let w = t.text(s);
    if !is_cap(w) || w == "I" {
        return false;
    }
    let mut buf = [0u8; 32];
    let lw = lower(strip_possessive(w).0, &mut buf);
    !(lexicon::month(lw).is_some_and(|_| lexicon::is_full_month(lw) || w.ends_with('.'))
        || lexicon::weekday(lw).is_some()
        || matches!(
            lw,
            "gmt" | "utc" | "dna" | "tv" | "pm" | "am" | "ok" | "ceo"
        ))
}

/// How much of a hyphenated word belongs to a name (`Korea-related` -> `Korea`).
fn name_part(w: &str) -> (&str, bool) {
    if let Some(p) = w.rfind('-') {
        let tail = &w[p + 1..];
        if tail.chars().next().is_some_and(char::is_lowercase)
            && (tail.ends_with("ed")
                || tail.ends_with("ing")
                || matches!(
                    tail,
                    "based" | "run" | "born" | "made" | "style" | "wide" | "era"
                ))
        {
            return (&w[..p], true);
        }
    }
    (w, false)
}

/// Scans all sentences for candidate runs.
fn candidates(ctx: &Ctx<'_>) -> Vec<Cand> {
    let mut out = Vec::new();
    let mut buf = [0u8; 32];
    for (si, sent) in ctx.sents.iter().enumerate() {
        let s = sent.text.as_str();
        let toks = &ctx.toks[si];
        let mut j = 0;
        while j < toks.len() {
            if !name_word(s, toks, j) {
                j += 1;
                continue;
            }
            let start = j;
            let mut end = j;
            let mut has_org = false;
            // Extend the run.
            loop {
                let w = toks[end].text(s);
                let (core, poss) = strip_possessive(w);
                let (_, cut) = name_part(core);
                let lc = lower(core, &mut buf);
                has_org |= lexicon::is_org_word(lc);
                let cut = cut || (lexicon::is_company_suffix(lc) && end > start);
                end += 1;
                // `Korean People's Army`: a possessive inside an organisation's name.
                let org_next = poss
                    && name_word(s, toks, end)
                    && (lexicon::is_org_word(lower(toks[end].text(s), &mut buf))
                        || lexicon::is_place_word(lower(toks[end].text(s), &mut buf)));
                if (poss && !org_next) || cut {
                    break;
                }
                if name_word(s, toks, end) {
                    continue;
                }
                if let Some(c) = toks.get(end) {
                    let lc = lower(c.text(s), &mut buf);
                    let joins = matches!(lc, "de" | "del" | "da" | "van" | "von" | "bin" | "al")
                        || (lc == "of" && has_org);
                    // `Burkhardt & Associates`, `Johnson & Johnson`.
                    let ampersand = lc == "&";
                    if ((joins && c.kind == Kind::Word) || ampersand) && name_word(s, toks, end + 1)
                    {
                        has_org |= ampersand;
                        end += 1;
                        continue;
                    }
                }
                break;
            }
            // A word opening the sentence, a quotation or a quoted sentence.
            let initial =
                start == 0 || matches!(toks[start - 1].text(s), "\"" | "." | "!" | "?" | ":" | ";");
            let first_word = initial.then_some(start);
            emit_run(ctx, si, start, end, first_word, &mut out);
            j = end;
        }
    }
    out
}

/// Splits a run at role words and emits its name segments.
fn emit_run(
    ctx: &Ctx<'_>,
    si: usize,
    start: usize,
    end: usize,
    first_word: Option<usize>,
    out: &mut Vec<Cand>,
) {
    let s = ctx.sents[si].text.as_str();
    let toks = &ctx.toks[si];
    let mut buf = [0u8; 32];
    let mut seg_start = start;
    let mut after_role = start > 0 && {
        let p = toks[start - 1];
        p.kind == Kind::Word && lexicon::is_role(lower(p.text(s), &mut buf))
    };
    // Sentence-initial function words are not names.
    if Some(start) == first_word {
        let lw = lower(toks[start].text(s), &mut buf);
        if lexicon::is_common_starter(lw) && !lexicon::is_role(lw) {
            seg_start += 1;
        }
    }
    let mut k = seg_start;
    while k < end {
        let lw = lower(toks[k].text(s), &mut buf);
        if lexicon::is_role(lw) && k + 1 < end {
            if k > seg_start {
                push_cand(ctx, si, seg_start, k, first_word, after_role, out);
            }
            seg_start = k + 1;
            after_role = true;
        }
        k += 1;
    }
    if seg_start < end {
        push_cand(ctx, si, seg_start, end, first_word, after_role, out);
    }
}

fn push_cand(
    ctx: &Ctx<'_>,
    si: usize,
    a: usize,
    b: usize,
    first_word: Option<usize>,
    after_role: bool,
    out: &mut Vec<Cand>,
) {
    let s = ctx.sents[si].text.as_str();
    let toks = &ctx.toks[si];
    let mut buf = [0u8; 32];
    let last_text = toks[b - 1].text(s);
    let (core, _) = strip_possessive(last_text);
    let (core, _) = name_part(core);
    let start = toks[a].start;
    let end = toks[b - 1].start + core.len();
    let Some(text) = s.get(start..end) else {
        return;
    };
    let text = text.trim_end_matches(['-', '\'']);
    if text.is_empty() {
        return;
    }
    // Runs made only of nationality or compass words are adjectives.
    if (a..b).all(|k| {
        let w = strip_possessive(toks[k].text(s)).0;
        lexicon::is_demonym_or_direction(lower(w, &mut buf))
    }) {
        return;
    }
    if b - a == 1 && lexicon::is_role(lower(text, &mut buf)) {
        return;
    }
    let key = lexicon::alias_key(&name_key(text)).to_string();
    if key.is_empty() {
        return;
    }
    let tokens = b - a;
    let acronym = tokens == 1 && is_acronym(text);
    let mut votes: Votes = [0; 3];
    let mut has_org = false;
    for t in &toks[a..b] {
        let w = strip_possessive(t.text(s)).0;
        if lexicon::is_org_word(lower(w, &mut buf)) {
            has_org = true;
        }
    }
    if has_org {
        votes[1] += 3;
    }
    if lexicon::is_known_place(&key) {
        votes[2] += 3;
    } else if acronym {
        votes[1] += 3;
    }
    let last_lw = lower(core, &mut buf);
    // `Fairfield Drive`, `Kennedy Street`: a street is a place.
    if (lexicon::is_place_word(last_lw) || lexicon::is_street_word(last_lw)) && tokens > 1 {
        votes[2] += 3;
    }
    if after_role {
        votes[0] += 3;
    }
    let prev = a.checked_sub(1).map(|p| toks[p]);
    let prev_lw = prev
        .filter(|t| t.kind == Kind::Word)
        .map(|t| lower(t.text(s), &mut buf).to_string())
        .unwrap_or_default();
    if lexicon::is_place_preposition(&prev_lw) {
        votes[2] += 1;
    }
    if prev_lw == "the" {
        votes[1] += 1;
    }
    let next = toks.get(b).copied();
    let next_lw = next
        .filter(|t| t.kind == Kind::Word)
        .map(|t| lower(t.text(s), &mut buf).to_string())
        .unwrap_or_default();
    if lexicon::is_place_follower(&next_lw) {
        votes[2] += 2;
    }
    let before_cue = lexicon::cue(&next_lw).is_some();
    // `Apple Computer CEO Steve Jobs`, `Chrysler spokesman Kevin Frazier`: a
    // name right before a role and another name is whom the role serves.
    let serves = lexicon::is_role(&next_lw)
        && toks
            .get(b + 1)
            .is_some_and(|t| t.kind == Kind::Word && is_cap(t.text(s)));
    if serves {
        votes[1] += 2;
    }
    // `Name, 67,` gives an age.
    if next.is_some_and(|t| t.text(s) == ",")
        && toks
            .get(b + 1)
            .is_some_and(|t| t.kind == Kind::Number && t.text(s).len() <= 3)
        && toks.get(b + 2).is_some_and(|t| t.text(s) == ",")
    {
        votes[0] += 2;
    }
    if tokens >= 2 && !has_org && votes[1] == 0 && votes[2] == 0 {
        let all_names = (a..b).all(|k| !is_acronym(toks[k].text(s)));
        if all_names {
            votes[0] += 1;
            if before_cue {
                votes[0] += 1;
            }
        }
    }
    let short = (next.is_some_and(|t| t.text(s) == "(")
        && toks.get(b + 2).is_some_and(|t| t.text(s) == ")"))
    .then(|| toks.get(b + 1).map(|t| t.text(s)))
    .flatten()
    .filter(|w| is_acronym(w))
    .map(str::to_string);
    out.push(Cand {
        sentence: si,
        start,
        end: start + text.len(),
        text: text.to_string(),
        key,
        tokens,
        initial: Some(a) == first_word,
        acronym,
        votes,
        short,
    });
}

fn kind_of(v: &Votes) -> EntityKind {
    let best = v.iter().copied().max().unwrap_or(0);
    if best <= 0 {
        return EntityKind::Other;
    }
    if v[0] == best && v[1] < best && v[2] < best {
        EntityKind::Person
    } else if v[1] == best && v[2] < best {
        EntityKind::Organization
    } else if v[2] == best {
        EntityKind::Place
    } else {
        EntityKind::Other
    }
}

/// A group of candidates that name one entity.
#[derive(Debug, Default)]
struct Group {
    members: Vec<usize>,
    votes: Votes,
    short: Option<String>,
}

/// Finds, groups and names the entities of a document.
pub(crate) fn extract(ctx: &Ctx<'_>) -> (Vec<Resolved>, Index) {
    let cands = candidates(ctx);
    // Words seen inside names away from the sentence start.
    let mut seen: HashMap<String, ()> = HashMap::new();
    for c in cands.iter().filter(|c| !c.initial || c.tokens > 1) {
        // Words of a person-like name (`Kim` of `Kim Jong Un`), not of an
        // organisation's (`Marine` of `Tasman Marine Institute`).
        if c.votes[1] == 0 && c.votes[2] == 0 {
            for w in c.text.split([' ', '-']) {
                seen.insert(lexicon::alias_key(&name_key(w)).to_string(), ());
            }
        }
        seen.insert(c.key.clone(), ());
    }
    let keep: Vec<bool> = cands
        .iter()
        .map(|c| {
            !(c.initial && c.tokens == 1)
                || seen.contains_key(&c.key)
                || c.acronym
                || c.votes[1] > 0
                || c.votes[2] >= 3
        })
        .collect();
    // Group by key; an acronym in parentheses joins its long form.
    let mut alias: HashMap<String, String> = HashMap::new();
    for c in &cands {
        if let Some(sh) = &c.short {
            alias.insert(c.key.clone(), name_key(sh));
        }
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut single: Vec<usize> = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        let key = alias.get(&c.key).cloned().unwrap_or_else(|| c.key.clone());
        if c.tokens == 1 && !c.acronym && !by_key.contains_key(&key) && c.short.is_none() {
            single.push(i);
            continue;
        }
        let g = *by_key.entry(key).or_insert_with(|| {
            groups.push(Group::default());
            groups.len() - 1
        });
        let grp = &mut groups[g];
        grp.members.push(i);
        for k in 0..3 {
            grp.votes[k] += c.votes[k];
        }
        if let Some(sh) = &c.short {
            grp.short = Some(sh.clone());
        }
    }
    // Single words: part of a known person's name, first word of a known
    // organisation's, or an entity of their own.
    let mut person_tokens: HashMap<String, usize> = HashMap::new();
    let mut org_first: HashMap<String, usize> = HashMap::new();
    for (g, grp) in groups.iter().enumerate() {
        let Some(&first) = grp.members.first() else {
            continue;
        };
        let c = &cands[first];
        if c.tokens < 2 {
            continue;
        }
        match kind_of(&grp.votes) {
            EntityKind::Person => {
                for w in c.text.split([' ', '-']) {
                    let k = name_key(w);
                    let better = person_tokens
                        .get(&k)
                        .is_none_or(|&o| groups[o].members.len() < grp.members.len());
                    if better && k.len() > 1 {
                        person_tokens.insert(k, g);
                    }
                }
            }
            EntityKind::Organization => {
                if let Some(w) = c.text.split(' ').next() {
                    org_first.entry(name_key(w)).or_insert(g);
                }
            }
            _ => {}
        }
    }
    for i in single {
        let c = &cands[i];
        let g = if let Some(&g) = by_key.get(&c.key) {
            g
        } else if let Some(&g) = person_tokens.get(&c.key) {
            g
        } else if let Some(&g) = org_first
            .get(&c.key)
            .filter(|_| c.votes[2] == 0 && !lexicon::is_known_place(&c.key))
        {
            g
        } else {
            groups.push(Group::default());
            by_key.insert(c.key.clone(), groups.len() - 1);
            groups.len() - 1
        };
        let joined_person = !by_key.contains_key(&c.key) && person_tokens.contains_key(&c.key);
        let grp = &mut groups[g];
        grp.members.push(i);
        // A surname's context (`of Putin's summit`) says little about the person.
        if !joined_person {
            for k in 0..3 {
                grp.votes[k] += c.votes[k];
            }
        }
    }
    // Names: the acronym when one is given, else the most frequent variant
    // with the most words.
    let mut index = Index::default();
    let mut resolved = Vec::new();
    for grp in &groups {
        let kind = kind_of(&grp.votes);
        let name = match &grp.short {
            Some(sh) => sh.clone(),
            None => {
                let mut counts: Vec<(&str, usize, usize)> = Vec::new();
                for &m in &grp.members {
                    let c = &cands[m];
                    match counts.iter_mut().find(|x| x.0 == c.text) {
                        Some(x) => x.1 += 1,
                        None => counts.push((&c.text, 1, c.tokens)),
                    }
                }
                counts
                    .iter()
                    .max_by_key(|x| (x.2, x.1))
                    .map(|x| x.0.to_string())
                    .unwrap_or_default()
            }
        };
        for &m in &grp.members {
            let c = &cands[m];
            index.by_key.insert(c.key.clone(), (name.clone(), kind));
            resolved.push(Resolved {
                sentence: c.sentence,
                start: c.start,
                end: c.end,
                text: c.text.clone(),
                name: name.clone(),
                kind,
            });
        }
        index.by_key.insert(
            lexicon::alias_key(&name_key(&name)).to_string(),
            (name.clone(), kind),
        );
        if kind == EntityKind::Person {
            for w in name.split([' ', '-']) {
                let k = name_key(w);
                if k.len() > 1 {
                    index.person_tokens.entry(k).or_insert_with(|| name.clone());
                }
            }
        }
    }
    resolved.sort_by_key(|r| (r.sentence, r.start));
    (resolved, index)
}
