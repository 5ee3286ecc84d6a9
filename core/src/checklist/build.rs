//! Making the checklist of one procedure for one applicant profile.

use super::model::{Checklist, ChecklistItem, QuestionState, Warning};
use crate::catalogue::model::{FeeChannel, FilingChannel, PostResult, Procedure};
use crate::catalogue::profile::{ApplicantProfile, Channel};

/// The checklist of `procedure` for `profile`, with `ticked` document ids.
pub fn build_checklist(
    procedure: &Procedure,
    profile: &ApplicantProfile,
    ticked: &[String],
) -> Checklist {
    let default_of = |q: &str| {
        procedure
            .questions
            .iter()
            .find(|x| x.id == q)
            .is_some_and(|x| x.default)
    };
    let question_text = |q: &str| {
        procedure
            .questions
            .iter()
            .find(|x| x.id == q)
            .map(|x| (x.text_vi.clone(), x.text_en.clone()))
    };
    let items: Vec<ChecklistItem> = procedure
        .documents
        .iter()
        .filter(|d| {
            d.when
                .as_ref()
                .is_none_or(|c| c.holds(profile, &default_of))
        })
        .map(|d| {
            let reason = d.when.as_ref().map(|c| c.explain(&question_text));
            ChecklistItem {
                id: d.id.clone(),
                name_vi: d.name_vi.clone(),
                name_en: d.name_en.clone(),
                originals: crate::count::of(d.originals),
                copies: crate::count::of(d.copies),
                action: d.action,
                have: ticked.contains(&d.id),
                reason_vi: reason.as_ref().map(|r| capitalise(&r.0)),
                reason_en: reason.as_ref().map(|r| capitalise(&r.1)),
                note_vi: d.note_vi.clone(),
                note_en: d.note_en.clone(),
            }
        })
        .collect();
    let missing: Vec<String> = items
        .iter()
        .filter(|i| !i.have)
        .map(|i| i.id.clone())
        .collect();
    let total = crate::count::of(items.len());
    let have_count = total - crate::count::of(missing.len());
    let progress_percent = (have_count * 100).checked_div(total).unwrap_or(100);
    let questions = procedure
        .questions
        .iter()
        .map(|q| {
            let given = profile.answer(&q.id);
            QuestionState {
                id: q.id.clone(),
                text_vi: q.text_vi.clone(),
                text_en: q.text_en.clone(),
                answer: given.unwrap_or(q.default),
                answered: given.is_some(),
            }
        })
        .collect();
    Checklist {
        procedure: procedure.code.clone(),
        procedure_name_vi: procedure.name_vi.clone(),
        procedure_name_en: procedure.name_en.clone(),
        ready: missing.is_empty(),
        items,
        missing,
        have_count,
        total,
        progress_percent,
        warnings: warnings(procedure, profile),
        questions,
    }
}

fn warnings(p: &Procedure, profile: &ApplicantProfile) -> Vec<Warning> {
    let mut out = Vec::new();
    let mut warn = |code: &str, vi: String, en: String| {
        out.push(Warning {
            code: code.to_owned(),
            vi,
            en,
        })
    };
    let by_post = matches!(profile.channel, Channel::Post | Channel::Home);
    if by_post && !p.channels.contains(&FilingChannel::Post) {
        warn(
            "channel_not_accepted",
            "Thủ tục này không nhận hồ sơ qua bưu chính: hãy nộp trực tiếp tại quầy.".to_owned(),
            "This procedure does not accept dossiers by post: file it at the counter.".to_owned(),
        );
    }
    match p.result_by_post {
        PostResult::NotAllowed => warn(
            "no_result_by_post",
            "Kết quả không gửi qua bưu điện được: phải đến nhận trực tiếp.".to_owned(),
            "The result cannot be sent by post: it must be collected in person.".to_owned(),
        ),
        PostResult::Unknown if by_post => warn(
            "result_by_post_unknown",
            "Chưa rõ kết quả có gửi qua bưu điện được không: hãy hỏi nhân viên.".to_owned(),
            "It is not known whether the result can come by post: ask the staff.".to_owned(),
        ),
        _ => {}
    }
    if let Some(presence) = &p.presence {
        warn(
            "presence_required",
            format!("Phải có mặt trực tiếp: {}.", presence.who_vi),
            format!("Must come in person: {}.", presence.who_en),
        );
    }
    let fee = applicable_fee(p, profile.channel);
    let note_vi = fee.and_then(|f| f.note_vi.as_deref());
    let note_en = fee.and_then(|f| f.note_en.as_deref());
    match fee.and_then(|f| f.amount_vnd) {
        Some(0) => warn(
            "fee",
            with_note("Miễn lệ phí.".to_owned(), note_vi),
            with_note("No fee.".to_owned(), note_en),
        ),
        Some(amount) => warn(
            "fee",
            with_note(
                format!(
                    "Lệ phí: {} đồng.",
                    group_thousands(crate::count::long(amount))
                ),
                note_vi,
            ),
            with_note(
                format!("Fee: {} VND.", group_thousands(crate::count::long(amount))),
                note_en,
            ),
        ),
        None => warn(
            "fee",
            with_note("Chưa rõ mức lệ phí: hãy hỏi nhân viên.".to_owned(), note_vi),
            with_note("The fee is not known: ask the staff.".to_owned(), note_en),
        ),
    }
    match p.time_limit_days {
        Some(0) => warn(
            "time_limit",
            with_note(
                "Giải quyết trong ngày.".to_owned(),
                p.time_limit_note_vi.as_deref(),
            ),
            with_note(
                "Done the same day.".to_owned(),
                p.time_limit_note_en.as_deref(),
            ),
        ),
        Some(days) => warn(
            "time_limit",
            with_note(
                format!("Thời hạn giải quyết: {days} ngày làm việc."),
                p.time_limit_note_vi.as_deref(),
            ),
            with_note(
                format!(
                    "Time limit: {days} working day{}.",
                    if days == 1 { "" } else { "s" }
                ),
                p.time_limit_note_en.as_deref(),
            ),
        ),
        None => {}
    }
    if !p.sourced {
        warn(
            "unsourced",
            "Thông tin về thủ tục này chưa được kiểm chứng đầy đủ: hãy hỏi lại tại quầy."
                .to_owned(),
            "The information on this procedure is not fully verified: check at the counter."
                .to_owned(),
        );
    }
    out
}

/// The fee that applies for how the dossier is filed. An agent's counter
/// files online for the person when the procedure allows it (so the online
/// fee applies), else at the counter; post and home pickup use the post fee.
/// A fee for `any` channel is the fallback.
fn applicable_fee(p: &Procedure, channel: Channel) -> Option<&crate::catalogue::model::Fee> {
    let preference: &[FeeChannel] = match channel {
        Channel::Counter if p.channels.contains(&FilingChannel::Online) => {
            &[FeeChannel::Online, FeeChannel::Counter]
        }
        Channel::Counter => &[FeeChannel::Counter],
        Channel::Post | Channel::Home => &[FeeChannel::Post],
    };
    preference
        .iter()
        .chain(&[FeeChannel::Any])
        .find_map(|want| p.fees.iter().find(|f| f.channel == *want))
}

fn with_note(text: String, note: Option<&str>) -> String {
    match note {
        Some(n) if !n.is_empty() => format!("{text} {n}"),
        _ => text,
    }
}

/// `1234567` → `1.234.567` (Vietnamese digit grouping).
pub(crate) fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::from(if n < 0 { "-" } else { "" });
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::model::{CatalogueData, DocumentAction};
    use crate::catalogue::profile::{Answer, Applicant, Beneficiary, Relation};
    use crate::catalogue::validate::parse_catalogue;

    fn mini() -> CatalogueData {
        parse_catalogue(include_str!("../../testdata/mini-catalogue.json")).unwrap()
    }

    fn procedure(code: &str) -> Procedure {
        mini()
            .procedures
            .into_iter()
            .find(|p| p.code == code)
            .unwrap()
    }

    fn ids(c: &Checklist) -> Vec<&str> {
        c.items.iter().map(|i| i.id.as_str()).collect()
    }

    #[test]
    fn a_self_applicant_gets_the_unconditional_documents_and_nothing_else() {
        let c = build_checklist(&procedure("1.001193"), &ApplicantProfile::default(), &[]);
        assert_eq!(
            ids(&c),
            ["birth_certificate", "declaration_form", "id_card"]
        );
        assert_eq!(
            c.missing,
            ["birth_certificate", "declaration_form", "id_card"]
        );
        assert!(!c.ready);
        assert_eq!((c.have_count, c.total, c.progress_percent), (0, 3, 0));
        let id_card = &c.items[2];
        assert_eq!(
            (id_card.originals, id_card.copies, id_card.action),
            (1, 0, DocumentAction::Show)
        );
    }

    #[test]
    fn ticking_every_document_makes_the_person_ready() {
        let have = [
            "birth_certificate".to_owned(),
            "declaration_form".to_owned(),
        ];
        let c = build_checklist(&procedure("1.001193"), &ApplicantProfile::default(), &have);
        assert_eq!(c.missing, ["id_card"]);
        assert_eq!(c.progress_percent, 66);
        let all = [have[0].clone(), have[1].clone(), "id_card".to_owned()];
        let c = build_checklist(&procedure("1.001193"), &ApplicantProfile::default(), &all);
        assert!(c.ready && c.missing.is_empty() && c.progress_percent == 100);
    }

    #[test]
    fn a_representative_needs_an_authorisation_notarised_unless_close_family() {
        let mut profile = ApplicantProfile {
            applicant: Applicant::Representative,
            relation: Some(Relation::Other),
            ..ApplicantProfile::default()
        };
        let c = build_checklist(&procedure("1.001193"), &profile, &[]);
        let auth = c.items.iter().find(|i| i.id == "authorisation").unwrap();
        assert_eq!(
            auth.reason_en.as_deref(),
            Some(
                "You file as an authorised representative and not: the representative is a grandparent or a parent or a child or a spouse or a sibling"
            )
        );
        assert!(
            auth.reason_vi
                .as_deref()
                .unwrap()
                .starts_with("Bạn nộp thay theo ủy quyền")
        );
        profile.relation = Some(Relation::Parent);
        let c = build_checklist(&procedure("1.001193"), &profile, &[]);
        assert!(ids(&c).contains(&"authorisation_family"));
        assert!(!ids(&c).contains(&"authorisation"));
    }

    #[test]
    fn answers_switch_documents_and_are_reported() {
        let profile = ApplicantProfile {
            answers: vec![Answer {
                question: "has_birth_certificate".into(),
                value: false,
            }],
            ..ApplicantProfile::default()
        };
        let c = build_checklist(&procedure("1.001193"), &profile, &[]);
        assert!(ids(&c).contains(&"witness_statement"));
        assert!(!ids(&c).contains(&"birth_certificate"));
        assert_eq!(c.questions.len(), 1);
        assert!(c.questions[0].answered && !c.questions[0].answer);
    }

    #[test]
    fn beneficiaries_get_their_papers() {
        let profile = ApplicantProfile {
            beneficiary: Beneficiary::Merit,
            ..ApplicantProfile::default()
        };
        let c = build_checklist(&procedure("x.cap-lai-the-bhyt"), &profile, &[]);
        let cert = c
            .items
            .iter()
            .find(|i| i.id == "merit_certificate")
            .unwrap();
        assert_eq!(
            cert.reason_en.as_deref(),
            Some("A person with meritorious service")
        );
        let c = build_checklist(
            &procedure("x.cap-lai-the-bhyt"),
            &ApplicantProfile::default(),
            &[],
        );
        assert!(!ids(&c).contains(&"merit_certificate"));
    }

    #[test]
    fn warnings_say_what_to_know_before_travelling() {
        let post = ApplicantProfile {
            channel: Channel::Post,
            ..ApplicantProfile::default()
        };
        let c = build_checklist(&procedure("1.000894"), &post, &[]);
        let codes: Vec<&str> = c.warnings.iter().map(|w| w.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "channel_not_accepted",
                "no_result_by_post",
                "presence_required",
                "fee",
                "time_limit"
            ]
        );
        assert!(c.warnings[2].en.contains("both spouses-to-be"));
        let c = build_checklist(&procedure("x.cap-lai-the-bhyt"), &post, &[]);
        let codes: Vec<&str> = c.warnings.iter().map(|w| w.code.as_str()).collect();
        assert_eq!(codes, ["result_by_post_unknown", "fee", "unsourced"]);
        assert!(c.warnings[1].en.contains("not known"));
    }

    #[test]
    fn thousands_group_with_dots() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(200000), "200.000");
        assert_eq!(group_thousands(1234567), "1.234.567");
    }
}
