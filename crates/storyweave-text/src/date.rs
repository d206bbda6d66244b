//! Calendar dates without time zones: parsing the forms found in articles and
//! weekday arithmetic (needed to resolve `on Tuesday` against a publication date).

use serde::{Deserialize, Serialize};

use crate::lexicon::{is_weekday, month_number};

/// A proleptic Gregorian calendar date; serialized as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2025.
    pub year: i32,
    /// Month 1..=12.
    pub month: u8,
    /// Day of month 1..=31.
    pub day: u8,
}

impl Date {
    /// Builds a date, returning `None` when the day does not exist in that month.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before), for differences between dates.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil algorithm.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Day of the week, 0 = Monday .. 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        (self.days_since_epoch() + 3).rem_euclid(7) as u8
    }

    /// The date `n` days later (earlier when negative).
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + n)
    }
}

/// Number of days in `month` of `year`.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse_date(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s}")))
    }
}

/// Parses the date forms articles and feeds use: ISO `2025-08-13` (with an
/// optional time part, which is ignored), `2025/08/13`, `August 13, 2025`,
/// `13 August 2025`, `Aug. 13, 2025`, `Wednesday, August 13, 2025`,
/// `13-Aug-25`, and day-month-year in other languages (`1 de marzo de
/// 2008`, `27 marzo 2008`, `24 maart 2008`). Returns `None` otherwise.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let (d, used) = parse_date_prefix(s)?;
    let rest = &s[used..];
    // ISO dates may carry a time part.
    let iso_time = used == 10
        && (rest.starts_with('T') || rest.starts_with(' '))
        && rest[1..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit());
    (rest.is_empty() || iso_time).then_some(d)
}

/// Parses the date of a metadata field (a record's or a page's `published`
/// or `date`): every form of [`parse_date`] and of a date line
/// ([`find_date_line`]), and the machine forms such fields also hold:
/// * Unix time in seconds or milliseconds (`1469534400`,
///   `1469534400000`, a fraction allowed), from 1990 to 2100 only (other
///   numbers are more likely ids or counts than times);
/// * compact ISO `20160726`;
/// * numeric day and month with a four-digit year: dotted day first
///   (`26.07.2016`), slashed month first as in US usage (`07/26/2016`)
///   unless the first number cannot be a month (`26/07/2016`).
///
/// The compact and numeric forms may be followed by a time
/// (`26.07.2016 14:30`), which is ignored.
/// Feeds and data dumps write dates in all of these; a date missed here
/// leaves an article undated, and the story level then has only the years
/// it mentions to go by.
pub fn parse_published(s: &str) -> Option<Date> {
    let s = s.trim();
    parse_date(s)
        .or_else(|| find_date_line(s))
        .or_else(|| unix_time(s))
        .or_else(|| numeric_date(s))
}

/// Unix time in seconds (9 or 10 digits) or milliseconds (12 or 13), with
/// an optional fraction, between 1990 and 2100.
fn unix_time(s: &str) -> Option<Date> {
    const FROM: i64 = 631_152_000; // 1990-01-01
    const TO: i64 = 4_102_444_800; // 2100-01-01
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let whole = match s.split_once('.') {
        Some((whole, fraction)) if digits(fraction) => whole,
        Some(_) => return None,
        None => s,
    };
    if !digits(whole) {
        return None;
    }
    let n: i64 = whole.parse().ok()?;
    let seconds = match whole.len() {
        9 | 10 => n,
        12 | 13 => n / 1000,
        _ => return None,
    };
    (FROM..TO)
        .contains(&seconds)
        .then(|| Date::from_days_since_epoch(seconds.div_euclid(86_400)))
}

/// `20160726`, `26.07.2016`, `07/26/2016` or `26/07/2016`, each optionally
/// followed by a time.
fn numeric_date(s: &str) -> Option<Date> {
    let end = s.find([' ', 'T']).unwrap_or(s.len());
    let (date, rest) = s.split_at(end);
    let time_ok = rest.is_empty()
        || rest
            .get(1..)
            .is_some_and(|t| t.trim_start().starts_with(|c: char| c.is_ascii_digit()));
    if !time_ok {
        return None;
    }
    let b = date.as_bytes();
    if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        let num = |r: std::ops::Range<usize>| -> Option<u32> { date.get(r)?.parse().ok() };
        return Date::new(
            i32::try_from(num(0..4)?).ok()?,
            u8::try_from(num(4..6)?).ok()?,
            u8::try_from(num(6..8)?).ok()?,
        );
    }
    let sep = if date.contains('.') { '.' } else { '/' };
    let mut parts = date.split(sep);
    let (Some(a), Some(b), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let small = |t: &str| -> Option<u8> {
        (!t.is_empty() && t.len() <= 2 && t.bytes().all(|c| c.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    let (a, b) = (small(a)?, small(b)?);
    if y.len() != 4 || !y.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    let (day, month) = if sep == '.' || a > 12 { (a, b) } else { (b, a) };
    Date::new(year, month, day)
}

/// Finds the date of a *date line*: a line holding only a date, optionally
/// labelled (`Published:`, `Updated:`, `Posted on`) and followed by a time
/// (`10:00 GMT`, `at 3:15 p.m.`). Returns `None` for any other line, so body
/// sentences that merely mention a date are not mistaken for one.
pub fn find_date_line(line: &str) -> Option<Date> {
    let mut s = line
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == '|')
        .trim();
    for label in [
        "published on",
        "published",
        "updated on",
        "updated",
        "last updated",
        "posted on",
        "posted",
        "date",
    ] {
        if s.len() >= label.len()
            && s.as_bytes()[..label.len()].eq_ignore_ascii_case(label.as_bytes())
        {
            s = s[label.len()..].trim_start_matches([':', ' ', '-']);
            break;
        }
    }
    let (d, used) = parse_date_prefix(s)?;
    let rest = &s[used..];
    rest.split(|c: char| {
        c.is_whitespace() || c == ',' || c == '|' || c == '-' || c == '(' || c == ')'
    })
    .filter(|t| !t.is_empty())
    .all(time_token)
    .then_some(d)
}

/// Tokens allowed after a date on a date line: times, am/pm, zones.
fn time_token(t: &str) -> bool {
    let lower = t.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "at" | "am" | "pm" | "a.m." | "p.m." | "utc" | "gmt"
    ) || crate::lexicon::is_time_zone(t)
    {
        return true;
    }
    // An offset alone: `+02:00`, `-0500`.
    if t.starts_with(['+', '-']) {
        return t[1..].bytes().all(|b| b.is_ascii_digit() || b == b':');
    }
    let core = lower
        .trim_end_matches("am")
        .trim_end_matches("pm")
        .trim_end_matches('z');
    !core.is_empty()
        && core
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b':' || b == b'.')
        && core.contains(':')
}

/// The `01-Mar-08` form at the start of `s`, and the bytes used.
fn parse_dashed(s: &str) -> Option<(Date, usize)> {
    let mut parts = s.splitn(3, '-');
    let (d, m, rest) = (parts.next()?, parts.next()?, parts.next()?);
    if d.is_empty() || d.len() > 2 || !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if m.len() != 3 || !m.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let y: i32 = rest.get(..digits)?.parse().ok()?;
    let year = match digits {
        2 if y >= 70 => 1900 + y,
        2 => 2000 + y,
        4 => y,
        _ => return None,
    };
    let date = Date::new(year, month_number(m)?, d.parse().ok()?)?;
    Some((date, d.len() + 1 + m.len() + 1 + digits))
}

/// Parses a date at the start of `s`, returning it and the bytes used.
fn parse_date_prefix(s: &str) -> Option<(Date, usize)> {
    let b = s.as_bytes();
    // ISO and slashed numeric forms.
    if b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && (b[4] == b'-' || b[4] == b'/')
        && b[7] == b[4]
    {
        let num = |r: std::ops::Range<usize>| -> Option<u32> { s.get(r)?.parse().ok() };
        if b[5..7].iter().all(u8::is_ascii_digit) && b[8..10].iter().all(u8::is_ascii_digit) {
            let d = Date::new(num(0..4)? as i32, num(5..7)? as u8, num(8..10)? as u8)?;
            return Some((d, 10));
        }
        return None;
    }
    // 01-Mar-08, 1-Mar-2008 (day, English month abbreviation, year; a
    // two-digit year is 19xx from 70 on, 20xx below).
    if let Some(found) = parse_dashed(s) {
        return Some(found);
    }
    // Word forms: tokens separated by spaces and commas.
    let mut toks: Vec<(usize, &str)> = Vec::with_capacity(5);
    let mut pos = 0;
    for part in s.split([' ', ',']) {
        if !part.is_empty() {
            toks.push((pos, part));
            if toks.len() == 7 {
                break;
            }
        }
        pos += part.len() + 1;
    }
    let mut k = 0;
    if toks.first().is_some_and(|(_, w)| is_weekday(w)) {
        k = 1;
    }
    let day = |w: &str| -> Option<u8> {
        let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if w.is_empty() || w.len() > 2 {
            return None;
        }
        w.parse().ok()
    };
    let year = |w: &str| -> Option<i32> {
        let w = w.trim_end_matches('.');
        if w.len() == 4 && w.bytes().all(|c| c.is_ascii_digit()) {
            w.parse().ok()
        } else {
            None
        }
    };
    let (m, d, y, last) = if let Some(m) = toks.get(k).and_then(|(_, w)| month_number(w)) {
        // August 13, 2025
        let d = day(toks.get(k + 1)?.1)?;
        let y = year(toks.get(k + 2)?.1)?;
        (m, d, y, k + 2)
    } else {
        // 13 August 2025, 13 de agosto de 2025, 13 de agosto del 2025
        let d = day(toks.get(k)?.1)?;
        let mut at = k + 1;
        let connector = |w: &str| matches!(w, "de" | "del");
        if toks.get(at).is_some_and(|(_, w)| connector(w)) {
            at += 1;
        }
        let m = month_number(toks.get(at)?.1)?;
        at += 1;
        if toks.get(at).is_some_and(|(_, w)| connector(w)) {
            at += 1;
        }
        let y = year(toks.get(at)?.1)?;
        (m, d, y, at)
    };
    let date = Date::new(y, m, d)?;
    let (p, w) = toks[last];
    let w_len = w.len() - (w.len() - w.trim_end_matches('.').len());
    Some((date, p + w_len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, dd: u8) -> Option<Date> {
        Date::new(y, m, dd)
    }

    #[test]
    fn published_fields_read_machine_forms_too() {
        // Everything parse_date and a date line read.
        assert_eq!(parse_published("2016-07-26T12:00:00Z"), d(2016, 7, 26));
        assert_eq!(
            parse_published("Tue, 26 Jul 2016 12:00:00 GMT"),
            d(2016, 7, 26)
        );
        // Unix time: 2016-07-26 12:00:00 UTC, in seconds and milliseconds.
        assert_eq!(parse_published("1469534400"), d(2016, 7, 26));
        assert_eq!(parse_published(" 1469534400000 "), d(2016, 7, 26));
        assert_eq!(parse_published("1469534400.25"), d(2016, 7, 26));
        // The last second of a day stays on that day.
        assert_eq!(parse_published("1469577599"), d(2016, 7, 26));
        assert_eq!(parse_published("1469577600"), d(2016, 7, 27));
        // Compact ISO and numeric day-month orders, with or without a time.
        assert_eq!(parse_published("20160726"), d(2016, 7, 26));
        assert_eq!(parse_published("26.07.2016"), d(2016, 7, 26));
        assert_eq!(parse_published("6.7.2016 14:30"), d(2016, 7, 6));
        assert_eq!(parse_published("07/26/2016"), d(2016, 7, 26));
        assert_eq!(parse_published("7/6/2016"), d(2016, 7, 6));
        assert_eq!(parse_published("26/07/2016 08:00"), d(2016, 7, 26));
    }

    #[test]
    fn published_fields_refuse_numbers_that_are_not_dates() {
        for s in [
            "",
            "12345",
            "123456789012345",
            // Unix seconds before 1990 and from 2100 on.
            "600000000",
            "4102444800",
            "1469534400.x",
            "20161332",
            "26.13.2016",
            "13/13/2016",
            "07/26/16",
            "1/2/3/2016",
            "26.07.2016 later",
            "2016",
        ] {
            assert_eq!(parse_published(s), None, "{s:?}");
        }
    }

    #[test]
    fn parses_day_month_year_in_other_languages() {
        for (s, want) in [
            ("1 de marzo de 2008", d(2008, 3, 1)),
            ("27 de marzo del 2008", d(2008, 3, 27)),
            ("24 maggio 2008", d(2008, 5, 24)),
            ("24 maart 2008", d(2008, 3, 24)),
            ("3 f\u{e9}vrier 2009", d(2009, 2, 3)),
            ("5. M\u{e4}rz 2010", None),
            ("5 M\u{e4}rz 2010", d(2010, 3, 5)),
            ("01-Mar-08", d(2008, 3, 1)),
            ("24-Nov-04", d(2004, 11, 24)),
            ("13-Jun-1975", d(1975, 6, 13)),
            ("02-Jul-99", d(1999, 7, 2)),
        ] {
            assert_eq!(parse_date(s), want, "{s}");
        }
        assert_unparsed(&[
            "1 de marzo",
            "01-Mar",
            "01-Xyz-08",
            "1 de de 2008",
            "32-Mar-08",
        ]);
    }

    fn assert_unparsed(inputs: &[&str]) {
        for s in inputs {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }

    #[test]
    fn parses_forms() {
        for s in [
            "2025-08-13",
            "2025-08-13T10:00:00Z",
            "August 13, 2025",
            "Aug. 13, 2025",
            "13 August 2025",
            "Wednesday, August 13, 2025",
            "2025/08/13",
            "Sept. 13, 2025",
        ] {
            let want = if s.starts_with("Sept") {
                d(2025, 9, 13)
            } else {
                d(2025, 8, 13)
            };
            assert_eq!(parse_date(s), want, "{s}");
        }
        assert_unparsed(&[
            "",
            "August",
            "2025-13-01",
            "February 30, 2025",
            "Mayday 3, 2025",
            "13 August 2025 was hot",
            "2025-08-1",
        ]);
    }

    #[test]
    fn date_lines() {
        assert_eq!(find_date_line("August 13, 2025"), d(2025, 8, 13));
        assert_eq!(
            find_date_line("Published: 13 August 2025 10:15 GMT"),
            d(2025, 8, 13)
        );
        assert_eq!(
            find_date_line("Updated Aug. 13, 2025 at 3:15 pm"),
            d(2025, 8, 13)
        );
        assert_eq!(find_date_line("On August 13, 2025 the talks began."), None);
        assert_eq!(find_date_line("August 13, 2025, the talks began."), None);
    }

    #[test]
    fn weekday_arithmetic() {
        let wed = Date::new(2025, 8, 13).expect("valid date");
        assert_eq!(wed.weekday(), 2);
        assert_eq!(
            wed.add_days(-1),
            Date::new(2025, 8, 12).expect("valid date")
        );
    }
}
