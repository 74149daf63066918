# partner: a partner organisation's own page

partner-only = This page is for partner organisations. Staff see organisations in the console.
partner-actions = What you can do
partner-back = Back to your organisation's page
partner-not-given = not given yet

## Contact details

partner-contact-heading = Contact details
partner-contact-edit = Update contact details
partner-contact-title = Your organisation's contact details
partner-contact-save = Save the contact details
partner-contact-saved = The contact details are saved. The office sees them at once.
partner-contact-person = Contact person
partner-contact-person-hint = Whom the office should contact, with their position, e.g. “Ms Suda Chaiyaporn, International Relations”.
partner-address = Address
partner-address-hint = The postal address, as you write it on letters.
partner-phone = Telephone
partner-phone-hint = With the country code, e.g. +66 2 123 4567.
partner-email = E-mail
partner-email-hint = An address the office can write to, e.g. international@example.org.
partner-website = Website
partner-website-hint = Beginning with https://
partner-form-has-errors = Some fields need fixing: see the messages beside them.
partner-form-expired-title = The form expired
partner-form-expired = The form expired or came from another site. Go back, reload the page and try again.

## What the organisation takes part in

partner-hosted-heading = Course editions you host sessions of
partner-sending-heading = Course editions your people train in
partner-sessions-hosted = { $count ->
    [one] { $formatted } session hosted
   *[other] { $formatted } sessions hosted
}
partner-trainees-sent = { $count ->
    [one] { $formatted } of your trainees
   *[other] { $formatted } of your trainees
}

## Nomination files

partner-send-nomination = Send a nomination file
partner-nominations-heading = Nomination files you sent
partner-nominations-none = No nomination files yet.
partner-nominations-title = Send a nomination file
partner-nominations-lead = Send the office your nominees' application forms (the application, Part A and Part B) as a PDF, an Excel workbook or a CSV file. Only the office's staff and your organisation can open them; you see here when they are reviewed.
partner-nomination-file = File (PDF, XLSX or CSV)
partner-nomination-file-hint = Up to { $limit }. Part B holds medical information: send it only this way, not by e-mail.
partner-nomination-edition = For which course edition
partner-nomination-no-edition = Not for one edition in particular
partner-nomination-note = A note for the office (optional)
partner-nomination-send = Send the file
partner-nomination-sent = The file was sent. The office will review it; its state is shown below.
partner-col-file = File
partner-col-sent = Sent
partner-col-status = State
partner-col-review-note = The office's note
partner-col-organisation = Organisation
partner-col-review = Review
partner-status-submitted = Sent, not yet reviewed
partner-status-reviewed = Reviewed
partner-status-accepted = Accepted
partner-status-declined = Declined
partner-size-kb = { $n } KB
partner-size-mb = { $n } MB
partner-too-large-title = The file is too large
partner-too-large = Files up to { $limit } are accepted. Make the file smaller (for example, scan at a lower resolution) or send it in parts.
partner-unreadable-title = The form could not be read
partner-unreadable = The form did not arrive whole. Go back, choose the file again and send it.

## Field messages

partner-error-invalid = This value is not valid.
partner-error-required = Fill this in.
partner-error-too-long = This is too long: at most 500 characters.
partner-error-control-character = This contains a character that cannot be kept (a control character).
partner-error-invalid-email = This is not an e-mail address: write it as name@example.org.
partner-error-invalid-phone = This is not a telephone number: use digits, spaces and + - ( ) . / only.
partner-error-invalid-website = This is not a web address: begin it with https:// or http://.
partner-error-stale = Someone changed these details since you opened the form. The form now shows what is recorded; make your change again.
partner-error-not-found = There is no such course edition: choose one from the list.
partner-error-nomination-file-type = Send a PDF, an Excel workbook (.xlsx) or a CSV file.
partner-error-nomination-unreadable = The workbook cannot be read. Save it again as an Excel workbook (.xlsx) and send it again.
partner-error-unknown-value = Choose one of the options.
partner-error-reason-required = Say why the nomination is declined; the partner reads this note.

## Staff: reviewing nomination files (/console/nominations)

nav-nominations = Nominations
partner-review-title = Nomination files from partners
partner-review-lead = Files partner organisations sent for their nominees. Open a file to read it (each opening is logged), then mark it reviewed, accepted or declined with a note the partner will see.
partner-review-filter = Show files by state
partner-filter-all = All
partner-review-decision = Mark as
partner-review-note = Note to the partner
partner-review-save = Save the review
partner-review-saved = The review is saved; the partner sees it on their page.
partner-review-stale = Someone reviewed this file since you opened the page. It now shows their review; review it again if you need to.
partner-bad-filter-title = Unknown state
partner-bad-filter = Choose a state from the list above the files.

## The audit log's words for nomination files

audit-entity-nomination = nomination file
audit-detail-nomination-pdf = a PDF file
audit-detail-nomination-xlsx = an Excel workbook
audit-detail-nomination-csv = a CSV file
audit-detail-nomination-reviewed = marked reviewed
audit-detail-nomination-accepted = marked accepted
audit-detail-nomination-declined = marked declined
audit-detail-nomination-file = the file opened
