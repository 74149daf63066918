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
