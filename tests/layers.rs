//! The crate's imports point one way: no file of `src/` imports a file that imports it back,
//! directly or through others. Edges are every `crate::`, `super::` and `self::` path in a file
//! (`use` lines, `pub use` re-exports and paths written inline); a `mod x;` declaration is not an
//! import. Each path resolves to the deepest file it names: `crate::rules::charset::Charset` is
//! `src/rules/charset.rs`, `crate::rules::Ctx` is `src/rules/mod.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Module path (`["rules", "charset"]`) of each `.rs` file under `src/`.
fn modules(root: &Path) -> BTreeMap<Vec<String>, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("read src/") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(root).expect("under src/");
            let mut parts: Vec<String> = rel
                .iter()
                .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
                parts.pop();
            }
            out.insert(parts, path);
        }
    }
    out
}

/// The source with comments, string literals and `#[cfg(test)]` modules removed: test modules
/// may reach anywhere, and text in comments or strings is not an import.
fn code_only(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if source[i..].starts_with("//") {
            i += source[i..].find('\n').unwrap_or(source.len() - i);
        } else if source[i..].starts_with("/*") {
            i += source[i..].find("*/").map_or(source.len() - i, |e| e + 2);
        } else if source[i..].starts_with("r#\"") {
            i += 3 + source[i + 3..]
                .find("\"#")
                .map_or(source.len() - i - 3, |e| e + 2);
        } else if bytes[i] == b'"' {
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
        } else if bytes[i] == b'\'' && source[i..].chars().nth(2) == Some('\'') {
            i += 1 + source[i + 1..].chars().next().map_or(1, char::len_utf8) + 1;
        } else if source[i..].starts_with("#[cfg(test)]") {
            // Skip the attribute and the item it guards, up to its matching close brace.
            let Some(open) = source[i..].find('{') else {
                break;
            };
            let mut depth = 0;
            let mut j = i + open;
            while j < bytes.len() {
                match bytes[j] {
                    b'{' => depth += 1,
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            i = j + 1;
        } else {
            let c = source[i..].chars().next().expect("in bounds");
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Every path that starts with `crate`, `super`, `self` or one of `children` (the file's own
/// submodules, which a path may name bare), with `use` groups expanded:
/// `use crate::a::{b, c::{d}}` gives `crate::a::b` and `crate::a::c::d`; a bare child `x::y`
/// comes back as `self::x::y`.
fn paths(code: &str, children: &BTreeSet<String>) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let boundary = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        let word: String = chars[i..]
            .iter()
            .take_while(|c| c.is_alphanumeric() || **c == '_')
            .collect();
        let after_path = i >= 2 && chars[i - 2..i] == [':', ':'];
        let child = !after_path
            && children.contains(&word)
            && chars.get(i + word.len()) == Some(&':')
            && chars.get(i + word.len() + 1) == Some(&':');
        if boundary && (child || matches!(word.as_str(), "crate" | "super" | "self")) {
            let prefix = if child {
                vec!["self".to_owned()]
            } else {
                Vec::new()
            };
            let (found, end) = expand(&chars, i, prefix);
            out.extend(found);
            i = end.max(i + 1);
        } else {
            i += word.len().max(1);
        }
    }
    // A bare `crate` is a visibility (`pub(crate)`), not a path.
    out.retain(|p| p.len() > 1);
    out
}

/// Reads a path from `at` (`a::b::{c, d}`), returning each full path and where it ended.
fn expand(chars: &[char], mut at: usize, prefix: Vec<String>) -> (Vec<Vec<String>>, usize) {
    let mut path = prefix;
    loop {
        while chars.get(at).is_some_and(|c| c.is_whitespace()) {
            at += 1;
        }
        if chars.get(at) == Some(&'{') {
            let mut out = Vec::new();
            at += 1;
            loop {
                while chars
                    .get(at)
                    .is_some_and(|c| c.is_whitespace() || *c == ',')
                {
                    at += 1;
                }
                match chars.get(at) {
                    None => return (out, at),
                    Some('}') => return (out, at + 1),
                    _ => {}
                }
                let (found, end) = expand(chars, at, path.clone());
                out.extend(found);
                at = end.max(at + 1);
            }
        }
        let word: String = chars[at..]
            .iter()
            .take_while(|c| c.is_alphanumeric() || **c == '_')
            .collect();
        if word.is_empty() {
            return (vec![path], at);
        }
        path.push(word.clone());
        at += word.chars().count();
        let mut look = at;
        while chars.get(look).is_some_and(|c| c.is_whitespace()) {
            look += 1;
        }
        if chars.get(look) == Some(&':') && chars.get(look + 1) == Some(&':') {
            at = look + 2;
        } else {
            return (vec![path], at);
        }
    }
}

/// The file a path names, from the module `from`: the deepest module on the path.
fn resolve(
    path: &[String],
    from: &[String],
    files: &BTreeMap<Vec<String>, PathBuf>,
) -> Option<Vec<String>> {
    let mut module: Vec<String> = Vec::new();
    let mut rest = path;
    match path.first().map(String::as_str) {
        Some("crate") => rest = &path[1..],
        Some("self") | Some("super") => {
            module = from.to_vec();
            while let Some(head) = rest.first() {
                match head.as_str() {
                    "super" => {
                        module.pop()?;
                    }
                    "self" => {}
                    _ => break,
                }
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    for segment in rest {
        let mut next = module.clone();
        next.push(segment.clone());
        if files.contains_key(&next) {
            module = next;
        } else {
            break;
        }
    }
    files.contains_key(&module).then_some(module)
}

fn cycles(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<String>> {
    // Tarjan's strongly connected components; a component of more than one file is a cycle.
    struct State<'g> {
        graph: &'g BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<&'g Vec<String>, usize>,
        low: BTreeMap<&'g Vec<String>, usize>,
        stack: Vec<&'g Vec<String>>,
        on_stack: BTreeSet<&'g Vec<String>>,
        out: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g Vec<String>) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.graph.get(v).into_iter().flatten() {
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.join("::"));
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.out.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v) {
            visit(&mut state, v);
        }
    }
    state.out
}

fn import_graph(root: &Path) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let files = modules(root);
    let mut graph = BTreeMap::new();
    for (module, file) in &files {
        let source = fs::read_to_string(file).expect("read source");
        let children: BTreeSet<String> = files
            .keys()
            .filter(|m| m.len() == module.len() + 1 && m.starts_with(module))
            .filter_map(|m| m.last().cloned())
            .collect();
        let targets: BTreeSet<Vec<String>> = paths(&code_only(&source), &children)
            .iter()
            .filter_map(|p| resolve(p, module, &files))
            .filter(|target| target != module)
            .collect();
        graph.insert(module.clone(), targets);
    }
    graph
}

#[test]
fn src_has_no_import_cycles() {
    let graph = import_graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(graph.len() > 10, "src/ was not read");
    let found = cycles(&graph);
    let name = |m: &Vec<String>| m.join("::");
    let report: Vec<String> = found
        .iter()
        .map(|component| {
            let edges: Vec<String> = graph
                .iter()
                .filter(|(from, _)| component.contains(&name(from)))
                .flat_map(|(from, to)| {
                    to.iter()
                        .filter(|t| component.contains(&name(t)))
                        .map(move |t| format!("    {} -> {}", name(from), name(t)))
                })
                .collect();
            format!("  {}\n{}", component.join(" <-> "), edges.join("\n"))
        })
        .collect();
    assert!(
        found.is_empty(),
        "files that import each other, directly or through others (\"\" is lib.rs):\n{}",
        report.join("\n")
    );
}

#[test]
fn the_checker_sees_use_groups_super_and_inline_paths() {
    let code = code_only(
        "use crate::a::{b, c::{D, e}};\nuse super::X;\nfn f() { crate::g::h(); }\n\
         // use crate::comment;\nconst S: &str = \"crate::string\";\n\
         #[cfg(test)]\nmod tests { use crate::only_tests; }\npub use kid::Y;\nother::kid::z();\n",
    );
    let children = BTreeSet::from(["kid".to_owned()]);
    let found: Vec<String> = paths(&code, &children)
        .iter()
        .map(|p| p.join("::"))
        .collect();
    assert_eq!(
        found,
        [
            "crate::a::b",
            "crate::a::c::D",
            "crate::a::c::e",
            "super::X",
            "crate::g::h",
            "self::kid::Y"
        ]
    );
    let mut graph = BTreeMap::new();
    let m = |s: &str| vec![s.to_owned()];
    graph.insert(m("a"), BTreeSet::from([m("b")]));
    graph.insert(m("b"), BTreeSet::from([m("c")]));
    graph.insert(m("c"), BTreeSet::from([m("a")]));
    graph.insert(m("d"), BTreeSet::from([m("a")]));
    assert_eq!(cycles(&graph), [vec!["a", "b", "c"]]);
}
