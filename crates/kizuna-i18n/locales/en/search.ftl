## Search (#16): the console's header box and results page, the public portal's search

search-label = Search all records
search-placeholder = Search…
search-go = Search
search-title = Search
search-results-for = Results for “{ $q }”
search-found = { $count ->
    [one] One record found.
   *[other] { $formatted } records found.
}
search-none = Nothing was found for “{ $q }”.
search-none-hint = Try fewer words, the beginning of a name, or the name in another script: Latin letters, kana or kanji, Thai. Place names are found in any of them (Kushiro, 釧路, คุชิโระ).
search-empty-hint = Type a name or some words in English, Japanese, Thai or Malay. People, organisations, localities, programmes, activities, outcomes, placements, delegations and places are searched at once.
search-too-long = The search is too long: at most { $max } characters.
search-all-kinds = All kinds
search-kinds-label = Kinds of record
search-show-all = Show all { $formatted }
search-kind-person = People
search-kind-organisation = Organisations
search-kind-locality = Localities
search-kind-programme = Programmes
search-kind-activity = Activities
search-kind-outcome = Outcomes
search-kind-placement = Placements
search-kind-delegation = Delegations
search-kind-place = Places
search-kind-story = Stories
search-public-label = Search places and stories
search-public-title = Search places and stories
search-public-lead = Places on the map (halal food, prayer rooms, shops) and the stories of our partnerships, in your language.
search-public-empty-hint = Type a place, a dish or a town in English, Japanese, Thai or Malay.
search-building = The search index is being built: { $indexed } of { $total } records can be searched so far, so some results may be missing. Try again in a few minutes to search them all.
