//! Quantities of one document: a number (digits or words, with scale words,
//! percent signs and currencies), its qualifier (`more than`, `around`), the
//! noun it counts and the attribution of the sentence it stands in.

use crate::attrib::{self, Cue};
use crate::doc::Ctx;
use crate::lex::{Kind, Tok, is_cap, lower};
use crate::lexicon;
use crate::{QuantityKind, QuantityMention};
use std::collections::HashSet;

use storyweave_text::{NumberStyle, parse_number};

/// A number found at a token: value, first and last token used.
struct Num {
    value: f64,
    /// Unit carried inside a hyphenated token (`three-year` -> `year`).
    inner_unit: Option<String>,
    /// The upper end of a range or the second score written in one token
    /// (`10-20`, `31-24`): a second figure with the same words.
    second: Option<f64>,
    last: usize,
}

/// What a digit token holds.
enum Digits {
    /// A number with an optional unit or scale glued to it.
    Number {
        value: f64,
        unit: Option<String>,
        scale: Option<f64>,
        second: Option<f64>,
    },
    /// Not a quantity: a phone number, a season (`1982-83`), an ordinal, a code.
    NotQuantity,
}

/// Whether a digit string is a year (`1982`, `2013`).
fn year_like(d: &str) -> bool {
    d.len() == 4 && (d.starts_with("19") || d.starts_with("20"))
}

/// Parses a digit token (`10,000`, `3.2`, `52-meter`, `10m`, `31-24`, `1.7GHz`).
fn parse_digits(w: &str) -> Digits {
    let (num, rest) = match w.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')) {
        Some(p) => w.split_at(p),
        None => (w, ""),
    };
    let clean: String = num.chars().filter(|&c| c != ',').collect();
    // The one reading of figures; the language is not known here, so the
    // English one (`2.300` is 2.3, `2,300` is 2300).
    let Some(value) = parse_number(num, NumberStyle::PointDecimal) else {
        return Digits::NotQuantity;
    };
    let number = |unit: Option<String>, scale: Option<f64>, second: Option<f64>| Digits::Number {
        value,
        unit,
        scale,
        second,
    };
    if rest.is_empty() {
        return number(None, None, None);
    }
    if let Some(after) = rest.strip_prefix('-') {
        let groups: Vec<&str> = after.split('-').collect();
        if groups
            .iter()
            .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
        {
            // Phone numbers (`301-772-4925`), seasons (`1982-83`): not figures.
            let digits = clean.len() + groups.iter().map(|g| g.len()).sum::<usize>();
            if groups.len() > 1 || digits >= 7 || year_like(&clean) {
                return Digits::NotQuantity;
            }
            return number(None, None, groups[0].parse().ok());
        }
        if after.bytes().any(|b| b.is_ascii_digit()) {
            return Digits::NotQuantity; // `1-866-411-TIPS`, codes
        }
        return number(Some(after.to_string()), None, None);
    }
    let mut buf = [0u8; 32];
    let lr = lower(rest, &mut buf);
    if let Some(scale) = lexicon::glued_scale(lr) {
        return number(None, Some(scale), None);
    }
    if lexicon::unit_word(lr).is_some() && lr.len() > 1 {
        return number(Some(rest.to_string()), None, None);
    }
    Digits::NotQuantity // ordinals, decades, codes
}

/// The word at token `k`, lowercased; `None` for punctuation, numbers or past the end.
fn word_lower(s: &str, toks: &[Tok], k: usize) -> Option<String> {
    let mut b = [0u8; 32];
    toks.get(k)
        .filter(|x| x.kind == Kind::Word)
        .map(|x| lower(x.text(s), &mut b).to_string())
}

/// Reads a number starting at token `j`.
fn number_at(s: &str, toks: &[Tok], j: usize) -> Option<Num> {
    let t = toks[j];
    let w = t.text(s);
    let mut buf = [0u8; 32];
    let word = |k: usize| {
        toks.get(k)
            .filter(|x| x.kind == Kind::Word)
            .map(|x| x.text(s))
    };
    let lw_at = |k: usize| word_lower(s, toks, k);
    let mut last = j;
    let mut second = None;
    let (mut value, mut inner_unit, scale) = match t.kind {
        Kind::Number => match parse_digits(w) {
            Digits::NotQuantity => return None,
            Digits::Number {
                value,
                unit,
                scale,
                second: sec,
            } => {
                second = sec;
                (value, unit, scale)
            }
        },
        Kind::Word => {
            let lw = lower(w, &mut buf).to_string();
            // A number word written with a capital inside a sentence is part
            // of a name (`Six Flags`).
            let inside = j > 0 && !matches!(toks[j - 1].text(s), "\"" | "(" | "-" | ":" | "'");
            if inside && crate::lex::is_cap(w) {
                return None;
            }
            // `a dozen`, `a pair of`, `a third of`, `half of`, `more than half`.
            if matches!(lw.as_str(), "a" | "an") {
                let next = lw_at(j + 1)?;
                if let Some(g) = lexicon::group_word(&next) {
                    return Some(Num {
                        value: g,
                        inner_unit: None,
                        second: None,
                        last: j + 1,
                    });
                }
                let den = lexicon::fraction_word(&next)?;
                if lw_at(j + 2).as_deref() != Some("of") {
                    return None;
                }
                return Some(Num {
                    value: 1.0 / den,
                    inner_unit: None,
                    second: None,
                    last: j + 1,
                });
            }
            if lw == "half" {
                let after_of = lw_at(j + 1).as_deref() == Some("of");
                let qualified = j > 0
                    && matches!(
                        lw_at(j - 1).as_deref(),
                        Some("than" | "about" | "nearly" | "almost")
                    );
                if !(after_of || qualified) {
                    return None;
                }
                return Some(Num {
                    value: 0.5,
                    inner_unit: None,
                    second: None,
                    last: j,
                });
            }
            let (head, unit) = match lw.split_once('-') {
                Some((h, u)) => (h.to_string(), Some(u.to_string())),
                None => (lw.clone(), None),
            };
            let v = lexicon::number_word(&head)?;
            match unit {
                None => (v, None, None),
                Some(u) => match lexicon::number_word(&u) {
                    Some(v2) if v >= 20.0 && v2 < 10.0 => (v + v2, None, None),
                    Some(_) => return None,
                    None => match lexicon::fraction_word(&u) {
                        Some(den) => (v / den, None, None),
                        None => (v, Some(u), None),
                    },
                },
            }
        }
        Kind::Punct => return None,
    };
    if let Some(sc) = scale {
        value *= sc;
    }
    if t.kind == Kind::Number && second.is_none() && inner_unit.is_none() {
        // `1 1/2`, `3/4`, and `11/2` (a tokenizer's `1½`).
        let is = |k: usize, x: &str| toks.get(k).is_some_and(|y| y.text(s) == x);
        let num = |k: usize| {
            toks.get(k)
                .filter(|y| y.kind == Kind::Number)
                .and_then(|y| y.text(s).parse::<f64>().ok())
        };
        if let (Some(a), true, Some(b)) = (num(j + 1), is(j + 2, "/"), num(j + 3)) {
            if a < b && matches!(b as u32, 2 | 3 | 4 | 8) && !is(j + 4, "/") {
                value += a / b;
                last = j + 3;
            }
        } else if is(j + 1, "/") {
            let den = num(j + 2)?;
            if is(j + 3, "/") || !matches!(den as u32, 2 | 3 | 4 | 8) || w.contains([',', '.']) {
                return None; // dates and names (`07/26/2016`, `9/11`)
            }
            let whole = (value / 10.0).floor();
            let part = value - whole * 10.0;
            value = if value < den {
                value / den
            } else if value >= 10.0 && part < den && part > 0.0 {
                whole + part / den
            } else {
                return None;
            };
            last = j + 2;
        }
    }
    if inner_unit.is_none()
        && let Some(n) = word(last + 1)
    {
        let nl = lower(n, &mut buf);
        if let Some(sc) = lexicon::scale_word(nl) {
            value *= sc;
            last += 1;
        } else if let Some(g) = lexicon::group_word(nl).filter(|_| t.kind == Kind::Word) {
            // `five dozen`
            value *= g;
            last += 1;
        }
    }
    // Bare `one` is a pronoun or article far more often than a count; it
    // counts when a noun follows (`one person`).
    if t.kind == Kind::Word && value == 1.0 && last == j && inner_unit.is_none() {
        let next = lw_at(j + 1)?;
        // `one` before a plural (`one carries`, `one says`) is a pronoun.
        let plural = next.len() > 3 && next.ends_with('s') && !next.ends_with("ss");
        // `no one`, `each one`, `any one`: a pronoun with its determiner.
        let determined = j >= 1
            && toks[j - 1].kind == Kind::Word
            && matches!(
                toks[j - 1].text(s).to_ascii_lowercase().as_str(),
                "no" | "each" | "any" | "every" | "some"
            );
        if lexicon::is_stop(&next)
            || lexicon::is_not_counted_after_one(&next)
            || plural
            || determined
        {
            return None;
        }
    }
    if let Some(u) = inner_unit.as_mut() {
        *u = u.trim_end_matches('-').to_string();
    }
    Some(Num {
        value,
        inner_unit,
        second,
        last,
    })
}

/// Whether the number at `j` is a designation rather than a quantity: part
/// of a name (`Channel 4`, `Place 2 B Bar`), an address (`5126 Clinton
/// Drive`, `the 5400 block`), an emergency number, an id or code.
fn is_designation(s: &str, toks: &[Tok], j: usize, currency: bool, models: &HashSet<&str>) -> bool {
    let t = toks[j];
    if t.kind != Kind::Number || currency {
        return false;
    }
    let w = t.text(s);
    let mut buf = [0u8; 32];
    let lw_at = |k: usize, buf: &mut [u8; 32]| -> Option<String> {
        toks.get(k)
            .filter(|x| x.kind == Kind::Word)
            .map(|x| lower(x.text(s).trim_end_matches('.'), buf).to_string())
    };
    if lexicon::is_emergency_number(w) {
        return true;
    }
    // `45-caliber` read as one token.
    if w.rsplit_once('-')
        .is_some_and(|(_, tail)| lexicon::is_designation_noun(&tail.to_ascii_lowercase()))
    {
        return true;
    }
    // `a 9mm handgun`, `9 mm rounds`: a calibre.
    let glued_mm = w.to_ascii_lowercase().ends_with("mm");
    let unit_at = if glued_mm { j + 1 } else { j + 2 };
    let mm = glued_mm || lw_at(j + 1, &mut buf).as_deref() == Some("mm");
    if mm
        && lw_at(unit_at, &mut buf)
            .as_deref()
            .is_some_and(lexicon::is_firearm_noun)
    {
        return true;
    }
    let next = lw_at(j + 1, &mut buf);
    let preposition =
        next.as_deref() == Some("in") && toks.get(j + 2).is_some_and(|t| t.kind == Kind::Word);
    let measured = next.as_deref().is_some_and(|n| {
        n == "percent"
            || lexicon::scale_word(n).is_some()
            || lexicon::currency_word(n).is_some()
            || (lexicon::unit_word(n).is_some() && !preposition)
    }) || toks.get(j + 1).is_some_and(|n| n.text(s) == "%");
    // `2 NEWS`, `WAVE 3 News`: a number before a word in capitals is a name's.
    if !measured
        && toks.get(j + 1).is_some_and(|n| {
            let t = n.text(s);
            n.kind == Kind::Word && t.len() >= 3 && t.bytes().all(|b| b.is_ascii_uppercase())
        })
    {
        return true;
    }
    // `(203) 574 - 6941`: an area code in brackets before a number.
    let area_code = |k: usize| {
        k >= 1
            && toks[k - 1].text(s) == "("
            && toks.get(k + 1).is_some_and(|t| t.text(s) == ")")
            && toks[k].text(s).len() == 3
    };
    if area_code(j) && toks.get(j + 2).is_some_and(|t| t.kind == Kind::Number) {
        return true;
    }
    if j >= 3 && toks[j - 1].text(s) == ")" && area_code(j - 2) {
        return true;
    }
    // Long ungrouped digit strings are ids and codes.
    if !measured && w.len() >= 5 && w.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    if next.as_deref().is_some_and(lexicon::is_designation_noun) {
        return true;
    }
    // `38 - caliber`
    if toks.get(j + 1).is_some_and(|t| t.text(s) == "-")
        && lw_at(j + 2, &mut buf)
            .as_deref()
            .is_some_and(lexicon::is_designation_noun)
    {
        return true;
    }
    // `No. 5`, `number 5`, `#5`, `version 5`, `size 32/34`.
    let mut j = j;
    while j >= 2 && toks[j - 1].text(s) == "/" && toks[j - 2].kind == Kind::Number {
        j -= 2;
    }
    if j > 0 {
        let p = toks[j - 1].text(s);
        let before = if p == "." && j > 1 { j - 2 } else { j - 1 };
        if p == "#"
            || lw_at(before, &mut buf)
                .as_deref()
                .is_some_and(lexicon::is_designation_before)
        {
            return true;
        }
    }
    // A phone number spaced out by a tokenizer: `301 - 772 - 4925`.
    if hyphen_chain(s, toks, j) >= 3 {
        return true;
    }
    // `14, 2013`: the day of a date whose month ended the sentence before.
    if toks.get(j + 1).is_some_and(|t| t.text(s) == ",")
        && toks
            .get(j + 2)
            .is_some_and(|t| t.kind == Kind::Number && year_like(t.text(s)))
        && w.len() <= 2
    {
        return true;
    }
    // An address: capitalised words then a street word.
    let mut k = j + 1;
    while k < toks.len() && k <= j + 5 && toks[k].kind == Kind::Word && is_cap(toks[k].text(s)) {
        if lw_at(k, &mut buf)
            .as_deref()
            .is_some_and(lexicon::is_street_word)
            && k > j + 1
        {
            return true;
        }
        // `200 W. American Blvd.`: a compass letter and its stop.
        if toks[k].text(s).len() == 1 && toks.get(k + 1).is_some_and(|t| t.text(s) == ".") {
            k += 1;
        }
        k += 1;
    }
    // Inside a name (`Boeing 787`, `iPhone 4`), or a number such a name
    // gave elsewhere in the document (`the 787`).
    !measured && (follows_name(s, toks, j) || models.contains(w))
}

/// Whether the number at `j` follows a name word: capitalised (not the
/// sentence's first word, which is capitalised anyway, nor a month or a
/// weekday) or written in camel case (`iPhone`, `eBay`).
fn follows_name(s: &str, toks: &[Tok], j: usize) -> bool {
    let mut buf = [0u8; 32];
    let Some(p) = j.checked_sub(1).map(|k| toks[k]) else {
        return false;
    };
    let pw = p.text(s);
    let camel = pw.starts_with(|c: char| c.is_lowercase()) && pw.chars().any(char::is_uppercase);
    // `Tahirah's 5-year-old`: an owner is no name the number belongs to.
    let possessive = crate::lex::strip_possessive(pw).0.len() < pw.len();
    p.kind == Kind::Word
        && !possessive
        && (camel
            || (j >= 2
                && is_cap(pw)
                && lexicon::month(lower(pw.trim_end_matches('.'), &mut buf)).is_none()
                && lexicon::weekday(lower(pw, &mut buf)).is_none()
                && !is_cap_starter(s, toks, j - 1)))
}

/// The number of digit groups joined by hyphens around token `j`
/// (`301 - 772 - 4925` gives 3).
fn hyphen_chain(s: &str, toks: &[Tok], j: usize) -> usize {
    let is_num = |k: usize| toks.get(k).is_some_and(|t| t.kind == Kind::Number);
    let is_dash = |k: usize| toks.get(k).is_some_and(|t| t.text(s) == "-");
    let mut a = j;
    while a >= 2 && is_dash(a - 1) && is_num(a - 2) {
        a -= 2;
    }
    let mut b = j;
    while is_dash(b + 1) && is_num(b + 2) {
        b += 2;
    }
    // `(203) 574 - 6941`: an area code in brackets opens the chain.
    let area = usize::from(
        a >= 3
            && toks[a - 1].text(s) == ")"
            && toks[a - 3].text(s) == "("
            && is_num(a - 2)
            && toks[a - 2].text(s).len() == 3,
    );
    area + (a..=b)
        .step_by(2)
        .map(|k| {
            toks[k]
                .text(s)
                .split('-')
                // A vanity group (`7LOCKUP`) counts: it starts with a digit.
                .filter(|g| g.starts_with(|c: char| c.is_ascii_digit()))
                .count()
        })
        .sum::<usize>()
}

/// Whether token `k` is a capitalised word only because it starts the
/// sentence or a quotation.
fn is_cap_starter(s: &str, toks: &[Tok], k: usize) -> bool {
    k == 0 || matches!(toks[k - 1].text(s), "\"" | "(" | ":" | "-")
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
    // Numbers the document writes as part of a name (`Boeing 787`,
    // `iPhone 4`): model numbers wherever they stand in it.
    let models: HashSet<&str> = ctx
        .sents
        .iter()
        .zip(&ctx.toks)
        .flat_map(|(sent, toks)| {
            let s = sent.text.as_str();
            (0..toks.len())
                .filter(move |&j| {
                    toks[j].kind == Kind::Number
                        && toks[j].text(s).bytes().all(|b| b.is_ascii_digit())
                        && follows_name(s, toks, j)
                })
                .map(move |j| toks[j].text(s))
        })
        .collect();
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
            if is_designation(s, toks, j, currency.is_some(), &models) {
                // All of it: `size 9 1/2` leaves no `1/2` behind.
                j = number_at(s, toks, j).map_or(j, |n| n.last) + 1;
                continue;
            }
            let Some(num) = number_at(s, toks, j) else {
                j += 1;
                continue;
            };
            let mut first = if currency.is_some() { j - 1 } else { j };
            // `fell -36`, `(-3.16%)`: a minus sign glued to the number and
            // standing apart from the word before makes it negative.
            let negative = currency.is_none()
                && first >= 1
                && matches!(toks[first - 1].text(s), "-" | "\u{2212}")
                && toks[first - 1].end == toks[first].start
                && (first == 1
                    || toks[first - 2].end < toks[first - 1].start
                    || matches!(toks[first - 2].text(s), "(" | "["))
                && (first == 1 || toks[first - 2].kind != Kind::Number);
            if negative {
                first -= 1;
            }
            let sign = if negative { -1.0 } else { 1.0 };
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
            let Measure {
                kind,
                unit,
                what,
                factor,
                last,
            } = measure(s, toks, j, &num, currency);
            let Some(text) = s.get(toks[qstart].start..toks[last].end) else {
                j += 1;
                continue;
            };
            let attribution = match quote_speaker(si, j) {
                Some(sp) => sp,
                None => {
                    let at = (ctx.global(si, first), ctx.global(si, last + 1));
                    // A figure inside the subject phrase (`Maral, 45, said`)
                    // describes the speaker: not theirs to state.
                    let near = cues[si]
                        .iter()
                        .filter(|c| c.strength >= lexicon::Strength::Finding)
                        .filter(|c| !(c.subject.0 <= j && j < c.subject.1))
                        .map(|c| (ctx.global(si, c.tok), ctx.global(si, c.end), c));
                    attrib::best(near, at).and_then(|c| c.speaker.clone())
                }
            };
            let in_quote = ctx.inq[si].get(j).copied().unwrap_or(false);
            for value in std::iter::once(num.value).chain(num.second) {
                out.push(QuantityMention {
                    text: text.to_string(),
                    value: sign * value * factor,
                    unit: unit.clone(),
                    what: what.clone(),
                    kind,
                    qualifier: qualifier.clone(),
                    attribution: attribution.clone(),
                    in_quote,
                    sentence: si,
                    start: toks[qstart].start,
                    end: toks[last].end,
                });
            }
            j = last + 1;
        }
        // `900 to 1,300 meters`: the first number borrows the unit.
        for k in first_new..out.len().saturating_sub(1) {
            if out[k].unit.is_empty() && out[k].what.is_empty() && out[k + 1].end - out[k].end < 12
            {
                let (u, w, kind) = (
                    out[k + 1].unit.clone(),
                    out[k + 1].what.clone(),
                    out[k + 1].kind,
                );
                out[k].unit = u;
                out[k].what = w;
                out[k].kind = kind;
            }
        }
    }
    out
}

/// What a number measures: its kind, canonical unit, what it counts, the
/// factor into the unit (`two decades` is 20 years) and its last token.
struct Measure {
    kind: QuantityKind,
    unit: String,
    what: String,
    factor: f64,
    last: usize,
}

/// Reads what follows the number at `j` (ending at `num.last`): a percent
/// sign, a currency, a unit (glued, hyphenated or after it; `per hour` and
/// `/h` making a speed; `-old` an age), or the noun it counts.
fn measure(s: &str, toks: &[Tok], j: usize, num: &Num, currency: Option<&'static str>) -> Measure {
    let mut m = Measure {
        kind: QuantityKind::Count,
        unit: String::new(),
        what: String::new(),
        factor: 1.0,
        last: num.last,
    };
    let lw_at = |k: usize| word_lower(s, toks, k);
    let is = |k: usize, x: &str| toks.get(k).is_some_and(|t| t.text(s) == x);
    if let Some(c) = currency {
        m.kind = QuantityKind::Money;
        m.unit = c.to_string();
        return m;
    }
    // `magnitude 4.6`
    if j > 0 && lw_at(j - 1).as_deref() == Some("magnitude") {
        m.unit = "magnitude".into();
        return m;
    }
    // The unit: glued (`33-year-old`, `1.7GHz`), after a spaced hyphen
    // (`13 - inch`) or after the number (`20 minutes`).
    let mut unit_word: Option<String> = num.inner_unit.clone().map(|u| u.to_ascii_lowercase());
    let mut age = false;
    if let Some(u) = unit_word.as_mut()
        && let Some(base) = u.strip_suffix("-old")
    {
        *u = base.to_string();
        age = true;
    }
    if unit_word.is_none() {
        let (k, hyphen) = if is(m.last + 1, "-") {
            (m.last + 2, true)
        } else {
            (m.last + 1, false)
        };
        // `Kentucky 218 in the Pierce area`: `in` before a word is the
        // preposition, not inches.
        let preposition = lw_at(k).as_deref() == Some("in")
            && toks.get(k + 1).is_some_and(|t| t.kind == Kind::Word);
        if let Some(n) = lw_at(k).filter(|_| !preposition)
            && (lexicon::unit_word(&n).is_some() || !hyphen)
        {
            if n == "percent"
                || is(m.last + 1, "%")
                || (n == "per" && lw_at(m.last + 2).as_deref() == Some("cent"))
            {
                m.kind = QuantityKind::Percent;
                m.unit = "percent".into();
                m.last += if n == "per" { 2 } else { 1 };
                return m;
            }
            let scaled = num.last > j;
            let weight = matches!(n.as_str(), "pound" | "pounds") && !scaled;
            if let Some(c) = lexicon::currency_word(&n).filter(|_| !weight && !hyphen) {
                m.kind = QuantityKind::Money;
                // One unit per currency: cents are hundredths of dollars.
                let (c, factor) = storyweave_text::lexicon::currency_subunit(c).unwrap_or((c, 1.0));
                m.unit = c.to_string();
                m.factor = factor;
                m.last = k;
                return m;
            }
            if weight || lexicon::unit_word(&n).is_some() {
                unit_word = Some(n);
                m.last = k;
            }
        } else if is(m.last + 1, "%") {
            m.kind = QuantityKind::Percent;
            m.unit = "percent".into();
            m.last += 1;
            return m;
        }
    }
    if let Some(u) = unit_word {
        match lexicon::unit_word(&u)
            .or_else(|| matches!(u.as_str(), "pound" | "pounds").then_some(("pounds", 1.0)))
        {
            Some((canon, factor)) => {
                m.unit = canon.to_string();
                m.factor = factor;
                // `60 km/h`, `60 kilometres per hour`
                let slash_h =
                    is(m.last + 1, "/") && matches!(lw_at(m.last + 2).as_deref(), Some("h" | "hr"));
                let per_hour = lw_at(m.last + 1).as_deref() == Some("per")
                    && lw_at(m.last + 2).as_deref() == Some("hour");
                if let Some(speed) = lexicon::per_hour(canon)
                    && (slash_h || per_hour)
                {
                    m.unit = speed.into();
                    m.last += 2;
                }
                // `5-year - old`, `a 33-year-old`
                if !age && is(m.last + 1, "-") && lw_at(m.last + 2).as_deref() == Some("old") {
                    age = true;
                    m.last += 2;
                }
                if age {
                    m.what = "age".into();
                } else if let Some((w, end)) = counted_noun(s, toks, m.last + 1)
                    .filter(|(w, _)| !lexicon::is_dimension_adjective(&w.to_ascii_lowercase()))
                {
                    // `a 90-day stay`
                    m.what = w;
                    m.last = end;
                }
            }
            None => m.what = u, // `three-bedroom`
        }
        return m;
    }
    if let Some((w, end)) = counted_noun(s, toks, m.last + 1) {
        m.what = w;
        m.last = end;
    }
    m
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
