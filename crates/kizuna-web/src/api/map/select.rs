//! `fields=`: only the named keys of each search result, chosen while the
//! result is written (a serializer that passes on the entries asked for and
//! drops the rest), so a compact answer costs no more than a full one.

use std::fmt;

use kizuna_app::map::PlaceHit;
use kizuna_app::map::details::write_hit;
use kizuna_domain::FieldError;
use kizuna_domain::fields::Fields as _;
use kizuna_domain::map::place::PlaceFields;
use serde::ser::{self, Error as _, Impossible, Serialize, SerializeMap, Serializer};

/// A page of search results (`items`, `total`, `limit`, `offset`) as
/// `serde_json` writes it (with a selection, as it writes [`Only`]), each
/// place's own entries copied from the JSON the place keeps once written
/// ([`kizuna_app::map::details::write_hit`]) rather than serialized again.
pub fn write_page(
    out: &mut Vec<u8>,
    items: &[PlaceHit],
    selection: Option<&Selection>,
    [total, limit, offset]: [usize; 3],
) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"items\":[");
    let mut whole = Vec::new();
    for (i, hit) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        match selection {
            None => write_hit(out, hit)?,
            Some(sel) => {
                whole.clear();
                write_hit(&mut whole, hit)?;
                write_selected(out, &whole, sel);
            }
        }
    }
    out.extend_from_slice(format!("],\"total\":{total},\"limit\":{limit},\"offset\":{offset}}}").as_bytes());
    Ok(())
}

/// The entries of a JSON object (compact, as `serde_json` writes it, its
/// keys plain names) whose keys are selected, in their order.
fn write_selected(out: &mut Vec<u8>, object: &[u8], sel: &Selection) {
    out.push(b'{');
    let mut first = true;
    let mut left = sel.0.len();
    for entry in entries(object) {
        // Each key comes once: the rest need not be looked through.
        if left == 0 {
            break;
        }
        // `"key":value`; keys are names without escapes.
        let key = entry
            .get(1..)
            .and_then(|rest| rest.iter().position(|b| *b == b'"').map(|end| &rest[..end]));
        if key.is_some_and(|k| std::str::from_utf8(k).is_ok_and(|k| sel.keeps(k))) {
            if !first {
                out.push(b',');
            }
            first = false;
            left = left.saturating_sub(1);
            out.extend_from_slice(entry);
        }
    }
    out.push(b'}');
}

/// The top-level entries of a compact JSON object, `{` and `}` dropped.
fn entries(object: &[u8]) -> impl Iterator<Item = &[u8]> {
    let inner = object
        .strip_prefix(b"{")
        .and_then(|o| o.strip_suffix(b"}"))
        .unwrap_or(&[]);
    let (mut start, mut at, mut depth, mut in_string, mut escaped) = (0, 0, 0usize, false, false);
    std::iter::from_fn(move || {
        if start >= inner.len() {
            return None;
        }
        while at < inner.len() {
            let b = inner[at];
            at += 1;
            if in_string {
                match b {
                    _ if escaped => escaped = false,
                    b'\\' => escaped = true,
                    b'"' => in_string = false,
                    // Most of a place is text: on to its next quote or
                    // backslash at once.
                    _ => {
                        at = memchr::memchr2(b'"', b'\\', &inner[at..]).map_or(inner.len(), |n| at + n);
                    }
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'[' | b'{' => depth += 1,
                b']' | b'}' => depth = depth.saturating_sub(1),
                b',' if depth == 0 => {
                    let entry = &inner[start..at - 1];
                    start = at;
                    return Some(entry);
                }
                _ => {}
            }
        }
        let entry = &inner[start..];
        start = inner.len();
        Some(entry)
    })
}

/// The keys a search result has before the place's own: what the search
/// found out about it.
const HIT_KEYS: [&str; 8] = [
    "name",
    "distance_m",
    "certificate_status",
    "stale",
    "open_now",
    "id",
    "version",
    "office_id",
];

/// Every key a search result may have, in the order it is written.
pub fn hit_keys() -> impl Iterator<Item = &'static str> {
    HIT_KEYS.into_iter().chain(PlaceFields::field_names().iter().copied())
}

/// The keys a `fields=` list asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection(Vec<&'static str>);

impl Selection {
    /// Read `fields=` (names separated by commas). `distance_m` is always
    /// kept: a result of a search from a point says how far it is.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        if raw.split(',').any(|n| n.trim().is_empty()) {
            return Err(FieldError::new(
                "fields",
                "required",
                format!(
                    "\"{raw}\" has an empty name: give names separated by single commas (e.g. fields=id,name,lat,lon,category)"
                ),
            ));
        }
        let mut keys = vec!["distance_m"];
        let mut unknown = Vec::new();
        for name in raw.split(',').map(str::trim) {
            match hit_keys().find(|k| *k == name) {
                Some(k) if !keys.contains(&k) => keys.push(k),
                Some(_) => {}
                None => unknown.push(name),
            }
        }
        if !unknown.is_empty() {
            let names: Vec<String> = unknown.iter().map(|n| format!("\"{n}\"")).collect();
            let allowed: Vec<&str> = hit_keys().collect();
            return Err(FieldError::new(
                "fields",
                "unknown_field",
                format!(
                    "{} {} not a field of a place; choose from {}",
                    names.join(", "),
                    if unknown.len() == 1 { "is" } else { "are" },
                    allowed.join(", ")
                ),
            ));
        }
        Ok(Selection(keys))
    }

    fn keeps(&self, key: &str) -> bool {
        self.0.contains(&key)
    }
}

/// `value` written with only the selected keys of its map.
pub struct Only<'a, T>(pub &'a T, pub &'a Selection);

impl<T: Serialize> Serialize for Only<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(OnlySerializer { inner: s, keep: self.1 })
    }
}

struct OnlySerializer<'a, S> {
    inner: S,
    keep: &'a Selection,
}

struct OnlyMap<'a, M> {
    inner: M,
    keep: &'a Selection,
    skip_value: bool,
}

/// What a value other than a map is said to be when a selection meets it.
fn not_a_map<E: ser::Error>() -> E {
    E::custom("fields= selects among a map's keys; this value is not a map")
}

macro_rules! refuse {
    ($($name:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $name(self, $(_: $arg),*) -> Result<Self::Ok, Self::Error> {
            Err(not_a_map())
        })*
    };
}

impl<'a, S: Serializer> Serializer for OnlySerializer<'a, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Impossible<S::Ok, S::Error>;
    type SerializeTuple = Impossible<S::Ok, S::Error>;
    type SerializeTupleStruct = Impossible<S::Ok, S::Error>;
    type SerializeTupleVariant = Impossible<S::Ok, S::Error>;
    type SerializeMap = OnlyMap<'a, S::SerializeMap>;
    type SerializeStruct = OnlyMap<'a, S::SerializeMap>;
    type SerializeStructVariant = Impossible<S::Ok, S::Error>;

    /// A struct's fields are written as a map's entries.
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, S::Error> {
        self.serialize_map(None)
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        Ok(OnlyMap {
            inner: self.inner.serialize_map(None)?,
            keep: self.keep,
            skip_value: false,
        })
    }

    refuse!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<S::Ok, S::Error> {
        Err(not_a_map())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, _: &T) -> Result<S::Ok, S::Error> {
        Err(not_a_map())
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<S::Ok, S::Error> {
        Err(not_a_map())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        Err(not_a_map())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, S::Error> {
        Err(not_a_map())
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, S::Error> {
        Err(not_a_map())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        Err(not_a_map())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        Err(not_a_map())
    }
}

impl<M: SerializeMap> SerializeMap for OnlyMap<'_, M> {
    type Ok = M::Ok;
    type Error = M::Error;

    fn serialize_key<K: ?Sized + Serialize>(&mut self, key: &K) -> Result<(), M::Error> {
        let keep = key.serialize(KeyIn(self.keep)).map_err(|e| ser::Error::custom(e.0))?;
        self.skip_value = !keep;
        if keep { self.inner.serialize_key(key) } else { Ok(()) }
    }

    fn serialize_value<V: ?Sized + Serialize>(&mut self, value: &V) -> Result<(), M::Error> {
        if self.skip_value {
            Ok(())
        } else {
            self.inner.serialize_value(value)
        }
    }

    fn end(self) -> Result<M::Ok, M::Error> {
        self.inner.end()
    }
}

impl<M: SerializeMap> ser::SerializeStruct for OnlyMap<'_, M> {
    type Ok = M::Ok;
    type Error = M::Error;

    fn serialize_field<V: ?Sized + Serialize>(&mut self, key: &'static str, value: &V) -> Result<(), M::Error> {
        if self.keep.keeps(key) {
            self.inner.serialize_entry(key, value)
        } else {
            Ok(())
        }
    }

    fn end(self) -> Result<M::Ok, M::Error> {
        self.inner.end()
    }
}

/// Whether a map's key (a string) is among those selected.
struct KeyIn<'a>(&'a Selection);

#[derive(Debug)]
struct KeyError(String);

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for KeyError {}

impl ser::Error for KeyError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        KeyError(msg.to_string())
    }
}

macro_rules! refuse_key {
    ($($name:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $name(self, $(_: $arg),*) -> Result<bool, KeyError> {
            Err(KeyError("fields= selects among keys that are strings".into()))
        })*
    };
}

impl Serializer for KeyIn<'_> {
    type Ok = bool;
    type Error = KeyError;
    type SerializeSeq = Impossible<bool, KeyError>;
    type SerializeTuple = Impossible<bool, KeyError>;
    type SerializeTupleStruct = Impossible<bool, KeyError>;
    type SerializeTupleVariant = Impossible<bool, KeyError>;
    type SerializeMap = Impossible<bool, KeyError>;
    type SerializeStruct = Impossible<bool, KeyError>;
    type SerializeStructVariant = Impossible<bool, KeyError>;

    fn serialize_str(self, v: &str) -> Result<bool, KeyError> {
        Ok(self.0.keeps(v))
    }

    refuse_key!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<bool, KeyError> {
        Err(KeyError::custom("a key that is not a string"))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, v: &T) -> Result<bool, KeyError> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<bool, KeyError> {
        Err(KeyError::custom("a key that is not a string"))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, KeyError> {
        Err(KeyError::custom("a key that is not a string"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, KeyError> {
        Err(KeyError::custom("a key that is not a string"))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, KeyError> {
        Err(KeyError::custom("a key that is not a string"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, KeyError> {
        Err(KeyError::custom("a key that is not a string"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, KeyError> {
        Err(KeyError::custom("a key that is not a string"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, KeyError> {
        Err(KeyError::custom("a key that is not a string"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, KeyError> {
        Err(KeyError::custom("a key that is not a string"))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[derive(serde::Serialize)]
    struct Hit {
        name: &'static str,
        distance_m: Option<f64>,
        id: i64,
        lat: f64,
        lon: f64,
        category: &'static str,
        address: Option<&'static str>,
    }

    #[test]
    fn only_the_selected_keys_are_written_in_their_order() {
        let hit = Hit {
            name: "Nara \"Halal\"",
            distance_m: Some(12.5),
            id: 7,
            lat: 34.68,
            lon: 135.8,
            category: "restaurant",
            address: None,
        };
        let s = Selection::parse(" lon ,id,category,lon").unwrap();
        assert_eq!(
            serde_json::to_string(&Only(&hit, &s)).unwrap(),
            r#"{"distance_m":12.5,"id":7,"lon":135.8,"category":"restaurant"}"#
        );
    }

    #[test]
    fn unknown_names_are_refused_naming_them_and_the_allowed_ones() {
        let e = Selection::parse("id,colour,nmae").unwrap_err();
        assert_eq!(e.field, "fields");
        assert_eq!(e.code, "unknown_field");
        assert!(
            e.message.starts_with("\"colour\", \"nmae\" are not a field of a place"),
            "{}",
            e.message
        );
        assert!(e.message.contains("name, distance_m,"), "{}", e.message);
        assert!(e.message.contains("lat, lon"), "{}", e.message);
        for empty in ["", " ", "id,", ",id", "id,,name"] {
            assert_eq!(Selection::parse(empty).unwrap_err().code, "required", "{empty:?}");
        }
    }

    #[test]
    fn a_value_that_is_not_a_map_is_an_error_not_a_panic() {
        let s = Selection::parse("id").unwrap();
        assert!(serde_json::to_string(&Only(&[1, 2], &s)).is_err());
    }

    #[test]
    fn a_page_written_from_the_kept_json_is_what_serde_writes() {
        use kizuna_app::map::SharedPlace;
        use kizuna_domain::map::place::{Place, PlaceFields};
        let f = PlaceFields {
            name_en: Some("Nara \"Halal\", {the} [best] \\ \u{1F600}".into()),
            name_ja: Some("奈良, ハラール".into()),
            lat: Some(34.68),
            lon: Some(135.8),
            category: Some("restaurant".into()),
            assurance: Some("unknown".into()),
            source: Some("staff".into()),
            source_id: Some("staff-1".into()),
            address: Some("1-2, \"Sanjo\" dori".into()),
            opening_hours: Some("Mo-Sa 11:00-21:00; Su off".into()),
            ..Default::default()
        };
        let place = SharedPlace::new(Place::new(7, f.validate().unwrap()));
        let hits: Vec<PlaceHit> = [None, Some(12.5)]
            .into_iter()
            .map(|distance_m| PlaceHit {
                name: place.name(&[]).to_owned(),
                distance_m,
                certificate_status: None,
                stale: true,
                open_now: Some(false),
                place: place.clone(),
            })
            .collect();
        let all: Vec<&str> = hit_keys().collect();
        for raw in [
            "id,name,lat,lon,category",
            "address",
            "stale,open_now,name_ja,website",
            &all.join(","),
        ] {
            let sel = Selection::parse(raw).unwrap();
            let mut ours = Vec::new();
            write_page(&mut ours, &hits, Some(&sel), [2, 20, 0]).unwrap();
            let theirs: Vec<String> = hits
                .iter()
                .map(|h| serde_json::to_string(&Only(h, &sel)).unwrap())
                .collect();
            let want = format!(
                "{{\"items\":[{}],\"total\":2,\"limit\":20,\"offset\":0}}",
                theirs.join(",")
            );
            assert_eq!(String::from_utf8(ours).unwrap(), want, "{raw}");
        }
        let mut plain = Vec::new();
        write_page(&mut plain, &hits, None, [2, 20, 0]).unwrap();
        let theirs: Vec<String> = hits.iter().map(|h| serde_json::to_string(h).unwrap()).collect();
        let want = format!(
            "{{\"items\":[{}],\"total\":2,\"limit\":20,\"offset\":0}}",
            theirs.join(",")
        );
        assert_eq!(String::from_utf8(plain).unwrap(), want);
    }
}
