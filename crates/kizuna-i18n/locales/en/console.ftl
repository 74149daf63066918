# Staff console (training slice).

## Dashboard
console-dash-title = Staff console
console-dash-as-of = Figures as of { $date }
console-dash-this-year = this fiscal year: { $year }
console-dash-totals = Totals
console-dash-trainees = { $count ->
    [one] trainee accepted so far
   *[other] trainees accepted so far
}
console-dash-countries = { $count ->
    [one] country or region of origin
   *[other] countries and regions of origin
}
console-dash-courses = { $count ->
    [one] training course
   *[other] training courses
}
console-dash-editions = { $count ->
    [one] course edition this fiscal year
   *[other] course editions this fiscal year
}
console-dash-since = first fiscal year with trainees
console-dash-work = Work
console-dash-link-courses = Training courses and their editions by fiscal year
console-dash-link-trainees = Trainee list, with filters and downloads
console-dash-link-import = Import trainees from a CSV or XLSX file
console-dash-link-statistics = Trainee statistics for staff

## Shared
console-save = Save
console-choose = Choose…
console-none = (none)
console-form-has-errors = Some values need fixing. Each problem is shown beside its field.
console-back-courses = Back to the training courses
console-back-edition = Back to the course edition
console-back-trainees = Back to the trainee list
console-download = Download these rows
console-download-csv = CSV
console-download-xlsx = Excel (XLSX)
console-download-refused-title = The download could not be made
console-download-refused = A filter has a value that cannot be used. Correct it on the trainee list and try again.

## Column headings
console-col-fiscal-year = Fiscal year
console-col-edition = Course edition
console-col-scope = Scope
console-col-dates = Dates
console-col-trainees = Trainees
console-col-name = Name
console-col-native-name = Name in own script
console-col-nationality = Nationality
console-col-status = Status
console-col-time = Time
console-col-kind = Kind
console-col-session = Session
console-col-place = Place
console-col-attendance = Attendance
console-col-present = Present
console-col-role = Role
console-col-region = Region
console-col-course = Course
console-col-gender = Gender
console-col-row = Row
console-col-column = Column
console-col-value = Value
console-col-reason = Reason

## Courses
console-courses-title = Training courses
console-courses-none = No training course has been recorded yet.
console-course-new = New training course
console-course-created = The training course { $key } was saved.
console-course-editions-count = { $count ->
    [0] no editions yet
    [one] one edition
   *[other] { $formatted } editions
}
console-course-editions-caption = Editions of { $course }, newest first
console-course-see-trainees = See its trainees
console-course-key = Key
console-course-key-hint = Lowercase letters, digits and hyphens, e.g. gmrdp. It is used in import files.
console-course-title-en = Title in English
console-course-title-ja = Title in Japanese
console-course-summary = Summary
console-course-organisation = Organisation running the course

## Editions
console-edition-new = New course edition
console-edition-edit = Change this edition
console-edition-saved = The course edition was saved.
console-edition-course = Training course
console-edition-key = Edition key
console-edition-key-hint = The course key, a slash and the fiscal year, e.g. gmrdp/fy2007.
console-edition-fiscal-year = Fiscal year
console-edition-fiscal-year-hint = The year the fiscal year begins in, e.g. 2007 (April 2007 to March 2008); 平成19年度 is understood too.
console-edition-scope = Scope
console-edition-targets = Target countries
console-edition-targets-hint = For a country-specific edition only: ISO country codes separated by commas, e.g. TH, MY.
console-edition-title = Title of this edition
console-edition-title-hint = Leave empty when it is the course's title.
console-edition-starts = First day
console-edition-ends = Last day
console-edition-capacity = Places
console-edition-dates = Dates
console-edition-participants = Participants
console-edition-timetable = Curriculum
console-roster-trainee = { $count ->
    [one] One trainee
   *[other] { $formatted } trainees
}
console-roster-instructor = { $count ->
    [one] One instructor
   *[other] { $formatted } instructors
}
console-roster-coordinator = { $count ->
    [one] One coordinator
   *[other] { $formatted } coordinators
}
console-roster-empty = Nobody is recorded.
console-sessions-count = { $count ->
    [one] one session
   *[other] { $formatted } sessions
}
console-timetable-tz = times in Japan Standard Time
console-timetable-empty = No session has been planned yet.

## Attendance
console-attendance-title = Attendance
console-attendance-mark = Mark attendance
console-attendance-caption = Tick everyone who attended this session.
console-attendance-save = Save attendance
console-attendance-saved = The attendance was saved.
console-attendance-summary = { $count ->
    [one] { $present } of one participant present
   *[other] { $present } of { $count } participants present
}
console-attendance-refused-title = The attendance was not saved
console-attendance-refused = Only people taking part in this session's course edition can be marked. Reload the page and try again.

## Trainee list
console-trainees-title = Trainees
console-filters = Filters
console-filter-any = Any
console-filter-counted = Accepted (as counted in statistics)
console-filter-apply = Show
console-filter-clear = Clear the filters
console-trainees-total = { $count ->
    [0] No trainee matches these filters.
    [one] One trainee matches these filters.
   *[other] { $formatted } trainees match these filters.
}
console-trainees-none = Change the filters to see trainees.
console-pager = Pages
console-pager-prev = Previous page
console-pager-next = Next page
console-pager-showing = { $count ->
    [0] Nothing to show
   *[other] Rows { $from } to { $to } of { $formatted }
}

## Person
console-person-kana = Katakana reading
console-person-organisation = Organisation
console-person-position = Position
console-person-birth-date = Date of birth
console-person-email = E-mail
console-person-roles = Roles over the years
console-person-roles-count = { $count ->
    [0] No role has been recorded.
    [one] One role recorded.
   *[other] { $formatted } roles recorded.
}

## Import
console-import-title = Import trainees
console-import-upload-title = Check a file
console-import-explain = Choose a CSV or XLSX file with the template's columns. It is checked first and nothing is written: you will see every value that cannot be accepted, or the trainees it would add.
console-import-templates = Empty templates
console-import-file = Trainee file (CSV or XLSX)
console-import-file-hint = Save spreadsheets as “CSV UTF-8” or as an Excel workbook; the first row holds the column names.
console-import-check = Check the file
console-import-no-file = Choose a file to check.
console-import-bad-file = The file could not be read. Save it as CSV UTF-8 or as an Excel workbook with the template's header row, and try again.
console-import-encoding = The file is saved in the { $found } character encoding, which Kizuna does not read (it reads UTF-8, Shift_JIS, EUC-JP and the Thai Windows encoding). Save it as "CSV UTF-8" and try again.
console-import-too-large = The file is too large to import. A file may be up to { $limit }; an Excel workbook may unpack to at most { $unpacked }, and a sheet or CSV file may hold at most { $cells } cells (counted from A1 to the last used cell). Split it into smaller files and import them one by one.
console-import-unreadable-title = The upload could not be read
console-import-unreadable = The form arrived incomplete. Go back and choose the file again.
console-import-rejected-title = Values that cannot be accepted
console-import-rejected-summary = { $count ->
    [one] One value cannot be accepted. Nothing was written: correct the file and check it again.
   *[other] { $formatted } values cannot be accepted. Nothing was written: correct the file and check it again.
}
console-import-preview-title = Trainees the file would add
console-import-preview-summary = { $count ->
    [one] The file is clean: one trainee would be added. Nothing has been written yet.
   *[other] The file is clean: { $formatted } trainees would be added. Nothing has been written yet.
}
console-import-confirm-explain = Importing writes every row at once, or none if anything changed meanwhile.
console-import-confirm = Import these trainees
console-import-cancel = Cancel
console-import-done = { $count ->
    [one] One trainee was imported.
   *[other] { $formatted } trainees were imported.
}

## Values
console-role-trainee = Trainee
console-role-instructor = Instructor
console-role-coordinator = Coordinator
console-status-nominated = Nominated
console-status-accepted = Accepted
console-status-arrived = Arrived
console-status-completed = Completed
console-status-withdrawn = Withdrawn
console-scope-general = General (many countries)
console-scope-country-specific = Country-specific
console-kind-lecture = Lecture
console-kind-inspection-tour = Inspection tour
console-kind-presentation-meeting = Presentation meeting
console-kind-courtesy-call = Courtesy call
console-kind-ceremony = Ceremony
console-gender-female = Female
console-gender-male = Male
console-gender-other = Other
console-gender-unspecified = Not stated
console-region-africa = Africa
console-region-asia = Asia
console-region-middle-east = Middle East
console-region-europe = Europe
console-region-north-america = North America
console-region-latin-america = Latin America and the Caribbean
console-region-oceania = Oceania

## Why a value was refused (by rule)
console-error-invalid = This value cannot be accepted.
console-error-required = Fill this in.
console-error-too-long = This is too long: at most 500 characters.
console-error-control-character = This contains an invisible control character; retype it.
console-error-invalid-key = Use lowercase letters, digits, “-”, “_”, “.” and “/” only, e.g. gmrdp/fy2007.
console-error-unknown-country = “{ $value }” is not an ISO country code; write two letters such as TH or MY.
console-error-unknown-value = “{ $value }” is not one of the allowed values.
console-error-invalid-date = “{ $value }” is not a date; write YYYY-MM-DD, e.g. 2007-10-01.
console-error-invalid-email = “{ $value }” is not an e-mail address.
console-error-in-future = This date is in the future.
console-error-out-of-range = This number is out of range.
console-error-before-start = This ends before it starts.
console-error-outside-fiscal-year = The first day must fall within the fiscal year (1 April to 31 March).
console-error-not-allowed = Leave this empty here: a general edition is open to every country.
console-error-duplicate = This is already in use or listed twice; choose another.
console-error-not-found = This refers to a record that does not exist.
console-error-not-a-course = This programme is not a training course.
console-error-country-not-targeted = This trainee's country is not among the edition's target countries.
console-error-duplicate-in-file = The same person appears on an earlier row of the file.
console-error-person-exists = This person (same names, nationality and birth date) is already recorded.
console-error-unknown-organisation = No organisation has the key “{ $value }”.
console-error-unknown-edition = No course edition has the key “{ $value }”.
console-error-unknown-column = This column is not in the template.
console-error-missing-column = This required column is missing.
console-error-duplicate-column = This column appears twice.
console-error-formula = This cell is a formula ({ $value }), not a value: type the value itself.
console-error-number-in-text = This cell is a number ({ $value }) where text is expected: a leading zero or long digits may have been lost. Format the column as Text and type the value again.
console-error-not-a-number = Write a whole number.
console-error-invalid-fiscal-year = Write a fiscal year such as 2007 or 平成19年度.
console-error-in-use-or-missing-reference = This refers to a record that does not exist, or is still in use.
console-course-title = Title
console-error-stale = Someone else changed this record while you were editing it. Their version is now the one saved; check it, then save again to replace it with yours.
