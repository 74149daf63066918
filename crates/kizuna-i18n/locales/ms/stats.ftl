# Halaman statistik: /statistics (awam), /console/statistics dan senarai
# orang di sebalik angka /console/statistics/people (kakitangan).

stats-title = Statistik
stats-lead = Pelatih yang telah diterima oleh pejabat ke dalam kursus latihannya, setiap orang dikira sekali walau berapa banyak kursus yang diikuti: mengikut tahun kewangan kursus, mengikut rantau dan mengikut negara kewarganegaraan. Angka ini tidak mengandungi data peribadi.
stats-filters = Pilih angka yang dipaparkan
stats-as-of-label = Setakat
stats-show = Papar
stats-invalid-date = Masukkan tarikh dalam bentuk tahun-bulan-hari, contohnya 2008-03-31.
stats-invalid-value = Pilihan ini tidak dikenali; pilih satu daripada senarai.
stats-as-of-heading = Angka setakat { $date }
stats-trainees-total = { $count ->
   *[other] pelatih diterima
}
stats-countries-total = { $count ->
   *[other] negara dan wilayah
}
stats-first-year = tahun kewangan pertama

## Carta (dilukis oleh assets/stats.js; ringkasan ialah teks gantiannya)

stats-charts-heading = Carta
stats-chart-years-title = Pelatih mengikut tahun kewangan dan rantau
stats-chart-years-summary = Carta bar pelatih bagi setiap tahun kewangan dari { $first } hingga { $last }, bertindan mengikut rantau. Tahun paling ramai ialah { $peak }, dengan { $count ->
   *[other] { $formatted } orang pelatih
}. Angkanya terdapat dalam jadual di bawah.
stats-chart-map-title = Pelatih mengikut negara
stats-chart-map-summary = Peta dunia yang diwarnakan mengikut bilangan pelatih dari setiap negara atau wilayah, { $countries_formatted } kesemuanya. Paling ramai datang dari { $top }: { $count ->
   *[other] { $formatted } orang pelatih
}. Negara yang terlalu kecil untuk peta terdapat dalam jadual di bawah.
stats-chart-empty = Belum ada pelatih yang diterima setakat tarikh ini.
stats-map-none = tiada pelatih
stats-withheld = tidak ditunjukkan
stats-withheld-note = Bilangan kurang daripada 3 pelatih tidak ditunjukkan supaya tiada sesiapa dapat dikenal pasti, begitu juga sesedikit mungkin bilangan lain supaya bilangan itu tidak dapat dikira semula daripada jumlahnya: ini ditanda “tidak ditunjukkan”. Jumlahnya tepat.

## Jadual

stats-table-years = Mengikut tahun kewangan
stats-table-regions = Mengikut rantau
stats-table-countries = Mengikut negara
stats-table-courses = Mengikut kursus
stats-table-genders = Mengikut jantina
stats-col-fiscal-year = Tahun kewangan
stats-col-trainees = Pelatih
stats-col-countries = Negara dan wilayah
stats-col-new = Pelatih kali pertama
stats-col-cumulative = Pelatih terkumpul
stats-col-region = Rantau
stats-col-country = Negara atau wilayah
stats-col-course = Kursus
stats-col-gender = Jantina
stats-col-name = Nama
stats-col-native-name = Nama dalam tulisan asal
stats-col-nationality = Kewarganegaraan
stats-total = Jumlah
stats-caption-years = Pelatih mengikut tahun kewangan setakat { $date }. Seseorang yang berlatih dalam dua tahun dikira dalam kedua-dua tahun, tetapi sekali sahaja dalam jumlah terkumpul.
stats-caption-regions = Pelatih dan negara mengikut rantau setakat { $date }
stats-caption-countries = Pelatih mengikut negara setakat { $date }, yang paling ramai dahulu
stats-caption-courses = Pelatih mengikut kursus setakat { $date }
stats-caption-genders = Pelatih mengikut jantina setakat { $date }

## Rantau dan jantina

stats-region-africa = Afrika
stats-region-asia = Asia (selain Timur Tengah)
stats-region-middle-east = Timur Tengah
stats-region-europe = Eropah
stats-region-north-america = Amerika Utara
stats-region-latin-america = Amerika Latin dan Caribbean
stats-region-oceania = Oseania
stats-gender-female = Perempuan
stats-gender-male = Lelaki
stats-gender-other = Lain-lain
stats-gender-unspecified = Tidak dinyatakan

## Statistik kakitangan dan senarai orang

stats-staff-title = Statistik kakitangan
stats-staff-lead = Tapis angka, dan buka mana-mana angka untuk melihat orang yang dikiranya.
stats-filter-fiscal-year = Tahun kewangan
stats-filter-country = Negara atau wilayah
stats-filter-region = Rantau
stats-filter-course = Kursus
stats-filter-gender = Jantina
stats-filter-office = Pejabat
stats-filter-offset = Kedudukan dalam senarai
stats-filter-all = Semua
stats-filter-clear = Kosongkan penapis
stats-drill-hint = Setiap angka dipautkan kepada senarai orang yang dikiranya.
stats-people-title = Orang di sebalik angka
stats-people-count = { $count ->
   *[other] { $formatted } orang pelatih
}
stats-people-showing = Memaparkan { $from }–{ $to } daripada { $total }
stats-people-none = Tiada sesiapa yang sepadan dengan penapis ini.
stats-people-caption = Pelatih yang dikira setakat { $date }, mengikut nama keluarga
stats-pager = Halaman
stats-prev = Halaman sebelumnya
stats-next = Halaman seterusnya
stats-back = Kembali ke statistik
stats-report-headline = Pelatih setakat { $date }: { $trainees } orang pelatih dari { $countries } negara dan wilayah
stats-people-download = Muat turun seluruh senarai (pentadbir sahaja; muat turun direkodkan):
