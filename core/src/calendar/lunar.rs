//! Âm lịch: the Vietnamese lunisolar calendar, computed astronomically for
//! Hanoi time (UTC+7), not read from a table. A month begins on the local
//! day of a new moon; month 11 is the month holding the winter solstice; a
//! lunar year with 13 months repeats the number of the first month, after
//! month 11, that holds no major solar term (trung khí). New moons follow
//! Jean Meeus, *Astronomical Algorithms* (2nd ed.), chapter 49; the Sun's
//! apparent longitude follows chapter 25 (low accuracy, about 0.01°); ΔT
//! follows the Espenak–Meeus polynomials. Because the day boundary is
//! Hanoi's, some years differ from the Chinese calendar (UTC+8), e.g. Tết
//! 1985 and 2007.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, CoreResult};

/// The first Gregorian year the calendar converts.
pub const FIRST_YEAR: i32 = 1900;
/// The last Gregorian year the calendar converts.
pub const LAST_YEAR: i32 = 2199;

/// Vietnam's time zone, in days east of Greenwich.
const TIME_ZONE_DAYS: f64 = 7.0 / 24.0;
/// Mean length of a lunation, in days.
const SYNODIC_MONTH: f64 = 29.530_588_861;
/// Julian day of the mean new moon of 2000-01-06 (k = 0 in Meeus).
const NEW_MOON_EPOCH: f64 = 2_451_550.097_66;
/// Julian day number of 0001-01-01 minus one (chrono counts days from it).
const JDN_OF_CE_DAY_ZERO: i64 = 1_721_425;

/// A day of the Vietnamese lunar calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LunarDate {
    /// Day of the month, 1 to 29 or 30.
    pub day: i32,
    /// Month, 1 to 12 (a leap month repeats the number of the month before).
    pub month: i32,
    /// Lunar year, named by the Gregorian year in which its Tết falls.
    pub year: i32,
    /// Whether this is the leap (nhuận) month of that number.
    pub leap: bool,
}

impl LunarDate {
    /// A lunar date from its parts (not checked: see [`to_solar`]).
    pub const fn new(day: i32, month: i32, year: i32, leap: bool) -> Self {
        Self {
            day,
            month,
            year,
            leap,
        }
    }
}

/// The lunar date of a Gregorian date (years [`FIRST_YEAR`]..=[`LAST_YEAR`]).
pub fn to_lunar(date: NaiveDate) -> CoreResult<LunarDate> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        return Err(out_of_range("date"));
    }
    let day = julian_day(date);
    let mut months = months_before_month_11(date.year())?;
    if months.last().is_some_and(|m| day >= m.next_start) {
        months = months_before_month_11(date.year() + 1)?;
    }
    let month = months
        .iter()
        .find(|m| (m.start..m.next_start).contains(&day))
        .ok_or_else(|| CoreError::internal(format!("no lunar month holds {date}")))?;
    let day_of_month = i32::try_from(day - month.start + 1).map_err(CoreError::internal)?;
    Ok(LunarDate::new(
        day_of_month,
        month.number,
        month.year,
        month.leap,
    ))
}

/// The Gregorian date of a lunar date; an error names `lunar_date` when no
/// such day exists (a leap flag on a month that is not leap, day 30 of a
/// 29-day month) or when it falls outside [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn to_solar(lunar: LunarDate) -> CoreResult<NaiveDate> {
    if !(FIRST_YEAR - 1..=LAST_YEAR).contains(&lunar.year) {
        return Err(out_of_range("lunar_date"));
    }
    if !(1..=12).contains(&lunar.month) || !(1..=30).contains(&lunar.day) {
        return Err(no_such_day(lunar));
    }
    // Months 11 and 12 of lunar year Y start the run that ends at the
    // month 11 of Gregorian year Y + 1.
    let run_year = if lunar.month >= 11 {
        lunar.year + 1
    } else {
        lunar.year
    };
    let months = months_before_month_11(run_year)?;
    let month = months
        .iter()
        .find(|m| m.number == lunar.month && m.leap == lunar.leap && m.year == lunar.year)
        .ok_or_else(|| no_such_day(lunar))?;
    if i64::from(lunar.day) > month.days() {
        return Err(no_such_day(lunar));
    }
    let date = date_of_julian_day(month.start + i64::from(lunar.day) - 1)?;
    if !(FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        return Err(out_of_range("lunar_date"));
    }
    Ok(date)
}

/// The leap month of lunar year `year`, if it has one (13 months).
pub fn leap_month(year: i32) -> CoreResult<Option<i32>> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Err(out_of_range("year"));
    }
    // The year's months lie in two runs: 1–10 in one, 11–12 in the next.
    let (early, late) = (
        months_before_month_11(year)?,
        months_before_month_11(year + 1)?,
    );
    Ok(early
        .iter()
        .chain(late.iter())
        .find(|m| m.leap && m.year == year)
        .map(|m| m.number))
}

/// One lunar month: its first day (Julian day number) and its name.
#[derive(Debug, Clone, Copy)]
struct Month {
    start: i64,
    next_start: i64,
    number: i32,
    leap: bool,
    year: i32,
}

impl Month {
    fn days(&self) -> i64 {
        self.next_start - self.start
    }
}

/// Runs of months already computed, by year: each takes some thousand
/// sines, and conversions tend to ask for the same few years again. The
/// public functions check the range first, so it holds at most ~300 runs.
static RUNS: Mutex<BTreeMap<i32, Arc<[Month]>>> = Mutex::new(BTreeMap::new());

/// The 12 or 13 lunar months from the month 11 that holds the December
/// solstice of `year - 1` up to, not including, the one of `year`.
fn months_before_month_11(year: i32) -> CoreResult<Arc<[Month]>> {
    if let Some(run) = RUNS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&year)
    {
        return Ok(run.clone());
    }
    let run: Arc<[Month]> = compute_months_before_month_11(year)?.into();
    RUNS.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(year, run.clone());
    Ok(run)
}

fn compute_months_before_month_11(year: i32) -> CoreResult<Vec<Month>> {
    let first = month_11(year - 1)?;
    let last = month_11(year)?;
    let starts: Vec<(i64, i64)> = (first..=last)
        .map(|k| {
            let day = new_moon_day(k);
            (day, major_term(day))
        })
        .collect();
    let leap_offset = match last - first {
        12 => None,
        // The first month after month 11 without a major term is the leap.
        13 => starts
            .windows(2)
            .enumerate()
            .skip(1)
            .find(|(_, w)| w[0].1 == w[1].1)
            .map(|(offset, _)| offset),
        n => return Err(CoreError::internal(format!("{n} lunar months in {year}"))),
    };
    if last - first == 13 && leap_offset.is_none() {
        return Err(CoreError::internal(format!("no leap month in {year}")));
    }
    let mut number = 11;
    let mut months = Vec::with_capacity(13);
    for (offset, w) in starts.windows(2).enumerate() {
        let leap = Some(offset) == leap_offset;
        if offset > 0 && !leap {
            number = number % 12 + 1;
        }
        months.push(Month {
            start: w[0].0,
            next_start: w[1].0,
            number,
            leap,
            year: if number >= 11 { year - 1 } else { year },
        });
    }
    Ok(months)
}

/// The lunation number `k` of month 11 of `year`: the lunar month holding
/// the day of the December solstice (Sun at 270°).
fn month_11(year: i32) -> CoreResult<i64> {
    let dec_31 = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| out_of_range("year"))?;
    let k = lunation_holding(julian_day(dec_31));
    // The month holding 31 Dec starts with the Sun near 250°–280°: from
    // 270° (term 9) on, the solstice came before it, in the month before.
    Ok(if major_term(new_moon_day(k)) >= 9 {
        k - 1
    } else {
        k
    })
}

/// The lunation number `k` whose month (in Hanoi days) holds `day`.
fn lunation_holding(day: i64) -> i64 {
    let mut k = ((day as f64 - NEW_MOON_EPOCH) / SYNODIC_MONTH).floor() as i64;
    // The mean estimate is off by at most one lunation; settle it.
    for _ in 0..4 {
        if new_moon_day(k) > day {
            k -= 1;
        } else if new_moon_day(k + 1) <= day {
            k += 1;
        } else {
            break;
        }
    }
    k
}

/// The Julian day number of the Hanoi day on which new moon `k` falls.
fn new_moon_day(k: i64) -> i64 {
    let jde = new_moon_jde(k);
    let ut = jde - delta_t_days(jde);
    (ut + 0.5 + TIME_ZONE_DAYS).floor() as i64
}

/// The major solar term sector, 0 to 11 (Sun's apparent longitude / 30°),
/// at Hanoi midnight at the start of day `day`.
fn major_term(day: i64) -> i64 {
    let ut = day as f64 - 0.5 - TIME_ZONE_DAYS;
    let longitude = apparent_sun_longitude(ut + delta_t_days(ut));
    (longitude / 30.0).floor() as i64
}

/// Periodic terms of the true new moon (Meeus table 49.A, new moon column):
/// coefficient, power of E, and the multiples of M, M′, F and Ω.
const NEW_MOON_TERMS: [(f64, i32, [f64; 4]); 25] = [
    (-0.407_20, 0, [0.0, 1.0, 0.0, 0.0]),
    (0.172_41, 1, [1.0, 0.0, 0.0, 0.0]),
    (0.016_08, 0, [0.0, 2.0, 0.0, 0.0]),
    (0.010_39, 0, [0.0, 0.0, 2.0, 0.0]),
    (0.007_39, 1, [-1.0, 1.0, 0.0, 0.0]),
    (-0.005_14, 1, [1.0, 1.0, 0.0, 0.0]),
    (0.002_08, 2, [2.0, 0.0, 0.0, 0.0]),
    (-0.001_11, 0, [0.0, 1.0, -2.0, 0.0]),
    (-0.000_57, 0, [0.0, 1.0, 2.0, 0.0]),
    (0.000_56, 1, [1.0, 2.0, 0.0, 0.0]),
    (-0.000_42, 0, [0.0, 3.0, 0.0, 0.0]),
    (0.000_42, 1, [1.0, 0.0, 2.0, 0.0]),
    (0.000_38, 1, [1.0, 0.0, -2.0, 0.0]),
    (-0.000_24, 1, [-1.0, 2.0, 0.0, 0.0]),
    (-0.000_17, 0, [0.0, 0.0, 0.0, 1.0]),
    (-0.000_07, 0, [2.0, 1.0, 0.0, 0.0]),
    (0.000_04, 0, [0.0, 2.0, -2.0, 0.0]),
    (0.000_04, 0, [3.0, 0.0, 0.0, 0.0]),
    (0.000_03, 0, [1.0, 1.0, -2.0, 0.0]),
    (0.000_03, 0, [0.0, 2.0, 2.0, 0.0]),
    (-0.000_03, 0, [1.0, 1.0, 2.0, 0.0]),
    (0.000_03, 0, [-1.0, 1.0, 2.0, 0.0]),
    (-0.000_02, 0, [-1.0, 1.0, -2.0, 0.0]),
    (-0.000_02, 0, [1.0, 3.0, 0.0, 0.0]),
    (0.000_02, 0, [0.0, 4.0, 0.0, 0.0]),
];

/// Planetary arguments (Meeus ch. 49): A = a + b·k (degrees), coefficient.
const PLANETARY_TERMS: [(f64, f64, f64); 14] = [
    (299.77, 0.107_408, 0.000_325),
    (251.88, 0.016_321, 0.000_165),
    (251.83, 26.651_886, 0.000_164),
    (349.42, 36.412_478, 0.000_126),
    (84.66, 18.206_239, 0.000_110),
    (141.74, 53.303_771, 0.000_062),
    (207.14, 2.453_732, 0.000_060),
    (154.84, 7.306_860, 0.000_056),
    (34.52, 27.261_239, 0.000_047),
    (207.19, 0.121_824, 0.000_042),
    (291.34, 1.844_379, 0.000_040),
    (161.72, 24.198_154, 0.000_037),
    (239.56, 25.513_099, 0.000_035),
    (331.55, 3.592_518, 0.000_023),
];

/// The Julian Ephemeris Day (TT) of true new moon number `k` (k = 0 is the
/// new moon of 2000-01-06), after Meeus chapter 49.
fn new_moon_jde(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85;
    let (t2, t3, t4) = (t * t, t * t * t, t * t * t * t);
    let mean = NEW_MOON_EPOCH + SYNODIC_MONTH * k + 0.000_154_37 * t2 - 0.000_000_150 * t3
        + 0.000_000_000_73 * t4;
    let e = 1.0 - 0.002_516 * t - 0.000_007_4 * t2;
    let sun_anomaly = 2.5534 + 29.105_356_70 * k - 0.000_001_4 * t2 - 0.000_000_11 * t3;
    let moon_anomaly =
        201.5643 + 385.816_935_28 * k + 0.010_758_2 * t2 + 0.000_012_38 * t3 - 0.000_000_058 * t4;
    let latitude_arg =
        160.7108 + 390.670_502_84 * k - 0.001_611_8 * t2 - 0.000_002_27 * t3 + 0.000_000_011 * t4;
    let node = 124.7746 - 1.563_755_88 * k + 0.002_067_2 * t2 + 0.000_002_15 * t3;
    let args = [sun_anomaly, moon_anomaly, latitude_arg, node];
    let periodic: f64 = NEW_MOON_TERMS
        .iter()
        .map(|(coefficient, e_power, multiples)| {
            let angle: f64 = multiples.iter().zip(args).map(|(m, a)| m * a).sum();
            coefficient * e.powi(*e_power) * sin_deg(angle)
        })
        .sum();
    let planetary: f64 = PLANETARY_TERMS
        .iter()
        .enumerate()
        .map(|(i, (a, b, coefficient))| {
            // Only A1 has a T² term.
            let quadratic = if i == 0 { -0.009_173 * t2 } else { 0.0 };
            coefficient * sin_deg(a + b * k + quadratic)
        })
        .sum();
    mean + periodic + planetary
}

/// The Sun's apparent geocentric longitude in degrees, 0 ≤ λ < 360, at
/// Julian Ephemeris Day `jde` (Meeus chapter 25, low accuracy).
fn apparent_sun_longitude(jde: f64) -> f64 {
    let t = (jde - 2_451_545.0) / 36_525.0;
    let mean_longitude = 280.466_46 + 36_000.769_83 * t + 0.000_303_2 * t * t;
    let anomaly = 357.529_11 + 35_999.050_29 * t - 0.000_153_7 * t * t;
    let centre = (1.914_602 - 0.004_817 * t - 0.000_014 * t * t) * sin_deg(anomaly)
        + (0.019_993 - 0.000_101 * t) * sin_deg(2.0 * anomaly)
        + 0.000_289 * sin_deg(3.0 * anomaly);
    // Nutation and aberration.
    let node = 125.04 - 1_934.136 * t;
    let longitude = mean_longitude + centre - 0.005_69 - 0.004_78 * sin_deg(node);
    longitude.rem_euclid(360.0)
}

/// ΔT = TT − UT in days near Julian day `jd` (Espenak–Meeus polynomials).
fn delta_t_days(jd: f64) -> f64 {
    let y = 2000.0 + (jd - 2_451_545.0) / 365.25;
    let seconds = if y < 1900.0 {
        let t = y - 1860.0;
        7.62 + 0.5737 * t - 0.251_754 * t.powi(2) + 0.016_806_68 * t.powi(3)
            - 0.000_447_362_4 * t.powi(4)
            + t.powi(5) / 233_174.0
    } else if y < 1920.0 {
        let t = y - 1900.0;
        -2.79 + 1.494_119 * t - 0.059_893_9 * t.powi(2) + 0.006_196_6 * t.powi(3)
            - 0.000_197 * t.powi(4)
    } else if y < 1941.0 {
        let t = y - 1920.0;
        21.20 + 0.844_93 * t - 0.076_100 * t.powi(2) + 0.002_093_6 * t.powi(3)
    } else if y < 1961.0 {
        let t = y - 1950.0;
        29.07 + 0.407 * t - t.powi(2) / 233.0 + t.powi(3) / 2547.0
    } else if y < 1986.0 {
        let t = y - 1975.0;
        45.45 + 1.067 * t - t.powi(2) / 260.0 - t.powi(3) / 718.0
    } else if y < 2005.0 {
        let t = y - 2000.0;
        63.86 + 0.3345 * t - 0.060_374 * t.powi(2)
            + 0.001_727_5 * t.powi(3)
            + 0.000_651_814 * t.powi(4)
            + 0.000_023_735_99 * t.powi(5)
    } else if y < 2050.0 {
        let t = y - 2000.0;
        62.92 + 0.322_17 * t + 0.005_589 * t.powi(2)
    } else {
        let u = (y - 1820.0) / 100.0;
        let long_term = -20.0 + 32.0 * u * u;
        if y < 2150.0 {
            long_term - 0.5628 * (2150.0 - y)
        } else {
            long_term
        }
    };
    seconds / 86_400.0
}

fn sin_deg(degrees: f64) -> f64 {
    degrees.to_radians().sin()
}

fn julian_day(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) + JDN_OF_CE_DAY_ZERO
}

fn date_of_julian_day(day: i64) -> CoreResult<NaiveDate> {
    i32::try_from(day - JDN_OF_CE_DAY_ZERO)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .ok_or_else(|| out_of_range("date"))
}

fn out_of_range(field: &str) -> CoreError {
    CoreError::invalid(
        field,
        format!("Lịch âm chỉ tính được cho các năm {FIRST_YEAR}–{LAST_YEAR}."),
        format!("The lunar calendar covers only the years {FIRST_YEAR}–{LAST_YEAR}."),
    )
}

fn no_such_day(lunar: LunarDate) -> CoreError {
    let LunarDate {
        day,
        month,
        year,
        leap,
    } = lunar;
    let (leap_vi, leap_en) = if leap {
        (" nhuận", " (leap)")
    } else {
        ("", "")
    };
    CoreError::invalid(
        "lunar_date",
        format!("Không có ngày {day} tháng {month}{leap_vi} năm {year} âm lịch."),
        format!("There is no lunar date {day}/{month}{leap_en}/{year}."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn tet(year: i32) -> NaiveDate {
        to_solar(LunarDate::new(1, 1, year, false)).unwrap()
    }

    #[test]
    fn new_moon_matches_meeus_example_49a() {
        // Meeus example 49.a: the new moon of February 1977.
        assert!((new_moon_jde(-283) - 2_443_192.651_18).abs() < 0.000_01);
    }

    #[test]
    fn sun_longitude_matches_meeus_example_25a() {
        // Meeus example 25.a: 1992-10-13 0h TD, apparent λ = 199.90895°.
        assert!((apparent_sun_longitude(2_448_908.5) - 199.908_95).abs() < 0.000_1);
    }

    #[test]
    fn tet_dates_match_the_vietnamese_calendar() {
        let known = [
            (1968, 1, 29),
            (1975, 2, 11),
            (1986, 2, 9),
            (1990, 1, 27),
            (2000, 2, 5),
            (2001, 1, 24),
            (2002, 2, 12),
            (2003, 2, 1),
            (2004, 1, 22),
            (2005, 2, 9),
            (2006, 1, 29),
            (2008, 2, 7),
            (2009, 1, 26),
            (2010, 2, 14),
            (2011, 2, 3),
            (2012, 1, 23),
            (2013, 2, 10),
            (2014, 1, 31),
            (2015, 2, 19),
            (2016, 2, 8),
            (2017, 1, 28),
            (2018, 2, 16),
            (2019, 2, 5),
            (2020, 1, 25),
            (2021, 2, 12),
            (2022, 2, 1),
            (2023, 1, 22),
            (2024, 2, 10),
            (2025, 1, 29),
            (2026, 2, 17),
            (2027, 2, 6),
            (2028, 1, 26),
            (2029, 2, 13),
            (2030, 2, 2), // the new moon is at 23:07 in Hanoi (China: 3 Feb)
        ];
        for (year, month, day) in known {
            assert_eq!(tet(year), ymd(year, month, day), "Tết {year}");
            assert_eq!(
                to_lunar(ymd(year, month, day)).unwrap(),
                LunarDate::new(1, 1, year, false)
            );
        }
    }

    #[test]
    fn tet_1985_follows_hanoi_time_not_beijing() {
        // China (UTC+8) celebrated on 1985-02-20.
        assert_eq!(tet(1985), ymd(1985, 1, 21));
    }

    #[test]
    fn tet_2007_follows_hanoi_time_not_beijing() {
        // The new moon fell at 23:14 in Hanoi, 00:14 in Beijing on the 18th.
        assert_eq!(tet(2007), ymd(2007, 2, 17));
        assert_eq!(
            to_lunar(ymd(2007, 2, 16)).unwrap(),
            LunarDate::new(29, 12, 2006, false)
        );
    }

    #[test]
    fn leap_month_1985_follows_hanoi_time_not_beijing() {
        // China leapt month 10 of 1984; Vietnam leapt month 2 of 1985.
        assert_eq!(leap_month(1984).unwrap(), None);
        assert_eq!(leap_month(1985).unwrap(), Some(2));
        assert_eq!(
            to_lunar(ymd(1985, 3, 21)).unwrap(),
            LunarDate::new(1, 2, 1985, true)
        );
    }

    #[test]
    fn a_leap_month_11_stays_in_the_year_before_tet() {
        assert_eq!(leap_month(2033).unwrap(), Some(11));
        let leap_11 = LunarDate::new(1, 11, 2033, true);
        assert_eq!(to_lunar(ymd(2033, 12, 22)).unwrap(), leap_11);
        assert_eq!(to_solar(leap_11).unwrap(), ymd(2033, 12, 22));
    }

    #[test]
    fn leap_months_are_placed_where_the_calendar_has_them() {
        assert_eq!(
            to_lunar(ymd(2023, 3, 22)).unwrap(),
            LunarDate::new(1, 2, 2023, true)
        );
        assert_eq!(
            to_lunar(ymd(2023, 2, 20)).unwrap(),
            LunarDate::new(1, 2, 2023, false)
        );
        assert_eq!(
            to_lunar(ymd(2025, 7, 25)).unwrap(),
            LunarDate::new(1, 6, 2025, true)
        );
        assert_eq!(
            to_lunar(ymd(2020, 5, 23)).unwrap(),
            LunarDate::new(1, 4, 2020, true)
        );
        let expected = [
            (2001, Some(4)),
            (2004, Some(2)),
            (2006, Some(7)),
            (2009, Some(5)),
            (2012, Some(4)),
            (2014, Some(9)),
            (2017, Some(6)),
            (2020, Some(4)),
            (2023, Some(2)),
            (2024, None),
            (2025, Some(6)),
            (2026, None),
            (2028, Some(5)),
        ];
        for (year, leap) in expected {
            assert_eq!(leap_month(year).unwrap(), leap, "leap month of {year}");
        }
    }

    #[test]
    fn hung_kings_and_mid_autumn_fall_on_known_days() {
        assert_eq!(
            to_solar(LunarDate::new(10, 3, 2025, false)).unwrap(),
            ymd(2025, 4, 7)
        );
        assert_eq!(
            to_solar(LunarDate::new(10, 3, 2026, false)).unwrap(),
            ymd(2026, 4, 26)
        );
        assert_eq!(
            to_solar(LunarDate::new(15, 8, 2025, false)).unwrap(),
            ymd(2025, 10, 6)
        );
    }

    #[test]
    fn months_eleven_and_twelve_belong_to_the_year_before_tet() {
        assert_eq!(
            to_lunar(ymd(2025, 1, 28)).unwrap(),
            LunarDate::new(29, 12, 2024, false)
        );
        assert_eq!(
            to_solar(LunarDate::new(1, 11, 2024, false)).unwrap(),
            ymd(2024, 12, 1)
        );
    }

    #[test]
    fn dates_that_do_not_exist_are_rejected_naming_lunar_date() {
        let missing = [
            LunarDate::new(30, 12, 2024, false), // tháng Chạp 2024 has 29 days
            LunarDate::new(1, 3, 2025, true),    // 2025 leaps month 6, not 3
            LunarDate::new(1, 6, 2024, true),    // 2024 has no leap month
            LunarDate::new(0, 1, 2025, false),
            LunarDate::new(31, 1, 2025, false),
            LunarDate::new(1, 13, 2025, false),
            LunarDate::new(1, 0, 2025, false),
        ];
        for lunar in missing {
            let err = to_solar(lunar).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidData, "{lunar:?}");
            assert_eq!(err.field(), Some("lunar_date"), "{lunar:?}");
        }
    }

    #[test]
    fn years_outside_the_supported_range_are_errors_not_panics() {
        assert!(to_lunar(ymd(1899, 12, 31)).is_err());
        assert!(to_lunar(ymd(2200, 1, 1)).is_err());
        assert!(to_lunar(NaiveDate::MIN).is_err());
        assert!(to_lunar(NaiveDate::MAX).is_err());
        assert!(to_solar(LunarDate::new(1, 1, i32::MAX, false)).is_err());
        assert!(to_solar(LunarDate::new(1, 1, i32::MIN, false)).is_err());
        assert!(to_solar(LunarDate::new(1, 11, 1899, false)).is_err());
        assert!(to_solar(LunarDate::new(1, 12, 2199, false)).is_err());
        assert!(leap_month(2200).is_err());
        assert!(to_lunar(ymd(1900, 1, 1)).is_ok());
        assert!(to_lunar(ymd(2199, 12, 31)).is_ok());
    }

    #[test]
    fn every_day_from_1900_to_2199_round_trips_in_sequence() {
        let mut date = ymd(FIRST_YEAR, 1, 1);
        let mut previous = to_lunar(date).unwrap();
        let mut months_in_year = 0;
        while let Some(next) = date.succ_opt().filter(|d| d.year() <= LAST_YEAR) {
            date = next;
            let lunar = to_lunar(date).unwrap();
            assert_eq!(to_solar(lunar).unwrap(), date, "{lunar:?}");
            if lunar.day != 1 {
                assert_eq!(lunar.day, previous.day + 1, "{date}");
                assert_eq!((lunar.month, lunar.year, lunar.leap), {
                    (previous.month, previous.year, previous.leap)
                });
            } else {
                assert!(matches!(previous.day, 29 | 30), "{date}");
                if lunar.leap {
                    assert_eq!((lunar.month, lunar.year), (previous.month, previous.year));
                    assert!(!previous.leap);
                } else {
                    assert_eq!(lunar.month, previous.month % 12 + 1, "{date}");
                }
                if lunar.month == 1 && !lunar.leap {
                    assert_eq!(lunar.year, previous.year + 1, "{date}");
                    // Lunar 1899 is only partly inside the range.
                    if previous.year >= FIRST_YEAR {
                        let leap = leap_month(previous.year).unwrap();
                        let expected = if leap.is_some() { 13 } else { 12 };
                        assert_eq!(months_in_year, expected, "year {}", previous.year);
                    }
                    months_in_year = 1;
                } else {
                    assert_eq!(lunar.year, previous.year, "{date}");
                    months_in_year += 1;
                }
            }
            previous = lunar;
        }
    }
}
