# alumni (issue 13): follow-ups due, the follow-up form, a person's history, associations
alumni-due-title = Follow-ups due
alumni-due-lead = Former trainees and volunteers are followed up six and twelve months after they finished. Those not yet done appear here until a year after their day.
alumni-back-console = Console
alumni-within = Also due within (days)
alumni-show = Show
alumni-due-count = { $count ->
    [0] No follow-up is due.
    [one] One follow-up is due.
   *[other] { $formatted } follow-ups are due.
}
alumni-days-overdue = { $count ->
    [one] 1 day overdue
   *[other] { $formatted } days overdue
}
alumni-days-left = { $count ->
    [0] due today
    [one] due in 1 day
   *[other] due in { $formatted } days
}
alumni-col-person = Person
alumni-col-what = Course or placement
alumni-col-milestone = Milestone
alumni-col-due = Due on
alumni-col-overdue = Overdue
alumni-col-last-contact = Last contact
alumni-col-date = Date
alumni-col-kind = Record
alumni-col-step = What happened
alumni-col-sessions = Sessions
alumni-col-country = Country
alumni-col-name = Name
alumni-col-founded = Founded
alumni-col-role = Role
alumni-col-joined = Joined
alumni-record = Record
alumni-follow-up-new = Record a follow-up
alumni-follow-up-saved = The follow-up was saved.
alumni-done-on = Done on
alumni-channel = Contacted by
alumni-progress = Action plan
alumni-evidence-url = Evidence link
alumni-notes = Notes
alumni-none = (none)
alumni-save = Save
alumni-lang-en = English
alumni-lang-ja = Japanese
alumni-lang-th = Thai
alumni-lang-ms = Malay
alumni-milestone-m6 = 6 months
alumni-milestone-m12 = 12 months
alumni-milestone-other = Other contact
alumni-progress-not-started = Not started
alumni-progress-in-progress = In progress
alumni-progress-implemented = Implemented
alumni-channel-email = E-mail
alumni-channel-phone = Telephone
alumni-channel-video-call = Video call
alumni-channel-visit = Visit
alumni-channel-social-media = Social media
alumni-channel-letter = Letter
alumni-channel-other = Other
alumni-role-chair = Chair
alumni-role-vice-chair = Vice-chair
alumni-role-secretary = Secretary
alumni-role-treasurer = Treasurer
alumni-role-member = Member
alumni-placement-started = Placement began
alumni-placement-ended = Placement ended
alumni-kind-course = Course
alumni-kind-activity = Activity
alumni-kind-outcome = Outcome
alumni-kind-placement = Volunteer placement
alumni-kind-follow-up = Follow-up
alumni-kind-membership = Alumni association
alumni-kind-delegation = Delegation received
alumni-kind-dispatch = Dispatch abroad
alumni-delegation-member = Member of the delegation
alumni-hours = Volunteer hours
alumni-hours-approved = Hours approved
alumni-hours-pending = Hours pending
alumni-history-title = History
alumni-history-lead = Everything recorded about this person across the office's work, oldest first. Opening this page is logged.
alumni-history-empty = Nothing has been recorded about this person yet.
alumni-attendance = Attendance
alumni-present = Present
alumni-late = Late
alumni-absent = Absent
alumni-excused = Excused
alumni-planned = Follow-ups planned
alumni-associations-title = Alumni associations
alumni-associations-empty = No alumni association has been recorded.
alumni-members = Members
alumni-members-empty = No member has been recorded.
alumni-error-before-completion = This date is before the course or placement ended.
alumni-error-wrong-due-date = This is not the milestone's due date: it falls 6 or 12 months after the end.
alumni-error-duplicate = This milestone is already recorded for this course or placement.
alumni-error-evidence-required = An implemented action plan needs evidence: a link, or a note saying what was done.
alumni-error-in-future = This date is after today.
alumni-error-not-finished = Only a completed course or an ended placement is followed up.
alumni-error-other-person = This course or placement belongs to someone else.
alumni-error-invalid-url = Give a web address starting with https:// or http://.
alumni-error-already-member = This person is already a member.
alumni-error-other-country = The association gathers alumni of another country.
alumni-error-not-alumni = Only someone who completed a course or a placement can be a member.
alumni-follow-up-edit = Edit the follow-up
alumni-delete = Delete
alumni-delete-follow-up = Delete this follow-up?
alumni-choose-person = Choose a person
alumni-member-add = Add a member
alumni-member-add-lead = Alumni of the association's country who are not yet members.
alumni-member-remove = Remove
alumni-remove-member = Remove this member from the association?
alumni-member-added = The member was added.
alumni-member-removed = The member was removed.
