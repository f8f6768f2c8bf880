//! The application's sections, in the order of the task list (their ids are the report's section
//! ids), what each needs before it can be completed, and where each stands.

use careform_kit::components::{FieldError, TaskStatus};
use leptos::prelude::*;

use crate::answers::{Answers, given, need, yes};

/// One section of the task list.
pub(crate) struct Section {
    /// Its id: the page's and the report's section id.
    pub id: &'static str,
    /// Its name in the task list and its page's heading.
    pub title: &'static str,
    /// The section that must be completed first: the workers start from the applicant (about
    /// you), and the insurance asked depends on who is employed (workers).
    pub after: Option<&'static str>,
}

const fn section(id: &'static str, title: &'static str, after: Option<&'static str>) -> Section {
    Section { id, title, after }
}

/// Every section, in order.
pub(crate) const SECTIONS: [Section; 8] = [
    section("about-you", "About you", None),
    section("enterprise", "Your enterprise", None),
    section("where", "Where you work", None),
    section("offer", "What you offer", None),
    section("workers", "Workers and DBS checks", Some("about-you")),
    section("insurance", "Insurance", Some("workers")),
    section("evidence", "Policies and evidence", None),
    section("commitments", "Commitments", None),
];

/// The section with this id.
pub(crate) fn find(id: &str) -> Option<&'static Section> {
    SECTIONS.iter().find(|s| s.id == id)
}

impl Answers {
    /// What must be answered before the section `id` can be completed (the rules' verdicts on
    /// the answers come on "Check your answers"; these are only the questions left unanswered).
    pub fn section_problems(&self, id: &str) -> Vec<FieldError> {
        let found = match id {
            "about-you" => vec![
                need(given(self.legal_name), "legal_name", "Enter your full legal name"),
                need(given(self.home_postcode), "home_postcode", "Enter the postcode where you live"),
                need(
                    yes(self.prior_action).is_some(),
                    "prior_action",
                    "Select whether you have ever been subject to disciplinary or other action in a care role",
                ),
            ],
            "enterprise" => vec![
                need(given(self.legal_form), "legal_form", "Select how your enterprise is set up"),
                need(given(self.trading_status), "trading_status", "Select whether you are trading now"),
                need(yes(self.franchise).is_some(), "franchise", "Select whether your enterprise is a franchise"),
                need(
                    yes(self.has_parent).is_some(),
                    "has_parent",
                    "Select whether your enterprise is part of a larger organisation",
                ),
                need(
                    yes(self.has_parent) != Some(true) || given(self.parent_organisation),
                    "parent_organisation",
                    "Enter the name of the larger organisation",
                ),
                need(
                    yes(self.cqc_registered).is_some(),
                    "cqc_registered",
                    "Select whether your enterprise is registered with the CQC",
                ),
                need(
                    yes(self.cqc_registered) != Some(true) || given(self.cqc_provider_id),
                    "cqc_provider_id",
                    "Enter your CQC provider ID",
                ),
            ],
            "where" => vec![need(!self.area_list().is_empty(), "areas", "Enter at least one postcode where you work")],
            "offer" => {
                vec![need(!self.task_lines().is_empty(), "tasks", "Enter at least one thing you offer, one per line")]
            }
            "workers" => {
                let workers = self.workers.values();
                vec![
                    need(!workers.is_empty(), "add_worker", "Add at least one worker: you count"),
                    need(
                        workers.is_empty() || workers.iter().filter(|w| w.is_applicant).count() == 1,
                        "add_worker",
                        "Exactly one worker must be you: change the others",
                    ),
                ]
            }
            "insurance" => {
                let mut found = self.policies.held_problems();
                found.extend(self.policies.insurance(|k| self.asks(k), false).err().unwrap_or_default());
                return found;
            }
            _ => vec![],
        };
        found.into_iter().flatten().collect()
    }

    /// Whether anything of the section `id` is answered.
    pub fn section_started(&self, id: &str) -> bool {
        match id {
            "about-you" => given(self.legal_name) || given(self.home_postcode) || given(self.prior_action),
            "enterprise" => given(self.legal_form) || given(self.trading_status) || given(self.franchise),
            "where" => given(self.areas),
            "offer" => given(self.tasks),
            "workers" => !self.workers.is_empty(),
            "insurance" => self.policies.all().iter().any(|(_, p)| given(p.held)),
            "evidence" => self.evidence.iter().any(|e| e.with(Option::is_some)),
            "commitments" => !self.commitments.with(Vec::is_empty),
            _ => false,
        }
    }

    /// Whether the person said the section is completed and nothing in it is left unanswered.
    pub fn completed(&self, id: &str) -> bool {
        self.done.with(|d| d.iter().any(|x| x == id)) && self.section_problems(id).is_empty()
    }

    /// Where the section stands in the task list.
    pub fn status(&self, s: &Section) -> TaskStatus {
        if s.after.is_some_and(|first| !self.completed(first)) {
            TaskStatus::CannotStartYet
        } else if self.completed(s.id) {
            TaskStatus::Completed
        } else if self.section_started(s.id) || self.done.with(|d| d.iter().any(|x| x == s.id)) {
            TaskStatus::InProgress
        } else {
            TaskStatus::NotStarted
        }
    }

    /// Whether every section is completed, so the application can be checked and sent.
    pub fn all_completed(&self) -> bool {
        SECTIONS.iter().all(|s| self.completed(s.id))
    }

    /// Marks the section `id` completed or not.
    pub fn mark(&self, id: &str, completed: bool) {
        self.done.update(|d| {
            d.retain(|x| x != id);
            if completed {
                d.push(id.to_owned());
            }
        });
    }
}
