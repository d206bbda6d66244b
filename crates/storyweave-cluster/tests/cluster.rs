//! Integration tests of the four clustering levels: hand-built articles for
//! each level, invariants over random corpora, and (ignored by default)
//! story-clustering scores on the labelled sets in `../../../shared/eval`.

use std::collections::HashMap;

use proptest::prelude::*;
use storyweave_cluster::{Clusterer, Clustering};
use storyweave_extract::Article;
use storyweave_fingerprint::{Fingerprint, Fingerprinter};
use storyweave_text::Date;

/// An article with one sentence per `split_sentences` range of `text`.
fn article(id: &str, title: Option<&str>, published: Option<Date>, text: &str) -> Article {
    let ranges = storyweave_text::split_sentences(text);
    let texts: Vec<&str> = ranges.iter().filter_map(|r| text.get(r.clone())).collect();
    let mut a = Article {
        title: title.map(str::to_string),
        published,
        language: Some("en".to_string()),
        paragraphs: 1,
        ..Article::from_sentences(id, &texts)
    };
    // One paragraph, spans into `text` itself.
    for (s, r) in a.sentences.iter_mut().zip(ranges) {
        s.span = r;
        s.paragraph = 0;
    }
    a
}

fn day(y: i32, m: u8, d: u8) -> Option<Date> {
    Date::new(y, m, d)
}

fn fingerprints(articles: &[Article]) -> Vec<Fingerprint> {
    let f = Fingerprinter::default();
    articles.iter().map(|a| f.fingerprint(&a.text())).collect()
}

fn cluster(articles: &[Article]) -> Clustering {
    Clusterer::default().cluster(articles, &fingerprints(articles))
}

const WIRE: [&str; 12] = [
    "Floodwaters swept through the river town of Marrowfield on Tuesday, forcing more than 2,300 residents from their homes, regional officials said.",
    "The Tessel River burst its banks shortly after midnight following three days of torrential rain across the Vendrin Valley.",
    "Emergency crews rescued 148 people from rooftops and flooded cars, according to the Vendrin Civil Protection Agency.",
    "Two elderly residents were reported missing near the old mill district.",
    "\"The water rose faster than anyone expected, and we had only minutes to get people out,\" said Mayor Helena Drask.",
    "Regional governor Pavel Omsk announced an emergency fund of 12 million euros for affected families.",
    "Schools in Marrowfield and the neighbouring village of Crellin will stay closed until Friday.",
    "Meteorologists warned that more rain was expected over the weekend, raising fears of a second flood wave downstream.",
    "The last major flood in the valley, in 1984, destroyed two bridges and left 11 people dead.",
    "Volunteers from across the region have set up shelters in the sports hall and the cathedral.",
    "Power was cut to about 9,000 households, and the main road to the capital remains closed.",
    "Insurance companies said it was too early to estimate the total cost of the damage.",
];

/// The corpus of the level tests, with the index of each kind of document.
struct Corpus {
    articles: Vec<Article>,
}

const BASE: usize = 0;
const EXACT_COPY: usize = 1;
const LIGHT_EDIT: usize = 2;
const TRIMMED: usize = 3;
const EDITED_WIRE: usize = 4;
const INDEPENDENT: usize = 5;
const LOOK_ALIKE: usize = 6;
const UNRELATED: usize = 7;

fn corpus() -> Corpus {
    let wire = WIRE.join(" ");
    // Same words, other case, punctuation and spacing.
    let exact_copy = WIRE
        .join("\n\n")
        .to_uppercase()
        .replace(", ", " ; ")
        .replace('"', "");
    let light_edit = wire.replace("rescued 148 people", "rescued 148 residents");
    let trimmed = WIRE[..7].join(" ");
    let edited_wire = [
        WIRE[0],
        "Television footage showed cars floating along the main street as sirens wailed through the night.",
        WIRE[2],
        "Residents interviewed by local media complained that the warning came far too late for many.",
        "Local farmer Ivo Brandt said his entire harvest had been lost under a metre of mud and water.",
        WIRE[4],
        "Army engineers were building temporary dams of sandbags along the eastern embankment.",
        "The national weather service has issued a red alert for three other provinces in the north.",
        WIRE[5],
    ]
    .join(" ");
    let independent = [
        "Around 2,300 people were evacuated from Marrowfield after the Tessel River overflowed overnight into Tuesday.",
        "Mayor Helena Drask told local radio that rescuers had pulled 148 residents off roofs and out of stranded vehicles.",
        WIRE[4],
        "Governor Pavel Omsk pledged 12 million euros in emergency aid to help families rebuild their houses.",
        "Two pensioners remain unaccounted for in the mill district, the Vendrin Civil Protection Agency reported.",
        "Classes in Marrowfield and Crellin are cancelled until Friday while engineers inspect the buildings.",
        "Forecasters expect further heavy downpours in the Vendrin Valley this weekend, and the river is still rising.",
        "Shopkeepers on the high street spent the morning shovelling mud out of their businesses and counting their losses.",
        "Many families are sleeping in the sports hall, where volunteers hand out blankets, soup and dry clothes.",
        "Electricity has not been restored to thousands of homes on the eastern bank of the river.",
    ]
    .join(" ");
    let look_alike = [
        "Flooding hit the town of Ostrel in the Vendrin Valley on Sunday after the Lisk River overflowed, officials said.",
        "About 400 residents were evacuated and firefighters rescued 23 people trapped in their homes.",
        "Mayor Tomas Keller said the damage was mostly limited to the lower town and its market square.",
        "The regional authorities have opened an emergency shelter in a school gymnasium.",
        "Meteorologists said the rain would ease by Tuesday, and the river level was already falling.",
        "Local farmers reported flooded fields and drowned livestock on the plain south of Ostrel.",
    ]
    .join(" ");
    let unrelated = [
        "Northport United beat Castlebridge Rovers 3-1 on Saturday to move top of the league table.",
        "Striker Dani Ferreira scored twice before half-time, and captain Joel Maddix added a third from a free kick.",
        "Castlebridge pulled one back late in the game through a penalty, but could not find a way back.",
        "Coach Marta Lindqvist praised her players for their discipline and said the title race was far from over.",
        "The two sides meet again in the cup semi-final next month at the national stadium.",
    ]
    .join(" ");
    let tuesday = day(2025, 3, 11);
    let articles = vec![
        article(
            "a-base",
            Some("Floods force thousands from homes in Marrowfield"),
            tuesday,
            &wire,
        ),
        article(
            "b-copy",
            Some("Floods force thousands from homes in Marrowfield"),
            tuesday,
            &exact_copy,
        ),
        article(
            "c-edit",
            Some("Marrowfield floods: thousands evacuated"),
            tuesday,
            &light_edit,
        ),
        article(
            "d-trim",
            Some("Thousands flee Marrowfield flood"),
            day(2025, 3, 12),
            &trimmed,
        ),
        article(
            "e-wire",
            Some("Marrowfield under water as river bursts banks"),
            day(2025, 3, 12),
            &edited_wire,
        ),
        article(
            "f-indep",
            Some("Marrowfield evacuated as Tessel River floods"),
            day(2025, 3, 12),
            &independent,
        ),
        article(
            "g-look",
            Some("Floods hit Ostrel in Vendrin Valley"),
            day(2025, 4, 20),
            &look_alike,
        ),
        article(
            "h-sport",
            Some("Northport United go top"),
            day(2025, 3, 11),
            &unrelated,
        ),
    ];
    Corpus { articles }
}

#[test]
fn exact_level_groups_same_words_only() {
    let c = cluster(&corpus().articles);
    assert_eq!(c.exact[EXACT_COPY], BASE);
    for i in [
        LIGHT_EDIT,
        TRIMMED,
        EDITED_WIRE,
        INDEPENDENT,
        LOOK_ALIKE,
        UNRELATED,
    ] {
        assert_eq!(c.exact[i], i, "document {i}");
    }
}

#[test]
fn near_level_adds_lightly_edited_copies() {
    let c = cluster(&corpus().articles);
    assert_eq!(c.near[LIGHT_EDIT], BASE);
    assert!(c.near_similarity[LIGHT_EDIT] >= 0.8 && c.near_similarity[LIGHT_EDIT] < 1.0);
    // Exact copies have identical signatures.
    assert_eq!(c.near_similarity[EXACT_COPY], 1.0);
    assert_eq!(c.near_similarity[BASE], 1.0);
    // A trimmed reprint and an edited copy are too different for near-duplicates.
    for i in [TRIMMED, EDITED_WIRE, INDEPENDENT, LOOK_ALIKE, UNRELATED] {
        assert_eq!(c.near[i], i, "document {i}");
    }
}

#[test]
fn family_level_adds_trimmed_reprints_and_edited_wire_copies() {
    let c = cluster(&corpus().articles);
    assert_eq!(c.family[TRIMMED], BASE);
    assert!(
        c.family_similarity[TRIMMED] > 0.99,
        "{}",
        c.family_similarity[TRIMMED]
    );
    assert_eq!(c.family[EDITED_WIRE], BASE);
    assert!(c.family_similarity[EDITED_WIRE] > 0.2 && c.family_similarity[EDITED_WIRE] < 0.8);
    for i in [INDEPENDENT, LOOK_ALIKE, UNRELATED] {
        assert_eq!(c.family[i], i, "document {i}");
    }
}

#[test]
fn regression_one_shared_quote_does_not_make_a_family() {
    // The independent report quotes the mayor word for word (about 20
    // shared shingles): text reuse of one quote, not of the copy.
    let articles = corpus().articles;
    let f = fingerprints(&articles);
    let shared = storyweave_fingerprint::sets::intersection_size(
        &f[BASE].shingles,
        &f[INDEPENDENT].shingles,
    );
    assert!(shared >= 10, "the fixture must share a quote ({shared})");
    assert_eq!(cluster(&articles).family[INDEPENDENT], INDEPENDENT);
}

#[test]
fn story_level_joins_independent_reports_and_separates_look_alikes() {
    let c = cluster(&corpus().articles);
    for i in [EXACT_COPY, LIGHT_EDIT, TRIMMED, EDITED_WIRE, INDEPENDENT] {
        assert_eq!(c.story[i], BASE, "document {i}");
    }
    assert_eq!(c.story[UNRELATED], UNRELATED);
}

#[test]
#[ignore = "known miss of the fitted story model (EVALUATION.md, story model): forty days on, the look-alike's shared valley name outweighs its other town, river and mayor"]
fn look_alike_weeks_later_is_separated_by_its_names() {
    let c = cluster(&corpus().articles);
    assert_eq!(c.story[LOOK_ALIKE], LOOK_ALIKE);
}

#[test]
#[ignore = "known miss of the fitted story model (EVALUATION.md, story model): undated, the look-alike's shared valley name and flood words outweigh its other names"]
fn undated_look_alike_is_still_separated_by_its_names() {
    let mut articles = corpus().articles;
    articles[LOOK_ALIKE].published = None;
    let c = cluster(&articles);
    assert_eq!(c.story[LOOK_ALIKE], LOOK_ALIKE);
}

#[test]
#[ignore = "known miss of the fitted story model (EVALUATION.md, story model): three days apart, the look-alike's shared valley name outweighs its other names"]
fn look_alike_within_the_week_is_separated_by_its_names() {
    // Inside the time grace, the names alone tell the two floods apart.
    let mut articles = corpus().articles;
    articles[LOOK_ALIKE].published = day(2025, 3, 14);
    let c = cluster(&articles);
    assert_eq!(c.story[LOOK_ALIKE], LOOK_ALIKE);
    assert_eq!(c.story[INDEPENDENT], BASE);
}

/// Two shootings in one city six days apart, reported independently but
/// sharing the city, the hospital and the police spokesman, and a follow-up
/// on the first nine days after it, told in other words.
fn two_shootings() -> Vec<Article> {
    let first = [
        "A 19-year-old man was shot and killed outside a convenience store on Harlow Street in Dunmere late Friday, police said.",
        "Officers found Elias Fenwick with a gunshot wound to the chest shortly after 11 p.m.",
        "Fenwick was taken to Dunmere General Hospital, where he died.",
        "Police spokesman Carl Ostby said detectives were reviewing footage from the store's cameras.",
        "No arrests have been made, and police asked anyone with information to call the tip line.",
        "Fenwick had just finished his shift at a warehouse nearby, a cousin said.",
    ]
    .join(" ");
    let second = [
        "Gunfire outside a bar on Quarry Road in Dunmere left a 22-year-old dead early Thursday.",
        "Tobias Marr was struck several times as patrons spilled onto the pavement at closing time, witnesses told police.",
        "Paramedics rushed Marr to Dunmere General Hospital, but he could not be saved.",
        "Police spokesman Carl Ostby said a grey van was seen leaving the area at speed.",
        "Marr had been celebrating a friend's birthday, according to his sister.",
    ]
    .join(" ");
    let follow_up = [
        "Relatives and classmates gathered on Sunday to remember Elias Fenwick, the teenager killed on Harlow Street.",
        "His mother described a quiet son who worked nights to pay for his welding course.",
        "Friends released balloons in the colours of his old football club.",
        "Investigators have questioned a man seen near the convenience store, but nobody has been charged with Fenwick's death.",
    ]
    .join(" ");
    [
        (
            "shooting-1",
            "Man shot dead outside Dunmere store",
            6,
            first,
        ),
        (
            "shooting-2",
            "Man shot dead outside Dunmere bar",
            12,
            second,
        ),
        (
            "vigil-1",
            "Vigil held for teenager killed on Harlow Street",
            15,
            follow_up,
        ),
    ]
    .iter()
    .map(|(id, title, d, text)| article(id, Some(title), day(2025, 6, *d), text))
    .collect()
}

#[test]
fn regression_two_shootings_in_one_city_a_week_apart_are_two_stories() {
    let c = cluster(&two_shootings());
    assert_eq!(c.story, vec![0, 1, 0]);
}

/// The second shooting moved to three days after the first, where the
/// first story alone holds one of its multi-word names. The two reports
/// share the hospital and the police spokesman, but each is about its own
/// victim.
#[test]
fn regression_two_shootings_in_one_city_days_apart_are_two_stories_despite_a_shared_spokesman() {
    let mut articles = two_shootings();
    articles[1].published = day(2025, 6, 9);
    let c = explained(&articles);
    assert_eq!(c.story, vec![0, 1, 0]);
    // If it came near the first shooting's story, the subject conflict
    // kept it under the threshold.
    if let Some(against_first) = c.placements[1]
        .candidates
        .iter()
        .find(|k| k.holding.contains(&0))
    {
        assert_eq!(
            against_first.features.subject_conflict, 1.0,
            "{against_first:?}"
        );
        assert!(against_first.score < Clusterer::default().story_model().threshold);
    }
}

#[test]
fn empty_and_missing_inputs_do_not_panic() {
    let c = Clusterer::default().cluster(&[], &[]);
    assert!(c.exact.is_empty() && c.story.is_empty());
    let articles = vec![
        article("x", None, None, ""),
        article("y", None, None, ""),
        article("z", None, None, "Some words."),
    ];
    // Fewer fingerprints than articles: the missing one counts as empty.
    let f = fingerprints(&articles[..2]);
    let c = Clusterer::default().cluster(&articles, &f);
    assert_eq!(
        c.exact,
        vec![0, 1, 2],
        "empty texts are not duplicates of each other"
    );
    assert_eq!(c.near_similarity, vec![1.0; 3]);
    assert_eq!(c.story.len(), 3);
}

/// Checks the documented invariants of a clustering of `n` documents.
fn check_invariants(c: &Clustering, n: usize) -> Result<(), TestCaseError> {
    let levels = [&c.exact, &c.near, &c.family, &c.story];
    for level in levels {
        prop_assert_eq!(level.len(), n);
        for i in 0..n {
            prop_assert!(level[i] <= i);
            prop_assert_eq!(level[level[i]], level[i]);
        }
    }
    for w in levels.windows(2) {
        for i in 0..n {
            for j in 0..n {
                if w[0][i] == w[0][j] {
                    prop_assert_eq!(w[1][i], w[1][j], "levels not nested at {} {}", i, j);
                }
            }
        }
    }
    for i in 0..n {
        for v in [c.near_similarity[i], c.family_similarity[i]] {
            prop_assert!((0.0..=1.0).contains(&v));
        }
    }
    Ok(())
}

/// Same partition up to relabelling: `perm[k]` is the original index of the
/// `k`-th permuted document.
fn same_partition(a: &[usize], b: &[usize], perm: &[usize]) -> bool {
    (0..perm.len()).all(|x| (0..perm.len()).all(|y| (b[x] == b[y]) == (a[perm[x]] == a[perm[y]])))
}

const VOCAB: [&str; 24] = [
    "river",
    "Marrowfield",
    "flood",
    "mayor",
    "rescued",
    "people",
    "the",
    "of",
    "on",
    "Tuesday",
    "Drask",
    "water",
    "homes",
    "2,300",
    "governor",
    "emergency",
    "fund",
    "schools",
    "closed",
    "rain",
    "valley",
    "KCNA",
    "summit",
    "troops",
];

/// A random corpus: fresh texts and edited copies of earlier documents.
fn corpus_strategy() -> impl Strategy<Value = Vec<Article>> {
    let doc = (
        prop::collection::vec(0..VOCAB.len(), 0..70),
        any::<bool>(),
        0usize..8,
        prop::collection::vec((0usize..80, 0..VOCAB.len()), 0..4),
        prop::option::of(0u8..20),
    );
    prop::collection::vec(doc, 1..12).prop_map(|docs| {
        let mut texts: Vec<Vec<usize>> = Vec::new();
        let mut out = Vec::new();
        for (n, (words, copy, source, edits, d)) in docs.into_iter().enumerate() {
            let mut text = if copy && !texts.is_empty() {
                texts[source % texts.len()].clone()
            } else {
                words
            };
            for (at, w) in edits {
                if !text.is_empty() {
                    let at = at % text.len();
                    text[at] = w;
                }
            }
            let body: String = text
                .chunks(9)
                .map(|s| s.iter().map(|&w| VOCAB[w]).collect::<Vec<_>>().join(" ") + ".")
                .collect::<Vec<_>>()
                .join(" ");
            out.push(article(
                &format!("doc{n:02}"),
                None,
                d.and_then(|d| day(2025, 1, d + 1)),
                &body,
            ));
            texts.push(text);
        }
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn levels_are_nested_partitions(articles in corpus_strategy()) {
        let c = cluster(&articles);
        check_invariants(&c, articles.len())?;
    }

    #[test]
    fn explaining_changes_no_story(articles in corpus_strategy()) {
        let plain = cluster(&articles);
        let mut told = explained(&articles);
        prop_assert_eq!(told.placements.len(), articles.len());
        prop_assert!(plain.placements.is_empty());
        told.placements.clear();
        prop_assert_eq!(plain, told);
    }

    #[test]
    fn clustering_is_deterministic_and_order_invariant(articles in corpus_strategy(), seed in any::<u64>()) {
        let c = cluster(&articles);
        prop_assert_eq!(&c, &cluster(&articles));
        // A seeded permutation of the input.
        let n = articles.len();
        let mut perm: Vec<usize> = (0..n).collect();
        let mut s = seed | 1;
        for k in (1..n).rev() {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            perm.swap(k, (s % (k as u64 + 1)) as usize);
        }
        let permuted: Vec<Article> = perm.iter().map(|&i| articles[i].clone()).collect();
        let p = cluster(&permuted);
        check_invariants(&p, n)?;
        for (a, b) in [(&c.exact, &p.exact), (&c.near, &p.near), (&c.family, &p.family), (&c.story, &p.story)] {
            prop_assert!(same_partition(a, b, &perm), "{:?} vs {:?} under {:?}", a, b, perm);
        }
    }
}

// ---- Explaining the stories. ----

fn explained(articles: &[Article]) -> Clustering {
    Clusterer::builder()
        .explain(true)
        .build()
        .cluster(articles, &fingerprints(articles))
}

#[test]
fn placements_say_how_each_document_joined_its_story() {
    let articles = corpus().articles;
    let c = explained(&articles);
    assert_eq!(c.placements.len(), articles.len());
    // Copies joined through their copy links.
    for i in [EXACT_COPY, LIGHT_EDIT, TRIMMED] {
        assert!(
            c.placements[i].copies.contains(&BASE),
            "document {i}: {:?}",
            c.placements[i]
        );
    }
    // The independent report was scored against the base story and passed
    // the bar.
    let threshold = Clusterer::default().story_model().threshold;
    let against_base = |i: usize| {
        c.placements[i]
            .candidates
            .iter()
            .find(|k| k.holding.contains(&BASE))
            .cloned()
    };
    let independent = against_base(INDEPENDENT).expect("scored against the base story");
    assert!(independent.score >= threshold, "{independent:?}");
    assert!(independent.features.terms > 0.0 && independent.features.names > 0.0);
    assert_eq!(independent.features.undated, 0.0);
    // What the look-alike was told is what happened to it.
    if let Some(look_alike) = against_base(LOOK_ALIKE) {
        assert_eq!(
            look_alike.score >= threshold,
            c.story[LOOK_ALIKE] == BASE,
            "{look_alike:?}"
        );
    }
    // Candidates come best first.
    for p in &c.placements {
        assert!(p.candidates.windows(2).all(|w| w[0].score >= w[1].score));
    }
}

// ---- Story scores on the labelled sets (run with `-- --ignored`). ----

/// Reads a labelled JSONL set: articles (one sentence per line of
/// `split_sentences`) and their gold cluster labels.
fn load(name: &str) -> Option<(Vec<Article>, Vec<String>)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/eval/stories")
        .join(name);
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {} not found", path.display());
        return None;
    };
    let mut articles = Vec::new();
    let mut gold = Vec::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let date = storyweave_text::date::parse_published(&s("date"));
        let title = s("title");
        // As ingest reads it: a record with a title alone is a headline
        // item whose title is its text.
        let text = s("text");
        let text = if text.trim().is_empty() {
            &title
        } else {
            &text
        };
        let mut a = article(
            &s("id"),
            (!title.is_empty()).then_some(title.as_str()),
            date,
            text,
        );
        // The language is detected, as in the pipeline, not taken from the labels.
        a.language = None;
        articles.push(a);
        gold.push(s("cluster"));
    }
    Some((articles, gold))
}

/// BCubed F1 of predicted labels against gold labels.
fn bcubed_f1(predicted: &[usize], gold: &[String]) -> f64 {
    let n = predicted.len();
    let mut pair: HashMap<(usize, &str), f64> = HashMap::new();
    let mut pred_size: HashMap<usize, f64> = HashMap::new();
    let mut gold_size: HashMap<&str, f64> = HashMap::new();
    for i in 0..n {
        *pair.entry((predicted[i], gold[i].as_str())).or_default() += 1.0;
        *pred_size.entry(predicted[i]).or_default() += 1.0;
        *gold_size.entry(gold[i].as_str()).or_default() += 1.0;
    }
    let (mut p, mut r) = (0.0, 0.0);
    for i in 0..n {
        let both = pair[&(predicted[i], gold[i].as_str())];
        p += both / pred_size[&predicted[i]];
        r += both / gold_size[gold[i].as_str()];
    }
    let (p, r) = (p / n as f64, r / n as f64);
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

#[test]
#[ignore = "reads the labelled sets in ../../../shared/eval; run with --ignored --nocapture"]
fn story_scores_on_labelled_sets() {
    for name in ["ecbplus.jsonl", "gvc.jsonl", "meantime.jsonl"] {
        let Some((articles, gold)) = load(name) else {
            continue;
        };
        let f = fingerprints(&articles);
        let c = Clusterer::default().cluster(&articles, &f);
        let stories = c
            .story
            .iter()
            .enumerate()
            .filter(|(i, s)| *i == **s)
            .count();
        let score = bcubed_f1(&c.story, &gold);
        eprintln!(
            "{name}: {} articles, {stories} stories, BCubed F1 {score:.4} (default settings)",
            articles.len()
        );
    }
}

// ---- Streaming equals batch. ----

/// Feeds `articles` one by one, in publication order (dated by day, undated
/// last, ties by id), to the online story clusterer and returns each
/// document's story index (by input position).
fn streamed_stories(articles: &[Article]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |i: usize| {
            let p = articles[i].published;
            (p.is_none(), p, articles[i].id.as_str())
        };
        key(a).cmp(&key(b)).then(a.cmp(&b))
    });
    let fingerprinter = Fingerprinter::default();
    let mut online = Clusterer::default().story_clusterer();
    for &i in &order {
        let fp = fingerprinter.fingerprint(&articles[i].text());
        online.push(&articles[i], &fp);
    }
    assert_eq!(online.documents(), articles.len());
    // Read the stories at the end: a later document that copies two stories
    // merges them, so what `push` returned earlier may be out of date.
    let mut story = vec![usize::MAX; articles.len()];
    for (&i, s) in order.iter().zip(online.assignments()) {
        story[i] = s;
    }
    story
}

#[test]
fn streaming_the_level_corpus_gives_the_batch_stories() {
    let articles = corpus().articles;
    let identity: Vec<usize> = (0..articles.len()).collect();
    assert!(same_partition(
        &cluster(&articles).story,
        &streamed_stories(&articles),
        &identity
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn streaming_in_publication_order_equals_batch(articles in corpus_strategy()) {
        let batch = cluster(&articles).story;
        let stream = streamed_stories(&articles);
        let identity: Vec<usize> = (0..articles.len()).collect();
        prop_assert!(same_partition(&batch, &stream, &identity), "{:?} vs {:?}", batch, stream);
    }
}

// ---------------------------------------------------------------------------
// dedup: the streaming near-duplicate engine.

mod dedup_engine {
    use storyweave_cluster::dedup::{Deduper, Keep};
    use storyweave_text::Date;

    /// A text of `n` pseudo-random words from `seed`.
    fn words(seed: u64, n: usize) -> Vec<String> {
        let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                format!("w{}", x % 1_000_000)
            })
            .collect()
    }

    fn date(d: u8) -> Option<Date> {
        Date::new(2025, 8, d)
    }

    /// An original, a noisy copy, a longer copy and an unrelated text.
    fn docs() -> Vec<(String, String, Option<Date>)> {
        let base = words(1, 400);
        let noisy = format!(
            "**{}** [link](https://example.com/x) ,",
            base.join(" ").to_uppercase()
        );
        let mut longer = base.clone();
        longer.extend(words(2, 30));
        vec![
            ("orig".into(), base.join(" "), date(12)),
            ("noisy".into(), noisy, date(10)),
            ("longer".into(), longer.join(" "), None),
            ("other".into(), words(3, 400).join(" "), date(1)),
        ]
    }

    fn run(keep: Keep) -> Vec<storyweave_cluster::dedup::DedupRecord> {
        let mut d = Deduper::builder().keep(keep).build();
        for (id, text, date) in docs() {
            d.add(id, &text, date);
        }
        d.finish()
    }

    #[test]
    fn keep_policies_choose_the_kept_document() {
        for (keep, kept) in [
            (Keep::First, "orig"),
            (Keep::Earliest, "noisy"),
            (Keep::Longest, "longer"),
        ] {
            let r = run(keep);
            let ids: Vec<&str> = r.iter().map(|x| x.id.as_str()).collect();
            assert_eq!(ids, ["orig", "noisy", "longer", "other"], "input order");
            for x in &r[..3] {
                assert_eq!(x.group, kept, "{keep:?}");
                assert_eq!(x.keep, x.id == kept);
                assert!(x.similarity > 0.8 && x.similarity <= 1.0);
            }
            assert!(r[3].keep && r[3].group == "other" && r[3].similarity == 1.0);
        }
    }

    #[test]
    fn threshold_decides_near_duplicates() {
        // One word in ten changed: Jaccard about 0.35 on 5-grams.
        let a = words(7, 500);
        let mut b = a.clone();
        for i in (0..b.len()).step_by(10) {
            b[i] = format!("x{i}");
        }
        for (t, joined) in [(0.8, false), (0.2, true)] {
            let mut d = Deduper::builder().threshold(t).build();
            d.add("a".into(), &a.join(" "), None);
            d.add("b".into(), &b.join(" "), None);
            let r = d.finish();
            assert_eq!(r[1].group == "a", joined, "threshold {t}");
        }
    }

    #[test]
    fn containment_joins_a_trimmed_reprint() {
        let full = words(9, 600);
        let trimmed = full[..330].join(" ");
        for (c, joined) in [(None, false), (Some(0.8), true)] {
            let mut d = Deduper::builder()
                .containment(c)
                .keep(Keep::Longest)
                .build();
            d.add("trimmed".into(), &trimmed, None);
            d.add("full".into(), &full.join(" "), None);
            let r = d.finish();
            assert_eq!(r[0].group == "full", joined, "{c:?}");
        }
    }

    /// Pairs whose exact word-5-gram Jaccard straddles the threshold closely
    /// (0.70 to 0.90): `b` is `a` with `edits` words changed.
    fn close_pairs() -> Vec<(Vec<String>, Vec<String>, f64)> {
        use storyweave_fingerprint::{Fingerprinter, jaccard};
        let fp = Fingerprinter::builder().raw_text(true).build();
        let mut out = Vec::new();
        for seed in 0..24u64 {
            let a = words(100 + seed, 300);
            let edits = 3 + (seed as usize % 10);
            let mut b = a.clone();
            for k in 0..edits {
                let at = (k * 300 / edits + seed as usize) % 300;
                b[at] = format!("edit{k}");
            }
            let j = jaccard(
                &fp.fingerprint(&a.join(" ")).shingles,
                &fp.fingerprint(&b.join(" ")).shingles,
            );
            out.push((a, b, j));
        }
        out
    }

    #[test]
    fn exact_verification_decides_pairs_near_the_threshold_by_their_true_jaccard() {
        let pairs = close_pairs();
        let (above, below) =
            pairs.iter().fold(
                (0, 0),
                |(a, b), p| {
                    if p.2 >= 0.8 { (a + 1, b) } else { (a, b + 1) }
                },
            );
        assert!(
            above >= 5 && below >= 5,
            "pairs on both sides: {above} / {below}"
        );
        for budget in [64 << 20, 0] {
            let mut d = Deduper::builder().spool_memory(budget).build();
            for (i, (a, b, _)) in pairs.iter().enumerate() {
                d.add(format!("a{i}"), &a.join(" "), None);
                d.add(format!("b{i}"), &b.join(" "), None);
            }
            let (r, stats) = d.finish_with_stats();
            assert!(stats.exact_unavailable.is_none());
            assert_eq!(stats.spooled_to_disk, budget == 0);
            assert!(stats.exact_checks > 0);
            for (i, (_, _, j)) in pairs.iter().enumerate() {
                let joined = r[2 * i + 1].group == format!("a{i}");
                assert_eq!(joined, *j >= 0.8, "pair {i}: true Jaccard {j:.3}");
            }
        }
    }

    #[test]
    fn estimate_only_mode_reports_it_and_keeps_no_spool() {
        let mut d = Deduper::builder().exact(false).build();
        for (i, (a, b, _)) in close_pairs().iter().enumerate() {
            d.add(format!("a{i}"), &a.join(" "), None);
            d.add(format!("b{i}"), &b.join(" "), None);
        }
        let (r, stats) = d.finish_with_stats();
        assert_eq!(r.len(), 48);
        assert_eq!(stats.exact_checks, 0);
        assert!(stats.exact_unavailable.is_some());
    }

    #[test]
    fn empty_texts_are_never_duplicates() {
        let mut d = Deduper::default();
        for (i, t) in ["", "  ... ** ", "", "[](https://x.org)"]
            .iter()
            .enumerate()
        {
            d.add(format!("e{i}"), t, None);
        }
        let r = d.finish();
        assert!(
            r.iter()
                .all(|x| x.keep && x.group == x.id && x.similarity == 1.0)
        );
        assert!(Deduper::default().finish().is_empty());
    }
}

// ---- Scale (run with `-- --ignored --nocapture`, in release). ----

/// A synthetic corpus: `n` articles about `n / 5` events over a year, each
/// with the event's own names and numbers in a shared 5,000-word vocabulary.
fn synthetic(n: usize) -> (Vec<Article>, Vec<usize>) {
    let mut s = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    // Letters only: words with digits are numbers, not vocabulary.
    let word = |mut x: usize| -> String {
        let mut w = String::new();
        loop {
            w.push((b'a' + (x % 26) as u8) as char);
            x /= 26;
            if x == 0 {
                break w;
            }
        }
    };
    let events = (n / 5).max(1);
    (0..n)
        .map(|k| {
            let e = (next() % events as u64) as usize;
            let mut text = String::new();
            for _ in 0..12 {
                for w in 0..14 {
                    if w == 3 {
                        text.push_str(&format!("Place{} ", word(e % 977)));
                    } else if w == 7 {
                        text.push_str(&format!("Person{} ", word(e)));
                    } else if w == 11 {
                        text.push_str(&format!("{} ", e * 7 % 1000));
                    } else {
                        text.push_str(&format!("w{} ", word((next() % 5000) as usize)));
                    }
                }
                text.push_str("end. ");
            }
            let day =
                Date::new(2025, 1, 1).map(|d| d.add_days((e % 365) as i64 + (next() % 3) as i64));
            let a = article(
                &format!("syn{k:06}"),
                Some(&format!("Person{} in Place{}", word(e), word(e % 977))),
                day,
                &text,
            );
            (a, e)
        })
        .unzip()
}

#[test]
#[ignore = "times the story level on 100,000 synthetic articles; run with --release --ignored --nocapture"]
fn story_clustering_of_100k_synthetic_articles() {
    let (articles, events) = synthetic(100_000);
    let started = std::time::Instant::now();
    let f = fingerprints(&articles);
    let fingerprinted = started.elapsed();
    let started = std::time::Instant::now();
    let c = Clusterer::default().cluster(&articles, &f);
    let clustered = started.elapsed();
    let stories = c
        .story
        .iter()
        .enumerate()
        .filter(|(i, s)| *i == **s)
        .count();
    eprintln!(
        "100k synthetic articles: fingerprints {fingerprinted:.1?}, all four levels {clustered:.1?}, {stories} stories"
    );
    // Against the generator's events (20,000 over a year): events 977
    // apart share a place, and those 2,931 apart also fall 11 days apart,
    // told apart only by their people and the time between them.
    let mut events_of: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut stories_of: HashMap<usize, Vec<usize>> = HashMap::new();
    for (&s, &e) in c.story.iter().zip(&events) {
        events_of.entry(s).or_default().push(e);
        stories_of.entry(e).or_default().push(s);
    }
    let mixed = |m: &mut HashMap<usize, Vec<usize>>| {
        m.values_mut()
            .map(|v| {
                v.sort_unstable();
                v.dedup();
                v.len()
            })
            .filter(|&distinct| distinct > 1)
            .count()
    };
    eprintln!(
        "  stories holding several events: {}; events split over several stories: {} (of {})",
        mixed(&mut events_of),
        mixed(&mut stories_of),
        stories_of.len()
    );
    let started = std::time::Instant::now();
    let mut online = Clusterer::default().story_clusterer();
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_key(|&i| (articles[i].published, articles[i].id.clone()));
    for i in order {
        online.push(&articles[i], &f[i]);
    }
    eprintln!(
        "  online story level alone: {:.1?} ({} stories)",
        started.elapsed(),
        online.stories()
    );
}
