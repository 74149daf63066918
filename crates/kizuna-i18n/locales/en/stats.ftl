# Statistics pages: /statistics (public), /console/statistics and its
# drill-down /console/statistics/people (staff).

stats-title = Statistics
stats-lead = Trainees the office has accepted into its training courses, each counted once however many courses they took: by the fiscal year of their course, by region and by country of nationality. The figures contain no personal data.
stats-filters = Choose the figures
stats-as-of-label = As of
stats-show = Show
stats-invalid-date = Enter the date as year-month-day, for example 2008-03-31.
stats-invalid-value = This choice is not recognised; pick one from the list.
stats-as-of-heading = Figures as of { $date }
stats-trainees-total = { $count ->
    [one] trainee accepted
   *[other] trainees accepted
}
stats-countries-total = { $count ->
    [one] country or region
   *[other] countries and regions
}
stats-first-year = first fiscal year

## Charts (drawn by assets/stats.js; the summaries are their text alternatives)

stats-charts-heading = Charts
stats-chart-years-title = Trainees per fiscal year, by region
stats-chart-years-summary = Bar chart of trainees per fiscal year from { $first } to { $last }, stacked by region. The busiest year was { $peak }, with { $count ->
    [one] { $formatted } trainee
   *[other] { $formatted } trainees
}. The figures are in the tables below.
stats-chart-map-title = Trainees per country
stats-chart-map-summary = World map shaded by the number of trainees from each country or region, { $countries_formatted } in all. The most came from { $top }: { $count ->
    [one] { $formatted } trainee
   *[other] { $formatted } trainees
}. Countries too small for the map are in the table below.
stats-chart-empty = No trainees had been accepted by this date.
stats-map-none = no trainees
stats-withheld = not shown
stats-withheld-note = Counts of fewer than 3 trainees are not shown, so that no one can be picked out, and neither are as few other counts as it takes to keep them from being worked out from the totals: these are marked “not shown”. The totals are exact.

## Tables

stats-table-years = By fiscal year
stats-table-regions = By region
stats-table-countries = By country
stats-table-courses = By course
stats-table-genders = By gender
stats-col-fiscal-year = Fiscal year
stats-col-trainees = Trainees
stats-col-countries = Countries and regions
stats-col-new = First-time trainees
stats-col-cumulative = Cumulative trainees
stats-col-region = Region
stats-col-country = Country or region
stats-col-course = Course
stats-col-gender = Gender
stats-col-name = Name
stats-col-native-name = Name in own script
stats-col-nationality = Nationality
stats-total = Total
stats-caption-years = Trainees per fiscal year as of { $date }. Someone who trained in two years counts in both years, but once in the cumulative total.
stats-caption-regions = Trainees and countries per region as of { $date }
stats-caption-countries = Trainees per country as of { $date }, most first
stats-caption-courses = Trainees per course as of { $date }
stats-caption-genders = Trainees by gender as of { $date }

## Regions and genders

stats-region-africa = Africa
stats-region-asia = Asia
stats-region-middle-east = Middle East
stats-region-europe = Europe
stats-region-north-america = North America
stats-region-latin-america = Latin America and the Caribbean
stats-region-oceania = Oceania
stats-gender-female = Female
stats-gender-male = Male
stats-gender-other = Other
stats-gender-unspecified = Not stated

## Staff statistics and drill-down

stats-staff-title = Staff statistics
stats-staff-lead = Narrow the figures down, and open any figure to see the people it counts.
stats-filter-fiscal-year = Fiscal year
stats-filter-country = Country or region
stats-filter-region = Region
stats-filter-course = Course
stats-filter-gender = Gender
stats-filter-office = Office
stats-filter-offset = Position in the list
stats-filter-all = All
stats-filter-clear = Clear filters
stats-drill-hint = Each figure links to the list of people it counts.
stats-people-title = The people behind a figure
stats-people-count = { $count ->
    [one] { $formatted } trainee
   *[other] { $formatted } trainees
}
stats-people-showing = Showing { $from }–{ $to } of { $total }
stats-people-none = Nobody matches these filters.
stats-people-caption = Trainees counted as of { $date }, by family name
stats-pager = Pages
stats-prev = Previous page
stats-next = Next page
stats-back = Back to the statistics
stats-report-headline = Trainees as of { $date }: { $trainees ->
    [one] { $trainees } trainee
   *[other] { $trainees } trainees
} from { $countries ->
    [one] { $countries } country or region
   *[other] { $countries } countries and regions
}
stats-people-download = The whole list (administrators; the download is logged):
