//! The cover: title, overview map, contents, legend and notes.

use kizuna_domain::common::Text;

use super::*;

/// The cover: title, overview map, contents, legend, notes.
pub(crate) fn cover(l: &mut Layout, data: &BookletData) -> Result<(), BookletError> {
    let lang = data.lang;
    let t = |k: K| k.get(lang);
    l.y = TOP - 8.0;
    l.paragraph_as(Role::H1, &[(t(K::Title), style(26.0, true, NAVY))], LEFT, None)?;
    l.space(2.0);
    l.paragraph(&[(t(K::Subtitle), style(13.0, false, BLACK))], LEFT, None)?;
    l.space(4.0);
    let made = K::Generated.with(lang, &[("date", &local_date(lang, data.today))]);
    let counts = K::Counts.with(
        lang,
        &[
            ("places", &data.place_count().to_string()),
            ("areas", &data.areas.len().to_string()),
        ],
    );
    l.paragraph(
        &[
            (&made, style(10.0, false, GREY)),
            ("  ·  ", style(10.0, false, GREY)),
            (&counts, style(10.0, false, GREY)),
        ],
        LEFT,
        None,
    )?;
    l.space(10.0);

    // Overview map with the areas lettered.
    let all = GeoBox::around(
        data.areas
            .iter()
            .flat_map(|a| a.places.iter())
            .map(|p| (p.fields.position.lon(), p.fields.position.lat())),
    );
    match all {
        Some(all) => {
            let h = 270.0;
            let frame = Frame::new(LEFT, l.y - h, TEXT_W, h, all.padded(0.08, 0.5));
            let land = l.land;
            // The map, its dots, letters and scale bar: one figure.
            let mut figure = Tag::new(Role::Figure, None).with_alt(t(K::OverviewAlt));
            l.open(&mut figure);
            frame.draw_base(l.page(), land, SEA, GROUND);
            for a in &data.areas {
                for p in &a.places {
                    let (x, y) = frame.project(p.fields.position.lon(), p.fields.position.lat());
                    let col = level_colour(Level::of(p, data.today));
                    let c = l.page();
                    c.set_fill_rgb(col[0], col[1], col[2]);
                    c.set_stroke_rgb(1.0, 1.0, 1.0);
                    c.set_line_width(0.4);
                    circle(c, x, y, 2.4);
                    c.fill_nonzero_and_stroke();
                }
            }
            let letters: Vec<(f32, f32, f32)> = data
                .areas
                .iter()
                .map(|a| {
                    let n = a.places.len() as f64;
                    let lon = a.places.iter().map(|p| p.fields.position.lon()).sum::<f64>() / n;
                    let lat = a.places.iter().map(|p| p.fields.position.lat()).sum::<f64>() / n;
                    let (x, y) = frame.project(lon, lat);
                    (x + 9.0, y + 9.0, 7.5)
                })
                .collect();
            for (i, (x, y)) in spread(&letters, &frame).into_iter().enumerate() {
                l.badge(x, y, 7.5, NAVY, &area_letter(i), 8.5)?;
            }
            scale_bar(l, &frame)?;
            l.close();
            l.tags.push(figure);
            l.y -= h + 14.0;
        }
        None => {
            l.paragraph(&[(t(K::NoPlaces), style(12.0, false, BLACK))], LEFT, None)?;
        }
    }

    // Contents.
    if !data.areas.is_empty() {
        l.paragraph_as(Role::H2, &[(t(K::Contents), style(14.0, true, NAVY))], LEFT, None)?;
        l.space(2.0);
        // A list: each area's letter (its label), name, count and page.
        let mut list = Tag::new(Role::L, None);
        for (i, a) in data.areas.iter().enumerate() {
            let count = K::PlaceCount.with(lang, &[("n", &a.places.len().to_string())]);
            let title = area_title(a);
            let page = l.area_pages.get(i).copied().unwrap_or(0).to_string();
            let g = l.glyphs(&[
                (&title, style(10.5, false, BLACK)),
                ("  ", style(10.5, false, BLACK)),
                (&count, style(9.0, false, GREY)),
            ])?;
            let pg = l.glyphs(&[(&page, style(10.5, false, BLACK))])?;
            let mut b = Block::new();
            b.add(&g, ENTRY_X, RIGHT - ENTRY_X - 40.0, LEADING);
            if l.y - b.height < BOTTOM {
                l.new_page();
            }
            let top = l.y;
            let (mut item, mut label, mut body) = (
                Tag::new(Role::LI, None),
                Tag::new(Role::Lbl, None),
                Tag::new(Role::LBody, None),
            );
            l.open(&mut label);
            l.badge(LEFT + 10.0, top - 7.8, 7.0, NAVY, &area_letter(i), 8.0)?;
            l.close();
            l.open(&mut body);
            let below = b.draw(l.page(), top, LEADING);
            let pw = width(&pg);
            let first_line = b
                .lines
                .first()
                .map(|(_, g)| g.iter().map(|x| x.style.size).fold(0.0, f32::max))
                .unwrap_or(10.5);
            draw_line(
                l.page(),
                &pg,
                RIGHT - pw,
                top - first_line * LEADING + first_line * 0.5 * (LEADING - 1.0) + first_line * 0.22,
            );
            l.close();
            item.kids = vec![label, body];
            list.kids.push(item);
            l.y = below - 2.0;
        }
        l.tags.push(list);
        l.space(10.0);
    }

    // Legend.
    l.paragraph_as(Role::H2, &[(t(K::LegendTitle), style(14.0, true, NAVY))], LEFT, None)?;
    l.space(2.0);
    // A list of the levels: the coloured dot is decoration (an artifact),
    // the level's name is bold in its colour.
    let mut list = Tag::new(Role::L, None);
    for level in Level::ALL {
        let colour = level_colour(level);
        let g = l.glyphs(&[(t(level.name()), style(10.0, true, colour))])?;
        let note = l.glyphs(&[(t(level.note()), style(9.0, false, BLACK))])?;
        let mut b = Block::new();
        b.add(&g, ENTRY_X, RIGHT - ENTRY_X, LEADING);
        b.add(&note, ENTRY_X, RIGHT - ENTRY_X, LEADING);
        if l.y - b.height < BOTTOM {
            l.new_page();
        }
        let top = l.y;
        let c = l.artifact();
        c.set_fill_rgb(colour[0], colour[1], colour[2]);
        circle(c, LEFT + 10.0, top - 8.0, 5.5);
        c.fill_nonzero();
        l.close();
        let (mut item, mut body) = (Tag::new(Role::LI, None), Tag::new(Role::LBody, None));
        l.open(&mut body);
        l.y = b.draw(l.page(), top, LEADING) - 4.0;
        l.close();
        item.kids.push(body);
        list.kids.push(item);
    }
    l.tags.push(list);
    l.space(6.0);

    // Notes.
    let small = style(8.5, false, GREY);
    let check = K::CheckNote.with(lang, &[("date", &local_date(lang, data.today))]);
    l.paragraph(&[(&check, small)], LEFT, None)?;
    let places = || data.areas.iter().flat_map(|a| a.places.iter());
    if places().any(|p| p.fields.source.kind() == SourceKind::Demo) {
        l.paragraph(&[(t(K::DemoNote), small)], LEFT, None)?;
    }
    if places().any(|p| p.fields.source.kind() == SourceKind::Openstreetmap) {
        let osm = K::OsmNote.with(lang, &[("attribution", OSM_ATTRIBUTION)]);
        l.paragraph(&[(&osm, small)], LEFT, None)?;
    }
    let mut sources: Vec<&str> = places()
        .filter(|p| p.fields.source.kind() != SourceKind::Openstreetmap)
        .filter_map(|p| p.fields.attribution.as_ref().map(Text::as_str))
        .collect();
    sources.sort_unstable();
    sources.dedup();
    if !sources.is_empty() {
        let text = K::SourcesNote.with(lang, &[("sources", &sources.join("; "))]);
        let g = l.glyphs_drawable(&[(&text, small)])?;
        let mut b = Block::new();
        b.add(&g, LEFT, TEXT_W, LEADING);
        let mut p = Tag::new(Role::P, None);
        l.place(&b, None, &mut p)?;
        l.tags.push(p);
    }
    if l.land.is_some() {
        l.paragraph(&[(t(K::LandNote), small)], LEFT, None)?;
    }
    Ok(())
}
