//! The field declarations ([`crate::spec`]) seen from outside: a flat list of constraints for
//! forms, a JSON Schema (2020-12) of the payload, and issue paths as key lists (Standard
//! Schema). All derived from the same declarations that `validate` walks, so they cannot drift.
//!
//! JSON Schema cannot say everything `validate` checks. Left out, and named in `$comment`:
//! byte lengths (its `maxLength` counts code points, our "chars") unless the field's charset is
//! ASCII-only (then bytes = chars), warning-level limits (they never fail validation), rules
//! that are warnings under `lenient`, uniqueness of one key across array items, rules spanning
//! several fields, and lone UTF-16 surrogates (JSON text cannot carry them). Unknown fields
//! are allowed, as `validate` only warns about them.

use crate::charsets::NOT_BLANK_PATTERN;
use crate::issue::{Code, Issue, Params, ProviderCode, Severity};
use crate::options::Options;
use crate::path::{self, Segment};
use crate::rules::charset::CharsetRule;
use crate::rules::length::{Limit, Unit};
use crate::spec::{Field, Integer, Kind, List, Requirement, Text};
use crate::value::Value;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// What a form needs to know about one field (or the items of an array field).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldConstraint {
    /// Wire names; `[]` stands for every item: `list[].name`, `GroupExDescriptions[]`.
    pub path: String,
    pub required: bool,
    /// `null` is accepted (and sent as `null`).
    pub nullable: bool,
    /// "string" | "integer" | "boolean" | "array" | "object" | "file".
    #[serde(rename = "type")]
    pub ty: &'static str,
    /// Empty or whitespace-only text is rejected.
    #[serde(skip_serializing_if = "is_false")]
    pub not_blank: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    /// The unit of `minLength`/`maxLength`: "chars" (code points) or "bytes" (UTF-8).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'static str>,
    /// The allowed characters as an ECMAScript regex for the `u` flag (whole string).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<&'static str>,
    /// The charset id that `invalid_chars` issues name in `params.allowed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charset: Option<&'static str>,
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    pub allowed: Option<&'static [&'static str]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<i64>,
    /// A string of decimal digits is accepted (with a warning) and sent as a number.
    #[serde(skip_serializing_if = "is_false")]
    pub digit_string: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_items: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_items: Option<usize>,
    /// Values at this path must differ across the items of the enclosing array.
    #[serde(skip_serializing_if = "is_false")]
    pub unique: bool,
    /// The rules above that are only warnings (with these options): they never make
    /// `ok` false. Absent when every rule is an error.
    #[serde(skip_serializing_if = "SoftRules::is_empty")]
    pub severity: SoftRules,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Names of the constraint keys whose rule is a warning, serialized as `{maxLength: "warning"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SoftRules(pub Vec<&'static str>);

impl SoftRules {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn contains(&self, key: &str) -> bool {
        self.0.contains(&key)
    }
}

impl Serialize for SoftRules {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for key in &self.0 {
            map.serialize_entry(key, "warning")?;
        }
        map.end()
    }
}

/// Whether a rule of this severity fails validation under `options`.
fn is_error(severity: Severity, options: &Options) -> bool {
    severity.is_error(options.lenient)
}

/// Every field of the provider, depth-first in declaration order; array items follow their
/// array as `name[]`.
pub fn constraints(fields: &[Field], options: &Options) -> Vec<FieldConstraint> {
    let mut out = Vec::new();
    for field in fields {
        field_constraints(&mut out, "", field, options);
    }
    out
}

fn field_constraints(out: &mut Vec<FieldConstraint>, parent: &str, field: &Field, o: &Options) {
    let path = path::join(parent, field.name);
    let mut c = FieldConstraint {
        path: path.clone(),
        required: matches!(field.required, Requirement::Required(_)),
        nullable: field.nullable,
        ty: crate::spec::expected(field),
        ..FieldConstraint::default()
    };
    match &field.kind {
        Kind::Text(text) => text_constraint(&mut c, text, o),
        Kind::Integer(integer) => integer_constraint(&mut c, integer),
        Kind::Boolean => {}
        Kind::Choice(allowed, _) => c.allowed = Some(allowed),
        Kind::Upload => c.ty = "file",
        Kind::Texts(list, text) => {
            list_constraint(&mut c, list);
            out.push(c);
            let mut item = item_constraint(&path, "string");
            text_constraint(&mut item, text, o);
            unique_constraint(&mut item, list, None, o);
            out.push(item);
            return;
        }
        Kind::Integers(list, integer) => {
            list_constraint(&mut c, list);
            out.push(c);
            let mut item = item_constraint(&path, "integer");
            integer_constraint(&mut item, integer);
            unique_constraint(&mut item, list, None, o);
            out.push(item);
            return;
        }
        Kind::Objects(list, fields) => {
            list_constraint(&mut c, list);
            out.push(c);
            let items = format!("{path}[]");
            let start = out.len();
            for item_field in *fields {
                field_constraints(out, &items, item_field, o);
            }
            // Uniqueness by key belongs to that key's entry.
            for entry in out.iter_mut().skip(start) {
                let key = entry
                    .path
                    .strip_prefix(&items)
                    .and_then(|p| p.strip_prefix('.'))
                    .map(str::to_owned);
                if let Some(key) = key {
                    unique_constraint(entry, list, Some(&key), o);
                }
            }
            return;
        }
    }
    out.push(c);
}

fn item_constraint(array_path: &str, ty: &'static str) -> FieldConstraint {
    FieldConstraint {
        path: format!("{array_path}[]"),
        required: true,
        nullable: false,
        ty,
        ..FieldConstraint::default()
    }
}

fn soft(c: &mut FieldConstraint, key: &'static str, severity: Severity, o: &Options) {
    if !is_error(severity, o) {
        c.severity.0.push(key);
    }
}

fn text_constraint(c: &mut FieldConstraint, text: &Text, o: &Options) {
    // A blank check is always an error (see `presence::check_blank`).
    c.not_blank = text.not_blank.is_some();
    let unit = text.max.as_ref().or(text.min.as_ref()).map(|l| l.unit);
    if let Some(min) = &text.min {
        // Non-empty is the same in every unit; other minimums need the shared unit.
        if Some(min.unit) == unit || min.n <= 1 {
            c.min_length = Some(min.n);
            soft(c, "minLength", min.severity, o);
        }
    }
    if let Some(max) = &text.max {
        c.max_length = Some(max.n);
        soft(c, "maxLength", max.severity, o);
    }
    c.unit = unit.map(Unit::as_str);
    if let Some(rule) = &text.charset {
        c.pattern = Some(rule.charset.pattern);
        c.charset = Some(rule.charset.id);
        soft(c, "pattern", rule.severity, o);
    }
}

fn integer_constraint(c: &mut FieldConstraint, integer: &Integer) {
    c.minimum = Some(integer.min);
    c.maximum = Some(integer.max);
    c.digit_string = integer.accepts_digit_string;
}

/// Item counts are always errors (see `rules::count`).
fn list_constraint(c: &mut FieldConstraint, list: &List) {
    c.min_items = list.min_items.as_ref().map(|(n, _)| *n);
    c.max_items = list.max_items.as_ref().map(|(n, _)| *n);
}

/// Marks `c` unique: the items of a string or integer list (`key` None: the walker compares
/// whole items there), or the `key` of object items.
fn unique_constraint(c: &mut FieldConstraint, list: &List, key: Option<&str>, o: &Options) {
    if let Some(unique) = &list.unique {
        if key.is_none() || unique.key == key {
            c.unique = true;
            soft(c, "unique", unique.severity, o);
        }
    }
}

/// `$schema` of what [`json_schema`] returns.
pub const JSON_SCHEMA_DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The payload's JSON Schema (2020-12), as a value that serializes in declaration order.
pub fn json_schema(title: &str, fields: &[Field], options: &Options) -> Value {
    let mut root = vec![
        ("$schema".to_owned(), Value::from(JSON_SCHEMA_DIALECT)),
        ("title".to_owned(), Value::from(title)),
        (
            "$comment".to_owned(),
            Value::from(
                "generated by group-payloads from the declarations validate() uses; rules JSON \
                 Schema cannot express are named in $comment where they apply, and rules \
                 spanning several fields are checked by validate() only",
            ),
        ),
    ];
    root.extend(object_schema(fields, options));
    Value::Object(root)
}

fn object_schema(fields: &[Field], o: &Options) -> Vec<(String, Value)> {
    let properties = fields
        .iter()
        .map(|f| (f.name.to_owned(), field_schema(f, o)))
        .collect();
    let required: Vec<Value> = fields
        .iter()
        .filter(|f| matches!(f.required, Requirement::Required(_)))
        .map(|f| Value::from(f.name))
        .collect();
    let mut schema = vec![
        ("type".to_owned(), Value::from("object")),
        ("properties".to_owned(), Value::Object(properties)),
    ];
    if !required.is_empty() {
        schema.push(("required".to_owned(), Value::Array(required)));
    }
    schema
}

/// A schema object under construction, with the notes for its `$comment`.
struct Builder<'o> {
    pairs: Vec<(String, Value)>,
    notes: Vec<String>,
    options: &'o Options,
}

impl<'o> Builder<'o> {
    fn new(options: &'o Options) -> Self {
        Builder {
            pairs: Vec::new(),
            notes: Vec::new(),
            options,
        }
    }
    fn set(&mut self, key: &str, value: Value) {
        self.pairs.push((key.to_owned(), value));
    }
    fn number(&mut self, key: &str, n: usize) {
        self.set(key, Value::Number(n as f64));
    }
    fn typed(&mut self, ty: &'static str, nullable: bool) {
        let ty = if nullable {
            Value::Array(vec![Value::from(ty), Value::from("null")])
        } else {
            Value::from(ty)
        };
        self.set("type", ty);
    }
    fn finish(mut self) -> Value {
        if !self.notes.is_empty() {
            let comment = format!("validate() also checks: {}", self.notes.join("; "));
            self.pairs
                .push(("$comment".to_owned(), Value::from(comment)));
        }
        Value::Object(self.pairs)
    }
}

fn field_schema(field: &Field, o: &Options) -> Value {
    let mut b = Builder::new(o);
    match &field.kind {
        Kind::Text(text) => {
            b.typed("string", field.nullable);
            text_schema(&mut b, text);
        }
        Kind::Integer(integer) => {
            b.typed("integer", field.nullable);
            integer_schema(&mut b, integer);
        }
        Kind::Boolean => b.typed("boolean", field.nullable),
        Kind::Choice(allowed, _) => {
            let mut values: Vec<Value> = allowed.iter().map(|a| Value::from(*a)).collect();
            if field.nullable {
                values.push(Value::Null);
            }
            b.set("enum", Value::Array(values));
        }
        Kind::Upload => {
            // Only `null` passes: a file needs multipart/form-data, not this JSON body.
            b.set("type", Value::from("null"));
            b.notes.push(
                "a file upload needs multipart/form-data; the JSON body cannot carry it".into(),
            );
        }
        Kind::Texts(list, text) => {
            b.typed("array", field.nullable);
            list_schema(&mut b, list, false);
            let mut item = Builder::new(o);
            item.typed("string", false);
            text_schema(&mut item, text);
            b.set("items", item.finish());
        }
        Kind::Integers(list, integer) => {
            b.typed("array", field.nullable);
            list_schema(&mut b, list, false);
            let mut item = Builder::new(o);
            item.typed("integer", false);
            integer_schema(&mut item, integer);
            b.set("items", item.finish());
        }
        Kind::Objects(list, fields) => {
            b.typed("array", field.nullable);
            list_schema(&mut b, list, true);
            b.set("items", Value::Object(object_schema(fields, o)));
        }
    }
    b.finish()
}

/// A bound in `unit`, as JSON Schema's code-point `minLength`/`maxLength` when it means the
/// same thing there.
fn length_in_chars(limit: &Limit, charset: Option<&CharsetRule>, o: &Options) -> Option<usize> {
    match limit.unit {
        Unit::Chars => Some(limit.n),
        // "Non-empty" is the same in bytes and in code points.
        Unit::Bytes if limit.n <= 1 => Some(limit.n),
        // An ASCII-only charset that fails validation makes every valid string one byte per
        // character, so the byte bound is a character bound.
        Unit::Bytes => charset
            .filter(|rule| is_error(rule.severity, o) && is_ascii_only(rule.charset.pattern))
            .map(|_| limit.n),
    }
}

/// True for a pattern of the shape `^[…]*$` whose class lists only ASCII characters and
/// ranges (no escapes, no properties): a charset with no character above U+007F.
pub fn is_ascii_only(pattern: &str) -> bool {
    pattern
        .strip_prefix("^[")
        .and_then(|p| p.strip_suffix("]*$"))
        .is_some_and(|class| {
            !class.is_empty()
                && !class.starts_with('^')
                && class
                    .bytes()
                    .all(|b| b.is_ascii_graphic() && b != b'\\' && b != b'[')
        })
}

fn text_schema(b: &mut Builder, text: &Text) {
    let mut patterns = Vec::new();
    if text.not_blank.is_some() {
        patterns.push(NOT_BLANK_PATTERN);
    }
    let charset = text.charset.as_ref();
    for (key, limit) in [("minLength", &text.min), ("maxLength", &text.max)] {
        let Some(limit) = limit else { continue };
        let word = if key == "minLength" {
            "at least"
        } else {
            "at most"
        };
        let unit = match (limit.unit, limit.n == 1) {
            (Unit::Chars, false) => "characters",
            (Unit::Chars, true) => "character",
            (Unit::Bytes, false) => "UTF-8 bytes",
            (Unit::Bytes, true) => "UTF-8 byte",
        };
        if !is_error(limit.severity, b.options) {
            b.notes
                .push(format!("{word} {} {unit} (a warning only)", limit.n));
            continue;
        }
        match length_in_chars(limit, charset, b.options) {
            Some(n) => b.number(key, n),
            None => b.notes.push(format!("{word} {} {unit}", limit.n)),
        }
    }
    if let Some(rule) = charset {
        if is_error(rule.severity, b.options) {
            patterns.push(rule.charset.pattern);
        } else {
            b.notes.push(format!(
                "characters in the set {} (a warning only)",
                rule.charset.id
            ));
        }
    }
    match patterns.as_slice() {
        [] => {}
        [one] => b.set("pattern", Value::from(*one)),
        many => {
            let all = many
                .iter()
                .map(|p| Value::Object(vec![("pattern".to_owned(), Value::from(*p))]))
                .collect();
            b.set("allOf", Value::Array(all));
        }
    }
}

fn integer_schema(b: &mut Builder, integer: &Integer) {
    b.set("minimum", Value::from(integer.min));
    b.set("maximum", Value::from(integer.max));
    if integer.accepts_digit_string {
        b.notes.push(
            "a string of decimal digits, accepted with a warning and sent as a number (this \
             schema describes the number that is sent)"
                .into(),
        );
    }
}

/// Counts and uniqueness. String and integer items are compared whole (`uniqueItems`); object
/// items by one key, which JSON Schema cannot say.
fn list_schema(b: &mut Builder, list: &List, objects: bool) {
    if let Some((n, _)) = list.min_items {
        b.number("minItems", n);
    }
    if let Some((n, _)) = list.max_items {
        b.number("maxItems", n);
    }
    if let Some(unique) = &list.unique {
        match (objects, unique.key, is_error(unique.severity, b.options)) {
            (false, _, true) => b.set("uniqueItems", Value::Bool(true)),
            (false, _, false) => b.notes.push("items differ (a warning only)".into()),
            (true, Some(key), true) => b.notes.push(format!("the items' {key} values differ")),
            (true, Some(key), false) => b
                .notes
                .push(format!("the items' {key} values differ (a warning only)")),
            (true, None, _) => {}
        }
    }
}

/// A Standard Schema v1 issue (`message`, `path` as keys), keeping our code and params.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StandardIssue {
    pub message: String,
    pub path: Vec<Segment>,
    pub code: Code,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_code: Option<ProviderCode>,
    #[serde(skip_serializing_if = "Params::is_empty")]
    pub params: Params,
}

impl From<&Issue> for StandardIssue {
    fn from(issue: &Issue) -> Self {
        StandardIssue {
            message: issue.message.clone(),
            path: path::parse(&issue.path),
            code: issue.code,
            provider_code: issue.provider_code.clone(),
            params: issue.params.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::{provider, PROVIDERS};

    fn schema_of(id: &str, options: &Options) -> Value {
        let p = provider(id).unwrap();
        json_schema(p.name, p.fields, options)
    }

    fn find<'c>(cs: &'c [FieldConstraint], path: &str) -> &'c FieldConstraint {
        cs.iter()
            .find(|c| c.path == path)
            .unwrap_or_else(|| panic!("no constraint for {path}"))
    }

    #[test]
    fn geelark_constraints_follow_the_declarations() {
        let cs = constraints(provider("geelark").unwrap().fields, &Options::default());
        let paths: Vec<&str> = cs.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["list", "list[].name", "list[].remark"]);
        let list = find(&cs, "list");
        assert_eq!(
            (list.ty, list.required, list.min_items),
            ("array", true, Some(1))
        );
        let name = find(&cs, "list[].name");
        assert!(name.required && name.not_blank && name.unique);
        assert_eq!((name.max_length, name.unit), (Some(50), Some("chars")));
        assert!(name.severity.is_empty());
        let remark = find(&cs, "list[].remark");
        assert!(!remark.required && !remark.unique);
        assert_eq!(remark.max_length, Some(500));
    }

    #[test]
    fn tencent_constraints_carry_units_patterns_and_lenient_severity() {
        let p = provider("tencent-iai").unwrap();
        let cs = constraints(p.fields, &Options::default());
        let id = find(&cs, "GroupId");
        assert_eq!(
            (id.min_length, id.max_length, id.unit),
            (Some(1), Some(64), Some("bytes"))
        );
        assert_eq!(id.pattern, Some(r"^[A-Za-z0-9%@#&_-]*$"));
        let items = find(&cs, "GroupExDescriptions");
        assert_eq!(items.max_items, Some(5));
        let item = find(&cs, "GroupExDescriptions[]");
        assert!(item.unique);
        assert_eq!(item.max_length, Some(30));
        let version = find(&cs, "FaceModelVersion");
        assert_eq!(version.allowed, Some(&["2.0", "3.0"][..]));

        let lenient = Options {
            lenient: true,
            ..Options::default()
        };
        let cs = constraints(p.fields, &lenient);
        assert!(find(&cs, "GroupName").severity.contains("pattern"));
        assert!(!find(&cs, "GroupName").severity.contains("maxLength"));
        // GroupId's charset stays an error when lenient.
        assert!(find(&cs, "GroupId").severity.is_empty());
    }

    #[test]
    fn constraints_serialize_with_camel_case_keys_and_soft_rules() {
        let p = provider("tencent-iai").unwrap();
        let lenient = Options {
            lenient: true,
            ..Options::default()
        };
        let text = serde_json::to_string(&constraints(p.fields, &lenient)[0]).unwrap();
        assert!(text.contains(r#""minLength":1"#), "{text}");
        assert!(
            text.contains(r#""severity":{"pattern":"warning"}"#),
            "{text}"
        );
        assert!(!text.contains("notBlank"), "{text}");
    }

    #[test]
    fn every_provider_has_constraints_and_a_schema_for_each_field() {
        for p in PROVIDERS.iter() {
            let cs = constraints(p.fields, &Options::default());
            for field in p.fields {
                assert!(cs.iter().any(|c| c.path == field.name), "{}", field.name);
            }
            let schema = json_schema(p.name, p.fields, &Options::default());
            let props = schema.get("properties").unwrap();
            for field in p.fields {
                assert!(props.get(field.name).is_some(), "{}", field.name);
            }
        }
    }

    #[test]
    fn json_schema_expresses_ascii_byte_limits_and_leaves_out_the_rest() {
        let schema = schema_of("tencent-iai", &Options::default());
        let props = schema.get("properties").unwrap();
        let id = props.get("GroupId").unwrap();
        assert_eq!(id.get("maxLength"), Some(&Value::Number(64.0)));
        let name = props.get("GroupName").unwrap();
        assert_eq!(name.get("maxLength"), Some(&Value::Number(60.0)));
        assert!(name.get("pattern").is_some());
        let items = props.get("GroupExDescriptions").unwrap();
        assert_eq!(items.get("uniqueItems"), Some(&Value::Bool(true)));
        assert_eq!(items.get("maxItems"), Some(&Value::Number(5.0)));

        let lenient = Options {
            lenient: true,
            ..Options::default()
        };
        let schema = schema_of("tencent-iai", &lenient);
        let name = schema.get("properties").unwrap().get("GroupName").unwrap();
        assert!(name.get("pattern").is_none());
        assert!(name.get("$comment").is_some());
    }

    #[test]
    fn json_schema_of_geelark_names_key_uniqueness_in_a_comment() {
        let schema = schema_of("geelark", &Options::default());
        assert_eq!(
            schema.get("$schema"),
            Some(&Value::from(JSON_SCHEMA_DIALECT))
        );
        assert_eq!(
            schema.get("required"),
            Some(&Value::Array(vec!["list".into()]))
        );
        let list = schema.get("properties").unwrap().get("list").unwrap();
        assert_eq!(list.get("minItems"), Some(&Value::Number(1.0)));
        assert!(list.get("uniqueItems").is_none());
        let Some(Value::String(comment)) = list.get("$comment") else {
            panic!("no comment")
        };
        assert!(comment.contains("name"), "{comment}");
        let name = list
            .get("items")
            .unwrap()
            .get("properties")
            .unwrap()
            .get("name");
        assert_eq!(
            name.unwrap().get("pattern"),
            Some(&Value::from(NOT_BLANK_PATTERN))
        );
    }

    fn charsets(fields: &[Field], out: &mut Vec<&'static crate::charsets::Charset>) {
        for field in fields {
            match &field.kind {
                Kind::Text(t) | Kind::Texts(_, t) => {
                    out.extend(t.charset.as_ref().map(|r| r.charset))
                }
                Kind::Objects(_, inner) => charsets(inner, out),
                _ => {}
            }
        }
    }

    #[test]
    fn ascii_only_detection_agrees_with_every_declared_charset() {
        let mut all = Vec::new();
        for p in PROVIDERS.iter() {
            charsets(p.fields, &mut all);
        }
        assert!(!all.is_empty());
        for charset in all {
            if is_ascii_only(charset.pattern) {
                let above = (0x80..=0x10FFFFu32)
                    .filter_map(char::from_u32)
                    .find(|c| (charset.allows)(*c));
                assert_eq!(above, None, "{}", charset.id);
            }
        }
        use crate::charsets::{GROUP_ID, HAN_ALNUM_DASH_UNDERSCORE};
        assert!(is_ascii_only(GROUP_ID.pattern));
        assert!(!is_ascii_only(HAN_ALNUM_DASH_UNDERSCORE.pattern));
        assert!(!is_ascii_only(r"^[^a]*$"));
        assert!(!is_ascii_only(r"^[\u00e9]*$"));
    }
}
