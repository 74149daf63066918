//! A page as a person reads it: elements found by CSS selector, and the
//! text a reader sees (no markup, no scripts, no hidden elements, spaces
//! collapsed).

use std::rc::Rc;

use scraper::{ElementRef, Html, Node, Selector};

/// An HTML page, parsed once.
#[derive(Debug, Clone)]
pub struct Page {
    source: String,
    doc: Rc<Html>,
}

/// One element found on a page: its name, attributes, visible text and
/// markup, and where it is (to look inside it).
#[derive(Debug, Clone)]
pub struct El {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// The visible text inside it.
    pub text: String,
    /// Its markup, itself included.
    pub html: String,
    doc: Rc<Html>,
    node: ego_tree::NodeId,
}

impl PartialEq for El {
    fn eq(&self, other: &Self) -> bool {
        self.html == other.html
    }
}

impl El {
    /// An attribute's value.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The elements inside this one matching `css`, in document order.
    pub fn select(&self, css: &str) -> Vec<El> {
        let node = self.doc.tree.get(self.node).expect("the element is in its page");
        let el = ElementRef::wrap(node).expect("an element");
        el.select(&selector(css)).map(|e| el_of(&self.doc, e)).collect()
    }

    /// Whether an element inside this one matches `css`.
    pub fn has(&self, css: &str) -> bool {
        !self.select(css).is_empty()
    }

    /// The visible text of every element inside this one matching `css`.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.select(css).into_iter().map(|e| e.text).collect()
    }
}

/// Elements whose content a reader never sees as text.
const UNSEEN: [&str; 5] = ["script", "style", "template", "head", "title"];
/// Elements that flow within a line: no word break around them.
const INLINE: [&str; 16] = [
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "i", "kbd", "mark", "q", "s", "small", "span", "strong",
];

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e}"))
}

/// The visible text under `node`, appended to `out`.
fn visible(node: ego_tree::NodeRef<'_, Node>, out: &mut String) {
    match node.value() {
        Node::Text(t) => out.push_str(t),
        Node::Element(e) => {
            if UNSEEN.contains(&e.name()) || e.attr("hidden").is_some() {
                return;
            }
            if e.name() == "select" {
                // A closed list shows its chosen option only.
                let options: Vec<_> = node
                    .descendants()
                    .filter(|n| matches!(n.value(), Node::Element(o) if o.name() == "option"))
                    .collect();
                let chosen = options
                    .iter()
                    .find(|o| matches!(o.value(), Node::Element(o) if o.attr("selected").is_some()))
                    .or(options.first());
                out.push(' ');
                if let Some(o) = chosen {
                    visible(*o, out);
                }
                out.push(' ');
                return;
            }
            let block = !INLINE.contains(&e.name());
            if block {
                out.push(' ');
            }
            for child in node.children() {
                visible(child, out);
            }
            if block {
                out.push(' ');
            }
        }
        Node::Document | Node::Fragment => {
            for child in node.children() {
                visible(child, out);
            }
        }
        _ => {}
    }
}

/// The string values in a JSON value (not its keys): the words a script may show.
fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_of(el: ElementRef<'_>) -> String {
    let mut out = String::new();
    for child in el.children() {
        visible(child, &mut out);
    }
    collapse(&out)
}

fn el_of(doc: &Rc<Html>, el: ElementRef<'_>) -> El {
    El {
        name: el.value().name().to_owned(),
        attrs: el.value().attrs().map(|(k, v)| (k.to_owned(), v.to_owned())).collect(),
        text: text_of(el),
        html: el.html(),
        doc: doc.clone(),
        node: el.id(),
    }
}

impl Page {
    pub fn parse(html: &str) -> Self {
        Page {
            source: html.to_owned(),
            doc: Rc::new(Html::parse_document(html)),
        }
    }

    fn doc(&self) -> &Html {
        &self.doc
    }

    /// The markup as served (for the rare check that is about markup).
    pub fn html(&self) -> &str {
        &self.source
    }

    /// All the text a reader sees, spaces collapsed.
    pub fn text(&self) -> String {
        let doc = self.doc();
        let mut out = String::new();
        visible(doc.tree.root(), &mut out);
        collapse(&out)
    }

    /// The document's title.
    pub fn title(&self) -> String {
        self.doc()
            .select(&selector("title"))
            .next()
            .map(|t| collapse(&t.text().collect::<String>()))
            .unwrap_or_default()
    }

    /// The language the page declares (`<html lang>`).
    pub fn lang(&self) -> String {
        self.one("html").attr("lang").unwrap_or_default().to_owned()
    }

    /// Every element matching `css`, in document order.
    pub fn select(&self, css: &str) -> Vec<El> {
        self.doc.select(&selector(css)).map(|e| el_of(&self.doc, e)).collect()
    }

    /// The one element matching `css`; fails the test when there are none or several.
    #[track_caller]
    pub fn one(&self, css: &str) -> El {
        let mut all = self.select(css);
        assert_eq!(all.len(), 1, "{} elements match {css:?}", all.len());
        all.remove(0)
    }

    /// The first element matching `css`; fails the test when there is none.
    #[track_caller]
    pub fn first(&self, css: &str) -> El {
        self.select(css)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("nothing matches {css:?}"))
    }

    /// How many elements match `css`.
    pub fn count(&self, css: &str) -> usize {
        self.doc().select(&selector(css)).count()
    }

    /// Whether any element matches `css`.
    pub fn has(&self, css: &str) -> bool {
        self.count(css) > 0
    }

    /// The visible text of every element matching `css`.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.select(css).into_iter().map(|e| e.text).collect()
    }

    /// Everything the page may put before a reader, for checks that no
    /// word is left in another language: the title, the visible text,
    /// every choice of every list (not only the chosen one), the labels read
    /// out or shown on hover (`aria-label`, `title`, `alt`, `placeholder`),
    /// the parts hidden until a script or a click shows them, and the words
    /// handed to scripts in JSON data blocks. One piece a line.
    pub fn readable(&self) -> String {
        let mut parts = vec![self.title(), self.text()];
        parts.extend(self.texts("option"));
        for attr in ["aria-label", "title", "alt", "placeholder"] {
            parts.extend(
                self.select(&format!("body [{attr}]"))
                    .into_iter()
                    .filter_map(|e| e.attr(attr).map(str::to_owned)),
            );
        }
        parts.extend(self.texts("[hidden]"));
        for block in self.texts("script[type='application/json']") {
            match serde_json::from_str::<serde_json::Value>(&block) {
                Ok(v) => strings(&v, &mut parts),
                Err(_) => parts.push(block),
            }
        }
        parts.join("\n")
    }

    /// The JSON data block `script#id` (`type="application/json"`) handed to the page's scripts.
    #[track_caller]
    pub fn json_block(&self, id: &str) -> serde_json::Value {
        let block = self.one(&format!("script#{id}"));
        assert_eq!(block.attr("type"), Some("application/json"), "#{id} is a JSON block");
        let node = self.doc.tree.get(block.node).expect("in the page");
        let json: String = ElementRef::wrap(node).expect("an element").text().collect();
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("#{id} is not JSON ({e}): {json}"))
    }

    /// The fields a form would submit as it stands: inputs (checked boxes
    /// only), selected options and text areas, in document order. Submit
    /// buttons are left out.
    pub fn form(&self, css: &str) -> Vec<(String, String)> {
        let form = self.one(css);
        let form = ElementRef::wrap(self.doc.tree.get(form.node).expect("in the page")).expect("an element");
        let mut out = Vec::new();
        for el in form.select(&selector("input[name], select[name], textarea[name]")) {
            let e = el.value();
            let name = e.attr("name").unwrap_or_default().to_owned();
            if e.attr("disabled").is_some() {
                continue;
            }
            match e.name() {
                "input" => {
                    let kind = e.attr("type").unwrap_or("text");
                    if matches!(kind, "submit" | "button" | "image" | "reset" | "file") {
                        continue;
                    }
                    if matches!(kind, "checkbox" | "radio") && e.attr("checked").is_none() {
                        continue;
                    }
                    let default = if matches!(kind, "checkbox" | "radio") { "on" } else { "" };
                    out.push((name, e.attr("value").unwrap_or(default).to_owned()));
                }
                "select" => {
                    let options: Vec<_> = el.select(&selector("option")).collect();
                    let chosen = options
                        .iter()
                        .find(|o| o.value().attr("selected").is_some())
                        .or(options.first());
                    if let Some(o) = chosen {
                        let value = o
                            .value()
                            .attr("value")
                            .map_or_else(|| collapse(&o.text().collect::<String>()), str::to_owned);
                        out.push((name, value));
                    }
                }
                _ => out.push((name, el.text().collect::<String>())),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="th"><head><title> หน้า </title><style>p{}</style></head>
<body><h1>Hello <em>there</em></h1><script>var x = "secret";</script>
<table><tr><td>a</td><td>b</td></tr></table><p hidden>not shown</p>
<form id="f"><input name="csrf" type="hidden" value="t"><input name="q" value="x y">
<input type="checkbox" name="on" checked><input type="checkbox" name="off">
<select name="s"><option value="1">one</option><option value="2" selected>two</option></select>
<textarea name="t">long text</textarea><button type="submit">Go</button></form></body></html>"#;

    #[test]
    fn text_is_what_a_reader_sees() {
        let p = Page::parse(PAGE);
        assert_eq!(p.text(), "Hello there a b two long text Go");
        assert_eq!(p.title(), "หน้า");
        assert_eq!(p.lang(), "th");
        assert_eq!(p.one("h1").text, "Hello there");
        assert_eq!(p.texts("td"), ["a", "b"]);
        let row = p.one("tr");
        assert_eq!(row.texts("td"), ["a", "b"], "inside an element found first");
        assert_eq!(p.count("td"), 2);
        assert!(!p.has("nav"));
    }

    #[test]
    fn a_form_submits_what_a_browser_would() {
        let p = Page::parse(PAGE);
        let fields = p.form("#f");
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            pairs,
            [
                ("csrf", "t"),
                ("q", "x y"),
                ("on", "on"),
                ("s", "2"),
                ("t", "long text")
            ]
        );
    }
}
