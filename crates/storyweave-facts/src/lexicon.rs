//! The recognisers' decisions about words. The word lists themselves —
//! months, weekdays, relative days, function words, number words, speech
//! and cue verbs, units and currencies — come from the one lexicon of the
//! pipeline, [`storyweave_text::lexicon`]; what stays here is what only
//! the facts stage decides (how strong a cue is, which words make a name
//! an organisation or a number a designation). Every function takes an
//! already lowercased ASCII word (see [`crate::lex::lower`]).

use storyweave_text::lexicon as shared;
use storyweave_text::lexicon::ReportKind;

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
/// (`said Rasmussen`). The verbs are the lexicon's reporting verbs; the
/// strength is this stage's reading of their kind.
pub(crate) fn cue(w: &str) -> Option<(Strength, bool)> {
    let verb = shared::reporting_verb(w)?;
    let strength = match verb.kind {
        ReportKind::Speech | ReportKind::Participle | ReportKind::Statement => Strength::Strong,
        ReportKind::Stance => Strength::Weak,
        ReportKind::Finding => Strength::Finding,
    };
    Some((strength, verb.speaker_may_follow))
}

/// Words that end a noun phrase when walking from a cue verb or a number:
/// the lexicon's phrase breaks, and words of time, which this stage alone
/// reads as ends (`a.m.`, `overnight`, `already`, `later`, `previously`).
pub(crate) fn is_stop(w: &str) -> bool {
    shared::is_phrase_break(w)
        || matches!(w, "a.m." | "overnight" | "already" | "later" | "previously")
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
            // Modal and negated auxiliaries: `he didn't say`, `she would
            // not say`; the subject before them is still the speaker.
            | "did"
            | "didn't"
            | "does"
            | "doesn't"
            | "do"
            | "don't"
            | "would"
            | "wouldn't"
            | "could"
            | "couldn't"
            | "will"
            | "won't"
            | "can"
            | "can't"
            | "cannot"
            | "not"
            | "never"
            | "may"
            | "might"
            | "must"
            | "should"
    )
}

/// Subject pronouns that refer back to the last named speaker.
pub(crate) fn is_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she")
}

/// Nouns of a document that speaks for its issuer: `the statement said`,
/// `the press release stated` are the words of whoever issued it.
pub(crate) fn is_document_noun(w: &str) -> bool {
    matches!(
        w,
        "statement"
            | "release"
            | "communique"
            | "communiqué"
            | "announcement"
            | "notice"
            | "email"
            | "e-mail"
            | "memo"
            | "letter"
    )
}

/// Nouns naming one person by what they are (`the actress`, `the
/// neighbor`, `the Taradise star`): as a speaker they mean the person the
/// text is about, never an institution (`police`, `officials` are not here).
pub(crate) fn is_person_noun(w: &str) -> bool {
    is_role(w)
        || matches!(
            w,
            "star"
                | "actress"
                | "actor"
                | "singer"
                | "rapper"
                | "neighbor"
                | "neighbour"
                | "witness"
                | "resident"
                | "mother"
                | "father"
                | "mom"
                | "dad"
                | "mum"
                | "stepfather"
                | "stepmother"
                | "girlfriend"
                | "boyfriend"
                | "fiance"
                | "fiancee"
                | "cousin"
                | "nephew"
                | "niece"
                | "grandma"
                | "grandpa"
                | "wife"
                | "husband"
                | "son"
                | "daughter"
                | "brother"
                | "sister"
                | "grandmother"
                | "grandfather"
                | "uncle"
                | "aunt"
                | "friend"
                | "victim"
                | "suspect"
                | "driver"
                | "owner"
                | "teacher"
                | "coach"
                | "publicist"
                | "pastor"
                | "priest"
                | "veteran"
                | "woman"
                | "man"
                | "source"
                | "insider"
                | "boy"
                | "girl"
                | "teen"
                | "teenager"
                | "child"
                | "baby"
                | "toddler"
        )
}

/// Which organisation a definite noun naming one (`the company`, `the
/// department`) can mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Institution {
    /// Any organisation named before: `the company`, `the firm`.
    Any,
    /// One whose name holds the noun: `the department` is the `Sacramento
    /// County Sheriff's Department`, not the `CDC`.
    Named,
}

/// The kind of organisation a noun names, when it names one.
pub(crate) fn institution_noun(w: &str) -> Option<Institution> {
    match w {
        "company" | "firm" | "corporation" | "business" | "retailer" | "automaker" | "carmaker"
        | "airline" | "manufacturer" | "chain" | "studio" | "network" | "broadcaster"
        | "publisher" | "organisation" | "organization" | "charity" => Some(Institution::Any),
        "department" | "office" | "agency" | "ministry" | "district" | "university"
        | "hospital" | "team" | "club" | "church" | "council" | "board" | "commission"
        | "school" | "court" | "bureau" | "service" | "union" | "party" | "government" => {
            Some(Institution::Named)
        }
        _ => None,
    }
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
            | "assistant"
            | "asst"
            | "asst."
            | "undersecretary"
            | "acting"
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

/// Subordinators and prepositions that open a fronted adverbial before a
/// sentence's subject (`While ..., Jobs said`, `After the hearing, ...`).
pub(crate) fn is_fronting_word(w: &str) -> bool {
    matches!(
        w,
        "while"
            | "after"
            | "before"
            | "when"
            | "since"
            | "although"
            | "though"
            | "despite"
            | "during"
            | "following"
            | "in"
            | "at"
            | "on"
            | "speaking"
            | "asked"
            | "upon"
            | "once"
            | "unlike"
            | "like"
            | "with"
            | "as"
            | "if"
            | "because"
    )
}

/// Legal-form words that end a company's name (`Chrysler LLC`, `Apple
/// Inc.`): a capitalised name after one is someone else (`Chrysler LLC Jim
/// Press`).
pub(crate) fn is_company_suffix(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "llc" | "inc" | "corp" | "ltd" | "plc" | "gmbh" | "ag" | "nv" | "bv" | "llp"
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
            | "corps"
            | "store"
            | "stores"
            | "records"
            | "studios"
            | "pictures"
            | "electronics"
            | "systems"
            | "technologies"
            | "laboratories"
            | "labs"
            | "associates"
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

/// Common words that may start a sentence with a capital letter (among
/// them the number words `one` to `five`).
pub(crate) fn is_common_starter(w: &str) -> bool {
    is_stop(w)
        || shared::cardinal(w).is_some_and(|v| (1..=5).contains(&v))
        || matches!(
            w,
            "during"
                | "should"
                | "many"
                | "some"
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

/// Month number of an English month name or its abbreviation (`aug`, `sept`).
pub(crate) fn month(w: &str) -> Option<u8> {
    shared::english_month(w)
}

/// Whether a month word is written in full (abbreviations need a dot or a day).
pub(crate) fn is_full_month(w: &str) -> bool {
    shared::english_month_name(w).is_some()
}

/// Weekday number, 0 = Monday .. 6 = Sunday.
pub(crate) fn weekday(w: &str) -> Option<u8> {
    shared::weekday_number(w)
}

/// Days from the publication day of a relative day word (`yesterday` → -1,
/// `tonight` → 0).
pub(crate) fn relative_day(w: &str) -> Option<i64> {
    shared::relative_day(w)
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

/// Value of a number word (`one`..`ninety`; `zero` is not read as a count).
pub(crate) fn number_word(w: &str) -> Option<f64> {
    shared::cardinal(w).filter(|&v| v > 0).map(f64::from)
}

/// Multiplier of a scale word (`million`, `bln`).
pub(crate) fn scale_word(w: &str) -> Option<f64> {
    shared::scale(w).map(|v| v as f64)
}

/// Multiplier of a scale abbreviation glued to digits (`10m`, `5bn`, `3k`).
pub(crate) fn glued_scale(w: &str) -> Option<f64> {
    shared::glued_scale(w).map(|v| v as f64)
}

/// Currency of a word written after an amount (`kroner`, `stg`).
pub(crate) fn currency_word(w: &str) -> Option<&'static str> {
    shared::currency(w)
}

/// Currency of a symbol written before an amount.
pub(crate) fn currency_symbol(s: &str) -> Option<&'static str> {
    shared::currency_symbol(s)
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
    shared::unit(w).map(|u| (u.name, u.factor))
}

/// The canonical unit of a unit per hour (`km` → `kilometres per hour`).
pub(crate) fn per_hour(unit: &str) -> Option<&'static str> {
    shared::per_hour(unit)
}

/// The denominator of a fraction word (`third` → 3, `quarters` → 4).
pub(crate) fn fraction_word(w: &str) -> Option<f64> {
    shared::fraction_denominator(w).map(f64::from)
}

/// Words that count in twelves or pairs after a number or `a` (`five dozen`,
/// `a pair of`).
pub(crate) fn group_word(w: &str) -> Option<f64> {
    shared::group_size(w).map(f64::from)
}

/// Nouns that make the number before them a designation, not a quantity:
/// a street number (`5400 block`), a calibre (`40 caliber`), an exit.
pub(crate) fn is_designation_noun(w: &str) -> bool {
    matches!(
        w,
        "block"
            | "caliber"
            | "calibre"
            | "gauge"
            | "exit"
            | "mile-marker"
            | "area-code"
            // A version: `the 3.0 software`, `the 2.0 update`.
            | "software"
            | "update"
            | "firmware"
    )
}

/// Firearm nouns: a calibre in millimetres before one (`a 9mm handgun`)
/// names the weapon's kind, not a length.
pub(crate) fn is_firearm_noun(w: &str) -> bool {
    matches!(
        w,
        "handgun"
            | "handguns"
            | "pistol"
            | "pistols"
            | "gun"
            | "guns"
            | "rifle"
            | "rifles"
            | "revolver"
            | "round"
            | "rounds"
            | "ammunition"
            | "bullet"
            | "bullets"
            | "shell"
            | "shells"
            | "semi-automatic"
            | "semiautomatic"
            | "luger"
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
            | "else"
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
            | "size"
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
