//! Every rule Careform checks, in one place: id, form, title, default outcome and source.
//!
//! Findings are built from these statics (`Finding::new(&registry::DI_09, …)`), never from a
//! string, so a rule id on a verdict can always be looked up here, and the README's rule tables
//! and `careform rules` are generated from the same list. Plain `&'static` data: nothing is parsed
//! at run time, which keeps the widgets' wasm small.
//!
//! Only rules the code implements are registered; the catalogue's other rules are listed in the
//! README as not implemented yet.

mod dbs_insurance;
mod demo;
mod gift_register;
mod key_holding;
mod lexicon;
mod pa;
mod provider_application;
mod render;
mod task_scope;

pub use dbs_insurance::*;
pub use demo::*;
pub use gift_register::*;
pub use key_holding::*;
pub use lexicon::*;
pub use pa::*;
pub use provider_application::*;
pub use render::{json, markdown};
pub use task_scope::*;

use crate::outcome::Outcome;

/// One rule.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable id, as findings and the rules catalogue carry it, e.g. `DI-09`.
    pub id: &'static str,
    /// The id of the form it belongs to, e.g. `dbs-insurance`.
    pub form: &'static str,
    /// What it checks, in a line.
    pub title: &'static str,
    /// Its outcome when the data does not meet it (what it can cost a submission at worst, under
    /// the default profile); `info` for rules that only classify or guide.
    pub outcome: Outcome,
    /// Where it comes from: seed documents and their sections (`sources.toml`) or public pages.
    pub cites: &'static [Cite],
}

/// One citation: a seed document and one of its sections, or a public web page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cite {
    /// A seed file name listed in `crates/rules/sources.toml`, or a public `http(s)` address.
    pub doc: &'static str,
    /// A section listed for that document in `sources.toml`; empty for a web page.
    pub section: &'static str,
    /// What the section says that matters here, when that helps a reader (may be empty).
    pub note: &'static str,
}

/// A seed document's section.
pub const fn seed(doc: &'static str, section: &'static str) -> Cite {
    Cite { doc, section, note: "" }
}

/// A public web page.
pub const fn url(address: &'static str) -> Cite {
    Cite { doc: address, section: "", note: "" }
}

impl Cite {
    /// The same citation with a note.
    pub const fn note(self, note: &'static str) -> Cite {
        Cite { note, ..self }
    }
}

impl std::fmt::Display for Cite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.doc)?;
        if !self.section.is_empty() {
            write!(f, " {}", self.section)?;
        }
        if !self.note.is_empty() {
            write!(f, " ({})", self.note)?;
        }
        Ok(())
    }
}

impl Rule {
    /// The citations as one line, as a finding shows its source: `;` between documents, and
    /// sections of one document together ("004_….txt §10.2, §14.4; 003_….txt EoE Std 10.2").
    pub fn source(&self) -> String {
        let mut out = String::new();
        let mut previous: Option<&Cite> = None;
        for c in self.cites {
            match previous {
                Some(p) if p.doc == c.doc && p.note.is_empty() && !c.section.is_empty() => {
                    out.push_str(", ");
                    out.push_str(c.section);
                    if !c.note.is_empty() {
                        out.push_str(&format!(" ({})", c.note));
                    }
                }
                Some(_) => out.push_str(&format!("; {c}")),
                None => out.push_str(&c.to_string()),
            }
            previous = Some(c);
        }
        out
    }
}

/// The seed documents, by the names the rules catalogue gives them.
pub const S000: &str = "000_0306a16ec1856581.txt";
/// Somerset: who micro-providers are, and the exemption.
pub const S001: &str = "001_fd57efb38e067e2e.txt";
/// Together! 2012 CIC: Code of Practice for Personal Assistance.
pub const S002: &str = "002_b95db3235203d26a.txt";
/// Cambridgeshire: supported living service specification.
pub const S003: &str = "003_511e571f1df8e389.txt";
/// Bexley: homecare service specification.
pub const S004: &str = "004_08a37aa4ee6b72b0.txt";
/// Careform's own documentation, for rules Careform adds (never a council's rule).
pub const README: &str = "README.md";

/// Every rule, form by form, each form's rules in id order.
pub static RULES: &[&[&Rule]] = &[
    demo::RULES,
    pa::RULES,
    task_scope::RULES,
    lexicon::RULES,
    dbs_insurance::RULES,
    gift_register::RULES,
    key_holding::RULES,
    provider_application::RULES,
];

/// Every registered rule.
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    RULES.iter().flat_map(|form| form.iter().copied())
}

/// The rule with this id.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    rules().find(|r| r.id == id)
}
