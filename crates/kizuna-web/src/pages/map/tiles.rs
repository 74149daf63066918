/// The tile server the map draws over its offline basemap: a URL template
/// with `{z}`, `{x}` and `{y}` (and `{s}` as the first label of the host for
/// subdomains), and the attribution it requires. Its origin is the only
/// one, besides Kizuna's own, that pages may load images from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TileServer {
    pub(crate) url: String,
    pub(crate) attribution: Option<String>,
    pub(crate) origin: String,
}

impl TileServer {
    /// A tile server from its URL template; an empty URL means none (the
    /// offline basemap only). Without an attribution the tiles are credited
    /// to OpenStreetMap's contributors, whose data nearly every tile server
    /// draws. The error says what is wrong with the URL.
    pub fn parse(url: &str, attribution: Option<&str>) -> Result<Option<Self>, String> {
        let url = url.trim();
        if url.is_empty() {
            return Ok(None);
        }
        let bad = |why: &str| Err(format!("tile URL \"{url}\": {why}"));
        let Some((scheme, rest)) = url.split_once("://") else {
            return bad("write it as https://HOST/PATH/{z}/{x}/{y}.png");
        };
        if !matches!(scheme, "http" | "https") {
            return bad("it must start with https:// or http://");
        }
        if url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`;".contains(c))
        {
            return bad("it contains a space, quote, angle bracket, backslash or semicolon");
        }
        for part in ["{z}", "{x}", "{y}"] {
            if !url.contains(part) {
                return bad(&format!("it has no {part}"));
            }
        }
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = match host.strip_prefix("{s}.") {
            Some(r) => format!("*.{r}"),
            None => host.to_owned(),
        };
        let host_ok = !host.is_empty()
            && !host.trim_start_matches("*.").is_empty()
            && !host.trim_start_matches("*.").contains(['*', '{', '}'])
            && !host.contains('@')
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]*{}".contains(c));
        if !host_ok {
            return bad("its host is not a host name (placeholders may only be {s} as the first label)");
        }
        Ok(Some(TileServer {
            url: url.to_owned(),
            attribution: attribution.map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned),
            origin: format!("{scheme}://{host}"),
        }))
    }

    /// The URL template.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Scheme and host (with `*.` for `{s}`), as a CSP source.
    pub fn origin(&self) -> &str {
        &self.origin
    }
}
