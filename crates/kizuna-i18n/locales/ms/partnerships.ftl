# Halaman perkongsian: konsol kakitangan untuk program perkongsian, aktiviti,
# hasil dan pautan sebab-akibatnya, pengesahan hasil, pautan antara lokaliti,
# tawaran dan keperluan; dan halaman hasil rakan kongsi.

nav-partnerships = Perkongsian
partnerships-partner-link = Hasil program kami

## Senarai program
partnerships-title = Program perkongsian
partnerships-lead = Program yang menghubungkan lokaliti di Jepun dengan lokaliti di luar negara, dan hasilnya di kedua-dua pihak.
partnerships-new = Program perkongsian baharu
partnerships-edit = Ubah program
partnerships-none = Belum ada program perkongsian yang direkodkan.
partnerships-no-details = Tiada butiran perkongsian
partnerships-programme = Program
partnerships-localities = Lokaliti
partnerships-period = Tempoh
partnerships-status = Keadaan
partnerships-activities = Aktiviti
partnerships-outcomes = Hasil
partnerships-unsubstantiated = Menunggu pengesah
partnerships-back-list = ← Program perkongsian
partnerships-back-programme = ← Kembali ke program

## Borang program
partnerships-the-programme = Program
partnerships-the-partnership = Perkongsian
partnerships-key = Kunci
partnerships-programme-title = Tajuk
partnerships-organisation = Organisasi
partnerships-summary = Ringkasan
partnerships-funding-scheme = Skim pembiayaan
partnerships-proposer = Dicadangkan oleh
partnerships-japan-locality = Lokaliti di Jepun
partnerships-abroad-localities = Lokaliti di luar negara
partnerships-abroad-locality = Lokaliti di luar negara
partnerships-multi-hint = Pilih satu atau lebih (tekan Ctrl atau ⌘ untuk memilih beberapa).
partnerships-themes = Tema
partnerships-theme = Tema
partnerships-starts-on = Bermula pada
partnerships-ends-on = Berakhir pada
partnerships-budget = Bajet
partnerships-budget-amount = Bajet (nombor bulat)
partnerships-budget-currency = Mata wang (ISO 4217, cth. JPY)
partnerships-public = Awam
partnerships-public-story = Paparkan halaman kisah awam program ini
partnerships-yes = Ya
partnerships-no = Tidak

## Halaman program
partnerships-details = Butiran
partnerships-ripple-link = Graf kesan berantai
partnerships-organisations = Organisasi dan peranannya
partnerships-role = Peranan
partnerships-add-role = Tambah organisasi
partnerships-remove = Buang
partnerships-nothing-yet = Belum ada rekod.
partnerships-links = Apa membawa kepada apa
partnerships-links-lead = Pautan sebab-akibat menyatakan bahawa program, aktiviti atau hasil membawa kepada sesuatu hasil. Pautan tidak pernah berpusing dalam bulatan.
partnerships-link-from = Punca
partnerships-link-from-programme = Program itu sendiri
partnerships-link-to = Membawa kepada hasil
partnerships-link-add = Tambah pautan
partnerships-by-partner = Dicadangkan oleh rakan kongsi
partnerships-waiting = menunggu pengesah

## Aktiviti
partnerships-activity-new = Aktiviti baharu
partnerships-activity-edit = Ubah aktiviti
partnerships-activity-kind = Jenis aktiviti
partnerships-activity-title = Tajuk
partnerships-locality = Lokaliti
partnerships-place = Tempat
partnerships-run-by = Dikendalikan oleh

## Hasil
partnerships-outcome-new = Hasil baharu
partnerships-outcome-edit = Ubah hasil
partnerships-outcome-title = Tajuk ringkas
partnerships-what-changed = Apa yang berubah (siapa melakukan apa secara berbeza)
partnerships-outcome-kind = Jenis hasil
partnerships-side = Di pihak mana
partnerships-occurred-on = Tarikh berlaku
partnerships-actor = Siapa yang berubah (pelaku sosial)
partnerships-actor-hint = Organisasi, orang, atau huraian: sekurang-kurangnya satu.
partnerships-actor-organisation = Organisasi
partnerships-actor-person = Orang (nombor rekod orang itu)
partnerships-actor-description = Huraian
partnerships-agent = Ejen perubahan (siapa yang mempengaruhinya)
partnerships-contribution = Bagaimana program menyumbang
partnerships-significance = Mengapa ia penting
partnerships-proposal-status = Kedudukan cadangan
partnerships-not-a-proposal = (bukan cadangan)
partnerships-evidence = Bukti (alamat web)
partnerships-public-outcome = Paparkan pada halaman kisah awam
partnerships-recorded-by = Direkodkan oleh

## Pengesahan
partnerships-unsubstantiated-title = Hasil untuk disahkan
partnerships-unsubstantiated-lead = Hasil yang belum disahkan atau dipertikaikan oleh sesiapa, yang terlama dahulu. Rekodkan siapa yang mengesahkan setiap satu, bila dan pandangannya.
partnerships-all-programmes = Semua program
partnerships-show = Papar
partnerships-waiting-count = { $count ->
    [one] Satu hasil sedang menunggu.
   *[other] { $formatted } hasil sedang menunggu.
}
partnerships-substantiated-by = Disahkan oleh
partnerships-substantiated-on = Disahkan pada
partnerships-verdict = Pandangan
partnerships-note = Catatan
partnerships-substantiate = Rekodkan pengesahan

## Pautan antara lokaliti
partnerships-local-links-title = Pautan antara lokaliti
partnerships-local-links-lead = Lokaliti mana di Jepun dihubungkan dengan lokaliti mana di luar negara, dan sama ada ikatan bandar kembar dikira dalam daftar kebangsaan.
partnerships-local-link-new = Pautan lokaliti baharu
partnerships-local-link-edit = Ubah pautan lokaliti
partnerships-link-kind = Jenis pautan
partnerships-since = Sejak
partnerships-register-lead = Daftar kebangsaan mengira bandar kembar apabila kedua-dua ketua menandatangani perjanjian, pertukaran meliputi lebih daripada satu bidang dan majlis tempatan meluluskannya.
partnerships-agreement-on = Perjanjian ditandatangani pada
partnerships-signatories = Ditandatangani oleh
partnerships-council-approved-on = Diluluskan majlis pada
partnerships-exchange-fields = Bidang pertukaran
partnerships-register = Daftar kebangsaan
partnerships-register-counts = Dikira sebagai bandar kembar
partnerships-register-not-counted = Tidak dikira: { $reasons }

## Tawaran dan keperluan
partnerships-profiles-title = Tawaran dan keperluan
partnerships-profiles-lead = Apa yang ditawarkan dan dicari oleh setiap organisasi dan lokaliti. Profil hanya boleh dipadankan apabila lengkap.
partnerships-party = Organisasi atau lokaliti
partnerships-party-organisation = Organisasi
partnerships-party-locality = Lokaliti
partnerships-offers = Tawaran
partnerships-needs = Keperluan
partnerships-completeness = Kelengkapan
partnerships-matchable = Boleh dipadankan
partnerships-not-matchable = Tidak boleh dipadankan: { $reasons }
partnerships-offer-need-add = Tambah tawaran atau keperluan
partnerships-direction = Tawaran atau keperluan
partnerships-detail = Dengan kata-kata mereka

## Hasil rakan kongsi
partnerships-partner-title = Hasil program kami
partnerships-partner-lead = Program perkongsian yang disertai organisasi anda dan hasilnya. Anda boleh mencadangkan hasil; kakitangan pejabat akan mengesahkannya.
partnerships-partner-none = Organisasi anda belum menyertai mana-mana program perkongsian.
partnerships-propose = Cadangkan hasil
partnerships-propose-lead = Cadangan anda disimpan sebagai milik anda, tidak diterbitkan, dan menunggu pengesahan kakitangan pejabat.
partnerships-partner-actor = Siapa yang berubah, jika bukan organisasi anda
partnerships-propose-send = Hantar cadangan

## Memadam
partnerships-delete-programme = Padam program
partnerships-delete-activity = Padam aktiviti
partnerships-delete-outcome = Padam hasil
partnerships-delete-local-link = Padam pautan lokaliti
partnerships-delete-blocked = Ia tidak boleh dipadam selagi { $list } masih miliknya. Padamkan itu dahulu.
partnerships-delete-going-with = Memadamnya turut memadam { $list }.
partnerships-count-activities = { $count ->
    [one] satu aktiviti
   *[other] { $formatted } aktiviti
}
partnerships-count-outcomes = { $count ->
    [one] satu hasil
   *[other] { $formatted } hasil
}
partnerships-count-roles = { $count ->
    [one] satu peranan organisasi
   *[other] { $formatted } peranan organisasi
}
partnerships-count-links = { $count ->
    [one] satu pautan sebab-akibat
   *[other] { $formatted } pautan sebab-akibat
}

## Mesej selepas menyimpan
partnerships-done-programme-saved = Program telah disimpan.
partnerships-done-programme-deleted = Program telah dipadam.
partnerships-done-role-added = Organisasi telah ditambah.
partnerships-done-role-removed = Peranan organisasi telah dibuang.
partnerships-done-activity-saved = Aktiviti telah disimpan.
partnerships-done-activity-deleted = Aktiviti telah dipadam.
partnerships-done-outcome-saved = Hasil telah disimpan.
partnerships-done-outcome-deleted = Hasil telah dipadam.
partnerships-done-link-added = Pautan telah ditambah.
partnerships-done-link-removed = Pautan telah dibuang.
partnerships-done-substantiated = Pengesahan telah direkodkan.
partnerships-done-local-link-saved = Pautan lokaliti telah disimpan.
partnerships-done-local-link-deleted = Pautan lokaliti telah dipadam.
partnerships-done-offer-need-added = Telah ditambah.
partnerships-done-offer-need-removed = Telah dibuang.
partnerships-done-proposed = Cadangan anda telah dihantar. Ia menunggu kakitangan pejabat.

## Nilai
partnerships-status-pipeline = Dalam persediaan
partnerships-status-implementation = Sedang berjalan
partnerships-status-finalisation = Sedang ditamatkan
partnerships-status-closed = Ditutup
partnerships-status-cancelled = Dibatalkan
partnerships-status-suspended = Digantung
partnerships-role-funding = Pembiaya
partnerships-role-accountable = Bertanggungjawab
partnerships-role-extending = Pengurus dana
partnerships-role-implementing = Pelaksana
partnerships-activity-kind-training = Latihan
partnerships-activity-kind-visit-to-japan = Lawatan ke Jepun
partnerships-activity-kind-visit-abroad = Lawatan ke luar negara
partnerships-activity-kind-joint-development = Pembangunan bersama
partnerships-activity-kind-fair = Pameran
partnerships-activity-kind-seminar = Seminar dan bengkel
partnerships-activity-kind-other = Lain-lain
partnerships-outcome-kind-joint-product = Produk bersama
partnerships-outcome-kind-certification = Pensijilan
partnerships-outcome-kind-award = Anugerah
partnerships-outcome-kind-new-business = Perniagaan baharu
partnerships-outcome-kind-business-suspended = Perniagaan digantung
partnerships-outcome-kind-proposal = Cadangan
partnerships-outcome-kind-appointment = Pelantikan
partnerships-outcome-kind-agreement = Perjanjian
partnerships-outcome-kind-media-coverage = Liputan media
partnerships-outcome-kind-tourism-product = Produk pelancongan
partnerships-side-japan = Di Jepun
partnerships-side-abroad = Di luar negara
partnerships-side-both = Di kedua-dua pihak
partnerships-proposal-proposed = Dicadangkan
partnerships-proposal-under-discussion = Dalam perbincangan
partnerships-proposal-agreed = Dipersetujui
partnerships-proposal-realised = Direalisasikan
partnerships-proposal-dropped = Digugurkan
partnerships-verdict-agree = Setuju
partnerships-verdict-partly = Setuju sebahagiannya
partnerships-verdict-disagree = Tidak setuju
partnerships-recorded-by-staff = Direkodkan oleh kakitangan
partnerships-recorded-by-partner = Dicadangkan oleh rakan kongsi
partnerships-link-kind-sister-city = Bandar kembar
partnerships-link-kind-friendship = Persahabatan
partnerships-link-kind-partnership = Perkongsian
partnerships-exchange-education = Pendidikan
partnerships-exchange-culture = Kebudayaan
partnerships-exchange-sports = Sukan
partnerships-exchange-economy = Ekonomi
partnerships-exchange-youth = Belia
partnerships-exchange-administration = Pentadbiran
partnerships-exchange-health = Kesihatan
partnerships-exchange-environment = Alam sekitar
partnerships-exchange-tourism = Pelancongan
partnerships-exchange-agriculture = Pertanian
partnerships-exchange-technology = Teknologi
partnerships-gap-not-sister-city = ia bukan ikatan bandar kembar
partnerships-gap-no-signed-agreement = tiada rekod perjanjian yang ditandatangani kedua-dua ketua
partnerships-gap-single-field = pertukaran terhad kepada satu bidang
partnerships-gap-no-council-approval = tiada rekod kelulusan majlis
partnerships-direction-offer = Tawaran
partnerships-direction-need = Keperluan
partnerships-profile-gap-no-locality = tiada lokaliti, jadi pihak dan negaranya tidak diketahui
partnerships-profile-gap-no-offer = tiada tawaran
partnerships-profile-gap-no-need = tiada keperluan

## Mesej peraturan
partnerships-error-cycle = Pautan ini akan menutup bulatan: { $cycle }. Sesuatu hasil tidak boleh, melalui hasil lain, membawa kepada dirinya sendiri.
partnerships-error-duplicate-link = Kedua-duanya sudah dipautkan.
partnerships-error-self-link = Sesuatu hasil tidak boleh membawa kepada dirinya sendiri.
partnerships-error-several-causes = Pilih satu punca.
partnerships-error-not-a-partnership = Program ini bukan program perkongsian.
partnerships-error-not-in-japan = Lokaliti ini bukan di Jepun.
partnerships-error-not-abroad = Lokaliti ini di Jepun; pilih lokaliti di luar negara.
partnerships-error-not-a-proposal = Hanya cadangan yang mempunyai kedudukan cadangan.
partnerships-error-incomplete-substantiation = Pengesahan memerlukan siapa yang mengesahkan, bila, dan pandangannya.
partnerships-error-before-outcome = Tarikh ini sebelum hasil itu berlaku.
partnerships-error-invalid-url = Berikan alamat web yang bermula dengan https:// atau http://.
partnerships-error-invalid-currency = Berikan kod mata wang tiga huruf besar, cth. JPY.
partnerships-error-negative = Bajet tidak boleh negatif.
partnerships-error-same-locality = Pautan menghubungkan dua lokaliti yang berbeza.
partnerships-error-unknown-theme = Pilih tema daripada senarai.
partnerships-error-several-parties = Tawaran atau keperluan milik organisasi atau lokaliti, bukan kedua-duanya.
partnerships-error-not-your-programme = Organisasi anda tidak menyertai program ini.

## Evidence files of an outcome, and a causal link's note.
partnerships-evidence-files = Fail bukti
partnerships-evidence-none = Belum ada fail bukti.
partnerships-evidence-file = Tambah fail
partnerships-evidence-hint = Fail PDF, imej PNG atau JPEG, buku kerja Excel (.xlsx) atau fail CSV, sehingga { $limit }.
partnerships-evidence-add = Tambah fail
partnerships-evidence-delete = Padam
partnerships-evidence-kind-pdf = Fail PDF
partnerships-evidence-kind-png = Imej PNG
partnerships-evidence-kind-jpeg = Imej JPEG
partnerships-evidence-kind-xlsx = Buku kerja Excel
partnerships-evidence-kind-csv = Fail CSV
partnerships-done-evidence-added = Fail telah ditambah.
partnerships-done-evidence-deleted = Fail telah dipadam.
partnerships-evidence-refused-empty = “{ $name }” kosong; tiada apa-apa ditambah.
partnerships-evidence-refused-type = “{ $name }” bukan fail PDF, PNG, JPEG, buku kerja Excel atau CSV (kandungannya diperiksa, bukan namanya sahaja); tiada apa-apa ditambah.
partnerships-evidence-refused-name = Kandungan “{ $name }” berlainan jenis daripada yang dinyatakan oleh namanya; namakan semula dengan sambungan yang betul dan tambah sekali lagi.
partnerships-evidence-refused-unreadable = “{ $name }” tidak dapat dibaca sebagai buku kerja; simpan semula sebagai .xlsx.
partnerships-evidence-refused-too-large = “{ $name }” lebih besar daripada { $limit }; tiada apa-apa ditambah.
partnerships-evidence-too-large-title = Fail terlalu besar
partnerships-evidence-too-large = Fail bukti sehingga { $limit } diterima; tiada apa-apa ditambah.
partnerships-link-note = Bagaimana satu membawa kepada yang lain
