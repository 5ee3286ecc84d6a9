//! The same dossier credential encoded the way the EU Digital COVID
//! Certificate (DCC) encodes its health certificates, as the yardstick for
//! our hand-packed `DVC1:` payload:
//!
//! ```text
//! text    = "HC1:" base45(zlib(COSE_Sign1))
//! COSE    = tag 18 [ protected bstr {1: -8 (EdDSA), 4: kid}, {}, payload bstr, signature bstr ]
//! payload = CWT claims {4: exp, 6: iat, -260: {1: dossier}}      (epoch seconds)
//! dossier = {"dc": dossier code, "pr": procedure, ["ap": appointment,]
//!            "dm": {"fp": fingerprint, "n": count, "h": bitmask bstr}, "hd": home delivery}
//! ```
//!
//! As in the DCC, the claims use CWT's integer keys (`exp` 4, `iat` 6,
//! `hcert` -260 holding `{1: certificate}`) and the certificate short text
//! keys; zlib runs at its best compression; the signature is Ed25519 over
//! COSE's `Sig_structure` `["Signature1", protected, h'', payload]` with the
//! same key and key id as ours. To keep the comparison honest it carries
//! only the fields our payload does: no `iss` country, no schema `ver`, and
//! no separate receiving unit, which is the first part of the dossier code
//! in both encodings.

use std::io::{Read, Write};

use ciborium::Value;
use coset::{CoseSign1, CoseSign1Builder, HeaderBuilder, TaggedCborSerializable, iana};
use dvc_core::qr::payload::Credential;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use flate2::Compression;
use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;

/// Text prefix, as the DCC's `HC1:`.
pub const PREFIX: &str = "HC1:";

const EXP: i64 = 4;
const IAT: i64 = 6;
const HCERT: i64 = -260;
/// Largest inflated COSE object a verifier accepts (a zip-bomb guard).
const MAX_INFLATED: u64 = 16 * 1024;

/// The fields of a credential in DCC terms: text and epoch seconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    /// Key id (COSE `kid`).
    pub kid: Vec<u8>,
    /// Dossier code as text; its unit is the receiving office.
    pub dossier_code: String,
    /// National procedure code as text.
    pub procedure: String,
    /// Appointment start, epoch seconds.
    pub appointment: Option<i64>,
    /// Fingerprint of the procedure's document order.
    pub fingerprint: u16,
    /// How many documents the procedure has.
    pub count: u8,
    /// Which are held, one bit each, least significant first.
    pub held: Vec<u8>,
    /// Delivered home (true) or picked up (false).
    pub home_delivery: bool,
    /// CWT `iat`, epoch seconds.
    pub issued_at: i64,
    /// CWT `exp`, epoch seconds.
    pub expires_at: i64,
}

/// A DCC-style code and the sizes of its layers.
#[derive(Debug, Clone)]
pub struct Encoded {
    /// `HC1:` and the base45 text.
    pub text: String,
    /// CWT claims (the COSE payload), bytes.
    pub cwt_len: usize,
    /// Tagged COSE_Sign1, bytes.
    pub cose_len: usize,
    /// zlib output, the bytes base45 encodes.
    pub zlib_len: usize,
}

impl Fields {
    /// The fields of `credential`.
    pub fn of(credential: &Credential) -> Self {
        let c = &credential.content;
        let mut held = vec![0u8; c.documents.have.len().div_ceil(8)];
        for (i, h) in c.documents.have.iter().enumerate() {
            if *h {
                held[i / 8] |= 1 << (i % 8);
            }
        }
        Self {
            kid: credential.key_id.as_bytes().to_vec(),
            dossier_code: credential.dossier_code.to_string(),
            procedure: c.procedure.clone(),
            appointment: c.appointment.map(|a| a.timestamp()),
            fingerprint: c.documents.fingerprint,
            count: c.documents.have.len() as u8,
            held,
            home_delivery: c.home_delivery,
            issued_at: c.issued_at.timestamp(),
            expires_at: credential.expires_at.timestamp(),
        }
    }

    /// The CWT claims map.
    fn claims(&self) -> Value {
        let text = |s: &str| Value::Text(s.to_owned());
        let mut dossier = vec![
            (text("dc"), text(&self.dossier_code)),
            (text("pr"), text(&self.procedure)),
        ];
        if let Some(at) = self.appointment {
            dossier.push((text("ap"), Value::Integer(at.into())));
        }
        dossier.push((
            text("dm"),
            Value::Map(vec![
                (text("fp"), Value::Integer(self.fingerprint.into())),
                (text("n"), Value::Integer(self.count.into())),
                (text("h"), Value::Bytes(self.held.clone())),
            ]),
        ));
        dossier.push((text("hd"), Value::Bool(self.home_delivery)));
        Value::Map(vec![
            (
                Value::Integer(EXP.into()),
                Value::Integer(self.expires_at.into()),
            ),
            (
                Value::Integer(IAT.into()),
                Value::Integer(self.issued_at.into()),
            ),
            (
                Value::Integer(HCERT.into()),
                Value::Map(vec![(Value::Integer(1.into()), Value::Map(dossier))]),
            ),
        ])
    }

    /// Reads the claims map back (with `kid` from the protected header).
    fn from_claims(kid: Vec<u8>, claims: Value) -> Result<Self, &'static str> {
        let claims = as_map(claims)?;
        let hcert = as_map(get(&claims, &Value::Integer(HCERT.into()))?.clone())?;
        let dossier = as_map(get(&hcert, &Value::Integer(1.into()))?.clone())?;
        let field = |name: &str| get(&dossier, &Value::Text(name.to_owned()));
        let marks = as_map(field("dm")?.clone())?;
        let mark = |name: &str| get(&marks, &Value::Text(name.to_owned()));
        let appointment = match field("ap") {
            Ok(v) => Some(as_int(v)?),
            Err(_) => None,
        };
        Ok(Self {
            kid,
            dossier_code: as_text(field("dc")?)?,
            procedure: as_text(field("pr")?)?,
            appointment,
            fingerprint: u16::try_from(as_int(mark("fp")?)?).map_err(|_| "fingerprint")?,
            count: u8::try_from(as_int(mark("n")?)?).map_err(|_| "count")?,
            held: mark("h")?.as_bytes().ok_or("held")?.clone(),
            home_delivery: field("hd")?.as_bool().ok_or("home delivery")?,
            issued_at: as_int(get(&claims, &Value::Integer(IAT.into()))?)?,
            expires_at: as_int(get(&claims, &Value::Integer(EXP.into()))?)?,
        })
    }

    /// Signs and encodes the fields as a DCC would.
    pub fn encode(&self, key: &SigningKey) -> Result<Encoded, String> {
        let mut cwt = Vec::new();
        ciborium::into_writer(&self.claims(), &mut cwt).map_err(|e| e.to_string())?;
        let cwt_len = cwt.len();
        let protected = HeaderBuilder::new()
            .algorithm(iana::Algorithm::EdDSA)
            .key_id(self.kid.clone())
            .build();
        let cose = CoseSign1Builder::new()
            .protected(protected)
            .payload(cwt)
            .create_signature(b"", |tbs| key.sign(tbs).to_bytes().to_vec())
            .build()
            .to_tagged_vec()
            .map_err(|e| e.to_string())?;
        let mut z = ZlibEncoder::new(Vec::new(), Compression::best());
        z.write_all(&cose).map_err(|e| e.to_string())?;
        let zlib = z.finish().map_err(|e| e.to_string())?;
        Ok(Encoded {
            text: format!("{PREFIX}{}", base45::encode(&zlib)),
            cwt_len,
            cose_len: cose.len(),
            zlib_len: zlib.len(),
        })
    }
}

/// Reads a DCC-style code: prefix, base45, inflate, COSE_Sign1 (EdDSA
/// only), the key by `kid` among `keys`, the Ed25519 signature, the claims
/// and expiry at `now` (epoch seconds). Revocation is the caller's.
pub fn verify(
    text: &str,
    keys: &[(Vec<u8>, VerifyingKey)],
    now: i64,
) -> Result<Fields, &'static str> {
    let body = text.strip_prefix(PREFIX).ok_or("prefix")?;
    let zlib = base45::decode(body).map_err(|_| "base45")?;
    let mut cose = Vec::new();
    ZlibDecoder::new(zlib.as_slice())
        .take(MAX_INFLATED)
        .read_to_end(&mut cose)
        .map_err(|_| "zlib")?;
    let sign1 = CoseSign1::from_tagged_slice(&cose).map_err(|_| "COSE_Sign1")?;
    let header = &sign1.protected.header;
    if header.alg
        != Some(coset::RegisteredLabelWithPrivate::Assigned(
            iana::Algorithm::EdDSA,
        ))
    {
        return Err("algorithm");
    }
    let key = keys
        .iter()
        .find(|(kid, _)| *kid == header.key_id)
        .map(|(_, k)| k)
        .ok_or("unknown key")?;
    sign1.verify_signature(b"", |sig, tbs| {
        let sig = Signature::from_slice(sig).map_err(|_| "signature")?;
        key.verify_strict(tbs, &sig).map_err(|_| "signature")
    })?;
    let payload = sign1.payload.as_deref().ok_or("payload")?;
    let claims: Value = ciborium::from_reader(payload).map_err(|_| "CBOR")?;
    let fields = Fields::from_claims(header.key_id.clone(), claims)?;
    if now > fields.expires_at {
        return Err("expired");
    }
    Ok(fields)
}

fn as_map(v: Value) -> Result<Vec<(Value, Value)>, &'static str> {
    v.into_map().map_err(|_| "map")
}

fn get<'a>(map: &'a [(Value, Value)], key: &Value) -> Result<&'a Value, &'static str> {
    map.iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
        .ok_or("missing field")
}

fn as_int(v: &Value) -> Result<i64, &'static str> {
    v.as_integer()
        .and_then(|i| i64::try_from(i).ok())
        .ok_or("integer")
}

fn as_text(v: &Value) -> Result<String, &'static str> {
    v.as_text().map(str::to_owned).ok_or("text")
}
