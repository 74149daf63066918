# Sijil tamat latihan: PDF, halaman kakitangan dan halaman semakan awam.
cert-title = Sijil Tamat Latihan
cert-body = Dengan ini disahkan bahawa { $name } telah menamatkan kursus di bawah.
cert-course = Kursus
cert-fiscal-year = Tahun kewangan
cert-period = Tempoh
cert-number = Nombor sijil
cert-issued-on = Tarikh dikeluarkan
cert-status = Keadaan
cert-status-valid = Sah
cert-status-revoked = Dibatalkan
cert-qr = Kod QR alamat semakan sijil ini
cert-verify-at = Semak sijil ini di { $url }
cert-issuer = Dikeluarkan oleh { $issuer }
cert-console-title = Sijil tamat latihan
cert-console-edition = Sijil bagi { $edition }
cert-console-none = Belum ada sijil dikeluarkan bagi edisi ini.
cert-console-issue = Keluarkan sijil kepada setiap pelatih yang tamat
cert-console-issued = { $count ->
    [one] Satu sijil dikeluarkan.
   *[other] { $count } sijil dikeluarkan.
}
cert-console-trainee = Pelatih
cert-console-download = Muat turun PDF
cert-console-credential = Kelayakan digital (JSON)
cert-console-revoke = Batalkan
cert-console-reason = Sebab
cert-console-revoked = Sijil { $number } dibatalkan.
cert-console-person = Sijil milik { $name }
cert-console-link = Sijil tamat latihan
verify-title = Semakan sijil
verify-lead = Halaman ini mengesahkan sijil tamat latihan melalui nombornya. Tiada nama orang dipaparkan.
verify-not-found = Tiada sijil dengan nombor ini.
verify-course = Kursus
verify-fiscal-year = Tahun kewangan
verify-issued-on = Tarikh dikeluarkan
verify-status = Keadaan
verify-number = Nombor
verify-credential = Sijil yang sama sebagai kelayakan Open Badges yang ditandatangani
verify-too-many = Terlalu banyak semakan dari alamat anda. Sila tunggu { $seconds } saat dan cuba lagi.
cert-console-back = Kembali ke edisi
cert-console-back-list = Kembali ke senarai sijil
cert-console-pending = { $count ->
    [0] Setiap pelatih yang tamat sudah mempunyai sijil.
    [one] Seorang pelatih telah tamat dan belum mempunyai sijil.
   *[other] { $count } pelatih telah tamat dan belum mempunyai sijil.
}
cert-console-base-url = Alamat semakan dan kod QR bermula dengan { $url }.
cert-console-files = Fail dan pautan
cert-console-verify = Halaman semakan
cert-console-revoked-on = Dibatalkan pada { $date }
cert-console-revoke-title = Batalkan sijil { $number }?
cert-console-revoke-explain = Sijil milik { $name } akan ditunjukkan sebagai dibatalkan pada halaman semakannya dan dalam senarai status kelayakannya. Tindakan ini tidak boleh diundur.
cert-console-reason-hint = Kakitangan melihat sebab ini di sini dan dalam konsol. Halaman semakan awam hanya menunjukkan bahawa sijil telah dibatalkan dan pada hari apa.
cert-console-revoke-confirm = Batalkan sijil
cert-console-cancel = Tidak jadi
cert-console-person-none = Tiada sijil tamat latihan.
cert-error-reason-required = Nyatakan sebab sijil dibatalkan.
cert-error-reason-too-long = Sebab terlalu panjang: paling banyak 500 aksara.
cert-error-reason-control-character = Buang aksara kawalan daripada sebab.
verify-too-many-title = Terlalu banyak semakan
verify-valid-lead = Sijil ini dikeluarkan oleh pejabat dan masih sah.
verify-revoked-lead = Sijil ini telah dibatalkan pada { $date }. Ia tidak lagi membuktikan tamat latihan.
verify-not-found-title = Sijil tidak ditemui
verify-form-label = Nombor sijil
verify-form-hint = Seperti yang dicetak di bawah kod QR, contohnya KZC-0A1B-2C3D-4E5F. Huruf besar atau kecil; ruang dibenarkan.
verify-submit = Semak
