//! The gift register (rules catalogue section 4): every rule at its boundaries, as table-driven
//! cases over the issue's example offer changed a field at a time.

use careform_rules::gift_register::{Register, check_register, notice_due};
use careform_rules::profile::Profile;
use careform_rules::{CheckError, Outcome};
use chrono::NaiveDate;
use serde_json::{Value, json};

use Outcome::{Fail, Info, Pass, Warn};

type Report = careform_rules::Report<careform_rules::gift_register::Parts>;

const TODAY: &str = "2026-11-23";

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The issue's example offer: declined, recorded, reported the same day.
fn offer() -> Value {
    json!({"offered_on":"2026-11-02","worker":"Alex Rowe","client":"C-104","offered_by":"client","kind":"gift",
           "description":"Box of chocolates","estimated_value_pence":800,"solicited":false,"outcome":"declined",
           "reported_on":"2026-11-02","commissioner_notified_on":null,"safeguarding_concern":false})
}

/// The example offer with `patch`'s members replaced.
fn with(patch: Value) -> Value {
    let mut o = offer();
    for (k, v) in patch.as_object().unwrap() {
        o[k.as_str()] = v.clone();
    }
    o
}

fn register(offers: Vec<Value>) -> Value {
    json!({"provider": {"name": "Acme Care"}, "offers": offers})
}

fn profile(token_pence: i64) -> Profile {
    if token_pence == 0 {
        return Profile::built_in("somerset-micro-provider").unwrap();
    }
    let json = format!(
        r#"{{"id":"token","extends":"somerset-micro-provider","gifts":{{"token_value_pence":{token_pence}}}}}"#
    );
    Profile::from_json(&json).unwrap()
}

fn run_with(v: &Value, p: &Profile) -> Report {
    let r: Register = serde_json::from_value(v.clone()).expect("fits the input shape");
    check_register(&r, p, day(TODAY)).expect("valid input")
}

fn run(v: &Value) -> Report {
    run_with(v, &profile(0))
}

/// The worst outcome of `rule` anywhere in the report; `None` when it did not fire.
fn outcome(r: &Report, rule: &str) -> Option<Outcome> {
    let offers = r.parts.offers.iter().flat_map(|o| &o.findings);
    offers.chain(&r.findings).filter(|f| f.rule == rule).map(|f| f.outcome).max()
}

#[test]
fn the_issues_example_passes_under_both_built_in_profiles() {
    for id in careform_rules::profile::BUILT_IN {
        let r = run_with(&register(vec![offer()]), &Profile::built_in(id).unwrap());
        assert_eq!(r.outcome, Pass, "{id}: {:#?}", r.findings);
        assert_eq!(outcome(&r, "GR-04"), Some(Pass));
        assert!(r.parts.notifications.is_empty());
        assert_eq!(outcome(&r, "GR-27"), Some(Info), "the reminder every register carries");
    }
}

/// (what, the offer's changes, token value in pence, rule, its outcome or None, the report's outcome)
type Case = (&'static str, Value, i64, &'static str, Option<Outcome>, Outcome);

fn cases() -> Vec<Case> {
    let accepted = |kind: &str| json!({"outcome": "accepted", "kind": kind, "commissioner_notified_on": "2026-11-03"});
    vec![
        ("declined and recorded", json!({}), 0, "GR-04", Some(Pass), Pass),
        ("returned and recorded", json!({"outcome": "returned"}), 0, "GR-04", Some(Pass), Pass),
        ("not reported to the provider", json!({"reported_on": null}), 0, "GR-04", Some(Fail), Fail),
        ("pending", json!({"outcome": "pending"}), 0, "GR-04", Some(Warn), Warn),
        ("accepted gift, zero tolerance", accepted("gift"), 0, "GR-01", Some(Fail), Fail),
        ("accepted from the client", accepted("gift"), 0, "GR-02", Some(Fail), Fail),
        ("accepted from a friend", with_by(accepted("gift"), "friend"), 0, "GR-02", None, Fail),
        ("accepted hospitality", accepted("hospitality"), 0, "GR-01", Some(Fail), Fail),
        ("accepted bequest", accepted("bequest"), 0, "GR-01", Some(Fail), Fail),
        ("solicited, then declined", json!({"solicited": true}), 0, "GR-03", Some(Fail), Fail),
        (
            "solicited bequest, declined",
            json!({"solicited": true, "kind": "bequest", "commissioner_notified_on": "2026-11-03"}),
            0,
            "GR-06",
            Some(Fail),
            Fail,
        ),
        ("money accepted", accepted("money"), 0, "GR-18", Some(Fail), Fail),
        ("money of 1p under a £10 token value", with_value(accepted("money"), 1), 1000, "GR-18", Some(Fail), Fail),
        ("cheque under a token value", with_value(accepted("cheque"), 500), 1000, "GR-18", Some(Fail), Fail),
        ("voucher under a token value", with_value(accepted("voucher"), 500), 1000, "GR-18", Some(Fail), Fail),
        ("voucher declined", json!({"kind": "voucher"}), 0, "GR-18", None, Pass),
        ("tip accepted", accepted("tip"), 0, "GR-03", Some(Fail), Fail),
        ("loan", accepted("loan"), 0, "GR-15", Some(Fail), Fail),
        ("selling to the client", accepted("sale_or_purchase"), 0, "GR-15", Some(Fail), Fail),
        ("using the client's car", accepted("use_of_property"), 0, "GR-14", Some(Fail), Fail),
        ("store card points", accepted("store_card_or_loyalty"), 0, "GR-10", Some(Fail), Fail),
        ("keeping valuables", accepted("safekeeping"), 0, "GR-12", Some(Fail), Fail),
        ("a lottery syndicate", accepted("betting"), 0, "GR-13", Some(Fail), Fail),
        ("the client's PIN", accepted("financial_access"), 0, "GR-16", Some(Fail), Fail),
        ("helping make a will", accepted("will_involvement"), 0, "GR-06", Some(Fail), Fail),
        ("witnessing a will", with_role(accepted("will_involvement"), "witness"), 0, "GR-07", Some(Fail), Fail),
        ("executor of a will", with_role(accepted("will_involvement"), "executor"), 0, "GR-07", Some(Fail), Fail),
        (
            "asked to witness a will, declined",
            json!({"kind": "will_involvement", "will_role": "witness"}),
            0,
            "GR-07",
            None,
            Pass,
        ),
        ("a legal document, no agreement", accepted("legal_document"), 0, "GR-08", Some(Fail), Fail),
        (
            "a legal document the commissioner agreed",
            json!({"outcome": "accepted", "kind": "legal_document", "commissioner_agreement_ref": "COM-2026-17", "commissioner_notified_on": "2026-11-03"}),
            0,
            "GR-08",
            Some(Pass),
            Pass,
        ),
        ("a bequest declined, commissioner not told", json!({"kind": "bequest"}), 0, "GR-11", Some(Fail), Fail),
        (
            "a bequest declined, commissioner told",
            json!({"kind": "bequest", "commissioner_notified_on": "2026-11-09"}),
            0,
            "GR-11",
            Some(Pass),
            Pass,
        ),
        (
            "a bequest the client intends, no dissuasion",
            json!({"kind": "bequest", "outcome": "pending", "commissioner_notified_on": "2026-11-03"}),
            0,
            "GR-19",
            Some(Warn),
            Warn,
        ),
        (
            "a bequest the client intends, dissuasion recorded",
            json!({"kind": "bequest", "outcome": "pending", "dissuasion_recorded": true, "commissioner_notified_on": "2026-11-03"}),
            0,
            "GR-19",
            None,
            Warn,
        ),
        ("could not return, no disposition", json!({"outcome": "could_not_return"}), 0, "GR-21", Some(Warn), Warn),
        (
            "could not return, given to charity",
            json!({"outcome": "could_not_return", "disposition": "given_to_charity"}),
            0,
            "GR-21",
            Some(Pass),
            Pass,
        ),
        (
            "could not return, kept with authorisation",
            json!({"outcome": "could_not_return", "disposition": "kept_with_authorisation"}),
            0,
            "GR-21",
            Some(Pass),
            Pass,
        ),
        (
            "could not return, kept without authorisation",
            json!({"outcome": "could_not_return", "disposition": "kept_without_authorisation"}),
            0,
            "GR-21",
            Some(Fail),
            Fail,
        ),
        (
            "cash that could not be returned, kept",
            json!({"kind": "money", "outcome": "could_not_return", "disposition": "kept_with_authorisation"}),
            0,
            "GR-18",
            Some(Fail),
            Fail,
        ),
        ("a gift at the token value", with_value(accepted("gift"), 1000), 1000, "GR-20", Some(Warn), Warn),
        ("a gift at the token value: no breach", with_value(accepted("gift"), 1000), 1000, "GR-01", None, Warn),
        ("a gift one penny over the token value", with_value(accepted("gift"), 1001), 1000, "GR-01", Some(Fail), Fail),
        (
            "a token gift signed off",
            json!({"outcome": "accepted", "estimated_value_pence": 1000, "manager_sign_off": "Pat Lee", "commissioner_notified_on": "2026-11-03"}),
            1000,
            "GR-20",
            Some(Pass),
            Pass,
        ),
        ("a gift worth nothing under zero tolerance", with_value(accepted("gift"), 0), 0, "GR-01", Some(Fail), Fail),
        (
            "an accepted gift, commissioner not told",
            json!({"outcome": "accepted", "estimated_value_pence": 500}),
            1000,
            "GR-05",
            Some(Fail),
            Fail,
        ),
        (
            "told on the last working day",
            json!({"outcome": "accepted", "estimated_value_pence": 500, "manager_sign_off": "Pat Lee", "commissioner_notified_on": "2026-11-09"}),
            1000,
            "GR-05",
            Some(Pass),
            Pass,
        ),
        (
            "told the day after",
            json!({"outcome": "accepted", "estimated_value_pence": 500, "manager_sign_off": "Pat Lee", "commissioner_notified_on": "2026-11-10"}),
            1000,
            "GR-05",
            Some(Warn),
            Warn,
        ),
        (
            "a safeguarding concern, commissioner not told",
            json!({"safeguarding_concern": true, "safeguarding_referral": "referred"}),
            0,
            "GR-24",
            Some(Fail),
            Fail,
        ),
        (
            "a concern told, no referral decision",
            json!({"safeguarding_concern": true, "commissioner_notified_on": "2026-11-03"}),
            0,
            "GR-24",
            Some(Warn),
            Warn,
        ),
        (
            "a concern told and referred",
            json!({"safeguarding_concern": true, "commissioner_notified_on": "2026-11-03", "safeguarding_referral": "referred"}),
            0,
            "GR-24",
            Some(Pass),
            Pass,
        ),
        ("no worker", json!({"worker": " "}), 0, "GR-25", Some(Fail), Fail),
        ("no client reference", json!({"client": ""}), 0, "GR-25", Some(Fail), Fail),
        ("offered today", json!({"offered_on": TODAY, "reported_on": TODAY}), 0, "GR-25", None, Pass),
        ("offered tomorrow", json!({"offered_on": "2026-11-24", "reported_on": TODAY}), 0, "GR-25", Some(Fail), Fail),
        ("reported before it was offered", json!({"reported_on": "2026-11-01"}), 0, "GR-25", Some(Fail), Fail),
        ("not in the care record", json!({"care_record_noted": false}), 0, "GR-26", Some(Warn), Warn),
        ("in the care record", json!({"care_record_noted": true}), 0, "GR-26", None, Pass),
        ("a council employee", json!({"council_employee": true}), 0, "GR-28", Some(Info), Pass),
    ]
}

fn with_by(mut v: Value, by: &str) -> Value {
    v["offered_by"] = json!(by);
    v
}
fn with_value(mut v: Value, pence: u64) -> Value {
    v["estimated_value_pence"] = json!(pence);
    v
}
fn with_role(mut v: Value, role: &str) -> Value {
    v["will_role"] = json!(role);
    v
}

#[test]
fn every_rule_at_its_boundaries() {
    let mut wrong = Vec::new();
    for (what, patch, token, rule, expected, overall) in cases() {
        let r = run_with(&register(vec![with(patch)]), &profile(token));
        if outcome(&r, rule) != expected || r.outcome != overall {
            wrong.push(format!(
                "{what}: {rule} {:?} (expected {expected:?}), report {:?} (expected {overall:?})",
                outcome(&r, rule),
                r.outcome
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_provider_needs_a_name_and_when_asked_its_guidelines() {
    let mut v = register(vec![offer()]);
    v["provider"] = json!({"name": "", "belongings_guidelines": false});
    let r = run(&v);
    assert_eq!((outcome(&r, "GR-25"), outcome(&r, "GR-17"), r.outcome), (Some(Fail), Some(Fail), Fail));
    v["provider"] = json!({"name": "Acme Care", "belongings_guidelines": true});
    assert_eq!(run(&v).outcome, Pass);
}

#[test]
fn the_commissioners_deadline_counts_working_days_from_the_report() {
    // Monday 2 November 2026 + 5 working days is Monday 9 November; Friday 6 November + 5 is Friday 13.
    assert_eq!(notice_due(day("2026-11-02"), 5), day("2026-11-09"));
    assert_eq!(notice_due(day("2026-11-06"), 5), day("2026-11-13"));
    assert_eq!(notice_due(day("2026-11-07"), 1), day("2026-11-09"), "from a Saturday, the Monday");
    let r =
        run(&register(vec![with(json!({"kind": "bequest", "reported_on": "2026-11-06", "offered_on": "2026-11-05"}))]));
    let n = &r.parts.notifications[0];
    assert_eq!(
        (n.to.as_str(), n.offer, n.due_by.as_str(), n.notified_on.clone()),
        ("commissioner", 0, "2026-11-13", None)
    );
    assert_eq!(n.rules, ["GR-11"]);
    assert_eq!(
        n.source,
        "003_511e571f1df8e389.txt §16.1(6); 004_08a37aa4ee6b72b0.txt §22.11 b2; deadline: 5 working days after the report (profile gifts.commissioner_notice_working_days)"
    );
    let f = r.parts.offers[0].findings.iter().find(|f| f.rule == "GR-11").unwrap();
    assert!(f.message.contains("13 November 2026"), "{}", f.message);
    assert!(
        f.source.contains("003_511e571f1df8e389.txt §16.1(6)") && f.source.contains("5 working days"),
        "{}",
        f.source
    );
    // A council's own deadline comes from its profile.
    let p = Profile::from_json(
        r#"{"id":"quick","extends":"bexley-homecare","gifts":{"commissioner_notice_working_days":2}}"#,
    )
    .unwrap();
    let r = run_with(
        &register(vec![with(json!({"kind": "bequest", "reported_on": "2026-11-06", "offered_on": "2026-11-05"}))]),
        &p,
    );
    assert_eq!(r.parts.notifications[0].due_by, "2026-11-10");
}

#[test]
fn each_needed_notification_is_listed_once_per_offer_with_every_reason() {
    let r = run(&register(vec![
        offer(),
        with(json!({"kind": "bequest", "outcome": "accepted", "safeguarding_concern": true})),
        with(
            json!({"safeguarding_concern": true, "commissioner_notified_on": "2026-11-04", "safeguarding_referral": "not_referred"}),
        ),
    ]));
    let n: Vec<(usize, Vec<String>, Option<String>)> =
        r.parts.notifications.iter().map(|n| (n.offer, n.rules.clone(), n.notified_on.clone())).collect();
    assert_eq!(
        n,
        [
            (1, vec!["GR-11".to_owned(), "GR-05".into(), "GR-24".into()], None),
            (2, vec!["GR-24".to_owned()], Some("2026-11-04".into()))
        ]
    );
    assert_eq!(r.parts.notifications[0].reason, "a bequest or legacy; an accepted offer; a safeguarding concern");
    assert_eq!(r.parts.offers.iter().map(|o| o.outcome).collect::<Vec<_>>(), [Pass, Fail, Pass]);
}

#[test]
fn three_offers_from_one_client_within_90_days_warn() {
    let on = |d: &str, client: &str| with(json!({"offered_on": d, "reported_on": d, "client": client}));
    let table: Vec<(&str, Vec<Value>, Option<Outcome>)> = vec![
        ("2 offers within 90 days", vec![on("2026-08-25", "C-104"), on("2026-11-02", "C-104")], None),
        (
            "3 offers, first to last 90 days",
            vec![on("2026-08-04", "C-104"), on("2026-09-01", "C-104"), on("2026-11-02", "C-104")],
            Some(Warn),
        ),
        (
            "3 offers over 91 days",
            vec![on("2026-08-03", "C-104"), on("2026-09-01", "C-104"), on("2026-11-02", "C-104")],
            None,
        ),
        (
            "3 offers from 2 clients",
            vec![on("2026-10-01", "C-104"), on("2026-10-02", "C-105"), on("2026-11-02", "C-104")],
            None,
        ),
        (
            "the reference in any case, in any order",
            vec![on("2026-11-02", "c-104"), on("2026-10-01", "C-104 "), on("2026-10-02", "C-104")],
            Some(Warn),
        ),
        (
            "4 offers, the last 3 within 90 days",
            vec![
                on("2026-01-02", "C-104"),
                on("2026-08-10", "C-104"),
                on("2026-09-01", "C-104"),
                on("2026-11-02", "C-104"),
            ],
            Some(Warn),
        ),
    ];
    for (what, offers, expected) in table {
        let r = run(&register(offers));
        assert_eq!(outcome(&r, "GR-23"), expected, "{what}");
        assert_eq!(r.findings.iter().filter(|f| f.rule == "GR-23").count(), usize::from(expected.is_some()), "{what}");
    }
}

#[test]
fn malformed_registers_are_refused_naming_the_field() {
    let refused = |v: Value| -> String {
        match serde_json::from_value::<Register>(v.clone()) {
            Err(e) => e.to_string(),
            Ok(r) => match check_register(&r, &profile(0), day(TODAY)) {
                Err(CheckError::Invalid(p)) => format!("{p:?}"),
                other => panic!("{v} was not refused: {other:?}"),
            },
        }
    };
    assert!(refused(register(vec![with(json!({"kind": "gadget"}))])).contains("unknown variant `gadget`"));
    assert!(refused(register(vec![with(json!({"outcome": "kept"}))])).contains("unknown variant `kept`"));
    assert!(refused(register(vec![with(json!({"estimated_value_pence": 8.5}))])).contains("floating point"));
    assert!(refused(register(vec![with(json!({"estimated_value_pence": -1}))])).contains("-1"));
    assert!(refused(register(vec![with(json!({"key_safe_code": "1234"}))])).contains("unknown field `key_safe_code`"));
    assert!(refused(register(vec![with(json!({"offered_on": "2026-02-30"}))])).contains("offers[0].offered_on"));
    assert!(refused(register(vec![with(json!({"reported_on": "02/11/2026"}))])).contains("offers[0].reported_on"));
    assert!(refused(register(vec![with(json!({"description": "x".repeat(501)}))])).contains("offers[0].description"));
    assert!(refused(register(vec![offer(); 201])).contains("at most 200 offers"));
}

#[test]
fn the_token_value_and_the_deadline_are_profile_settings_checked_when_read() {
    let p =
        Profile::from_json(r#"{"id":"kent","extends":"somerset-micro-provider","gifts":{"token_value_pence":1000}}"#)
            .unwrap();
    assert_eq!(
        (p.gifts.token_value_pence, p.title.as_str()),
        (1000, Profile::built_in("somerset-micro-provider").unwrap().title.as_str())
    );
    for (bad, says) in [
        (r#"{"token_value_pence":-1}"#, "token_value_pence"),
        (r#"{"token_value_pence":10.5}"#, "gifts"),
        (r#"{"token_pence":1000}"#, "unknown field `token_pence`"),
        (r#"{"commissioner_notice_working_days":0}"#, "commissioner_notice_working_days"),
        (r#"{"repeat_offers":1}"#, "repeat_offers"),
    ] {
        let json = format!(r#"{{"id":"x","extends":"bexley-homecare","gifts":{bad}}}"#);
        let e = Profile::from_json(&json).unwrap_err();
        assert!(e.0.contains(says), "{bad}: {e}");
    }
    for id in careform_rules::profile::BUILT_IN {
        assert_eq!(
            Profile::built_in(id).unwrap().gifts,
            careform_rules::gift_register::Settings::default(),
            "decision 5: {id}"
        );
    }
}
