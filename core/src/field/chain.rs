//! Nhật ký thao tác: the hash-chained log of what a staff device did on its
//! rounds, for an anti-tampering audit. Each entry names the hash of the
//! entry before it, so the server can tell on sync whether an entry was
//! changed, removed, replayed or put in from another chain.
//!
//! The device calls [`link`] for every action it records; the server calls
//! [`verify_chain`] on every batch it receives.
//!
//! # Canonical encoding
//!
//! An entry's `hash` is the lowercase hex of SHA-256 over these bytes, in
//! this order, where `field(x)` is the length of `x` in bytes as an unsigned
//! 64-bit big-endian integer (8 bytes) followed by the bytes of `x`:
//!
//! 1. `field("dvc.field.chain.v1")` — a fixed tag naming this format;
//! 2. `field(device_id)` — the device id as UTF-8;
//! 3. `seq` — unsigned 64-bit big-endian (8 bytes, no length prefix);
//! 4. `field(prev_hash)` — the previous hash as its ASCII text, exactly as
//!    stored in the entry (64 lowercase hex characters; [`GENESIS`] for the
//!    first entry);
//! 5. `field(payload)` — the action's bytes, as stored.
//!
//! The length prefixes make the encoding unambiguous: no two different
//! (device id, seq, prev hash, payload) give the same bytes.

use ring::digest::{Context, SHA256};
use serde::{Deserialize, Serialize};

use crate::ids::hex;

/// The `prev_hash` of a device's first entry: 32 zero bytes, in hex.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The tag that starts every hashed encoding (see the module docs).
const TAG: &[u8] = b"dvc.field.chain.v1";

/// One entry of a device's log, without its payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainLink {
    /// The device that recorded the action.
    pub device_id: String,
    /// Position in the device's log: 1-based, no gaps.
    pub seq: u64,
    /// The `hash` of the entry before ([`GENESIS`] for `seq` 1).
    pub prev_hash: String,
    /// SHA-256 of the canonical encoding, lowercase hex.
    pub hash: String,
}

/// Builds the entry `seq` of `device_id`'s log, following `prev_hash`, for
/// an action whose stored bytes are `payload`.
pub fn link(device_id: &str, seq: u64, prev_hash: &str, payload: &[u8]) -> ChainLink {
    ChainLink {
        device_id: device_id.to_owned(),
        seq,
        prev_hash: prev_hash.to_owned(),
        hash: entry_hash(device_id, seq, prev_hash, payload),
    }
}

/// The hash of an entry, over the canonical encoding of the module docs.
fn entry_hash(device_id: &str, seq: u64, prev_hash: &str, payload: &[u8]) -> String {
    fn field(h: &mut Context, bytes: &[u8]) {
        h.update(&(bytes.len() as u64).to_be_bytes());
        h.update(bytes);
    }
    let mut h = Context::new(&SHA256);
    field(&mut h, TAG);
    field(&mut h, device_id.as_bytes());
    h.update(&seq.to_be_bytes());
    field(&mut h, prev_hash.as_bytes());
    field(&mut h, payload);
    hex(h.finish().as_ref())
}

/// Where and how a device's log fails to verify; `as_str` gives the stable
/// snake_case name, and the JSON form is `{"kind": "<name>", ...fields}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, thiserror::Error)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChainBreak {
    /// Entries are missing: `got` came where `expected` should have.
    #[error("gap: expected seq {expected}, got {got}")]
    Gap {
        /// The seq that should have come next.
        expected: i64,
        /// The seq that came.
        got: i64,
    },
    /// An entry whose seq was already accepted (or is lower than the next
    /// one expected): sent again, or replayed.
    #[error("replayed: seq {seq}")]
    Replayed {
        /// The entry's seq.
        seq: i64,
    },
    /// The stored hash does not match the entry: its payload or its fields
    /// were altered.
    #[error("hash_mismatch: seq {seq}")]
    HashMismatch {
        /// The entry's seq.
        seq: i64,
    },
    /// The entry is intact but does not follow the entry before it (its
    /// `prev_hash` names another entry): taken from another chain.
    #[error("broken_link: seq {seq}")]
    BrokenLink {
        /// The entry's seq.
        seq: i64,
    },
    /// The entry was recorded by another device than the batch's first.
    #[error("device_mismatch: seq {seq}")]
    DeviceMismatch {
        /// The entry's seq.
        seq: i64,
    },
}

impl ChainBreak {
    /// Stable machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Gap { .. } => "gap",
            Self::Replayed { .. } => "replayed",
            Self::HashMismatch { .. } => "hash_mismatch",
            Self::BrokenLink { .. } => "broken_link",
            Self::DeviceMismatch { .. } => "device_mismatch",
        }
    }

    /// What an auditor is told, in Vietnamese.
    pub fn message_vi(self) -> String {
        match self {
            Self::Gap { expected, got } => {
                format!("Nhật ký thiếu mục: cần mục số {expected}, nhận được mục số {got}.")
            }
            Self::Replayed { seq } => format!("Mục số {seq} đã được nhận trước đó (gửi lại)."),
            Self::HashMismatch { seq } => {
                format!("Mục số {seq} đã bị sửa: mã băm không khớp nội dung.")
            }
            Self::BrokenLink { seq } => {
                format!("Mục số {seq} không nối tiếp mục trước: lấy từ nhật ký khác.")
            }
            Self::DeviceMismatch { seq } => {
                format!("Mục số {seq} do thiết bị khác ghi.")
            }
        }
    }

    /// What an auditor is told, in English.
    pub fn message_en(self) -> String {
        match self {
            Self::Gap { expected, got } => {
                format!("Entries are missing from the log: expected entry {expected}, got {got}.")
            }
            Self::Replayed { seq } => format!("Entry {seq} was already received (sent again)."),
            Self::HashMismatch { seq } => {
                format!("Entry {seq} was altered: its hash does not match its content.")
            }
            Self::BrokenLink { seq } => {
                format!("Entry {seq} does not follow the entry before it: from another log.")
            }
            Self::DeviceMismatch { seq } => {
                format!("Entry {seq} was recorded by another device.")
            }
        }
    }
}

/// Verifies a batch of one device's entries, each with its payload, in
/// order. `last_known` is the last entry the server already accepted from
/// that device (its seq and hash), or `None` for a device's first batch;
/// the batch must continue from it with no gap. An empty batch verifies.
///
/// The device is the one named by the batch's first entry; the caller
/// checks that it is the device that sent the batch, and that `last_known`
/// belongs to it.
pub fn verify_chain(
    last_known: Option<(u64, &str)>,
    entries: &[(ChainLink, Vec<u8>)],
) -> Result<(), ChainBreak> {
    let Some((first, _)) = entries.first() else {
        return Ok(());
    };
    let device_id = first.device_id.as_str();
    // `None` once the seq counter is exhausted: nothing can follow.
    let (mut expected, mut prev) = match last_known {
        Some((seq, hash)) => (seq.checked_add(1), hash),
        None => (Some(1), GENESIS),
    };
    // Seqs as the apps read them (signed; real ones are far below the top).
    let shown = |seq: u64| i64::try_from(seq).unwrap_or(i64::MAX);
    for (entry, payload) in entries {
        let seq = entry.seq;
        if entry.device_id != device_id {
            return Err(ChainBreak::DeviceMismatch { seq: shown(seq) });
        }
        match expected {
            Some(want) if seq == want => {}
            Some(want) if seq > want => {
                return Err(ChainBreak::Gap {
                    expected: shown(want),
                    got: shown(seq),
                });
            }
            _ => return Err(ChainBreak::Replayed { seq: shown(seq) }),
        }
        if entry_hash(&entry.device_id, seq, &entry.prev_hash, payload) != entry.hash {
            return Err(ChainBreak::HashMismatch { seq: shown(seq) });
        }
        if entry.prev_hash != prev {
            return Err(ChainBreak::BrokenLink { seq: shown(seq) });
        }
        prev = &entry.hash;
        expected = seq.checked_add(1);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A valid log of `device` with these payloads, following `after`.
    fn chain_from(
        device: &str,
        after: Option<(u64, &str)>,
        payloads: &[&[u8]],
    ) -> Vec<(ChainLink, Vec<u8>)> {
        let (mut seq, mut prev) = after.map_or((0, GENESIS.to_owned()), |(s, h)| (s, h.to_owned()));
        payloads
            .iter()
            .map(|p| {
                seq += 1;
                let entry = link(device, seq, &prev, p);
                prev = entry.hash.clone();
                (entry, p.to_vec())
            })
            .collect()
    }

    fn chain(payloads: &[&[u8]]) -> Vec<(ChainLink, Vec<u8>)> {
        chain_from("phone-7", None, payloads)
    }

    const ACTIONS: [&[u8]; 4] = [
        b"{\"visit\":\"v1\",\"action\":\"arrived\"}",
        b"{\"visit\":\"v1\",\"action\":\"picked_up\"}",
        b"{\"visit\":\"v2\",\"action\":\"arrived\"}",
        b"{\"visit\":\"v2\",\"action\":\"delivered\"}",
    ];

    #[test]
    fn genesis_is_32_zero_bytes_in_hex() {
        assert_eq!(GENESIS, hex(&[0u8; 32]));
    }

    #[test]
    fn hash_follows_the_documented_encoding() {
        fn field(bytes: &mut Vec<u8>, x: &[u8]) {
            bytes.extend((x.len() as u64).to_be_bytes());
            bytes.extend(x);
        }
        let mut bytes = Vec::new();
        field(&mut bytes, b"dvc.field.chain.v1");
        field(&mut bytes, b"dev");
        bytes.extend(7u64.to_be_bytes());
        field(&mut bytes, GENESIS.as_bytes());
        field(&mut bytes, b"xy");
        let entry = link("dev", 7, GENESIS, b"xy");
        assert_eq!(
            entry.hash,
            hex(ring::digest::digest(&SHA256, &bytes).as_ref())
        );
        assert_eq!(entry.hash.len(), 64);
        // Moving a byte between fields changes the hash.
        assert_ne!(link("de", 7, GENESIS, b"vxy").hash, entry.hash);
    }

    #[test]
    fn a_valid_log_verifies_and_an_empty_batch_too() {
        let log = chain(&ACTIONS);
        assert_eq!(log[0].0.prev_hash, GENESIS);
        assert_eq!(log[2].0.prev_hash, log[1].0.hash);
        assert_eq!(verify_chain(None, &log), Ok(()));
        assert_eq!(verify_chain(None, &[]), Ok(()));
    }

    #[test]
    fn two_batches_verify_incrementally() {
        let log = chain(&ACTIONS);
        let (first, second) = log.split_at(2);
        assert_eq!(verify_chain(None, first), Ok(()));
        let last = &first[1].0;
        assert_eq!(verify_chain(Some((last.seq, &last.hash)), second), Ok(()));
        // The second batch alone, as if it were the first, does not.
        assert_eq!(
            verify_chain(None, second),
            Err(ChainBreak::Gap {
                expected: 1,
                got: 3
            })
        );
        // Continuing from the wrong known hash is a broken link.
        assert_eq!(
            verify_chain(Some((2, &first[0].0.hash)), second),
            Err(ChainBreak::BrokenLink { seq: 3 })
        );
    }

    #[test]
    fn missing_entry_is_a_gap() {
        let mut log = chain(&ACTIONS);
        log.remove(1);
        assert_eq!(
            verify_chain(None, &log),
            Err(ChainBreak::Gap {
                expected: 2,
                got: 3
            })
        );
    }

    #[test]
    fn entries_sent_again_are_replayed() {
        let log = chain(&ACTIONS);
        let last = &log[3].0;
        assert_eq!(
            verify_chain(Some((last.seq, &last.hash)), &log[2..]),
            Err(ChainBreak::Replayed { seq: 3 })
        );
        let mut twice = log.clone();
        twice.insert(2, log[1].clone());
        assert_eq!(
            verify_chain(None, &twice),
            Err(ChainBreak::Replayed { seq: 2 })
        );
        // Nothing can follow the last possible seq.
        assert_eq!(
            verify_chain(Some((u64::MAX, GENESIS)), &log[..1]),
            Err(ChainBreak::Replayed { seq: 1 })
        );
    }

    #[test]
    fn altered_payload_or_field_is_a_hash_mismatch() {
        let mut log = chain(&ACTIONS);
        log[1].1 = b"{\"visit\":\"v1\",\"action\":\"refused\"}".to_vec();
        assert_eq!(
            verify_chain(None, &log),
            Err(ChainBreak::HashMismatch { seq: 2 })
        );

        let mut log = chain(&ACTIONS);
        log[2].0.prev_hash = log[0].0.hash.clone();
        assert_eq!(
            verify_chain(None, &log),
            Err(ChainBreak::HashMismatch { seq: 3 })
        );
    }

    #[test]
    fn entry_from_another_log_is_a_broken_link() {
        let log = chain(&ACTIONS);
        let other = chain(&[b"other 1", b"other 2", b"other 3"]);
        let mut spliced = log[..2].to_vec();
        spliced.push(other[2].clone());
        assert_eq!(
            verify_chain(None, &spliced),
            Err(ChainBreak::BrokenLink { seq: 3 })
        );
    }

    #[test]
    fn entry_of_another_device_is_a_device_mismatch() {
        let mut log = chain(&ACTIONS);
        let theirs = chain_from("phone-9", Some((2, &log[1].0.hash)), &[ACTIONS[2]]);
        log[2] = theirs[0].clone();
        assert_eq!(
            verify_chain(None, &log),
            Err(ChainBreak::DeviceMismatch { seq: 3 })
        );
    }

    #[test]
    fn breaks_have_stable_names_json_and_both_languages() {
        let breaks = [
            ChainBreak::Gap {
                expected: 2,
                got: 5,
            },
            ChainBreak::Replayed { seq: 1 },
            ChainBreak::HashMismatch { seq: 3 },
            ChainBreak::BrokenLink { seq: 4 },
            ChainBreak::DeviceMismatch { seq: 6 },
        ];
        for b in breaks {
            let json = serde_json::to_value(b).unwrap();
            assert_eq!(json["kind"], b.as_str());
            assert!(b.to_string().starts_with(b.as_str()));
            assert!(!b.message_vi().is_empty() && !b.message_en().is_empty());
        }
        assert_eq!(
            serde_json::to_string(&breaks[0]).unwrap(),
            r#"{"kind":"gap","expected":2,"got":5}"#
        );
    }

    proptest! {
        #[test]
        fn changing_any_byte_of_any_payload_is_detected(
            payloads in prop::collection::vec(prop::collection::vec(any::<u8>(), 1..40), 1..10),
            which in any::<prop::sample::Index>(),
            byte in any::<prop::sample::Index>(),
            flip in 1u8..=255,
        ) {
            let refs: Vec<&[u8]> = payloads.iter().map(Vec::as_slice).collect();
            let mut log = chain(&refs);
            prop_assert_eq!(verify_chain(None, &log), Ok(()));
            let e = which.index(log.len());
            let b = byte.index(log[e].1.len());
            log[e].1[b] ^= flip;
            prop_assert_eq!(
                verify_chain(None, &log),
                Err(ChainBreak::HashMismatch { seq: e as i64 + 1 })
            );
        }

        #[test]
        fn any_split_into_two_batches_verifies(
            payloads in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..20), 0..10),
            at in any::<prop::sample::Index>(),
        ) {
            let refs: Vec<&[u8]> = payloads.iter().map(Vec::as_slice).collect();
            let log = chain(&refs);
            let cut = at.index(log.len() + 1);
            let (first, second) = log.split_at(cut);
            prop_assert_eq!(verify_chain(None, first), Ok(()));
            let known = first.last().map(|(l, _)| (l.seq, l.hash.as_str()));
            prop_assert_eq!(verify_chain(known, second), Ok(()));
        }
    }
}
