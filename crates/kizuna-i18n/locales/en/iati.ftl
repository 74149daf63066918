# The words Kizuna writes into IATI files (kizuna export iati): the titles
# and descriptions it makes up for editions, results and indicators, as a
# narrative in each language.
iati-edition-title = { $course } ({ $fiscal_year })
iati-edition-description = An edition of the training course “{ $course }” in { $fiscal_year }, from { $start } to { $end }.
iati-course-description = A training course for overseas trainees, held in yearly editions.
iati-location-course = Where the course is run
iati-region-unspecified = Developing countries, unspecified
iati-result-trainees = Trainees
iati-result-trainees-description = The trainees of this edition, as of the day the file was written.
iati-result-trainees-all = Trainees, by fiscal year
iati-result-trainees-all-description = The sum over this course's editions in this file. The editions report the same people, so add up one or the other, not both.
iati-indicator-completed = Trainees who completed the course
iati-indicator-accepted = Trainees accepted (accepted, arrived or completed)
iati-partnership-description = A partnership programme under { $scheme }, linking { $japan } with { $abroad }.
iati-location-japan = The Japanese locality the programme links
iati-location-abroad = A locality abroad the programme links
iati-result-outcomes = Outcomes: { $kind }
iati-result-outcomes-description = The outcomes of this kind in the programme's ledger, by fiscal year, each counted once on the side it landed on (the dimension “side”: japan, abroad or both).
iati-indicator-outcomes = Outcomes harvested: { $kind }
