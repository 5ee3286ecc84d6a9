//! Conditions as data: when a document applies, in terms of the
//! applicant's profile and answers, so the checklist can say why.

use serde::{Deserialize, Serialize};

use super::profile::{Applicant, ApplicantProfile, Beneficiary, Channel, Relation};

/// When a document applies. JSON forms: `{"all": [..]}`, `{"any": [..]}`,
/// `{"not": ..}`, `{"applicant": ["representative"]}`,
/// `{"relation": ["other"]}`, `{"beneficiary": ["merit"]}`,
/// `{"channel": ["post", "home"]}`, `{"answer": {"question": "id", "is": false}}`,
/// `{"case": [2]}` (the case the applicant picked, numbered from 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// Every condition holds.
    All(Vec<Condition>),
    /// At least one holds.
    Any(Vec<Condition>),
    /// The condition does not hold.
    Not(Box<Condition>),
    /// The applicant files in one of these roles.
    Applicant(Vec<Applicant>),
    /// The representative is related to the person in one of these ways.
    Relation(Vec<Relation>),
    /// The person is in one of these beneficiary categories.
    Beneficiary(Vec<Beneficiary>),
    /// The dossier goes through one of these channels.
    Channel(Vec<Channel>),
    /// A procedure question has this answer.
    Answer(AnswerIs),
    /// The applicant picked one of these cases of the procedure.
    Case(Vec<i32>),
}

/// `{"question": "id", "is": true}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerIs {
    /// The question's id.
    pub question: String,
    /// The answer that makes the condition hold.
    pub is: bool,
}

impl Condition {
    /// Whether the condition holds for `profile`; `default_of` gives the
    /// default answer of a question the person has not answered.
    pub fn holds(&self, profile: &ApplicantProfile, default_of: &dyn Fn(&str) -> bool) -> bool {
        match self {
            Condition::All(cs) => cs.iter().all(|c| c.holds(profile, default_of)),
            Condition::Any(cs) => cs.iter().any(|c| c.holds(profile, default_of)),
            Condition::Not(c) => !c.holds(profile, default_of),
            Condition::Applicant(set) => set.contains(&profile.applicant),
            Condition::Relation(set) => profile.relation.is_some_and(|r| set.contains(&r)),
            Condition::Beneficiary(set) => set.contains(&profile.beneficiary),
            Condition::Channel(set) => set.contains(&profile.channel),
            Condition::Answer(a) => {
                profile
                    .answer(&a.question)
                    .unwrap_or_else(|| default_of(&a.question))
                    == a.is
            }
            Condition::Case(set) => profile.case.is_some_and(|c| set.contains(&c)),
        }
    }

    /// Why the condition holds, in words: (Vietnamese, English). `question`
    /// gives a question's text (vi, en) by id, and a case's label by
    /// `case:N`.
    pub fn explain(&self, question: &dyn Fn(&str) -> Option<(String, String)>) -> (String, String) {
        let join = |cs: &[Condition], vi_sep: &str, en_sep: &str| {
            let parts: Vec<(String, String)> = cs.iter().map(|c| c.explain(question)).collect();
            (
                parts
                    .iter()
                    .map(|p| p.0.as_str())
                    .collect::<Vec<_>>()
                    .join(vi_sep),
                parts
                    .iter()
                    .map(|p| p.1.as_str())
                    .collect::<Vec<_>>()
                    .join(en_sep),
            )
        };
        match self {
            Condition::All(cs) => join(cs, " và ", " and "),
            Condition::Any(cs) => join(cs, " hoặc ", " or "),
            Condition::Not(c) => {
                let (vi, en) = c.explain(question);
                (format!("không phải: {vi}"), format!("not: {en}"))
            }
            Condition::Applicant(set) => list(set.iter().map(|a| applicant_words(*a))),
            Condition::Relation(set) => {
                let (vi, en) = list(set.iter().map(|r| relation_words(*r)));
                (
                    format!("người đại diện là {vi}"),
                    format!("the representative is {en}"),
                )
            }
            Condition::Beneficiary(set) => list(set.iter().map(|b| beneficiary_words(*b))),
            Condition::Channel(set) => list(set.iter().map(|c| channel_words(*c))),
            Condition::Answer(a) => {
                let (q_vi, q_en) = question(&a.question)
                    .unwrap_or_else(|| (a.question.clone(), a.question.clone()));
                let (yes_vi, yes_en) = if a.is {
                    ("Có", "Yes")
                } else {
                    ("Không", "No")
                };
                (format!("{q_vi} — {yes_vi}"), format!("{q_en} — {yes_en}"))
            }
            Condition::Case(set) => {
                let (vi, en): (Vec<String>, Vec<String>) = set
                    .iter()
                    .map(|n| {
                        question(&format!("case:{n}")).unwrap_or((n.to_string(), n.to_string()))
                    })
                    .unzip();
                (
                    format!("trường hợp: {}", vi.join(" hoặc ")),
                    format!("case: {}", en.join(" or ")),
                )
            }
        }
    }
}

fn list<'a>(words: impl Iterator<Item = (&'a str, &'a str)>) -> (String, String) {
    let (vi, en): (Vec<&str>, Vec<&str>) = words.unzip();
    (vi.join(" hoặc "), en.join(" or "))
}

fn applicant_words(a: Applicant) -> (&'static str, &'static str) {
    match a {
        Applicant::Myself => ("bạn tự nộp", "you file for yourself"),
        Applicant::Representative => (
            "bạn nộp thay theo ủy quyền",
            "you file as an authorised representative",
        ),
        Applicant::Guardian => (
            "bạn nộp với tư cách người giám hộ",
            "you file as a guardian",
        ),
    }
}

fn relation_words(r: Relation) -> (&'static str, &'static str) {
    match r {
        Relation::Grandparent => ("ông/bà", "a grandparent"),
        Relation::Parent => ("cha/mẹ", "a parent"),
        Relation::Child => ("con", "a child"),
        Relation::Spouse => ("vợ/chồng", "a spouse"),
        Relation::Sibling => ("anh/chị/em ruột", "a sibling"),
        Relation::Other => ("người khác", "someone else"),
    }
}

fn beneficiary_words(b: Beneficiary) -> (&'static str, &'static str) {
    match b {
        Beneficiary::None => ("không thuộc diện ưu tiên", "not in a beneficiary category"),
        Beneficiary::Merit => ("là người có công", "a person with meritorious service"),
        Beneficiary::Social => (
            "là đối tượng bảo trợ xã hội",
            "a social-protection beneficiary",
        ),
    }
}

fn channel_words(c: Channel) -> (&'static str, &'static str) {
    match c {
        Channel::Counter => ("nộp tại quầy", "filing at the counter"),
        Channel::Post => ("gửi qua bưu điện", "sending by post"),
        Channel::Home => ("nhân viên nhận tại nhà", "pickup at home by staff"),
        Channel::Online => ("nộp trực tuyến", "filing online"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::profile::Answer;

    fn representative(relation: Relation) -> ApplicantProfile {
        ApplicantProfile {
            applicant: Applicant::Representative,
            relation: Some(relation),
            ..ApplicantProfile::default()
        }
    }

    #[test]
    fn conditions_parse_from_their_json_forms() {
        let c: Condition = serde_json::from_str(
            r#"{"all":[{"applicant":["representative"]},{"not":{"relation":["parent","sibling"]}}]}"#,
        )
        .unwrap();
        let no_default = |_: &str| false;
        assert!(c.holds(&representative(Relation::Other), &no_default));
        assert!(!c.holds(&representative(Relation::Parent), &no_default));
        assert!(!c.holds(&ApplicantProfile::default(), &no_default));
        assert!(serde_json::from_str::<Condition>(r#"{"applicant":["boss"]}"#).is_err());
        assert!(serde_json::from_str::<Condition>(r#"{"colour":["red"]}"#).is_err());
    }

    #[test]
    fn unanswered_questions_take_their_default() {
        let c: Condition =
            serde_json::from_str(r#"{"answer":{"question":"has_birth_certificate","is":false}}"#)
                .unwrap();
        let default_yes = |_: &str| true;
        let mut profile = ApplicantProfile::default();
        assert!(!c.holds(&profile, &default_yes));
        profile.answers.push(Answer {
            question: "has_birth_certificate".into(),
            value: false,
        });
        assert!(c.holds(&profile, &default_yes));
    }

    #[test]
    fn explanations_read_in_both_languages() {
        let c: Condition = serde_json::from_str(
            r#"{"all":[{"applicant":["representative"]},{"relation":["other"]}]}"#,
        )
        .unwrap();
        let (vi, en) = c.explain(&|_| None);
        assert_eq!(
            vi,
            "bạn nộp thay theo ủy quyền và người đại diện là người khác"
        );
        assert_eq!(
            en,
            "you file as an authorised representative and the representative is someone else"
        );
    }
}
