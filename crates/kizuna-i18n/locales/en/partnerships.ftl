# The partnerships pages: the staff console for partnership programmes,
# their activities, outcomes and causal links, substantiation, local
# links, offers and needs; and a partner's outcomes.

nav-partnerships = Partnerships
partnerships-partner-link = Outcomes of our programmes

## The list of programmes
partnerships-title = Partnership programmes
partnerships-lead = Programmes linking a Japanese locality with localities abroad, and what they produced on both sides.
partnerships-new = New partnership programme
partnerships-edit = Change the programme
partnerships-none = No partnership programme is recorded yet.
partnerships-no-details = No partnership details
partnerships-programme = Programme
partnerships-localities = Localities
partnerships-period = Period
partnerships-status = Status
partnerships-activities = Activities
partnerships-outcomes = Outcomes
partnerships-unsubstantiated = Waiting for a verifier
partnerships-back-list = ← Partnership programmes
partnerships-back-programme = ← Back to the programme

## The programme's form
partnerships-the-programme = The programme
partnerships-the-partnership = The partnership
partnerships-key = Key
partnerships-programme-title = Title
partnerships-organisation = Organisation
partnerships-summary = Summary
partnerships-funding-scheme = Funding scheme
partnerships-proposer = Proposed by
partnerships-japan-locality = Locality in Japan
partnerships-abroad-localities = Localities abroad
partnerships-abroad-locality = Locality abroad
partnerships-multi-hint = Choose one or more (hold Ctrl or ⌘ to choose several).
partnerships-themes = Themes
partnerships-theme = Theme
partnerships-starts-on = Starts on
partnerships-ends-on = Ends on
partnerships-budget = Budget
partnerships-budget-amount = Budget (whole units)
partnerships-budget-currency = Currency (ISO 4217, e.g. JPY)
partnerships-public = Public
partnerships-public-story = Show the programme's public story page
partnerships-yes = Yes
partnerships-no = No

## The programme's page
partnerships-details = Details
partnerships-ripple-link = Ripple graph
partnerships-organisations = Organisations and their roles
partnerships-role = Role
partnerships-add-role = Add the organisation
partnerships-remove = Remove
partnerships-nothing-yet = Nothing recorded yet.
partnerships-links = What led to what
partnerships-links-lead = A causal link says that the programme, an activity or an outcome led to an outcome. Links never go round in a circle.
partnerships-link-from = Cause
partnerships-link-from-programme = The programme
partnerships-link-to = Led to the outcome
partnerships-link-add = Add the link
partnerships-by-partner = Proposed by a partner
partnerships-waiting = waiting for a verifier

## Activities
partnerships-activity-new = New activity
partnerships-activity-edit = Change the activity
partnerships-activity-kind = Kind of activity
partnerships-activity-title = Title
partnerships-locality = Locality
partnerships-place = Venue
partnerships-run-by = Run by

## Outcomes
partnerships-outcome-new = New outcome
partnerships-outcome-edit = Change the outcome
partnerships-outcome-title = Short title
partnerships-what-changed = What changed (who does what differently)
partnerships-outcome-kind = Kind of outcome
partnerships-side = Where it landed
partnerships-occurred-on = When it happened
partnerships-actor = Who changed (the social actor)
partnerships-actor-hint = An organisation, a person, or a description: at least one.
partnerships-actor-organisation = Organisation
partnerships-actor-person = Person (number of the person's record)
partnerships-actor-description = Described in words
partnerships-agent = Change agent (who influenced it)
partnerships-contribution = How the programme contributed
partnerships-significance = Why it matters
partnerships-proposal-status = Status of a proposal
partnerships-not-a-proposal = (not a proposal)
partnerships-evidence = Evidence (web address)
partnerships-public-outcome = Show on the public story page
partnerships-recorded-by = Recorded by

## Substantiation
partnerships-unsubstantiated-title = Outcomes to substantiate
partnerships-unsubstantiated-lead = Outcomes no verifier has confirmed or disputed yet, oldest first. Record who confirmed each one, when and their view.
partnerships-all-programmes = All programmes
partnerships-show = Show
partnerships-waiting-count = { $count ->
    [one] One outcome is waiting.
   *[other] { $formatted } outcomes are waiting.
}
partnerships-substantiated-by = Confirmed by
partnerships-substantiated-on = Confirmed on
partnerships-verdict = Their view
partnerships-note = Note
partnerships-substantiate = Record the substantiation

## Local-to-local links
partnerships-local-links-title = Local-to-local links
partnerships-local-links-lead = Which Japanese locality is linked with which locality abroad, and whether a sister-city tie counts in the national register.
partnerships-local-link-new = New local link
partnerships-local-link-edit = Change the local link
partnerships-link-kind = Kind of link
partnerships-since = Since
partnerships-register-lead = The national register counts a sister city when both heads signed an agreement, the exchange covers more than one field and the local council approved it.
partnerships-agreement-on = Agreement signed on
partnerships-signatories = Signed by
partnerships-council-approved-on = Council approved on
partnerships-exchange-fields = Fields of exchange
partnerships-register = National register
partnerships-register-counts = Counts as a sister city
partnerships-register-not-counted = Not counted: { $reasons }

## Offers and needs
partnerships-profiles-title = Offers and needs
partnerships-profiles-lead = What each organisation and locality offers and seeks. A profile can be matched only when it is complete.
partnerships-party = Organisation or locality
partnerships-party-organisation = Organisation
partnerships-party-locality = Locality
partnerships-offers = Offers
partnerships-needs = Needs
partnerships-completeness = Completeness
partnerships-matchable = Matchable
partnerships-not-matchable = Not matchable: { $reasons }
partnerships-offer-need-add = Add an offer or a need
partnerships-direction = Offer or need
partnerships-detail = In their words

## A partner's outcomes
partnerships-partner-title = Outcomes of our programmes
partnerships-partner-lead = The partnership programmes your organisation takes part in and what they produced. You can propose an outcome; the office's staff confirm it.
partnerships-partner-none = Your organisation takes part in no partnership programme yet.
partnerships-propose = Propose an outcome
partnerships-propose-lead = Your proposal is kept as yours, is not public, and waits for the office's staff to confirm it.
partnerships-partner-actor = Who changed, if not your organisation
partnerships-propose-send = Send the proposal

## Deleting
partnerships-delete-programme = Delete the programme
partnerships-delete-activity = Delete the activity
partnerships-delete-outcome = Delete the outcome
partnerships-delete-local-link = Delete the local link
partnerships-delete-blocked = It cannot be deleted while { $list } belong to it. Delete those first.
partnerships-delete-going-with = Deleting it also deletes { $list }.
partnerships-count-activities = { $count ->
    [one] one activity
   *[other] { $formatted } activities
}
partnerships-count-outcomes = { $count ->
    [one] one outcome
   *[other] { $formatted } outcomes
}
partnerships-count-roles = { $count ->
    [one] one organisation's role
   *[other] { $formatted } organisations' roles
}
partnerships-count-links = { $count ->
    [one] one causal link
   *[other] { $formatted } causal links
}

## What a finished write says
partnerships-done-programme-saved = The programme is saved.
partnerships-done-programme-deleted = The programme is deleted.
partnerships-done-role-added = The organisation is added.
partnerships-done-role-removed = The organisation's role is removed.
partnerships-done-activity-saved = The activity is saved.
partnerships-done-activity-deleted = The activity is deleted.
partnerships-done-outcome-saved = The outcome is saved.
partnerships-done-outcome-deleted = The outcome is deleted.
partnerships-done-link-added = The link is added.
partnerships-done-link-removed = The link is removed.
partnerships-done-substantiated = The substantiation is recorded.
partnerships-done-local-link-saved = The local link is saved.
partnerships-done-local-link-deleted = The local link is deleted.
partnerships-done-offer-need-added = Added.
partnerships-done-offer-need-removed = Removed.
partnerships-done-proposed = Your proposal is sent. It waits for the office's staff.

## Values
partnerships-status-pipeline = In preparation
partnerships-status-implementation = Running
partnerships-status-finalisation = Finishing
partnerships-status-closed = Closed
partnerships-status-cancelled = Cancelled
partnerships-status-suspended = Suspended
partnerships-role-funding = Funding
partnerships-role-accountable = Accountable
partnerships-role-extending = Extending
partnerships-role-implementing = Implementing
partnerships-activity-kind-training = Training
partnerships-activity-kind-visit-to-japan = Visit to Japan
partnerships-activity-kind-visit-abroad = Visit abroad
partnerships-activity-kind-joint-development = Joint development
partnerships-activity-kind-fair = Fair
partnerships-activity-kind-seminar = Seminar
partnerships-activity-kind-other = Other
partnerships-outcome-kind-joint-product = Joint product
partnerships-outcome-kind-certification = Certification
partnerships-outcome-kind-award = Award
partnerships-outcome-kind-new-business = New business
partnerships-outcome-kind-business-suspended = Business suspended
partnerships-outcome-kind-proposal = Proposal
partnerships-outcome-kind-appointment = Appointment
partnerships-outcome-kind-agreement = Agreement
partnerships-outcome-kind-media-coverage = Media coverage
partnerships-outcome-kind-tourism-product = Tourism product
partnerships-side-japan = In Japan
partnerships-side-abroad = Abroad
partnerships-side-both = On both sides
partnerships-proposal-proposed = Proposed
partnerships-proposal-under-discussion = Under discussion
partnerships-proposal-agreed = Agreed
partnerships-proposal-realised = Realised
partnerships-proposal-dropped = Dropped
partnerships-verdict-agree = Agree
partnerships-verdict-partly = Partly agree
partnerships-verdict-disagree = Disagree
partnerships-recorded-by-staff = Recorded by staff
partnerships-recorded-by-partner = Proposed by a partner
partnerships-link-kind-sister-city = Sister city
partnerships-link-kind-friendship = Friendship
partnerships-link-kind-partnership = Partnership
partnerships-exchange-education = Education
partnerships-exchange-culture = Culture
partnerships-exchange-sports = Sports
partnerships-exchange-economy = Economy
partnerships-exchange-youth = Youth
partnerships-exchange-administration = Administration
partnerships-exchange-health = Health
partnerships-exchange-environment = Environment
partnerships-exchange-tourism = Tourism
partnerships-exchange-agriculture = Agriculture
partnerships-exchange-technology = Technology
partnerships-gap-not-sister-city = it is not a sister-city tie
partnerships-gap-no-signed-agreement = no agreement signed by both heads is recorded
partnerships-gap-single-field = the exchange is limited to one field
partnerships-gap-no-council-approval = no council approval is recorded
partnerships-direction-offer = Offer
partnerships-direction-need = Need
partnerships-profile-gap-no-locality = no locality, so its side and country are unknown
partnerships-profile-gap-no-offer = nothing offered
partnerships-profile-gap-no-need = nothing sought

## Rules' messages
partnerships-error-cycle = This link would close a circle: { $cycle }. An outcome cannot, through others, lead to itself.
partnerships-error-duplicate-link = These two are already linked.
partnerships-error-self-link = An outcome cannot lead to itself.
partnerships-error-several-causes = Choose one cause.
partnerships-error-not-a-partnership = This programme is not a partnership programme.
partnerships-error-not-in-japan = This locality is not in Japan.
partnerships-error-not-abroad = This locality is in Japan; choose localities abroad.
partnerships-error-not-a-proposal = Only a proposal has a proposal status.
partnerships-error-incomplete-substantiation = A substantiation needs who confirmed it, when, and their view.
partnerships-error-before-outcome = This date is before the outcome happened.
partnerships-error-invalid-url = Give a web address starting with https:// or http://.
partnerships-error-invalid-currency = Give a currency code of three capital letters, e.g. JPY.
partnerships-error-negative = A budget is not negative.
partnerships-error-same-locality = A link joins two different localities.
partnerships-error-unknown-theme = Choose themes from the list.
partnerships-error-several-parties = An offer or need belongs to an organisation or a locality, not both.
partnerships-error-not-your-programme = Your organisation does not take part in this programme.

## Evidence files of an outcome, and a causal link's note.
partnerships-evidence-files = Evidence files
partnerships-evidence-none = No evidence file yet.
partnerships-evidence-file = Add a file
partnerships-evidence-hint = A PDF, a PNG or JPEG image, an Excel workbook (.xlsx) or a CSV file, up to { $limit }.
partnerships-evidence-add = Add the file
partnerships-evidence-delete = Delete
partnerships-evidence-kind-pdf = PDF file
partnerships-evidence-kind-png = PNG image
partnerships-evidence-kind-jpeg = JPEG image
partnerships-evidence-kind-xlsx = Excel workbook
partnerships-evidence-kind-csv = CSV file
partnerships-done-evidence-added = The file is added.
partnerships-done-evidence-deleted = The file is deleted.
partnerships-evidence-refused-empty = “{ $name }” is empty; nothing was added.
partnerships-evidence-refused-type = “{ $name }” is not a PDF, PNG, JPEG, Excel workbook or CSV file (its contents were checked, not only its name); nothing was added.
partnerships-evidence-refused-name = The contents of “{ $name }” are of another kind than its name says; rename it with the right ending and add it again.
partnerships-evidence-refused-unreadable = “{ $name }” cannot be read as a workbook; save it again as .xlsx.
partnerships-evidence-refused-too-large = “{ $name }” is larger than { $limit }; nothing was added.
partnerships-evidence-too-large-title = The file is too large
partnerships-evidence-too-large = Evidence files up to { $limit } are accepted; nothing was added.
partnerships-link-note = How the one led to the other
