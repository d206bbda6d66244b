//! Attribution cues: a verb such as `said`, `told`, `added` or the phrase
//! `according to`, with the speaker it names — before it (`Rasmussen said`,
//! `Yang Moo-jin, president of ..., told AFP`, `the ... Agency (KCNA) said`),
//! after it (`said Kari Nygaard`), or a pronoun (`he added`) resolved to the
//! last person named as a speaker in the document.

use crate::EntityKind;
use crate::doc::Ctx;
use crate::entities::Index;
use crate::lex::{Kind, Tok, is_acronym, is_cap, lower};
use crate::lexicon::{self, Strength};

/// A cue verb found outside quotations, with its resolved speaker.
#[derive(Debug, Clone)]
pub(crate) struct Cue {
    /// Token index of the verb.
    pub tok: usize,
    /// Token index after the cue (and its object, for `told AFP`).
    pub end: usize,
    /// Strong (`said`) or weak (`confirmed`).
    pub strength: Strength,
    /// The cue as written: `said`, `told AFP`, `according to`.
    pub verb: String,
    /// Who it attributes to, when found.
    pub speaker: Option<String>,
    /// Token range of the subject phrase naming the speaker, appositives
    /// included (`Maral, 45,`): a figure inside it describes the speaker and
    /// is not attributed to them.
    pub subject: (usize, usize),
    /// The speaker's title or role as the subject phrase gives it
    /// (`Rep.` of `Rep. Blake Farenthold`, `neighbor` of `said neighbor
    /// Sheila Rawlins`, `a local farmer` of `Jonas Lie, a local farmer`).
    pub role: Option<String>,
}

/// What a subject search found: a name with the token range its phrase
/// covers (appositives included), a personal pronoun, or `it` with its
/// token range (a document or organisation named before).
enum Subject {
    Name(String, (usize, usize)),
    Pronoun,
    It((usize, usize)),
}

/// Finds the cues of every sentence, resolving pronouns in reading order.
/// Also returns, for each sentence, the last person speaker named before it.
pub(crate) fn find(
    ctx: &Ctx<'_>,
    index: &Index,
    lead_person: &[Option<String>],
    introduced: &[Option<String>],
    orgs: &[Vec<(usize, String)>],
) -> (Vec<Vec<Cue>>, Vec<Option<String>>) {
    // The organisations named in the sentences read so far, in order: what
    // `the company said` may mean.
    let mut seen_orgs: Vec<String> = Vec::new();
    let mut all = Vec::with_capacity(ctx.sents.len());
    let mut before = Vec::with_capacity(ctx.sents.len());
    let mut last_person: Option<String> = None;
    // The person last spoken of: a speaker, a sentence's subject, or someone
    // introduced by full name; what `the chief said` refers to.
    let mut last_named: Option<String> = None;
    // Who issued the last document named (`A press release from the Tyler
    // County Sheriff's Office`): what `the press release stated` means.
    let mut last_issuer: Option<String> = None;
    let mut buf = [0u8; 32];
    for (si, sent) in ctx.sents.iter().enumerate() {
        // A person opening the sentence is what a later `she said` refers to.
        if let Some(Some(p)) = lead_person.get(si) {
            last_person = Some(p.clone());
            last_named = Some(p.clone());
        }
        before.push(last_person.clone());
        let s = sent.text.as_str();
        if let Some(issuer) = document_issuer(s, &ctx.toks[si], &ctx.inq[si], index) {
            last_issuer = Some(issuer);
        }
        let toks = &ctx.toks[si];
        let inq = &ctx.inq[si];
        let mut cues: Vec<Cue> = Vec::new();
        let mut j = 0;
        while j < toks.len() {
            let t = toks[j];
            if t.kind != Kind::Word || inq[j] {
                j += 1;
                continue;
            }
            let lw = lower(t.text(s), &mut buf);
            // `was praised by Jobs as "..."`: the agent of a passive verb
            // that characterises, followed by the quoted words.
            let agent = lw == "by" && passive_agent(s, toks, inq, j);
            let Some((strength, inverted)) =
                lexicon::cue(lw).or(agent.then_some((Strength::Weak, true)))
            else {
                j += 1;
                continue;
            };
            let according = lw == "according";
            if according
                && !toks
                    .get(j + 1)
                    .is_some_and(|n| n.text(s).eq_ignore_ascii_case("to"))
            {
                j += 1;
                continue;
            }
            let told = matches!(lw, "told" | "tells");
            let mut end = if according { j + 2 } else { j + 1 };
            if told {
                end = object_end(s, toks, inq, end);
            }
            let first = if agent { j - 1 } else { j };
            let verb = match (toks.get(first), toks.get(end.saturating_sub(1))) {
                (Some(a), Some(b)) if end > j => s.get(a.start..b.end).unwrap_or(lw).to_string(),
                _ => lw.to_string(),
            };
            // A participle (`..., saying ...`, `a call ... saying`) takes
            // no subject of its own: it continues the sentence's speaker.
            // So does an infinitive (`He went on to say, ...`).
            let infinitive = j > 0 && toks[j - 1].text(s).eq_ignore_ascii_case("to");
            // And a verb joined to the one before (`Bush made an address and
            // said ...`).
            let coordinated = j > 0
                && strength == Strength::Strong
                && !inq[j - 1]
                && matches!(toks[j - 1].text(s), "and" | "but")
                && !inverted_subject_follows(s, toks, inq, end);
            let participle = (lw.ends_with("ing") && !according) || infinitive || coordinated;
            // `he was quoted as saying`: the subject of `was quoted`.
            let quoted_as = participle
                && j >= 2
                && toks[j - 1].text(s).eq_ignore_ascii_case("as")
                && toks[j - 2].text(s).eq_ignore_ascii_case("quoted");
            // `Detik.com quoted Djamal as saying`: the one quoted.
            let quoted_object = (participle
                && j >= 3
                && toks[j - 1].text(s).eq_ignore_ascii_case("as"))
            .then(|| {
                (j.saturating_sub(7)..j - 2)
                    .rev()
                    .find(|&q| toks[q].text(s).eq_ignore_ascii_case("quoted"))
            })
            .flatten()
            .filter(|&q| {
                (q + 1..j - 1)
                    .all(|k| toks[k].kind == Kind::Word && !inq[k] && is_cap(toks[k].text(s)))
            });
            let subject = if according || agent {
                subject_after(s, toks, inq, end, according)
            } else if let Some(q) = quoted_object {
                s.get(toks[q + 1].start..toks[j - 2].end)
                    .map(|n| Subject::Name(n.to_string(), (q + 1, j - 1)))
            } else if quoted_as {
                let mut k = j - 2;
                while k > 0
                    && matches!(
                        toks[k - 1].text(s),
                        "was" | "were" | "is" | "are" | "been" | "has" | "have" | "had"
                    )
                {
                    k -= 1;
                }
                subject_before(s, toks, inq, k)
            } else if participle {
                // `an inside source calling it "..."`, `with a spokesman
                // stating: "..."`: a person named right before it is its
                // subject.
                j.checked_sub(1)
                    .filter(|&p| !infinitive && toks[p].kind == Kind::Word && !inq[p])
                    .and_then(|p| noun_phrase_before(s, toks, inq, p))
                    .filter(|sub| match sub {
                        Subject::Name(n, _) => {
                            let head = n.split_whitespace().last().unwrap_or("");
                            lexicon::is_person_noun(lower(head, &mut buf))
                                || (n.contains(' ') && looks_like_person(n))
                        }
                        Subject::Pronoun | Subject::It(_) => false,
                    })
            } else {
                subject_before(s, toks, inq, j).or_else(|| {
                    if inverted {
                        subject_after(s, toks, inq, end, false)
                    } else {
                        None
                    }
                })
            };
            let subject_span = match &subject {
                Some(Subject::Name(_, span) | Subject::It(span)) => *span,
                _ => (j, j),
            };
            let role = match &subject {
                Some(Subject::Name(n, span)) => role_of(s, toks, *span, n),
                _ => None,
            };
            let mut speaker = match subject {
                // `he told E! News` right after a sentence that introduced
                // someone new by full name is that person.
                Some(Subject::Pronoun) => si
                    .checked_sub(1)
                    .and_then(|p| introduced.get(p).cloned().flatten())
                    .or_else(|| last_person.clone()),
                // `It said that ...`: the document last named, else the
                // organisation last named (`The US Treasury described the
                // plan ... It said ...`).
                Some(Subject::It(_)) => last_issuer.clone().or_else(|| {
                    orgs.get(si)
                        .into_iter()
                        .flatten()
                        .filter(|(at, _)| *at < toks[j].start)
                        .map(|(_, n)| n)
                        .next_back()
                        .or(seen_orgs.last())
                        .cloned()
                }),
                Some(Subject::Name(n, _)) => {
                    let (mut name, person) = match index.resolve(&n) {
                        Some((name, kind)) => (
                            name.to_string(),
                            kind == EntityKind::Person
                                || (kind == EntityKind::Other && looks_like_person(name)),
                        ),
                        None => {
                            let person = looks_like_person(&n);
                            (n, person)
                        }
                    };
                    // `the chief said`, `the Taradise star said`: a person
                    // named by what they are is the person last spoken of.
                    // Only a definite phrase does (`a witness said` brings
                    // in someone new), and only to a person named in full.
                    let head = name.split_whitespace().last().unwrap_or("");
                    let the = |k: usize| {
                        toks.get(k)
                            .is_some_and(|t| t.text(s).eq_ignore_ascii_case("the"))
                    };
                    // `the convicted killer`: describing words may stand
                    // between the article and the noun.
                    let definite = (subject_span.0.saturating_sub(3)..=subject_span.0)
                        .rev()
                        .take_while(|&k| {
                            k == subject_span.0
                                || toks.get(k).is_some_and(|t| {
                                    t.kind == Kind::Word
                                        && t.text(s).starts_with(|c: char| c.is_lowercase())
                                })
                        })
                        .any(the);
                    let lowered = head.starts_with(|c: char| c.is_lowercase());
                    let described = !person
                        && definite
                        && lowered
                        && lexicon::is_person_noun(lower(head, &mut buf));
                    // `the company said`: the organisation last named that
                    // such a noun can mean (any for `company`; one whose
                    // name holds the word for `the department`).
                    let institution = (!person && definite && lowered)
                        .then(|| lexicon::institution_noun(lower(head, &mut buf)))
                        .flatten()
                        .and_then(|kind| {
                            let tok_start = toks[j].start;
                            orgs.get(si)
                                .into_iter()
                                .flatten()
                                .filter(|(at, _)| *at < tok_start)
                                .map(|(_, n)| n)
                                .rev()
                                .chain(seen_orgs.iter().rev())
                                .find(|n| match kind {
                                    lexicon::Institution::Any => true,
                                    lexicon::Institution::Named => {
                                        n.split_whitespace().any(|w| w.eq_ignore_ascii_case(head))
                                    }
                                })
                                .cloned()
                        });
                    if described && let Some(p) = last_named.as_ref().filter(|p| p.contains(' ')) {
                        name = p.clone();
                    } else if let Some(org) = institution {
                        name = org;
                    } else if person {
                        last_person = Some(name.clone());
                        last_named = Some(name.clone());
                    }
                    // `the statement said`: its issuer, when one was named.
                    let document = {
                        let lw = name.to_lowercase();
                        lw.split_whitespace()
                            .last()
                            .is_some_and(lexicon::is_document_noun)
                            && !is_cap(name.split_whitespace().last().unwrap_or(""))
                    };
                    match (&last_issuer, document) {
                        (Some(issuer), true) => Some(issuer.clone()),
                        _ => Some(name),
                    }
                }
                None => None,
            };
            // `..., adding that ...` keeps the speaker of the sentence.
            // With no cue before it, the person the sentence opens with
            // (`Costas Karamanlis has dismissed calls to quit, saying ...`).
            if speaker.is_none() && participle {
                speaker = cues
                    .last()
                    .and_then(|c: &Cue| c.speaker.clone())
                    .or_else(|| lead_person.get(si).cloned().flatten())
                    .or_else(|| {
                        // `Alan Mulally remembered asking`, `she recalled
                        // saying`: the subject of the verb before it.
                        let v = j.checked_sub(1)?;
                        let w = toks[v].text(s);
                        let verb = toks[v].kind == Kind::Word
                            && !inq[v]
                            && w.starts_with(|c: char| c.is_lowercase())
                            && w.ends_with("ed");
                        match subject_before(s, toks, inq, v).filter(|_| verb)? {
                            Subject::Name(n, _) if looks_like_person(&n) => Some(n),
                            Subject::Pronoun => last_person.clone(),
                            Subject::Name(..) | Subject::It(_) => None,
                        }
                    })
                    .or_else(|| opening_subject(s, toks, inq, j))
                    .or_else(|| {
                        // `The UAW issued a statement saying ...`: the
                        // issuer the sentence opens with.
                        let noun = toks[j.checked_sub(1)?].text(s);
                        lexicon::is_document_noun(lower(noun, &mut buf))
                            .then(|| {
                                opening_name(s, toks, inq, j, index)
                                    .or_else(|| issuer_phrase(s, toks, inq, j - 1))
                            })
                            .flatten()
                    })
                    .or_else(|| {
                        // `He went on to say`: the pronoun the sentence
                        // opens with.
                        let first = toks.iter().find(|t| t.kind == Kind::Word)?;
                        lexicon::is_pronoun(lower(first.text(s), &mut buf))
                            .then(|| last_person.clone())
                            .flatten()
                    });
            }
            cues.push(Cue {
                tok: j,
                end,
                strength,
                verb,
                speaker,
                subject: subject_span,
                role,
            });
            j = end.max(j + 1);
        }
        if let Some(Some(p)) = introduced.get(si)
            && !cues.iter().any(|c| c.speaker.is_some())
        {
            last_named = Some(p.clone());
        }
        seen_orgs.extend(orgs.get(si).into_iter().flatten().map(|(_, n)| n.clone()));
        all.push(cues);
    }
    (all, before)
}

/// Whether `by` at `j` names the agent of a passive verb that characterises
/// quoted words (`was praised by Jobs as "..."`, `described by police as
/// "..."`): a past participle before it, a name after it, then `as` and a
/// quotation within a few words.
fn passive_agent(s: &str, toks: &[Tok], inq: &[bool], j: usize) -> bool {
    let word = |k: usize| toks.get(k).is_some_and(|t| t.kind == Kind::Word && !inq[k]);
    let participle = j > 0
        && word(j - 1)
        && toks[j - 1].text(s).starts_with(char::is_lowercase)
        && toks[j - 1].text(s).ends_with("ed");
    participle
        && word(j + 1)
        && (j + 1..(j + 7).min(toks.len())).any(|k| {
            toks[k].text(s).eq_ignore_ascii_case("as") && inq.get(k + 1).is_some_and(|&q| q)
        })
}

/// Whether a cue's own subject follows it (`..., and said Maria Lund`):
/// a capitalised word right after the cue.
fn inverted_subject_follows(s: &str, toks: &[Tok], inq: &[bool], end: usize) -> bool {
    toks.get(end)
        .is_some_and(|t| t.kind == Kind::Word && !inq[end] && is_cap(t.text(s)))
}

/// The issuer a sentence names for a document: `a statement from
/// Pittsburgh Public Schools`, `a press release by the sheriff's office`.
fn document_issuer(s: &str, toks: &[Tok], inq: &[bool], index: &Index) -> Option<String> {
    let mut buf = [0u8; 32];
    for k in 0..toks.len() {
        if inq[k] || !lexicon::is_document_noun(lower(toks[k].text(s), &mut buf)) {
            continue;
        }
        let by = toks
            .get(k + 1)
            .is_some_and(|t| matches!(t.text(s), "from" | "by" | "of"));
        if !by {
            continue;
        }
        let mut a = k + 2;
        if toks
            .get(a)
            .is_some_and(|t| t.text(s).eq_ignore_ascii_case("the"))
        {
            a += 1;
        }
        let mut b = a;
        while b < toks.len() && !inq[b] && toks[b].kind == Kind::Word && is_cap(toks[b].text(s)) {
            b += 1;
            // `Sheriff's Office`: a possessive inside the name.
            if toks.get(b).is_some_and(|t| t.text(s) == "'")
                && toks.get(b + 1).is_some_and(|t| t.text(s) == "s")
            {
                b += 2;
            }
            // `Fjell & Partners`: an ampersand joins a name, as in entities.
            if toks.get(b).is_some_and(|t| t.text(s) == "&")
                && toks.get(b + 1).is_some_and(|t| is_cap(t.text(s)))
            {
                b += 1;
            }
        }
        if b > a {
            let text = s.get(toks[a].start..toks[b - 1].end)?;
            return Some(
                index
                    .resolve(text)
                    .map_or_else(|| text.to_string(), |(n, _)| n.to_string()),
            );
        }
    }
    None
}

/// The end of the object of `told` (`told AFP`, `told reporters`,
/// `told The Associated Press`, `told this newspaper`).
fn object_end(s: &str, toks: &[Tok], inq: &[bool], mut k: usize) -> usize {
    let mut buf = [0u8; 32];
    let ok = |k: usize| toks.get(k).is_some_and(|t| t.kind == Kind::Word) && !inq[k];
    if !ok(k) {
        return k;
    }
    let lw = lower(toks[k].text(s), &mut buf);
    if matches!(lw, "the" | "this" | "a" | "an" | "local" | "state") {
        k += 1;
        if !ok(k) {
            return k - 1;
        }
    }
    if is_cap(toks[k].text(s)) {
        while ok(k) && is_cap(toks[k].text(s)) {
            k += 1;
        }
        k
    } else if lexicon::is_stop(lower(toks[k].text(s), &mut buf)) {
        k
    } else {
        k + 1
    }
}

/// A name made of one to three capitalised words without organisation words.
fn looks_like_person(n: &str) -> bool {
    let mut buf = [0u8; 32];
    let words: Vec<&str> = n.split(' ').collect();
    // Initials (`A.J.`, `J.`) stand in a person's name; other capitals
    // (`CNN`, `BBC`) name organisations.
    let initials = |w: &str| w.ends_with('.') && w.split('.').all(|p| p.chars().count() <= 1);
    words.len() <= 4
        && words.iter().filter(|w| !initials(w)).count() <= 3
        && words.iter().any(|w| !initials(w))
        && words
            .iter()
            .all(|w| initials(w) || (is_cap(w) && !is_acronym(w)))
        && !words
            .iter()
            .any(|w| lexicon::is_org_word(lower(w, &mut buf)))
        && !words
            .iter()
            .any(|w| lexicon::is_known_place(&crate::lex::name_key(w)))
}

/// Whether tokens `a..b` form a short capitalised name.
fn is_name_segment(s: &str, toks: &[Tok], a: usize, b: usize) -> bool {
    let mut buf = [0u8; 32];
    b > a
        && b - a <= 4
        && (a..b).all(|k| toks[k].kind == Kind::Word && is_cap(toks[k].text(s)))
        && !lexicon::is_common_starter(lower(toks[a].text(s), &mut buf))
}

/// The subject ending right before token `c` (skipping auxiliaries and at most
/// two appositives between commas).
fn subject_before(s: &str, toks: &[Tok], inq: &[bool], c: usize) -> Option<Subject> {
    let mut buf = [0u8; 32];
    let mut j = c;
    while j > 0
        && toks[j - 1].kind == Kind::Word
        && !inq[j - 1]
        && lexicon::is_aux(lower(toks[j - 1].text(s), &mut buf))
    {
        j -= 1;
    }
    // `It said`, `it added`: resolved by the caller to a document or an
    // organisation.
    if let Some(p) = j.checked_sub(1)
        && !inq[p]
        && toks[p].text(s).eq_ignore_ascii_case("it")
    {
        return Some(Subject::It((p, c)));
    }
    if let Some((name, from)) = opening_name_with_appositive(s, toks, inq, j) {
        return Some(Subject::Name(name, (from, c)));
    }
    // `Charles O'Reilly, a management expert at Stanford, who stated`: a
    // relative pronoun's subject is the phrase before it.
    if let Some(p) = j.checked_sub(1)
        && !inq[p]
        && toks[p].text(s).eq_ignore_ascii_case("who")
        && p > 0
        && toks[p - 1].text(s) == ","
    {
        return subject_before(s, toks, inq, p).map(|sub| match sub {
            Subject::Name(n, (a, _)) => Subject::Name(n, (a, c)),
            other => other,
        });
    }
    for _ in 0..3 {
        let p = j.checked_sub(1)?;
        if inq[p] {
            return None;
        }
        let t = toks[p];
        if t.kind != Kind::Punct {
            return noun_phrase_before(s, toks, inq, p).map(|sub| match sub {
                Subject::Name(n, (a, _)) => match name_before_phrase(s, toks, inq, a, &n) {
                    Some((name, from)) => Subject::Name(name, (from, c)),
                    None => Subject::Name(n, (a, c)),
                },
                other => other,
            });
        }
        match t.text(s) {
            ")" => {
                let acr = toks.get(p.checked_sub(1)?)?;
                let open = toks.get(p.checked_sub(2)?)?;
                return (open.text(s) == "(" && is_acronym(acr.text(s)))
                    .then(|| Subject::Name(acr.text(s).to_string(), (p - 2, c)));
            }
            "," => {
                // The comma before: `X, <appositive>, said`.
                let mut k = p;
                let limit = p.saturating_sub(25);
                let found = loop {
                    if k == 0 || k <= limit {
                        break None;
                    }
                    k -= 1;
                    if inq[k] {
                        break None;
                    }
                    match toks[k].text(s) {
                        "," => break Some(k),
                        "\"" | ";" | ":" | "(" | ")" => break None,
                        _ => {}
                    }
                };
                let k = found?;
                if is_name_segment(s, toks, k + 1, p) {
                    return Some(Subject::Name(role_strip(s, toks, k + 1, p), (k + 1, c)));
                }
                // `the candidate, regional bureaucrat Resulberdy Mammedov,
                // said`: a role and a name in the appositive name the speaker.
                if let Some(start) = name_after_role(s, toks, k + 1, p) {
                    return Some(Subject::Name(role_strip(s, toks, start, p), (k + 1, c)));
                }
                let first = toks.get(k + 1)?;
                let fw = first.text(s);
                let flw = lower(fw, &mut buf);
                if fw.chars().next().is_some_and(char::is_lowercase)
                    || matches!(flw, "a" | "an" | "the" | "who" | "which" | "whose")
                    || first.kind == Kind::Number
                {
                    j = k;
                    continue;
                }
                return None;
            }
            _ => return None,
        }
    }
    None
}

/// The person a sentence opens with, when what stands between the name and
/// the cue at `c` is only an appositive describing them (`Steven Moffat,
/// lead writer and executive producer says`, `Ben Stephenson, Controller,
/// BBC Drama Commissioning says`): the name before the first comma, and
/// where it starts. The appositive holds no article, pronoun, or verb of its
/// own, so `Police arrested John Smith, and the chief said` is not read so.
fn opening_name_with_appositive(
    s: &str,
    toks: &[Tok],
    inq: &[bool],
    c: usize,
) -> Option<(String, usize)> {
    let mut buf = [0u8; 32];
    // The sentence may open with the closing mark of the quote before.
    let a = toks
        .iter()
        .position(|t| t.kind != Kind::Punct)
        .filter(|&a| a < c)?;
    let mut b = a;
    while b < c && toks[b].kind == Kind::Word && !inq[b] && is_cap(toks[b].text(s)) {
        b += 1;
    }
    // `Peter Boockvar an equity strategist for Miller Tabak, commented`:
    // the comma after the name dropped, the one before the cue kept.
    let comma_after = toks.get(b).is_some_and(|t| t.text(s) == ",");
    let bare = toks.get(b).is_some_and(|t| matches!(t.text(s), "a" | "an"))
        && c >= 1
        && toks[c - 1].text(s) == ",";
    if b - a < 2 || !(comma_after || bare) || b + 1 >= c {
        return None;
    }
    let name = role_strip(s, toks, a, b);
    // `On Saturday, Boeing announced`: a sentence opening with a phrase of
    // time or place is no name.
    let opener = lower(toks[a].text(s), &mut buf);
    if name.split_whitespace().count() < 2
        || !looks_like_person(&name)
        || lexicon::is_stop(opener)
        || lexicon::is_common_starter(opener)
        || (a..b).any(|k| {
            let w = lower(toks[k].text(s), &mut buf);
            lexicon::weekday(w).is_some() || lexicon::month(w).is_some()
        })
    {
        return None;
    }
    let first = lower(toks[b + 1].text(s), &mut buf);
    if matches!(
        first,
        "and" | "but" | "or" | "who" | "which" | "whose" | "the" | "a" | "an"
    ) {
        return None;
    }
    let appositive = (b + 1..c).all(|k| {
        let t = toks[k];
        let w = t.text(s);
        if inq[k] {
            return false;
        }
        if t.kind == Kind::Punct {
            return w == "," || w == "." || w == "'" || w == "\u{2019}";
        }
        let lw = lower(w, &mut buf);
        is_cap(w)
            || matches!(lw, "and" | "of" | "for" | "at" | "in")
            || lexicon::is_role(lw)
            || lexicon::is_person_noun(lw)
            || (!lexicon::is_stop(lw)
                && !lexicon::is_pronoun(lw)
                && lexicon::cue(lw).is_none()
                && !lw.ends_with("ed"))
    });
    appositive.then_some((name, a))
}

/// The subject a sentence opens with when it names someone by role (`The
/// Corpus Christi Fire Chief spoke to 3News Wednesday saying ...`): a run
/// of capitalised words, after an optional article, ending in a person
/// noun and followed by a lower-case word, before the cue at `cue`.
fn opening_subject(s: &str, toks: &[Tok], inq: &[bool], cue: usize) -> Option<String> {
    let mut a = 0;
    if toks
        .first()
        .is_some_and(|t| matches!(t.text(s), "The" | "A" | "An"))
    {
        a = 1;
    }
    let mut b = a;
    while b < cue && !inq[b] && toks[b].kind == Kind::Word && is_cap(toks[b].text(s)) {
        b += 1;
    }
    let mut buf = [0u8; 32];
    let ok = b > a
        && b < cue
        && toks[b].kind == Kind::Word
        && toks[b].text(s).starts_with(|c: char| c.is_lowercase())
        && lexicon::is_person_noun(lower(toks[b - 1].text(s), &mut buf));
    ok.then(|| s.get(toks[a].start..toks[b - 1].end).map(str::to_string))
        .flatten()
}

/// The person or organisation a sentence opens with (`The UAW issued
/// ...`): a run of capitalised words, after an optional article, that the
/// document's entities know, followed by a lower-case word, before `cue`.
fn opening_name(s: &str, toks: &[Tok], inq: &[bool], cue: usize, index: &Index) -> Option<String> {
    let a = usize::from(toks.first().is_some_and(|t| t.text(s) == "The"));
    let mut b = a;
    while b < cue && !inq[b] && toks[b].kind == Kind::Word && is_cap(toks[b].text(s)) {
        b += 1;
    }
    let verb_follows = b > a
        && b < cue
        && toks[b].kind == Kind::Word
        && toks[b].text(s).starts_with(char::is_lowercase);
    if !verb_follows {
        return None;
    }
    let (name, kind) = index.resolve(s.get(toks[a].start..toks[b - 1].end)?)?;
    matches!(kind, EntityKind::Person | EntityKind::Organization).then(|| name.to_string())
}

/// The phrase a sentence opens with when it issues the document at `noun`
/// (`A group of Washington politicians released a joint statement`): an
/// article, at most eight words, then a past-tense verb and the document's
/// own words.
fn issuer_phrase(s: &str, toks: &[Tok], inq: &[bool], noun: usize) -> Option<String> {
    let lowercase = |k: usize| {
        toks[k].kind == Kind::Word && !inq[k] && toks[k].text(s).starts_with(char::is_lowercase)
    };
    let mut k = noun;
    while k > 0 && lowercase(k - 1) && !toks[k - 1].text(s).ends_with("ed") {
        k -= 1;
    }
    let verb = k.checked_sub(1)?;
    let opens = toks
        .first()
        .is_some_and(|t| matches!(t.text(s), "A" | "An" | "The"));
    let words_ok = (0..verb).all(|i| toks[i].kind == Kind::Word && !inq[i]);
    (lowercase(verb)
        && toks[verb].text(s).ends_with("ed")
        && opens
        && (2..=9).contains(&verb)
        && words_ok)
        .then(|| s.get(toks[0].start..toks[verb - 1].end).map(str::to_string))
        .flatten()
}

/// The person named right before a subject phrase starting at `a` that
/// only describes or places them: `LaShannon Cook, the victim's mom said`,
/// `Amber Southard with ECSO said`. The name (two or more capitalised words)
/// and where it starts.
fn name_before_phrase(
    s: &str,
    toks: &[Tok],
    inq: &[bool],
    a: usize,
    phrase: &str,
) -> Option<(String, usize)> {
    // `, the victim's mom`: the article before the phrase.
    let article = toks
        .get(a.checked_sub(1)?)
        .is_some_and(|t| matches!(t.text(s), "the" | "a" | "an"));
    let a = if article { a - 1 } else { a };
    let link = toks.get(a.checked_sub(1)?)?.text(s);
    let head = phrase.split_whitespace().last().unwrap_or("");
    let mut buf = [0u8; 32];
    let describes = match link {
        "," => {
            head.starts_with(|c: char| c.is_lowercase())
                && lexicon::is_person_noun(lower(head, &mut buf))
        }
        // `Amber Southard with ECSO said`: what follows names a body, not a
        // person (`Commissioner for Competition Neelie Kroes said` is hers).
        "with" | "from" | "of" | "for" | "at" => !looks_like_person(phrase),
        _ => false,
    };
    if !describes {
        return None;
    }
    let mut end = a - 1;
    // `Amber Southard, spokesperson for ECSO said`: the role before the link.
    if link != "," {
        let mut k = end;
        while k > 0
            && end - k < 3
            && toks[k - 1].kind == Kind::Word
            && lexicon::is_person_noun(lower(toks[k - 1].text(s), &mut buf))
        {
            k -= 1;
        }
        if k < end && k > 0 && toks[k - 1].text(s) == "," {
            k -= 1;
        }
        end = k;
    }
    let mut start = end;
    while start > 0
        && !inq[start - 1]
        && toks[start - 1].kind == Kind::Word
        && is_cap(toks[start - 1].text(s))
    {
        start -= 1;
    }
    if end - start < 2 || is_cap_start(s, toks, start) {
        return None;
    }
    let name = role_strip(s, toks, start, end);
    looks_like_person(&name).then_some((name, start))
}

/// Whether the name run starting at `k` is led by a sentence start word in
/// capitals that is not part of it (`The`, `But`).
fn is_cap_start(s: &str, toks: &[Tok], k: usize) -> bool {
    let mut buf = [0u8; 32];
    lexicon::is_stop(lower(toks[k].text(s), &mut buf))
}

/// Where a name of two or more capitalised words closing the segment
/// `a..b` starts, when a lower-case role word stands right before it
/// (`regional bureaucrat Resulberdy Mammedov`); not after an article or a
/// preposition (`a spokesman for the Oregon State Police`).
fn name_after_role(s: &str, toks: &[Tok], a: usize, b: usize) -> Option<usize> {
    let mut start = b;
    while start > a && toks[start - 1].kind == Kind::Word && is_cap(toks[start - 1].text(s)) {
        start -= 1;
    }
    if b - start < 2 || start <= a {
        return None;
    }
    let before = toks[start - 1];
    let mut buf = [0u8; 32];
    let w = lower(before.text(s), &mut buf);
    let role_word = before.kind == Kind::Word
        && before.text(s).starts_with(|c: char| c.is_lowercase())
        && !lexicon::is_stop(w);
    role_word.then_some(start)
}

/// The noun phrase ending at token `p`, walking backwards.
fn noun_phrase_before(s: &str, toks: &[Tok], inq: &[bool], p: usize) -> Option<Subject> {
    let mut buf = [0u8; 32];
    let pw = toks[p].text(s);
    let plw = lower(pw, &mut buf);
    if lexicon::is_pronoun(plw) {
        return Some(Subject::Pronoun);
    }
    if lexicon::is_stop(plw) || toks[p].kind != Kind::Word {
        return None;
    }
    let mut start = p;
    let mut i = p;
    let mut count = 1;
    while i > 0 && count < 7 {
        let k = i - 1;
        let t = toks[k];
        if t.kind == Kind::Punct || inq[k] {
            break;
        }
        let w = t.text(s);
        let lw = lower(w, &mut buf);
        if is_cap(w) && !(k == 0 && lexicon::is_common_starter(lw)) {
            // include
        } else if matches!(lw, "and" | "of")
            && k > 0
            && is_cap(toks[k - 1].text(s))
            && is_cap(toks[start].text(s))
        {
            // connector between capitalised words
        } else if lexicon::is_stop(lw)
            || lexicon::is_common_starter(lw)
            || lexicon::cue(lw).is_some()
            || t.kind == Kind::Number
            || lw.ends_with("ed")
            || lw.ends_with("ing")
            || lw.ends_with("ly")
            || lw.is_empty()
        {
            break;
        }
        start = k;
        i = k;
        count += 1;
    }
    // Prefer the trailing capitalised name after lowercase roles
    // (`police spokeswoman Hilde Rasmussen` -> `Hilde Rasmussen`).
    let mut cap_start = p + 1;
    while cap_start > start && is_cap(toks[cap_start - 1].text(s)) {
        cap_start -= 1;
    }
    if cap_start <= p {
        return Some(Subject::Name(
            role_strip(s, toks, cap_start, p + 1),
            (start, p + 1),
        ));
    }
    let text = s.get(toks[start].start..toks[p].end)?;
    Some(Subject::Name(text.to_string(), (start, p + 1)))
}

/// The name in tokens `a..b` after its last role word
/// (`Northgate Chief Executive Daniel Marchetti` -> `Daniel Marchetti`).
fn role_strip(s: &str, toks: &[Tok], a: usize, b: usize) -> String {
    let mut buf = [0u8; 32];
    let mut from = a;
    for (k, t) in toks.iter().enumerate().take(b.saturating_sub(1)).skip(a) {
        if lexicon::is_role(lower(t.text(s), &mut buf)) {
            from = k + 1;
            // The title's abbreviating stop (`Sgt.`) is not part of the name.
            if from + 1 < b && toks[from].text(s) == "." {
                from += 1;
            }
        }
    }
    let last = toks[b - 1].text(s);
    let (core, _) = crate::lex::strip_possessive(last);
    let end = toks[b - 1].start + core.len();
    s.get(toks[from].start..end).unwrap_or("").to_string()
}

/// The role in a subject phrase (tokens `a..b`) around the name `name`:
/// the words before it (`Rep.`, `Henry County Prosecutor`, `neighbor`), else
/// an appositive after it (`, a local farmer`), without a leading article.
/// `None` when the phrase is the name alone.
fn role_of(s: &str, toks: &[Tok], (a, b): (usize, usize), name: &str) -> Option<String> {
    if b <= a || b > toks.len() || name.is_empty() {
        return None;
    }
    let phrase = s.get(toks[a].start..toks[b - 1].end)?;
    let at = phrase.find(name)?;
    let clean = |t: &str| -> Option<String> {
        let t = t.trim_matches(|c: char| c.is_whitespace() || c == ',');
        let t = ["the ", "a ", "an ", "The ", "A ", "An "]
            .iter()
            .find_map(|p| t.strip_prefix(p))
            .unwrap_or(t)
            .trim();
        let words = t.split_whitespace().count();
        ((1..=8).contains(&words)
            && t.chars().any(char::is_alphabetic)
            && !t.chars().any(|c| c.is_ascii_digit()))
        .then(|| t.to_string())
    };
    let before = &phrase[..at];
    if !before.trim().is_empty() {
        return clean(before);
    }
    let after = &phrase[at + name.len()..];
    after
        .trim_start()
        .starts_with(',')
        .then(|| clean(after))
        .flatten()
}

/// The subject after a cue (`said Rasmussen`, `according to police`).
fn subject_after(
    s: &str,
    toks: &[Tok],
    inq: &[bool],
    mut i: usize,
    lower_ok: bool,
) -> Option<Subject> {
    let mut buf = [0u8; 32];
    let ok = |k: usize| k < toks.len() && toks[k].kind == Kind::Word && !inq[k];
    if !inq.get(i).is_some_and(|&q| q) {
        i = skip_age(s, toks, i);
    }
    if !ok(i) {
        return None;
    }
    let lw = lower(toks[i].text(s), &mut buf);
    if lexicon::is_pronoun(lw) {
        return Some(Subject::Pronoun);
    }
    if let Some((a, b, end)) = name_closing_phrase(s, toks, inq, i) {
        return Some(Subject::Name(role_strip(s, toks, a, b), (i, end)));
    }
    if matches!(lw, "the" | "a" | "an") {
        i += 1;
    }
    // `said 5-year-old Yamilet Marin`: an age before the name.
    i = skip_age(s, toks, i);
    // `according to Mr. Lie`: the title is part of the phrase, not the name.
    let title_at = i;
    if ok(i) && toks.get(i + 1).is_some_and(|t| t.text(s) == ".") {
        let lw = lower(toks[i].text(s), &mut buf);
        if lexicon::is_role(lw) {
            i += 2;
        }
    }
    let start = i;
    let mut k = i;
    let mut org = false;
    while ok(k) && is_cap(toks[k].text(s)) {
        org |= lexicon::is_org_word(lower(toks[k].text(s), &mut buf));
        k += 1;
        // `Bloomington Police Sgt. Marty Earley`: an abbreviated title goes on.
        if toks.get(k).is_some_and(|t| t.text(s) == ".")
            && lexicon::is_role(lower(toks[k - 1].text(s), &mut buf))
            && ok(k + 1)
            && is_cap(toks[k + 1].text(s))
        {
            k += 1;
        }
        // `University of X`, but not `Priya Raman of Holloway Securities`.
        if org
            && ok(k + 1)
            && lower(toks[k].text(s), &mut buf) == "of"
            && is_cap(toks[k + 1].text(s))
        {
            k += 1;
        }
    }
    // `said Hardester's Market clerk Alicia Mullin`, `said Biancardi's
    // attorney, James Zeszutek`: the person after an employer and a role.
    let name_run = |from: usize| {
        let mut e = from;
        while ok(e) && is_cap(toks[e].text(s)) && e - from < 4 {
            e += 1;
        }
        e
    };
    let mut r = k;
    let mut buf2 = [0u8; 32];
    while ok(r) && r - k < 2 && lexicon::is_role(lower(toks[r].text(s), &mut buf2)) {
        r += 1;
    }
    if r > k && toks.get(r).is_some_and(|t| t.text(s) == ",") {
        r += 1;
    }
    let role_end = r;
    if role_end > k && name_run(role_end) > role_end {
        let e = name_run(role_end);
        return Some(Subject::Name(
            role_strip(s, toks, role_end, e),
            (title_at, e),
        ));
    }
    if k > start {
        // `said Maral, 45, a teacher`: the age belongs to the subject phrase.
        let mut end = k;
        if toks.get(k).is_some_and(|t| t.text(s) == ",")
            && toks.get(k + 1).is_some_and(|t| t.kind == Kind::Number)
        {
            end = k + 2;
        }
        // `said Jonas Lie, a local farmer`: an appositive role closes it.
        if toks.get(end).is_some_and(|t| t.text(s) == ",")
            && toks
                .get(end + 1)
                .is_some_and(|t| matches!(t.text(s), "a" | "an" | "the"))
        {
            let mut e = end + 2;
            while ok(e) && e - end <= 7 && !is_cap(toks[e].text(s)) {
                e += 1;
            }
            let closes = toks
                .get(e)
                .is_none_or(|t| matches!(t.text(s), "." | "," | ";"));
            if e > end + 2 && closes {
                end = e;
            }
        }
        return Some(Subject::Name(
            role_strip(s, toks, start, k),
            (title_at, end),
        ));
    }
    if !lower_ok {
        return None;
    }
    while ok(k) && k - start < 5 {
        let lw = lower(toks[k].text(s), &mut buf);
        if lexicon::is_stop(lw) {
            break;
        }
        k += 1;
    }
    if k == start {
        return None;
    }
    let text = s.get(toks[start].start..toks[k - 1].end)?;
    Some(Subject::Name(text.to_string(), (start, k)))
}

/// A person's name closing a noun phrase that starts at `i` with what
/// describes them: a determiner or possessor, an age, role words, the
/// place or body they belong to (`her mom Annique Davis`, `Pruner's friend
/// Zachary Rees`, `Kansas City police Sgt. Kari Thompson`, `5-year-old
/// Yamilet Marin`). Returns the name's token range and where the phrase
/// ends; `None` when the phrase is a name alone or ends in no person.
fn name_closing_phrase(
    s: &str,
    toks: &[Tok],
    inq: &[bool],
    i: usize,
) -> Option<(usize, usize, usize)> {
    let mut buf = [0u8; 32];
    let ok = |k: usize| k < toks.len() && toks[k].kind == Kind::Word && !inq[k];
    let mut k = i;
    let mut run: Option<(usize, usize)> = None;
    while k < toks.len() && k - i < 12 {
        let aged = skip_age(s, toks, k);
        if aged > k {
            k = aged;
            continue;
        }
        if !ok(k) {
            break;
        }
        let w = toks[k].text(s);
        if is_cap(w) {
            let a = k;
            while ok(k) && is_cap(toks[k].text(s)) {
                k += 1;
                // An abbreviated title (`Sgt.`) goes on into the name.
                if toks.get(k).is_some_and(|t| t.text(s) == ".")
                    && lexicon::is_role(lower(toks[k - 1].text(s), &mut buf))
                    && ok(k + 1)
                {
                    k += 1;
                }
            }
            run = Some((a, k));
            if toks.get(k).is_some_and(|t| t.text(s) == ",")
                && ok(k + 1)
                && is_cap(toks[k + 1].text(s))
                && k + 1 - i < 12
            {
                k += 1;
            }
            continue;
        }
        let lw = lower(w, &mut buf);
        // Any content word may describe (`economy minister`, `general
        // secretary of the union`), as long as the phrase ends in a name;
        // a word that links clauses or a cue ends it.
        let describes = matches!(
            lw,
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
                | "its"
                | "our"
                | "of"
                | "for"
                | "at"
                | "and"
        ) || lexicon::is_role(lw)
            || lexicon::is_person_noun(lw)
            || lexicon::is_org_word(lw)
            || (!lexicon::is_stop(lw)
                && lexicon::cue(lw).is_none()
                && !lexicon::is_pronoun(lw)
                && !lexicon::is_aux(lw));
        if !describes {
            break;
        }
        k += 1;
        // `the general secretary of the union Unite, Tony Woodley`: a comma
        // before the closing name.
        if toks.get(k).is_some_and(|t| t.text(s) == ",") && ok(k + 1) && is_cap(toks[k + 1].text(s))
        {
            k += 1;
        }
    }
    let (a, b) = run?;
    // The name closes the phrase: what follows is punctuation.
    let closes = toks
        .get(b)
        .is_none_or(|t| t.kind == Kind::Punct && t.text(s) != "-");
    if b != k || a == i || !closes {
        return None;
    }
    let name = role_strip(s, toks, a, b);
    (name.split_whitespace().count() >= 2 && looks_like_person(&name)).then_some((a, b, k))
}

/// The token after an age phrase starting at `i` (`5-year-old`, `5-year -
/// old`, `18-month-old`), or `i` when none starts there.
fn skip_age(s: &str, toks: &[Tok], i: usize) -> usize {
    let mut k = i;
    let mut buf = [0u8; 32];
    while k < toks.len() && k - i < 6 {
        let w = lower(toks[k].text(s), &mut buf);
        let part = toks[k].kind == Kind::Number
            || w == "-"
            || w.split('-').all(|p| {
                p.is_empty()
                    || p.bytes().all(|b| b.is_ascii_digit())
                    || matches!(p, "year" | "years" | "month" | "months" | "old")
            });
        if !part {
            break;
        }
        k += 1;
        if w.ends_with("old") {
            return k;
        }
    }
    i
}

/// How many tokens lie between a cue (global token range `cue`) and a
/// span `at`; 0 when they overlap.
pub(crate) fn distance(cue: (usize, usize), at: (usize, usize)) -> usize {
    if cue.0 >= at.1 {
        cue.0 - at.1
    } else {
        at.0.saturating_sub(cue.1)
    }
}

/// The best cue for a token at global position `at`: strongest first, then
/// nearest. `cues` holds (global position of the cue, cue).
pub(crate) fn best<'c>(
    cues: impl Iterator<Item = (usize, usize, &'c Cue)>,
    at: (usize, usize),
) -> Option<&'c Cue> {
    cues.filter(|(_, _, c)| c.speaker.is_some())
        .min_by_key(|&(g0, g1, c)| (std::cmp::Reverse(c.strength), distance((g0, g1), at)))
        .map(|(_, _, c)| c)
}
