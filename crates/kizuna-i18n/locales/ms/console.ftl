# Staff console (training slice).

## Dashboard
console-dash-title = Konsol kakitangan
console-dash-as-of = Angka setakat { $date }
console-dash-this-year = tahun fiskal ini: { $year }
console-dash-totals = Jumlah keseluruhan
console-dash-trainees = { $count ->
    [one] pelatih diterima setakat ini
   *[other] pelatih diterima setakat ini
}
console-dash-countries = { $count ->
    [one] negara atau wilayah asal
   *[other] negara dan wilayah asal
}
console-dash-courses = { $count ->
    [one] kursus latihan
   *[other] kursus latihan
}
console-dash-editions = { $count ->
    [one] siri kursus pada tahun fiskal ini
   *[other] siri kursus pada tahun fiskal ini
}
console-dash-since = tahun fiskal pertama menerima pelatih
console-dash-work = Tugasan
console-dash-link-courses = Kursus latihan dan siri mengikut tahun fiskal
console-dash-link-trainees = Senarai pelatih, dengan penapis dan muat turun
console-dash-link-import = Import pelatih daripada fail CSV atau XLSX
console-dash-link-statistics = Statistik pelatih untuk kakitangan

## Shared
console-save = Simpan
console-choose = Pilih…
console-none = (tiada)
console-form-has-errors = Beberapa nilai perlu dibetulkan. Setiap masalah dipaparkan di sebelah medannya.
console-back-courses = Kembali ke kursus latihan
console-back-edition = Kembali ke siri kursus
console-back-trainees = Kembali ke senarai pelatih
console-download = Muat turun baris-baris ini
console-download-csv = Fail CSV
console-download-xlsx = Fail Excel (XLSX)
console-download-refused-title = Muat turun tidak dapat disediakan
console-download-refused = Satu penapis mempunyai nilai yang tidak boleh digunakan. Betulkannya pada senarai pelatih dan cuba lagi.

## Column headings
console-col-fiscal-year = Tahun fiskal
console-col-edition = Siri kursus
console-col-scope = Skop
console-col-dates = Tarikh
console-col-trainees = Pelatih
console-col-name = Nama
console-col-native-name = Nama dalam tulisan asal
console-col-nationality = Kewarganegaraan
console-col-status = Taraf
console-col-time = Masa
console-col-kind = Jenis
console-col-session = Sesi
console-col-place = Tempat
console-col-attendance = Kehadiran
console-col-present = Hadir
console-col-role = Peranan
console-col-region = Rantau
console-col-course = Kursus
console-col-gender = Jantina
console-col-row = Baris
console-col-column = Lajur
console-col-value = Nilai
console-col-reason = Sebab

## Courses
console-courses-title = Kursus latihan
console-courses-none = Belum ada kursus latihan yang direkodkan.
console-course-new = Kursus latihan baharu
console-course-created = Kursus latihan { $key } telah disimpan.
console-course-editions-count = { $count ->
    [0] belum ada siri
    [one] satu siri
   *[other] { $formatted } siri
}
console-course-editions-caption = Siri { $course }, yang terbaharu dahulu
console-course-see-trainees = Lihat pelatihnya
console-course-key = Kunci
console-course-key-hint = Huruf kecil, digit dan sempang, contohnya gmrdp. Ia digunakan dalam fail import.
console-course-title-en = Tajuk dalam bahasa Inggeris
console-course-title-ja = Tajuk dalam bahasa Jepun
console-course-summary = Ringkasan
console-course-organisation = Organisasi yang mengendalikan kursus

## Editions
console-edition-new = Siri kursus baharu
console-edition-edit = Ubah siri ini
console-edition-saved = Siri kursus telah disimpan.
console-edition-course = Kursus latihan
console-edition-key = Kunci siri
console-edition-key-hint = Kunci kursus, garis miring dan tahun fiskal, contohnya gmrdp/fy2007.
console-edition-fiscal-year = Tahun fiskal
console-edition-fiscal-year-hint = Tahun bermulanya tahun fiskal, contohnya 2007 (April 2007 hingga Mac 2008); bentuk era Jepun seperti 平成19年度 juga difahami.
console-edition-scope = Skop
console-edition-targets = Negara sasaran
console-edition-targets-hint = Untuk siri khusus negara sahaja: kod negara ISO dipisahkan dengan koma, contohnya TH, MY.
console-edition-title = Tajuk siri ini
console-edition-title-hint = Biarkan kosong jika sama dengan tajuk kursus.
console-edition-starts = Hari pertama
console-edition-ends = Hari terakhir
console-edition-capacity = Tempat disediakan
console-edition-dates = Tarikh
console-edition-participants = Peserta
console-edition-timetable = Kurikulum
console-roster-trainee = { $count ->
    [one] Seorang pelatih
   *[other] { $formatted } orang pelatih
}
console-roster-instructor = { $count ->
    [one] Seorang tenaga pengajar
   *[other] { $formatted } orang tenaga pengajar
}
console-roster-coordinator = { $count ->
    [one] Seorang penyelaras
   *[other] { $formatted } orang penyelaras
}
console-roster-empty = Tiada sesiapa yang direkodkan.
console-sessions-count = { $count ->
    [one] satu sesi
   *[other] { $formatted } sesi
}
console-timetable-tz = waktu mengikut Waktu Piawai Jepun
console-timetable-empty = Belum ada sesi yang dirancang.

## Attendance
console-attendance-title = Kehadiran
console-attendance-mark = Tandakan kehadiran
console-attendance-caption = Tandakan setiap orang yang menghadiri sesi ini.
console-attendance-save = Simpan kehadiran
console-attendance-saved = Kehadiran telah disimpan.
console-attendance-summary = { $count ->
    [one] { $present } daripada seorang peserta hadir
   *[other] { $present } daripada { $count } orang peserta hadir
}
console-attendance-refused-title = Kehadiran tidak disimpan
console-attendance-refused = Hanya orang yang menyertai siri kursus bagi sesi ini boleh ditandakan. Muat semula halaman dan cuba lagi.

## Trainee list
console-trainees-title = Pelatih
console-filters = Penapis
console-filter-any = Semua
console-filter-counted = Diterima (seperti dikira dalam statistik)
console-filter-apply = Papar
console-filter-clear = Kosongkan penapis
console-trainees-total = { $count ->
    [0] Tiada pelatih yang sepadan dengan penapis ini.
    [one] Seorang pelatih sepadan dengan penapis ini.
   *[other] { $formatted } orang pelatih sepadan dengan penapis ini.
}
console-trainees-none = Ubah penapis untuk melihat pelatih.
console-pager = Halaman
console-pager-prev = Halaman sebelumnya
console-pager-next = Halaman seterusnya
console-pager-showing = { $count ->
    [0] Tiada apa-apa untuk dipaparkan
   *[other] Baris { $from } hingga { $to } daripada { $formatted }
}

## Person
console-person-kana = Sebutan katakana
console-person-organisation = Organisasi
console-person-position = Jawatan
console-person-birth-date = Tarikh lahir
console-person-email = E-mel
console-person-roles = Peranan sepanjang tahun
console-person-roles-count = { $count ->
    [0] Tiada peranan yang direkodkan.
    [one] Satu peranan direkodkan.
   *[other] { $formatted } peranan direkodkan.
}

## Import
console-import-title = Import pelatih
console-import-upload-title = Semak fail
console-import-explain = Pilih fail CSV atau XLSX dengan lajur templat. Fail disemak dahulu tanpa menulis apa-apa: anda akan melihat setiap nilai yang tidak dapat diterima, atau pelatih yang akan ditambah.
console-import-templates = Templat kosong
console-import-file = Fail pelatih (CSV atau XLSX)
console-import-file-hint = Simpan hamparan sebagai “CSV UTF-8” atau sebagai buku kerja Excel; baris pertama memuatkan nama lajur.
console-import-check = Semak fail
console-import-no-file = Pilih fail untuk disemak.
console-import-bad-file = Fail tidak dapat dibaca. Simpan sebagai CSV UTF-8 atau buku kerja Excel dengan baris tajuk templat, kemudian cuba lagi.
console-import-encoding = Fail ini disimpan dalam pengekodan aksara { $found }, yang tidak dibaca oleh Kizuna (ia membaca UTF-8, Shift_JIS, EUC-JP dan pengekodan Thai Windows). Simpan sebagai "CSV UTF-8" dan cuba lagi.
console-import-too-large = Fail terlalu besar untuk diimport. Saiz fail boleh sehingga { $limit }; buku kerja Excel boleh dinyahmampat kepada paling banyak { $unpacked }, dan helaian atau fail CSV boleh mengandungi paling banyak { $cells } sel (dikira dari A1 hingga sel terakhir yang digunakan). Pecahkan kepada fail yang lebih kecil dan import satu demi satu.
console-import-unreadable-title = Muat naik tidak dapat dibaca
console-import-unreadable = Borang tiba tidak lengkap. Kembali dan pilih fail sekali lagi.
console-import-rejected-title = Nilai yang tidak dapat diterima
console-import-rejected-summary = { $count ->
    [one] Satu nilai tidak dapat diterima. Tiada apa-apa yang ditulis: betulkan fail dan semak sekali lagi.
   *[other] { $formatted } nilai tidak dapat diterima. Tiada apa-apa yang ditulis: betulkan fail dan semak sekali lagi.
}
console-import-preview-title = Pelatih yang akan ditambah oleh fail ini
console-import-preview-summary = { $count ->
    [one] Fail ini bersih: seorang pelatih akan ditambah. Belum ada apa-apa yang ditulis.
   *[other] Fail ini bersih: { $formatted } orang pelatih akan ditambah. Belum ada apa-apa yang ditulis.
}
console-import-confirm-explain = Pengimportan menulis semua baris sekali gus, atau tiada langsung jika ada yang berubah sementara itu.
console-import-confirm = Import pelatih ini
console-import-cancel = Batal
console-import-done = { $count ->
    [one] Seorang pelatih telah diimport.
   *[other] { $formatted } orang pelatih telah diimport.
}

## Values
console-role-trainee = Pelatih
console-role-instructor = Tenaga pengajar
console-role-coordinator = Penyelaras
console-status-nominated = Dicalonkan
console-status-accepted = Diterima
console-status-arrived = Telah tiba
console-status-completed = Tamat kursus
console-status-withdrawn = Menarik diri
console-scope-general = Umum (pelbagai negara)
console-scope-country-specific = Khusus negara
console-kind-lecture = Kuliah
console-kind-inspection-tour = Lawatan tinjauan
console-kind-presentation-meeting = Majlis pembentangan
console-kind-courtesy-call = Kunjungan hormat
console-kind-ceremony = Majlis rasmi
console-gender-female = Perempuan
console-gender-male = Lelaki
console-gender-other = Lain-lain
console-gender-unspecified = Tidak dinyatakan
console-region-africa = Afrika
console-region-asia = Benua Asia
console-region-middle-east = Timur Tengah
console-region-europe = Eropah
console-region-north-america = Amerika Utara
console-region-latin-america = Amerika Latin dan Caribbean
console-region-oceania = Oseania

## Why a value was refused (by rule)
console-error-invalid = Nilai ini tidak dapat diterima.
console-error-required = Sila isi medan ini.
console-error-too-long = Terlalu panjang: paling banyak 500 aksara.
console-error-control-character = Terdapat aksara kawalan yang tidak kelihatan; taip semula.
console-error-invalid-key = Gunakan huruf kecil, digit, “-”, “_”, “.” dan “/” sahaja, contohnya gmrdp/fy2007.
console-error-unknown-country = “{ $value }” bukan kod negara ISO; tulis dua huruf seperti TH atau MY.
console-error-unknown-value = “{ $value }” bukan salah satu nilai yang dibenarkan.
console-error-invalid-date = “{ $value }” bukan tarikh; tulis TTTT-BB-HH, contohnya 2007-10-01.
console-error-invalid-email = “{ $value }” bukan alamat e-mel.
console-error-in-future = Tarikh ini pada masa hadapan.
console-error-out-of-range = Nombor ini di luar julat.
console-error-before-start = Tarikh tamat lebih awal daripada tarikh mula.
console-error-outside-fiscal-year = Hari pertama mesti dalam tahun fiskal (1 April hingga 31 Mac).
console-error-not-allowed = Biarkan medan ini kosong: siri umum terbuka kepada semua negara.
console-error-duplicate = Nilai ini sudah digunakan atau disenaraikan dua kali; pilih yang lain.
console-error-not-found = Ini merujuk kepada rekod yang tidak wujud.
console-error-not-a-course = Program ini bukan kursus latihan.
console-error-country-not-targeted = Negara pelatih ini bukan antara negara sasaran siri tersebut.
console-error-duplicate-in-file = Orang yang sama terdapat pada baris yang lebih awal dalam fail.
console-error-person-exists = Orang ini (nama, kewarganegaraan dan tarikh lahir yang sama) sudah direkodkan.
console-error-unknown-organisation = Tiada organisasi dengan kunci “{ $value }”.
console-error-unknown-edition = Tiada siri kursus dengan kunci “{ $value }”.
console-error-unknown-column = Lajur ini tiada dalam templat.
console-error-missing-column = Lajur wajib ini tiada.
console-error-duplicate-column = Lajur ini muncul dua kali.
console-error-formula = Sel ini ialah formula ({ $value }), bukan nilai: taip nilai itu sendiri.
console-error-number-in-text = Sel ini ialah nombor ({ $value }) di tempat yang sepatutnya teks: sifar di hadapan atau digit panjang mungkin telah hilang. Format lajur sebagai Teks dan taip semula nilainya.
console-error-not-a-number = Tulis nombor bulat.
console-error-invalid-fiscal-year = Tulis tahun fiskal seperti 2007 atau 平成19年度.
console-error-in-use-or-missing-reference = Ini merujuk kepada rekod yang tidak wujud, atau masih digunakan.
console-course-title = Tajuk
console-error-stale = Orang lain telah mengubah rekod ini semasa anda menyuntingnya. Versi merekalah yang kini disimpan; semaknya, kemudian simpan sekali lagi untuk menggantikannya dengan versi anda.
