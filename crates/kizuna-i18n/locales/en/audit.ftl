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
audit-action-purge = purged
audit-person-rights = This person's data
audit-person-export = Download everything held on this person (JSON)
audit-person-erase = Erase this person
audit-person-erase-confirm = I understand that this replaces the names, contacts and birth date for good; nationality, gender and courses are kept for the statistics.
audit-person-erase-missing = Tick the box to confirm the erasure.
