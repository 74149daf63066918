# The printable booklet of the Muslim-friendly map (its own words).

booklet-title = Muslim-friendly map
booklet-subtitle = Places to dine and pray, by area
booklet-generated = Made on { $date }
booklet-counts = { $places ->
    [one] { $places } place
   *[other] { $places } places
} in { $areas ->
    [one] { $areas } area
   *[other] { $areas } areas
}
booklet-contents = Contents
booklet-footer = Page { $n } of { $total }
booklet-legend-title = How sure is the food? Assurance levels
booklet-level-certified = Halal certified
booklet-level-self-declared = Muslim-friendly (self-declared)
booklet-level-pork-free = Pork-free
booklet-level-vegetarian = Vegetarian options
booklet-level-unknown = Food not known
booklet-level-lapsed = Certificate not valid today
booklet-note-certified = A halal certification body has certified the place; its name, the certificate number and the last day of validity are given.
booklet-note-self-declared = The place says it is Muslim-friendly; nobody has checked.
booklet-note-pork-free = No pork is served; other meat is not certified and alcohol may be served.
booklet-note-vegetarian = Vegetarian dishes are available; nothing more is known.
booklet-note-unknown = Nothing is known about the food (often a place to pray or a hotel).
booklet-note-lapsed = The place was certified, but its certificate has ended or has not started yet.
booklet-cat-restaurant = Restaurant
booklet-cat-cafe = Café
booklet-cat-grocery = Grocery
booklet-cat-halal-shop = Halal shop
booklet-cat-hotel = Hotel
booklet-cat-mosque = Mosque
booklet-cat-prayer-room = Prayer room
booklet-cat-other = Other
booklet-chain-branch = { $branch } branch of { $chain }
booklet-chain = Part of { $chain }
booklet-certified-by = Certified by { $certifier }, no. { $number }, valid until { $until }
booklet-cert-expired = Certificate by { $certifier } (no. { $number }) ended on { $until }
booklet-cert-not-yet = Certificate by { $certifier } (no. { $number }) is valid from { $from } until { $until }
booklet-alcohol-yes = Alcohol served
booklet-alcohol-no = No alcohol
booklet-prayer = { "Prayer: " }
booklet-fac-prayer-space = prayer space
booklet-fac-wudu = wudu (ablution)
booklet-fac-women = separate space for women
booklet-fac-qibla = qibla marked
booklet-fac-mats = prayer mats
booklet-address = { "Address: " }
booklet-phone = { "Tel. " }
booklet-hours = { "Hours: " }
booklet-verified = Last checked { $date }
booklet-stale = not checked for over a year
booklet-never-verified = Never checked
booklet-other-area = Other places
booklet-continued = (continued)
booklet-place-count = { $n ->
    [one] { $n } place
   *[other] { $n } places
}
booklet-demo-tag = demo data
booklet-demo-note = Demo data: the places marked as demo data are fictional.
booklet-osm-note = Some places come from OpenStreetMap: { $attribution }
booklet-sources-note = Other sources: { $sources }
booklet-land-note = Land shapes: Natural Earth (public domain), through world-atlas.
booklet-check-note = Assurance levels and hours are as recorded; certificates are judged as of { $date }. Please check with the place before you go.
booklet-map-caption = The numbers on the map are those of the list.
booklet-no-places = No places are recorded yet.
booklet-list-separator = { ", " }
booklet-unavailable = The booklet cannot be made just now. Please try again later, or ask the office for a printed copy.
booklet-day-mo = Mon
booklet-day-tu = Tue
booklet-day-we = Wed
booklet-day-th = Thu
booklet-day-fr = Fri
booklet-day-sa = Sat
booklet-day-su = Sun
booklet-every-day = Daily
booklet-hours-closed = closed
booklet-hours-all-day = open 24 hours
booklet-hours-from = from { $time }
booklet-hours-ask = ask first
booklet-overview-alt = Overview map: the areas lettered as in the contents, and every place as a dot coloured by how sure its food is (the legend below).
booklet-map-alt = Map of { $area }: its places numbered as in the list below and coloured by how sure their food is, with a scale bar.
