# Staff pages of the Muslim-friendly map: places, review lists, imports.

## Navigation
places-nav = Places
places-dash-link = Places on the Muslim-friendly map: add, change, verify, review and import

## List
places-list-title = Places on the map
places-new = Add a place
places-review-link = Certificates and places to review
places-import-link = Import places from a file
places-filters = Filters
places-search = Name
places-search-hint = Part of a name in any language, or of a chain or branch.
places-filter-any = Any
places-filter-stale = Only places not verified for 12 months
places-filter-apply = Show
places-filter-clear = Clear the filters
places-count-all = { $count ->
    [one] place on the map
   *[other] places on the map
}
places-count-stale = { $count ->
    [one] place not verified for 12 months
   *[other] places not verified for 12 months
}
places-count-expiring = { $count ->
    [one] certificate ending within 30 days
   *[other] certificates ending within 30 days
}
places-count-expired = { $count ->
    [one] certificate that has ended
   *[other] certificates that have ended
}
places-list-total = { $count ->
    [0] No place matches these filters.
    [one] One place matches these filters.
   *[other] { $formatted } places match these filters.
}
places-pager = Pages
places-pager-prev = Previous page
places-pager-next = Next page
places-pager-showing = { $count ->
    [0] Nothing to show
   *[other] Places { $from } to { $to } of { $formatted }
}
places-col-name = Name
places-col-category = Category
places-col-assurance = Halal assurance
places-col-locality = Locality
places-col-verified = Last verified
places-col-certificate = Certificate
places-col-certifier = Certifying body
places-col-valid-until = Valid until
places-col-days = Days
places-col-actions = Actions
places-never-verified = Never verified
places-stale = Stale
places-cert-until = until { $date }

## Values
places-category-restaurant = Restaurant
places-category-cafe = Café
places-category-grocery = Grocery
places-category-halal-shop = Halal shop
places-category-hotel = Hotel
places-category-mosque = Mosque
places-category-prayer-room = Prayer room
places-category-other = Other
places-assurance-certified = Halal certified
places-assurance-self-declared = Self-declared Muslim-friendly
places-assurance-pork-free = Pork-free
places-assurance-vegetarian-options = Vegetarian options
places-assurance-unknown = Not known
places-certificate-valid = Valid
places-certificate-expiring = Ending soon
places-certificate-expired = Ended
places-certificate-not-yet-valid = Not yet valid
places-source-staff = Entered by staff
places-source-import = An import file
places-source-openstreetmap = Data from OpenStreetMap
places-source-demo = Demonstration data

## Form
places-new-title = Add a place
places-edit-title = Change { $name }
places-back-list = Back to the places
places-saved = The place was saved.
places-form-has-errors = Some values need fixing. Each problem is also shown beside its field:
places-save = Save
places-choose = Choose…
places-locality-none = (no locality)
places-names = Names
places-names-hint = At least one name, in any of these languages, each in its own script.
places-field-name-ja = Name in Japanese
places-field-name-en = Name in English
places-field-name-th = Name in Thai
places-field-name-ms = Name in Malay
places-field-name-ar = Name in Arabic
places-field-name-id = Name in Indonesian
places-about = The place
places-field-category = Category
places-field-chain = Chain
places-field-chain-hint = For a branch of a chain, the chain's name. Each branch is a place of its own.
places-field-branch = Branch
places-field-branch-hint = Which branch of the chain this is, as its sign names it (in Japanese usually ending in 店, in Thai starting with สาขา).
places-field-chain-en = Chain in English
places-field-chain-ja = Chain in Japanese
places-field-chain-th = Chain in Thai
places-field-chain-ms = Chain in Malay
places-field-branch-en = Branch in English
places-field-branch-ja = Branch in Japanese
places-field-branch-th = Branch in Thai
places-field-branch-ms = Branch in Malay
places-field-address = Address
places-field-phone = Telephone
places-field-website = Website
places-field-website-hint = Starting with https:// or http://.
places-field-locality-id = Locality
places-position = Position
places-position-hint = Decimal degrees on WGS 84, as map apps show them, e.g. latitude 43.0621 and longitude 141.3544.
places-field-lat = Latitude
places-field-lon = Longitude
places-halal = Halal assurance
places-field-assurance = Assurance level
places-field-assurance-hint = “Halal certified” only with a certificate on record; the other levels carry no certificate.
places-certificate = Certificate (certified places only)
places-field-certifier = Certifying body
places-field-certificate-number = Certificate number
places-field-certificate-valid-from = Valid from
places-field-certificate-valid-until = Valid until
places-field-alcohol-served = Alcohol served
places-alcohol-unknown = Not known
places-alcohol-yes = Yes
places-alcohol-no = No
places-prayer = Prayer facilities
places-field-prayer-space = Prayer space
places-field-wudu = Place for wudu (ablutions)
places-field-women-space = Separate space for women
places-field-qibla-marked = Qibla direction marked
places-field-prayer-mats = Prayer mats provided
places-field-opening-hours = Opening hours
places-field-opening-hours-hint = In OpenStreetMap's opening_hours syntax, e.g. “Mo-Sa 11:00-21:00; Su off” or “24/7”; PH stands for public holidays. Leave empty when not known.
places-opening-hours-help = How to write opening hours (OpenStreetMap wiki, in English)
places-record = Source and checks
places-field-source = Source
places-field-source-id = Id in the source
places-field-source-id-hint = For OpenStreetMap: node/123, way/45 or relation/6. Leave empty for a place entered by staff.
places-source-readonly = Source: { $source }, id { $id }. It cannot be changed here; importing that source again updates this place.
places-field-attribution = Attribution
places-field-attribution-hint = The licence notice the data needs. Data from OpenStreetMap always keeps “© OpenStreetMap contributors, ODbL”.
places-field-last-verified = Last verified
places-field-last-verified-hint = The day someone last checked this place. Places not verified for 12 months are flagged stale.

## Standing, verify, delete
places-status = Standing
places-verified-on = Last verified on { $date }.
places-never-verified-note = Nobody has verified this place yet: check it, then mark it verified.
places-stale-note = Not verified for 12 months: check it, then mark it verified.
places-certificate-standing = Certificate { $number } from { $certifier }, valid until { $date }.
places-verify = Mark verified today
places-verified-notice = The place was marked as verified today.
places-verify-refused-title = The place could not be marked verified
places-verify-refused = One of its values breaks a rule. Open its form, correct the value and save.
places-delete = Delete this place
places-delete-title = Delete { $name }?
places-delete-explain = The place disappears from the map and from these lists. This cannot be undone; if it came from an import file, importing that file again adds it back.
places-delete-confirm = Delete the place
places-delete-cancel = Keep it
places-deleted = The place was deleted.

## Review
places-review-title = Places to review
places-review-lead = As of { $date }: certificates ending within 30 days, certificates that have ended, and places nobody has verified for 12 months.
places-review-expiring = Certificates ending within 30 days
places-review-expired = Certificates that have ended
places-review-stale = Places not verified for 12 months
places-review-none = Nothing to review here.
places-review-count = { $count ->
    [0] none
    [one] one place
   *[other] { $formatted } places
}
places-days-left = { $count ->
    [0] ends today
    [one] one day left
   *[other] { $formatted } days left
}
places-days-ago = { $count ->
    [one] ended one day ago
   *[other] ended { $formatted } days ago
}
places-edit = Change

## Import
places-import-title = Import places
places-import-upload-title = Check a file
places-import-explain = Choose a GeoJSON, CSV, OpenStreetMap XML (.osm) or OpenStreetMap PBF (.osm.pbf) file. It is checked first and nothing is written: you will see every record that cannot be accepted, or how many places it would add and update.
places-import-file = Places file
places-import-file-hint = At most 20 MB. A place already recorded from the same source under the same id is updated, never added twice.
places-import-format = Format
places-import-format-auto = Tell from the file name
places-import-check = Check the file
places-import-no-file = Choose a file to check.
places-import-unknown-format = The file name does not tell its format. Choose the format, then check the file again.
places-import-bad-file = The file could not be read as { $format }. Check that it is the right file and format, and try again.
places-import-too-large = The file is too large to import: a file may be up to { $limit }. Split it into smaller files and import them one by one.
places-import-detail = Technical detail
places-import-unreadable-title = The upload could not be read
places-import-unreadable = The form arrived incomplete. Go back and choose the file again.
places-import-rejected-title = Records that cannot be accepted
places-import-rejected-summary = { $count ->
    [one] One value cannot be accepted. Nothing was written: correct the file and check it again.
   *[other] { $formatted } values cannot be accepted. Nothing was written: correct the file and check it again.
}
places-col-row = Row or record
places-col-record-id = Id
places-col-column = Field
places-col-value = Value
places-col-reason = Reason
places-import-preview-title = What the import would do
places-import-clean = { $count ->
    [one] The file is clean: one record read. Nothing has been written yet.
   *[other] The file is clean: { $formatted } records read. Nothing has been written yet.
}
places-import-would-add = { $count ->
    [0] No new place would be added.
    [one] One new place would be added.
   *[other] { $formatted } new places would be added.
}
places-import-would-update = { $count ->
    [0] No place already recorded would change.
    [one] One place already recorded would be updated.
   *[other] { $formatted } places already recorded would be updated.
}
places-import-skipped = { $count ->
    [one] One OpenStreetMap object in the file is not a place of the map (no halal, diet or prayer tags) and is left out.
   *[other] { $formatted } OpenStreetMap objects in the file are not places of the map (no halal, diet or prayer tags) and are left out.
}
places-import-confirm-explain = Importing writes every record at once, or none if anything changed meanwhile.
places-import-confirm = Import these places
places-import-cancel = Cancel
places-import-done = The import is done.
places-import-added = { $count ->
    [0] No new place was added.
    [one] One place was added.
   *[other] { $formatted } places were added.
}
places-import-updated = { $count ->
    [0] No place already recorded was changed.
    [one] One place already recorded was updated.
   *[other] { $formatted } places already recorded were updated.
}

## Why a value was refused (by field and rule, or by rule)
places-error-invalid = This value cannot be accepted.
places-error-required = Fill this in.
places-error-name-en-required = Give the place a name in at least one language.
places-error-source-id-required = Give the place's id in its source, so that importing that source again updates the place rather than adding it twice.
places-error-too-long = This is too long: at most 500 characters.
places-error-opening-hours-too-long = This is too long: at most 255 characters.
places-error-control-character = This contains an invisible control character; type it again.
places-error-unknown-value = “{ $value }” is not one of the allowed values.
places-error-invalid-phone = “{ $value }” is not a telephone number: use digits, spaces and + - ( ) only.
places-error-invalid-url = “{ $value }” is not a web address starting with https:// or http://.
places-error-invalid-id = “{ $value }” is not a record number.
places-error-out-of-range = “{ $value }” is out of range.
places-error-lat-out-of-range = “{ $value }” is not a latitude: write degrees from -90 to 90.
places-error-lon-out-of-range = “{ $value }” is not a longitude: write degrees from -180 to 180.
places-error-not-a-number = “{ $value }” is not a number.
places-error-lat-not-a-number = “{ $value }” is not a latitude: write decimal degrees such as 43.0621.
places-error-lon-not-a-number = “{ $value }” is not a longitude: write decimal degrees such as 141.3544.
places-error-not-certified = Only certified places have a certificate: empty this, or choose “Halal certified”.
places-error-invalid-date = “{ $value }” is not a date; write YYYY-MM-DD, e.g. 2026-11-23.
places-error-before-start = The certificate cannot end before it starts.
places-error-invalid-source-id = “{ $value }” is not an id: at most 200 characters, without spaces.
places-error-invalid-osm-id = “{ $value }” is not an OpenStreetMap id such as node/123, way/45 or relation/6.
places-error-attribution-required = Data from OpenStreetMap must keep its attribution, “© OpenStreetMap contributors, ODbL”.
places-error-invalid-opening-hours = “{ $value }” is not in OpenStreetMap's opening_hours syntax, e.g. Mo-Sa 11:00-21:00; Su off.
places-error-not-found = This refers to a record that does not exist.
places-error-locality-not-found = No locality has the key “{ $value }”.
places-error-conflicting = The locality's key and its record number name different localities.
places-error-duplicate = Another place already has this source and id, or an earlier record of the file does.
places-error-in-use = This place cannot be deleted while other records refer to it.
places-error-not-a-feature = Each record must be a GeoJSON Feature.
places-error-not-a-point = A place must be a Point: longitude and latitude on WGS 84.
places-error-invalid-geometry = A point's coordinates must be two numbers: longitude, then latitude.
places-error-invalid-properties = The properties must be an object of names and values.
places-error-not-text = This must be text.
places-error-not-a-boolean = Write true or false.
places-error-unknown-property = A place has no such field.
places-error-name-required = This record has no name in any language.
places-error-duplicate-column = This column appears twice in the header.
places-error-unknown-column = A place has no field of this name: correct the header.
places-error-unnamed-column = This column has no name in the header, but this row has a value in it.
places-error-extra-cell = This row has a value beyond the last column of the header.
places-error-no-position = None of its nodes or members is in the file, so it has no position: extract the area with complete ways.
places-error-category-unknown-value = “{ $value }” is not a category: write restaurant, cafe, grocery, halal_shop, hotel, mosque, prayer_room or other.
places-error-assurance-unknown-value = “{ $value }” is not an assurance level: write certified, self_declared, pork_free, vegetarian_options or unknown.
places-description = Description for visitors
places-description-hint = A sentence or two on what a visitor should know, in any of the languages.
places-field-description-en = Description in English
places-field-description-ja = Description in Japanese
places-field-description-th = Description in Thai
places-field-description-ms = Description in Malay

# Lenient OpenStreetMap imports: objects left out and values changed.
places-import-left-out = { $count ->
    [one] One object is a place of the map but cannot be imported: it is left out, listed below with the reason.
   *[other] { $formatted } objects are places of the map but cannot be imported: they are left out, listed below with their reasons.
}
places-import-left-out-title = Objects left out
places-import-warnings-title = Changed to import them
places-import-warnings = { $count ->
    [one] One value was changed or left out so that its place could be imported.
   *[other] { $formatted } values were changed or left out so that their places could be imported.
}
places-import-done-left-out = { $count ->
    [one] One object was left out.
   *[other] { $formatted } objects were left out.
}
places-error-no-name = It has no name, and no brand, operator or street to name it by.
places-error-name-from-brand = It has no name: named “{ $value }” after its brand.
places-error-name-from-operator = It has no name: named “{ $value }” after its operator.
places-error-name-from-street = It has no name: named “{ $value }” after its kind and street.
places-error-website-https-added = The website “{ $value }” had no https://: added.
places-error-website-dropped = “{ $value }” is not a web address: the place is imported without it.
places-error-phone-dropped = “{ $value }” is not a telephone number: the place is imported without it.
places-error-opening-hours-unknown = The opening hours “{ $value }” cannot be read: kept as written, and whether the place is open is shown as unknown.

# A place import followed on its own page while it runs.
places-import-checking-title = Checking { $file }
places-import-importing-title = Importing { $file }
places-import-progress-label = How far the import has got
places-import-phase-waiting = Waiting for another import to finish.
places-import-phase-reading = Reading the file and checking each record.
places-import-phase-reading-writing = Reading the file, checking each record and writing it; nothing is kept unless the whole file is clean.
places-import-phase-reading-again = Reading the file again (pass { $pass }).
places-import-phase-checking = The file is read: counting which places are new.
places-import-phase-writing = The file is read: saving every place at once.
places-import-phase-finished = Done.
places-import-numbers = { $read } of { $total } read, { $count ->
    [one] one record
   *[other] { $formatted } records
} so far.
places-import-runs-here = The import goes on if you leave this page: come back to this address within an hour to see the result. It is known only on the server that received the file.
places-import-refresh = Refresh to see how far it has got
places-import-job-gone-title = Import not found
places-import-job-gone = This import is not known here. Finished imports are kept for an hour, only for the person who started them, and only on the server that received the file. Choose the file again on the import page.
places-import-busy = Too many imports are running or waiting on this server. Try again in a few minutes.
places-import-expired = The checked file is no longer kept: checks are kept for an hour. Choose the file and check it again.
