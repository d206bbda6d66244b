//! Date expressions of one document, resolved against its publication date.
//!
//! A resolved date is stored as its first day plus a [`Granularity`]:
//! `in April` is `2025-04-01` with granularity `month`, `last year` is
//! `2024-01-01` with granularity `year`, `last week` is the day a week before
//! publication with granularity `week`. Weekdays resolve to the most recent
//! such day on or before publication (the publication day itself when it is
//! that weekday), or to the next one when the sentence speaks of the future
//! (`is expected to ... on Friday`, `will`, `next`).

use storyweave_text::Date;

use crate::doc::Ctx;
use crate::lex::{Kind, Tok, is_cap, lower};
use crate::lexicon;
use crate::{DateMention, Granularity};

/// Finds the date expressions of every sentence.
pub(crate) fn extract(ctx: &Ctx<'_>, published: Option<Date>) -> Vec<DateMention> {
    let mut out = Vec::new();
    let mut buf = [0u8; 32];
    let mut pbuf = [0u8; 32];
    for (si, sent) in ctx.sents.iter().enumerate() {
        let s = sent.text.as_str();
        let toks = &ctx.toks[si];
        let mut future = false;
        let mut j = 0;
        while j < toks.len() {
            let t = toks[j];
            if t.kind == Kind::Punct {
                j += 1;
                continue;
            }
            let w = t.text(s);
            let lw = lower(w, &mut buf);
            if lexicon::is_future_marker(lw) {
                future = true;
            }
            let prev = j
                .checked_sub(1)
                .filter(|&k| toks[k].kind == Kind::Word)
                .map(|k| lower(toks[k].text(s), &mut pbuf))
                .unwrap_or_default();
            let found = if let Some(wd) = lexicon::weekday(lw).filter(|_| is_cap(w)) {
                Some(weekday(j, prev, wd, future, published))
            } else if let Some(m) = lexicon::month(lw.trim_end_matches('.')).filter(|_| is_cap(w)) {
                month(s, toks, j, prev, m, w, published)
            } else if let Some(days) = lexicon::relative_day(lw) {
                // `yesterday`, `today`, `tonight`, `tomorrow`.
                Some((j, j, published.map(|p| p.add_days(days)), Granularity::Day))
            } else {
                match lw {
                    "year" | "month" | "week" if matches!(prev, "last" | "this" | "next") => {
                        let shift = match prev {
                            "last" => -1,
                            "next" => 1,
                            _ => 0,
                        };
                        Some((
                            j - 1,
                            j,
                            published.and_then(|p| relative(p, lw, shift)),
                            granularity(lw),
                        ))
                    }
                    _ if t.kind == Kind::Number && is_year_context(prev, w) => {
                        let y: i32 = w.parse().unwrap_or(0);
                        Some((j, j, Date::new(y, 1, 1), Granularity::Year))
                    }
                    _ => None,
                }
            };
            if let Some((a, b, date, granularity)) = found {
                let a = include_preposition(s, toks, a);
                if let Some(text) = s.get(toks[a].start..toks[b].end) {
                    out.push(DateMention {
                        text: text.to_string(),
                        date,
                        granularity,
                        sentence: si,
                        start: toks[a].start,
                        end: toks[b].end,
                    });
                }
                j = b + 1;
            } else {
                j += 1;
            }
        }
    }
    out
}

fn granularity(unit: &str) -> Granularity {
    match unit {
        "year" => Granularity::Year,
        "month" => Granularity::Month,
        _ => Granularity::Week,
    }
}

/// `last year`, `this month`, `next week` against the publication date.
fn relative(p: Date, unit: &str, shift: i32) -> Option<Date> {
    match unit {
        "year" => Date::new(p.year + shift, 1, 1),
        "month" => {
            let m = i32::from(p.month) - 1 + shift;
            Date::new(p.year + m.div_euclid(12), (m.rem_euclid(12) + 1) as u8, 1)
        }
        _ => Some(p.add_days(7 * i64::from(shift))),
    }
}

/// A four-digit year after a preposition (`in 2024`, `since 2021`).
fn is_year_context(prev: &str, w: &str) -> bool {
    w.len() == 4
        && w.bytes().all(|b| b.is_ascii_digit())
        && (w.starts_with("19") || w.starts_with("20"))
        && matches!(
            prev,
            "in" | "since"
                | "of"
                | "by"
                | "until"
                | "from"
                | "before"
                | "after"
                | "during"
                | "early"
                | "late"
                | "mid"
                | "through"
                | "to"
        )
}

/// Extends a date expression back over `on`, `in`, `since`, `last` etc.
fn include_preposition(s: &str, toks: &[Tok], a: usize) -> usize {
    let mut buf = [0u8; 32];
    match a.checked_sub(1).map(|k| toks[k]) {
        Some(t)
            if t.kind == Kind::Word
                && matches!(
                    lower(t.text(s), &mut buf),
                    "on" | "in"
                        | "since"
                        | "until"
                        | "by"
                        | "from"
                        | "last"
                        | "next"
                        | "this"
                        | "early"
                        | "late"
                ) =>
        {
            a - 1
        }
        _ => a,
    }
}

type Found = (usize, usize, Option<Date>, Granularity);

fn weekday(j: usize, prev: &str, wd: u8, future: bool, published: Option<Date>) -> Found {
    let date = published.map(|p| {
        let pw = i64::from(p.weekday());
        let w = i64::from(wd);
        match prev {
            "last" => {
                let back = (pw - w).rem_euclid(7);
                p.add_days(-(if back == 0 { 7 } else { back }))
            }
            "next" => {
                let fwd = (w - pw).rem_euclid(7);
                p.add_days(if fwd == 0 { 7 } else { fwd })
            }
            _ if future => p.add_days((w - pw).rem_euclid(7)),
            _ => p.add_days(-(pw - w).rem_euclid(7)),
        }
    });
    (j, j, date, Granularity::Day)
}

fn month(
    s: &str,
    toks: &[Tok],
    j: usize,
    prev: &str,
    m: u8,
    w: &str,
    published: Option<Date>,
) -> Option<Found> {
    let mut buf = [0u8; 32];
    let full = lexicon::is_full_month(lower(w, &mut buf));
    let mut k = j + 1;
    if toks.get(k).is_some_and(|t| t.text(s) == ".") {
        k += 1;
    }
    let num = |k: usize| -> Option<u32> {
        toks.get(k)
            .filter(|t| t.kind == Kind::Number)
            .and_then(|t| t.text(s).parse().ok())
    };
    // `August 12, 2025`, `Aug. 12`
    if let Some(d) = num(k).filter(|d| (1..=31).contains(d)) {
        let mut end = k;
        let mut year = None;
        let mut y = k + 1;
        if toks.get(y).is_some_and(|t| t.text(s) == ",") {
            y += 1;
        }
        if let Some(yr) = num(y).filter(|v| (1000..=2999).contains(v)) {
            year = Some(yr as i32);
            end = y;
        }
        let date = match year {
            Some(yr) => Date::new(yr, m, d as u8),
            None => published.and_then(|p| {
                [p.year - 1, p.year, p.year + 1]
                    .into_iter()
                    .filter_map(|yr| Date::new(yr, m, d as u8))
                    .min_by_key(|c| (c.days_since_epoch() - p.days_since_epoch()).abs())
            }),
        };
        return Some((j, end, date, Granularity::Day));
    }
    // `13 August 2025`
    if let Some(d) = j
        .checked_sub(1)
        .and_then(num)
        .filter(|d| (1..=31).contains(d))
    {
        let yr = num(j + 1).filter(|v| (1000..=2999).contains(v));
        let end = if yr.is_some() { j + 1 } else { j };
        let date = match yr {
            Some(yr) => Date::new(yr as i32, m, d as u8),
            None => published.and_then(|p| Date::new(p.year, m, d as u8)),
        };
        return Some((j - 1, end, date, Granularity::Day));
    }
    // `in April`, `April 2024`, `last April`.
    if !full {
        return None;
    }
    if let Some(yr) = num(j + 1).filter(|v| (1000..=2999).contains(v)) {
        return Some((j, j + 1, Date::new(yr as i32, m, 1), Granularity::Month));
    }
    if !matches!(
        prev,
        "in" | "since"
            | "until"
            | "by"
            | "from"
            | "last"
            | "early"
            | "late"
            | "mid"
            | "of"
            | "next"
            | "this"
    ) {
        return None;
    }
    let date = published.and_then(|p| {
        let y = match prev {
            "next" => {
                if m > p.month {
                    p.year
                } else {
                    p.year + 1
                }
            }
            "last" if m >= p.month => p.year - 1,
            _ if m <= p.month => p.year,
            _ => p.year - 1,
        };
        Date::new(y, m, 1)
    });
    Some((j, j, date, Granularity::Month))
}
