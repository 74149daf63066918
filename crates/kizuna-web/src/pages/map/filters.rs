use super::*;

/// The filters of `/map` as the form sends them: repeated names
/// (`category=cafe&category=mosque`) or comma-separated lists.
#[derive(Debug, Default)]
pub(crate) struct MapQuery {
    pub(crate) categories: Vec<PlaceCategory>,
    pub(crate) assurances: Vec<Assurance>,
    pub(crate) open_now: bool,
    pub(crate) prayer_space: bool,
    /// The visitor's position (`lat`, `lon`), when "near me" sent it: the
    /// list is then sorted by distance from it.
    pub(crate) near: Option<(f64, f64)>,
    /// `name=value` of every value not understood (left out of the filter).
    pub(crate) ignored: Vec<String>,
}

pub(crate) fn flag(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Some(true),
        "false" | "0" | "no" | "off" | "" => Some(false),
        _ => None,
    }
}

impl MapQuery {
    pub(crate) fn parse(raw: Option<&str>) -> Self {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or("")).unwrap_or_default();
        let mut q = MapQuery::default();
        let (mut lat, mut lon) = (None, None);
        for (k, v) in pairs {
            match k.as_str() {
                "category" | "assurance" => {
                    for part in v.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                        let ok = if k == "category" {
                            part.parse::<PlaceCategory>().map(|c| q.categories.push(c)).is_ok()
                        } else {
                            part.parse::<Assurance>().map(|a| q.assurances.push(a)).is_ok()
                        };
                        if !ok {
                            q.ignored.push(format!("{k}={part}"));
                        }
                    }
                }
                "open_now" | "prayer_space" => match flag(&v) {
                    Some(b) if k == "open_now" => q.open_now |= b,
                    Some(b) => q.prayer_space |= b,
                    None => q.ignored.push(format!("{k}={v}")),
                },
                "lat" | "lon" => match v.trim().parse::<f64>() {
                    Ok(n) if n.is_finite() && k == "lat" => lat = Some(n),
                    Ok(n) if n.is_finite() => lon = Some(n),
                    _ => q.ignored.push(format!("{k}={v}")),
                },
                // The language, and anything else, is not a filter.
                _ => {}
            }
        }
        match (lat, lon) {
            (Some(lat), Some(lon)) if LatLon::new(lat, lon).is_ok() => q.near = Some((lat, lon)),
            (None, None) => {}
            _ => q.ignored.push(format!(
                "lat={}&lon={}",
                lat.map(|n| n.to_string()).unwrap_or_default(),
                lon.map(|n| n.to_string()).unwrap_or_default()
            )),
        }
        q.categories.sort_by_key(|c| c.as_str());
        q.categories.dedup();
        q.assurances.sort_by_key(|a| a.as_str());
        q.assurances.dedup();
        q
    }

    pub(crate) fn filter(&self) -> PlaceFilter {
        PlaceFilter {
            categories: self.categories.clone(),
            assurances: self.assurances.clone(),
            prayer_space: self.prayer_space.then_some(true),
            open_now: self.open_now,
            at: None,
        }
    }

    /// The same filters as the JSON API takes them (for "near me").
    pub(crate) fn api_query(&self) -> String {
        let mut parts = Vec::new();
        let list = |v: Vec<&str>| v.join(",");
        if !self.categories.is_empty() {
            parts.push(format!(
                "category={}",
                list(self.categories.iter().map(|c| c.as_str()).collect())
            ));
        }
        if !self.assurances.is_empty() {
            parts.push(format!(
                "assurance={}",
                list(self.assurances.iter().map(|a| a.as_str()).collect())
            ));
        }
        if self.open_now {
            parts.push("open_now=true".into());
        }
        if self.prayer_space {
            parts.push("prayer_space=true".into());
        }
        parts.join("&")
    }
}
