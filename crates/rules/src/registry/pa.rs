//! The PA code-of-practice acknowledgement (rules catalogue section 6).

use super::{Rule, S002, S003, seed};
use crate::outcome::Outcome;

const FORM: &str = "pa-acknowledgement";

/// PA-01: The code covers in-person work at the main activity base (info when home-based, warn elsewhere).
pub static PA_01: Rule = Rule {
    id: "PA-01",
    form: FORM,
    title: "The code covers in-person work at the main activity base (info when home-based, warn elsewhere)",
    outcome: Outcome::Warn,
    cites: &[seed(S002, "¶1")],
};

/// PA-02: Route by role: participating carers and interpreters follow their own codes.
pub static PA_02: Rule = Rule {
    id: "PA-02",
    form: FORM,
    title: "Route by role: participating carers and interpreters follow their own codes",
    outcome: Outcome::Info,
    cites: &[seed(S002, "¶2")],
};

/// PA-03: The PA understands the Ground Rules for Participants and will support the client to follow them.
pub static PA_03: Rule = Rule {
    id: "PA-03",
    form: FORM,
    title: "The PA understands the Ground Rules for Participants and will support the client to follow them",
    outcome: Outcome::Fail,
    cites: &[seed(S002, "¶2"), seed(S002, "b16")],
};

/// PA-04: The PA follows the code at all times and makes their role clear to others.
pub static PA_04: Rule = Rule {
    id: "PA-04",
    form: FORM,
    title: "The PA follows the code at all times and makes their role clear to others",
    outcome: Outcome::Fail,
    cites: &[seed(S002, "b1")],
};

/// PA-05: The Clubs programme is professional development, not social care: the PA meets the client's support needs.
pub static PA_05: Rule = Rule {
    id: "PA-05",
    form: FORM,
    title: "The Clubs programme is professional development, not social care: the PA meets the client's support needs",
    outcome: Outcome::Fail,
    cites: &[seed(S002, "b2"), seed(S002, "b3")],
};

/// PA-06: The PA understands Independent Living and the Social Model of Disability.
pub static PA_06: Rule = Rule {
    id: "PA-06",
    form: FORM,
    title: "The PA understands Independent Living and the Social Model of Disability",
    outcome: Outcome::Fail,
    cites: &[seed(S002, "b4")],
};

/// PA-07: The PA stays as invisible as possible and keeps the focus on the client.
pub static PA_07: Rule = Rule {
    id: "PA-07",
    form: FORM,
    title: "The PA stays as invisible as possible and keeps the focus on the client",
    outcome: Outcome::Fail,
    cites: &[seed(S002, "b5")],
};

/// PA-08: The PA intrudes as little as possible and helps keep the atmosphere calm.
pub static PA_08: Rule = Rule {
    id: "PA-08",
    form: FORM,
    title: "The PA intrudes as little as possible and helps keep the atmosphere calm",
    outcome: Outcome::Fail,
    cites: &[seed(S002, "b6")],
};

/// PA-09: The PA treats the client with respect, as their employer and an equal of other participants.
pub static PA_09: Rule = Rule {
    id: "PA-09",
    form: FORM,
    title: "The PA treats the client with respect, as their employer and an equal of other participants",
    outcome: Outcome::Fail,
    cites: &[seed(S002, "b7")],
};

/// PA-10: The PA reminds the client they can book a one-to-one with the Artistic Director.
pub static PA_10: Rule = Rule {
    id: "PA-10",
    form: FORM,
    title: "The PA reminds the client they can book a one-to-one with the Artistic Director",
    outcome: Outcome::Fail,
    cites: &[seed(S002, "b8")],
};

/// PA-11: The PA supports the client to follow the routines and arrive on time.
pub static PA_11: Rule = Rule {
    id: "PA-11",
    form: FORM,
    title: "The PA supports the client to follow the routines and arrive on time",
    outcome: Outcome::Fail,
    cites: &[seed(S002, "b9")],
};

/// PA-12: The PA does not influence the client's choices or opinions (Mental Capacity Act).
pub static PA_12: Rule = Rule {
    id: "PA-12",
    form: FORM,
    title: "The PA does not influence the client's choices or opinions (Mental Capacity Act)",
    outcome: Outcome::Fail,
    cites: &[seed(S002, "b10")],
};

/// PA-13: The PA keeps confidential what they learn about participants and the team.
pub static PA_13: Rule = Rule {
    id: "PA-13",
    form: FORM,
    title: "The PA keeps confidential what they learn about participants and the team",
    outcome: Outcome::Fail,
    cites: &[seed(S002, "b11")],
};

/// PA-14: The PA does not engage with, judge or comment on other Disabled people.
pub static PA_14: Rule = Rule {
    id: "PA-14",
    form: FORM,
    title: "The PA does not engage with, judge or comment on other Disabled people",
    outcome: Outcome::Fail,
    cites: &[seed(S002, "b12")],
};

/// PA-15: The venue is shared: facilities left as found, problems reported, tasks done with due care.
pub static PA_15: Rule = Rule {
    id: "PA-15",
    form: FORM,
    title: "The venue is shared: facilities left as found, problems reported, tasks done with due care",
    outcome: Outcome::Fail,
    cites: &[seed(S002, "b13")],
};

/// PA-16: When not needed, the PA sits quietly at the back and makes calls in the lobby.
pub static PA_16: Rule = Rule {
    id: "PA-16",
    form: FORM,
    title: "When not needed, the PA sits quietly at the back and makes calls in the lobby",
    outcome: Outcome::Fail,
    cites: &[seed(S002, "b14")],
};

/// PA-17: The PA stays on the premises unless agreed, and tells the leader when taking a break.
pub static PA_17: Rule = Rule {
    id: "PA-17",
    form: FORM,
    title: "The PA stays on the premises unless agreed, and tells the leader when taking a break",
    outcome: Outcome::Fail,
    cites: &[seed(S002, "b14")],
};

/// PA-18: The kitchen only with permission; a PA cleared to use it has food hygiene training.
pub static PA_18: Rule = Rule {
    id: "PA-18",
    form: FORM,
    title: "The kitchen only with permission; a PA cleared to use it has food hygiene training",
    outcome: Outcome::Fail,
    cites: &[seed(S002, "b15"), seed(S003, "EoE Std 4.6")],
};

/// PA-19: The PA follows the activity leader's reasonable instructions.
pub static PA_19: Rule = Rule {
    id: "PA-19",
    form: FORM,
    title: "The PA follows the activity leader's reasonable instructions",
    outcome: Outcome::Fail,
    cites: &[seed(S002, "b16")],
};

/// PA-20: The PA reports concerns to the activity leader as soon as possible.
pub static PA_20: Rule = Rule {
    id: "PA-20",
    form: FORM,
    title: "The PA reports concerns to the activity leader as soon as possible",
    outcome: Outcome::Fail,
    cites: &[seed(S002, "b17")],
};

/// PA-21: A PA who reports to a manager or carer tells them about the code and gives their contact.
pub static PA_21: Rule = Rule {
    id: "PA-21",
    form: FORM,
    title: "A PA who reports to a manager or carer tells them about the code and gives their contact",
    outcome: Outcome::Fail,
    cites: &[seed(S002, "b18")],
};

/// PA-22: The client may be asked to leave when the code or Ground Rules are not followed.
pub static PA_22: Rule = Rule {
    id: "PA-22",
    form: FORM,
    title: "The client may be asked to leave when the code or Ground Rules are not followed",
    outcome: Outcome::Fail,
    cites: &[seed(S002, "b19")],
};

/// PA-26: The acknowledgement record is complete: named, employer given, signed and dated.
pub static PA_26: Rule = Rule {
    id: "PA-26",
    form: FORM,
    title: "The acknowledgement record is complete: named, employer given, signed and dated",
    outcome: Outcome::Fail,
    cites: &[seed(S002, "¶3").note("derived: the record an acknowledgement needs")],
};

/// PA-03 to PA-22: the clauses one attestation of the code covers, in clause order.
pub static CLAUSES: [&Rule; 20] = [
    &PA_03, &PA_04, &PA_05, &PA_06, &PA_07, &PA_08, &PA_09, &PA_10, &PA_11, &PA_12, &PA_13, &PA_14, &PA_15, &PA_16,
    &PA_17, &PA_18, &PA_19, &PA_20, &PA_21, &PA_22,
];

pub(super) static RULES: &[&Rule] = &[
    &PA_01, &PA_02, &PA_03, &PA_04, &PA_05, &PA_06, &PA_07, &PA_08, &PA_09, &PA_10, &PA_11, &PA_12, &PA_13, &PA_14,
    &PA_15, &PA_16, &PA_17, &PA_18, &PA_19, &PA_20, &PA_21, &PA_22, &PA_26,
];
