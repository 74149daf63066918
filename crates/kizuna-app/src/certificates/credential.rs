//! The certificate as an Open Badges 3.0 `OpenBadgeCredential` (a W3C
//! Verifiable Credential 2.0) secured with a Data Integrity proof of the
//! `eddsa-jcs-2022` cryptosuite: the document and the proof options (with
//! the document's `@context`) each canonicalized by JCS (RFC 8785) and
//! hashed with SHA-256, the proof-options hash first; the 64 bytes signed
//! with the office's Ed25519 key; the signature written in multibase
//! base58btc. The key is published as a `did:key`, so a verifier needs
//! nothing from Kizuna to check a credential. The subject is a salted
//! SHA-256 of the name printed on the certificate (`IdentityObject`,
//! `hashed: true`): the holder can show it is theirs; the credential alone
//! names no one.
//!
//! Revocation is published as a W3C Bitstring Status List: each
//! credential's `credentialStatus` points at a `BitstringStatusListCredential`
//! of its own at `VERIFY_URL/status` (bit 0 of a 131,072-bit list, the
//! spec's smallest; set once revoked), signed by the same key when asked
//! for. A list per certificate tells no more than the verify page already
//! does, and needs no index kept beside the certificate.

use std::io::Write as _;

use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// The JSON-LD contexts, in order: VC 2.0, then Open Badges 3.0.3.
pub const CONTEXTS: [&str; 2] = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
];

/// JCS (RFC 8785) for the JSON Kizuna emits: object members sorted by
/// their names' UTF-16 code units, no whitespace, strings escaped as
/// ECMAScript's `JSON.stringify` does (`\b \f \n \r \t \" \\`, other
/// control characters as `\u00xx`, everything else as itself), integers
/// as written. Credentials carry no fractional numbers; one is refused
/// (`None`) rather than written in a form RFC 8785 might not give.
pub fn canonical(v: &Value) -> Option<String> {
    let mut out = String::new();
    write(v, &mut out)?;
    Some(out)
}

fn write(v: &Value, out: &mut String) -> Option<()> {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                // Within ±2^53 an integer is written by ECMAScript as itself.
                if i.unsigned_abs() > 1 << 53 {
                    return None;
                }
                out.push_str(&i.to_string());
            } else {
                return None;
            }
        }
        Value::String(s) => string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out)?;
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(k, out);
                out.push(':');
                write(&map[k], out)?;
            }
            out.push('}');
        }
    }
    Some(())
}

fn string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The `did:key` of an Ed25519 public key: multicodec `0xed 0x01`, then
/// the 32 bytes, in multibase base58btc (`z`).
pub fn did_key(key: &VerifyingKey) -> String {
    format!("did:key:{}", multikey(key))
}

/// The public key as a Multikey's `publicKeyMultibase`.
pub fn multikey(key: &VerifyingKey) -> String {
    let mut bytes = vec![0xed, 0x01];
    bytes.extend_from_slice(key.as_bytes());
    format!("z{}", bs58::encode(bytes).into_string())
}

/// The verification method of the office's key: `did:key:z…#z…`.
pub fn verification_method(key: &VerifyingKey) -> String {
    let m = multikey(key);
    format!("did:key:{m}#{m}")
}

/// The DID document of the key (what a did:key resolves to), published
/// at a Kizuna URL as well.
pub fn key_document(key: &VerifyingKey) -> Value {
    let did = did_key(key);
    let vm = verification_method(key);
    json!({
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": [{
            "id": vm,
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": multikey(key),
        }],
        "assertionMethod": [vm],
        "authentication": [vm],
    })
}

/// `sha256$` and the hex SHA-256 of the identity followed by the salt, as
/// Open Badges 3.0 writes a hashed identity.
pub fn identity_hash(identity: &str, salt: &str) -> String {
    let digest = Sha256::digest(format!("{identity}{salt}").as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256${hex}")
}

/// What the credential states.
#[derive(Debug, Clone)]
pub struct Claim<'a> {
    pub verify_url: &'a str,
    pub issuer_name: &'a str,
    /// RFC 3339, seconds, UTC (`2008-03-31T00:00:00Z`).
    pub issued_at: &'a str,
    pub course_name: &'a str,
    pub description: &'a str,
    pub name_printed: &'a str,
    pub salt: &'a str,
}

/// The length of a status list in bits: the spec's minimum (16 KiB), so
/// that a list cannot be told apart by its size.
pub const STATUS_LIST_BITS: usize = 131_072;

/// The URL of a certificate's status list credential.
pub fn status_list_url(verify_url: &str) -> String {
    format!("{verify_url}/status")
}

/// The `credentialStatus` entry of a credential whose id is `verify_url`.
pub fn status_entry(verify_url: &str) -> Value {
    json!({
        "id": format!("{verify_url}#revocation"),
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "0",
        "statusListCredential": status_list_url(verify_url),
    })
}

/// base64url without padding (RFC 4648 §5), as the status list's
/// multibase `u` prefix wants.
fn base64url(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(A[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// The `encodedList` of a status list whose only entry, bit 0 (the
/// leftmost bit of the first byte), says whether the certificate is revoked:
/// the bits GZIP-compressed, in multibase base64url.
pub fn encoded_list(revoked: bool) -> String {
    let mut bits = vec![0u8; STATUS_LIST_BITS / 8];
    if revoked {
        bits[0] = 0x80;
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = gz.write_all(&bits);
    let zipped = gz.finish().unwrap_or_default();
    format!("u{}", base64url(&zipped))
}

/// The unsigned status list credential of the certificate at `verify_url`,
/// issued by the same key, valid from `valid_from` (the issue or the
/// revocation time, so that the same state gives the same document).
pub fn status_list(verify_url: &str, key: &VerifyingKey, revoked: bool, valid_from: &str) -> Value {
    let id = status_list_url(verify_url);
    json!({
        "@context": [CONTEXTS[0]],
        "id": id,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": did_key(key),
        "validFrom": valid_from,
        "credentialSubject": {
            "id": format!("{id}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_list(revoked),
        },
    })
}

/// The unsigned credential.
pub fn unsigned(claim: &Claim, key: &VerifyingKey) -> Value {
    json!({
        "@context": CONTEXTS,
        "id": claim.verify_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": did_key(key),
            "type": ["Profile"],
            "name": claim.issuer_name,
        },
        "validFrom": claim.issued_at,
        "name": claim.course_name,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{
                "type": "IdentityObject",
                "identityHash": identity_hash(claim.name_printed, claim.salt),
                "identityType": "name",
                "hashed": true,
                "salt": claim.salt,
            }],
            "achievement": {
                "id": format!("{}#achievement", claim.verify_url),
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": claim.course_name,
                "description": claim.description,
                "criteria": {"narrative": claim.description},
            },
        },
        "credentialStatus": status_entry(claim.verify_url),
    })
}

/// The bytes signed: SHA-256 of the canonical proof options, then of the
/// canonical document.
fn hash_data(document: &Value, options: &Value) -> Option<Vec<u8>> {
    let mut data = Sha256::digest(canonical(options)?.as_bytes()).to_vec();
    data.extend_from_slice(&Sha256::digest(canonical(document)?.as_bytes()));
    Some(data)
}

/// The credential with its `eddsa-jcs-2022` proof, created at `created`.
pub fn sign(mut document: Value, key: &SigningKey, created: &str) -> Option<Value> {
    let mut options = json!({
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-jcs-2022",
        "created": created,
        "verificationMethod": verification_method(&key.verifying_key()),
        "proofPurpose": "assertionMethod",
    });
    options["@context"] = document.get("@context")?.clone();
    let signature = key.sign(&hash_data(&document, &options)?);
    options["proofValue"] = Value::String(format!("z{}", bs58::encode(signature.to_bytes()).into_string()));
    document["proof"] = options;
    Some(document)
}

/// Whether a credential's proof holds for `key` (Kizuna's own check; the
/// tests also verify with independent npm packages).
pub fn verify(credential: &Value, key: &VerifyingKey) -> bool {
    let Some(proof) = credential.get("proof") else {
        return false;
    };
    let mut document = credential.clone();
    if let Some(o) = document.as_object_mut() {
        o.remove("proof");
    }
    let mut options = proof.clone();
    let Some(value) = options.as_object_mut().and_then(|o| o.remove("proofValue")) else {
        return false;
    };
    if options.get("@context") != document.get("@context")
        || options.get("verificationMethod").and_then(Value::as_str) != Some(verification_method(key).as_str())
    {
        return false;
    }
    let Some(sig) = value.as_str().and_then(|v| v.strip_prefix('z')) else {
        return false;
    };
    let Ok(bytes) = bs58::decode(sig).into_vec() else {
        return false;
    };
    let Ok(sig) = ed25519_dalek::Signature::from_slice(&bytes) else {
        return false;
    };
    hash_data(&document, &options).is_some_and(|data| key.verify(&data, &sig).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jcs_sorts_by_utf16_and_escapes_as_rfc_8785() {
        // RFC 8785 §3.2.3's sorting example: a surrogate pair (U+1F600)
        // sorts before U+FB33 by UTF-16, after it by UTF-8.
        let v = json!({"\u{20ac}": "Euro Sign", "\r": "Carriage Return", "\u{fb33}": "Hebrew Letter Dalet With Dagesh",
                       "1": "One", "\u{1f600}": "Emoji: Grinning Face", "\u{80}": "Control", "\u{f6}": "Latin Small Letter O With Diaeresis"});
        let want = [
            ("\r", "Carriage Return"),
            ("1", "One"),
            ("\u{80}", "Control"),
            ("\u{f6}", "Latin Small Letter O With Diaeresis"),
            ("\u{20ac}", "Euro Sign"),
            ("\u{1f600}", "Emoji: Grinning Face"),
            ("\u{fb33}", "Hebrew Letter Dalet With Dagesh"),
        ]
        .iter()
        .map(|(k, v)| format!("\"{}\":\"{v}\"", k.replace('\r', "\\r")))
        .collect::<Vec<_>>()
        .join(",");
        assert_eq!(canonical(&v).unwrap(), format!("{{{want}}}"));
        // RFC 8785 §3.2.2.2's string example, and literals.
        let v: Value = serde_json::from_str(
            r#"{"string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false], "n": [0, -1, 9007199254740992]}"#,
        )
        .unwrap();
        assert_eq!(
            canonical(&v).unwrap(),
            "{\"literals\":[null,true,false],\"n\":[0,-1,9007199254740992],\"string\":\"\u{20ac}$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}"
        );
        assert_eq!(canonical(&json!({"x": 1.5})), None);
    }

    #[test]
    fn base64url_is_rfc_4648_without_padding() {
        // RFC 4648 §10's vectors, padding removed.
        for (plain, want) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url(plain.as_bytes()), want);
        }
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn the_status_list_sets_bit_zero_only_when_revoked() {
        use std::io::Read as _;
        let decode = |s: &str| {
            let s = s.strip_prefix('u').unwrap();
            let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            let mut bits = 0u32;
            let mut n = 0;
            let mut bytes = Vec::new();
            for c in s.bytes() {
                let v = alphabet.iter().position(|a| *a == c).unwrap() as u32;
                bits = (bits << 6) | v;
                n += 6;
                if n >= 8 {
                    n -= 8;
                    bytes.push((bits >> n) as u8);
                    bits &= (1 << n) - 1;
                }
            }
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out).unwrap();
            out
        };
        let valid = decode(&encoded_list(false));
        let revoked = decode(&encoded_list(true));
        assert_eq!(valid.len() * 8, STATUS_LIST_BITS);
        assert!(valid.iter().all(|b| *b == 0));
        assert_eq!(revoked[0], 0x80);
        assert!(revoked[1..].iter().all(|b| *b == 0));
    }

    #[test]
    fn a_signed_credential_verifies_and_a_changed_one_does_not() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let claim = Claim {
            verify_url: "https://kizuna.example/verify/KZC-0000-0000-0001",
            issuer_name: "Kizuna",
            issued_at: "2008-03-31T00:00:00Z",
            course_name: "地域食品産業 / Local food industries",
            description: "Completed",
            name_printed: "SOMCHAI Jaidee",
            salt: "00ff",
        };
        let vc = sign(unsigned(&claim, &key.verifying_key()), &key, "2008-03-31T00:00:00Z").unwrap();
        assert!(verify(&vc, &key.verifying_key()));
        let text = vc.to_string();
        assert!(!text.contains("SOMCHAI"), "no name in the credential");
        let changed: Value = serde_json::from_str(&text.replace("Local food", "Local fond")).unwrap();
        assert!(!verify(&changed, &key.verifying_key()));
        assert!(!verify(&vc, &SigningKey::from_bytes(&[8; 32]).verifying_key()));
        assert!(did_key(&key.verifying_key()).starts_with("did:key:z6Mk"));
        assert_eq!(
            identity_hash("SOMCHAI Jaidee", "00ff"),
            format!(
                "sha256${}",
                Sha256::digest(b"SOMCHAI Jaidee00ff")
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect::<String>()
            )
        );
    }
}
