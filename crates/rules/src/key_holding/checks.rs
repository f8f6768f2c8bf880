//! One function per rule of the key-holding agreement (rules catalogue section 5), each adding
//! its findings. Dates are already real (the shape check ran first); `today` is the caller's.

use chrono::NaiveDate;

use super::input::{Agreement, CodeStorage, Reason, Role, Storage};
use super::tags::tag_problem;
use crate::date::{format_long, parse_iso};
use crate::finding::Finding;
use crate::outcome::Outcome::{Fail, Info, Warn};
use crate::profile::KeyHoldingSettings;
use crate::registry::{self as r, Rule};

/// The findings so far.
pub(super) struct Findings(pub(super) Vec<Finding>);

impl Findings {
    fn add(&mut self, rule: &'static Rule, outcome: crate::outcome::Outcome, field: &str, message: String) {
        self.0.push(Finding::new(rule, outcome, message).at(field));
    }
}

fn blank(text: &Option<String>) -> bool {
    text.as_deref().is_none_or(|t| t.trim().is_empty())
}

fn day(text: &str) -> NaiveDate {
    parse_iso(text).expect("dates were checked before the rules")
}

/// The copies received, all keys together.
pub(super) fn copies_received(a: &Agreement) -> u64 {
    a.keys.iter().map(|k| u64::from(k.copies)).sum()
}

/// KH-01: emergencies only.
pub(super) fn reason(a: &Agreement, f: &mut Findings) {
    let m = match a.reason {
        None => Some((Fail, "Select why the keys are held: only in an emergency".to_owned())),
        Some(Reason::Routine | Reason::Convenience) => Some((
            Fail,
            "Keys are held only in an emergency, never as a routine or for convenience (a maximum of two weeks)"
                .to_owned(),
        )),
        Some(Reason::Other) if blank(&a.reason_text) => {
            Some((Fail, "Describe the reason: a reason other than those listed needs its own words".to_owned()))
        }
        Some(Reason::Other) => {
            Some((Warn, "A manager must review this reason: keys are held only in an emergency".to_owned()))
        }
        Some(Reason::CarerSuddenIncapacity | Reason::OtherEmergency) => None,
    };
    if let Some((outcome, message)) = m {
        f.add(&r::KH_01, outcome, "reason", message);
    }
}

/// KH-02: the care plan records it.
pub(super) fn care_plan(a: &Agreement, f: &mut Findings) {
    if blank(&a.care_plan_reference) {
        f.add(
            &r::KH_02,
            Fail,
            "care_plan_reference",
            "Enter the care plan reference that records the key holding".into(),
        );
    }
}

/// The last day the keys may be held: the planned end, and never after the profile's limit.
pub(super) fn return_by(a: &Agreement, s: &KeyHoldingSettings) -> NaiveDate {
    let start = day(&a.start_date);
    day(&a.planned_end_date).min(start + chrono::Days::new(u64::from(s.max_days)))
}

/// KH-03: at most `max_days`, and a warning from `warn_from_day` (or on the end date) while held.
pub(super) fn duration(a: &Agreement, s: &KeyHoldingSettings, today: NaiveDate, f: &mut Findings) {
    let (start, end) = (day(&a.start_date), day(&a.planned_end_date));
    let days = (end - start).num_days();
    if days < 0 {
        f.add(&r::KH_03, Fail, "planned_end_date", "The planned end date must be on or after the start date".into());
    } else if days > i64::from(s.max_days) {
        f.add(
            &r::KH_03,
            Fail,
            "planned_end_date",
            format!(
                "Keys may be held for at most {} days: the planned end is {days} days after the start; return them by {}",
                s.max_days,
                format_long(start + chrono::Days::new(u64::from(s.max_days)))
            ),
        );
    }
    if a.returned.is_some() || today > end || today < start {
        return;
    }
    let held = (today - start).num_days();
    if held >= i64::from(s.warn_from_day) || today == end {
        f.add(
            &r::KH_03,
            Warn,
            "planned_end_date",
            format!("The keys have been held for {held} days: arrange their return by {}", format_long(end)),
        );
    }
}

/// KH-29: returned by the planned end, to someone named; still held after it fails.
pub(super) fn returned(a: &Agreement, s: &KeyHoldingSettings, today: NaiveDate, f: &mut Findings) {
    let (start, by) = (day(&a.start_date), return_by(a, s));
    let Some(ret) = &a.returned else {
        if today > by {
            f.add(
                &r::KH_29,
                Fail,
                "returned",
                format!("The keys were due back by {} and are not recorded as returned", format_long(by)),
            );
        }
        return;
    };
    let on = day(&ret.date);
    if on < start {
        f.add(&r::KH_29, Fail, "returned.date", "The return date must be on or after the start date".into());
    } else if on > by {
        f.add(
            &r::KH_29,
            Fail,
            "returned.date",
            format!("The keys were returned after {}, the last day", format_long(by)),
        );
    }
    if ret.to.trim().is_empty() {
        f.add(&r::KH_29, Fail, "returned.to", "Enter who the keys were returned to, who signs for them".into());
    }
}

/// KH-05: storage recorded; carried by a worker only under a secure handling procedure.
pub(super) fn storage(a: &Agreement, f: &mut Findings) {
    match a.storage {
        None => f.add(&r::KH_05, Fail, "storage", "Select where the keys are kept".into()),
        Some(Storage::CarriedByWorker) if blank(&a.secure_handling_procedure) => f.add(
            &r::KH_05,
            Warn,
            "storage",
            "Keys carried by a worker need a secure handling procedure: record it, or keep them in the office".into(),
        ),
        Some(_) => {}
    }
}

/// KH-06: no duplicates (attested); every copy comes back.
pub(super) fn duplicates(a: &Agreement, f: &mut Findings) {
    if !a.no_duplicates_attested {
        f.add(&r::KH_06, Fail, "no_duplicates_attested", "Confirm that no duplicate keys are made or obtained".into());
    }
    if let Some(ret) = &a.returned
        && u64::from(ret.copies) != copies_received(a)
    {
        f.add(
            &r::KH_06,
            Fail,
            "returned.copies",
            format!(
                "{} copies were returned but {} were received: every copy comes back",
                ret.copies,
                copies_received(a)
            ),
        );
    }
}

/// KH-07 and KH-09: signed, and by someone who may sign.
pub(super) fn signature(a: &Agreement, f: &mut Findings) {
    let Some(s) = &a.signed_by else {
        f.add(
            &r::KH_07,
            Fail,
            "signed_by",
            "The agreement must be signed: by the client, or by someone with authority".into(),
        );
        return;
    };
    if s.name.trim().is_empty() {
        f.add(&r::KH_07, Fail, "signed_by.name", "Enter the name of the person who signed".into());
    }
    if day(&s.date) > day(&a.start_date) {
        f.add(&r::KH_07, Fail, "signed_by.date", "The agreement must be signed on or before the start date".into());
    }
    match (a.client.has_capacity, s.role) {
        (false, Role::Client) => f.add(
            &r::KH_09,
            Fail,
            "signed_by.role",
            "The client lacks capacity to agree, so they cannot sign alone: an attorney for property, a deputy, next of kin or a social worker (best interests) signs".into(),
        ),
        (false, Role::SocialWorkerBestInterests) if blank(&s.best_interests_record) => f.add(
            &r::KH_09,
            Warn,
            "signed_by.best_interests_record",
            "Record where the social worker's best-interests decision is written down".into(),
        ),
        (true, role) if role != Role::Client => f.add(
            &r::KH_09,
            Warn,
            "signed_by.role",
            "The client has capacity: they normally sign themselves; record why someone else signed".into(),
        ),
        _ => {}
    }
}

/// KH-10: a manager approved it, on or before the start.
pub(super) fn approval(a: &Agreement, f: &mut Findings) {
    match &a.manager_approval {
        None => {
            f.add(&r::KH_10, Fail, "manager_approval", "A manager must approve the key holding before it starts".into())
        }
        Some(m) if m.name.trim().is_empty() => {
            f.add(&r::KH_10, Fail, "manager_approval.name", "Enter the name of the manager who approved it".into())
        }
        Some(m) if day(&m.date) > day(&a.start_date) => f.add(
            &r::KH_10,
            Fail,
            "manager_approval.date",
            "The manager must approve the key holding on or before the start date".into(),
        ),
        Some(_) => {}
    }
}

/// KH-20 and KH-21: each key is logged, and its tag is a code.
pub(super) fn keys(a: &Agreement, f: &mut Findings) {
    if a.keys.is_empty() {
        f.add(&r::KH_21, Fail, "keys", "List the keys held: each key's tag, doors and copies".into());
    }
    for (i, k) in a.keys.iter().enumerate() {
        if k.tag.trim().is_empty() {
            f.add(&r::KH_21, Fail, &format!("keys[{i}].tag"), format!("Enter the tag of key {}", i + 1));
        }
        if k.doors.trim().is_empty() {
            f.add(&r::KH_21, Fail, &format!("keys[{i}].doors"), format!("Enter which doors key {} opens", i + 1));
        }
        if k.copies == 0 {
            f.add(&r::KH_21, Fail, &format!("keys[{i}].copies"), format!("Key {} needs at least one copy", i + 1));
        }
        if let Some(why) = tag_problem(&k.tag, &a.client) {
            f.add(&r::KH_20, Fail, &format!("keys[{i}].tag"), format!("Change the tag: {why}"));
        }
    }
}

/// The catalogue's other rules, for the fields given (absent: at most a note).
pub(super) fn optional(a: &Agreement, f: &mut Findings) {
    match &a.alternatives_considered {
        None => f.add(
            &r::KH_04,
            Info,
            "alternatives_considered",
            "Record the alternatives considered (door intercom, door-entry devices, assistive technology)".into(),
        ),
        Some(list) if list.iter().all(|t| t.trim().is_empty()) => {
            f.add(&r::KH_04, Warn, "alternatives_considered", "No alternatives to holding the keys are recorded".into())
        }
        Some(_) => {}
    }
    match a.loss_theft_procedure {
        None => {
            f.add(&r::KH_11, Info, "loss_theft_procedure", "Confirm the procedure for the loss or theft of keys".into())
        }
        Some(false) => f.add(
            &r::KH_11,
            Fail,
            "loss_theft_procedure",
            "A procedure for the loss or theft of keys must be in place".into(),
        ),
        Some(true) => {}
    }
    if let Some(CodeStorage::PaperAgreement | CodeStorage::VisitNotes | CodeStorage::Sms) = a.code_storage {
        f.add(
            &r::KH_13,
            Fail,
            "code_storage",
            "Entry codes are kept in a secure system only: never on the agreement, in visit notes or in messages"
                .into(),
        );
    }
    if a.alarm_code_held == Some(true) && a.alarm_code_authorised != Some(true) {
        f.add(&r::KH_22, Fail, "alarm_code_authorised", "An alarm code is held only with written authorisation".into());
    }
    if a.knock_before_entry_attested == Some(false) {
        f.add(
            &r::KH_19,
            Fail,
            "knock_before_entry_attested",
            "Workers must knock or ring and call out before entering".into(),
        );
    }
    if a.unaccompanied_attested == Some(false) {
        f.add(
            &r::KH_26,
            Fail,
            "unaccompanied_attested",
            "Workers must not bring anyone not authorised to visit".into(),
        );
    }
    if a.insurance_covers_keys == Some(false) {
        f.add(
            &r::KH_30,
            Warn,
            "insurance_covers_keys",
            "Check that the provider's insurance covers holding clients' keys".into(),
        );
    }
}
