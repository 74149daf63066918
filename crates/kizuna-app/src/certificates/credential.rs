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
