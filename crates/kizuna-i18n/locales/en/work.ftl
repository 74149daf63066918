# work: an edition's participations, sessions and awards made and changed in the console

## Shared
work-change = Change
work-col-change = Change
work-list-and = { $first } and { $last }
work-dash-link-awards = Awards received by the office and its partners

## Participants: finding a person and adding them
work-find-label = Find a person to add (any part of a name, in any script or in kana)
work-find-hint = Family or given name in Latin letters, the name in the person's own script, or the katakana or hiragana reading.
work-find-submit = Find
work-person-new = New person
work-person-missing = Someone not recorded yet? Record them first, then find them above.
work-participant-new = Add a participant
work-find-found = { $count ->
    [0] Nobody has a name like that. Check the spelling, or record a new person.
    [one] One person found.
   *[other] { $formatted } people found.
}
work-col-born = Born
work-col-courses = Courses
work-col-add = Add to this edition
work-find-here = already in this edition: { $roles }
work-find-role-of = Role of { $name }
work-find-nominated-of = Date { $name } was nominated
work-find-more = and { $count } more
work-find-add = Add

## Participants: the steps from nomination to completion
work-col-next-step = Next step (on the date shown)
work-step-date-of = Date of the next step for { $name }
work-step-accepted = Accept
work-step-arrived = Arrived
work-step-completed = Completed
work-step-withdrawn = Withdraw
work-step-refused = That step was not recorded; the reason is shown beside the person.
work-participation-edit = Change a participation
work-participation-delete = Remove from this edition
work-participation-status-hint = Moving forward? The buttons on the edition page record each step with its date. Here, a changed status needs the date of every step taken to reach it.
work-participation-nominated-on = Nominated on
work-participation-accepted-on = Accepted on
work-participation-arrived-on = Arrived on
work-participation-completed-on = Completed on
work-participation-withdrawn-on = Withdrew on
work-participation-started-on = First day of taking part
work-participation-ended-on = Last day of taking part
work-participation-plan = Action plan title
work-participation-plan-hint = Trainees only: the plan they draft and present at the presentation meeting.

## Sessions
work-session-new = New session
work-session-edit = Change a session
work-session-delete = Delete this session
work-session-title = Title
work-session-starts = Starts
work-session-ends = Ends
work-session-host = Host organisation
work-session-instructors = Instructors
work-session-no-teachers = This edition has no instructor or coordinator yet; add them as participants first, or choose from the list below.
work-session-other-instructors = Other instructors (people who have taught or coordinated another edition)
work-session-other-instructors-hint = Hold Ctrl (⌘ on a Mac) to choose more than one.

## Attendance
work-attendance-caption = Choose for each person how they attended; a note is optional.
work-attendance-present = Present
work-attendance-absent = Absent
work-attendance-late = Late
work-attendance-excused = Excused
work-col-note = Note
work-attendance-note-for = Note about { $name }
work-attendance-save-rest = Save, and everyone not marked was present
work-attendance-summary = Of { $count } participants: { $present } present, { $late } late, { $absent } absent, { $excused } excused, { $unmarked } not marked yet.

## Awards
work-awards-title = Awards
work-awards-lead = Awards the office or its partners received, newest first.
work-awards-none = No award has been recorded yet.
work-award-new = New award
work-award-edit = Change an award
work-award-delete = Delete this award
work-award-title = Award
work-award-recipient = Received by
work-award-by = Given by
work-award-received = Received on
work-award-citation = What it was given for
work-back-awards = Back to the awards

## Courses and editions
work-course-edit = Change this course
work-course-delete = Delete this course
work-edition-delete = Delete this edition

## Deleting
work-delete-course = Delete this training course?
work-delete-edition = Delete this course edition?
work-delete-session = Delete this session?
work-delete-participation = Remove this person from the edition?
work-delete-award = Delete this award?
work-delete-explain = Deleting cannot be undone.
work-delete-confirm = Delete
work-delete-cancel = Keep it
work-delete-back = Go back
work-delete-blocked = This cannot be deleted: it still has { $list }. Remove them first; nothing has been deleted.
work-delete-going-with = Deleted with it: { $list }.
work-delete-stale = Someone changed this record since you opened this page. Check it again before deleting.
work-delete-refused = Others depend on this record now; nothing was deleted.
work-count-editions = { $count ->
    [one] one course edition
   *[other] { $formatted } course editions
}
work-count-participations = { $count ->
    [one] one participation
   *[other] { $formatted } participations
}
work-count-sessions = { $count ->
    [one] one session
   *[other] { $formatted } sessions
}
work-count-attendance = { $count ->
    [one] one attendance mark
   *[other] { $formatted } attendance marks
}

## What a finished change says
work-done-participant-added = The person was added to this edition as nominated. Use the buttons in their row for the next steps.
work-done-moved = The step was recorded with its date.
work-done-participation-saved = The participation was saved.
work-done-participation-deleted = The person was removed from this edition.
work-done-session-saved = The session was saved.
work-done-session-deleted = The session was deleted.
work-done-course-saved = The training course was saved.
work-done-course-deleted = The training course was deleted.
work-done-edition-deleted = The course edition was deleted.
work-done-award-saved = The award was saved.
work-done-award-deleted = The award was deleted.

## Why a value was refused (by rule)
console-error-already-in-status = The participation is already at this step.
console-error-already-completed = This participation is completed; it has no further step.
console-error-already-withdrawn = This participation was withdrawn; it has no further step.
console-error-needs-arrival = Completion needs an arrival first: record the arrival, then the completion.
console-error-needs-acceptance = Arrival needs an acceptance first: record the acceptance, then the arrival.
console-error-cannot-go-back = A participation only moves forward. To correct a mistake, change its status and dates with Change.
console-error-before-previous-step = This date is before the date of the step before it.
console-error-date-beyond-status = The chosen status has not reached this step: clear this date or choose another status.
console-error-step-date-required = Give the date of this step: the chosen status needs it.
console-error-already-taking-part = This person already takes part in this edition in this role.
console-error-stale-row = Someone changed this participation meanwhile; the page now shows it as it stands. Try again.
console-error-mark-needed = Choose how this person attended to go with the note.
