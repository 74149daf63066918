//! One section per area: heading, map, and the list of its places.

use super::*;

/// One area: heading, map, and its places.
pub(crate) fn area_section(
    l: &mut Layout,
    data: &BookletData,
    index: usize,
    area: &BookletArea,
    number: &mut usize,
) -> Result<(), BookletError> {
    let lang = data.lang;
    let letter = area_letter(index);
    let title = area_title(area);
    let header = format!("{letter} · {title}");
    let continued = format!("{header} {}", K::Continued.get(lang));
    l.header(&header)?;

    // Heading: the area's letter, name and count of places.
    let base = l.y - 20.0;
    let mut heading = Tag::new(Role::H2, None);
    l.open(&mut heading);
    l.badge(LEFT + 11.0, base + 5.0, 11.0, NAVY, &letter, 12.0)?;
    let count = K::PlaceCount.with(lang, &[("n", &area.places.len().to_string())]);
    let w = l.text_at(&[(&title, style(17.0, true, BLACK))], LEFT + 30.0, base)?;
    l.text_at(&[(&count, style(10.0, false, GREY))], LEFT + 30.0 + w + 10.0, base)?;
    l.close();
    l.tags.push(heading);
    l.y = base - 12.0;

    // Map.
    let first = *number;
    let map_h = 250.0;
    if let Some(geo) = GeoBox::around(
        area.places
            .iter()
            .map(|p| (p.fields.position.lon(), p.fields.position.lat())),
    ) {
        let frame = Frame::new(LEFT, l.y - map_h, TEXT_W, map_h, geo.padded(0.12, 0.02));
        let land = l.land;
        // The map with its numbered dots, inset and scale bar: one figure.
        let alt = K::MapAlt.with(lang, &[("area", &title)]);
        let mut figure = Tag::new(Role::Figure, None).with_alt(alt);
        l.open(&mut figure);
        frame.draw_base(l.page(), land, SEA, GROUND);
        let markers: Vec<(f32, f32, f32)> = area
            .places
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let (x, y) = frame.project(p.fields.position.lon(), p.fields.position.lat());
                (x, y, if first + k < 100 { 6.5 } else { 8.0 })
            })
            .collect();
        let spots = spread(&markers, &frame);
        // Markers moved off a crowded spot get a leader line to where the place is.
        for (k, p) in area.places.iter().enumerate() {
            let (x, y, _) = markers[k];
            let (bx, by) = spots[k];
            if (bx, by) != (x, y) {
                let colour = level_colour(Level::of(p, data.today));
                let c = l.page();
                c.set_stroke_rgb(0.25, 0.25, 0.3);
                c.set_line_width(0.6);
                c.move_to(x, y);
                c.line_to(bx, by);
                c.stroke();
                c.set_fill_rgb(colour[0], colour[1], colour[2]);
                circle(c, x, y, 1.8);
                c.fill_nonzero();
            }
        }
        for (k, p) in area.places.iter().enumerate() {
            let n = first + k;
            let size = if n < 100 { 6.8 } else { 6.0 };
            let (bx, by) = spots[k];
            let colour = level_colour(Level::of(p, data.today));
            l.badge(bx, by, markers[k].2, colour, &n.to_string(), size)?;
        }
        locator(l, data, &frame)?;
        scale_bar(l, &frame)?;
        l.close();
        l.tags.push(figure);
        l.y -= map_h + 12.0;
        let mut caption = Tag::new(Role::P, None);
        l.open(&mut caption);
        l.text_at(&[(K::MapCaption.get(lang), style(8.0, false, GREY))], LEFT, l.y)?;
        l.close();
        l.tags.push(caption);
        l.y -= 10.0;
    }

    // The places: a list, each place's number its label.
    let mut list = Tag::new(Role::L, None);
    for p in &area.places {
        list.kids.push(entry(l, data, p, *number, &continued)?);
        *number += 1;
    }
    l.tags.push(list);
    Ok(())
}

pub(crate) const NAVY: Rgb = [0.12, 0.2, 0.36];

/// Where to draw round markers `(x, y, radius)` so that none hides another:
/// each in turn at its own point if free, else at the nearest free spot on
/// rings around it (inside the frame); the first ones keep their points.
pub(crate) fn spread(markers: &[(f32, f32, f32)], frame: &Frame) -> Vec<(f32, f32)> {
    let mut placed: Vec<(f32, f32, f32)> = Vec::with_capacity(markers.len());
    let inside = |x: f32, y: f32, r: f32| {
        x - r >= frame.x && x + r <= frame.x + frame.w && y - r >= frame.y && y + r <= frame.y + frame.h
    };
    for &(x, y, r) in markers {
        let free = |cx: f32, cy: f32, placed: &[(f32, f32, f32)]| {
            placed
                .iter()
                .all(|&(px, py, pr)| (px - cx).hypot(py - cy) >= pr + r + 0.8)
        };
        let mut spot = (x, y);
        if !free(x, y, &placed) {
            'rings: for ring in 1..=8 {
                let d = 2.0 * r * ring as f32 + 2.0;
                let steps = 8 * ring;
                for k in 0..steps {
                    // Start up and to the right, go round.
                    let a = std::f32::consts::FRAC_PI_4 + k as f32 * std::f32::consts::TAU / steps as f32;
                    let (cx, cy) = (x + d * a.cos(), y + d * a.sin());
                    if inside(cx, cy, r) && free(cx, cy, &placed) {
                        spot = (cx, cy);
                        break 'rings;
                    }
                }
            }
        }
        placed.push((spot.0, spot.1, r));
    }
    placed.into_iter().map(|(x, y, _)| (x, y)).collect()
}

/// A small map of the whole region in the corner, with the area outlined.
pub(crate) fn locator(l: &mut Layout, data: &BookletData, area: &Frame) -> Result<(), BookletError> {
    let all = GeoBox::around(
        data.areas
            .iter()
            .flat_map(|a| a.places.iter())
            .map(|p| (p.fields.position.lon(), p.fields.position.lat())),
    );
    let Some(all) = all else { return Ok(()) };
    let region = all.padded(0.15, 3.0);
    if area.geo.north - area.geo.south > (region.north - region.south) * 0.4 {
        return Ok(());
    }
    let (w, h) = (104.0, 78.0);
    let inset = Frame::new(area.x + area.w - w - 6.0, area.y + area.h - h - 6.0, w, h, region);
    let land = l.land;
    let c = l.page();
    c.set_fill_rgb(1.0, 1.0, 1.0);
    c.rect(inset.x - 1.5, inset.y - 1.5, inset.w + 3.0, inset.h + 3.0);
    c.fill_nonzero();
    inset.draw_base(c, land, SEA, GROUND);
    let (x0, y0) = inset.project(area.geo.west, area.geo.south);
    let (x1, y1) = inset.project(area.geo.east, area.geo.north);
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let (hw, hh) = (((x1 - x0) / 2.0).max(2.5), ((y1 - y0) / 2.0).max(2.5));
    c.set_stroke_rgb(RED[0], RED[1], RED[2]);
    c.set_line_width(1.2);
    c.rect(cx - hw, cy - hh, hw * 2.0, hh * 2.0);
    c.stroke();
    Ok(())
}

/// A scale bar in the map's lower left corner.
pub(crate) fn scale_bar(l: &mut Layout, frame: &Frame) -> Result<(), BookletError> {
    let mpp = frame.metres_per_point();
    let target = mpp * f64::from(frame.w) / 5.0;
    let mut nice = 10f64.powf(target.log10().floor());
    for m in [5.0, 2.0, 1.0] {
        if nice * m <= target {
            nice *= m;
            break;
        }
    }
    #[allow(clippy::cast_possible_truncation)]
    let len = (nice / mpp) as f32;
    let label = if nice >= 1000.0 {
        format!("{} km", nice / 1000.0)
    } else {
        format!("{nice} m")
    };
    let (x, y) = (frame.x + 8.0, frame.y + 8.0);
    let g = l.glyphs(&[(&label, style(7.0, false, BLACK))])?;
    let c = l.page();
    c.set_fill_rgb(1.0, 1.0, 1.0);
    c.rect(x - 3.0, y - 3.0, len + width(&g) + 12.0, 12.0);
    c.fill_nonzero();
    c.set_stroke_rgb(0.1, 0.1, 0.1);
    c.set_line_width(1.2);
    c.move_to(x, y + 3.0);
    c.line_to(x + len, y + 3.0);
    c.stroke();
    c.set_line_width(0.8);
    for bx in [x, x + len] {
        c.move_to(bx, y);
        c.line_to(bx, y + 6.0);
    }
    c.stroke();
    draw_line(c, &g, x + len + 5.0, y + 1.0);
    Ok(())
}

/// One place in the list: its list item (`LI`: the number as `Lbl`, the
/// text as `LBody`).
pub(crate) fn entry(
    l: &mut Layout,
    data: &BookletData,
    p: &Place,
    n: usize,
    header: &str,
) -> Result<Tag, BookletError> {
    let lang = data.lang;
    let t = |k: K| k.get(lang);
    let f = &p.fields;
    let level = Level::of(p, data.today);
    let colour = level_colour(level);
    let (name, ja) = names_of(p, lang, &l.shaper);
    let w = RIGHT - ENTRY_X;
    let body = style(9.0, false, BLACK);
    let dot = (" · ", style(9.0, false, GREY));
    let mut b = Block::new();

    let g = l.glyphs(&[(&name, style(11.0, true, BLACK))])?;
    b.add(&g, ENTRY_X, w, LEADING);
    if let Some(ja) = &ja {
        let g = l.glyphs(&[(ja, style(9.0, false, GREY))])?;
        b.add(&g, ENTRY_X, w, LEADING);
    }
    // The chain and branch in the booklet's language (another one marked).
    let chain = match (&f.chain, &f.branch) {
        (Some(c), Some(br)) => Some(K::ChainBranch.with(
            lang,
            &[
                ("chain", &i18n::local_text(lang, c)),
                ("branch", &i18n::local_text(lang, br)),
            ],
        )),
        (Some(c), None) => Some(K::Chain.with(lang, &[("chain", &i18n::local_text(lang, c))])),
        _ => None,
    };
    if let Some(c) = &chain {
        let g = l.glyphs_drawable(&[(c, style(9.0, false, GREY))])?;
        b.add(&g, ENTRY_X, w, LEADING);
    }

    let mut line: Vec<(&str, Style)> = vec![
        (t(category_key(f.category)), body),
        dot,
        (t(level.name()), style(9.0, true, colour)),
    ];
    if f.source.kind() == SourceKind::Demo {
        line.push(dot);
        line.push((t(K::DemoTag), style(8.5, false, GREY)));
    }
    let g = l.glyphs(&line)?;
    b.add(&g, ENTRY_X, w, LEADING);

    if let Some(cert) = f.halal.certificate() {
        let template = match cert.status(data.today) {
            CertificateStatus::Valid | CertificateStatus::Expiring => K::CertifiedBy,
            CertificateStatus::Expired => K::CertExpired,
            CertificateStatus::NotYetValid => K::CertNotYet,
        };
        let text = template.with(
            lang,
            &[
                ("certifier", cert.certifier().as_str()),
                ("number", cert.number().as_str()),
                ("from", &local_date(lang, cert.valid_from())),
                ("until", &local_date(lang, cert.valid_until())),
            ],
        );
        let g = l.glyphs(&[(&text, style(9.0, false, colour))])?;
        b.add(&g, ENTRY_X, w, LEADING);
    }

    let sep = t(K::ListSeparator);
    let mut facilities = Vec::new();
    for (has, k) in [
        (f.prayer.prayer_space, K::FacPrayerSpace),
        (f.prayer.wudu, K::FacWudu),
        (f.prayer.women_space, K::FacWomen),
        (f.prayer.qibla_marked, K::FacQibla),
        (f.prayer.mats, K::FacMats),
    ] {
        if has {
            facilities.push(t(k));
        }
    }
    let facilities = facilities.join(sep);
    let mut line: Vec<(&str, Style)> = Vec::new();
    match f.alcohol_served {
        Some(true) => line.push((t(K::AlcoholYes), body)),
        Some(false) => line.push((t(K::AlcoholNo), body)),
        None => {}
    }
    if !facilities.is_empty() {
        if !line.is_empty() {
            line.push(dot);
        }
        line.push((t(K::Prayer), style(9.0, true, BLACK)));
        line.push((&facilities, body));
    }
    if !line.is_empty() {
        let g = l.glyphs(&line)?;
        b.add(&g, ENTRY_X, w, LEADING);
    }

    let address = f.address.as_ref().map(|a| a.as_str().to_owned());
    let phone = f.phone.as_ref().map(|a| a.as_str().to_owned());
    let mut line: Vec<(&str, Style)> = Vec::new();
    if let Some(a) = &address {
        line.push((t(K::Address), style(9.0, false, GREY)));
        line.push((a, body));
    }
    if let Some(ph) = &phone {
        if !line.is_empty() {
            line.push(dot);
        }
        line.push((t(K::Phone), style(9.0, false, GREY)));
        line.push((ph, body));
    }
    if !line.is_empty() {
        let g = l.glyphs_drawable(&line)?;
        b.add(&g, ENTRY_X, w, LEADING);
    }

    let hours = f.opening_hours.as_ref().map(|h| {
        readable_hours(h.as_str(), f.position.lat(), f.position.lon(), data.today, lang)
            .unwrap_or_else(|| h.as_str().to_owned())
    });
    let verified = f
        .last_verified
        .map(|d| K::Verified.with(lang, &[("date", &local_date(lang, d))]));
    let stale = format!(" ({})", t(K::Stale));
    let mut line: Vec<(&str, Style)> = Vec::new();
    if let Some(h) = &hours {
        line.push((t(K::Hours), style(9.0, false, GREY)));
        line.push((h, body));
        line.push(dot);
    }
    match &verified {
        Some(v) => {
            line.push((v, style(8.5, false, GREY)));
            if f.is_stale(data.today) {
                line.push((&stale, style(8.5, false, RED)));
            }
        }
        None => line.push((t(K::NeverVerified), style(8.5, false, RED))),
    }
    let g = l.glyphs_drawable(&line)?;
    b.add(&g, ENTRY_X, w, LEADING);

    // Keep the entry on one page.
    if l.y - b.height - 8.0 < BOTTOM && l.y < TOP {
        l.new_page();
        l.header(header)?;
    }
    let top = l.y;
    let label = n.to_string();
    let (r, size) = if n < 100 { (9.0, 8.5) } else { (10.5, 7.5) };
    let (mut item, mut lbl, mut body) = (
        Tag::new(Role::LI, None),
        Tag::new(Role::Lbl, None),
        Tag::new(Role::LBody, None),
    );
    l.open(&mut lbl);
    l.badge(LEFT + 10.0, top - 9.0, r, colour, &label, size)?;
    l.close();
    l.open(&mut body);
    let below = b.draw(l.page(), top, LEADING);
    l.close();
    let c = l.artifact();
    c.set_stroke_rgb(0.85, 0.86, 0.88);
    c.set_line_width(0.5);
    c.move_to(ENTRY_X, below - 4.0);
    c.line_to(RIGHT, below - 4.0);
    c.stroke();
    l.close();
    l.y = below - 9.0;
    item.kids = vec![lbl, body];
    Ok(item)
}

impl Layout<'_> {
    /// Glyphs for data that may hold characters no font has: those of
    /// scripts the booklet knows still need their font (an error names it);
    /// others are drawn as `?`.
    pub(crate) fn glyphs_drawable(&mut self, spans: &[(&str, Style)]) -> Result<Vec<Glyph>, BookletError> {
        self.glyphs(spans)
    }
}
