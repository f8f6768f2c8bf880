//! The task scope checker's answers, and the plan they make.

use std::collections::BTreeMap;

use careform_rules::task_scope::{ComplianceAid, Delegation, Exemption, Plan, Provider, Records, Task};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The five exemption questions' values, in the order `Exemption::answers` gives them.
pub(crate) const EXEMPTION_KEYS: [&str; 5] =
    ["knows_support_wanted", "engages_directly", "understands_checking", "checks_suitability", "controls_care"];

/// The answers, one signal per question: saved as the draft as they are typed.
#[derive(Clone, Copy, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Answers {
    pub tasks: RwSignal<String>,
    pub provider: RwSignal<String>,
    pub exemption: RwSignal<Vec<String>>,
    pub records: RwSignal<Vec<String>>,
    pub compliance_aid: RwSignal<String>,
    pub visits: RwSignal<String>,
    /// Delegations recorded, by the task's line as typed.
    pub delegations: RwSignal<BTreeMap<String, Delegation>>,
}

/// A delegation's three answers.
#[derive(Clone, Copy)]
pub(crate) enum DelegationField {
    Professional,
    TrainedOn,
    ReviewDue,
}

impl DelegationField {
    fn of(self, d: &mut Delegation) -> &mut String {
        match self {
            DelegationField::Professional => &mut d.professional,
            DelegationField::TrainedOn => &mut d.trained_on,
            DelegationField::ReviewDue => &mut d.review_due,
        }
    }
}

impl Answers {
    /// The delegation recorded for `task`, if any field of it is filled in.
    fn delegation(&self, task: &str) -> Option<Delegation> {
        self.delegations.with(|all| {
            all.get(task)
                .filter(|d| [&d.professional, &d.trained_on, &d.review_due].iter().any(|f| !f.trim().is_empty()))
                .map(|d| Delegation {
                    professional: d.professional.trim().to_owned(),
                    trained_on: d.trained_on.trim().to_owned(),
                    review_due: d.review_due.trim().to_owned(),
                })
        })
    }

    /// What is typed in `field` of `task`'s delegation.
    pub fn delegation_text(&self, task: &str, field: DelegationField) -> String {
        self.delegations.with(|all| all.get(task).cloned().map(|mut d| field.of(&mut d).clone()).unwrap_or_default())
    }

    /// Sets `field` of `task`'s delegation.
    pub fn set_delegation(&self, task: &str, field: DelegationField, value: String) {
        self.delegations.update(|all| {
            let d = all.entry(task.to_owned()).or_insert_with(|| Delegation {
                professional: String::new(),
                trained_on: String::new(),
                review_due: String::new(),
            });
            *field.of(d) = value;
        });
    }

    fn provider(&self) -> Option<Provider> {
        let exemption = self.exemption.get();
        let has = |k: &str| exemption.iter().any(|v| v == k);
        match self.provider.get().as_str() {
            "" => None,
            chosen => Some(Provider {
                cqc_registered: chosen == "cqc_registered",
                individual_working_directly: chosen == "individual",
                exemption: if chosen == "individual" {
                    Exemption {
                        knows_support_wanted: has(EXEMPTION_KEYS[0]),
                        engages_directly: has(EXEMPTION_KEYS[1]),
                        understands_checking: has(EXEMPTION_KEYS[2]),
                        checks_suitability: has(EXEMPTION_KEYS[3]),
                        controls_care: has(EXEMPTION_KEYS[4]),
                    }
                } else {
                    Exemption::default()
                },
            }),
        }
    }

    fn records(&self) -> Records {
        let records = self.records.get();
        let has = |k: &str| records.iter().any(|v| v == k);
        Records {
            medication_record: has("medication_record"),
            compliance_aid: match self.compliance_aid.get().as_str() {
                "dosette" => Some(ComplianceAid::Dosette),
                "blister_28" => Some(ComplianceAid::Blister28),
                "original_packs" => Some(ComplianceAid::OriginalPacks),
                "none" => Some(ComplianceAid::None),
                _ => None,
            },
            capacity_assessment: has("capacity_assessment"),
            best_interests_decision: has("best_interests_decision"),
            moving_handling_assessment: has("moving_handling_assessment"),
            moving_handling_training: has("moving_handling_training"),
            oxygen_risk_assessment: has("oxygen_risk_assessment"),
            salt_plan: has("salt_plan"),
            food_hygiene_training: has("food_hygiene_training"),
        }
    }

    /// The plan, exactly as `careform check task-scope` reads it: one task per non-blank line.
    pub fn plan(&self) -> Plan {
        Plan {
            tasks: self
                .tasks
                .get()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| Task { description: l.to_owned(), delegation: self.delegation(l) })
                .collect(),
            provider: self.provider(),
            records: self.records(),
            visits: self
                .visits
                .get()
                .split([',', ';', ' '])
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }
}
