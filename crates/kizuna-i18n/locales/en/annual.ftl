# The annual report (issue 15 item 5): kizuna report annual, /console/reports/annual
annual-title = Annual report { $year }
annual-page-title = Annual report
annual-trainees = Trainees
annual-trainees-cumulative = { $trainees } { $trainees ->
    [one] trainee
   *[other] trainees
} from { $countries } { $countries ->
    [one] country
   *[other] countries
} cumulative as of { $date } (counted since { $since }).
annual-trainees-year = In { $year }: { $trainees } { $trainees ->
    [one] trainee
   *[other] trainees
} from { $countries } { $countries ->
    [one] country
   *[other] countries
}, { $new } of them new.
annual-chart-cumulative = Trainees by fiscal year
annual-chart-cumulative-key = line: cumulative trainees; bars: trainees of each year
annual-chart-regions = The year's trainees by region
annual-countries = Countries of the year's trainees
annual-courses = Courses
annual-col-course = Course
annual-col-period = Period
annual-col-trainees = Trainees
annual-col-date = Date
annual-col-title = Title
annual-col-from = From
annual-col-where = Where
annual-col-venue = Venue
annual-col-visitor = Visitor
annual-col-recipient = Recipient ← given by
annual-col-origin = From
annual-col-destination = To
annual-col-visitors = Visitors
annual-col-months = Months
annual-col-stage = Stage of the figures
annual-delegations = Delegations received
annual-dispatches = Dispatches abroad
annual-symposiums = Symposiums
annual-courtesy-calls = Courtesy calls
annual-awards = Awards
annual-volunteers = Volunteers
annual-volunteers-summary = { $volunteers } { $volunteers ->
    [one] volunteer
   *[other] volunteers
} in { $placements } { $placements ->
    [one] placement
   *[other] placements
}; { $hours } hours of work approved ({ $entries } { $entries ->
    [one] entry
   *[other] entries
}).
annual-outcomes = Partnership outcomes
annual-side-japan = On the Japanese side
annual-side-partner = On the partner side
annual-side-both = On both sides
annual-chains = Causal chains
annual-tourism = Tourism: visitor flows
annual-stage-footnote = Each total adds up the figures of the year's months at the stage they have now (preliminary, provisional or definitive); a later stage may still change them.
annual-photos = Photos
annual-none = None recorded.
annual-made-from-records = Assembled by Kizuna from the records; the trainee figures are the statistics' as of the fiscal year's last day.
annual-form-fy = Fiscal year
annual-form-lang = Language of the report
annual-form-show = Show
annual-download-pdf = Download PDF
annual-download-json = Download JSON
annual-download-html = Download HTML
annual-error-fy = Write a fiscal year such as 2007, FY2007 or 平成19年度.
