# work: an edition's participations, sessions and awards made and changed in the console

## Shared
work-change = Ubah
work-col-change = Ubah
work-list-and = { $first } dan { $last }
work-dash-link-awards = Anugerah yang diterima oleh pejabat dan rakan kongsinya

## Participants: finding a person and adding them
work-find-label = Cari orang untuk ditambah (sebahagian nama, dalam sebarang tulisan atau kana)
work-find-hint = Nama keluarga atau nama sendiri dalam huruf Rumi, nama dalam tulisan orang itu sendiri, atau bacaan katakana atau hiragana.
work-find-submit = Cari
work-person-new = Orang baharu
work-person-missing = Seseorang belum direkodkan? Rekodkan dahulu, kemudian cari di atas.
work-participant-new = Tambah peserta
work-find-found = { $count ->
    [0] Tiada sesiapa yang bernama begitu. Semak ejaan, atau rekodkan orang baharu.
    [one] Seorang dijumpai.
   *[other] { $formatted } orang dijumpai.
}
work-col-born = Tahun lahir
work-col-courses = Kursus
work-col-add = Tambah ke edisi ini
work-find-here = sudah dalam edisi ini: { $roles }
work-find-role-of = Peranan { $name }
work-find-nominated-of = Tarikh { $name } dicalonkan
work-find-more = dan { $count } lagi
work-find-add = Tambah

## Participants: the steps from nomination to completion
work-col-next-step = Langkah seterusnya (pada tarikh yang ditunjukkan)
work-step-date-of = Tarikh langkah seterusnya bagi { $name }
work-step-accepted = Terima
work-step-arrived = Tiba
work-step-completed = Tamat
work-step-withdrawn = Tarik diri
work-step-refused = Langkah itu tidak direkodkan; sebabnya ditunjukkan di sebelah orang itu.
work-participation-edit = Ubah penyertaan
work-participation-delete = Keluarkan daripada edisi ini
work-participation-status-hint = Hendak ke langkah seterusnya? Butang di halaman edisi merekodkan setiap langkah dengan tarikhnya. Di sini, status yang diubah memerlukan tarikh setiap langkah sebelum sampai kepadanya.
work-participation-nominated-on = Tarikh dicalonkan
work-participation-accepted-on = Tarikh diterima
work-participation-arrived-on = Tarikh tiba
work-participation-completed-on = Tarikh tamat kursus
work-participation-withdrawn-on = Tarikh menarik diri
work-participation-started-on = Hari pertama penyertaan
work-participation-ended-on = Hari terakhir penyertaan
work-participation-plan = Tajuk pelan tindakan
work-participation-plan-hint = Untuk pelatih sahaja: pelan yang mereka rangka dan bentangkan dalam majlis pembentangan.

## Sessions
work-session-new = Sesi baharu
work-session-edit = Ubah sesi
work-session-delete = Padam sesi ini
work-session-title = Tajuk
work-session-starts = Bermula
work-session-ends = Berakhir
work-session-host = Organisasi tuan rumah
work-session-instructors = Tenaga pengajar
work-session-no-teachers = Edisi ini belum mempunyai tenaga pengajar atau penyelaras; tambahkan mereka sebagai peserta dahulu, atau pilih daripada senarai di bawah.
work-session-other-instructors = Tenaga pengajar lain (orang yang pernah mengajar atau menyelaras edisi lain)
work-session-other-instructors-hint = Tekan Ctrl (⌘ pada Mac) untuk memilih lebih daripada seorang.

## Attendance
work-attendance-caption = Pilih kehadiran setiap orang; catatan adalah pilihan.
work-attendance-present = Hadir
work-attendance-absent = Tidak hadir
work-attendance-late = Lewat
work-attendance-excused = Dikecualikan
work-col-note = Catatan
work-attendance-note-for = Catatan tentang { $name }
work-attendance-save-rest = Simpan, dan semua yang belum ditanda hadir
work-attendance-summary = Daripada { $count } orang peserta: { $present } hadir, { $late } lewat, { $absent } tidak hadir, { $excused } dikecualikan, { $unmarked } belum ditanda.

## Awards
work-awards-title = Anugerah
work-awards-lead = Anugerah yang diterima oleh pejabat atau rakan kongsinya, yang terbaharu dahulu.
work-awards-none = Belum ada anugerah yang direkodkan.
work-award-new = Anugerah baharu
work-award-edit = Ubah anugerah
work-award-delete = Padam anugerah ini
work-award-title = Anugerah
work-award-recipient = Diterima oleh
work-award-by = Diberikan oleh
work-award-received = Tarikh diterima
work-award-citation = Sebab anugerah diberikan
work-back-awards = Kembali ke senarai anugerah

## Courses and editions
work-course-edit = Ubah kursus ini
work-course-delete = Padam kursus ini
work-edition-delete = Padam edisi ini

## Deleting
work-delete-course = Padam kursus latihan ini?
work-delete-edition = Padam edisi kursus ini?
work-delete-session = Padam sesi ini?
work-delete-participation = Keluarkan orang ini daripada edisi?
work-delete-award = Padam anugerah ini?
work-delete-explain = Pemadaman tidak boleh dibatalkan.
work-delete-confirm = Padam
work-delete-cancel = Simpan
work-delete-back = Kembali
work-delete-blocked = Ini tidak boleh dipadam: ia masih mempunyai { $list }. Keluarkan semuanya dahulu; tiada apa-apa yang dipadam.
work-delete-going-with = Dipadam bersamanya: { $list }.
work-delete-stale = Seseorang telah mengubah rekod ini selepas anda membuka halaman ini. Semak semula sebelum memadam.
work-delete-refused = Rekod lain kini bergantung pada rekod ini; tiada apa-apa yang dipadam.
work-count-editions = { $count ->
    [one] satu edisi kursus
   *[other] { $formatted } edisi kursus
}
work-count-participations = { $count ->
    [one] satu penyertaan
   *[other] { $formatted } penyertaan
}
work-count-sessions = { $count ->
    [one] satu sesi
   *[other] { $formatted } sesi
}
work-count-attendance = { $count ->
    [one] satu rekod kehadiran
   *[other] { $formatted } rekod kehadiran
}

## What a finished change says
work-done-participant-added = Orang itu telah ditambah ke edisi ini sebagai dicalonkan. Gunakan butang pada barisnya untuk langkah seterusnya.
work-done-moved = Langkah itu telah direkodkan dengan tarikhnya.
work-done-participation-saved = Penyertaan telah disimpan.
work-done-participation-deleted = Orang itu telah dikeluarkan daripada edisi ini.
work-done-session-saved = Sesi telah disimpan.
work-done-session-deleted = Sesi telah dipadam.
work-done-course-saved = Kursus latihan telah disimpan.
work-done-course-deleted = Kursus latihan telah dipadam.
work-done-edition-deleted = Edisi kursus telah dipadam.
work-done-award-saved = Anugerah telah disimpan.
work-done-award-deleted = Anugerah telah dipadam.

## Why a value was refused (by rule)
console-error-already-in-status = Penyertaan ini sudah berada pada langkah ini.
console-error-already-completed = Penyertaan ini sudah tamat; tiada langkah seterusnya.
console-error-already-withdrawn = Penyertaan ini telah ditarik diri; tiada langkah seterusnya.
console-error-needs-arrival = Tamat kursus memerlukan ketibaan dahulu: rekodkan ketibaan, kemudian tamat kursus.
console-error-needs-acceptance = Ketibaan memerlukan penerimaan dahulu: rekodkan penerimaan, kemudian ketibaan.
console-error-cannot-go-back = Penyertaan hanya bergerak ke hadapan. Untuk membetulkan kesilapan, ubah status dan tarikhnya melalui Ubah.
console-error-before-previous-step = Tarikh ini lebih awal daripada tarikh langkah sebelumnya.
console-error-date-beyond-status = Status yang dipilih belum sampai ke langkah ini: kosongkan tarikh ini atau pilih status lain.
console-error-step-date-required = Berikan tarikh langkah ini: status yang dipilih memerlukannya.
console-error-already-taking-part = Orang ini sudah menyertai edisi ini dalam peranan ini.
console-error-stale-row = Seseorang telah mengubah penyertaan ini sementara itu; halaman kini menunjukkannya seperti sekarang. Cuba sekali lagi.
console-error-mark-needed = Pilih kehadiran orang ini untuk disertakan dengan catatan.
