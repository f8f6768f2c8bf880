//! Sources resolve: every rule cites a document `sources.toml` lists and one of its sections, or
//! a public web page; where the seed texts are present, each listed section is found in its text.

use std::path::{Path, PathBuf};

use careform_rules::registry::rules;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Sources {
    document: Vec<Document>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    file: String,
    title: String,
    publisher: String,
    date: String,
    sections_are: String,
    sections: Vec<Section>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Section {
    id: String,
    text: String,
}

fn sources() -> Sources {
    toml::from_str(include_str!("../sources.toml")).expect("sources.toml is valid")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Whitespace collapsed, so a phrase found across a line break still counts.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_citation_names_a_listed_document_and_one_of_its_sections() {
    let sources = sources();
    for d in &sources.document {
        assert!(
            [&d.title, &d.publisher, &d.date, &d.sections_are].iter().all(|s| !s.trim().is_empty())
                && !d.sections.is_empty(),
            "{}: every document has a title, publisher, date, section scheme and sections",
            d.file
        );
    }
    let mut wrong = Vec::new();
    for rule in rules() {
        for cite in rule.cites {
            if cite.doc.starts_with("https://") || cite.doc.starts_with("http://") {
                if !cite.section.is_empty() || cite.doc.contains(char::is_whitespace) {
                    wrong.push(format!("{}: {:?} is a web page: no section, no spaces", rule.id, cite.doc));
                }
                continue;
            }
            match sources.document.iter().find(|d| d.file == cite.doc) {
                None => wrong.push(format!("{}: {:?} is not a document in sources.toml", rule.id, cite.doc)),
                Some(d) if !d.sections.iter().any(|s| s.id == cite.section) => {
                    wrong.push(format!("{}: {} has no section {:?} in sources.toml", rule.id, cite.doc, cite.section))
                }
                Some(_) => {}
            }
        }
    }
    assert!(wrong.is_empty(), "citations that do not resolve:\n{}", wrong.join("\n"));
}

#[test]
fn each_listed_section_occurs_in_its_document() {
    let seeds = repo().join("../shared/seeds");
    let mut wrong = Vec::new();
    let mut skipped = false;
    for d in sources().document {
        // Careform's own documents are in the repository; the seeds sit beside it, when present.
        let path = if d.file.ends_with(".md") { repo().join(&d.file) } else { seeds.join(&d.file) };
        let Ok(text) = std::fs::read_to_string(&path) else {
            skipped = true;
            continue;
        };
        let text = squash(&text);
        for s in &d.sections {
            if !text.contains(&squash(&s.text)) {
                wrong.push(format!("{} {}: {:?} does not occur in {}", d.file, s.id, s.text, path.display()));
            }
        }
    }
    if skipped {
        println!("note: {} is absent, so the seed documents' sections were not looked up", seeds.display());
    }
    assert!(wrong.is_empty(), "sections not found:\n{}", wrong.join("\n"));
}
