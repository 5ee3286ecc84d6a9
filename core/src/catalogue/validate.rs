//! Checking a catalogue before it is used: a malformed or unknown one is
//! refused with a clear error, and the one in use stays.

use std::collections::HashSet;

use super::condition::Condition;
use super::model::{CatalogueData, FORMAT, Procedure};
use crate::error::{CoreError, CoreResult};

/// Parses and checks catalogue JSON.
pub fn parse_catalogue(json: &str) -> CoreResult<CatalogueData> {
    let data: CatalogueData = serde_json::from_str(json).map_err(|e| {
        invalid(
            format!("Danh mục thủ tục không đọc được: {e}"),
            format!("The procedure catalogue cannot be read: {e}"),
        )
    })?;
    validate(&data)?;
    Ok(data)
}

/// Checks the rules JSON parsing cannot: known format, unique ids, known
/// question references, sensible counts.
pub fn validate(data: &CatalogueData) -> CoreResult<()> {
    if data.format != FORMAT {
        return Err(invalid(
            format!(
                "Danh mục thủ tục định dạng {} chưa được hỗ trợ (cần {FORMAT}). Hãy cập nhật ứng dụng.",
                data.format
            ),
            format!(
                "Procedure catalogue format {} is not supported (expected {FORMAT}). Please update the app.",
                data.format
            ),
        ));
    }
    if data.version.trim().is_empty() {
        return Err(problem("", "thiếu phiên bản", "no version"));
    }
    if data.procedures.is_empty() {
        return Err(problem("", "không có thủ tục nào", "no procedures"));
    }
    let mut codes = HashSet::new();
    for p in &data.procedures {
        if p.code.trim().is_empty() || !codes.insert(p.code.as_str()) {
            return Err(problem(
                &p.code,
                "mã thủ tục trống hoặc trùng",
                "empty or repeated procedure code",
            ));
        }
        check_procedure(p)?;
    }
    Ok(())
}

fn check_procedure(p: &Procedure) -> CoreResult<()> {
    if p.name_vi.trim().is_empty()
        || p.short_vi.trim().is_empty()
        || p.name_en.as_deref().is_some_and(|n| n.trim().is_empty())
    {
        return Err(problem(&p.code, "thiếu tên", "missing name"));
    }
    let mut questions = HashSet::new();
    for q in &p.questions {
        if !is_id(&q.id) || !questions.insert(q.id.as_str()) {
            return Err(problem(
                &p.code,
                &format!("câu hỏi «{}» sai hoặc trùng", q.id),
                &format!("bad or repeated question id “{}”", q.id),
            ));
        }
    }
    let cases = p.cases.as_ref().map_or(0, |c| c.options.len());
    if p.cases.is_some() && cases < 2 {
        return Err(problem(
            &p.code,
            "câu hỏi trường hợp cần ít nhất hai lựa chọn",
            "a case question needs at least two options",
        ));
    }
    let refers = |id: &str, when: &Condition| {
        check_condition(when, &questions, cases).map_err(|q| {
            problem(
                &p.code,
                &format!("«{id}» hỏi câu hỏi không có: {q}"),
                &format!("“{id}” refers to an unknown question: {q}"),
            )
        })
    };
    let mut docs = HashSet::new();
    for d in &p.documents {
        if !is_id(&d.id) || !docs.insert(d.id.as_str()) {
            return Err(problem(
                &p.code,
                &format!("giấy tờ «{}» sai hoặc trùng", d.id),
                &format!("bad or repeated document id “{}”", d.id),
            ));
        }
        if d.name_vi.trim().is_empty() || d.name_en.trim().is_empty() {
            return Err(problem(
                &p.code,
                &format!("giấy tờ «{}» thiếu tên", d.id),
                &format!("document “{}” has no name", d.id),
            ));
        }
        // The portal sometimes gives no count (0 and 0); the team's own
        // records always do.
        let counts = d.originals + d.copies;
        if counts > 20 || (counts == 0 && d.official.is_none()) {
            return Err(problem(
                &p.code,
                &format!("số bản của «{}» không hợp lý", d.id),
                &format!("unreasonable number of copies of “{}”", d.id),
            ));
        }
        if let Some(when) = &d.when {
            refers(&d.id, when)?;
        }
    }
    for n in &p.notices {
        if n.vi.trim().is_empty() || n.en.trim().is_empty() {
            return Err(problem(&p.code, "thông báo trống", "empty notice"));
        }
        if let Some(when) = &n.when {
            refers(&n.code, when)?;
        }
    }
    Ok(())
}

/// Every question a condition refers to exists, every case is one of the
/// `cases` options; an `all`/`any` is not empty.
fn check_condition(c: &Condition, questions: &HashSet<&str>, cases: usize) -> Result<(), String> {
    match c {
        Condition::All(cs) | Condition::Any(cs) if cs.is_empty() => {
            Err("(empty all/any)".to_owned())
        }
        Condition::All(cs) | Condition::Any(cs) => cs
            .iter()
            .try_for_each(|c| check_condition(c, questions, cases)),
        Condition::Not(c) => check_condition(c, questions, cases),
        Condition::Answer(a) if !questions.contains(a.question.as_str()) => Err(a.question.clone()),
        Condition::Applicant(set) if set.is_empty() => Err("(empty applicant list)".to_owned()),
        Condition::Relation(set) if set.is_empty() => Err("(empty relation list)".to_owned()),
        Condition::Beneficiary(set) if set.is_empty() => Err("(empty beneficiary list)".to_owned()),
        Condition::Channel(set) if set.is_empty() => Err("(empty channel list)".to_owned()),
        Condition::Case(set)
            if set.is_empty() || set.iter().any(|&n| n < 1 || n as usize > cases) =>
        {
            Err("(case not among the options)".to_owned())
        }
        _ => Ok(()),
    }
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn problem(code: &str, vi: &str, en: &str) -> CoreError {
    let at = if code.is_empty() {
        String::new()
    } else {
        format!(" ({code})")
    };
    invalid(
        format!("Danh mục thủ tục không hợp lệ{at}: {vi}."),
        format!("Invalid procedure catalogue{at}: {en}."),
    )
}

fn invalid(vi: String, en: String) -> CoreError {
    CoreError::invalid("catalogue", vi, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINI: &str = include_str!("../../testdata/mini-catalogue.json");

    fn broken(edit: impl FnOnce(&mut serde_json::Value)) -> CoreResult<CatalogueData> {
        let mut v: serde_json::Value = serde_json::from_str(MINI).unwrap();
        edit(&mut v);
        parse_catalogue(&v.to_string())
    }

    #[test]
    fn the_test_catalogue_is_valid() {
        assert_eq!(parse_catalogue(MINI).unwrap().procedures.len(), 5);
    }

    #[test]
    fn malformed_or_unknown_catalogues_are_refused_with_a_clear_error() {
        type Edit = Box<dyn FnOnce(&mut serde_json::Value)>;
        let cases: Vec<(&str, Edit)> = vec![
            (
                "format 1 (before the real catalogue)",
                Box::new(|v| v["format"] = 1.into()),
            ),
            ("unknown format", Box::new(|v| v["format"] = 3.into())),
            (
                "case beyond the options",
                Box::new(|v| {
                    v["procedures"][3]["documents"][0]["when"] = serde_json::json!({"case": [3]})
                }),
            ),
            (
                "one case only",
                Box::new(|v| {
                    v["procedures"][3]["cases"]["options"]
                        .as_array_mut()
                        .unwrap()
                        .pop();
                }),
            ),
            (
                "no count on a team-written document",
                Box::new(|v| {
                    v["procedures"][3]["documents"][1]["official"] = serde_json::Value::Null
                }),
            ),
            (
                "empty English name",
                Box::new(|v| v["procedures"][0]["name_en"] = " ".into()),
            ),
            (
                "no procedures",
                Box::new(|v| v["procedures"] = serde_json::json!([])),
            ),
            (
                "repeated code",
                Box::new(|v| v["procedures"][1]["code"] = "1.001193".into()),
            ),
            (
                "repeated document",
                Box::new(|v| v["procedures"][0]["documents"][1]["id"] = "birth_certificate".into()),
            ),
            (
                "unknown question",
                Box::new(|v| v["procedures"][0]["questions"] = serde_json::json!([])),
            ),
            (
                "unknown field",
                Box::new(|v| v["procedures"][0]["colour"] = "red".into()),
            ),
            (
                "zero copies",
                Box::new(|v| v["procedures"][0]["documents"][2]["originals"] = 0.into()),
            ),
            (
                "bad enum",
                Box::new(|v| v["procedures"][0]["documents"][2]["action"] = "burn".into()),
            ),
        ];
        for (what, edit) in cases {
            let err = broken(edit).unwrap_err();
            assert_eq!(err.field(), Some("catalogue"), "{what}");
            assert!(
                err.vi().contains("Danh mục thủ tục"),
                "{what}: {}",
                err.vi()
            );
        }
        assert!(parse_catalogue("not json").is_err());
    }
}
