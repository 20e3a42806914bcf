//! Field declarations: each provider states its documented rules once, as data, and the walker
//! here applies them. The same declarations feed `constraints`, the JSON Schema and the body
//! builder, so a rule cannot be enforced in one place and forgotten in another.

use crate::charsets::is_blank_utf8;
use crate::issue::{params, Code, Params, ProviderCode, Severity};
use crate::path::{self, Path, Segment};
use crate::rules::charset::{self, CharsetRule};
use crate::rules::length::{self, Limit};
use crate::rules::unique;
use crate::rules::{count, presence, types, Ctx};
use crate::tape::{self, Items, Node};
use crate::value::{integral, Value};

#[derive(Debug)]
pub struct Field {
    /// The provider's wire name.
    pub name: &'static str,
    pub required: Requirement,
    /// `null` is an accepted value (and is sent as `null`).
    pub nullable: bool,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requirement {
    Optional,
    /// Missing (or `null` when not nullable) is an error with this provider code.
    Required(Option<ProviderCode>),
}

#[derive(Debug)]
pub enum Kind {
    Text(Text),
    Integer(Integer),
    Boolean,
    /// One of fixed strings; anything else is an error with this code.
    Choice(&'static [&'static str], Option<ProviderCode>),
    /// An array of strings.
    Texts(List, Text),
    /// An array of integers.
    Integers(List, Integer),
    /// An array of objects.
    Objects(List, &'static [Field]),
    /// A file upload: JSON cannot carry it.
    Upload,
}

#[derive(Debug, Default)]
pub struct Text {
    /// Blank (empty or whitespace only) is an error with this code.
    pub not_blank: Option<Option<ProviderCode>>,
    pub min: Option<Limit>,
    pub max: Option<Limit>,
    pub charset: Option<CharsetRule>,
}

#[derive(Debug, Clone, Copy)]
pub struct Integer {
    pub min: i64,
    pub max: i64,
    /// A string of digits is accepted (with a warning) and sent as a JSON number.
    pub accepts_digit_string: bool,
}

#[derive(Debug, Default)]
pub struct List {
    pub min_items: Option<(usize, Option<ProviderCode>)>,
    pub max_items: Option<(usize, Option<ProviderCode>)>,
    pub unique: Option<Unique>,
}

/// Items must differ: whole string items, or `key` of object items.
#[derive(Debug)]
pub struct Unique {
    pub key: Option<&'static str>,
    pub severity: Severity,
    pub code: Option<ProviderCode>,
}

/// Checks an object against its fields: unknown keys (warned, left out of the body), repeated
/// keys, every present field in the caller's order, then the required ones that are missing.
pub fn check_object(ctx: &mut Ctx, path: &Path, value: &Node, fields: &[Field]) {
    let Some(pairs) = types::expect_object(ctx, path, value) else {
        return;
    };
    // Repeated keys can only come from JSON text; a repeat is reported and not checked again.
    // Up to SCAN_LIMIT keys, looking back over the earlier ones is cheaper than sorting.
    let firsts = (pairs.len() > unique::SCAN_LIMIT).then(|| {
        let keys: Vec<Option<&[u8]>> = pairs.keys().map(|k| Some(k.as_bytes())).collect();
        unique::firsts(&keys)
    });
    // Which declared fields were seen, by their index in `fields` (declarations have fewer
    // than 64): a repeat of a declared name and a missing required one need no search.
    let mut seen: u64 = 0;
    let mut iter = pairs.iter();
    let mut i = 0;
    while let Some((raw_key, v)) = iter.next_raw() {
        // Declared names are ASCII: matched as bytes, only other keys are read as text.
        let declared = fields.iter().position(|f| f.name.as_bytes() == raw_key);
        let bit = declared.map_or(0, |d| 1u64 << (d % 64));
        let repeated = match &firsts {
            Some(firsts) => firsts.earlier(i),
            None if declared.is_some() && seen & bit == 0 => None,
            None => pairs.position_before(raw_key, i),
        };
        let key = declared.map_or_else(|| tape::key_text(raw_key), |d| fields[d].name);
        let key_path = path.key(key);
        i += 1;
        seen |= bit;
        if let Some(first) = repeated {
            unique::repeated_key(ctx, &key_path, first);
            continue;
        }
        match declared {
            Some(d) => check_field(ctx, &key_path, &v, &fields[d]),
            None => ctx.warn(key_path.render(), Code::UnknownField, Params::default()),
        }
    }
    for (d, field) in fields.iter().enumerate() {
        if let Requirement::Required(code) = &field.required {
            if seen & (1u64 << (d % 64)) == 0 {
                presence::missing(ctx, &path.key(field.name), code);
            }
        }
    }
}

/// Checks one present value against its field.
pub fn check_field(ctx: &mut Ctx, path: &Path, value: &Node, field: &Field) {
    if *value == Node::Null && !matches!(field.kind, Kind::Upload) {
        match (field.nullable, &field.required) {
            (true, _) => {}
            (false, Requirement::Required(code)) => presence::missing(ctx, path, code),
            (false, Requirement::Optional) => types::wrong_type(ctx, path, expected(field), value),
        }
        return;
    }
    match &field.kind {
        Kind::Text(rules) => check_text_value(ctx, path, value, rules),
        Kind::Integer(rules) => check_integer(ctx, path, value, rules),
        Kind::Boolean => {
            types::expect_bool(ctx, path, value);
        }
        Kind::Choice(allowed, code) => check_choice(ctx, path, value, allowed, code),
        Kind::Texts(list, rules) => {
            let Some(items) = check_list(ctx, path, value, list) else {
                return;
            };
            let keys: Vec<Option<&[u8]>> = match list.unique {
                Some(_) => items
                    .iter()
                    .map(|n| n.as_str().map(str::as_bytes))
                    .collect(),
                None => Vec::new(),
            };
            let firsts = unique::firsts(&keys);
            for (i, item) in items.iter().enumerate() {
                let item_path = path.index(i);
                check_text_value(ctx, &item_path, &item, rules);
                if let (Some(unique), Some(first)) = (&list.unique, firsts.earlier(i)) {
                    unique::report(ctx, &item_path, first, unique.severity, unique.code.clone());
                }
            }
        }
        Kind::Integers(list, rules) => {
            let Some(items) = check_list(ctx, path, value, list) else {
                return;
            };
            // Numbers are compared as the JSON text they are sent as.
            let keys: Vec<Option<String>> = match list.unique {
                Some(_) => items
                    .iter()
                    .map(|n| matches!(n, Node::Number(_)).then(|| n.to_value().to_json()))
                    .collect(),
                None => Vec::new(),
            };
            let key_bytes: Vec<Option<&[u8]>> = keys
                .iter()
                .map(|k| k.as_deref().map(str::as_bytes))
                .collect();
            let firsts = unique::firsts(&key_bytes);
            for (i, item) in items.iter().enumerate() {
                let item_path = path.index(i);
                check_integer(ctx, &item_path, &item, rules);
                if let (Some(unique), Some(first)) = (&list.unique, firsts.earlier(i)) {
                    unique::report(ctx, &item_path, first, unique.severity, unique.code.clone());
                }
            }
        }
        Kind::Objects(list, fields) => {
            let Some(items) = check_list(ctx, path, value, list) else {
                return;
            };
            // Items are unique by one of their fields, when the list says so. Blank keys are
            // already an error of their own; they are not "duplicates".
            let unique = list.unique.as_ref().and_then(|u| Some((u, u.key?)));
            let keys: Vec<Option<&[u8]>> = match unique {
                Some((_, key)) => items
                    .iter()
                    .map(|item| match item {
                        Node::Object(fields) => fields.get_str_bytes(key),
                        _ => None,
                    })
                    .map(|bytes| bytes.filter(|b| !is_blank_utf8(b)))
                    .collect(),
                None => Vec::new(),
            };
            let firsts = unique::firsts(&keys);
            for (i, item) in items.iter().enumerate() {
                let item_path = path.index(i);
                check_object(ctx, &item_path, &item, fields);
                if let (Some((unique, key)), Some(first)) = (unique, firsts.earlier(i)) {
                    let key_path = item_path.key(key);
                    unique::report(ctx, &key_path, first, unique.severity, unique.code.clone());
                }
            }
        }
        Kind::Upload => {
            if *value != Node::Null {
                ctx.error(path.render(), Code::NeedsMultipart, None, Params::default());
            }
        }
    }
}

fn check_list<'t>(ctx: &mut Ctx, path: &Path, value: &Node<'t>, list: &List) -> Option<Items<'t>> {
    let items = types::expect_array(ctx, path, value)?;
    if let Some((min, code)) = &list.min_items {
        count::check_min_items(ctx, path, items.len(), *min, code);
    }
    if let Some((max, code)) = &list.max_items {
        count::check_max_items(ctx, path, items.len(), *max, code);
    }
    Some(items)
}

pub fn check_text_value(ctx: &mut Ctx, path: &Path, value: &Node, rules: &Text) {
    if let Some(s) = types::expect_str(ctx, path, value) {
        check_text(ctx, path, s, rules);
    }
}

/// The text rules, in a fixed order: blank, length, charset, then the whitespace hint where no
/// charset already speaks about whitespace.
pub fn check_text(ctx: &mut Ctx, path: &Path, s: &str, rules: &Text) {
    if let Some(code) = &rules.not_blank {
        if presence::check_blank(ctx, path, s, code) {
            return;
        }
    }
    if let Some(limit) = &rules.min {
        length::check_min(ctx, path, s, limit);
    }
    if let Some(limit) = &rules.max {
        length::check_max(ctx, path, s, limit);
    }
    match &rules.charset {
        Some(rule) => charset::check(ctx, path, s, rule),
        None => presence::check_surrounding_whitespace(ctx, path, s),
    }
}

pub fn check_integer(ctx: &mut Ctx, path: &Path, value: &Node, rules: &Integer) {
    match value {
        // `integral` saturates, so a huge integral number still lands outside the range.
        Node::Number(n) => match integral(*n) {
            Some(n) => types::check_range(ctx, path, n, rules.min, rules.max),
            None => types::wrong_type(ctx, path, "integer", value),
        },
        Node::Str(s) if rules.accepts_digit_string => match types::parse_digit_string(s) {
            Some(n) => {
                let params = params!("expected" => "integer", "actual" => "string");
                ctx.warn(path.render(), Code::InvalidType, params);
                types::check_range(ctx, path, n, rules.min, rules.max);
            }
            None => types::wrong_type(ctx, path, "integer", value),
        },
        Node::Unencodable => {
            ctx.error(
                path.render(),
                Code::InvalidEncoding,
                None,
                Params::default(),
            );
        }
        other => types::wrong_type(ctx, path, "integer", other),
    }
}

fn check_choice(
    ctx: &mut Ctx,
    path: &Path,
    value: &Node,
    allowed: &[&str],
    code: &Option<ProviderCode>,
) {
    if let Some(s) = types::expect_str(ctx, path, value) {
        if !allowed.contains(&s) {
            let params = params!("allowed" => allowed.join("|"));
            ctx.error(path.render(), Code::InvalidValue, code.clone(), params);
        }
    }
}

/// The JSON type name a field expects, for `invalid_type`.
pub fn expected(field: &Field) -> &'static str {
    match field.kind {
        Kind::Text(_) | Kind::Choice(..) | Kind::Upload => "string",
        Kind::Integer(_) => "integer",
        Kind::Boolean => "boolean",
        Kind::Texts(..) | Kind::Integers(..) | Kind::Objects(..) => "array",
    }
}

/// The body for a payload that validated: known fields only, in the caller's order, values as
/// given — except a digit string where an integer is declared, which is sent as the number
/// it spells (the documented conversion, reported as a warning).
pub fn body(value: &Node, fields: &[Field]) -> Value {
    let Node::Object(pairs) = value else {
        return value.to_value();
    };
    let mut known = Vec::with_capacity(pairs.len());
    let mut iter = pairs.iter();
    while let Some((raw_key, v)) = iter.next_raw() {
        if let Some(field) = fields.iter().find(|f| f.name.as_bytes() == raw_key) {
            known.push((field.name.to_owned(), field_body(&v, field)));
        }
    }
    Value::Object(known)
}

fn field_body(value: &Node, field: &Field) -> Value {
    match (&field.kind, value) {
        (Kind::Integer(rules), Node::Str(s)) if rules.accepts_digit_string => {
            match types::parse_digit_string(s) {
                Some(n) => Value::Number(n as f64),
                None => value.to_value(),
            }
        }
        (Kind::Objects(_, item_fields), Node::Array(items)) => {
            Value::Array(items.iter().map(|item| body(&item, item_fields)).collect())
        }
        _ => value.to_value(),
    }
}

/// Finds the field a path names: `GroupName`, `list[3].name`, `list[].name`,
/// `GroupExDescriptions[1]`. Returns the field and whether the path names one item of an
/// array field (then the item rules apply, not the array's).
pub fn resolve<'f>(fields: &'f [Field], path: &str) -> Option<(&'f Field, bool)> {
    let segments = path::parse(path);
    let mut current = fields;
    let mut steps = segments.iter().peekable();
    while let Some(Segment::Key(name)) = steps.next() {
        let field = current.iter().find(|f| f.name == name)?;
        let item = matches!(steps.peek(), Some(Segment::Index(_) | Segment::Items));
        if item {
            steps.next();
        }
        match (steps.peek(), &field.kind) {
            (None, _) => return Some((field, item)),
            (Some(Segment::Key(_)), Kind::Objects(_, item_fields)) if item => current = item_fields,
            _ => return None,
        }
    }
    None
}
