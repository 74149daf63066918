//! A completion certificate: an A4 page in Japanese and a second language
//! (English, or the trainee's Thai or Malay), each paragraph tagged with
//! its language, the number, the course, the fiscal year, the period and
//! the issue date, and a QR code of the verify URL drawn as vector squares
//! (a `Figure` with its alternative text). Laid out by the engine's flow.

use chrono::NaiveDate;
use kizuna_domain::common::{FiscalYear, LocalText};
use kizuna_i18n::{self as i18n, FluentValue, Lang};

use crate::engine::{A4, Align, DocError, DocMeta, Flow, FlowPage, Fonts, Item, Square};

/// What a certificate says.
#[derive(Debug, Clone)]
pub struct CertificateDoc {
    /// The language beside Japanese (English, Thai or Malay).
    pub second: Lang,
    /// The trainee's name as printed.
    pub name: String,
    pub course: LocalText,
    pub fiscal_year: FiscalYear,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub number: String,
    pub issued_on: NaiveDate,
    pub verify_url: String,
    pub issuer: String,
    /// Revoked certificates are still printed, marked so.
    pub revoked: bool,
}

/// Why a QR code could not be made (a URL too long for one).
#[derive(Debug, thiserror::Error)]
pub enum CertificateError {
    #[error(transparent)]
    Doc(#[from] DocError),
    #[error("the verify URL cannot be drawn as a QR code: {0}")]
    Qr(String),
}

fn msg(lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    i18n::message(lang, id, args)
}

/// The QR code of `url` (error correction M) as its dark modules.
pub fn qr_squares(url: &str) -> Result<(u32, Vec<Square>), CertificateError> {
    let code = qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| CertificateError::Qr(e.to_string()))?;
    let w = code.width();
    let squares = code
        .to_colors()
        .into_iter()
        .enumerate()
        .filter(|(_, c)| *c == qrcode::Color::Dark)
        .map(|(i, _)| Square {
            col: u32::try_from(i % w).unwrap_or(0),
            row: u32::try_from(i / w).unwrap_or(0),
        })
        .collect();
    Ok((u32::try_from(w).unwrap_or(0), squares))
}

/// The certificate's PDF.
pub fn render(doc: &CertificateDoc, fonts: &Fonts) -> Result<Vec<u8>, CertificateError> {
    let langs = [Lang::Ja, doc.second];
    let mut items = Vec::new();
    let para = |lang: Lang, text: String, size: f32, bold: bool, grey: bool| Item::Paragraph {
        text,
        lang: lang.code().to_owned(),
        size,
        bold,
        align: Align::Center,
        grey,
    };
    for (i, lang) in langs.iter().enumerate() {
        items.push(Item::Heading {
            level: if i == 0 { 1 } else { 2 },
            text: msg(*lang, "cert-title", &[]),
            lang: lang.code().to_owned(),
            size: if i == 0 { 30.0 } else { 18.0 },
            align: Align::Center,
        });
    }
    items.push(Item::Space(18.0));
    items.push(para(Lang::En, doc.name.clone(), 22.0, true, false));
    items.push(Item::Space(10.0));
    for lang in langs {
        let body = msg(lang, "cert-body", &[("name", FluentValue::from(doc.name.as_str()))]);
        items.push(para(lang, body, 11.5, false, false));
    }
    items.push(Item::Space(14.0));
    for lang in langs {
        items.push(para(lang, i18n::local_text(lang, &doc.course), 16.0, true, false));
    }
    items.push(Item::Space(14.0));
    let rows = |lang: Lang| {
        let mut r = vec![
            vec![
                msg(lang, "cert-fiscal-year", &[]),
                i18n::fiscal_year(lang, doc.fiscal_year),
            ],
            vec![
                msg(lang, "cert-period", &[]),
                format!(
                    "{} – {}",
                    i18n::date_long(lang, doc.starts_on),
                    i18n::date_long(lang, doc.ends_on)
                ),
            ],
            vec![msg(lang, "cert-number", &[]), doc.number.clone()],
            vec![msg(lang, "cert-issued-on", &[]), i18n::date_long(lang, doc.issued_on)],
        ];
        if doc.revoked {
            r.push(vec![
                msg(lang, "cert-status", &[]),
                msg(lang, "cert-status-revoked", &[]),
            ]);
        }
        r
    };
    for lang in langs {
        items.push(Item::Table {
            header: Vec::new(),
            rows: rows(lang),
            lang: lang.code().to_owned(),
            size: 10.0,
        });
        items.push(Item::Space(8.0));
    }
    let (grid, squares) = qr_squares(&doc.verify_url)?;
    items.push(Item::Figure {
        alt: format!("{} {}", msg(Lang::Ja, "cert-qr", &[]), doc.verify_url),
        lang: "ja".into(),
        grid,
        squares,
        side: 96.0,
        align: Align::Center,
    });
    for lang in langs {
        let url = FluentValue::from(doc.verify_url.as_str());
        items.push(para(
            lang,
            msg(lang, "cert-verify-at", &[("url", url)]),
            8.5,
            false,
            true,
        ));
    }
    for lang in langs {
        let issuer = FluentValue::from(doc.issuer.as_str());
        items.push(para(
            lang,
            msg(lang, "cert-issuer", &[("issuer", issuer)]),
            9.0,
            false,
            true,
        ));
    }
    let flow = Flow {
        fonts,
        meta: DocMeta {
            title: format!(
                "{} {} — {}",
                msg(Lang::Ja, "cert-title", &[]),
                doc.number,
                msg(doc.second, "cert-title", &[])
            ),
            author: Some(doc.issuer.clone()),
            subject: Some(i18n::local_text(Lang::Ja, &doc.course)),
            lang: "ja".into(),
            width: A4.0,
            height: A4.1,
        },
        page: FlowPage { frame: true },
    };
    Ok(flow.render(&items)?)
}
