audit-title = Audit log
audit-intro = Who created, changed, viewed, exported, erased or deleted which record, when and from where. Entries cannot be changed; the chain is checked with "kizuna audit verify".
audit-filter-actor = Account id or channel
audit-filter-entity = Kind of record
audit-filter-record = Record id
audit-filter-action = Action
audit-filter-any = any
audit-filter-from = From
audit-filter-to = To
audit-filter-apply = Show
audit-col-id = No.
audit-col-at = When
audit-col-actor = Who
audit-col-address = From
audit-col-action = Action
audit-col-entity = Record
audit-col-detail = Detail
audit-count = { $count ->
    [one] One entry
   *[other] { $count } entries
}
audit-none = No entries match.
audit-previous = Newer
audit-next = Older
audit-user = account { $id }
audit-bad-filter = A filter was not understood; it was left out.
audit-action-create = created
audit-action-update = changed
audit-action-delete = deleted
audit-action-view = viewed
audit-action-export = exported
audit-action-erase = erased
audit-action-sign_in = signed in
audit-action-purge = purged
audit-action-merge = merged
audit-person-rights = This person's data
audit-person-export = Download everything held on this person (JSON)
audit-person-erase = Erase this person
audit-person-erase-confirm = I understand that this replaces the names, contacts and birth date for good; nationality, gender and courses are kept for the statistics.
audit-person-erase-missing = Tick the box to confirm the erasure.

# Kinds of record, channels and details in the audit log.
audit-entity-office = office
audit-entity-locality = locality
audit-entity-organisation = organisation
audit-entity-programme = programme
audit-entity-participation = participation
audit-entity-award = award
audit-entity-edition = course edition
audit-entity-session = curriculum session
audit-entity-person = person
audit-entity-place = place
audit-entity-attendance = attendance
audit-entity-trainee = trainees
audit-entity-account = account
audit-entity-token = API token
audit-entity-user-session = sign-in session
audit-channel-cli = command line
audit-channel-console = console
audit-channel-api = API
audit-channel-web = public site
audit-channel-system = system
audit-detail-import = by import
audit-detail-record = one record
audit-detail-list = in a list
audit-detail-report-people = behind a report's figure
audit-detail-subject-access = the person's own request
audit-detail-contact-details = contact details
audit-detail-disabled = disabled
audit-detail-enabled = enabled again
audit-detail-reset-link = password link issued
audit-detail-password-reset = password set through a link
audit-detail-password-changed = password changed by its owner
audit-detail-signed-out-everywhere = signed out everywhere
audit-detail-scope-read = read only
audit-detail-scope-write = read and write
audit-detail-version = now version { $n }
audit-detail-marks = { $n ->
    [one] one mark
   *[other] { $n } marks
}
audit-detail-of-user = of account { $n }
audit-detail-from-person = from person { $n }
audit-detail-into-person = into person { $n }
audit-detail-rows = { $n ->
    [one] one row
   *[other] { $n } rows
}
audit-detail-role-admin = role: administrator
audit-detail-role-staff = role: staff
audit-detail-role-partner = role: partner
