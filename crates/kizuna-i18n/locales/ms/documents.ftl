# documents: printable timetables, participant lists, attendance sheets, calendars and downloads

## Printable timetable, participant lists and attendance sheets (console/documents.rs)

documents-timetable-title = Jadual waktu
documents-timetable-empty = Belum ada sesi ditambah pada edisi ini.
documents-times-jst = Semua waktu ialah waktu Jepun (JST, UTC+9).
documents-jst = waktu Jepun
documents-print-hint = Untuk mencetak, gunakan arahan Cetak pelayar anda; menu navigasi tidak dicetak dan halaman bersaiz A4.
documents-back-edition = Kembali ke edisi
documents-back-timetable = Kembali ke jadual waktu
documents-ical = Tambah ke kalendar (iCalendar)
documents-col-host = Organisasi tuan rumah
documents-col-instructors = Tenaga pengajar
documents-col-lists = Senarai
documents-col-edition = Edisi kursus
documents-col-when = Tarikh dan masa
documents-col-number = Bil.
documents-col-organisation = Organisasi
documents-col-present = Hadir
documents-col-signature = Tandatangan
documents-col-note = Catatan
documents-participants-link = Senarai peserta
documents-sheet-link = Borang kehadiran
documents-participants-title = Senarai peserta
documents-sheet-title = Borang kehadiran
documents-mark-attendance = Rekod kehadiran
documents-instructors-heading = Tenaga pengajar
documents-no-trainees = Belum ada pelatih yang diterima ke edisi ini.
documents-trainees-count = { $formatted } pelatih
documents-printed = Dicetak daripada Kizuna pada { $date } (waktu Jepun)
documents-edition-links = Cetak dan kongsi

## Statistics downloads (/statistics.csv, .xlsx and the staff's)

stats-download-all = Muat turun semua jadual
stats-download-table = Muat turun jadual ini
stats-download-csv = Fail CSV
stats-download-xlsx = Fail Excel (XLSX)
stats-download-refused-title = Fail ini tidak dapat dibuat
stats-download-refused = Tarikh, penapis atau jadual yang diminta tidak sah. Kembali ke halaman statistik, pilih semula dan muat turun dari sana.
stats-download-filters = Penapis
stats-download-no-filters = Tiada: semua orang yang dikira setakat tarikh itu
stats-download-withheld = Kiraan kecil
stats-download-source = Sumber
stats-download-source-value = Kizuna, halaman { $page }
stats-download-written = Ditulis pada
stats-download-col-code = Kod (ISO 3166-1)
stats-download-about-sheet = Perihal fail ini
