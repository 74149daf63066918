use super::*;

pub(crate) struct RoleLine {
    pub(crate) fy: String,
    pub(crate) course: String,
    pub(crate) role: String,
    pub(crate) status: Badge,
    pub(crate) edition_id: Id,
    pub(crate) edition_key: String,
}

#[derive(Template)]
#[template(path = "console/person.html")]
pub(crate) struct PersonPage<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) id: Id,
    pub(crate) name: String,
    pub(crate) native: String,
    pub(crate) kana: String,
    pub(crate) gender: String,
    pub(crate) nationality: String,
    pub(crate) organisation: String,
    pub(crate) position: String,
    pub(crate) personal: bool,
    pub(crate) birth_date: String,
    pub(crate) email: String,
    pub(crate) roles: Vec<RoleLine>,
    pub(crate) roles_count: String,
    pub(crate) links: bool,
}

pub(crate) async fn person_page(
    State(s): State<WebState>,
    ctx: Ctx,
    acting: crate::acting::Acting,
    Path(id): Path<String>,
) -> Response {
    let user = match ctx.require_user() {
        Ok(u) => u.clone(),
        Err(r) => return r,
    };
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    // Read as the signed-in account: the view is logged in the audit log.
    let person = ok_or_page!(&ctx, acting.get::<Person>(id).await);
    // A partner sees only the people of their own organisation.
    if !user.role.can_write()
        && (user.organisation_id.is_none() || person.fields.organisation_id != user.organisation_id)
    {
        return message(&ctx, StatusCode::FORBIDDEN, "forbidden-title", "forbidden-body");
    }
    let roles = ok_or_page!(&ctx, s.app.roles_of(id).await);
    let organisation = match person.fields.organisation_id {
        Some(o) => match s.app.get::<Organisation>(o).await {
            Ok(o) => ctx.local(&o.fields.name),
            Err(_) => String::new(),
        },
        None => String::new(),
    };
    // Course titles in the page's language.
    let mut titles: HashMap<Id, String> = HashMap::new();
    for r in &roles {
        if let std::collections::hash_map::Entry::Vacant(slot) = titles.entry(r.programme_id) {
            slot.insert(match s.app.get::<Programme>(r.programme_id).await {
                Ok(p) => course_title(&ctx, &p),
                Err(_) => ctx.local(&r.programme_title),
            });
        }
    }
    let opt_text = |t: &Option<Text>| t.as_ref().map(ToString::to_string).unwrap_or_default();
    let personal = ctx.is_staff();
    let x = &person.fields;
    let page = PersonPage {
        ctx: &ctx,
        id,
        name: person_name(&person),
        native: opt_text(&x.name_native),
        kana: opt_text(&x.name_kana),
        gender: label(&ctx, "gender", x.gender.as_str()),
        nationality: format!("{} ({})", country_name(&ctx, x.nationality), x.nationality),
        organisation,
        position: opt_text(&x.position),
        personal,
        birth_date: if personal {
            x.birth_date.map(|d| ctx.date(&d)).unwrap_or_default()
        } else {
            String::new()
        },
        email: if personal { opt_text(&x.email) } else { String::new() },
        roles_count: ctx.tn("console-person-roles-count", "count", roles.len() as i64),
        roles: roles
            .iter()
            .map(|r| RoleLine {
                fy: ctx.fy(&r.fiscal_year),
                course: titles.get(&r.programme_id).cloned().unwrap_or_default(),
                role: label(&ctx, "role", r.role.as_str()),
                status: status_badge(&ctx, r.status),
                edition_id: r.edition_id,
                edition_key: r.edition_key.clone(),
            })
            .collect(),
        links: ctx.is_staff(),
    };
    render(&ctx, &page)
}

pub(crate) fn people_routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
}
