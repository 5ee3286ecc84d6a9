//! Thêm vào lịch: a booking as an iCalendar file (RFC 5545) that a person
//! adds to the calendar app of their phone or computer. Times are written
//! in UTC, so no time-zone definition is needed; text is escaped, lines end
//! in CRLF and are folded at 75 octets without splitting a UTF-8 character.
//! Written by hand: the format is small and this keeps the core lean.

use chrono::{DateTime, Utc};

use super::reminder::office_place;
use crate::api::model::{Booking, BookingStatus};

/// The longest content line, in octets, not counting the CRLF (RFC 5545 §3.1).
const MAX_LINE_OCTETS: usize = 75;

/// Names this software in `PRODID`.
const PRODID: &str = "-//dvc.vn//dvc-core//VI";

/// Appended to booking ids to make them globally unique `UID`s.
const UID_DOMAIN: &str = "dvc.vn";

/// What to bring, as in the reminders.
const PAPERS_VI: &str = "Vui lòng mang theo giấy tờ tùy thân và đầy đủ giấy tờ của hồ sơ.";
const PAPERS_EN: &str = "Please bring your ID and all the papers for your application.";

/// `booking` as an iCalendar object: a `VCALENDAR` (`METHOD:PUBLISH`) with
/// one `VEVENT` whose `UID` is `<booking id>@dvc.vn`, stamped `now`, with
/// `STATUS:CONFIRMED` and a display alarm two hours before the start, or
/// `STATUS:CANCELLED` and no alarm for a cancelled booking (importing it
/// again updates the event already in the calendar).
///
/// A slot whose end is not after its start gets no `DTEND` (the event then
/// lasts no time). iCalendar holds only years 0000 to 9999; instants beyond
/// them are written as they are, which calendar apps will reject.
pub fn booking_ics(booking: &Booking, now: DateTime<Utc>) -> String {
    let cancelled = booking.status == BookingStatus::Cancelled;
    let place = office_place(booking);
    let name = booking.office_name.trim();
    let summary = format!("Lịch hẹn dịch vụ công: {name}");
    let code = booking.procedure_code.trim();
    let description = format!("Thủ tục: {code}. {PAPERS_VI}\nProcedure: {code}. {PAPERS_EN}");

    let mut ics = Writer::default();
    ics.raw("BEGIN", "VCALENDAR");
    ics.text("PRODID", PRODID);
    ics.raw("VERSION", "2.0");
    ics.raw("CALSCALE", "GREGORIAN");
    ics.raw("METHOD", "PUBLISH");
    ics.raw("BEGIN", "VEVENT");
    ics.text("UID", &format!("{}@{UID_DOMAIN}", booking.id));
    ics.raw("DTSTAMP", &utc_date_time(now));
    ics.raw("DTSTART", &utc_date_time(booking.slot_start));
    if booking.slot_end > booking.slot_start {
        ics.raw("DTEND", &utc_date_time(booking.slot_end));
    }
    if cancelled {
        ics.text("SUMMARY", &format!("[Đã hủy] {summary}"));
    } else {
        ics.text("SUMMARY", &summary);
    }
    ics.text("LOCATION", &place);
    if cancelled {
        ics.text(
            "DESCRIPTION",
            &format!("Lịch hẹn đã hủy.\nThis appointment was cancelled.\n{description}"),
        );
        ics.raw("STATUS", "CANCELLED");
    } else {
        ics.text("DESCRIPTION", &description);
        ics.raw("STATUS", "CONFIRMED");
        ics.raw("BEGIN", "VALARM");
        ics.raw("ACTION", "DISPLAY");
        ics.raw("TRIGGER", "-PT2H");
        ics.text(
            "DESCRIPTION",
            &format!(
                "Còn 2 giờ nữa đến lịch hẹn tại {name}.\n\
                 Your appointment at {name} is in 2 hours."
            ),
        );
        ics.raw("END", "VALARM");
    }
    ics.raw("END", "VEVENT");
    ics.raw("END", "VCALENDAR");
    ics.out
}

/// Builds the object one content line at a time.
#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    /// A property whose value is written as given (not of type TEXT).
    fn raw(&mut self, name: &str, value: &str) {
        push_folded(&mut self.out, &format!("{name}:{value}"));
    }

    /// A property of type TEXT, escaped.
    fn text(&mut self, name: &str, value: &str) {
        self.raw(name, &escape_text(value));
    }
}

/// An instant as an iCalendar UTC DATE-TIME: `YYYYMMDDTHHMMSSZ`.
fn utc_date_time(instant: DateTime<Utc>) -> String {
    instant.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma
/// get a backslash; a line break (CRLF, LF or CR) becomes `\n`; other
/// control characters but the tab, which TEXT may not hold, are dropped.
fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` and CRLF to `out`, folded (RFC 5545 §3.1): no physical
/// line is longer than 75 octets, each continuation starts with one space
/// (counted in the 75), and no break falls inside a UTF-8 character.
fn push_folded(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = MAX_LINE_OCTETS;
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        // A character is at most 4 octets, so `cut` is never 0 here.
        let Some((head, tail)) = rest.split_at_checked(cut).filter(|_| cut > 0) else {
            break;
        };
        out.push_str(head);
        out.push_str("\r\n ");
        rest = tail;
        limit = MAX_LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::VN;
    use chrono::{TimeDelta, TimeZone};

    fn booking() -> Booking {
        let start = VN
            .with_ymd_and_hms(2026, 2, 17, 9, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        Booking {
            id: "bk-42".to_owned(),
            office_id: "vnp-hoan-kiem".to_owned(),
            office_name: "Bưu điện Hoàn Kiếm".to_owned(),
            office_address: "75 Đinh Tiên Hoàng, phường Hoàn Kiếm, Hà Nội".to_owned(),
            procedure_code: "1.001612".to_owned(),
            slot_start: start,
            slot_end: start + TimeDelta::minutes(30),
            priority: None,
            status: BookingStatus::Active,
            created_at: start - TimeDelta::days(7),
            citizen_phone: None,
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 2, 10, 3, 4, 5).unwrap()
    }

    /// Undoes folding (RFC 5545 §3.1): drops every CRLF followed by a space.
    fn unfold(ics: &str) -> String {
        ics.replace("\r\n ", "")
    }

    /// The content lines, unfolded, without their CRLF.
    fn content_lines(ics: &str) -> Vec<String> {
        let unfolded = unfold(ics);
        let body = unfolded.strip_suffix("\r\n").unwrap();
        body.split("\r\n").map(str::to_owned).collect()
    }

    /// The raw (still escaped) values of property `name`, in order.
    fn values(ics: &str, name: &str) -> Vec<String> {
        let prefix = format!("{name}:");
        content_lines(ics)
            .into_iter()
            .filter_map(|line| line.strip_prefix(&prefix).map(str::to_owned))
            .collect()
    }

    /// The one raw value of property `name`.
    fn value(ics: &str, name: &str) -> String {
        let found = values(ics, name);
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        found[0].clone()
    }

    /// Reverses [`escape_text`].
    fn unescape(value: &str) -> String {
        let mut out = String::new();
        let mut chars = value.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next().unwrap() {
                    'n' | 'N' => out.push('\n'),
                    other => out.push(other),
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    /// Checks the physical layout: CRLF everywhere, ≤ 75 octets a line.
    fn assert_well_formed(ics: &str) {
        assert!(ics.ends_with("\r\n"));
        assert!(
            !ics.replace("\r\n", "").contains(['\r', '\n']),
            "bare CR or LF"
        );
        for line in ics.strip_suffix("\r\n").unwrap().split("\r\n") {
            assert!(
                line.len() <= MAX_LINE_OCTETS,
                "{} octets: {line}",
                line.len()
            );
            assert!(!line.is_empty());
            assert!(std::str::from_utf8(line.as_bytes()).is_ok());
        }
    }

    #[test]
    fn a_booking_is_one_event_in_a_published_calendar() {
        let ics = booking_ics(&booking(), now());
        assert_well_formed(&ics);
        let names: Vec<String> = content_lines(&ics)
            .iter()
            .map(|line| line.split(':').next().unwrap().to_owned())
            .collect();
        assert_eq!(
            names,
            [
                "BEGIN",
                "PRODID",
                "VERSION",
                "CALSCALE",
                "METHOD",
                "BEGIN",
                "UID",
                "DTSTAMP",
                "DTSTART",
                "DTEND",
                "SUMMARY",
                "LOCATION",
                "DESCRIPTION",
                "STATUS",
                "BEGIN",
                "ACTION",
                "TRIGGER",
                "DESCRIPTION",
                "END",
                "END",
                "END",
            ]
        );
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nPRODID:-//dvc.vn//dvc-core//VI\r\n"));
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert_eq!(values(&ics, "BEGIN"), ["VCALENDAR", "VEVENT", "VALARM"]);
        assert_eq!(values(&ics, "END"), ["VALARM", "VEVENT", "VCALENDAR"]);
        assert_eq!(value(&ics, "VERSION"), "2.0");
        assert_eq!(value(&ics, "CALSCALE"), "GREGORIAN");
        assert_eq!(value(&ics, "METHOD"), "PUBLISH");
        assert_eq!(value(&ics, "UID"), "bk-42@dvc.vn");
        assert_eq!(value(&ics, "STATUS"), "CONFIRMED");
        assert_eq!(value(&ics, "ACTION"), "DISPLAY");
        assert_eq!(value(&ics, "TRIGGER"), "-PT2H");
    }

    #[test]
    fn times_are_utc_with_z() {
        let ics = booking_ics(&booking(), now());
        assert_eq!(value(&ics, "DTSTAMP"), "20260210T030405Z");
        // 09:00 in Hanoi is 02:00 UTC.
        assert_eq!(value(&ics, "DTSTART"), "20260217T020000Z");
        assert_eq!(value(&ics, "DTEND"), "20260217T023000Z");
    }

    #[test]
    fn texts_say_office_address_and_procedure_in_vietnamese_and_english() {
        let ics = booking_ics(&booking(), now());
        assert_eq!(
            unescape(&value(&ics, "SUMMARY")),
            "Lịch hẹn dịch vụ công: Bưu điện Hoàn Kiếm"
        );
        assert_eq!(
            value(&ics, "LOCATION"),
            "Bưu điện Hoàn Kiếm\\, 75 Đinh Tiên Hoàng\\, phường Hoàn Kiếm\\, Hà Nội"
        );
        let descriptions = values(&ics, "DESCRIPTION");
        assert_eq!(
            unescape(&descriptions[0]),
            "Thủ tục: 1.001612. Vui lòng mang theo giấy tờ tùy thân và đầy đủ giấy tờ \
             của hồ sơ.\nProcedure: 1.001612. Please bring your ID and all the papers for \
             your application."
        );
        assert_eq!(
            unescape(&descriptions[1]),
            "Còn 2 giờ nữa đến lịch hẹn tại Bưu điện Hoàn Kiếm.\n\
             Your appointment at Bưu điện Hoàn Kiếm is in 2 hours."
        );
    }

    #[test]
    fn a_cancelled_booking_is_marked_cancelled_without_an_alarm() {
        let mut b = booking();
        b.status = BookingStatus::Cancelled;
        let ics = booking_ics(&b, now());
        assert_well_formed(&ics);
        assert_eq!(value(&ics, "STATUS"), "CANCELLED");
        assert_eq!(value(&ics, "UID"), "bk-42@dvc.vn");
        assert!(!ics.contains("VALARM"));
        assert!(!ics.contains("TRIGGER"));
        assert!(unescape(&value(&ics, "SUMMARY")).starts_with("[Đã hủy] Lịch hẹn"));
        assert!(unescape(&value(&ics, "DESCRIPTION")).starts_with("Lịch hẹn đã hủy.\n"));
    }

    #[test]
    fn special_characters_in_text_are_escaped() {
        let mut b = booking();
        b.office_name = r"Phòng A; tầng 2, khu B\C".to_owned();
        b.office_address = "Số 1\nngõ 2\r\nphố 3\rHà Nội".to_owned();
        b.procedure_code = "x,y;z".to_owned();
        let ics = booking_ics(&b, now());
        assert_well_formed(&ics);
        assert_eq!(
            value(&ics, "LOCATION"),
            r"Phòng A\; tầng 2\, khu B\\C\, Số 1\nngõ 2\nphố 3\nHà Nội"
        );
        assert_eq!(
            value(&ics, "SUMMARY"),
            r"Lịch hẹn dịch vụ công: Phòng A\; tầng 2\, khu B\\C"
        );
        assert!(values(&ics, "DESCRIPTION")[0].starts_with(r"Thủ tục: x\,y\;z. "));
        assert!(values(&ics, "DESCRIPTION")[0].contains(r"\nProcedure: x\,y\;z. "));
    }

    #[test]
    fn escaping_round_trips_and_drops_control_characters() {
        for text in [
            "",
            "plain",
            r"\\;,,;\",
            "a\nb\n\nc",
            "dòng một\ndòng hai",
            "\\n is not a newline",
            "tab\tstays",
        ] {
            let escaped = escape_text(text);
            assert!(!escaped.contains(['\n', '\r']));
            assert_eq!(unescape(&escaped), text, "{text:?}");
        }
        assert_eq!(escape_text("a\r\nb\rc"), r"a\nb\nc");
        assert_eq!(escape_text("a\u{0}b\u{1b}c\u{7f}d\u{85}e"), "abcde");
    }

    #[test]
    fn unfolding_gives_back_the_escaped_value() {
        let mut b = booking();
        b.office_name = "Trung tâm Phục vụ hành chính công, ".repeat(6);
        b.office_address = "Số 258 đường Võ Chí Công; phường Xuân La\\Tây Hồ ".repeat(4);
        let ics = booking_ics(&b, now());
        assert_well_formed(&ics);
        assert!(ics.contains("\r\n "), "long lines must be folded");
        let expected = escape_text(&format!(
            "{}, {}",
            b.office_name.trim(),
            b.office_address.trim()
        ));
        assert_eq!(value(&ics, "LOCATION"), expected);
        assert_eq!(
            unescape(&value(&ics, "LOCATION")),
            office_place(&b),
            "unfold then unescape gives the text"
        );
    }

    #[test]
    fn vietnamese_text_survives_folding_byte_for_byte() {
        let mut b = booking();
        // Precomposed (NFC) and decomposed (NFD) diacritics, and 4-octet emoji.
        b.office_name = "Bưu điện Văn hóa xã Đồng Tâm – điểm phục vụ ưu tiên người cao tuổi \
                         và người khuyết tật, Hà Nội"
            .to_owned();
        b.office_address = "Ngo\u{302}\u{300} Quye\u{302}\u{300}n 🏤📮 ".repeat(9);
        let ics = booking_ics(&b, now());
        assert_well_formed(&ics);
        assert_eq!(
            unescape(&value(&ics, "SUMMARY")).as_bytes(),
            format!("Lịch hẹn dịch vụ công: {}", b.office_name).as_bytes()
        );
        assert_eq!(
            unescape(&value(&ics, "LOCATION")).as_bytes(),
            office_place(&b).as_bytes()
        );
    }

    #[test]
    fn folding_never_splits_a_character_and_keeps_lines_within_75_octets() {
        let alphabets = ["a", "ơ", "ệ", "🏤", "ư\u{301}"];
        for alphabet in alphabets {
            for lead in 0..8 {
                for length in [0, 1, 70, 74, 75, 76, 149, 150, 300] {
                    let line = format!("{}{}", "x".repeat(lead), alphabet.repeat(length));
                    if line.is_empty() {
                        continue;
                    }
                    let mut out = String::new();
                    push_folded(&mut out, &line);
                    assert_well_formed(&out);
                    let physical: Vec<&str> =
                        out.strip_suffix("\r\n").unwrap().split("\r\n").collect();
                    for continuation in &physical[1..] {
                        assert!(continuation.starts_with(' '));
                    }
                    // Folding only where needed, and as late as it can.
                    if line.len() <= MAX_LINE_OCTETS {
                        assert_eq!(physical.len(), 1);
                    } else {
                        assert!(physical[0].len() > MAX_LINE_OCTETS - 4);
                    }
                    assert_eq!(unfold(&out), format!("{line}\r\n"));
                }
            }
        }
    }

    #[test]
    fn a_line_of_exactly_75_octets_is_not_folded() {
        let line = "X".repeat(75);
        let mut out = String::new();
        push_folded(&mut out, &line);
        assert_eq!(out, format!("{line}\r\n"));
        let mut out = String::new();
        push_folded(&mut out, &format!("{line}Y"));
        assert_eq!(out, format!("{line}\r\n Y\r\n"));
    }

    #[test]
    fn a_slot_without_a_positive_length_gets_no_dtend() {
        let mut b = booking();
        b.slot_end = b.slot_start;
        let ics = booking_ics(&b, now());
        assert!(values(&ics, "DTEND").is_empty());
        assert_eq!(value(&ics, "DTSTART"), "20260217T020000Z");
    }

    #[test]
    fn the_uid_is_escaped_and_empty_parts_leave_no_stray_commas() {
        let mut b = booking();
        b.id = "a,b".to_owned();
        b.office_address = String::new();
        let ics = booking_ics(&b, now());
        assert_eq!(value(&ics, "UID"), r"a\,b@dvc.vn");
        assert_eq!(value(&ics, "LOCATION"), "Bưu điện Hoàn Kiếm");
    }

    #[test]
    fn extreme_instants_give_no_panic() {
        for instant in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
            let mut b = booking();
            b.slot_start = instant;
            b.slot_end = instant;
            assert_well_formed(&booking_ics(&b, instant));
        }
    }
}
