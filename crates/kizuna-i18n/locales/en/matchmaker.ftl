# The matchmaker's page (/console/match) and the reasons a profile cannot
# be matched (also said by `kizuna match`).

matchmaker-title = Matchmaker
matchmaker-lead = Counterparts for a locality or an organisation: abroad for a Japanese party, in Japan for a foreign one. They are ranked by how their offers meet each other's needs, the themes they share, how close they are in the graph of recorded links and what similar past links produced. Every suggestion cites its evidence by record number.
matchmaker-choose = Whom to match
matchmaker-locality = Locality
matchmaker-organisation = Organisation
matchmaker-none-chosen = — choose —
matchmaker-show = Show suggestions
matchmaker-for = Suggestions for { $name }
matchmaker-ranked = { $count ->
    [one] One counterpart ranked.
   *[other] { $count } counterparts ranked.
}
matchmaker-known = Already linked with (not suggested): { $names }
matchmaker-no-known = Not linked with anyone yet.
matchmaker-none = There is no counterpart to suggest.
matchmaker-rank = Rank
matchmaker-counterpart = Counterpart
matchmaker-country = Country
matchmaker-score = Score
matchmaker-why = Why
matchmaker-meets = { $offer } ({ $by }) meets { $need } ({ $to }) on { $theme }.
matchmaker-mutual = Offers meet needs both ways.
matchmaker-shared = Shared themes: { $themes }.
matchmaker-through = Linked through { $through } ({ $links }).
matchmaker-resembles = Resembles { $a } – { $b } ({ $links }) on { $themes }, which produced { $outcomes }.
matchmaker-partners = { $count ->
    [0] No known partner yet.
    [one] One known partner.
   *[other] { $count } known partners.
}
matchmaker-offer = offer { $id }
matchmaker-need = need { $id }
matchmaker-not-matchable = { $name } cannot be matched yet: { $reason }.
matchmaker-gap-no_locality = no locality is recorded, so its side and country are unknown
matchmaker-gap-no_offer = nothing it offers is recorded
matchmaker-gap-no_need = nothing it seeks is recorded
matchmaker-note = The weights of the score are set by hand, not fitted. The demo's links were generated with complementarity in mind, so its figures show that the method works as built, not how well it predicts real ties.
