//! What goes in the booklet: places grouped into areas.

use super::*;

/// A place without a locality joins the nearest area within this distance.
pub const JOIN_AREA_WITHIN_M: f64 = 30_000.0;

/// One area of the booklet and its places, in the order printed.
#[derive(Debug, Clone)]
pub struct BookletArea {
    /// The locality's key (`None` for "Other places").
    pub key: Option<String>,
    /// The area's name in the booklet's language (Japanese name, else English).
    pub name: String,
    /// The Japanese name, when the booklet is in another language and it differs.
    pub name_ja: Option<String>,
    pub places: Vec<Place>,
}

/// Everything a booklet shows, read from the store.
#[derive(Debug, Clone)]
pub struct BookletData {
    pub lang: Lang,
    /// The day the booklet is made; certificates are judged on it.
    pub today: NaiveDate,
    pub areas: Vec<BookletArea>,
}

impl BookletData {
    /// Group places into areas (see the module documentation).
    pub fn new(lang: Lang, today: NaiveDate, places: Vec<Place>, localities: &[Locality]) -> BookletData {
        let by_id: HashMap<Id, &Locality> = localities.iter().map(|l| (l.id, l)).collect();
        let mut groups: BTreeMap<String, (Option<&Locality>, Vec<Place>)> = BTreeMap::new();
        let mut loose = Vec::new();
        for p in places {
            match p.fields.locality_id.and_then(|id| by_id.get(&id)) {
                Some(l) => groups
                    .entry(l.fields.key.as_str().to_owned())
                    .or_insert_with(|| (Some(*l), Vec::new()))
                    .1
                    .push(p),
                None => loose.push(p),
            }
        }
        // Centres of the areas, for places without a locality.
        let centres: Vec<(String, f64, f64)> = groups
            .iter()
            .map(|(k, (_, ps))| {
                let n = ps.len() as f64;
                let lat = ps.iter().map(|p| p.fields.position.lat()).sum::<f64>() / n;
                let lon = ps.iter().map(|p| p.fields.position.lon()).sum::<f64>() / n;
                (k.clone(), lat, lon)
            })
            .collect();
        let mut other = Vec::new();
        for p in loose {
            let pos = p.fields.position;
            let nearest = centres
                .iter()
                .map(|(k, lat, lon)| {
                    (
                        k,
                        kizuna_domain::map::place::haversine_m(pos.lat(), pos.lon(), *lat, *lon),
                    )
                })
                .filter(|(_, d)| *d <= JOIN_AREA_WITHIN_M)
                .min_by(|a, b| a.1.total_cmp(&b.1));
            match nearest.and_then(|(k, _)| groups.get_mut(k)) {
                Some(g) => g.1.push(p),
                None => other.push(p),
            }
        }
        let prefer: Vec<&str> = vec![lang.code()];
        let sort = |ps: &mut Vec<Place>| {
            // Names in the booklet language's order (Thai by consonant, Japanese kana then kanji).
            ps.sort_by_cached_key(|p| {
                (
                    category_rank(p.fields.category),
                    i18n::sort_key(lang, p.name(&prefer)),
                    p.id,
                )
            });
        };
        let mut areas: Vec<BookletArea> = groups
            .into_iter()
            .map(|(key, (l, mut places))| {
                sort(&mut places);
                let l = l.map(|l| &l.fields);
                // In the booklet's language (else the fallback order), with
                // the Japanese name beside it for showing to people in Japan.
                let name = l.map(|l| l.name.best(lang.code()).to_owned()).unwrap_or_default();
                let name_ja = l
                    .and_then(|l| l.name.get("ja"))
                    .map(|n| n.as_str().to_owned())
                    .filter(|ja| lang != Lang::Ja && *ja != name);
                BookletArea {
                    key: Some(key),
                    name,
                    name_ja,
                    places,
                }
            })
            .collect();
        if !other.is_empty() {
            sort(&mut other);
            areas.push(BookletArea {
                key: None,
                name: K::OtherArea.get(lang).to_owned(),
                name_ja: None,
                places: other,
            });
        }
        BookletData { lang, today, areas }
    }

    /// How many places in all.
    pub fn place_count(&self) -> usize {
        self.areas.iter().map(|a| a.places.len()).sum()
    }
}
