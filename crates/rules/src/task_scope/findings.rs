//! The plan-level rules: what the plan as a whole needs, given the tasks' classes and flags.

use std::collections::BTreeSet;

use chrono::NaiveTime;

use super::plan::{Plan, Records, hhmm, parse_time};
use crate::finding::Finding;
use crate::lexicon::Flag;
use crate::outcome::Outcome;
use crate::profile::Profile;
use crate::registry::{S004, TS_09, TS_16, TS_18, TS_27, TS_29, TS_30, TS_31, TS_32, TS_34, TS_35, TS_36, TS_38, seed};
use crate::report::{Category, TaskVerdict};

/// Every plan-level rule, in the order the README lists them.
pub(super) fn plan_findings(
    plan: &Plan,
    profile: &Profile,
    tasks: &[TaskVerdict],
    flags: &BTreeSet<Flag>,
) -> Vec<Finding> {
    let mine = |c: Category| tasks.iter().filter(move |t| !t.negated && t.category == c);
    let personal = mine(Category::PersonalCare).count();
    let delegated = mine(Category::DelegatedHealthcare).count();
    let has = |flag: Flag| flags.contains(&flag);
    let r = &plan.records;
    let mut out = Vec::new();
    if personal > 0 {
        out.extend(registration(plan, profile, personal, delegated));
    }
    if profile.settings.cleaning_needs_personal_care && has(Flag::Cleaning) && personal == 0 {
        out.push(cleaning_without_personal_care(profile));
    }
    if has(Flag::Medication) {
        out.push(medication_record(r));
    }
    if has(Flag::Restraint) {
        out.push(restraint(r));
    }
    if has(Flag::MovingHandling) {
        out.push(moving_and_handling(r));
    }
    out.extend(missing_records(r, &has));
    if has(Flag::Money) {
        out.push(Finding::new(&TS_32, Outcome::Info, "Handling the person's money or shopping for them is regulated activity for DBS purposes: the worker needs an enhanced DBS check with the adults' barred list, and must never hold PINs or cards.").at("tasks"));
    }
    // Delegated tasks: indemnity and escalation (catalogue §8.1 decision 4).
    if delegated > 0 {
        out.push(Finding::new(&TS_18, Outcome::Warn, format!("The plan has {delegated} delegated healthcare task(s): confirm the provider's insurance or indemnity covers delegated tasks, and that the worker knows when and how to escalate.")).at("tasks"));
    }
    out.extend(visits(plan, profile));
    out
}

/// TS-35: personal care needs a registered provider or the exemption; TS-36 notes that
/// delegated tasks keep the exemption.
fn registration(plan: &Plan, profile: &Profile, personal: usize, delegated: usize) -> Vec<Finding> {
    let provider = plan.provider.clone().unwrap_or_default();
    let unanswered: Vec<&str> = provider.exemption.answers().iter().filter(|(_, yes)| !yes).map(|(q, _)| *q).collect();
    let (outcome, message) = if provider.cqc_registered {
        (
            Outcome::Pass,
            format!("The plan has personal care ({personal} task(s)) and the provider is registered with the CQC."),
        )
    } else if !profile.settings.exemption_allowed {
        (
            Outcome::Fail,
            format!(
                "The plan has personal care ({personal} task(s)): under the {} profile it must come from a CQC-registered provider, and this provider is not registered.",
                profile.id
            ),
        )
    } else if !provider.individual_working_directly {
        (
            Outcome::Fail,
            format!(
                "The plan has personal care ({personal} task(s)), and the provider is neither registered with the CQC nor an individual working directly for the person, so the exemption cannot apply."
            ),
        )
    } else if !unanswered.is_empty() {
        (
            Outcome::Fail,
            format!(
                "The plan has personal care ({personal} task(s)) and the provider is not registered with the CQC. The exemption needs a yes to all five questions; not yet yes: {}.",
                unanswered.join("; ")
            ),
        )
    } else {
        (
            Outcome::Pass,
            format!(
                "The plan has personal care ({personal} task(s)); the provider is an individual working directly for the person, who answered yes to all five exemption questions."
            ),
        )
    };
    let mut out = vec![Finding::new(&TS_35, outcome, message).at("provider")];
    if delegated > 0 && !provider.cqc_registered && outcome == Outcome::Pass {
        out.push(
            Finding::new(
                &TS_36,
                Outcome::Info,
                "Delegated clinical tasks do not remove a directly employed worker's exemption from CQC registration.",
            )
            .at("provider"),
        );
    }
    out
}

/// TS-16: domestic cleaning is in scope only alongside personal care (where the profile says so).
fn cleaning_without_personal_care(profile: &Profile) -> Finding {
    Finding::new(
        &TS_16,
        Outcome::Fail,
        format!(
            "The plan has domestic cleaning but no personal care: under the {} profile cleaning is in scope only as part of a care schedule that includes personal care.",
            profile.id
        ),
    )
    .at("tasks")
}

/// TS-09: a medication record for any medication task.
fn medication_record(r: &Records) -> Finding {
    let f = if r.medication_record {
        Finding::new(&TS_09, Outcome::Pass, "A medication record is kept.")
    } else {
        Finding::new(
            &TS_09,
            Outcome::Warn,
            "The plan has medication tasks but no medication record: record that the person was seen taking each medicine, the dose and time, any advice to see the GP, signed and dated by the worker; the provider needs a written medication policy.",
        )
    };
    f.at("records.medication_record")
}

/// The records of `wanted` the plan does not hold.
fn lacking<'a>(wanted: &[(&'a str, bool)]) -> Vec<&'a str> {
    wanted.iter().filter(|(_, has)| !has).map(|(n, _)| *n).collect()
}

/// TS-29: restraint needs a capacity assessment and a best-interests decision.
fn restraint(r: &Records) -> Finding {
    let missing = lacking(&[
        ("a mental capacity assessment", r.capacity_assessment),
        ("a best-interests decision", r.best_interests_decision),
    ]);
    let f = if missing.is_empty() {
        Finding::new(
            &TS_29,
            Outcome::Pass,
            "The restriction is backed by a capacity assessment and a best-interests decision.",
        )
    } else {
        Finding::new(
            &TS_29,
            Outcome::Fail,
            format!(
                "The plan has restraint or a restrictive practice without {}. Any physical intervention is reported to the council within one working day.",
                missing.join(" and ")
            ),
        )
    };
    f.at("records.capacity_assessment")
}

/// TS-27: moving and handling needs an assessment and trained workers.
fn moving_and_handling(r: &Records) -> Finding {
    let missing = lacking(&[
        ("a moving and handling assessment", r.moving_handling_assessment),
        ("moving and handling training for every worker", r.moving_handling_training),
    ]);
    let f = if missing.is_empty() {
        Finding::new(&TS_27, Outcome::Pass, "Moving and handling is assessed and the workers are trained.")
    } else {
        Finding::new(
            &TS_27,
            Outcome::Fail,
            format!("The plan has moving and handling without {}.", missing.join(" or ")),
        )
    };
    f.at("records.moving_handling_assessment")
}

/// TS-34, TS-38, TS-31: oxygen, swallowing and food each need their record (a warning without).
fn missing_records(r: &Records, has: &dyn Fn(Flag) -> bool) -> Vec<Finding> {
    let mut out = Vec::new();
    if has(Flag::Oxygen) && !r.oxygen_risk_assessment {
        out.push(Finding::new(&TS_34, Outcome::Warn, "The plan has home oxygen but no home risk assessment (including smoking and naked flames). Workers must not smoke or vape while working.").at("records.oxygen_risk_assessment"));
    }
    if has(Flag::Dysphagia) && !r.salt_plan {
        out.push(
            Finding::new(
                &TS_38,
                Outcome::Warn,
                "The plan has a modified diet or thickened fluids but no speech and language therapy plan.",
            )
            .at("records.salt_plan"),
        );
    }
    if has(Flag::Food) && !r.food_hygiene_training {
        out.push(
            Finding::new(
                &TS_31,
                Outcome::Warn,
                "The plan has food preparation: record the workers' food hygiene training.",
            )
            .at("records.food_hygiene_training"),
        );
    }
    out
}

/// TS-30: calls at least the profile's gap apart (warn); calls outside 06:00 to 23:00 (info).
fn visits(plan: &Plan, profile: &Profile) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut times: Vec<NaiveTime> = plan.visits.iter().filter_map(|v| parse_time(v)).collect();
    times.sort();
    if let Some(gap) = profile.settings.min_visit_gap_minutes {
        let close: Vec<String> = times
            .windows(2)
            .filter(|w| (w[1] - w[0]).num_minutes() < i64::from(gap))
            .map(|w| format!("{} and {}", hhmm(w[0]), hhmm(w[1])))
            .collect();
        if !close.is_empty() {
            out.push(
                Finding::new(
                    &TS_30,
                    Outcome::Warn,
                    format!("Calls less than {} hours {} minutes apart: {}.", gap / 60, gap % 60, close.join("; "))
                        .replace(" 0 minutes", ""),
                )
                .citing(seed(S004, "§10.16").to_string())
                .at("visits"),
            );
        }
    }
    let early = NaiveTime::from_hms_opt(6, 0, 0).expect("a time");
    let late = NaiveTime::from_hms_opt(23, 0, 0).expect("a time");
    let odd: Vec<String> = times.iter().filter(|t| **t < early || **t > late).map(|t| hhmm(*t)).collect();
    if !odd.is_empty() {
        out.push(
            Finding::new(&TS_30, Outcome::Info, format!("Calls outside 06:00 to 23:00: {}.", odd.join(", ")))
                .citing(seed(S004, "§10.3").to_string())
                .at("visits"),
        );
    }
    out
}
