//! JSON records (`.json`, `.jsonl`, JSONL on stdin): lenient field reading.
//!
//! Known fields are `id`, `url`, `title`, `text`, `html`, `published` and
//! `source`; `date` is read as `published` when that is absent (labelled
//! news sets name the field so). Strings are taken as they are and numbers are turned into their
//! decimal text (an `id` of `42` becomes `"42"`, a `published` Unix time
//! stays a number in text form); any other value of a known field (null,
//! boolean, array, object) counts as absent, and unknown fields are ignored.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::{BodyFormat, RawDocument};

/// The fields of one record that ingest keeps.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Record {
    pub(crate) id: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) text: Option<String>,
    pub(crate) html: Option<String>,
    pub(crate) published: Option<String>,
    /// `date`: used as `published` when that is absent.
    pub(crate) date: Option<String>,
    pub(crate) source: Option<String>,
}

/// Which field a key names.
enum Field {
    Id,
    Url,
    Title,
    Text,
    Html,
    Published,
    Date,
    Source,
    Other,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldVisitor;
        impl Visitor<'_> for FieldVisitor {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Field, E> {
                Ok(match key {
                    "id" => Field::Id,
                    "url" => Field::Url,
                    "title" => Field::Title,
                    "text" => Field::Text,
                    "html" => Field::Html,
                    "published" => Field::Published,
                    "date" => Field::Date,
                    "source" => Field::Source,
                    _ => Field::Other,
                })
            }
        }
        deserializer.deserialize_identifier(FieldVisitor)
    }
}

/// A string or number field; anything else reads as absent.
struct Lenient(Option<String>);

impl<'de> Deserialize<'de> for Lenient {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LenientVisitor;
        impl<'de> Visitor<'de> for LenientVisitor {
            type Value = Lenient;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Lenient, E> {
                Ok(Lenient(Some(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Lenient, E> {
                Ok(Lenient(Some(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Lenient, E> {
                Ok(Lenient(Some(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Lenient, E> {
                Ok(Lenient(Some(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Lenient, E> {
                Ok(Lenient(Some(v.to_string())))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Lenient, E> {
                Ok(Lenient(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Lenient, E> {
                Ok(Lenient(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Lenient, E> {
                Ok(Lenient(None))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Lenient, D::Error> {
                Lenient::deserialize(d)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Lenient, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Lenient(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Lenient, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Lenient(None))
            }
        }
        deserializer.deserialize_any(LenientVisitor)
    }
}

/// Reads the fields of one JSON object.
fn read_record<'de, A: MapAccess<'de>>(mut map: A) -> Result<Record, A::Error> {
    let mut record = Record::default();
    while let Some(field) = map.next_key::<Field>()? {
        let slot = match field {
            Field::Id => &mut record.id,
            Field::Url => &mut record.url,
            Field::Title => &mut record.title,
            Field::Text => &mut record.text,
            Field::Html => &mut record.html,
            Field::Published => &mut record.published,
            Field::Date => &mut record.date,
            Field::Source => &mut record.source,
            Field::Other => {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
        };
        *slot = map.next_value::<Lenient>()?.0;
    }
    Ok(record)
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RecordVisitor;
        impl<'de> Visitor<'de> for RecordVisitor {
            type Value = Record;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Record, A::Error> {
                read_record(map)
            }
        }
        deserializer.deserialize_map(RecordVisitor)
    }
}

/// One JSON value where a record is expected: an object, or something else
/// (named, for the message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Element {
    /// An object, read as a record.
    Record(Record),
    /// Anything else: "an array", "a string", ...
    Other(&'static str),
}

/// The content of a `.json` file: one object, or an array of values that
/// should be objects, or something else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum JsonFile {
    /// The file is one object.
    One(Record),
    /// The file is an array.
    Many(Vec<Element>),
    /// The file is a scalar (named, for the message).
    Other(&'static str),
}

/// A visitor that names what a non-object value is; `wrap` builds the result.
macro_rules! scalar_visits {
    ($wrap:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok($wrap("a boolean"))
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok($wrap("a number"))
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok($wrap("a number"))
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok($wrap("a number"))
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok($wrap("a string"))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($wrap("null"))
        }
    };
}

impl<'de> Deserialize<'de> for Element {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ElementVisitor;
        impl<'de> Visitor<'de> for ElementVisitor {
            type Value = Element;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }
            scalar_visits!(Element::Other);
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Element, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Element::Other("an array"))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Element, A::Error> {
                read_record(map).map(Element::Record)
            }
        }
        deserializer.deserialize_any(ElementVisitor)
    }
}

impl<'de> Deserialize<'de> for JsonFile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FileVisitor;
        impl<'de> Visitor<'de> for FileVisitor {
            type Value = JsonFile;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object or array")
            }
            scalar_visits!(JsonFile::Other);
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<JsonFile, A::Error> {
                let mut elements = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(element) = seq.next_element::<Element>()? {
                    elements.push(element);
                }
                Ok(JsonFile::Many(elements))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<JsonFile, A::Error> {
                read_record(map).map(JsonFile::One)
            }
        }
        deserializer.deserialize_any(FileVisitor)
    }
}

/// Keeps a field only when it holds more than whitespace.
fn non_blank(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

impl Record {
    /// Turns the record into a document read from `path` (record number
    /// `record`), with `default_id` used when it has no `id`. Fails with a
    /// message when it has no non-empty `text`, `html` or `title`.
    ///
    /// An `html` body (used when `text` is missing or blank) is passed on as
    /// [`BodyFormat::Html`]: turning HTML into main text is the extract
    /// stage's job, not ingest's. A record with a `title` alone (a feed's
    /// headline item) is read with its title as its text: a headline still
    /// tells which story it belongs to, and skipping it would drop it from
    /// every story.
    pub(crate) fn into_document(
        self,
        path: &str,
        record: Option<u64>,
        default_id: impl FnOnce() -> String,
    ) -> Result<RawDocument, String> {
        let (body, format) = match non_blank(self.text) {
            Some(text) => (text, BodyFormat::Text),
            None => match (
                non_blank(self.html),
                self.title.as_deref().filter(|t| !t.trim().is_empty()),
            ) {
                (Some(html), _) => (html, BodyFormat::Html),
                (None, Some(title)) => (title.to_owned(), BodyFormat::Text),
                (None, None) => {
                    return Err(
                        "record has no non-empty `text`, `html` or `title` field".to_owned()
                    );
                }
            },
        };
        let id = match non_blank(self.id) {
            Some(id) => id,
            None => default_id(),
        };
        Ok(RawDocument {
            id,
            path: path.to_owned(),
            record,
            format,
            body,
            url: non_blank(self.url),
            title: non_blank(self.title),
            published: non_blank(self.published).or_else(|| non_blank(self.date)),
            source: non_blank(self.source),
        })
    }
}

/// serde_json's message without its ` at line L column C` tail, and the
/// column, for messages that give their own line number.
pub(crate) fn json_error_parts(error: &serde_json::Error) -> (String, usize) {
    let full = error.to_string();
    let tail = format!(" at line {} column {}", error.line(), error.column());
    let message = full.strip_suffix(&tail).map(str::to_owned).unwrap_or(full);
    (message, error.column())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Record, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn reads_known_fields_and_ignores_others() {
        let r = parse(r#"{"id":"a1","url":"u","title":"T","text":"body","published":"2025-08-13","source":"AFP","extra":{"x":[1,2]}}"#)
            .expect("valid record");
        assert_eq!(r.id.as_deref(), Some("a1"));
        assert_eq!(r.url.as_deref(), Some("u"));
        assert_eq!(r.title.as_deref(), Some("T"));
        assert_eq!(r.text.as_deref(), Some("body"));
        assert_eq!(r.published.as_deref(), Some("2025-08-13"));
        assert_eq!(r.source.as_deref(), Some("AFP"));
    }

    #[test]
    fn numbers_become_text_and_other_values_are_absent() {
        let r = parse(
            r#"{"id":42,"published":1755043200,"title":null,"url":true,"source":["a"],"text":"x"}"#,
        )
        .expect("valid record");
        assert_eq!(r.id.as_deref(), Some("42"));
        assert_eq!(r.published.as_deref(), Some("1755043200"));
        assert_eq!(r.title, None);
        assert_eq!(r.url, None);
        assert_eq!(r.source, None);
    }

    #[test]
    fn date_is_an_alias_of_published_which_wins() {
        let doc = |json: &str| {
            parse(json)
                .expect("valid record")
                .into_document("f.jsonl", Some(1), || "f:1".into())
                .expect("has a body")
        };
        let d = doc(r#"{"text":"x","date":"2014-06-15"}"#);
        assert_eq!(d.published.as_deref(), Some("2014-06-15"));
        let d = doc(r#"{"text":"x","date":"2014-06-15","published":"2020-01-02"}"#);
        assert_eq!(d.published.as_deref(), Some("2020-01-02"));
        let d = doc(r#"{"text":"x","date":null,"published":" "}"#);
        assert_eq!(d.published, None);
    }

    #[test]
    fn escaped_keys_and_values_are_read() {
        let r = parse(r#"{"t\u0065xt":"caf\u00e9 \"ok\""}"#).expect("valid record");
        assert_eq!(r.text.as_deref(), Some("café \"ok\""));
    }

    #[test]
    fn arrays_and_scalars_are_not_records() {
        assert!(parse(r#"["id","text"]"#).is_err());
        assert!(parse(r#""text""#).is_err());
        assert!(parse("3").is_err());
    }

    #[test]
    fn json_files_are_one_object_or_an_array() {
        let one: JsonFile = serde_json::from_str(r#"{"text":"a"}"#).expect("object");
        assert!(matches!(one, JsonFile::One(_)));
        let many: JsonFile =
            serde_json::from_str(r#"[{"text":"a"}, 3, [1], {"text":"b"}]"#).expect("array");
        match many {
            JsonFile::Many(elements) => {
                assert_eq!(elements.len(), 4);
                assert!(matches!(elements[1], Element::Other("a number")));
                assert!(matches!(elements[2], Element::Other("an array")));
                assert!(matches!(elements[3], Element::Record(_)));
            }
            other => panic!("expected an array, got {other:?}"),
        }
        let scalar: JsonFile = serde_json::from_str("\"x\"").expect("string");
        assert_eq!(scalar, JsonFile::Other("a string"));
    }

    #[test]
    fn html_is_used_when_text_is_missing_or_blank() {
        let r = parse(r#"{"text":"  ","html":"<p>hi</p>"}"#).expect("valid record");
        let doc = r
            .into_document("f.jsonl", Some(1), || "f:1".into())
            .expect("has a body");
        assert_eq!(doc.body, "<p>hi</p>");
        assert_eq!(doc.format, BodyFormat::Html);
        assert_eq!(doc.id, "f:1");
    }

    #[test]
    fn a_record_without_body_or_title_is_refused() {
        let r = parse(r#"{"id":"x","url":"u","text":"  ","title":" "}"#).expect("valid record");
        assert!(
            r.into_document("f.jsonl", Some(1), || "f:1".into())
                .is_err()
        );
    }

    #[test]
    fn a_title_alone_is_read_as_the_text() {
        let r = parse(r#"{"id":"x","title":"only a title","html":" "}"#).expect("valid record");
        let doc = r
            .into_document("f.jsonl", Some(1), || "f:1".into())
            .expect("a headline item");
        assert_eq!(doc.body, "only a title");
        assert_eq!(doc.format, BodyFormat::Text);
        assert_eq!(doc.title.as_deref(), Some("only a title"));
    }

    #[test]
    fn json_error_parts_drops_the_position_tail() {
        let e = serde_json::from_str::<Record>("{\"text\": }").expect_err("invalid JSON");
        let (message, column) = json_error_parts(&e);
        assert!(!message.contains("at line"), "{message}");
        assert_eq!(column, e.column());
    }
}
