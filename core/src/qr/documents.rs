//! Which of a procedure's documents a person has, as a bitmask in the
//! procedure's catalogue order with a fingerprint of that order, so a
//! verifier with another catalogue edition knows it cannot name them; and,
//! when known, which documents apply to the person's case (a second mask,
//! flagged by the count's high bit), so the clerk reads "3 of 3 needed",
//! not "3 of the procedure's 11".

use ring::digest::{Context, SHA256};

use super::error::QrError;
use super::payload::Reader;
use crate::catalogue::model::Procedure;

/// Most documents a code can mark.
pub const MAX_DOCUMENTS: usize = 64;

/// Document marks of a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentMarks {
    /// First two bytes of SHA-256 over the procedure's document ids.
    pub fingerprint: u16,
    /// One flag per document of the procedure, in catalogue order.
    pub have: Vec<bool>,
    /// One flag per document: does it apply to this person's case
    /// (`None` when the code does not say).
    pub applies: Option<Vec<bool>>,
}

/// Set on the count byte when an `applies` mask follows the `have` mask.
const APPLIES_FLAG: u8 = 0x80;

impl DocumentMarks {
    /// Marks with a given fingerprint.
    pub fn new(fingerprint: u16, have: Vec<bool>) -> Self {
        Self {
            fingerprint,
            have,
            applies: None,
        }
    }

    /// The marks of `procedure` with `ticked` held, of which `applicable`
    /// (document ids) apply to the person's case.
    pub fn for_checklist(procedure: &Procedure, ticked: &[String], applicable: &[String]) -> Self {
        Self {
            applies: Some(
                procedure
                    .documents
                    .iter()
                    .map(|d| applicable.contains(&d.id))
                    .collect(),
            ),
            ..Self::for_procedure(procedure, ticked)
        }
    }

    /// Whether document `i` counts: it applies, or the code does not say.
    fn counts(&self, i: usize) -> bool {
        self.applies
            .as_ref()
            .is_none_or(|a| a.get(i).copied().unwrap_or(false))
    }

    /// How many documents apply (all of them when the code does not say).
    pub fn applicable_count(&self) -> u32 {
        (0..self.have.len()).filter(|i| self.counts(*i)).count() as u32
    }

    /// The marks of `procedure` with the documents `ticked` (ids) held.
    pub fn for_procedure(procedure: &Procedure, ticked: &[String]) -> Self {
        Self {
            fingerprint: fingerprint(procedure),
            have: procedure
                .documents
                .iter()
                .map(|d| ticked.contains(&d.id))
                .collect(),
            applies: None,
        }
    }

    /// The ids of the held documents, when `procedure` is the edition the
    /// marks were made from; `None` otherwise.
    pub fn held_ids(&self, procedure: &Procedure) -> Option<Vec<String>> {
        (self.fingerprint == fingerprint(procedure) && self.have.len() == procedure.documents.len())
            .then(|| {
                procedure
                    .documents
                    .iter()
                    .zip(&self.have)
                    .enumerate()
                    .filter(|(i, (_, h))| **h && self.counts(*i))
                    .map(|(_, (d, _))| d.id.clone())
                    .collect()
            })
    }

    /// How many of the documents that apply are marked as held.
    pub fn held_count(&self) -> u32 {
        self.have
            .iter()
            .enumerate()
            .filter(|(i, h)| **h && self.counts(*i))
            .count() as u32
    }

    pub(super) fn write(&self, out: &mut Vec<u8>) -> Result<(), QrError> {
        if self.have.len() > MAX_DOCUMENTS {
            return Err(QrError::Malformed);
        }
        out.extend_from_slice(&self.fingerprint.to_be_bytes());
        let flag = if self.applies.is_some() {
            APPLIES_FLAG
        } else {
            0
        };
        out.push(self.have.len() as u8 | flag);
        write_mask(out, &self.have);
        if let Some(applies) = &self.applies {
            if applies.len() != self.have.len() {
                return Err(QrError::Malformed);
            }
            write_mask(out, applies);
        }
        Ok(())
    }

    pub(super) fn read(r: &mut Reader<'_>) -> Result<Self, QrError> {
        let fp = r.take(2)?;
        let fingerprint = u16::from_be_bytes([fp[0], fp[1]]);
        let count = r.u8()?;
        let n = usize::from(count & !APPLIES_FLAG);
        if n > MAX_DOCUMENTS {
            return Err(QrError::Malformed);
        }
        let have = read_mask(r, n)?;
        let applies = if count & APPLIES_FLAG != 0 {
            Some(read_mask(r, n)?)
        } else {
            None
        };
        Ok(Self {
            fingerprint,
            have,
            applies,
        })
    }
}

fn write_mask(out: &mut Vec<u8>, flags: &[bool]) {
    let mut bytes = vec![0u8; flags.len().div_ceil(8)];
    for (i, set) in flags.iter().enumerate() {
        if *set {
            bytes[i / 8] |= 1 << (i % 8);
        }
    }
    out.extend_from_slice(&bytes);
}

fn read_mask(r: &mut Reader<'_>, n: usize) -> Result<Vec<bool>, QrError> {
    let bytes = r.take(n.div_ceil(8))?;
    // Spare bits of the last byte must be zero: one reading per text.
    if !n.is_multiple_of(8) && bytes.last().is_some_and(|b| b >> (n % 8) != 0) {
        return Err(QrError::Malformed);
    }
    Ok((0..n).map(|i| bytes[i / 8] & (1 << (i % 8)) != 0).collect())
}

/// The fingerprint of a procedure's document order.
pub fn fingerprint(procedure: &Procedure) -> u16 {
    let mut h = Context::new(&SHA256);
    for d in &procedure.documents {
        h.update(d.id.as_bytes());
        h.update(b"\n");
    }
    let digest = h.finish();
    u16::from_be_bytes([digest.as_ref()[0], digest.as_ref()[1]])
}
