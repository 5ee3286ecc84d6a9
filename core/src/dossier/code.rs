//! Mã hồ sơ: the national dossier code `V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX`
//! (TT 01/2018/TT-VPCP art. 19): receiving unit's code, receipt date and a
//! 4-digit daily sequence, e.g. `000.00.00.H26-261123-0001`.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

use crate::error::{CoreError, CoreResult};

/// A receiving unit's code, e.g. `000.00.00.H26`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UnitCode {
    first: u16,
    second: u8,
    third: u8,
    letter: u8,
    last: u8,
}

/// A dossier code: unit, receipt date (Vietnam time) and daily sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DossierCode {
    /// The receiving unit.
    pub unit: UnitCode,
    /// The receipt date, Vietnam time (2000-01-01 to 2099-12-31).
    pub date: NaiveDate,
    /// The daily sequence, 1 to 9999.
    pub sequence: u16,
}

/// Length of a dossier code packed for the QR payload.
pub const PACKED_LEN: usize = 9;

impl UnitCode {
    /// Packs the unit into 36 bits.
    fn to_bits(self) -> u64 {
        (u64::from(self.first) << 26)
            | (u64::from(self.second) << 19)
            | (u64::from(self.third) << 12)
            | (u64::from(self.letter) << 7)
            | u64::from(self.last)
    }

    fn from_bits(bits: u64) -> Option<Self> {
        let unit = Self {
            first: ((bits >> 26) & 0x3ff) as u16,
            second: ((bits >> 19) & 0x7f) as u8,
            third: ((bits >> 12) & 0x7f) as u8,
            letter: ((bits >> 7) & 0x1f) as u8,
            last: (bits & 0x7f) as u8,
        };
        let ok = unit.first <= 999
            && unit.second <= 99
            && unit.third <= 99
            && unit.letter < 26
            && unit.last <= 99;
        ok.then_some(unit)
    }
}

impl FromStr for UnitCode {
    type Err = CoreError;

    fn from_str(s: &str) -> CoreResult<Self> {
        let bad = || {
            CoreError::invalid(
                "unit_code",
                format!("Mã đơn vị không đúng dạng 000.00.00.H26: {s}"),
                format!("Unit code is not of the form 000.00.00.H26: {s}"),
            )
        };
        let parts: Vec<&str> = s.split('.').collect();
        let [a, b, c, d] = parts.as_slice() else {
            return Err(bad());
        };
        let digits = |p: &str, n: usize| {
            (p.len() == n && p.bytes().all(|c| c.is_ascii_digit()))
                .then(|| p.parse::<u16>().ok())
                .flatten()
        };
        let letter = d.as_bytes().first().copied().filter(u8::is_ascii_uppercase);
        match (
            digits(a, 3),
            digits(b, 2),
            digits(c, 2),
            letter,
            d.get(1..).and_then(|t| digits(t, 2)),
        ) {
            (Some(first), Some(second), Some(third), Some(l), Some(last)) => Ok(Self {
                first,
                second: second as u8,
                third: third as u8,
                letter: l - b'A',
                last: last as u8,
            }),
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for UnitCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:03}.{:02}.{:02}.{}{:02}",
            self.first,
            self.second,
            self.third,
            char::from(b'A' + self.letter),
            self.last
        )
    }
}

impl DossierCode {
    /// A code for `unit` received on `date` as number `sequence` of the day.
    pub fn new(unit: UnitCode, date: NaiveDate, sequence: u16) -> CoreResult<Self> {
        if !(1..=9999).contains(&sequence) {
            return Err(CoreError::invalid(
                "sequence",
                "Số thứ tự trong ngày phải từ 1 đến 9999.",
                "The daily sequence must be 1 to 9999.",
            ));
        }
        if !(2000..=2099).contains(&date.year()) {
            return Err(CoreError::invalid(
                "date",
                "Ngày tiếp nhận phải trong các năm 2000–2099.",
                "The receipt date must be in 2000–2099.",
            ));
        }
        Ok(Self {
            unit,
            date,
            sequence,
        })
    }

    /// The code in 9 bytes: unit (36 bits), days since 2000-01-01 (16 bits),
    /// sequence (14 bits), 6 zero bits.
    pub fn pack(&self) -> [u8; PACKED_LEN] {
        let days = (self.date - epoch()).num_days() as u64;
        let bits: u128 = (u128::from(self.unit.to_bits()) << 36)
            | (u128::from(days) << 20)
            | (u128::from(self.sequence) << 6);
        let bytes = bits.to_be_bytes();
        let mut out = [0u8; PACKED_LEN];
        out.copy_from_slice(&bytes[16 - PACKED_LEN..]);
        out
    }

    /// Reads a packed code; `None` when any field is out of range.
    pub fn unpack(bytes: &[u8; PACKED_LEN]) -> Option<Self> {
        let mut wide = [0u8; 16];
        wide[16 - PACKED_LEN..].copy_from_slice(bytes);
        let bits = u128::from_be_bytes(wide);
        if bits & 0x3f != 0 {
            return None;
        }
        let unit = UnitCode::from_bits((bits >> 36) as u64)?;
        let days = ((bits >> 20) & 0xffff) as i64;
        let sequence = ((bits >> 6) & 0x3fff) as u16;
        let date = epoch().checked_add_signed(chrono::Duration::days(days))?;
        Self::new(unit, date, sequence).ok()
    }
}

impl FromStr for DossierCode {
    type Err = CoreError;

    fn from_str(s: &str) -> CoreResult<Self> {
        let bad = || {
            CoreError::invalid(
                "dossier_code",
                format!("Mã hồ sơ không đúng dạng 000.00.00.H26-YYMMDD-NNNN: {s}"),
                format!("Dossier code is not of the form 000.00.00.H26-YYMMDD-NNNN: {s}"),
            )
        };
        let mut parts = s.trim().split('-');
        let (Some(unit), Some(date), Some(seq), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let unit: UnitCode = unit.parse()?;
        if date.len() != 6
            || seq.len() != 4
            || !(date.bytes().chain(seq.bytes())).all(|c| c.is_ascii_digit())
        {
            return Err(bad());
        }
        let date = NaiveDate::parse_from_str(&format!("20{date}"), "%Y%m%d").map_err(|_| bad())?;
        let sequence: u16 = seq.parse().map_err(|_| bad())?;
        Self::new(unit, date, sequence).map_err(|_| bad())
    }
}

impl fmt::Display for DossierCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{:02}{:02}{:02}-{:04}",
            self.unit,
            self.date.year() % 100,
            self.date.month(),
            self.date.day(),
            self.sequence
        )
    }
}

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_formats_and_packs_national_codes() {
        for s in [
            "000.00.00.H26-261123-0001",
            "999.99.99.Z99-991231-9999",
            "000.00.07.H55-000101-0042",
        ] {
            let code: DossierCode = s.parse().unwrap();
            assert_eq!(code.to_string(), s);
            assert_eq!(DossierCode::unpack(&code.pack()), Some(code));
        }
    }

    #[test]
    fn refuses_codes_off_the_format() {
        for s in [
            "",
            "000.00.00.H26-261123-0000",
            "000.00.00.H26-261323-0001",
            "00.00.00.H26-261123-0001",
            "000.00.00.h26-261123-0001",
            "000.00.00.H26-261123-001",
            "000.00.00.H26-261123-00011",
            "000.00.00.H2-261123-0001",
            "000.00.00.H26-261123-0001-1",
            "000.00.00.H26-26112A-0001",
        ] {
            assert!(s.parse::<DossierCode>().is_err(), "{s} accepted");
        }
    }

    #[test]
    fn unpacking_refuses_out_of_range_fields() {
        let code: DossierCode = "000.00.00.H26-261123-0001".parse().unwrap();
        let mut bytes = code.pack();
        bytes[8] |= 1;
        assert_eq!(DossierCode::unpack(&bytes), None);
        assert_eq!(DossierCode::unpack(&[0xff; PACKED_LEN]), None);
    }
}
