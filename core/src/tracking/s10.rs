//! UPU S10 item identifiers (e.g. `RB123456785VN`): two-letter service
//! indicator, 8-digit serial, check digit, two-letter country code. The
//! check digit weighs the serial 8,6,4,2,3,5,9,7; c = 11 − (sum mod 11),
//! with 10 → 0 and 11 → 5.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

const WEIGHTS: [u32; 8] = [8, 6, 4, 2, 3, 5, 9, 7];

/// Why a text is not a valid S10 identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum S10Problem {
    /// Not 13 characters.
    #[error("length")]
    Length,
    /// The first two characters are not capital letters.
    #[error("service_indicator")]
    ServiceIndicator,
    /// Characters 3–11 are not digits.
    #[error("digits")]
    Digits,
    /// The last two characters are not capital letters.
    #[error("country")]
    Country,
    /// The check digit does not match the serial.
    #[error("check_digit")]
    CheckDigit,
}

impl S10Problem {
    /// Stable machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Length => "length",
            Self::ServiceIndicator => "service_indicator",
            Self::Digits => "digits",
            Self::Country => "country",
            Self::CheckDigit => "check_digit",
        }
    }

    /// For a person, in Vietnamese.
    pub fn message_vi(self) -> &'static str {
        match self {
            Self::Length => "Số hiệu bưu gửi phải có 13 ký tự (ví dụ RB123456785VN).",
            Self::ServiceIndicator => "Hai ký tự đầu phải là chữ in hoa.",
            Self::Digits => "Ký tự 3 đến 11 phải là chữ số.",
            Self::Country => "Hai ký tự cuối phải là mã nước theo ISO 3166 (ví dụ VN).",
            Self::CheckDigit => "Sai số kiểm tra: có thể gõ nhầm một chữ số.",
        }
    }

    /// For a person, in English.
    pub fn message_en(self) -> &'static str {
        match self {
            Self::Length => "An item number has 13 characters (e.g. RB123456785VN).",
            Self::ServiceIndicator => "The first two characters must be capital letters.",
            Self::Digits => "Characters 3 to 11 must be digits.",
            Self::Country => "The last two characters must be an ISO 3166 country code (e.g. VN).",
            Self::CheckDigit => "Wrong check digit: a digit may be mistyped.",
        }
    }
}

/// A valid S10 identifier.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct S10(String);

impl S10 {
    /// The identifier text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Makes the identifier of `serial` (8 digits) with its check digit.
    pub fn with_serial(service: &str, serial: u32, country: &str) -> Result<Self, S10Problem> {
        if serial > 99_999_999 {
            return Err(S10Problem::Digits);
        }
        let digits = format!("{serial:08}");
        let check = check_digit(digits.as_bytes()).ok_or(S10Problem::Digits)?;
        format!("{service}{digits}{check}{country}").parse()
    }
}

impl FromStr for S10 {
    type Err = S10Problem;

    /// Reads an identifier; spaces are ignored and letters may be lower case.
    fn from_str(s: &str) -> Result<Self, S10Problem> {
        let text: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let b = text.as_bytes();
        if b.len() != 13 || !text.is_ascii() {
            return Err(S10Problem::Length);
        }
        if !b[..2].iter().all(u8::is_ascii_uppercase) {
            return Err(S10Problem::ServiceIndicator);
        }
        if !b[2..11].iter().all(u8::is_ascii_digit) {
            return Err(S10Problem::Digits);
        }
        if !is_country(&text[11..]) {
            return Err(S10Problem::Country);
        }
        if check_digit(&b[2..10]) != Some(char::from(b[10])) {
            return Err(S10Problem::CheckDigit);
        }
        Ok(Self(text))
    }
}

/// The 249 officially assigned ISO 3166-1 alpha-2 codes, which S10 item
/// numbers end with (UPU S10 uses ISO 3166-1).
const COUNTRIES: &str = "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW";

/// True when `code` (two capitals) is an assigned ISO 3166-1 alpha-2 code.
fn is_country(code: &str) -> bool {
    code.len() == 2
        && code.bytes().all(|b| b.is_ascii_uppercase())
        && COUNTRIES.as_bytes().chunks(2).any(|c| c == code.as_bytes())
}

/// An item number that does not read is bad input in the `s10` field, with
/// the reason for a person in both languages.
impl From<S10Problem> for crate::error::CoreError {
    fn from(p: S10Problem) -> Self {
        Self::invalid("s10", p.message_vi(), p.message_en())
    }
}

impl fmt::Display for S10 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The check digit of an 8-digit serial.
fn check_digit(serial: &[u8]) -> Option<char> {
    if serial.len() != 8 || !serial.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = serial
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    let c = match 11 - sum % 11 {
        10 => 0,
        11 => 5,
        c => c,
    };
    char::from_digit(c, 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_vectors_hold() {
        assert_eq!(
            "RB123456785GB".parse::<S10>().unwrap().as_str(),
            "RB123456785GB"
        );
        assert_eq!("RB123456786US".parse::<S10>(), Err(S10Problem::CheckDigit));
    }

    #[test]
    fn check_digits_10_and_11_become_0_and_5() {
        // Serials whose weighted sum mod 11 is 1 and 0.
        let mut seen = (false, false);
        for serial in 0..2000u32 {
            let digits = format!("{serial:08}");
            let sum: u32 = digits
                .bytes()
                .zip(WEIGHTS)
                .map(|(d, w)| u32::from(d - b'0') * w)
                .sum();
            let id = S10::with_serial("EE", serial, "VN").unwrap();
            let check = id.as_str().as_bytes()[10];
            match sum % 11 {
                1 => {
                    assert_eq!(check, b'0');
                    seen.0 = true;
                }
                0 => {
                    assert_eq!(check, b'5');
                    seen.1 = true;
                }
                _ => {}
            }
        }
        assert_eq!(seen, (true, true));
    }

    #[test]
    fn a_single_digit_typo_is_caught_unless_both_sums_map_to_5() {
        // S10's own weakness: remainders 0 and 6 both give check digit 5.
        let mut missed = 0;
        for serial in [12_345_678u32, 47_110_815, 90_000_001] {
            let id = S10::with_serial("RR", serial, "VN").unwrap();
            let text = id.as_str();
            for pos in 2..10 {
                for d in b'0'..=b'9' {
                    let mut b = text.as_bytes().to_vec();
                    if b[pos] == d {
                        continue;
                    }
                    b[pos] = d;
                    let typo = String::from_utf8(b).unwrap();
                    if typo.parse::<S10>().is_ok() {
                        assert_eq!(text.as_bytes()[10], b'5', "{typo} passed");
                        missed += 1;
                    }
                }
            }
        }
        assert!(missed <= 8, "{missed} typos passed");
    }

    #[test]
    fn shapes_are_told_apart_and_spacing_or_case_is_forgiven() {
        assert_eq!("RB12345678GB".parse::<S10>(), Err(S10Problem::Length));
        assert_eq!(
            "R1123456785GB".parse::<S10>(),
            Err(S10Problem::ServiceIndicator)
        );
        assert_eq!("RB12345A785GB".parse::<S10>(), Err(S10Problem::Digits));
        assert_eq!("RB1234567851B".parse::<S10>(), Err(S10Problem::Country));
        assert_eq!("RB123456785XX".parse::<S10>(), Err(S10Problem::Country));
        assert_eq!("RB123456785ZZ".parse::<S10>(), Err(S10Problem::Country));
        for ok in ["RB123456785VN", "RB123456785FR", "RB123456785US"] {
            assert!(ok.parse::<S10>().is_ok(), "{ok}");
        }
        assert_eq!("RBÀ23456785GB".parse::<S10>(), Err(S10Problem::Length));
        assert_eq!(
            "rb 1234 5678 5 gb".parse::<S10>().unwrap().as_str(),
            "RB123456785GB"
        );
    }
}
