//! Small closed word lists the recognisers use. Every function takes an
//! already lowercased ASCII word (see [`crate::lex::lower`]).

/// How strongly a verb attributes speech or a claim to its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Strength {
    /// `confirmed`, `pledged`, `called`: used only when nothing stronger is there.
    Weak,
    /// `identified`, `found`, `showed`: a source stating a finding, not
    /// speech; attributes figures, and quotes only when nothing stronger is there.
    Finding,
    /// `said`, `told`, `added`, `according to`.
    Strong,
}

/// A cue verb: its strength and whether the speaker may follow it
/// (`said Rasmussen`).
pub(crate) fn cue(w: &str) -> Option<(Strength, bool)> {
    use Strength::{Finding, Strong, Weak};
    Some(match w {
        "said" | "says" | "say" | "added" | "adds" | "wrote" | "writes" | "asked" | "replied"
        | "continued" | "explained" | "recalled" | "remarked" | "noted" | "warned"
        | "cautioned" | "insisted" | "argued" | "stated" | "declared" | "stressed"
        | "emphasised" | "emphasized" | "admitted" | "acknowledged" | "claimed" | "testified"
        | "tweeted" | "shouted" | "yelled" | "screamed" | "commented" | "responded"
        | "answered" | "conceded" | "complained" | "observed" | "recounted" | "posted" => {
            (Strong, true)
        }
        "told" | "tells" | "adding" | "saying" | "announced" | "reported" | "estimated"
        | "urged" | "predicted" | "according" => (Strong, false),
        "confirmed" | "pledged" | "called" | "described" | "vowed" | "promised" | "suggested"
        | "believes" | "believe" | "thinks" => (Weak, false),
        "identified" | "found" | "showed" | "shows" | "determined" | "ruled" | "listed" => {
            (Finding, false)
        }
        _ => return None,
    })
}

/// Words that end a noun phrase when walking from a cue verb or a number.
pub(crate) fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "its"
            | "his"
            | "her"
            | "their"
            | "our"
            | "my"
            | "your"
            | "of"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "with"
            | "from"
            | "to"
            | "into"
            | "over"
            | "after"
            | "before"
            | "during"
            | "about"
            | "than"
            | "as"
            | "and"
            | "or"
            | "but"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "while"
            | "because"
            | "if"
            | "when"
            | "where"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "can"
            | "must"
            | "not"
            | "do"
            | "does"
            | "did"
            | "also"
            | "then"
            | "later"
            | "now"
            | "previously"
            | "it"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
            | "him"
            | "them"
            | "us"
            | "there"
            | "here"
            | "so"
            | "per"
            | "each"
            | "around"
            | "across"
            | "along"
            | "under"
            | "between"
            | "through"
            | "since"
            | "until"
            | "against"
            | "among"
            | "without"
            | "within"
            | "up"
            | "down"
            | "out"
            | "off"
            | "still"
            | "just"
            | "only"
            | "already"
            | "once"
            | "yet"
            | "said"
            | "says"
            | "told"
            | "more"
            | "most"
            | "less"
            | "a.m."
            | "overnight"
            | "ago"
            | "each other"
            | "all"
            | "both"
            | "no"
            | "nor"
            | "every"
    )
}

/// Auxiliaries and adverbs allowed between a subject and its cue verb.
pub(crate) fn is_aux(w: &str) -> bool {
    matches!(
        w,
        "has"
            | "have"
            | "had"
            | "also"
            | "later"
            | "previously"
            | "then"
            | "earlier"
            | "further"
            | "separately"
            | "again"
            | "once"
            | "already"
            | "reportedly"
            | "officially"
            | "publicly"
    )
}

/// Subject pronouns that refer back to the last named speaker.
pub(crate) fn is_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she")
}

/// Role and honorific words: `President X`, `leader X`, `Mr X`.
pub(crate) fn is_role(w: &str) -> bool {
    matches!(
        w,
        "president"
            | "leader"
            | "minister"
            | "mr"
            | "mr."
            | "mrs"
            | "mrs."
            | "ms"
            | "ms."
            | "dr"
            | "dr."
            | "prof"
            | "prof."
            | "professor"
            | "spokeswoman"
            | "spokesman"
            | "spokesperson"
            | "chief"
            | "executive"
            | "ceo"
            | "cfo"
            | "chairman"
            | "chairwoman"
            | "chair"
            | "mayor"
            | "analyst"
            | "librarian"
            | "councillor"
            | "councilor"
            | "skipper"
            | "captain"
            | "director"
            | "governor"
            | "senator"
            | "secretary"
            | "king"
            | "queen"
            | "prince"
            | "princess"
            | "pope"
            | "general"
            | "gen."
            | "commander"
            | "ambassador"
            | "premier"
            | "chancellor"
            | "deputy"
            | "foreign"
            | "defence"
            | "defense"
            | "finance"
            | "prime"
            | "vice"
            | "sen."
            | "rep."
            | "judge"
            | "officer"
            | "researcher"
            | "scientist"
            | "biologist"
            | "economist"
            | "lawyer"
            | "founder"
            | "coach"
            | "manager"
            | "teacher"
            | "author"
            | "reporter"
            | "editor"
            | "inspector"
            | "sergeant"
            | "colonel"
            | "lieutenant"
            | "admiral"
            | "sheriff"
            | "bishop"
            | "rev."
            | "father"
            | "sir"
            | "lord"
            | "lady"
            | "dame"
            | "head"
            | "rev"
            | "rep"
            | "sen"
            | "gov"
            | "sgt"
            | "lt"
            | "det"
            | "capt"
            | "col"
            | "gen"
            | "cpl"
            | "supt"
            | "insp"
            | "msgr"
            | "justice"
            | "clerk"
            | "attorney"
            | "prosecutor"
            | "coroner"
            | "detective"
            | "trooper"
            | "pastor"
            | "reverend"
            | "neighbor"
            | "neighbour"
            | "resident"
            | "witness"
            | "owner"
            | "spokesperson's"
            | "official"
            | "representative"
            | "congressman"
            | "congresswoman"
            | "assemblyman"
            | "councilman"
            | "councilwoman"
            | "superintendent"
            | "principal"
            | "coach's"
    )
}

/// Words that may open a sentence before its subject (`But`, `However`).
pub(crate) fn is_connective(w: &str) -> bool {
    matches!(
        w,
        "but"
            | "however"
            | "and"
            | "meanwhile"
            | "still"
            | "yet"
            | "so"
            | "then"
            | "later"
            | "now"
            | "earlier"
            | "separately"
            | "instead"
            | "also"
    )
}

/// Words that make a capitalised name an organisation.
pub(crate) fn is_org_word(w: &str) -> bool {
    matches!(
        w,
        "agency"
            | "ministry"
            | "police"
            | "corp"
            | "corp."
            | "corporation"
            | "inc"
            | "inc."
            | "ltd"
            | "ltd."
            | "llc"
            | "plc"
            | "co."
            | "university"
            | "college"
            | "school"
            | "council"
            | "institute"
            | "army"
            | "navy"
            | "bank"
            | "capital"
            | "securities"
            | "exchange"
            | "resources"
            | "minerals"
            | "authority"
            | "administration"
            | "service"
            | "services"
            | "department"
            | "party"
            | "court"
            | "commission"
            | "committee"
            | "company"
            | "group"
            | "association"
            | "times"
            | "news"
            | "journal"
            | "press"
            | "hospital"
            | "library"
            | "kremlin"
            | "brigade"
            | "parliament"
            | "congress"
            | "senate"
            | "government"
            | "union"
            | "foundation"
            | "fund"
            | "office"
            | "board"
            | "force"
            | "forces"
            | "guard"
            | "airlines"
            | "airways"
            | "holdings"
            | "partners"
            | "industries"
            | "energy"
            | "motors"
            | "media"
            | "network"
            | "society"
            | "federation"
            | "organisation"
            | "organization"
            | "museum"
            | "club"
            | "church"
            | "centre"
            | "center"
            | "feed"
            | "fiskeri"
            | "telegraph"
            | "herald"
            | "post"
            | "tribune"
            | "gazette"
            | "ledger"
            | "observer"
            | "courier"
            | "review"
            | "echo"
            | "reuters"
            | "afp"
            | "nato"
    )
}

/// Words that make a capitalised name a place (`Challenger Plateau`).
pub(crate) fn is_place_word(w: &str) -> bool {
    matches!(
        w,
        "island"
            | "islands"
            | "plateau"
            | "sea"
            | "ocean"
            | "river"
            | "lake"
            | "bay"
            | "coast"
            | "gulf"
            | "strait"
            | "valley"
            | "mountain"
            | "mountains"
            | "peninsula"
            | "province"
            | "county"
            | "street"
            | "square"
            | "avenue"
            | "road"
            | "city"
            | "republic"
            | "kingdom"
            | "state"
            | "states"
            | "harbour"
            | "harbor"
            | "fjord"
            | "desert"
            | "canal"
            | "channel"
            | "hills"
            | "forest"
            | "park"
    )
}

/// Lowercase words after a name that mark it as a place (`Kursk region`).
pub(crate) fn is_place_follower(w: &str) -> bool {
    matches!(
        w,
        "region"
            | "border"
            | "province"
            | "district"
            | "oblast"
            | "area"
            | "city"
            | "town"
            | "village"
            | "port"
            | "harbour"
            | "harbor"
            | "capital"
            | "county"
            | "coast"
    )
}

/// Prepositions before a name that hint at a place (`in Seoul`, `from Bergen`).
pub(crate) fn is_place_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "from" | "near" | "across" | "outside" | "throughout"
    )
}

/// Nationality adjectives and compass words: on their own they are not entities.
pub(crate) fn is_demonym_or_direction(w: &str) -> bool {
    matches!(
        w,
        "north"
            | "south"
            | "east"
            | "west"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
            | "korean"
            | "russian"
            | "ukrainian"
            | "american"
            | "chinese"
            | "japanese"
            | "british"
            | "french"
            | "german"
            | "italian"
            | "spanish"
            | "norwegian"
            | "swedish"
            | "danish"
            | "finnish"
            | "canadian"
            | "chilean"
            | "australian"
            | "european"
            | "african"
            | "asian"
            | "indian"
            | "israeli"
            | "palestinian"
            | "iranian"
            | "iraqi"
            | "syrian"
            | "turkish"
            | "polish"
            | "dutch"
            | "belgian"
            | "swiss"
            | "austrian"
            | "irish"
            | "scottish"
            | "welsh"
            | "english"
            | "mexican"
            | "brazilian"
            | "argentine"
            | "egyptian"
            | "saudi"
            | "arab"
            | "pakistani"
            | "afghan"
            | "vietnamese"
            | "thai"
            | "indonesian"
            | "filipino"
            | "greek"
            | "portuguese"
            | "hungarian"
            | "czech"
            | "romanian"
            | "soviet"
            | "foreign"
            | "new"
    )
}

/// A small built-in list of countries, regions and world cities (by name key).
pub(crate) fn is_known_place(key: &str) -> bool {
    matches!(
        key,
        "russia"
            | "ukraine"
            | "northkorea"
            | "southkorea"
            | "korea"
            | "china"
            | "japan"
            | "unitedstates"
            | "us"
            | "usa"
            | "america"
            | "canada"
            | "mexico"
            | "brazil"
            | "argentina"
            | "chile"
            | "peru"
            | "colombia"
            | "unitedkingdom"
            | "uk"
            | "britain"
            | "greatbritain"
            | "england"
            | "scotland"
            | "wales"
            | "ireland"
            | "northernireland"
            | "france"
            | "germany"
            | "italy"
            | "spain"
            | "portugal"
            | "netherlands"
            | "belgium"
            | "switzerland"
            | "austria"
            | "poland"
            | "sweden"
            | "norway"
            | "denmark"
            | "finland"
            | "iceland"
            | "greece"
            | "turkey"
            | "israel"
            | "iran"
            | "iraq"
            | "syria"
            | "egypt"
            | "saudiarabia"
            | "india"
            | "pakistan"
            | "afghanistan"
            | "indonesia"
            | "australia"
            | "newzealand"
            | "southafrica"
            | "nigeria"
            | "kenya"
            | "europe"
            | "asia"
            | "africa"
            | "kursk"
            | "crimea"
            | "alaska"
            | "california"
            | "texas"
            | "florida"
            | "newyork"
            | "washington"
            | "moscow"
            | "kyiv"
            | "kiev"
            | "pyongyang"
            | "seoul"
            | "beijing"
            | "tokyo"
            | "london"
            | "paris"
            | "berlin"
            | "rome"
            | "madrid"
            | "brussels"
            | "oslo"
            | "stockholm"
            | "copenhagen"
            | "helsinki"
            | "warsaw"
            | "vienna"
            | "ankara"
            | "tehran"
            | "baghdad"
            | "damascus"
            | "cairo"
            | "jerusalem"
            | "delhi"
            | "newdelhi"
            | "islamabad"
            | "canberra"
            | "wellington"
            | "ottawa"
            | "toronto"
            | "sydney"
            | "bergen"
            | "geneva"
            | "dubai"
            | "singapore"
            | "hongkong"
            | "taiwan"
    )
}

/// Canonical key of a known alias (`us`, `usa` -> `unitedstates`).
pub(crate) fn alias_key(key: &str) -> &str {
    match key {
        "us" | "usa" | "unitedstates" | "unitedstatesofamerica" => "unitedstates",
        "uk" | "unitedkingdom" | "britain" | "greatbritain" => "unitedkingdom",
        "kiev" => "kyiv",
        _ => key,
    }
}

/// Common words that may start a sentence with a capital letter.
pub(crate) fn is_common_starter(w: &str) -> bool {
    is_stop(w)
        || matches!(
            w,
            "during"
                | "should"
                | "many"
                | "some"
                | "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "several"
                | "few"
                | "however"
                | "meanwhile"
                | "despite"
                | "although"
                | "though"
                | "like"
                | "unlike"
                | "what"
                | "why"
                | "how"
                | "nobody"
                | "none"
                | "everyone"
                | "according"
                | "last"
                | "earlier"
                | "asked"
                | "even"
                | "instead"
                | "other"
                | "another"
                | "such"
                | "further"
                | "shortly"
                | "nearly"
                | "almost"
                | "about"
                | "roughly"
                | "mayor"
                | "police"
                | "chief"
                | "deputy"
                | "officials"
                | "analysts"
                | "under"
                | "with"
                | "without"
        )
}

/// Month number of a month name or its abbreviation (`aug`, `sept`).
pub(crate) fn month(w: &str) -> Option<u8> {
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// Whether a month word is written in full (abbreviations need a dot or a day).
pub(crate) fn is_full_month(w: &str) -> bool {
    w.len() > 4 || matches!(w, "may" | "june" | "july")
}

/// Weekday number, 0 = Monday .. 6 = Sunday.
pub(crate) fn weekday(w: &str) -> Option<u8> {
    Some(match w {
        "monday" => 0,
        "tuesday" => 1,
        "wednesday" => 2,
        "thursday" => 3,
        "friday" => 4,
        "saturday" => 5,
        "sunday" => 6,
        _ => return None,
    })
}

/// Words that put a weekday in the future (`is expected to ... on Friday`).
pub(crate) fn is_future_marker(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "expected"
            | "expects"
            | "plans"
            | "scheduled"
            | "due"
            | "upcoming"
            | "next"
            | "shall"
            | "going"
    )
}

/// Value of a number word (`two`..`ninety`).
pub(crate) fn number_word(w: &str) -> Option<f64> {
    Some(match w {
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

/// Multiplier of a scale word (`million`, `bln`).
pub(crate) fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mln" | "mn" => 1e6,
        "billion" | "bln" | "bn" => 1e9,
        "trillion" | "trn" | "tln" => 1e12,
        _ => return None,
    })
}

/// Currency of a word written after an amount (`kroner`, `stg`).
pub(crate) fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "dollars" | "dollar" | "usd" => "dollars",
        "euros" | "euro" | "eur" => "euros",
        "pounds" | "pound" | "stg" | "sterling" | "gbp" => "pounds",
        "pence" | "p" => "pence",
        "kroner" | "krone" | "kronor" | "krona" | "nok" | "sek" | "dkk" => "kroner",
        "yen" | "jpy" => "yen",
        "yuan" | "renminbi" | "cny" => "yuan",
        "rubles" | "roubles" | "ruble" | "rouble" => "rubles",
        "francs" | "franc" | "chf" => "francs",
        "won" => "won",
        "rupees" | "rupee" => "rupees",
        "cents" | "cent" => "cents",
        _ => return None,
    })
}

/// Currency of a symbol written before an amount.
pub(crate) fn currency_symbol(s: &str) -> Option<&'static str> {
    Some(match s {
        "$" => "dollars",
        "\u{20ac}" => "euros",
        "\u{a3}" => "pounds",
        "\u{a5}" => "yen",
        _ => return None,
    })
}

/// Qualifiers before a number, longest first.
pub(crate) const QUALIFIERS: &[&[&str]] = &[
    &["as", "many", "as"],
    &["as", "much", "as"],
    &["as", "few", "as"],
    &["an", "estimated"],
    &["more", "than"],
    &["less", "than"],
    &["fewer", "than"],
    &["up", "to"],
    &["at", "least"],
    &["at", "most"],
    &["well", "over"],
    &["just", "over"],
    &["just", "under"],
    &["close", "to"],
    &["well", "above"],
    &["nearly"],
    &["almost"],
    &["around"],
    &["about"],
    &["some"],
    &["over"],
    &["roughly"],
    &["approximately"],
    &["approx"],
    &["under"],
    &["below"],
    &["above"],
    &["exactly"],
    &["only"],
    &["estimated"],
];

/// Plural nouns without an `-s` after which a counted noun phrase ends.
pub(crate) fn is_irregular_plural(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "men"
            | "women"
            | "children"
            | "police"
            | "staff"
            | "crew"
            | "cattle"
            | "sheep"
            | "personnel"
    )
}

/// A unit of measure written after a number (`km`, `miles`, `years`,
/// `decades`): its canonical name and the factor that turns the number into
/// that unit (`two decades` is 20 `years`; `60 km` is 60 `kilometres`).
pub(crate) fn unit_word(w: &str) -> Option<(&'static str, f64)> {
    Some(match w {
        "second" | "seconds" | "sec" | "secs" => ("seconds", 1.0),
        "minute" | "minutes" | "min" | "mins" => ("minutes", 1.0),
        "hour" | "hours" | "hr" | "hrs" => ("hours", 1.0),
        "day" | "days" => ("days", 1.0),
        "week" | "weeks" => ("weeks", 1.0),
        "month" | "months" => ("months", 1.0),
        "year" | "years" | "yr" | "yrs" => ("years", 1.0),
        "decade" | "decades" => ("years", 10.0),
        "century" | "centuries" => ("years", 100.0),
        "millimetre" | "millimetres" | "millimeter" | "millimeters" | "mm" => ("millimetres", 1.0),
        "centimetre" | "centimetres" | "centimeter" | "centimeters" | "cm" => ("centimetres", 1.0),
        "metre" | "metres" | "meter" | "meters" | "m" => ("metres", 1.0),
        "kilometre" | "kilometres" | "kilometer" | "kilometers" | "km" | "kms" => {
            ("kilometres", 1.0)
        }
        "inch" | "inches" | "in" => ("inches", 1.0),
        "foot" | "feet" | "ft" => ("feet", 1.0),
        "yard" | "yards" | "yd" | "yds" => ("yards", 1.0),
        "mile" | "miles" | "mi" => ("miles", 1.0),
        "mph" => ("miles per hour", 1.0),
        "kph" | "kmh" => ("kilometres per hour", 1.0),
        "knot" | "knots" => ("knots", 1.0),
        "gram" | "grams" | "g" => ("grams", 1.0),
        "kilogram" | "kilograms" | "kilo" | "kilos" | "kg" | "kgs" => ("kilograms", 1.0),
        "tonne" | "tonnes" | "ton" | "tons" => ("tonnes", 1.0),
        "lb" | "lbs" => ("pounds", 1.0),
        "litre" | "litres" | "liter" | "liters" => ("litres", 1.0),
        "gallon" | "gallons" => ("gallons", 1.0),
        "acre" | "acres" => ("acres", 1.0),
        "hectare" | "hectares" => ("hectares", 1.0),
        "degree" | "degrees" => ("degrees", 1.0),
        "magnitude" => ("magnitude", 1.0),
        "ghz" => ("gigahertz", 1.0),
        "gb" | "gigabyte" | "gigabytes" => ("gigabytes", 1.0),
        "tb" | "terabyte" | "terabytes" => ("terabytes", 1.0),
        _ => return None,
    })
}

/// The canonical unit of a unit per hour (`km` → `kilometres per hour`).
pub(crate) fn per_hour(unit: &str) -> Option<&'static str> {
    Some(match unit {
        "kilometres" => "kilometres per hour",
        "miles" => "miles per hour",
        _ => return None,
    })
}

/// The denominator of a fraction word (`third` → 3, `quarters` → 4).
pub(crate) fn fraction_word(w: &str) -> Option<f64> {
    Some(match w {
        "half" | "halves" => 2.0,
        "third" | "thirds" => 3.0,
        "quarter" | "quarters" | "fourth" | "fourths" => 4.0,
        "fifth" | "fifths" => 5.0,
        "tenth" | "tenths" => 10.0,
        _ => return None,
    })
}

/// Words that count in twelves or pairs after a number or `a` (`five dozen`,
/// `a pair of`).
pub(crate) fn group_word(w: &str) -> Option<f64> {
    Some(match w {
        "dozen" => 12.0,
        "pair" => 2.0,
        "score" => 20.0,
        _ => return None,
    })
}

/// Nouns that make the number before them a designation, not a quantity:
/// a street number (`5400 block`), a calibre (`40 caliber`), an exit.
pub(crate) fn is_designation_noun(w: &str) -> bool {
    matches!(
        w,
        "block" | "caliber" | "calibre" | "gauge" | "exit" | "mile-marker" | "area-code"
    )
}

/// Street words after a number and a name make it an address (`5126 Clinton Drive`).
pub(crate) fn is_street_word(w: &str) -> bool {
    matches!(
        w,
        "street"
            | "st"
            | "avenue"
            | "ave"
            | "road"
            | "rd"
            | "drive"
            | "dr"
            | "boulevard"
            | "blvd"
            | "lane"
            | "ln"
            | "way"
            | "court"
            | "ct"
            | "place"
            | "pl"
            | "highway"
            | "hwy"
            | "parkway"
            | "pkwy"
            | "circle"
            | "terrace"
            | "trail"
            | "pike"
    )
}

/// Emergency telephone numbers, never quantities (`a 911 call`).
pub(crate) fn is_emergency_number(w: &str) -> bool {
    matches!(w, "911" | "999" | "112" | "000")
}

/// Words after `one` that make it a pronoun or an idiom, not a count
/// (`one of`, `one another`, `one day`).
pub(crate) fn is_not_counted_after_one(w: &str) -> bool {
    matches!(
        w,
        "of" | "another"
            | "day"
            | "time"
            | "way"
            | "thing"
            | "point"
            | "side"
            | "hand"
            | "more"
            | "last"
            | "or"
            | "and"
            | "who"
            | "that"
            | "which"
            | "in"
            | "to"
            | "is"
            | "was"
            | "would"
            | "could"
            | "can"
            | "will"
    )
}

/// Words before a number that make it a designation (`version 5`, `route 66`,
/// `flight 370`), not a quantity.
pub(crate) fn is_designation_before(w: &str) -> bool {
    matches!(
        w,
        "no" | "nos"
            | "number"
            | "version"
            | "route"
            | "highway"
            | "interstate"
            | "flight"
            | "channel"
            | "room"
            | "apartment"
            | "apt"
            | "suite"
            | "exit"
            | "page"
            | "chapter"
            | "article"
            | "section"
            | "gate"
            | "platform"
            | "model"
            | "episode"
            | "district"
            | "ward"
            | "precinct"
            | "unit"
            | "code"
    )
}

/// Adjectives after a measure that say which dimension it is (`42
/// centimetres long`), not what it counts.
pub(crate) fn is_dimension_adjective(w: &str) -> bool {
    matches!(
        w,
        "long"
            | "wide"
            | "tall"
            | "high"
            | "deep"
            | "thick"
            | "old"
            | "away"
            | "apart"
            | "later"
            | "earlier"
            | "ago"
            | "late"
            | "early"
    )
}
