//! Vietnamese mobile numbers: the one spelling the core stores and sends.

use crate::error::{CoreError, CoreResult};

/// Normalises a Vietnamese mobile number to 10 digits starting with `0`.
///
/// Accepts spaces, dots and dashes, and the `+84` / `84` country prefix:
/// `+84 912 345 678`, `0912.345.678` and `84912345678` all give `0912345678`.
pub fn normalize_phone(input: &str) -> CoreResult<String> {
    let digits: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')'))
        .collect();
    let national = if let Some(rest) = digits.strip_prefix("+84") {
        format!("0{rest}")
    } else if digits.len() == 11 && digits.starts_with("84") {
        format!("0{}", &digits[2..])
    } else {
        digits
    };
    let valid = national.len() == 10
        && national.chars().all(|c| c.is_ascii_digit())
        && matches!(national.as_bytes()[1], b'3' | b'5' | b'7' | b'8' | b'9')
        && national.starts_with('0');
    if valid {
        Ok(national)
    } else {
        Err(CoreError::invalid(
            "phone",
            format!("Số điện thoại di động không hợp lệ: «{input}». Ví dụ: 0912 345 678."),
            format!("Not a valid Vietnamese mobile number: “{input}”. Example: 0912 345 678."),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_spellings_normalise_to_one_form() {
        for s in [
            "0912345678",
            "0912 345 678",
            "0912.345.678",
            "+84912345678",
            "84912345678",
            "+84 912-345-678",
        ] {
            assert_eq!(normalize_phone(s).unwrap(), "0912345678", "{s}");
        }
    }

    #[test]
    fn non_mobile_or_malformed_numbers_are_rejected_naming_the_field() {
        for s in [
            "",
            "091234567",
            "09123456789",
            "0212345678",
            "09a2345678",
            "1912345678",
        ] {
            let err = normalize_phone(s).unwrap_err();
            assert_eq!(err.field(), Some("phone"), "{s}");
        }
    }
}
