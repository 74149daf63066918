# alumni (issue 13): susulan, persatuan alumni, sejarah seseorang
alumni-due-title = Susulan yang tiba masanya
alumni-due-lead = Bekas pelatih dan sukarelawan disusuli enam dan dua belas bulan selepas mereka tamat. Yang belum dibuat dipaparkan di sini sehingga setahun selepas tarikhnya.
alumni-back-console = Konsol
alumni-within = Juga yang tiba dalam (hari)
alumni-show = Papar
alumni-due-count = { $count ->
    [0] Tiada susulan yang tiba masanya.
    [one] Satu susulan tiba masanya.
   *[other] { $formatted } susulan tiba masanya.
}
alumni-days-overdue = { $count ->
    [one] lewat 1 hari
   *[other] lewat { $formatted } hari
}
alumni-days-left = { $count ->
    [0] tiba hari ini
    [one] tiba dalam 1 hari
   *[other] tiba dalam { $formatted } hari
}
alumni-col-person = Orang
alumni-col-what = Kursus atau penempatan
alumni-col-milestone = Peringkat
alumni-col-due = Tarikh akhir
alumni-col-overdue = Lewat
alumni-col-last-contact = Hubungan terakhir
alumni-col-date = Tarikh
alumni-col-kind = Rekod
alumni-col-step = Apa yang berlaku
alumni-col-sessions = Sesi
alumni-col-country = Negara
alumni-col-name = Nama
alumni-col-founded = Ditubuhkan
alumni-col-role = Jawatan
alumni-col-joined = Menyertai
alumni-record = Rekodkan
alumni-follow-up-new = Rekodkan susulan
alumni-follow-up-saved = Susulan telah disimpan.
alumni-done-on = Dibuat pada
alumni-channel = Dihubungi melalui
alumni-progress = Pelan tindakan
alumni-evidence-url = Pautan bukti
alumni-notes = Catatan
alumni-none = (tiada)
alumni-save = Simpan
alumni-lang-en = Bahasa Inggeris
alumni-lang-ja = Bahasa Jepun
alumni-lang-th = Bahasa Thai
alumni-lang-ms = Bahasa Melayu
alumni-milestone-m6 = 6 bulan
alumni-milestone-m12 = 12 bulan
alumni-milestone-other = Hubungan lain
alumni-progress-not-started = Belum bermula
alumni-progress-in-progress = Sedang berjalan
alumni-progress-implemented = Dilaksanakan
alumni-channel-email = E-mel
alumni-channel-phone = Telefon
alumni-channel-video-call = Panggilan video
alumni-channel-visit = Lawatan
alumni-channel-social-media = Media sosial
alumni-channel-letter = Surat
alumni-channel-other = Lain-lain
alumni-role-chair = Pengerusi
alumni-role-vice-chair = Naib pengerusi
alumni-role-secretary = Setiausaha
alumni-role-treasurer = Bendahari
alumni-role-member = Ahli
alumni-placement-started = Penempatan bermula
alumni-placement-ended = Penempatan tamat
alumni-kind-course = Kursus
alumni-kind-activity = Aktiviti
alumni-kind-outcome = Hasil
alumni-kind-placement = Penempatan sukarelawan
alumni-kind-follow-up = Susulan
alumni-kind-membership = Persatuan alumni
alumni-kind-delegation = Delegasi yang diterima
alumni-kind-dispatch = Penghantaran ke luar negara
alumni-delegation-member = Ahli delegasi
alumni-hours = Jam sukarelawan
alumni-hours-approved = Jam diluluskan
alumni-hours-pending = Jam menunggu kelulusan
alumni-history-title = Sejarah
alumni-history-lead = Semua yang direkodkan tentang orang ini, yang terawal dahulu. Pembukaan halaman ini dilog.
alumni-history-empty = Belum ada rekod tentang orang ini.
alumni-attendance = Kehadiran
alumni-present = Hadir
alumni-late = Lewat hadir
alumni-absent = Tidak hadir
alumni-excused = Dimaafkan
alumni-planned = Susulan yang dirancang
alumni-associations-title = Persatuan alumni
alumni-associations-empty = Tiada persatuan alumni direkodkan.
alumni-members = Ahli
alumni-members-empty = Tiada ahli direkodkan.
alumni-error-before-completion = Tarikh ini sebelum kursus atau penempatan tamat.
alumni-error-wrong-due-date = Ini bukan tarikh akhir peringkat itu: ia jatuh 6 atau 12 bulan selepas tamat.
alumni-error-duplicate = Peringkat ini sudah direkodkan untuk kursus atau penempatan ini.
alumni-error-evidence-required = Pelan tindakan yang dilaksanakan memerlukan bukti: pautan, atau catatan tentang apa yang dibuat.
alumni-error-in-future = Tarikh ini selepas hari ini.
alumni-error-not-finished = Hanya kursus yang tamat atau penempatan yang berakhir disusuli.
alumni-error-other-person = Kursus atau penempatan ini milik orang lain.
alumni-error-invalid-url = Berikan alamat web yang bermula dengan https:// atau http://.
alumni-error-already-member = Orang ini sudah menjadi ahli.
alumni-error-other-country = Persatuan ini menghimpunkan alumni negara lain.
alumni-error-not-alumni = Hanya orang yang tamat kursus atau penempatan boleh menjadi ahli.
alumni-follow-up-edit = Sunting susulan
alumni-delete = Padam
alumni-delete-follow-up = Padam susulan ini?
alumni-choose-person = Pilih seseorang
alumni-member-add = Tambah ahli
alumni-member-add-lead = Alumni dari negara persatuan yang belum menjadi ahli.
alumni-member-remove = Keluarkan
alumni-remove-member = Keluarkan ahli ini daripada persatuan?
alumni-member-added = Ahli telah ditambah.
alumni-member-removed = Ahli telah dikeluarkan.
