//! The paths the widgets and the server use stay where they are (the widgets cannot be built
//! here without wasm, so this test holds their imports). A path that moves breaks this file first.

#![allow(unused_imports)]

use careform_rules::dbs_insurance::{
    Applicant, Dbs, ID as DBS_ID, Insurance, InsuranceReport, Policy, Renewal, Settings, Submission, UpdateService,
    Worker, WorkerReport, check_submission, parse_pounds, pounds, valid_until,
};
use careform_rules::pa::{CODE_ID, CODE_VERSIONS, ID as PA_ID, current_code};
use careform_rules::task_scope::lexicon::lexicon;
use careform_rules::task_scope::{
    self, BUILT_IN, Category, Class, ComplianceAid, Delegation, Exemption, ID, Plan, Profile, ProfileError, Provider,
    Records, Task, TaskVerdict, check_plan, classify, summary,
};
use careform_rules::{
    AttestationRef, CheckError, FieldDefinition, FieldKind, Finding, FormDefinition, Outcome, Report, check, date,
    form, forms,
};

#[test]
fn the_paths_callers_use_still_resolve() {
    assert_eq!(task_scope::ID, ID);
    assert!(!lexicon().concepts.is_empty());
    assert_eq!(Settings::default().dbs_max_age_years, 3);
}
