//! Paths in the provider's wire names: `list[2].name`, `GroupExDescriptions[1]`, `""` for the
//! payload itself. One grammar, parsed and printed here only: issues, `validateField`,
//! Standard Schema issues and the demo page all go through [`parse`] and [`format()`].
//!
//! Grammar: keys joined by `.`, each followed by any number of `[index]` (decimal digits) or
//! `[]` (every item, in form constraints). A segment that does not fit the grammar, such as
//! `a[x]`, is one key as written.

use crate::value::push_int;
use serde::{Serialize, Serializer};

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
    /// `[]`: every item of an array (constraints name item rules this way).
    Items,
}

/// As Standard Schema paths and JS arrays have them: a key as a string, an index as a number,
/// every item as `"[]"`.
impl Serialize for Segment {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Segment::Key(k) => s.serialize_str(k),
            Segment::Index(i) => s.serialize_u64(*i as u64),
            Segment::Items => s.serialize_str("[]"),
        }
    }
}

/// The segments of `path`; `""` has none.
pub fn parse(path: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    if path.is_empty() {
        return out;
    }
    for part in path.split('.') {
        let (name, mut rest) = match part.find('[') {
            Some(open) => part.split_at(open),
            None => (part, ""),
        };
        let mut steps = Vec::new();
        while let Some(inner) = rest.strip_prefix('[') {
            let Some(close) = inner.find(']') else { break };
            let digits = &inner[..close];
            if digits.is_empty() {
                steps.push(Segment::Items);
            } else if digits.bytes().all(|b| b.is_ascii_digit()) {
                match digits.parse() {
                    Ok(i) => steps.push(Segment::Index(i)),
                    Err(_) => break,
                }
            } else {
                break;
            }
            rest = &inner[close + 1..];
        }
        if !rest.is_empty() {
            out.push(Segment::Key(part.to_owned()));
            continue;
        }
        if !name.is_empty() {
            out.push(Segment::Key(name.to_owned()));
        }
        out.extend(steps);
    }
    out
}

/// The text of `segments`, the inverse of [`parse`] for every path it produces.
pub fn format(segments: &[Segment]) -> String {
    let mut out = String::new();
    for segment in segments {
        match segment {
            Segment::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Index(i) => push_index(&mut out, *i),
            Segment::Items => out.push_str("[]"),
        }
    }
    out
}

/// `[i]`.
fn push_index(out: &mut String, i: usize) {
    out.push('[');
    push_int(out, i64::try_from(i).unwrap_or(i64::MAX));
    out.push(']');
}

/// `parent.field`, or `field` at the root.
pub fn join(parent: &str, field: &str) -> String {
    if parent.is_empty() {
        field.to_owned()
    } else {
        format!("{parent}.{field}")
    }
}

/// Where a value sits in the payload, built on the stack as the walker descends and rendered
/// to text only when an issue is reported: a valid payload costs no path strings at all.
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// A path given whole: `""` for the payload itself, or one the caller named
    /// (`validateField`'s `"list[2].name"`).
    Given(&'a str),
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    pub const ROOT: Path<'static> = Path::Given("");

    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    pub fn index(&'a self, i: usize) -> Path<'a> {
        Path::Index(self, i)
    }

    /// The wire-name text: `list[2].name`, `GroupExDescriptions[1]`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        self.write_to(&mut out);
        out
    }

    fn write_to(&self, out: &mut String) {
        match self {
            Path::Given(text) => out.push_str(text),
            Path::Key(parent, key) => {
                parent.write_to(out);
                if !out.is_empty() {
                    out.push('.');
                }
                push_key(out, key);
            }
            Path::Index(parent, i) => {
                parent.write_to(out);
                push_index(out, *i);
            }
        }
    }
}

/// The most characters of one key a rendered path keeps: a key is the caller's text (an
/// unknown field can be named anything, megabytes long), and no report string may grow
/// without bound. A longer key is cut there and ends with "…".
pub const PATH_KEY_MAX_CHARS: usize = 100;

fn push_key(out: &mut String, key: &str) {
    // At most PATH_KEY_MAX_CHARS bytes is at most that many characters: no count needed.
    if key.len() <= PATH_KEY_MAX_CHARS {
        out.push_str(key);
        return;
    }
    match key.char_indices().nth(PATH_KEY_MAX_CHARS) {
        None => out.push_str(key),
        Some((cut, _)) => {
            out.push_str(&key[..cut]);
            out.push('…');
        }
    }
}

impl<'a> From<&'a str> for Path<'a> {
    fn from(text: &'a str) -> Path<'a> {
        Path::Given(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Segment::{Index, Items, Key};

    #[test]
    fn stack_paths_render_in_wire_names() {
        let root = Path::ROOT;
        let list = root.key("list");
        let item = list.index(2);
        assert_eq!(item.key("name").render(), "list[2].name");
        assert_eq!(
            Path::from("GroupExDescriptions").index(1).render(),
            "GroupExDescriptions[1]"
        );
        assert_eq!(Path::from("list[3]").key("name").render(), "list[3].name");
        assert_eq!(root.render(), "");
        let long = "é".repeat(PATH_KEY_MAX_CHARS + 1);
        let cut = format!("list.{}…", "é".repeat(PATH_KEY_MAX_CHARS));
        assert_eq!(root.key("list").key(&long).render(), cut);
        let fits = "é".repeat(PATH_KEY_MAX_CHARS);
        assert_eq!(root.key(&fits).render(), fits);
    }

    #[test]
    fn parse_splits_keys_indexes_and_item_markers() {
        assert_eq!(parse(""), []);
        assert_eq!(parse("GroupName"), [Key("GroupName".into())]);
        assert_eq!(
            parse("list[2].name"),
            [Key("list".into()), Index(2), Key("name".into())]
        );
        assert_eq!(
            parse("list[].name"),
            [Key("list".into()), Items, Key("name".into())]
        );
        assert_eq!(
            parse("GroupExDescriptions[10]"),
            [Key("GroupExDescriptions".into()), Index(10)]
        );
        assert_eq!(parse("a[x]"), [Key("a[x]".into())]);
        assert_eq!(parse("a[1"), [Key("a[1".into())]);
    }

    #[test]
    fn format_inverts_parse() {
        for text in [
            "",
            "GroupName",
            "list[2].name",
            "list[].name",
            "a[0][1].b",
            "a[x]",
        ] {
            assert_eq!(format(&parse(text)), text, "{text}");
        }
        assert_eq!(format(&[Index(0), Key("a".into())]), "[0].a");
    }
}
