use super::*;

#[derive(Template)]
#[template(path = "console/dashboard.html")]
pub(crate) struct Dashboard<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) today: String,
    pub(crate) this_year: String,
    pub(crate) trainees: String,
    pub(crate) trainees_label: String,
    pub(crate) countries: String,
    pub(crate) countries_label: String,
    pub(crate) courses: String,
    pub(crate) courses_label: String,
    pub(crate) editions: String,
    pub(crate) editions_label: String,
    pub(crate) since: String,
    /// Volunteers' documents expiring soon (issue 13).
    pub(crate) expiring: Vec<crate::pages::volunteers::ExpiringLine>,
}

pub(crate) async fn dashboard(State(s): State<WebState>, ctx: Ctx) -> Response {
    guard!(ctx.require_staff());
    let today = s.app.today();
    let fy = FiscalYear::containing(today);
    let report = ok_or_page!(&ctx, s.app.trainee_report(&TraineeFilter::default()).await);
    let courses = ok_or_page!(&ctx, training_courses(&s).await).len() as i64;
    let (_, editions) = ok_or_page!(
        &ctx,
        s.app
            .list::<Edition>(&one("fiscal_year", fy.year()), Page { limit: 1, offset: 0 })
            .await
    );
    let trainees = i64::try_from(report.trainees).unwrap_or(i64::MAX);
    let countries = i64::try_from(report.countries).unwrap_or(i64::MAX);
    let expiring = crate::pages::volunteers::expiring_lines(&s, &ctx).await;
    let page = Dashboard {
        ctx: &ctx,
        expiring,
        today: ctx.date(&today),
        this_year: ctx.fy(&fy.year()),
        trainees: ctx.num(trainees),
        trainees_label: ctx.tn("console-dash-trainees", "count", trainees),
        countries: ctx.num(countries),
        countries_label: ctx.tn("console-dash-countries", "count", countries),
        courses: ctx.num(courses),
        courses_label: ctx.tn("console-dash-courses", "count", courses),
        editions: ctx.num(editions),
        editions_label: ctx.tn("console-dash-editions", "count", editions),
        since: report
            .first_fiscal_year
            .map(|y| ctx.fy(&y))
            .unwrap_or_else(|| "—".into()),
    };
    render(&ctx, &page)
}
