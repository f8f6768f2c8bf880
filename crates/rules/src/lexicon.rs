//! The task lexicon (`data/task-scope/lexicon.json`) compiled for matching.
//!
//! Matching is data-driven: a concept matches a clause when all the stems of one of its phrases
//! occur there in order, with at most [`MAX_GAP`] other words between them and no "and"/"or"
//! in the gap. Qualifiers are concepts with `requires` phrases; more specific concepts name the
//! concepts they `suppress`. Nothing here knows what any concept means: that is the profiles' job.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use serde::Deserialize;

/// Most words allowed between two words of a phrase ("change *the* dressing *on her* leg").
const MAX_GAP: usize = 2;
/// Shortest word Careform tries to read as a misspelling of a lexicon word.
const MIN_FUZZY_LEN: usize = 6;
/// From this length a word may be two edits away from the lexicon word (one edit below it).
const TWO_EDITS_LEN: usize = 9;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    #[allow(dead_code)]
    about: String,
    version: String,
    negation: NegationFile,
    stopwords: Vec<String>,
    conjunctions: Vec<String>,
    markers: BTreeMap<String, Vec<String>>,
    concepts: Vec<ConceptFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NegationFile {
    cues: Vec<String>,
    others: Vec<String>,
    others_lead: Vec<String>,
    not_negation: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConceptFile {
    id: String,
    label: String,
    lexicon: String,
    rules: Vec<String>,
    source: String,
    phrases: Vec<String>,
    #[serde(default)]
    requires: Vec<String>,
    #[serde(default)]
    suppresses: Vec<SuppressFile>,
    #[serde(default)]
    flags: Vec<Flag>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum SuppressFile {
    Always(String),
    Unless(SuppressUnlessFile),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SuppressUnlessFile {
    concept: String,
    unless: Vec<String>,
}

/// What a concept brings to the plan-level rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// Any medication task (TS-09).
    Medication,
    /// Prompting or reminding (TS-08).
    MedicationPrompt,
    /// Transfers, hoists, lifting (TS-27).
    MovingHandling,
    /// Restraint or restrictive practice (TS-29).
    Restraint,
    /// Home oxygen (TS-34).
    Oxygen,
    /// Swallowing, modified diets (TS-38).
    Dysphagia,
    /// Preparing food (TS-31).
    Food,
    /// Domestic cleaning (TS-16).
    Cleaning,
    /// Handling the person's money (TS-32).
    Money,
}

/// A phrase as stems.
type Phrase = Vec<String>;

/// One concept of the lexicon, compiled.
#[derive(Debug)]
pub struct Concept {
    /// Stable id, the key profiles classify.
    pub id: String,
    /// Plain-English name.
    pub label: String,
    /// Its lexicon entry, e.g. `LX-09` (a registered rule: `tests/registry.rs` checks the file).
    pub lexicon: String,
    /// The catalogue rules it brings (registered too).
    pub rules: Vec<String>,
    /// Seed file and section, or public source.
    pub source: String,
    /// Plan-level rules it triggers.
    pub flags: Vec<Flag>,
    phrases: Vec<Phrase>,
    requires: Vec<Phrase>,
    suppresses: Vec<(usize, Vec<Phrase>)>,
}

/// The compiled lexicon.
pub struct Lexicon {
    /// Its version, from the file.
    pub version: String,
    /// Every concept, in file order (ties in precedence go to the earlier one).
    pub concepts: Vec<Concept>,
    stemmer: Stemmer,
    stopwords: HashSet<String>,
    conjunctions: HashSet<String>,
    cues: HashSet<String>,
    others: Vec<Phrase>,
    others_lead: HashSet<String>,
    /// Phrases in which "by" someone is not someone else doing the task ("left out by family").
    not_negation: Vec<Phrase>,
    markers: BTreeMap<String, Vec<Phrase>>,
    /// Every word the lexicon knows, as written, with its stem: what misspellings are read against.
    words: Vec<(String, String)>,
    stems: HashSet<String>,
}

/// One clause of a task description, as stems.
#[derive(Debug)]
struct Clause {
    stems: Vec<String>,
    negated: bool,
}

/// A concept found in a description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Index into [`Lexicon::concepts`].
    pub concept: usize,
    /// Whether it was only found in clauses that say someone else does it, or that it is not done.
    pub negated: bool,
}

/// What the lexicon found in one description.
#[derive(Debug, Default)]
pub struct Found {
    /// Concepts, in lexicon order, each once (not negated wins over negated).
    pub matches: Vec<Match>,
    /// Marker names (e.g. `compliance_aid`) found in clauses that are not negated.
    pub markers: BTreeSet<String>,
    /// Misspellings read as lexicon words: (as written, read as).
    pub corrections: Vec<(String, String)>,
}

static LEXICON: OnceLock<Lexicon> = OnceLock::new();

/// The built-in lexicon.
pub fn lexicon() -> &'static Lexicon {
    LEXICON.get_or_init(|| {
        Lexicon::compile(include_str!("../data/task-scope/lexicon.json"))
            .unwrap_or_else(|e| panic!("the built-in lexicon is broken: {e}"))
    })
}

impl Lexicon {
    /// Compiles a lexicon file; errors name the concept and phrase at fault.
    pub fn compile(json: &str) -> Result<Lexicon, String> {
        let file: LexiconFile = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let stemmer = Stemmer::create(Algorithm::English);
        let mut lex = Lexicon {
            version: file.version,
            concepts: Vec::new(),
            stemmer,
            stopwords: file.stopwords.into_iter().collect(),
            conjunctions: file.conjunctions.iter().cloned().collect(),
            cues: file.negation.cues.into_iter().collect(),
            others: Vec::new(),
            others_lead: file.negation.others_lead.into_iter().collect(),
            not_negation: Vec::new(),
            markers: BTreeMap::new(),
            words: Vec::new(),
            stems: HashSet::new(),
        };
        let mut raw_words = BTreeSet::new();
        let mut phrase = |text: &str, lex: &Lexicon, what: &str| -> Result<Phrase, String> {
            let words = lex.words_of(text);
            raw_words.extend(words.iter().cloned());
            let stems: Phrase = words.iter().map(|w| lex.stem(w)).collect();
            if stems.is_empty() {
                return Err(format!("{what}: the phrase {text:?} has no words once stopwords are removed"));
            }
            Ok(stems)
        };
        let others: Result<Vec<_>, _> = file.negation.others.iter().map(|t| phrase(t, &lex, "negation")).collect();
        lex.others = others?;
        let not_negation: Result<Vec<_>, _> =
            file.negation.not_negation.iter().map(|t| phrase(t, &lex, "negation")).collect();
        lex.not_negation = not_negation?;
        for (name, list) in &file.markers {
            let compiled: Result<Vec<_>, _> = list.iter().map(|t| phrase(t, &lex, name)).collect();
            lex.markers.insert(name.clone(), compiled?);
        }
        let ids: Vec<String> = file.concepts.iter().map(|c| c.id.clone()).collect();
        let index = |id: &str, from: &str| {
            ids.iter().position(|i| i == id).ok_or_else(|| format!("{from} suppresses {id:?}, which is not a concept"))
        };
        for c in &file.concepts {
            if ids.iter().filter(|i| **i == c.id).count() > 1 {
                return Err(format!("the concept id {:?} is used twice", c.id));
            }
            let phrases: Result<Vec<_>, _> = c.phrases.iter().map(|t| phrase(t, &lex, &c.id)).collect();
            let requires: Result<Vec<_>, _> = c.requires.iter().map(|t| phrase(t, &lex, &c.id)).collect();
            let mut suppresses = Vec::new();
            for s in &c.suppresses {
                let (target, unless) = match s {
                    SuppressFile::Always(t) => (t, &Vec::new()),
                    SuppressFile::Unless(u) => (&u.concept, &u.unless),
                };
                let unless: Result<Vec<_>, _> = unless.iter().map(|t| phrase(t, &lex, &c.id)).collect();
                suppresses.push((index(target, &c.id)?, unless?));
            }
            lex.concepts.push(Concept {
                id: c.id.clone(),
                label: c.label.clone(),
                lexicon: c.lexicon.clone(),
                rules: c.rules.clone(),
                source: c.source.clone(),
                flags: c.flags.clone(),
                phrases: phrases?,
                requires: requires?,
                suppresses,
            });
        }
        lex.words = raw_words.into_iter().map(|w| (w.clone(), lex.stem(&w))).collect();
        lex.stems = lex.words.iter().map(|(_, s)| s.clone()).collect();
        Ok(lex)
    }

    /// The index of the concept with this id.
    pub fn concept_index(&self, id: &str) -> Option<usize> {
        self.concepts.iter().position(|c| c.id == id)
    }

    fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }

    /// Lower-case words of `text` without stopwords; apostrophes vanish ("don't" → "dont").
    fn words_of(&self, text: &str) -> Vec<String> {
        let lower: String = text.to_lowercase().chars().filter(|c| *c != '\'' && *c != '’').collect();
        lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !self.stopwords.contains(*w))
            .map(str::to_owned)
            .collect()
    }

    /// The stem of `word`, reading a misspelling as the one lexicon word it is close to.
    fn read_word(&self, word: &str, corrections: &mut Vec<(String, String)>) -> String {
        let stem = self.stem(word);
        let len = word.chars().count();
        if self.stems.contains(&stem) || len < MIN_FUZZY_LEN || word.chars().any(|c| c.is_ascii_digit()) {
            return stem;
        }
        let max = if len >= TWO_EDITS_LEN { 2 } else { 1 };
        let first = word.chars().next();
        let mut found: Option<&(String, String)> = None;
        for candidate in &self.words {
            if candidate.0.chars().next() != first {
                continue;
            }
            // As written ("catheder" ~ "catheter") or as stems ("showring" → "showr" ~ "shower").
            let close = (candidate.0.chars().count().abs_diff(len) <= max
                && strsim::damerau_levenshtein(word, &candidate.0) <= max)
                || (stem.chars().count() >= 4 && strsim::damerau_levenshtein(&stem, &candidate.1) <= max);
            if close {
                match found {
                    Some(f) if f.1 != candidate.1 => return stem, // two different readings: do not guess
                    _ => found = Some(candidate),
                }
            }
        }
        match found {
            Some((written, read)) => {
                corrections.push((word.to_owned(), written.clone()));
                read.clone()
            }
            None => stem,
        }
    }

    /// Splits a description into clauses: at punctuation and at "but".
    fn clauses(&self, text: &str, corrections: &mut Vec<(String, String)>) -> Vec<Clause> {
        let mut clauses = Vec::new();
        for part in text.split(['.', ',', ';', ':', '(', ')', '!', '?', '\n', '[', ']']) {
            let words = self.words_of(part);
            for chunk in words.split(|w| w == "but") {
                if chunk.is_empty() {
                    continue;
                }
                let stems: Vec<String> = chunk.iter().map(|w| self.read_word(w, corrections)).collect();
                let negated = chunk.iter().any(|w| self.cues.contains(w)) || self.someone_else(&stems);
                clauses.push(Clause { stems, negated });
            }
        }
        clauses
    }

    /// The clause says someone else does it: it starts with them ("family gives…") or names them after "by".
    fn someone_else(&self, stems: &[String]) -> bool {
        if self.not_negation.iter().any(|p| self.occurs(p, stems)) {
            return false;
        }
        self.others.iter().any(|who| {
            stems.starts_with(who)
                || stems.windows(who.len() + 1).any(|w| self.others_lead.contains(&w[0]) && w[1..] == who[..])
        })
    }

    /// Whether `phrase` occurs in `stems` in order, with small gaps that hold no conjunction.
    fn occurs(&self, phrase: &[String], stems: &[String]) -> bool {
        (0..stems.len()).any(|start| {
            if stems[start] != phrase[0] {
                return false;
            }
            let mut at = start;
            for want in &phrase[1..] {
                let window = stems.iter().enumerate().skip(at + 1).take(MAX_GAP + 1);
                let mut next = None;
                for (i, s) in window {
                    if s == want {
                        next = Some(i);
                        break;
                    }
                    if self.conjunctions.contains(s) {
                        break;
                    }
                }
                match next {
                    Some(i) => at = i,
                    None => return false,
                }
            }
            true
        })
    }

    /// Finds the concepts and markers in one task description.
    pub fn find(&self, description: &str) -> Found {
        let mut found = Found::default();
        let clauses = self.clauses(description, &mut found.corrections);
        let affirmed: Vec<&Clause> = clauses.iter().filter(|c| !c.negated).collect();
        let anywhere = |phrases: &[Phrase]| phrases.iter().any(|p| affirmed.iter().any(|c| self.occurs(p, &c.stems)));
        // Per clause: which concepts occur, before suppression.
        let per_clause: Vec<Vec<usize>> = clauses
            .iter()
            .map(|clause| {
                (0..self.concepts.len())
                    .filter(|&k| {
                        let c = &self.concepts[k];
                        c.phrases.iter().any(|p| self.occurs(p, &clause.stems))
                            && (c.requires.is_empty()
                                || anywhere(&c.requires)
                                || c.requires.iter().any(|p| self.occurs(p, &clause.stems)))
                    })
                    .collect()
            })
            .collect();
        let mut negated_only: BTreeMap<usize, bool> = BTreeMap::new();
        for (clause, present) in clauses.iter().zip(&per_clause) {
            let suppressed: HashSet<usize> = present
                .iter()
                .flat_map(|&k| &self.concepts[k].suppresses)
                .filter(|(_, unless)| !unless.iter().any(|p| self.occurs(p, &clause.stems)))
                .map(|(target, _)| *target)
                .collect();
            for &k in present.iter().filter(|k| !suppressed.contains(k)) {
                let entry = negated_only.entry(k).or_insert(true);
                *entry &= clause.negated;
            }
        }
        found.matches = negated_only.into_iter().map(|(concept, negated)| Match { concept, negated }).collect();
        for (name, phrases) in &self.markers {
            if anywhere(phrases) {
                found.markers.insert(name.clone());
            }
        }
        found
    }
}
