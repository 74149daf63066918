## Search (#16): the console's header box and results page, the public portal's search

search-label = Cari dalam semua rekod
search-placeholder = Cari…
search-go = Cari
search-title = Carian
search-results-for = Hasil carian “{ $q }”
search-found = { $count ->
    [one] Satu rekod ditemui.
   *[other] { $formatted } rekod ditemui.
}
search-none = Tiada apa-apa ditemui untuk “{ $q }”.
search-none-hint = Cuba kurangkan perkataan, taip permulaan nama sahaja, atau tulis nama dalam tulisan lain: huruf Rumi, kana atau kanji, tulisan Thai. Nama tempat ditemui dalam mana-mana tulisan (Kushiro, 釧路, คุชิโระ).
search-empty-hint = Taip nama atau beberapa perkataan dalam bahasa Melayu, Inggeris, Jepun atau Thai. Orang, organisasi, kawasan, program, aktiviti, hasil, penempatan, delegasi dan tempat dicari sekali gus.
search-too-long = Carian terlalu panjang: paling banyak { $max } aksara.
search-all-kinds = Semua jenis
search-kinds-label = Jenis rekod
search-show-all = Tunjukkan kesemua { $formatted }
search-kind-person = Orang
search-kind-organisation = Organisasi
search-kind-locality = Kawasan
search-kind-programme = Program
search-kind-activity = Aktiviti
search-kind-outcome = Hasil
search-kind-placement = Penempatan
search-kind-delegation = Delegasi
search-kind-place = Tempat
search-kind-story = Kisah
search-public-label = Cari tempat dan kisah
search-public-title = Cari tempat dan kisah
search-public-lead = Tempat di peta (makanan halal, bilik solat, kedai) dan kisah perkongsian kami, dalam bahasa anda.
search-public-empty-hint = Taip nama tempat, hidangan atau bandar dalam bahasa Melayu, Inggeris, Jepun atau Thai.
search-building = Indeks carian sedang dibina: { $indexed } daripada { $total } rekod boleh dicari setakat ini, jadi sesetengah hasil mungkin tiada. Cuba lagi dalam beberapa minit untuk mencari kesemuanya.
