# Halaman riak: graf sebab-akibat, halaman kisah awam, peta hubungan antara
# tempatan dan laporan impak.

## Pihak, jenis, pengesahan

ripple-side-japan = Jepun
ripple-side-abroad = Luar negara
ripple-side-both = Kedua-dua pihak
ripple-kind-joint_product = Produk bersama
ripple-kind-certification = Pensijilan
ripple-kind-award = Anugerah
ripple-kind-new_business = Perniagaan baharu
ripple-kind-business_suspended = Perniagaan digantung
ripple-kind-proposal = Cadangan
ripple-kind-appointment = Pelantikan
ripple-kind-agreement = Perjanjian
ripple-kind-media_coverage = Liputan media
ripple-kind-tourism_product = Produk pelancongan
ripple-verdict-agree = Disahkan
ripple-verdict-partly = Disahkan sebahagian
ripple-verdict-disagree = Dipertikaikan
ripple-verdict-none = Belum disahkan
ripple-node-programme = Program
ripple-node-activity = Aktiviti
ripple-node-outcome = Hasil
ripple-activity-training = Latihan
ripple-activity-visit_to_japan = Lawatan ke Jepun
ripple-activity-visit_abroad = Lawatan ke luar negara
ripple-activity-joint_development = Pembangunan bersama
ripple-activity-fair = Pameran
ripple-activity-seminar = Seminar dan bengkel
ripple-activity-other = Aktiviti
ripple-link-kind-sister_city = Bandar berkembar
ripple-link-kind-friendship = Persahabatan
ripple-link-kind-partnership = Perkongsian melalui program

## Halaman graf

ripple-title = Riak { $programme }
ripple-title-all = Riak semua program perkongsian
ripple-lead = Apa yang dilakukan oleh program, perubahan di Jepun dan di luar negara yang mungkin disumbangkannya, dan bagaimana satu perubahan membawa kepada perubahan lain.
ripple-filters = Penapis
ripple-filter-side = Pihak
ripple-filter-kind = Jenis hasil
ripple-filter-year = Tahun kewangan
ripple-filter-any = Semua
ripple-filter-show = Tunjukkan
ripple-filter-clear = Kosongkan penapis
ripple-filter-ignored = “{ $value }” bukan { $field } yang sah; ia diabaikan.
ripple-graph-heading = Graf sebab-akibat
ripple-graph-help = Masa bergerak dari kiri ke kanan; Jepun di atas, luar negara di bawah. Seret untuk mengalih, tatal atau cubit untuk zum, dan pilih satu nod untuk membaca butirannya.
ripple-graph-label = Graf sebab-akibat hasil, dilukis pada garis masa
ripple-details-heading = Dipilih
ripple-details-none = Pilih satu nod pada graf untuk membaca butirannya di sini.
ripple-nodes-heading = Apa yang berlaku, mengikut urutan
ripple-col-led-to = Membawa kepada
ripple-col-came-from = Berpunca daripada
ripple-col-what = Perkara
ripple-col-type = Jenis
ripple-elsewhere = program lain
ripple-no-outcomes = Tiada hasil yang sepadan dengan penapis ini.
ripple-mutual-heading = Saling manfaat: apa yang dihasilkan di Jepun dan di luar negara
ripple-mutual-lead = { $japan } di Jepun, { $abroad } di luar negara dan { $both } di kedua-dua pihak.
ripple-json-link = Graf dalam JSON
ripple-impact-link = Laporan impak
ripple-story-link = Halaman kisah awam
ripple-programmes-heading = Program perkongsian
ripple-all-link = Riak semua program
ripple-links-link = Peta hubungan antara tempatan
ripple-public = awam
ripple-staff-only = kakitangan sahaja
ripple-not-found = Tiada program perkongsian dengan nombor ini.

## Laporan impak

ripple-all-programmes = semua program perkongsian
ripple-all-years = semua tahun
ripple-impact-title = Laporan impak: { $what }, { $year }
ripple-impact-lead = Hasil mengikut pihak, jenis dan tahun kewangan, setiap hasil, dan rantaian sebab-akibat yang membawa kepadanya.
ripple-impact-downloads = Muat turun
ripple-impact-print = Cetak
ripple-total = Jumlah
ripple-by-kind = Hasil mengikut jenis dan pihak
ripple-by-year = Hasil mengikut tahun kewangan dan pihak
ripple-outcomes = Hasil
ripple-chains = Rantaian sebab-akibat
ripple-no-chains = Belum ada rantaian sebab-akibat.
ripple-file-programme = Program
ripple-file-year = Tahun kewangan
ripple-file-written = Ditulis pada
ripple-file-source = Sumber
ripple-file-source-value = Kizuna, lejar riak program perkongsian
ripple-sheet-about = Perihal
ripple-sheet-kinds = Mengikut jenis
ripple-sheet-years = Mengikut tahun
ripple-sheet-outcomes = Hasil
ripple-sheet-chains = Rantaian
ripple-col-kind = Jenis
ripple-col-year = Tahun kewangan
ripple-col-date = Tarikh
ripple-col-outcome = Hasil
ripple-col-side = Pihak
ripple-col-verdict = Pengesah
ripple-col-number = Bil.
ripple-col-chain = Rantaian
ripple-bad-year = Itu bukan tahun kewangan: tulis fy=2018, FY2018 atau 平成30年度.

## Halaman kisah awam

ripple-story-title = { $programme }: kisah setakat ini
ripple-story-lead = Apa yang dibawa oleh perkongsian ini, di Jepun dan di luar negara: perubahan yang dilaporkan oleh rakan kongsi dan disemak oleh kakitangan sebelum diterbitkan.
ripple-story-facts = Tentang program
ripple-story-scheme = Skim pembiayaan
ripple-story-period = Tempoh
ripple-story-period-open = sejak { $from }
ripple-story-period-closed = { $from } hingga { $to }
ripple-story-localities = Kawasan yang dihubungkan
ripple-story-none = Belum ada apa-apa yang diterbitkan untuk program ini.
ripple-story-confirmed = Disahkan oleh pengesah
ripple-stories-heading = Kisah perkongsian
ripple-stories-lead = Bagaimana kerjasama antara kawasan di Jepun dan di luar negara memberi riak kepada kedua-dua pihak.

## Peta hubungan antara tempatan

ripple-links-title = Hubungan antara tempatan
ripple-links-lead = Kawasan mana di Jepun dihubungkan dengan kawasan mana di luar negara, melalui organisasi dan program apa, sejak bila, dan apa hasilnya.
ripple-links-map-heading = Peta hubungan
ripple-links-table-heading = Semua hubungan
ripple-links-col-japan = Di Jepun
ripple-links-col-abroad = Luar negara
ripple-links-col-kind = Dihubungkan oleh
ripple-links-col-since = Sejak
ripple-links-col-through = Melalui
ripple-links-col-produced = Hasil
ripple-links-produced = Jepun { $japan } · luar negara { $abroad } · kedua-dua { $both }
ripple-links-programme = Program
ripple-links-not-drawn-count = { $count ->
    [one] Satu kawasan tidak dilukis pada peta: kedudukannya belum diketahui.
   *[other] { $formatted } kawasan tidak dilukis pada peta: kedudukannya belum diketahui.
}
ripple-links-none = Belum ada hubungan antara kawasan yang direkodkan.
ripple-links-basemap = Daratan: Natural Earth (world-atlas)
ripple-links-zoom-in = Zum masuk
ripple-links-zoom-out = Zum keluar
ripple-links-tiles-offline = Jubin peta tidak dapat dimuatkan; hanya garis daratan ditunjukkan.
ripple-node-placement = Penempatan sukarelawan
