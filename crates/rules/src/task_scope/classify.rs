//! One task classified: the lexicon finds its concepts, the profile classes each, the deciding
//! one leads.

use std::collections::BTreeSet;

use chrono::{Months, NaiveDate};

use super::plan::{ComplianceAid, Delegation, Records, Task};
use crate::date;
use crate::lexicon::{Flag, lexicon};
use crate::outcome::Outcome;
use crate::profile::{Class, Profile};
use crate::registry::{CF_TS_01, TS_08, TS_18};
use crate::report::{Category, TaskVerdict};

/// One task description classified under `profile`, as of `today` (delegations lapse).
pub fn classify(task: &Task, profile: &Profile, records: &Records, today: NaiveDate) -> TaskVerdict {
    classify_full(task, profile, records, today).0
}

/// A classification and the flags of the concepts that are the worker's.
pub(super) fn classify_full(
    task: &Task,
    profile: &Profile,
    records: &Records,
    today: NaiveDate,
) -> (TaskVerdict, BTreeSet<Flag>) {
    let lex = lexicon();
    let description = task.description.trim().to_owned();
    let found = lex.find(&description);
    let negated = !found.matches.is_empty() && found.matches.iter().all(|m| m.negated);
    let considered: Vec<usize> = found.matches.iter().filter(|m| m.negated == negated).map(|m| m.concept).collect();
    if considered.is_empty() {
        let verdict = TaskVerdict {
            description,
            category: Category::Unrecognised,
            outcome: Outcome::Warn,
            rules: vec![CF_TS_01.id.into()],
            explanation: "Careform does not recognise this task, so it has not guessed. Ask the care coordinator or a health professional what it involves, or describe it in everyday words (for example \"help with a strip wash\").".into(),
            sources: vec![CF_TS_01.source()],
            negated: false,
            concepts: vec![],
        };
        return (verdict, BTreeSet::new());
    }
    let delegation = task.delegation.as_ref().map(|d| delegation_status(d, profile, today));
    let mut judged: Vec<Judged> =
        considered.iter().map(|&k| judge(k, profile, delegation.as_ref(), &found.markers, records)).collect();
    // The deciding concept first: highest precedence, then worst outcome, then lexicon order.
    judged.sort_by(|a, b| b.category.rank().cmp(&a.category.rank()).then(b.outcome.cmp(&a.outcome)));
    let lead = &judged[0];
    let mut rules = Vec::new();
    let mut sources = Vec::new();
    for j in &judged {
        for r in &j.rules {
            if !rules.contains(r) {
                rules.push(r.clone());
            }
        }
        for s in &j.sources {
            if !sources.contains(s) {
                sources.push(s.clone());
            }
        }
    }
    let mut explanation = if negated {
        format!(
            "The plan says someone else does this, or that it is not done: it is not the worker's task. If the worker did it, it would be {}: {}.",
            lead.label.to_lowercase(),
            lead.category.describe()
        )
    } else {
        format!("{}: this is {}.", lead.label, lead.category.describe())
    };
    for note in &lead.notes {
        explanation.push(' ');
        explanation.push_str(note);
    }
    let others: Vec<String> = judged[1..]
        .iter()
        .filter(|j| j.label != lead.label)
        .map(|j| {
            let notes = if j.notes.is_empty() || negated { String::new() } else { format!(" ({})", j.notes.join(" ")) };
            format!("{}: {}{}", j.label, j.category.as_str().replace('_', " "), notes)
        })
        .collect();
    if !others.is_empty() {
        explanation.push_str(&format!(" Also in this task: {}.", others.join("; ")));
    }
    if !found.corrections.is_empty() {
        let read: Vec<String> = found.corrections.iter().map(|(w, r)| format!("\"{w}\" as \"{r}\"")).collect();
        explanation.push_str(&format!(" (Read {}.)", read.join(", ")));
    }
    let flags = if negated { BTreeSet::new() } else { judged.iter().flat_map(|j| j.flags.iter().copied()).collect() };
    let verdict = TaskVerdict {
        description,
        category: lead.category,
        outcome: if negated { Outcome::Info } else { Outcome::worst(judged.iter().map(|j| j.outcome)) },
        rules,
        explanation,
        sources,
        negated,
        concepts: judged.iter().map(|j| j.concept.clone()).collect(),
    };
    (verdict, flags)
}

/// One concept judged under the profile.
struct Judged {
    concept: String,
    label: String,
    category: Category,
    outcome: Outcome,
    rules: Vec<String>,
    sources: Vec<String>,
    notes: Vec<String>,
    flags: Vec<Flag>,
}

/// Whether a recorded delegation holds on `today`; `Err` says what is wrong.
struct DelegationStatus {
    valid: Result<(), String>,
    stale_training: Option<String>,
    summary: String,
}

fn delegation_status(d: &Delegation, profile: &Profile, today: NaiveDate) -> DelegationStatus {
    let trained = date::parse_iso(d.trained_on.trim());
    let review = date::parse_iso(d.review_due.trim());
    let valid = if d.professional.trim().is_empty() {
        Err("the plan does not say which registered professional delegated it".to_owned())
    } else {
        match (trained, review) {
            (None, _) => Err("the training date is not a real date".to_owned()),
            (_, None) => Err("the review date is not a real date".to_owned()),
            (Some(t), _) if t > today => {
                Err(format!("the worker's training is dated {}, after today", date::format_long(t)))
            }
            (_, Some(r)) if r < today => Err(format!("its review was due on {} and is overdue", date::format_long(r))),
            _ => Ok(()),
        }
    };
    let months = profile.settings.delegation_review_months;
    let stale_training =
        trained.filter(|t| t.checked_add_months(Months::new(months)).is_some_and(|lapse| lapse < today));
    DelegationStatus {
        valid,
        stale_training: stale_training.map(|t| {
            format!(
                "The worker's competence was last assessed on {}, more than {months} months ago: reassess it.",
                date::format_long(t)
            )
        }),
        summary: match (trained, review) {
            (Some(t), Some(r)) => format!(
                "Delegated by {}; worker trained {}; review due {}.",
                d.professional.trim(),
                date::format_long(t),
                date::format_long(r)
            ),
            _ => String::new(),
        },
    }
}

fn judge(
    k: usize,
    profile: &Profile,
    delegation: Option<&DelegationStatus>,
    markers: &BTreeSet<String>,
    records: &Records,
) -> Judged {
    let concept = &lexicon().concepts[k];
    let rule = &profile.classes[k];
    let mut rules = vec![concept.lexicon.clone()];
    rules.extend(concept.rules.iter().cloned());
    let mut sources = vec![concept.source.clone()];
    let mut notes: Vec<String> = rule.note.iter().cloned().collect();
    let (category, mut outcome) = match rule.category {
        Class::PersonalCare => (Category::PersonalCare, Outcome::Pass),
        Class::PracticalSupport => (Category::PracticalSupport, Outcome::Pass),
        Class::ExcludedClinical => (Category::ExcludedClinical, Outcome::Fail),
        Class::NotPermitted => (Category::NotPermitted, Outcome::Fail),
        Class::Delegable => {
            rules.push(TS_18.id.into());
            match delegation {
                Some(DelegationStatus { valid: Ok(()), stale_training, summary }) => {
                    notes.push(summary.clone());
                    match stale_training {
                        Some(why) => {
                            notes.push(why.clone());
                            (Category::DelegatedHealthcare, Outcome::Warn)
                        }
                        None => (Category::DelegatedHealthcare, Outcome::Pass),
                    }
                }
                Some(DelegationStatus { valid: Err(why), .. }) => {
                    notes.push(format!(
                        "A registered health professional may delegate it to a trained worker, but this delegation is not valid: {why}."
                    ));
                    (Category::ExcludedClinical, Outcome::Fail)
                }
                None => {
                    notes.push("A registered health professional may delegate it to a trained worker; the plan records no delegation (who delegated it, when the worker was trained, when it is reviewed).".into());
                    (Category::ExcludedClinical, Outcome::Fail)
                }
            }
        }
    };
    if let Some(raise) = rule.outcome {
        outcome = outcome.max(raise);
    }
    if let Some(r) = &rule.rule
        && !rules.contains(r)
    {
        rules.push(r.clone());
    }
    if let Some(s) = &rule.source {
        sources.push(format!("{}: {s}", profile.id));
    }
    // TS-08: reminders need a compliance aid where the profile says so.
    if concept.flags.contains(&Flag::MedicationPrompt) && category == Category::PersonalCare {
        let aid_in_text = markers.contains("compliance_aid");
        let aid_recorded = matches!(records.compliance_aid, Some(ComplianceAid::Dosette | ComplianceAid::Blister28));
        let original = markers.contains("original_packs")
            || matches!(records.compliance_aid, Some(ComplianceAid::OriginalPacks | ComplianceAid::None));
        if original || !(aid_in_text || aid_recorded) {
            let level = profile.settings.medication_prompt_without_compliance_aid;
            outcome = outcome.max(level);
            if level >= Outcome::Warn {
                notes.push(
                    "No dosette box or 28-day blister pack is recorded: reminders are allowed only with one.".into(),
                );
            }
            if !rules.iter().any(|r| r == TS_08.id) {
                rules.push(TS_08.id.into());
            }
        }
    }
    Judged {
        concept: concept.id.clone(),
        label: concept.label.clone(),
        category,
        outcome,
        rules,
        sources,
        notes,
        flags: concept.flags.clone(),
    }
}
