# documents: printable timetables, participant lists, attendance sheets, calendars and downloads

## Printable timetable, participant lists and attendance sheets (console/documents.rs)

documents-timetable-title = Timetable
documents-timetable-empty = No sessions have been added to this edition yet.
documents-times-jst = All times are Japan time (JST, UTC+9).
documents-jst = Japan time
documents-print-hint = To print, use your browser's Print command; the navigation is left out and the page is A4.
documents-back-edition = Back to the edition
documents-back-timetable = Back to the timetable
documents-ical = Add to a calendar (iCalendar)
documents-col-host = Host organisation
documents-col-instructors = Instructors
documents-col-lists = Lists
documents-col-edition = Course edition
documents-col-when = Date and time
documents-col-number = No.
documents-col-organisation = Organisation
documents-col-present = Present
documents-col-signature = Signature
documents-col-note = Note
documents-participants-link = Participant list
documents-sheet-link = Attendance sheet
documents-participants-title = Participant list
documents-sheet-title = Attendance sheet
documents-mark-attendance = Record attendance
documents-instructors-heading = Instructors
documents-no-trainees = No trainees have been accepted into this edition yet.
documents-trainees-count = { $count ->
    [one] { $formatted } trainee
   *[other] { $formatted } trainees
}
documents-printed = Printed from Kizuna on { $date } (Japan time)
documents-edition-links = Print and share

## Statistics downloads (/statistics.csv, .xlsx and the staff's)

stats-download-all = Download all tables
stats-download-table = Download this table
stats-download-csv = CSV
stats-download-xlsx = Excel (XLSX)
stats-download-refused-title = This file cannot be made
stats-download-refused = The date, a filter or the table asked for is not valid. Go back to the statistics page, choose again and download from there.
stats-download-filters = Filters
stats-download-no-filters = None: everyone counted by the date
stats-download-withheld = Small counts
stats-download-source = Source
stats-download-source-value = Kizuna, the page { $page }
stats-download-written = Written
stats-download-col-code = Code (ISO 3166-1)
stats-download-about-sheet = About this file
