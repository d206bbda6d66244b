//! Quantities of one document: a number (digits or words, with scale words,
//! percent signs and currencies), its qualifier (`more than`, `around`), the
//! noun it counts and the attribution of the sentence it stands in.

use crate::attrib::{self, Cue};
use crate::doc::Ctx;
use crate::lex::{Kind, Tok, lower};
use crate::lexicon;
use crate::{QuantityKind, QuantityMention};

/// A number found at a token: value, first and last token used.
struct Num {
    value: f64,
    /// Unit carried inside a hyphenated token (`three-year` -> `year`).
    inner_unit: Option<String>,
    last: usize,
}

/// Parses a digit token (`10,000`, `3.2`, `52-meter`, `10m`).
fn parse_digits(w: &str) -> Option<(f64, Option<String>, Option<f64>)> {
    let (num, rest) = match w.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')) {
        Some(p) => w.split_at(p),
        None => (w, ""),
    };
    let clean: String = num.chars().filter(|&c| c != ',').collect();
    let value: f64 = clean.parse().ok()?;
    if rest.is_empty() {
        return Some((value, None, None));
    }
    if let Some(unit) = rest.strip_prefix('-') {
        return Some((value, Some(unit.to_string()), None));
    }
    let mut buf = [0u8; 32];
    let scale = match lower(rest, &mut buf) {
        "m" | "mn" | "mln" => 1e6,
        "bn" | "bln" | "b" => 1e9,
        "k" => 1e3,
        _ => return None, // ordinals, decades, codes
    };
    Some((value, None, Some(scale)))
}

/// Reads a number starting at token `j`.
fn number_at(s: &str, toks: &[Tok], j: usize) -> Option<Num> {
    let t = toks[j];
    let w = t.text(s);
    let mut buf = [0u8; 32];
    let (mut value, inner_unit, scale) = match t.kind {
        Kind::Number => parse_digits(w)?,
        Kind::Word => {
            let (head, unit) = match w.split_once('-') {
                Some((h, u)) => (h, Some(u)),
                None => (w, None),
            };
            let lh = lower(head, &mut buf);
            let v = lexicon::number_word(lh)?;
            match unit {
                None => (v, None, None),
                Some(u) => {
                    let mut b2 = [0u8; 32];
                    match lexicon::number_word(lower(u, &mut b2)) {
                        Some(v2) if v >= 20.0 && v2 < 10.0 => (v + v2, None, None),
                        Some(_) => return None,
                        None => (v, Some(u.to_string()), None),
                    }
                }
            }
        }
        Kind::Punct => return None,
    };
    if let Some(sc) = scale {
        value *= sc;
    }
    let mut last = j;
    if inner_unit.is_none()
        && let Some(n) = toks.get(j + 1).filter(|n| n.kind == Kind::Word)
        && let Some(sc) = lexicon::scale_word(lower(n.text(s), &mut buf))
    {
        value *= sc;
        last = j + 1;
    }
    // Bare `one` is a pronoun or article far more often than a count.
    if t.kind == Kind::Word && value == 1.0 && last == j && inner_unit.is_none() {
        return None;
    }
    Some(Num {
        value,
        inner_unit,
        last,
    })
}

/// Whether the number at `j` is part of a date or a time, or a year.
fn is_date_or_time(s: &str, toks: &[Tok], j: usize, currency: bool) -> bool {
    let mut buf = [0u8; 32];
    let t = toks[j];
    let w = t.text(s);
    if t.kind != Kind::Number {
        return false;
    }
    let word_at = |k: usize, buf: &mut [u8; 32]| -> Option<String> {
        toks.get(k)
            .filter(|x| x.kind == Kind::Word)
            .map(|x| lower(x.text(s).trim_end_matches('.'), buf).to_string())
    };
    // Month before (`August 12`, `Aug. 12`) or after (`13 August`).
    let before = if j >= 2 && toks[j - 1].text(s) == "." {
        word_at(j - 2, &mut buf)
    } else {
        j.checked_sub(1).and_then(|k| word_at(k, &mut buf))
    };
    if before.as_deref().and_then(lexicon::month).is_some() {
        return true;
    }
    if word_at(j + 1, &mut buf)
        .as_deref()
        .and_then(lexicon::month)
        .is_some()
    {
        return true;
    }
    // Times: `4:30`, `0900 GMT`, `3 p.m.`.
    if toks.get(j + 1).is_some_and(|n| n.text(s) == ":") {
        return true;
    }
    if let Some(n) = word_at(j + 1, &mut buf)
        && matches!(
            n.as_str(),
            "gmt" | "utc" | "a.m" | "p.m" | "am" | "pm" | "a" | "p"
        )
        && (n.len() > 1 || toks.get(j + 2).is_some_and(|x| x.text(s) == "."))
    {
        return true;
    }
    if j > 0 && toks[j - 1].text(s) == ":" {
        return true;
    }
    // Index and model names: `FTSE 250`, `G 7`.
    if j > 0 && toks[j - 1].kind == Kind::Word && crate::lex::is_acronym(toks[j - 1].text(s)) {
        return true;
    }
    // Years: four digits without grouping.
    let year_like = w.len() == 4
        && w.bytes().all(|b| b.is_ascii_digit())
        && (w.starts_with('1') || w.starts_with('2') || w.starts_with('0'));
    let pct_or_scale = toks.get(j + 1).is_some_and(|n| {
        let x = n.text(s);
        x == "%"
            || lexicon::scale_word(lower(x, &mut buf)).is_some()
            || x.eq_ignore_ascii_case("percent")
    });
    year_like && !currency && !pct_or_scale
}

/// Finds the quantities of every sentence.
pub(crate) fn extract(
    ctx: &Ctx<'_>,
    cues: &[Vec<Cue>],
    quote_speaker: &dyn Fn(usize, usize) -> Option<Option<String>>,
) -> Vec<QuantityMention> {
    let mut out = Vec::new();
    let mut buf = [0u8; 32];
    for (si, sent) in ctx.sents.iter().enumerate() {
        let s = sent.text.as_str();
        let toks = &ctx.toks[si];
        let mut j = 0;
        let first_new = out.len();
        while j < toks.len() {
            let currency = j
                .checked_sub(1)
                .and_then(|k| lexicon::currency_symbol(toks[k].text(s)));
            if is_date_or_time(s, toks, j, currency.is_some()) {
                j += 1;
                continue;
            }
            let Some(num) = number_at(s, toks, j) else {
                j += 1;
                continue;
            };
            let first = if currency.is_some() { j - 1 } else { j };
            // Qualifier: the longest listed phrase right before.
            let mut qualifier = None;
            let mut qstart = first;
            for q in lexicon::QUALIFIERS {
                if q.len() > first {
                    continue;
                }
                let ok = q.iter().enumerate().all(|(i, qw)| {
                    let t = toks[first - q.len() + i];
                    t.kind == Kind::Word && lower(t.text(s), &mut buf) == *qw
                });
                if ok {
                    qstart = first - q.len();
                    qualifier = Some(q.join(" "));
                    break;
                }
            }
            let mut last = num.last;
            let mut kind = QuantityKind::Count;
            let mut unit = String::new();
            if let Some(c) = currency {
                kind = QuantityKind::Money;
                unit = c.to_string();
            } else if let Some(u) = &num.inner_unit {
                unit = u.clone();
            } else if let Some(n) = toks.get(last + 1) {
                let nw = n.text(s);
                let nlw = lower(nw, &mut buf);
                if nw == "%" || nlw == "percent" {
                    kind = QuantityKind::Percent;
                    unit = "percent".into();
                    last += 1;
                } else if nlw == "per"
                    && toks
                        .get(last + 2)
                        .is_some_and(|x| x.text(s).eq_ignore_ascii_case("cent"))
                {
                    kind = QuantityKind::Percent;
                    unit = "percent".into();
                    last += 2;
                } else if let Some(c) = lexicon::currency_word(nlw).filter(|_| n.kind == Kind::Word)
                {
                    kind = QuantityKind::Money;
                    unit = c.to_string();
                    last += 1;
                } else if let Some((u, end)) = counted_noun(s, toks, last + 1) {
                    unit = u;
                    last = end;
                }
            }
            let Some(text) = s.get(toks[qstart].start..toks[last].end) else {
                j += 1;
                continue;
            };
            let attribution = match quote_speaker(si, j) {
                Some(sp) => sp,
                None => {
                    let at = (ctx.global(si, first), ctx.global(si, last + 1));
                    let near = cues[si]
                        .iter()
                        .filter(|c| c.strength == lexicon::Strength::Strong)
                        .map(|c| (ctx.global(si, c.tok), ctx.global(si, c.end), c));
                    attrib::best(near, at).and_then(|c| c.speaker.clone())
                }
            };
            out.push(QuantityMention {
                text: text.to_string(),
                value: num.value,
                unit,
                kind,
                qualifier,
                attribution,
                in_quote: ctx.inq[si].get(j).copied().unwrap_or(false),
                sentence: si,
                start: toks[qstart].start,
                end: toks[last].end,
            });
            j = last + 1;
        }
        // `900 to 1,300 meters`: the first number borrows the unit.
        for k in first_new..out.len().saturating_sub(1) {
            if out[k].unit.is_empty() && out[k + 1].end - out[k].end < 12 {
                let (u, kind) = (out[k + 1].unit.clone(), out[k + 1].kind);
                out[k].unit = u;
                out[k].kind = kind;
            }
        }
    }
    out
}

/// The noun a number counts: the noun phrase starting at `k` (or after
/// `of the`), as its head word and the last token used.
fn counted_noun(s: &str, toks: &[Tok], k: usize) -> Option<(String, usize)> {
    let mut buf = [0u8; 32];
    let mut i = k;
    let word = |i: usize| toks.get(i).filter(|t| t.kind == Kind::Word);
    // `14 of the sharks`
    if word(i).is_some_and(|t| t.text(s) == "of")
        && word(i + 1).is_some_and(|t| matches!(t.text(s), "the" | "its" | "their"))
    {
        i += 2;
        if toks.get(i).is_some_and(|t| t.kind == Kind::Number) {
            i += 1;
        }
    }
    let start = i;
    let mut last = None;
    while let Some(t) = word(i) {
        let w = t.text(s);
        let lw = lower(w, &mut buf);
        if lexicon::is_stop(lw)
            || lexicon::cue(lw).is_some()
            || lexicon::scale_word(lw).is_some()
            || (i > start && lw.ends_with("ly"))
            || i - start >= 4
        {
            break;
        }
        let verbish = lw.ends_with("ed") || lw.ends_with("ing");
        if verbish && i > start {
            // A participle only modifies when a plain word follows.
            let next_plain = word(i + 1).is_some_and(|n| {
                let mut b2 = [0u8; 32];
                let nl = lower(n.text(s), &mut b2);
                !lexicon::is_stop(nl) && !nl.ends_with("ed") && !nl.ends_with("ing")
            });
            if !next_plain {
                break;
            }
        }
        last = Some(i);
        i += 1;
        let plural = (lw.len() > 3 && lw.ends_with('s') && !lw.ends_with("ss"))
            || (lw.len() > 4 && lw.ends_with("men"))
            || lexicon::is_irregular_plural(lw);
        if plural && !word(i).is_some_and(|n| crate::lex::is_cap(n.text(s))) {
            break;
        }
    }
    let last = last?;
    let head = crate::lex::strip_possessive(toks[last].text(s)).0;
    Some((head.to_string(), last))
}
