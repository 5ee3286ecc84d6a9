//! How numbers, money, dates, times and distances are written on screens,
//! in Vietnamese (`1.250.000 ₫`, `Thứ Ba, 01/12/2026`, `1,2 km`) and in
//! English (`VND 1,250,000`, `Tue 1 Dec 2026`, `1.2 km`). Times are
//! Vietnam time (UTC+7) on 24-hour clocks in both.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::Language;
use crate::time::to_vn;

/// `n` with thousands grouped: `1.250.000` (vi) or `1,250,000` (en).
pub fn number(n: i64, lang: Language) -> String {
    let sep = lang.pick(".", ",");
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// An amount in đồng: `50.000 ₫` or `VND 50,000`.
pub fn money(vnd: i64, lang: Language) -> String {
    match lang {
        Language::Vi => format!("{} ₫", number(vnd, lang)),
        Language::En => format!("VND {}", number(vnd, lang)),
    }
}

/// A fee: the amount, or "Miễn phí" / "Free" for zero.
pub fn fee(vnd: i64, lang: Language) -> String {
    if vnd == 0 {
        lang.pick("Miễn phí", "Free").to_owned()
    } else {
        money(vnd, lang)
    }
}

/// The day of the week, 1 = Monday … 7 = Sunday: `Thứ Hai` / `Mon`.
pub fn weekday(day: u32, lang: Language) -> &'static str {
    const VI: [&str; 7] = [
        "Thứ Hai",
        "Thứ Ba",
        "Thứ Tư",
        "Thứ Năm",
        "Thứ Sáu",
        "Thứ Bảy",
        "Chủ nhật",
    ];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let i = (day.clamp(1, 7) - 1) as usize;
    lang.pick(VI[i], EN[i])
}

/// A date: `Thứ Ba, 01/12/2026` or `Tue 1 Dec 2026`.
pub fn date(d: NaiveDate, lang: Language) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let wd = weekday(d.weekday().number_from_monday(), lang);
    match lang {
        Language::Vi => format!("{wd}, {}", d.format("%d/%m/%Y")),
        Language::En => format!(
            "{wd} {} {} {}",
            d.day(),
            MONTHS[d.month0() as usize],
            d.year()
        ),
    }
}

/// The Vietnam date of `instant`, written as [`date`].
pub fn day_of(instant: DateTime<Utc>, lang: Language) -> String {
    date(to_vn(instant).date_naive(), lang)
}

/// The Vietnam clock time of `instant`: `08:30`.
pub fn time(instant: DateTime<Utc>) -> String {
    to_vn(instant).format("%H:%M").to_string()
}

/// A time and its date: `08:30, Thứ Ba, 01/12/2026` or `08:30, Tue 1 Dec 2026`.
pub fn date_time(instant: DateTime<Utc>, lang: Language) -> String {
    format!("{}, {}", time(instant), day_of(instant, lang))
}

/// A time span on one day: `08:30–09:00`.
pub fn span(start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    format!("{}–{}", time(start), time(end))
}

/// A distance: `850 m`, `1,2 km` (vi) or `1.2 km` (en), `12 km` from 10 km.
pub fn distance(meters: f64, lang: Language) -> String {
    if !meters.is_finite() || meters < 0.0 {
        return "–".to_owned();
    }
    if meters < 1000.0 {
        // Whole tens of metres: a phone's position is no finer.
        let m = ((meters / 10.0).round() * 10.0) as i64;
        return format!("{} m", m.max(10));
    }
    kilometres(meters / 1000.0, lang)
}

/// Kilometres with one decimal below 10 km: `1,2 km` / `1.2 km`, `12 km`.
pub fn kilometres(km: f64, lang: Language) -> String {
    if !km.is_finite() || km < 0.0 {
        return "–".to_owned();
    }
    if km >= 10.0 {
        return format!("{} km", number(km.round() as i64, lang));
    }
    let tenths = (km * 10.0).round() as i64;
    format!("{}{}{} km", tenths / 10, lang.pick(",", "."), tenths % 10)
}

/// A file's size: `850 KB` below a megabyte, else `1,2 MB` / `1.2 MB`
/// (decimal units, as phones show them).
pub fn file_size(bytes: i64, lang: Language) -> String {
    let bytes = bytes.max(0);
    if bytes < 1_000_000 {
        return format!("{} KB", number((bytes + 999) / 1000, lang));
    }
    let tenths = (bytes + 50_000) / 100_000;
    if tenths >= 100 {
        return format!("{} MB", number(tenths / 10, lang));
    }
    format!("{}{}{} MB", tenths / 10, lang.pick(",", "."), tenths % 10)
}

/// A count with its noun: `1 giấy tờ` / `1 document`, `3 documents`.
pub fn count(n: i64, vi: &str, en_one: &str, en_many: &str, lang: Language) -> String {
    match lang {
        Language::Vi => format!("{} {vi}", number(n, lang)),
        Language::En => format!(
            "{} {}",
            number(n, lang),
            if n == 1 { en_one } else { en_many }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn money_is_grouped_the_way_each_language_writes_it() {
        assert_eq!(money(1_250_000, Language::Vi), "1.250.000 ₫");
        assert_eq!(money(1_250_000, Language::En), "VND 1,250,000");
        assert_eq!(money(500, Language::Vi), "500 ₫");
        assert_eq!(money(-20_000, Language::En), "VND -20,000");
        assert_eq!(fee(0, Language::Vi), "Miễn phí");
        assert_eq!(number(i64::MIN, Language::En), "-9,223,372,036,854,775,808");
    }

    #[test]
    fn dates_and_times_are_vietnam_time() {
        // 23:30 UTC on Monday 30 November is 06:30 on Tuesday in Hanoi.
        let t = Utc.with_ymd_and_hms(2026, 11, 30, 23, 30, 0).unwrap();
        assert_eq!(date_time(t, Language::Vi), "06:30, Thứ Ba, 01/12/2026");
        assert_eq!(date_time(t, Language::En), "06:30, Tue 1 Dec 2026");
        let sunday = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        assert_eq!(date(sunday, Language::Vi), "Chủ nhật, 06/12/2026");
        assert_eq!(weekday(99, Language::En), "Sun");
    }

    #[test]
    fn distances_round_to_what_a_phone_knows() {
        assert_eq!(distance(848.0, Language::Vi), "850 m");
        assert_eq!(distance(2.0, Language::Vi), "10 m");
        assert_eq!(distance(1234.0, Language::Vi), "1,2 km");
        assert_eq!(distance(1234.0, Language::En), "1.2 km");
        assert_eq!(distance(15_600.0, Language::En), "16 km");
        assert_eq!(distance(f64::NAN, Language::En), "–");
        assert_eq!(
            count(1, "giấy tờ", "document", "documents", Language::En),
            "1 document"
        );
    }
}
