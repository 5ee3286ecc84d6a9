//! Making the checklist of one procedure for one applicant profile.

use super::model::{CaseOptionState, CaseState, Checklist, ChecklistItem, QuestionState, Warning};
use crate::calendar::TimeUnit;
use crate::catalogue::model::{Fee, FilingChannel, PostResult, Procedure};
use crate::catalogue::profile::{ApplicantProfile, Channel};

/// The checklist of `procedure` for `profile`, with `ticked` document ids.
pub fn build_checklist(
    procedure: &Procedure,
    profile: &ApplicantProfile,
    ticked: &[String],
) -> Checklist {
    build_with_pages(procedure, profile, ticked, &[])
}

/// The checklist of a draft: [`build_checklist`] with the `pages`
/// attached to its documents.
pub fn build_with_pages(
    procedure: &Procedure,
    profile: &ApplicantProfile,
    ticked: &[String],
    pages: &[crate::files::model::Page],
) -> Checklist {
    let online = profile.channel == Channel::Online;
    let default_of = |q: &str| {
        procedure
            .questions
            .iter()
            .find(|x| x.id == q)
            .is_some_and(|x| x.default)
    };
    let question_text = |q: &str| {
        if let Some(n) = q.strip_prefix("case:") {
            return case_option(procedure, n.parse().ok()?)
                .map(|o| (o.short_vi.clone(), o.short_en.clone()));
        }
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
                official: d.official.clone(),
                originals: crate::count::of(d.originals),
                copies: crate::count::of(d.copies),
                action: d.action,
                have: ticked.contains(&d.id),
                reason_vi: reason.as_ref().map(|r| capitalise(&r.0)),
                reason_en: reason.as_ref().map(|r| capitalise(&r.1)),
                note_vi: d.note_vi.clone(),
                note_en: d.note_en.clone(),
                pages: pages
                    .iter()
                    .filter(|p| p.document_id == d.id)
                    .cloned()
                    .collect(),
                attachment_required: online,
            }
        })
        .collect();
    let pages_missing: Vec<String> = items
        .iter()
        .filter(|i| i.attachment_required && i.pages.is_empty())
        .map(|i| i.id.clone())
        .collect();
    let missing: Vec<String> = items
        .iter()
        .filter(|i| !i.have)
        .map(|i| i.id.clone())
        .collect();
    let total = crate::count::of(items.len());
    let have_count = total - crate::count::of(missing.len());
    let progress = (have_count * 100).checked_div(total);
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
    let case = case_state(procedure, profile);
    let documents_known = !procedure.documents.is_empty();
    let mut warnings = warnings(procedure, profile);
    if !pages_missing.is_empty() {
        warnings.push(Warning {
            code: "pages_missing".to_owned(),
            vi: format!(
                "Nộp trực tuyến cần ảnh chụp hoặc bản quét của mỗi giấy tờ; còn thiếu {}.",
                pages_missing.len()
            ),
            en: format!(
                "Filing online needs a photo or scan of every document; {} still have none.",
                pages_missing.len()
            ),
        });
    }
    let blocked = procedure.notices.iter().any(|n| {
        n.blocks
            && n.when
                .as_ref()
                .is_none_or(|c| c.holds(profile, &default_of))
    });
    let case_open = case.as_ref().is_some_and(|c| c.chosen.is_none());
    let ready =
        documents_known && missing.is_empty() && pages_missing.is_empty() && !blocked && !case_open;
    // Nothing to tick yet is not "done" unless the person is ready.
    let progress_percent = progress.unwrap_or(if ready { 100 } else { 0 });
    Checklist {
        procedure: procedure.code.clone(),
        procedure_name_vi: procedure.short_vi.clone(),
        procedure_name_en: procedure.display_name(true).to_owned(),
        ready,
        pages_missing,
        documents_known,
        items,
        missing,
        have_count,
        total,
        progress_percent,
        warnings,
        questions,
        case,
    }
}

/// Option `n` (from 1) of the procedure's case question.
fn case_option(p: &Procedure, n: i32) -> Option<&crate::catalogue::model::CaseOption> {
    let index = usize::try_from(n.checked_sub(1)?).ok()?;
    p.cases.as_ref()?.options.get(index)
}

fn case_state(p: &Procedure, profile: &ApplicantProfile) -> Option<CaseState> {
    let cases = p.cases.as_ref()?;
    let chosen = profile.case.filter(|&n| case_option(p, n).is_some());
    Some(CaseState {
        id: "case".to_owned(),
        text_vi: "Trường hợp nào là của bạn?".to_owned(),
        text_en: "Which case is yours?".to_owned(),
        options: cases
            .options
            .iter()
            .zip(1..)
            .map(|(o, number)| CaseOptionState {
                number,
                short_vi: o.short_vi.clone(),
                short_en: o.short_en.clone(),
                official: o.official.clone(),
            })
            .collect(),
        chosen,
    })
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
    if p.documents.is_empty() {
        warn(
            "documents_unknown",
            "Chưa có danh sách giấy tờ cho thủ tục này: hãy hỏi tại điểm bưu điện (đại lý dịch vụ công), nhân viên sẽ hướng dẫn.".to_owned(),
            "The documents for this procedure are not listed yet: ask at the post office (public-service agent), the staff will guide you.".to_owned(),
        );
    }
    if p.cases.is_some() && profile.case.is_none() {
        warn(
            "case_not_chosen",
            "Hãy chọn trường hợp của bạn để biết đủ giấy tờ cần mang.".to_owned(),
            "Choose your case to see every document you need.".to_owned(),
        );
    }
    let by_post = matches!(profile.channel, Channel::Post | Channel::Home);
    if by_post && p.accepts(FilingChannel::Post) == Some(false) {
        warn(
            "channel_not_accepted",
            "Thủ tục này không nhận hồ sơ qua bưu chính: hãy nộp trực tiếp tại quầy.".to_owned(),
            "This procedure does not accept dossiers by post: file it at the counter.".to_owned(),
        );
    }
    if profile.channel == Channel::Online && p.accepts(FilingChannel::Online) == Some(false) {
        warn(
            "channel_not_accepted",
            "Thủ tục này không nhận hồ sơ trực tuyến: hãy nộp tại quầy hoặc qua bưu chính."
                .to_owned(),
            "This procedure does not accept dossiers online: file it at the counter or by post."
                .to_owned(),
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
    if !p.channels.is_empty() {
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
    }
    if let Some((vi, en)) = time_limit_words(p) {
        warn(
            "time_limit",
            with_note(vi, p.time_limit_note_vi.as_deref()),
            with_note(en, p.time_limit_note_en.as_deref()),
        );
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
    let default_of = |q: &str| {
        p.questions
            .iter()
            .find(|x| x.id == q)
            .is_some_and(|x| x.default)
    };
    for n in &p.notices {
        if n.when
            .as_ref()
            .is_none_or(|c| c.holds(profile, &default_of))
        {
            warn(&n.code, n.vi.clone(), n.en.clone());
        }
    }
    out
}

/// The time limit in words, in its unit.
pub(crate) fn time_limit_words(p: &Procedure) -> Option<(String, String)> {
    let (n, unit) = p.time_limit()?;
    let plural = if n == 1 { "" } else { "s" };
    Some(match (unit, n) {
        (TimeUnit::WorkingDay | TimeUnit::Day, 0) => (
            "Giải quyết trong ngày.".to_owned(),
            "Done the same day.".to_owned(),
        ),
        (TimeUnit::WorkingDay, n) => (
            format!("Thời hạn giải quyết: {n} ngày làm việc."),
            format!("Time limit: {n} working day{plural}."),
        ),
        (TimeUnit::Day, n) => (
            format!("Thời hạn giải quyết: {n} ngày."),
            format!("Time limit: {n} day{plural}."),
        ),
        (TimeUnit::Hour, n) => (
            format!("Thời hạn giải quyết: {n} giờ."),
            format!("Time limit: {n} hour{plural}."),
        ),
        (TimeUnit::Month, n) => (
            format!("Thời hạn giải quyết: {n} tháng."),
            format!("Time limit: {n} month{plural}."),
        ),
        (TimeUnit::Other, _) => return None,
    })
}

/// The fee that applies for how the dossier is filed. An agent's counter
/// files online for the person when the procedure allows it (so the online
/// fee applies), else at the counter; post and home pickup use the post
/// fee, else the counter's.
fn applicable_fee(p: &Procedure, channel: Channel) -> Option<&Fee> {
    let preference: &[FilingChannel] = match channel {
        Channel::Counter | Channel::Online => &[FilingChannel::Online, FilingChannel::Counter],
        Channel::Post | Channel::Home => &[FilingChannel::Post, FilingChannel::Counter],
    };
    preference
        .iter()
        .find_map(|&want| p.channel(want).and_then(|c| c.fees.first()))
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

    #[test]
    fn the_portals_cases_are_one_question_and_the_chosen_case_brings_its_documents() {
        let p = procedure("1.004194");
        let open = build_checklist(&p, &ApplicantProfile::default(), &[]);
        assert!(open.items.is_empty() && !open.ready && open.progress_percent == 0);
        let case = open.case.as_ref().unwrap();
        assert_eq!((case.options.len(), case.chosen), (2, None));
        assert!(open.warnings.iter().any(|w| w.code == "case_not_chosen"));
        let mut profile = ApplicantProfile {
            case: Some(1),
            ..ApplicantProfile::default()
        };
        let first = build_checklist(&p, &profile, &[]);
        assert_eq!(ids(&first), ["d1", "d2"]);
        assert_eq!(
            first.items[0].official.as_deref(),
            Some("Tờ khai thay đổi thông tin cư trú (Mẫu CT01)")
        );
        assert!(
            first.items[0]
                .reason_en
                .as_deref()
                .unwrap()
                .contains("On your own")
        );
        profile.case = Some(2);
        assert_eq!(ids(&build_checklist(&p, &profile, &[])), ["d3"]);
        // A case that is not an option is no choice.
        profile.case = Some(9);
        assert_eq!(
            build_checklist(&p, &profile, &[]).case.unwrap().chosen,
            None
        );
    }

    #[test]
    fn a_procedure_without_a_checklist_says_to_ask_at_the_agent_office() {
        let c = build_checklist(&procedure("1.000080"), &ApplicantProfile::default(), &[]);
        assert!(!c.documents_known && !c.ready && c.items.is_empty());
        let w = c
            .warnings
            .iter()
            .find(|w| w.code == "documents_unknown")
            .unwrap();
        assert!(w.en.contains("ask at the post office"), "{}", w.en);
    }

    fn real(code: &str) -> Procedure {
        parse_catalogue(crate::catalogue::BUNDLED_JSON)
            .unwrap()
            .procedures
            .into_iter()
            .find(|p| p.code == code)
            .unwrap()
    }

    #[test]
    fn criminal_record_family_need_no_authorisation_and_no_2_is_only_in_person() {
        let p = real("3.000333");
        let mut parent = ApplicantProfile {
            applicant: Applicant::Representative,
            relation: Some(Relation::Parent),
            ..ApplicantProfile::default()
        };
        assert!(!ids(&build_checklist(&p, &parent, &[])).contains(&"authorisation"));
        parent.relation = Some(Relation::Other);
        assert!(ids(&build_checklist(&p, &parent, &[])).contains(&"authorisation"));
        parent.answers = vec![Answer {
            question: "certificate_no_2".to_owned(),
            value: true,
        }];
        let all: Vec<String> = p.documents.iter().map(|d| d.id.clone()).collect();
        let c = build_checklist(&p, &parent, &all);
        assert!(!c.ready);
        assert!(
            c.warnings
                .iter()
                .any(|w| w.code == "certificate_no_2_in_person")
        );
    }

    #[test]
    fn the_joint_birth_procedure_runs_on_calendar_days() {
        let p = real("2.000986");
        assert_eq!(p.time_limit(), Some((20, crate::calendar::TimeUnit::Day)));
        let c = build_checklist(&p, &ApplicantProfile::default(), &[]);
        let w = c.warnings.iter().find(|w| w.code == "time_limit").unwrap();
        assert!(w.en.starts_with("Time limit: 20 days."), "{}", w.en);
    }
}
