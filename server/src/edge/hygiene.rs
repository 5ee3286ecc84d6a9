//! Hostile input, refused before it is stored: control characters (NUL,
//! ESC, CR/LF…) and bidirectional overrides in any text, texts longer
//! than a cap, and instants or dates outside the years the service can
//! mean (which would otherwise overflow date arithmetic).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use dvc_core::{CoreError, CoreResult};
use serde_json::Value;

/// The longest text accepted in any request field, in characters.
pub const MAX_TEXT_CHARS: usize = 2_000;

/// The years an instant or a date in a request may fall in.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// True for characters no stored text may hold (see [`dvc_core::text`]).
pub fn is_forbidden(c: char) -> bool {
    dvc_core::text::is_hostile_char(c)
}

/// Checks one text field: no forbidden characters, at most `max` characters.
pub fn check_text(field: &str, text: &str, max: usize) -> CoreResult<()> {
    if let Some(c) = text.chars().find(|c| is_forbidden(*c)) {
        return Err(CoreError::invalid(
            field,
            format!(
                "Trường «{field}» chứa ký tự điều khiển không được phép (U+{:04X}).",
                c as u32
            ),
            format!(
                "The field “{field}” holds a control character that is not allowed (U+{:04X}).",
                c as u32
            ),
        ));
    }
    if text.chars().count() > max {
        return Err(CoreError::invalid(
            field,
            format!("Trường «{field}» dài quá {max} ký tự."),
            format!("The field “{field}” is longer than {max} characters."),
        ));
    }
    Ok(())
}

/// Checks a year given on its own (a path or query value).
pub fn check_year(field: &str, year: i32) -> CoreResult<()> {
    if YEARS.contains(&year) {
        Ok(())
    } else {
        // In a path or a query the range is part of the documented shape.
        Err(CoreError::invalid(
            field,
            out_of_range(field).vi(),
            out_of_range(field).en(),
        ))
    }
}

/// Checks a date given on its own (a path or query value).
pub fn check_date(field: &str, date: NaiveDate) -> CoreResult<()> {
    check_year(field, date.year())
}

/// A date outside the years the service handles: well formed, refused by
/// rule (409, reason `date_out_of_range`, the field named in the texts).
fn out_of_range(field: &str) -> CoreError {
    CoreError::conflict(
        dvc_core::Reason::DateOutOfRange,
        format!(
            "Ngày giờ ở «{field}» nằm ngoài khoảng năm {}–{}.",
            YEARS.start(),
            YEARS.end()
        ),
        format!(
            "The date or time in “{field}” is outside the years {}–{}.",
            YEARS.start(),
            YEARS.end()
        ),
    )
}

/// The year of `text` if it reads as an instant or a date, as the JSON
/// decoders of the API would read it.
fn date_year(text: &str) -> Option<i32> {
    // The decoders skip surrounding whitespace: so does this check.
    let text = text.trim();
    let first = text.chars().next()?;
    if !(first.is_ascii_digit() || first == '+' || first == '-') || !text.contains('-') {
        return None;
    }
    if let Ok(t) = text.parse::<DateTime<FixedOffset>>() {
        return Some(t.year());
    }
    text.parse::<NaiveDate>().ok().map(|d| d.year())
}

/// Checks every text of a JSON document (keys included) and every value
/// that reads as an instant or a date; `path` names the field in errors.
pub fn check_value(value: &Value) -> CoreResult<()> {
    walk(value, &mut String::new())
}

fn walk(value: &Value, path: &mut String) -> CoreResult<()> {
    match value {
        Value::String(text) => {
            let field = if path.is_empty() {
                "body"
            } else {
                path.as_str()
            };
            check_text(field, text, MAX_TEXT_CHARS)?;
            match date_year(text) {
                Some(year) if !YEARS.contains(&year) => Err(out_of_range(field)),
                _ => Ok(()),
            }
        }
        Value::Array(items) => items.iter().try_for_each(|item| walk(item, path)),
        Value::Object(map) => {
            for (key, item) in map {
                check_text("body", key, 100)?;
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                let checked = walk(item, path);
                path.truncate(len);
                checked?;
            }
            Ok(())
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn control_and_bidi_characters_are_refused_with_the_field_named() {
        for bad in [
            "a\u{0}b",
            "\u{1b}[31mred",
            "x\r\nSet-Cookie: y",
            "abc\u{202E}gpj.exe",
            "tab\t",
        ] {
            let err = check_value(&json!({"contact": {"name": bad}})).unwrap_err();
            assert_eq!(err.field(), Some("contact.name"), "{bad:?}");
        }
        check_value(&json!({"name": "Nguyễn Thị Hồng — 12 Hàng Bài"})).unwrap();
    }

    #[test]
    fn texts_are_capped() {
        let long = "a".repeat(MAX_TEXT_CHARS + 1);
        assert!(check_value(&json!({ "note": long })).is_err());
        assert!(check_value(&json!({ "note": "a".repeat(MAX_TEXT_CHARS) })).is_ok());
    }

    #[test]
    fn extreme_instants_and_dates_are_refused_ordinary_ones_pass() {
        for bad in [
            " +262142-12-31T23:59:59Z",
            "\t-262143-01-01T00:00:00Z",
            "+262142-12-31T23:59:59Z",
            "-262143-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "1900-01-01",
            "2101-01-01T00:00:00+07:00",
        ] {
            let err = check_value(&json!({ "slot_start": bad })).unwrap_err();
            // (the tab is refused first, as a control character)
            let refused =
                err.reason() == Some("date_out_of_range") || err.field() == Some("slot_start");
            assert!(refused && err.en().contains("slot_start"), "{bad}: {err:?}");
        }
        check_value(&json!({"slot_start": "2026-12-01T01:00:00Z", "date": "2026-12-01", "s10": "RR000000015VN", "phone": "0912-345-678"})).unwrap();
    }
}
