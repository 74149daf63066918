# Halaman kakitangan untuk peta mesra Muslim: tempat, senarai semakan, import.

## Navigation
places-nav = Tempat
places-dash-link = Tempat dalam peta mesra Muslim: tambah, ubah, sahkan, semak dan import

## List
places-list-title = Tempat dalam peta
places-new = Tambah tempat
places-review-link = Sijil dan tempat yang perlu disemak
places-import-link = Import tempat daripada fail
places-filters = Penapis
places-search = Nama
places-search-hint = Sebahagian nama dalam mana-mana bahasa, atau nama rangkaian atau cawangan.
places-filter-any = Semua
places-filter-stale = Hanya tempat yang tidak disahkan selama 12 bulan
places-filter-apply = Papar
places-filter-clear = Kosongkan penapis
places-count-all = tempat dalam peta
places-count-stale = tempat tidak disahkan selama 12 bulan
places-count-expiring = sijil tamat dalam tempoh 30 hari
places-count-expired = sijil yang telah tamat
places-list-total = { $count ->
    [0] Tiada tempat yang sepadan dengan penapis ini.
    [one] Satu tempat sepadan dengan penapis ini.
   *[other] { $formatted } tempat sepadan dengan penapis ini.
}
places-pager = Halaman
places-pager-prev = Halaman sebelumnya
places-pager-next = Halaman seterusnya
places-pager-showing = { $count ->
    [0] Tiada apa-apa untuk dipaparkan
   *[other] Tempat { $from } hingga { $to } daripada { $formatted }
}
places-col-name = Nama
places-col-category = Kategori
places-col-assurance = Jaminan halal
places-col-locality = Lokaliti
places-col-verified = Kali terakhir disahkan
places-col-certificate = Sijil
places-col-certifier = Badan pensijilan
places-col-valid-until = Sah hingga
places-col-days = Hari
places-col-actions = Tindakan
places-never-verified = Belum pernah disahkan
places-stale = Lapuk
places-cert-until = hingga { $date }

## Values
places-category-restaurant = Restoran
places-category-cafe = Kafe
places-category-grocery = Kedai runcit
places-category-halal-shop = Kedai halal
places-category-hotel = Penginapan
places-category-mosque = Masjid
places-category-prayer-room = Bilik solat
places-category-other = Lain-lain
places-assurance-certified = Disijilkan halal
places-assurance-self-declared = Mesra Muslim (akuan sendiri)
places-assurance-pork-free = Bebas babi
places-assurance-vegetarian-options = Ada pilihan vegetarian
places-assurance-unknown = Tidak diketahui
places-certificate-valid = Sah
places-certificate-expiring = Hampir tamat
places-certificate-expired = Telah tamat
places-certificate-not-yet-valid = Belum berkuat kuasa
places-source-staff = Dimasukkan oleh kakitangan
places-source-import = Fail import
places-source-openstreetmap = Data daripada OpenStreetMap
places-source-demo = Data demonstrasi

## Form
places-new-title = Tambah tempat
places-edit-title = Ubah { $name }
places-back-list = Kembali ke senarai tempat
places-saved = Tempat telah disimpan.
places-form-has-errors = Ada nilai yang perlu dibetulkan. Setiap masalah juga ditunjukkan di sebelah medannya:
places-save = Simpan
places-choose = Pilih…
places-locality-none = (tiada lokaliti)
places-names = Nama
places-names-hint = Sekurang-kurangnya satu nama, dalam mana-mana bahasa ini, setiap satu dalam tulisannya sendiri.
places-field-name-ja = Nama dalam bahasa Jepun
places-field-name-en = Nama dalam bahasa Inggeris
places-field-name-th = Nama dalam bahasa Thai
places-field-name-ms = Nama dalam bahasa Melayu
places-field-name-ar = Nama dalam bahasa Arab
places-field-name-id = Nama dalam bahasa Indonesia
places-about = Maklumat tempat
places-field-category = Kategori
places-field-chain = Rangkaian
places-field-chain-hint = Bagi cawangan sesebuah rangkaian, nama rangkaian itu. Setiap cawangan ialah tempat tersendiri.
places-field-branch = Cawangan
places-field-branch-hint = Cawangan rangkaian yang mana satu, seperti pada papan tandanya (dalam bahasa Jepun biasanya berakhir dengan 店, dalam bahasa Thai bermula dengan สาขา).
places-field-chain-en = Rangkaian dalam bahasa Inggeris
places-field-chain-ja = Rangkaian dalam bahasa Jepun
places-field-chain-th = Rangkaian dalam bahasa Thai
places-field-chain-ms = Rangkaian dalam bahasa Melayu
places-field-branch-en = Cawangan dalam bahasa Inggeris
places-field-branch-ja = Cawangan dalam bahasa Jepun
places-field-branch-th = Cawangan dalam bahasa Thai
places-field-branch-ms = Cawangan dalam bahasa Melayu
places-field-address = Alamat
places-field-phone = Telefon
places-field-website = Laman web
places-field-website-hint = Bermula dengan https:// atau http://.
places-field-locality-id = Lokaliti
places-position = Kedudukan
places-position-hint = Darjah perpuluhan pada WGS 84, seperti yang ditunjukkan aplikasi peta, cth. latitud 43.0621 dan longitud 141.3544.
places-field-lat = Latitud
places-field-lon = Longitud
places-halal = Jaminan halal
places-field-assurance = Tahap jaminan
places-field-assurance-hint = “Disijilkan halal” hanya jika sijil direkodkan; tahap lain tiada sijil.
places-certificate = Sijil (tempat yang disijilkan sahaja)
places-field-certifier = Badan pensijilan
places-field-certificate-number = Nombor sijil
places-field-certificate-valid-from = Sah mulai
places-field-certificate-valid-until = Sah hingga
places-field-alcohol-served = Alkohol dihidangkan
places-alcohol-unknown = Tidak diketahui
places-alcohol-yes = Ya
places-alcohol-no = Tidak
places-prayer = Kemudahan solat
places-field-prayer-space = Ruang solat
places-field-wudu = Tempat berwuduk
places-field-women-space = Ruang berasingan untuk wanita
places-field-qibla-marked = Arah kiblat ditandakan
places-field-prayer-mats = Sejadah disediakan
places-field-opening-hours = Waktu operasi
places-field-opening-hours-hint = Dalam sintaks opening_hours OpenStreetMap, cth. “Mo-Sa 11:00-21:00; Su off” atau “24/7”; PH bermaksud cuti umum. Biarkan kosong jika tidak diketahui.
places-opening-hours-help = Cara menulis waktu operasi (wiki OpenStreetMap, dalam bahasa Inggeris)
places-record = Sumber dan semakan
places-field-source = Sumber
places-field-source-id = ID dalam sumber
places-field-source-id-hint = Bagi OpenStreetMap: node/123, way/45 atau relation/6. Biarkan kosong bagi tempat yang dimasukkan oleh kakitangan.
places-source-readonly = Sumber: { $source }, ID { $id }. Ia tidak boleh diubah di sini; mengimport sumber itu semula akan mengemas kini tempat ini.
places-field-attribution = Atribusi
places-field-attribution-hint = Notis lesen yang diperlukan oleh data. Data daripada OpenStreetMap sentiasa mengekalkan “© OpenStreetMap contributors, ODbL”.
places-field-last-verified = Kali terakhir disahkan
places-field-last-verified-hint = Hari seseorang kali terakhir menyemak tempat ini. Tempat yang tidak disahkan selama 12 bulan ditandakan lapuk.

## Standing, verify, delete
places-status = Kedudukan semasa
places-verified-on = Kali terakhir disahkan pada { $date }.
places-never-verified-note = Belum ada sesiapa yang mengesahkan tempat ini: semak dahulu, kemudian tandakan sebagai disahkan.
places-stale-note = Tidak disahkan selama 12 bulan: semak dahulu, kemudian tandakan sebagai disahkan.
places-certificate-standing = Sijil { $number } daripada { $certifier }, sah hingga { $date }.
places-verify = Tandakan disahkan hari ini
places-verified-notice = Tempat ini telah ditandakan sebagai disahkan hari ini.
places-verify-refused-title = Tempat ini tidak dapat ditandakan sebagai disahkan
places-verify-refused = Salah satu nilainya melanggar peraturan. Buka borangnya, betulkan nilai itu dan simpan.
places-delete = Padam tempat ini
places-delete-title = Padam { $name }?
places-delete-explain = Tempat ini akan hilang daripada peta dan senarai ini. Tindakan ini tidak boleh dibatalkan; jika ia datang daripada fail import, mengimport fail itu semula akan menambahkannya kembali.
places-delete-confirm = Padam tempat ini sekarang
places-delete-cancel = Simpan tempat ini
places-deleted = Tempat telah dipadam.

## Review
places-review-title = Tempat yang perlu disemak
places-review-lead = Setakat { $date }: sijil yang tamat dalam tempoh 30 hari, sijil yang telah tamat, dan tempat yang tidak disahkan sesiapa selama 12 bulan.
places-review-expiring = Sijil yang tamat dalam tempoh 30 hari
places-review-expired = Sijil yang telah tamat
places-review-stale = Tempat yang tidak disahkan selama 12 bulan
places-review-none = Tiada apa-apa untuk disemak di sini.
places-review-count = { $count ->
    [0] tiada
    [one] satu tempat
   *[other] { $formatted } tempat
}
places-days-left = { $count ->
    [0] tamat hari ini
    [one] tinggal satu hari
   *[other] tinggal { $formatted } hari
}
places-days-ago = { $count ->
    [one] tamat sehari yang lalu
   *[other] tamat { $formatted } hari yang lalu
}
places-edit = Ubah

## Import
places-import-title = Import tempat
places-import-upload-title = Semak fail
places-import-explain = Pilih fail GeoJSON, CSV, OpenStreetMap XML (.osm) atau OpenStreetMap PBF (.osm.pbf). Fail disemak dahulu dan tiada apa-apa ditulis: anda akan melihat setiap rekod yang tidak dapat diterima, atau bilangan tempat yang akan ditambah dan dikemas kini.
places-import-file = Fail tempat
places-import-file-hint = Paling besar 20 MB. Tempat yang sudah direkodkan daripada sumber yang sama dengan ID yang sama akan dikemas kini, tidak ditambah dua kali.
places-import-format = Format fail
places-import-format-auto = Tentukan daripada nama fail
places-import-check = Semak fail
places-import-no-file = Pilih fail untuk disemak.
places-import-unknown-format = Nama fail tidak menunjukkan formatnya. Pilih format, kemudian semak fail sekali lagi.
places-import-bad-file = Fail tidak dapat dibaca sebagai { $format }. Pastikan fail dan formatnya betul, kemudian cuba lagi.
places-import-too-large = Fail terlalu besar untuk diimport: saiz fail boleh sehingga { $limit }. Pecahkan kepada fail yang lebih kecil dan import satu demi satu.
places-import-detail = Butiran teknikal
places-import-unreadable-title = Muat naik tidak dapat dibaca
places-import-unreadable = Borang sampai tidak lengkap. Kembali dan pilih fail sekali lagi.
places-import-rejected-title = Rekod yang tidak dapat diterima
places-import-rejected-summary = { $count ->
    [one] Satu nilai tidak dapat diterima. Tiada apa-apa ditulis: betulkan fail dan semak sekali lagi.
   *[other] { $formatted } nilai tidak dapat diterima. Tiada apa-apa ditulis: betulkan fail dan semak sekali lagi.
}
places-col-row = Baris atau rekod
places-col-record-id = ID
places-col-column = Medan
places-col-value = Nilai
places-col-reason = Sebab
places-import-preview-title = Apa yang akan dilakukan oleh import ini
places-import-clean = { $count ->
    [one] Fail ini bersih: satu rekod dibaca. Belum ada apa-apa yang ditulis.
   *[other] Fail ini bersih: { $formatted } rekod dibaca. Belum ada apa-apa yang ditulis.
}
places-import-would-add = { $count ->
    [0] Tiada tempat baharu akan ditambah.
    [one] Satu tempat baharu akan ditambah.
   *[other] { $formatted } tempat baharu akan ditambah.
}
places-import-would-update = { $count ->
    [0] Tiada tempat sedia ada yang akan berubah.
    [one] Satu tempat sedia ada akan dikemas kini.
   *[other] { $formatted } tempat sedia ada akan dikemas kini.
}
places-import-skipped = { $count ->
    [one] Satu objek OpenStreetMap dalam fail bukan tempat peta ini (tiada tag halal, diet atau solat) dan tidak diimport.
   *[other] { $formatted } objek OpenStreetMap dalam fail bukan tempat peta ini (tiada tag halal, diet atau solat) dan tidak diimport.
}
places-import-confirm-explain = Import menulis semua rekod serentak, atau tiada langsung jika ada apa-apa yang berubah sementara itu.
places-import-confirm = Import tempat-tempat ini
places-import-cancel = Batal
places-import-done = Import telah selesai.
places-import-added = { $count ->
    [0] Tiada tempat baharu ditambah.
    [one] Satu tempat telah ditambah.
   *[other] { $formatted } tempat telah ditambah.
}
places-import-updated = { $count ->
    [0] Tiada tempat sedia ada yang diubah.
    [one] Satu tempat sedia ada telah dikemas kini.
   *[other] { $formatted } tempat sedia ada telah dikemas kini.
}

## Why a value was refused (by field and rule, or by rule)
places-error-invalid = Nilai ini tidak dapat diterima.
places-error-required = Sila isi medan ini.
places-error-name-en-required = Berikan nama tempat ini dalam sekurang-kurangnya satu bahasa.
places-error-source-id-required = Berikan ID tempat ini dalam sumbernya, supaya mengimport sumber itu semula mengemas kini tempat ini dan bukan menambahkannya dua kali.
places-error-too-long = Terlalu panjang: paling banyak 500 aksara.
places-error-opening-hours-too-long = Terlalu panjang: paling banyak 255 aksara.
places-error-control-character = Ini mengandungi aksara kawalan yang tidak kelihatan; taip semula.
places-error-unknown-value = “{ $value }” bukan salah satu nilai yang dibenarkan.
places-error-invalid-phone = “{ $value }” bukan nombor telefon: gunakan digit, ruang dan + - ( ) sahaja.
places-error-invalid-url = “{ $value }” bukan alamat web yang bermula dengan https:// atau http://.
places-error-invalid-id = “{ $value }” bukan nombor rekod.
places-error-out-of-range = “{ $value }” di luar julat.
places-error-lat-out-of-range = “{ $value }” bukan latitud: tulis darjah dari -90 hingga 90.
places-error-lon-out-of-range = “{ $value }” bukan longitud: tulis darjah dari -180 hingga 180.
places-error-not-a-number = “{ $value }” bukan nombor.
places-error-lat-not-a-number = “{ $value }” bukan latitud: tulis darjah perpuluhan seperti 43.0621.
places-error-lon-not-a-number = “{ $value }” bukan longitud: tulis darjah perpuluhan seperti 141.3544.
places-error-not-certified = Hanya tempat yang disijilkan mempunyai sijil: kosongkan medan ini, atau pilih “Disijilkan halal”.
places-error-invalid-date = “{ $value }” bukan tarikh; tulis YYYY-MM-DD, cth. 2026-11-23.
places-error-before-start = Sijil tidak boleh tamat sebelum ia bermula.
places-error-invalid-source-id = “{ $value }” bukan ID yang sah: paling banyak 200 aksara, tanpa ruang.
places-error-invalid-osm-id = “{ $value }” bukan ID OpenStreetMap seperti node/123, way/45 atau relation/6.
places-error-attribution-required = Data daripada OpenStreetMap mesti mengekalkan atribusinya, “© OpenStreetMap contributors, ODbL”.
places-error-invalid-opening-hours = “{ $value }” tidak mengikut sintaks opening_hours OpenStreetMap, cth. Mo-Sa 11:00-21:00; Su off.
places-error-not-found = Ini merujuk kepada rekod yang tidak wujud.
places-error-locality-not-found = Tiada lokaliti dengan kunci “{ $value }”.
places-error-conflicting = Kunci lokaliti dan nombor rekodnya merujuk kepada lokaliti yang berbeza.
places-error-duplicate = Tempat lain sudah mempunyai sumber dan ID ini, atau rekod terdahulu dalam fail ini.
places-error-in-use = Tempat ini tidak boleh dipadam selagi rekod lain merujuk kepadanya.
places-error-not-a-feature = Setiap rekod mesti ialah Feature GeoJSON.
places-error-not-a-point = Tempat mesti ialah Point: longitud dan latitud pada WGS 84.
places-error-invalid-geometry = Koordinat titik mesti dua nombor: longitud, kemudian latitud.
places-error-invalid-properties = properties mesti objek nama dan nilai.
places-error-not-text = Ini mesti teks.
places-error-not-a-boolean = Tulis true atau false.
places-error-unknown-property = Tempat tidak mempunyai medan ini.
places-error-name-required = Rekod ini tiada nama dalam mana-mana bahasa.
places-error-duplicate-column = Lajur ini muncul dua kali dalam baris pengepala.
places-error-unknown-column = Tempat tidak mempunyai medan dengan nama ini: betulkan baris pengepala.
places-error-unnamed-column = Lajur ini tiada nama dalam baris pengepala, tetapi baris ini mempunyai nilai di dalamnya.
places-error-extra-cell = Baris ini mempunyai nilai selepas lajur terakhir baris pengepala.
places-error-no-position = Tiada nod atau ahlinya yang terdapat dalam fail, jadi ia tiada kedudukan: ekstrak kawasan itu dengan laluan yang lengkap.
places-error-category-unknown-value = “{ $value }” bukan kategori: tulis restaurant, cafe, grocery, halal_shop, hotel, mosque, prayer_room atau other.
places-error-assurance-unknown-value = “{ $value }” bukan tahap jaminan: tulis certified, self_declared, pork_free, vegetarian_options atau unknown.
places-description = Keterangan untuk pelawat
places-description-hint = Satu atau dua ayat tentang perkara yang perlu diketahui pelawat, dalam mana-mana bahasa.
places-field-description-en = Keterangan dalam bahasa Inggeris
places-field-description-ja = Keterangan dalam bahasa Jepun
places-field-description-th = Keterangan dalam bahasa Thai
places-field-description-ms = Keterangan dalam bahasa Melayu

# Import OpenStreetMap: objek yang ditinggalkan dan nilai yang diubah
places-import-left-out = { $count ->
    [one] Satu objek ialah tempat peta ini tetapi tidak dapat diimport: ia ditinggalkan dan disenaraikan di bawah dengan sebabnya.
   *[other] { $formatted } objek ialah tempat peta ini tetapi tidak dapat diimport: ia ditinggalkan dan disenaraikan di bawah dengan sebabnya.
}
places-import-left-out-title = Objek yang ditinggalkan
places-import-warnings-title = Diubah supaya dapat diimport
places-import-warnings = { $count ->
    [one] Satu nilai diubah atau ditinggalkan supaya tempatnya dapat diimport.
   *[other] { $formatted } nilai diubah atau ditinggalkan supaya tempatnya dapat diimport.
}
places-import-done-left-out = { $count ->
    [one] Satu objek ditinggalkan.
   *[other] { $formatted } objek ditinggalkan.
}
places-error-no-name = Tiada nama, dan tiada jenama, pengendali atau jalan untuk menamakannya.
places-error-name-from-brand = Tiada nama: dinamakan “{ $value }” mengikut jenamanya.
places-error-name-from-operator = Tiada nama: dinamakan “{ $value }” mengikut pengendalinya.
places-error-name-from-street = Tiada nama: dinamakan “{ $value }” mengikut jenis dan jalannya.
places-error-website-https-added = Laman web “{ $value }” tiada https://: ditambah.
places-error-website-dropped = “{ $value }” bukan alamat web: tempat ini diimport tanpanya.
places-error-phone-dropped = “{ $value }” bukan nombor telefon: tempat ini diimport tanpanya.
places-error-opening-hours-unknown = Waktu buka “{ $value }” tidak dapat dibaca: disimpan seperti ditulis, dan sama ada tempat ini dibuka ditunjukkan sebagai tidak diketahui.

# A place import followed on its own page while it runs.
places-import-checking-title = Menyemak { $file }
places-import-importing-title = Mengimport { $file }
places-import-progress-label = Kemajuan import
places-import-phase-waiting = Menunggu import lain selesai.
places-import-phase-reading = Membaca fail dan menyemak setiap rekod.
places-import-phase-reading-writing = Membaca fail, menyemak dan menulis setiap rekod; tiada apa-apa disimpan melainkan seluruh fail bersih.
places-import-phase-reading-again = Membaca fail sekali lagi (pusingan { $pass }).
places-import-phase-checking = Fail telah dibaca: mengira tempat yang baharu.
places-import-phase-writing = Fail telah dibaca: menyimpan semua tempat sekali gus.
places-import-phase-finished = Selesai.
places-import-numbers = { $read } daripada { $total } telah dibaca, { $count ->
    [one] satu rekod
   *[other] { $formatted } rekod
} setakat ini.
places-import-runs-here = Import diteruskan walaupun anda meninggalkan halaman ini: kembali ke alamat ini dalam masa sejam untuk melihat hasilnya. Import ini hanya dikenali pada pelayan yang menerima fail itu.
places-import-refresh = Muat semula untuk melihat kemajuannya
places-import-job-gone-title = Import tidak ditemui
places-import-job-gone = Import ini tidak dikenali di sini. Import yang telah selesai disimpan selama sejam, hanya untuk orang yang memulakannya, dan hanya pada pelayan yang menerima fail itu. Pilih fail itu sekali lagi di halaman import.
places-import-busy = Terlalu banyak import sedang berjalan atau menunggu di pelayan ini. Cuba lagi dalam beberapa minit.
places-import-expired = Fail yang disemak tidak lagi disimpan: semakan disimpan selama sejam. Pilih fail itu dan semak sekali lagi.
