# people: creating, editing, finding, merging and deleting people in the console

## The people list and the name search
people-title = People
people-new = New person
people-to-trainees = The trainee list
people-to-people = Everyone recorded (any role), with a name search
people-search = Find a person
people-search-name = Name
people-search-hint = Any part of any form of the name: Latin letters (accents optional), own script, kana (hiragana or katakana).
people-search-go = Find
people-total = { $count ->
    [0] Nobody matches.
    [one] One person matches.
   *[other] { $formatted } people match.
}
people-none = No person has been recorded yet.
people-none-found = Nobody with that name was found. Try part of the name, or another of its forms.
people-col-other-names = Own script and kana
people-col-birth-year = Born
people-col-courses = Courses
people-col-action = Action
people-more-courses = { $count ->
    [one] and one more
   *[other] and { $formatted } more
}
people-download-without-search = The downloads hold the filtered list without the name search: clear the name to download.
people-deleted = The person was deleted.

## The person page
people-back-list = Back to the people list
people-back-person = Back to the person
people-action-edit = Edit
people-action-merge = Merge a duplicate into this person
people-action-delete = Delete
people-created = The person was created.
people-saved = The changes were saved.
people-merged = Person { $other } was merged into this person and deleted. The audit log records the merge.

## The form
people-edit = Edit the person
people-family-name = Family name (Latin letters)
people-family-name-hint = As in the passport. For people with only one name, that name.
people-given-name = Given names (Latin letters)
people-native-hint = In the person's own script, e.g. Thai, Chinese or Japanese.
people-kana-hint = The reading in katakana, as Japanese documents write it.
people-personal-hint = Personal data: shown to staff only.
people-error-same-identity = A person with the same Latin names, nationality and birth date is already recorded. If this is someone else, enter their birth date to tell them apart; if it is the same person, use the existing record.
people-duplicates-title = Is this someone already recorded?
people-duplicates-body = These people have the same name (in one of its forms) and nationality. Nothing has been saved. Open them to check; if this is one of them, use that record instead.
people-different-person = This is a different person: create anyway.

## Merging
people-merge-title = Merge a duplicate into this person
people-merge-lead = Choose the other record of { $name }. Its courses, sessions and attendance move here, the empty fields here are filled from it, and then it is deleted.
people-merge-likely = Likely duplicates (same name and nationality)
people-merge-find = Find the other record
people-merge-choose = Choose
people-merge-choose-another = Choose another record
people-merge-confirm-title = Merge { $other } into this person?
people-merge-fields-caption = Fields of the two records, and this person's after the merge.
people-merge-col-field = Field
people-merge-col-kept = This person (kept)
people-merge-col-other = The other record (deleted)
people-merge-col-after = After the merge
people-merge-filled = taken from the other record
people-merge-differs = the other record's value is dropped
people-merge-moves = What moves to this person
people-merge-both-instruct = { $count ->
    [one] Both are listed as instructors of one session: this person stays listed there once.
   *[other] Both are listed as instructors of { $formatted } sessions: this person stays listed there once.
}
people-merge-attendance = { $count ->
    [0] No attendance marks.
    [one] One attendance mark.
   *[other] { $formatted } attendance marks.
}
people-merge-accounts-follow = These accounts stay linked by their e-mail address, which this person takes over.
people-merge-accounts-stay = These accounts are linked by an e-mail address this person does not take over (this person keeps their own): they will no longer match a person.
people-merge-refused = Both records take part in the same course edition, so they cannot be merged as they are. Open the edition, remove the participation of the record to be deleted, then merge.
people-merge-explain = { $other } will be deleted and everything above moved to this person, at once. The audit log records the merge with both ids.
people-merge-do = Merge and delete the other record
people-merge-stale = One of the two records was changed since this page was shown, so nothing was merged. Check what would happen now, then merge again.
people-other-records = Other records

## Deleting
people-delete-title = Delete a person
people-delete-heading = Delete { $name }?
people-delete-explain = The person's record is removed for good. Nothing else refers to them.
people-delete-do = Delete the person
people-delete-cancel = Keep the person
people-delete-refused = This person cannot be deleted while these records refer to them. Remove them first, or merge this person into another record.
people-delete-instead = If this is a duplicate:
people-delete-participations = { $count ->
    [0] No participation in a course edition.
    [one] One participation in a course edition
   *[other] { $formatted } participations in course editions
}
people-delete-sessions = { $count ->
    [0] Not listed as an instructor of any session.
    [one] Instructor of one session
   *[other] Instructor of { $formatted } sessions
}
people-delete-accounts = { $count ->
    [0] No account under their e-mail address.
    [one] One account under their e-mail address
   *[other] { $formatted } accounts under their e-mail address
}
people-account-role-admin = administrator
people-account-role-staff = staff
people-account-role-partner = partner
nav-people = People
