//! The crate's modules form layers without cycles: every `crate::…` path in a module's source is
//! an edge to the top-level module it names, and the graph must be acyclic. Also: no module
//! reaches back into the crate root (it only lists forms and dispatches), the forms use no
//! sibling form except through its public surface, and no source file is much over 400 lines.
//!
//! Lowest first: outcome, date, money ← registry ← finding, report, form ← lexicon ← profile ←
//! demo, pa, task_scope ← dbs_insurance (which classes workers' tasks with `task_scope::classify`)
//! ← provider_application (which runs both on the application's own tasks, workers and policies).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const ROOT: &str = "(crate root)";
const FORMS: [&str; 7] =
    ["demo", "pa", "task_scope", "dbs_insurance", "gift_register", "key_holding", "provider_application"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every source file with the top-level module it belongs to.
fn files() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(src()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        if path.is_dir() {
            for f in std::fs::read_dir(&path).unwrap() {
                out.push((name.clone(), f.unwrap().path()));
            }
        } else if name == "lib" {
            out.push((ROOT.to_owned(), path));
        } else {
            out.push((name, path));
        }
    }
    out.sort();
    out
}

/// The first segment of every `crate::` path in `code` (comments left out), groups expanded.
fn crate_paths(code: &str) -> Vec<(String, String)> {
    let code: String = code.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let mut out = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map(|(i, _)| i)
                .unwrap();
            let mut item = String::new();
            let mut depth = 0;
            for c in group[..end].chars().chain([',']) {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        let item_path = item.trim().to_owned();
                        let first = item_path.split("::").next().unwrap().trim().to_owned();
                        if !first.is_empty() {
                            out.push((first, item_path));
                        }
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
        } else {
            let path: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
            let first = path.split("::").next().unwrap().to_owned();
            out.push((first, path));
        }
    }
    out
}

/// module → the modules it uses (a name that is not a module is the crate root's re-export).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<String> = files().into_iter().map(|(m, _)| m).collect();
    let mut g: BTreeMap<String, BTreeSet<String>> = modules.iter().map(|m| (m.clone(), BTreeSet::new())).collect();
    for (module, path) in files() {
        for (first, _) in crate_paths(&std::fs::read_to_string(&path).unwrap()) {
            let to = if modules.contains(&first) { first } else { ROOT.to_owned() };
            if to != module {
                g.get_mut(&module).unwrap().insert(to);
            }
        }
    }
    g
}

#[test]
fn the_modules_have_no_cycles() {
    let g = graph();
    // Depth-first search; a module met again while still on the stack closes a cycle.
    fn visit<'a>(
        m: &'a str,
        g: &'a BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) {
        if done.contains(m) {
            return;
        }
        if let Some(at) = stack.iter().position(|s| *s == m) {
            panic!("module cycle: {} -> {m}", stack[at..].join(" -> "));
        }
        stack.push(m);
        for next in &g[m] {
            visit(next, g, stack, done);
        }
        stack.pop();
        done.insert(m);
    }
    let mut done = BTreeSet::new();
    for m in g.keys() {
        visit(m, &g, &mut Vec::new(), &mut done);
    }
    for (m, uses) in &g {
        println!("{m} -> {}", uses.iter().cloned().collect::<Vec<_>>().join(", "));
    }
}

#[test]
fn no_module_reaches_back_into_the_crate_root() {
    let back: Vec<String> =
        graph().into_iter().filter(|(m, uses)| m != ROOT && uses.contains(ROOT)).map(|(m, _)| m).collect();
    assert!(back.is_empty(), "these use `crate::Name` re-exports instead of the module that owns Name: {back:?}");
}

#[test]
fn the_layers_below_the_forms_use_no_form_and_forms_use_only_a_siblings_public_surface() {
    let g = graph();
    for (m, uses) in &g {
        if m == ROOT || FORMS.contains(&m.as_str()) {
            continue;
        }
        let forms: Vec<&String> = uses.iter().filter(|u| FORMS.contains(&u.as_str())).collect();
        assert!(forms.is_empty(), "{m} sits below the forms but uses {forms:?}");
    }
    for (module, path) in files() {
        if !FORMS.contains(&module.as_str()) {
            continue;
        }
        for (first, full) in crate_paths(&std::fs::read_to_string(&path).unwrap()) {
            if FORMS.contains(&first.as_str()) && first != module {
                // `crate::task_scope::classify` is the public function; a deeper path would be internals.
                let allowed = match module.as_str() {
                    "dbs_insurance" => first == "task_scope",
                    "provider_application" => first == "task_scope" || first == "dbs_insurance",
                    _ => false,
                };
                assert!(
                    allowed && full.matches("::").count() == 1,
                    "{}: {full}: forms are independent; dbs_insurance may use task_scope's public surface, and provider_application those of task_scope and dbs_insurance, only",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn no_source_file_is_much_over_400_lines() {
    let long: Vec<String> = files()
        .into_iter()
        .map(|(_, p)| (std::fs::read_to_string(&p).unwrap().lines().count(), p))
        .filter(|(n, _)| *n > 420)
        .map(|(n, p)| format!("{}: {n} lines", p.display()))
        .collect();
    assert!(long.is_empty(), "split these by job: {long:?}");
}
