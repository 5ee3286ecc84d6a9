//! The QR payload, version 1: a text prefix and a hand-packed binary body in
//! base45, so the whole text stays in QR alphanumeric mode.
//!
//! ```text
//! text        = "DVC1:" base45(body [signature])
//! body        = header
//!               credential: key-id(len u8, ASCII) dossier-code(9 bytes)
//!               draft:      office-id(len u8, ASCII; 0 = none)
//!               procedure   (u8 0 + u24 national `d.dddddd`, or len u8 + ASCII)
//!               documents   (u16 fingerprint, u8 count, bitmask LSB first)
//!               [appointment u24]  issued-at u24  [credential: expires-at u24]
//! signature   = Ed25519 over "DVC1:" ‖ body (credentials only, 64 bytes)
//! ```
//! Times are whole minutes since 2020-01-01T00:00Z in 24 bits (to 2051).
//! Decoding is strict: one text has one reading, spare bits must be zero,
//! nothing may follow, so a changed character cannot go unnoticed.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::documents::DocumentMarks;
use super::error::QrError;
use crate::dossier::code::{DossierCode, PACKED_LEN};

/// Text prefix of version 1 payloads.
pub const PREFIX: &str = "DVC1:";
/// Length of an Ed25519 signature.
pub const SIGNATURE_LEN: usize = 64;

const KIND_CREDENTIAL: u8 = 1;
const KIND_DRAFT: u8 = 2;
const FLAG_HOME: u8 = 0x04;
const FLAG_APPOINTMENT: u8 = 0x08;
const MAX_ID_LEN: usize = 32;

/// What both a signed credential and an unsigned draft code carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeContent {
    /// National procedure code.
    pub procedure: String,
    /// Which of the procedure's documents the person has.
    pub documents: DocumentMarks,
    /// Appointment start, if booked.
    pub appointment: Option<DateTime<Utc>>,
    /// Result delivered home (true) or picked up at the office (false).
    pub home_delivery: bool,
    /// When the code was made (whole minutes).
    pub issued_at: DateTime<Utc>,
}

/// A signed dossier credential, as issued by the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    /// Id of the server key that signs it.
    pub key_id: String,
    /// The dossier code; its unit is the receiving office.
    pub dossier_code: DossierCode,
    /// What the code holds.
    pub content: CodeContent,
    /// When it stops being valid (whole minutes).
    pub expires_at: DateTime<Utc>,
}

/// An unsigned code for a draft not yet submitted: pre-fills only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftCode {
    /// The office booked or chosen, if any.
    pub office_id: Option<String>,
    /// What the code holds.
    pub content: CodeContent,
}

/// A payload read from text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    /// A signed credential; `signed` is the message the signature covers.
    Credential {
        /// The credential.
        credential: Credential,
        /// `"DVC1:"` ‖ body.
        signed: Vec<u8>,
        /// The signature.
        signature: [u8; SIGNATURE_LEN],
    },
    /// An unsigned draft code.
    Draft(DraftCode),
}

impl Credential {
    /// The bytes the signature covers: the prefix and the body.
    pub fn signed_message(&self) -> Result<Vec<u8>, QrError> {
        let mut out = PREFIX.as_bytes().to_vec();
        let mut header = KIND_CREDENTIAL;
        flags(&self.content, &mut header);
        out.push(header);
        put_id(&mut out, &self.key_id, false)?;
        out.extend_from_slice(&self.dossier_code.pack());
        put_content(&mut out, &self.content)?;
        put_time(&mut out, self.expires_at)?;
        Ok(out)
    }

    /// The payload text for this credential and its signature.
    pub fn to_text(&self, signature: &[u8; SIGNATURE_LEN]) -> Result<String, QrError> {
        let mut message = self.signed_message()?;
        message.extend_from_slice(signature);
        Ok(format!(
            "{PREFIX}{}",
            base45::encode(&message[PREFIX.len()..])
        ))
    }
}

impl DraftCode {
    /// The payload text (unsigned).
    pub fn to_text(&self) -> Result<String, QrError> {
        let mut out = Vec::new();
        let mut header = KIND_DRAFT;
        flags(&self.content, &mut header);
        out.push(header);
        put_id(&mut out, self.office_id.as_deref().unwrap_or(""), true)?;
        put_content(&mut out, &self.content)?;
        Ok(format!("{PREFIX}{}", base45::encode(&out)))
    }
}

/// Reads a payload text. Never panics, whatever the input.
pub fn decode(text: &str) -> Result<Payload, QrError> {
    let body_text = strip_prefix(text)?;
    let bytes = base45::decode(body_text).map_err(|_| QrError::Malformed)?;
    let mut r = Reader::new(&bytes);
    let header = r.u8()?;
    if header & 0xf0 != 0 {
        return Err(QrError::Malformed);
    }
    let home_delivery = header & FLAG_HOME != 0;
    let has_appointment = header & FLAG_APPOINTMENT != 0;
    match header & 0x03 {
        KIND_CREDENTIAL => {
            let key_id = r.id(false)?;
            let code: [u8; PACKED_LEN] = r.array()?;
            let dossier_code = DossierCode::unpack(&code).ok_or(QrError::Malformed)?;
            let content = r.content(home_delivery, has_appointment)?;
            let expires_at = r.time()?;
            let body_end = r.pos;
            let signature: [u8; SIGNATURE_LEN] = r.array()?;
            r.end()?;
            let mut signed = PREFIX.as_bytes().to_vec();
            signed.extend_from_slice(&bytes[..body_end]);
            Ok(Payload::Credential {
                credential: Credential {
                    key_id,
                    dossier_code,
                    content,
                    expires_at,
                },
                signed,
                signature,
            })
        }
        KIND_DRAFT => {
            let office = r.id(true)?;
            let content = r.content(home_delivery, has_appointment)?;
            r.end()?;
            Ok(Payload::Draft(DraftCode {
                office_id: (!office.is_empty()).then_some(office),
                content,
            }))
        }
        _ => Err(QrError::Malformed),
    }
}

/// Checks the `DVCn:` prefix and returns what follows it.
fn strip_prefix(text: &str) -> Result<&str, QrError> {
    if let Some(rest) = text.strip_prefix(PREFIX) {
        return Ok(rest);
    }
    let (head, _) = text.split_once(':').ok_or(QrError::Malformed)?;
    let version = head.strip_prefix("DVC").ok_or(QrError::Malformed)?;
    if !version.is_empty() && version.len() <= 3 && version.bytes().all(|c| c.is_ascii_digit()) {
        Err(QrError::UnsupportedVersion)
    } else {
        Err(QrError::Malformed)
    }
}

fn flags(content: &CodeContent, header: &mut u8) {
    if content.home_delivery {
        *header |= FLAG_HOME;
    }
    if content.appointment.is_some() {
        *header |= FLAG_APPOINTMENT;
    }
}

fn id_char_ok(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c == b'.' || c == b'_'
}

fn put_id(out: &mut Vec<u8>, id: &str, may_be_empty: bool) -> Result<(), QrError> {
    let ok =
        (may_be_empty || !id.is_empty()) && id.len() <= MAX_ID_LEN && id.bytes().all(id_char_ok);
    if !ok {
        return Err(QrError::Malformed);
    }
    out.push(id.len() as u8);
    out.extend_from_slice(id.as_bytes());
    Ok(())
}

fn put_content(out: &mut Vec<u8>, c: &CodeContent) -> Result<(), QrError> {
    match national_procedure(&c.procedure) {
        Some(n) => {
            out.push(0);
            out.extend_from_slice(&n.to_be_bytes()[1..]);
        }
        None => put_id(out, &c.procedure, false)?,
    }
    c.documents.write(out)?;
    if let Some(at) = c.appointment {
        put_time(out, at)?;
    }
    put_time(out, c.issued_at)
}

/// `d.dddddd` as a number below 10,000,000.
fn national_procedure(code: &str) -> Option<u32> {
    let b = code.as_bytes();
    let shaped = b.len() == 8
        && b[1] == b'.'
        && b[0].is_ascii_digit()
        && b[2..].iter().all(u8::is_ascii_digit);
    shaped.then(|| {
        b.iter()
            .filter(|c| c.is_ascii_digit())
            .fold(0u32, |n, c| n * 10 + u32::from(c - b'0'))
    })
}

fn time_epoch() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default()
}

/// Rounds down to the whole minute the payload can carry.
pub fn to_minute(at: DateTime<Utc>) -> DateTime<Utc> {
    let minutes = (at - time_epoch()).num_minutes();
    time_epoch() + Duration::minutes(minutes)
}

fn put_time(out: &mut Vec<u8>, at: DateTime<Utc>) -> Result<(), QrError> {
    let minutes = (at - time_epoch()).num_minutes();
    let m = u32::try_from(minutes)
        .ok()
        .filter(|m| *m < 1 << 24)
        .ok_or(QrError::Malformed)?;
    out.extend_from_slice(&m.to_be_bytes()[1..]);
    Ok(())
}

/// A strict cursor over the body bytes.
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, pos: 0 }
    }

    /// The next `n` bytes.
    pub(super) fn take(&mut self, n: usize) -> Result<&'a [u8], QrError> {
        let end = self.pos.checked_add(n).ok_or(QrError::Malformed)?;
        let s = self.bytes.get(self.pos..end).ok_or(QrError::Malformed)?;
        self.pos = end;
        Ok(s)
    }

    /// The next byte.
    pub(super) fn u8(&mut self) -> Result<u8, QrError> {
        Ok(self.take(1)?[0])
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], QrError> {
        self.take(N)?.try_into().map_err(|_| QrError::Malformed)
    }

    fn u24(&mut self) -> Result<u32, QrError> {
        let [a, b, c] = self.array::<3>()?;
        Ok(u32::from_be_bytes([0, a, b, c]))
    }

    fn time(&mut self) -> Result<DateTime<Utc>, QrError> {
        Ok(time_epoch() + Duration::minutes(i64::from(self.u24()?)))
    }

    fn id(&mut self, may_be_empty: bool) -> Result<String, QrError> {
        let len = usize::from(self.u8()?);
        if len > MAX_ID_LEN || (len == 0 && !may_be_empty) {
            return Err(QrError::Malformed);
        }
        let raw = self.take(len)?;
        if !raw.iter().copied().all(id_char_ok) {
            return Err(QrError::Malformed);
        }
        Ok(String::from_utf8_lossy(raw).into_owned())
    }

    fn content(&mut self, home: bool, appointment: bool) -> Result<CodeContent, QrError> {
        let procedure = if self.bytes.get(self.pos) == Some(&0) {
            self.pos += 1;
            let n = self.u24()?;
            if n >= 10_000_000 {
                return Err(QrError::Malformed);
            }
            format!("{}.{:06}", n / 1_000_000, n % 1_000_000)
        } else {
            let id = self.id(false)?;
            if national_procedure(&id).is_some() {
                return Err(QrError::Malformed);
            }
            id
        };
        let documents = DocumentMarks::read(self)?;
        let appointment = if appointment {
            Some(self.time()?)
        } else {
            None
        };
        Ok(CodeContent {
            procedure,
            documents,
            appointment,
            home_delivery: home,
            issued_at: self.time()?,
        })
    }

    fn end(&self) -> Result<(), QrError> {
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err(QrError::Malformed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> CodeContent {
        CodeContent {
            procedure: "1.001193".into(),
            documents: DocumentMarks::new(0xbeef, vec![true, false, true, true]),
            appointment: Some(Utc.with_ymd_and_hms(2026, 11, 24, 2, 30, 0).unwrap()),
            home_delivery: true,
            issued_at: Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 0).unwrap(),
        }
    }

    fn credential() -> Credential {
        Credential {
            key_id: "k1".into(),
            dossier_code: "000.00.01.H26-261123-0001".parse().unwrap(),
            content: content(),
            expires_at: Utc.with_ymd_and_hms(2026, 12, 23, 3, 0, 0).unwrap(),
        }
    }

    #[test]
    fn a_credential_reads_back_as_written() {
        let c = credential();
        let text = c.to_text(&[7; 64]).unwrap();
        assert!(text.starts_with("DVC1:"));
        let Payload::Credential {
            credential,
            signed,
            signature,
        } = decode(&text).unwrap()
        else {
            panic!("not a credential")
        };
        assert_eq!(credential, c);
        assert_eq!(signed, c.signed_message().unwrap());
        assert_eq!(signature, [7; 64]);
    }

    #[test]
    fn a_draft_and_a_non_national_procedure_read_back() {
        let mut content = content();
        content.procedure = "x.cap-the-can-cuoc".into();
        content.appointment = None;
        content.home_delivery = false;
        for office_id in [None, Some("vnp-hoan-kiem".to_owned())] {
            let d = DraftCode {
                office_id,
                content: content.clone(),
            };
            assert_eq!(decode(&d.to_text().unwrap()).unwrap(), Payload::Draft(d));
        }
    }

    #[test]
    fn prefixes_other_than_version_1_are_told_apart() {
        assert_eq!(decode("DVC2:ABC"), Err(QrError::UnsupportedVersion));
        assert_eq!(decode("DVC10:ABC"), Err(QrError::UnsupportedVersion));
        assert_eq!(decode("DXC1:ABC"), Err(QrError::Malformed));
        assert_eq!(decode("hello"), Err(QrError::Malformed));
        assert_eq!(decode(""), Err(QrError::Malformed));
        assert_eq!(decode("DVC1:"), Err(QrError::Malformed));
    }

    #[test]
    fn trailing_or_missing_bytes_are_malformed() {
        let c = credential();
        let mut message = c.signed_message().unwrap();
        message.extend_from_slice(&[1; 64]);
        let body = &message[PREFIX.len()..];
        let long = format!("{PREFIX}{}", base45::encode([body, &[0]].concat()));
        let short = format!("{PREFIX}{}", base45::encode(&body[..body.len() - 1]));
        assert_eq!(decode(&long), Err(QrError::Malformed));
        assert_eq!(decode(&short), Err(QrError::Malformed));
    }

    #[test]
    fn times_are_whole_minutes_within_the_24_bit_range() {
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 59).unwrap();
        assert_eq!(
            to_minute(at),
            Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 0).unwrap()
        );
        let mut c = credential();
        c.expires_at = Utc.with_ymd_and_hms(2060, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(c.signed_message(), Err(QrError::Malformed));
    }
}
