# The matchmaker's page (/console/match) and the reasons a profile cannot
# be matched (also said by `kizuna match`).

matchmaker-title = Pencari padanan
matchmaker-lead = Rakan kongsi yang mungkin bagi sesebuah lokaliti atau organisasi: di luar negara bagi pihak Jepun, di Jepun bagi pihak asing. Mereka disusun mengikut sejauh mana tawaran memenuhi keperluan satu sama lain, tema yang dikongsi, kedekatan dalam graf hubungan yang direkodkan dan hasil hubungan lalu yang serupa. Setiap cadangan memetik buktinya dengan nombor rekod.
matchmaker-choose = Pihak yang hendak dipadankan
matchmaker-locality = Lokaliti
matchmaker-organisation = Organisasi
matchmaker-none-chosen = — pilih —
matchmaker-show = Tunjukkan cadangan
matchmaker-for = Cadangan untuk { $name }
matchmaker-ranked = { $count ->
    [one] Satu rakan kongsi disusun.
   *[other] { $count } rakan kongsi disusun.
}
matchmaker-known = Sudah berhubung dengan (tidak dicadangkan): { $names }
matchmaker-no-known = Belum berhubung dengan sesiapa.
matchmaker-none = Tiada rakan kongsi untuk dicadangkan.
matchmaker-rank = Kedudukan
matchmaker-counterpart = Rakan kongsi
matchmaker-country = Negara
matchmaker-score = Skor
matchmaker-why = Sebab
matchmaker-meets = { $offer } ({ $by }) memenuhi { $need } ({ $to }) dalam { $theme }.
matchmaker-mutual = Tawaran memenuhi keperluan dari kedua-dua arah.
matchmaker-shared = Tema dikongsi: { $themes }.
matchmaker-through = Berhubung melalui { $through } ({ $links }).
matchmaker-resembles = Menyerupai { $a } – { $b } ({ $links }) dalam { $themes }, yang menghasilkan { $outcomes }.
matchmaker-partners = { $count ->
    [0] Belum ada rakan kongsi yang diketahui.
    [one] Satu rakan kongsi yang diketahui.
   *[other] { $count } rakan kongsi yang diketahui.
}
matchmaker-offer = tawaran { $id }
matchmaker-need = keperluan { $id }
matchmaker-not-matchable = { $name } belum boleh dipadankan: { $reason }.
matchmaker-gap-no_locality = tiada lokaliti direkodkan, jadi pihak dan negaranya tidak diketahui
matchmaker-gap-no_offer = tiada apa yang ditawarkan direkodkan
matchmaker-gap-no_need = tiada apa yang dicari direkodkan
matchmaker-note = Pemberat skor ditetapkan dengan tangan, bukan dilaraskan pada data. Hubungan dalam data demo dijana dengan mengambil kira saling melengkapi, jadi angkanya menunjukkan kaedah berfungsi seperti yang dibina, bukan sejauh mana ia meramalkan hubungan sebenar.
