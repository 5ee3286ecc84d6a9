//! Which of a procedure's documents a person has, as a bitmask in the
//! procedure's catalogue order with a fingerprint of that order, so a
//! verifier with another catalogue edition knows it cannot name them.

use sha2::{Digest, Sha256};

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
}

impl DocumentMarks {
    /// Marks with a given fingerprint.
    pub fn new(fingerprint: u16, have: Vec<bool>) -> Self {
        Self { fingerprint, have }
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
                    .filter(|(_, h)| **h)
                    .map(|(d, _)| d.id.clone())
                    .collect()
            })
    }

    /// How many documents are marked as held.
    pub fn held_count(&self) -> u32 {
        self.have.iter().filter(|h| **h).count() as u32
    }

    pub(super) fn write(&self, out: &mut Vec<u8>) -> Result<(), QrError> {
        if self.have.len() > MAX_DOCUMENTS {
            return Err(QrError::Malformed);
        }
        out.extend_from_slice(&self.fingerprint.to_be_bytes());
        out.push(self.have.len() as u8);
        let mut bytes = vec![0u8; self.have.len().div_ceil(8)];
        for (i, held) in self.have.iter().enumerate() {
            if *held {
                bytes[i / 8] |= 1 << (i % 8);
            }
        }
        out.extend_from_slice(&bytes);
        Ok(())
    }

    pub(super) fn read(r: &mut Reader<'_>) -> Result<Self, QrError> {
        let fp = r.take(2)?;
        let fingerprint = u16::from_be_bytes([fp[0], fp[1]]);
        let n = usize::from(r.u8()?);
        if n > MAX_DOCUMENTS {
            return Err(QrError::Malformed);
        }
        let bytes = r.take(n.div_ceil(8))?;
        let have: Vec<bool> = (0..n).map(|i| bytes[i / 8] & (1 << (i % 8)) != 0).collect();
        // Spare bits of the last byte must be zero: one reading per text.
        if n % 8 != 0 && bytes.last().is_some_and(|b| b >> (n % 8) != 0) {
            return Err(QrError::Malformed);
        }
        Ok(Self { fingerprint, have })
    }
}

/// The fingerprint of a procedure's document order.
pub fn fingerprint(procedure: &Procedure) -> u16 {
    let mut h = Sha256::new();
    for d in &procedure.documents {
        h.update(d.id.as_bytes());
        h.update(b"\n");
    }
    let digest = h.finalize();
    u16::from_be_bytes([digest[0], digest[1]])
}
