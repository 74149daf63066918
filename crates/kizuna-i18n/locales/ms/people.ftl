# people: creating, editing, finding, merging and deleting people in the console

## The people list and the name search
people-title = Individu
people-new = Individu baharu
people-to-trainees = Senarai pelatih
people-to-people = Semua yang direkodkan (apa-apa peranan), dengan carian nama
people-search = Cari individu
people-search-name = Nama
people-search-hint = Mana-mana bahagian nama dalam apa-apa bentuk: huruf Latin (tanda diakritik tidak wajib), tulisan sendiri, kana (hiragana atau katakana).
people-search-go = Cari
people-total = { $count ->
    [0] Tiada individu yang sepadan.
    [one] Seorang individu sepadan.
   *[other] { $formatted } orang individu sepadan.
}
people-none = Belum ada individu yang direkodkan.
people-none-found = Tiada individu dengan nama itu ditemui. Cuba sebahagian nama, atau bentuk nama yang lain.
people-col-other-names = Tulisan sendiri dan kana
people-col-birth-year = Tahun lahir
people-col-courses = Kursus
people-col-action = Tindakan
people-more-courses = { $count ->
    [one] dan satu lagi
   *[other] dan { $formatted } lagi
}
people-download-without-search = Muat turun mengandungi senarai yang ditapis tanpa carian nama: kosongkan nama untuk memuat turun.
people-deleted = Individu telah dipadam.

## The person page
people-back-list = Kembali ke senarai individu
people-back-person = Kembali ke halaman individu
people-action-edit = Sunting
people-action-merge = Gabungkan rekod pendua ke dalam individu ini
people-action-delete = Padam
people-created = Individu telah ditambah.
people-saved = Perubahan telah disimpan.
people-merged = Individu { $other } telah digabungkan ke dalam individu ini dan dipadam. Log audit merekodkan penggabungan itu.

## The form
people-edit = Sunting individu
people-family-name = Nama keluarga (huruf Latin)
people-family-name-hint = Seperti dalam pasport. Bagi yang hanya mempunyai satu nama, nama itu.
people-given-name = Nama diri (huruf Latin)
people-native-hint = Dalam tulisan individu itu sendiri, contohnya tulisan Thai, Cina atau Jepun.
people-kana-hint = Sebutan dalam katakana, seperti yang ditulis dalam dokumen Jepun.
people-personal-hint = Data peribadi: hanya ditunjukkan kepada kakitangan.
people-error-same-identity = Individu dengan nama Latin, kewarganegaraan dan tarikh lahir yang sama telah direkodkan. Jika ini orang lain, masukkan tarikh lahirnya supaya mereka dapat dibezakan; jika orang yang sama, gunakan rekod sedia ada.
people-duplicates-title = Adakah individu ini sudah direkodkan?
people-duplicates-body = Individu ini mempunyai nama (dalam salah satu bentuknya) dan kewarganegaraan yang sama. Belum ada apa-apa yang disimpan. Bukanya untuk menyemak; jika orang yang sama, gunakan rekod itu.
people-different-person = Ini orang lain: tambah juga.

## Merging
people-merge-title = Gabungkan rekod pendua ke dalam individu ini
people-merge-lead = Pilih rekod lain bagi { $name }. Kursus, sesi dan kehadirannya dipindahkan ke sini, medan yang kosong di sini diisi daripadanya, kemudian rekod itu dipadam.
people-merge-likely = Kemungkinan pendua (nama dan kewarganegaraan sama)
people-merge-find = Cari rekod yang satu lagi
people-merge-choose = Pilih
people-merge-choose-another = Pilih rekod lain
people-merge-confirm-title = Gabungkan { $other } ke dalam individu ini?
people-merge-fields-caption = Medan kedua-dua rekod, dan medan individu ini selepas penggabungan.
people-merge-col-field = Medan
people-merge-col-kept = Individu ini (dikekalkan)
people-merge-col-other = Rekod yang satu lagi (dipadam)
people-merge-col-after = Selepas penggabungan
people-merge-filled = diambil daripada rekod yang satu lagi
people-merge-differs = nilai rekod yang satu lagi tidak digunakan
people-merge-moves = Yang dipindahkan kepada individu ini
people-merge-both-instruct = { $count ->
    [one] Kedua-duanya disenaraikan sebagai tenaga pengajar bagi satu sesi: individu ini kekal disenaraikan sekali sahaja di situ.
   *[other] Kedua-duanya disenaraikan sebagai tenaga pengajar bagi { $formatted } sesi: individu ini kekal disenaraikan sekali sahaja di situ.
}
people-merge-attendance = { $count ->
    [0] Tiada rekod kehadiran.
    [one] Satu rekod kehadiran.
   *[other] { $formatted } rekod kehadiran.
}
people-merge-accounts-follow = Akaun ini dipautkan melalui alamat e-mel, yang diambil alih oleh individu ini.
people-merge-accounts-stay = Akaun ini dipautkan melalui alamat e-mel yang tidak diambil alih oleh individu ini (individu ini mengekalkan alamatnya sendiri): akaun itu tidak lagi sepadan dengan mana-mana individu.
people-merge-refused = Kedua-dua rekod mengambil bahagian dalam edisi kursus yang sama, jadi tidak boleh digabungkan begitu sahaja. Buka edisi itu, keluarkan penyertaan rekod yang akan dipadam, kemudian gabungkan.
people-merge-explain = { $other } akan dipadam dan semua yang di atas dipindahkan kepada individu ini serentak. Log audit merekodkan penggabungan dengan kedua-dua ID.
people-merge-do = Gabungkan dan padam rekod yang satu lagi
people-merge-stale = Salah satu daripada dua rekod telah berubah sejak halaman ini dipaparkan, jadi tiada apa-apa yang digabungkan. Semak apa yang akan berlaku sekarang, kemudian gabungkan semula.
people-other-records = Rekod lain

## Deleting
people-delete-title = Padam individu
people-delete-heading = Padam { $name }?
people-delete-explain = Rekod individu ini dibuang selama-lamanya. Tiada rekod lain yang merujuk kepadanya.
people-delete-do = Padam individu
people-delete-cancel = Kekalkan individu
people-delete-refused = Individu ini tidak boleh dipadam selagi rekod ini merujuk kepadanya. Buang rekod itu dahulu, atau gabungkan individu ini ke dalam rekod lain.
people-delete-instead = Jika ini rekod pendua:
people-delete-participations = { $count ->
    [0] Tiada penyertaan dalam edisi kursus.
    [one] Satu penyertaan dalam edisi kursus
   *[other] { $formatted } penyertaan dalam edisi kursus
}
people-delete-sessions = { $count ->
    [0] Tidak disenaraikan sebagai tenaga pengajar mana-mana sesi.
    [one] Tenaga pengajar bagi satu sesi
   *[other] Tenaga pengajar bagi { $formatted } sesi
}
people-delete-accounts = { $count ->
    [0] Tiada akaun dengan alamat e-mel ini.
    [one] Satu akaun dengan alamat e-mel ini
   *[other] { $formatted } akaun dengan alamat e-mel ini
}
people-account-role-admin = pentadbir
people-account-role-staff = kakitangan
people-account-role-partner = rakan kongsi
nav-people = Orang
