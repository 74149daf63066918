# The ripple pages: causal graphs, public story pages, the map of
# local-to-local links and impact reports.

## Sides, kinds, verdicts

ripple-side-japan = Japan
ripple-side-abroad = Abroad
ripple-side-both = Both sides
ripple-kind-joint_product = Joint product
ripple-kind-certification = Certification
ripple-kind-award = Award
ripple-kind-new_business = New business
ripple-kind-business_suspended = Business suspended
ripple-kind-proposal = Proposal
ripple-kind-appointment = Appointment
ripple-kind-agreement = Agreement
ripple-kind-media_coverage = Media coverage
ripple-kind-tourism_product = Tourism product
ripple-verdict-agree = Confirmed
ripple-verdict-partly = Partly confirmed
ripple-verdict-disagree = Disputed
ripple-verdict-none = Not yet confirmed
ripple-node-programme = Programme
ripple-node-activity = Activity
ripple-node-outcome = Outcome
ripple-activity-training = Training
ripple-activity-visit_to_japan = Visit to Japan
ripple-activity-visit_abroad = Visit abroad
ripple-activity-joint_development = Joint development
ripple-activity-fair = Fair
ripple-activity-seminar = Seminar
ripple-activity-other = Activity
ripple-link-kind-sister_city = Sister city
ripple-link-kind-friendship = Friendship
ripple-link-kind-partnership = Partnership

## The graph pages

ripple-title = Ripples of { $programme }
ripple-title-all = Ripples of every partnership programme
ripple-lead = What the programme did, the changes it plausibly contributed to in Japan and abroad, and how one change led to another.
ripple-filters = Filters
ripple-filter-side = Side
ripple-filter-kind = Kind of outcome
ripple-filter-year = Fiscal year
ripple-filter-any = All
ripple-filter-show = Show
ripple-filter-clear = Clear filters
ripple-filter-ignored = “{ $value }” is not a valid { $field }; it was ignored.
ripple-graph-heading = Causal graph
ripple-graph-help = Time runs left to right; Japan is above, abroad below. Drag to move, scroll or pinch to zoom, and select a node to read about it.
ripple-graph-label = Causal graph of the outcomes, drawn on a timeline
ripple-details-heading = Selected
ripple-details-none = Select a node of the graph to read about it here.
ripple-nodes-heading = What happened, in order
ripple-col-led-to = Led to
ripple-col-came-from = Came from
ripple-col-what = What
ripple-col-type = Type
ripple-elsewhere = another programme
ripple-no-outcomes = No outcome matches these filters.
ripple-mutual-heading = Mutual: what it produced at home and abroad
ripple-mutual-lead = { $japan } in Japan, { $abroad } abroad and { $both } on both sides.
ripple-json-link = The graph as JSON
ripple-impact-link = Impact report
ripple-story-link = Public story page
ripple-programmes-heading = Partnership programmes
ripple-all-link = Ripples of every programme
ripple-links-link = Map of local-to-local links
ripple-public = public
ripple-staff-only = staff only
ripple-not-found = No partnership programme has this number.

## Impact reports

ripple-all-programmes = every partnership programme
ripple-all-years = all years
ripple-impact-title = Impact report: { $what }, { $year }
ripple-impact-lead = Outcomes by side, kind and fiscal year, each outcome, and the causal chains that led to them.
ripple-impact-downloads = Download
ripple-impact-print = Print
ripple-total = Total
ripple-by-kind = Outcomes by kind and side
ripple-by-year = Outcomes by fiscal year and side
ripple-outcomes = Outcomes
ripple-chains = Causal chains
ripple-no-chains = No causal chain yet.
ripple-file-programme = Programme
ripple-file-year = Fiscal year
ripple-file-written = Written on
ripple-file-source = Source
ripple-file-source-value = Kizuna, the ripple ledger of partnership programmes
ripple-sheet-about = About
ripple-sheet-kinds = By kind
ripple-sheet-years = By year
ripple-sheet-outcomes = Outcomes
ripple-sheet-chains = Chains
ripple-col-kind = Kind
ripple-col-year = Fiscal year
ripple-col-date = Date
ripple-col-outcome = Outcome
ripple-col-side = Side
ripple-col-verdict = Verifier
ripple-col-number = No.
ripple-col-chain = Chain

## Public story pages

ripple-story-title = { $programme }: the story so far
ripple-story-lead = What this partnership led to, in Japan and abroad: changes its partners reported and staff checked before publishing.
ripple-story-facts = About the programme
ripple-story-scheme = Funding scheme
ripple-story-period = Period
ripple-story-period-open = since { $from }
ripple-story-period-closed = { $from } – { $to }
ripple-story-localities = Localities linked
ripple-story-none = Nothing has been published for this programme yet.
ripple-story-confirmed = Confirmed by a verifier
ripple-stories-heading = Partnership stories
ripple-stories-lead = How cooperation between localities in Japan and abroad rippled on both sides.

## The map of local-to-local links

ripple-links-title = Local-to-local links
ripple-links-lead = Which locality in Japan is linked with which locality abroad, through which organisations and programmes, since when, and what the links produced.
ripple-links-map-heading = Map of the links
ripple-links-table-heading = Every link
ripple-links-col-japan = In Japan
ripple-links-col-abroad = Abroad
ripple-links-col-kind = Linked by
ripple-links-col-since = Since
ripple-links-col-through = Through
ripple-links-col-produced = Outcomes
ripple-links-produced = Japan { $japan } · abroad { $abroad } · both { $both }
ripple-links-programme = Programme
ripple-links-not-drawn-count = { $count ->
    [one] One locality is not drawn on the map: its position is not known yet.
   *[other] { $formatted } localities are not drawn on the map: their positions are not known yet.
}
ripple-links-none = No link between localities is recorded yet.
ripple-links-basemap = Land: Natural Earth (world-atlas)
ripple-links-zoom-in = Zoom in
ripple-links-zoom-out = Zoom out
ripple-links-tiles-offline = The map tiles could not be loaded; only the outline of the land is shown.
ripple-bad-year = That is not a fiscal year: write fy=2018, FY2018 or 平成30年度.
ripple-node-placement = Volunteer placement
