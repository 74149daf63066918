# partner: a partner organisation's own page

partner-only = Halaman ini untuk organisasi rakan kongsi. Kakitangan melihat organisasi dalam konsol.
partner-actions = Perkara yang boleh anda lakukan
partner-back = Kembali ke halaman organisasi anda
partner-not-given = belum diberikan

## Contact details

partner-contact-heading = Butiran hubungan
partner-contact-edit = Kemas kini butiran hubungan
partner-contact-title = Butiran hubungan organisasi anda
partner-contact-save = Simpan butiran hubungan
partner-contact-saved = Butiran hubungan telah disimpan. Pejabat melihatnya serta-merta.
partner-contact-person = Pegawai untuk dihubungi
partner-contact-person-hint = Siapa yang patut dihubungi oleh pejabat, dengan jawatannya, contohnya “Cik Suda Chaiyaporn, Hubungan Antarabangsa”.
partner-address = Alamat
partner-address-hint = Alamat pos, seperti yang anda tulis pada surat.
partner-phone = Telefon
partner-phone-hint = Dengan kod negara, contohnya +60 3 1234 5678.
partner-email = E-mel
partner-email-hint = Alamat yang boleh dihubungi oleh pejabat, contohnya international@example.org.
partner-website = Laman web
partner-website-hint = Bermula dengan https://
partner-form-has-errors = Beberapa medan perlu dibetulkan: lihat mesej di sebelahnya.
partner-form-expired-title = Borang telah tamat tempoh
partner-form-expired = Borang telah tamat tempoh atau datang dari laman lain. Kembali, muat semula halaman dan cuba lagi.

## What the organisation takes part in

partner-hosted-heading = Edisi kursus yang sesinya anda anjurkan
partner-sending-heading = Edisi kursus yang diikuti oleh kakitangan anda
partner-sessions-hosted = { $formatted } sesi dianjurkan
partner-trainees-sent = { $formatted } pelatih daripada organisasi anda

## Nomination files

partner-send-nomination = Hantar fail pencalonan
partner-nominations-heading = Fail pencalonan yang telah anda hantar
partner-nominations-none = Belum ada fail pencalonan.
partner-nominations-title = Hantar fail pencalonan
partner-nominations-lead = Hantar borang permohonan calon anda (permohonan, Bahagian A dan Bahagian B) kepada pejabat sebagai PDF, buku kerja Excel atau fail CSV. Hanya kakitangan pejabat dan organisasi anda boleh membukanya; anda melihat di sini bila ia disemak.
partner-nomination-file = Fail (PDF, XLSX atau CSV)
partner-nomination-file-hint = Sehingga { $limit }. Bahagian B mengandungi maklumat perubatan: hantar hanya melalui cara ini, bukan melalui e-mel.
partner-nomination-edition = Untuk edisi kursus yang mana
partner-nomination-no-edition = Bukan untuk edisi tertentu
partner-nomination-note = Catatan untuk pejabat (pilihan)
partner-nomination-send = Hantar fail
partner-nomination-sent = Fail telah dihantar. Pejabat akan menyemaknya; statusnya ditunjukkan di bawah.
partner-col-file = Fail
partner-col-sent = Dihantar
partner-col-status = Status
partner-col-review-note = Catatan pejabat
partner-col-organisation = Organisasi
partner-col-review = Semakan
partner-status-submitted = Dihantar, belum disemak
partner-status-reviewed = Telah disemak
partner-status-accepted = Diterima
partner-status-declined = Ditolak
partner-size-kb = { $n } kilobait
partner-size-mb = { $n } megabait
partner-too-large-title = Fail terlalu besar
partner-too-large = Fail sehingga { $limit } diterima. Kecilkan fail (contohnya imbas pada resolusi lebih rendah) atau hantar dalam beberapa bahagian.
partner-unreadable-title = Borang tidak dapat dibaca
partner-unreadable = Borang tidak sampai sepenuhnya. Kembali, pilih fail sekali lagi dan hantar.

## Field messages

partner-error-invalid = Nilai ini tidak sah.
partner-error-required = Sila isi medan ini.
partner-error-too-long = Terlalu panjang: paling banyak 500 aksara.
partner-error-control-character = Mengandungi aksara yang tidak dapat disimpan (aksara kawalan).
partner-error-invalid-email = Ini bukan alamat e-mel: tulis seperti nama@example.org.
partner-error-invalid-phone = Ini bukan nombor telefon: gunakan digit, ruang dan + - ( ) . / sahaja.
partner-error-invalid-website = Ini bukan alamat web: mulakan dengan https:// atau http://.
partner-error-stale = Seseorang telah mengubah butiran ini sejak anda membuka borang. Borang kini menunjukkan apa yang direkodkan; buat perubahan anda sekali lagi.
partner-error-not-found = Tiada edisi kursus sedemikian: pilih daripada senarai.
partner-error-nomination-file-type = Hantar PDF, buku kerja Excel (.xlsx) atau fail CSV.
partner-error-nomination-unreadable = Buku kerja tidak dapat dibaca. Simpan semula sebagai buku kerja Excel (.xlsx) dan hantar sekali lagi.
partner-error-unknown-value = Pilih salah satu pilihan.
partner-error-reason-required = Nyatakan sebab pencalonan ditolak; rakan kongsi membaca catatan ini.

## Staff: reviewing nomination files (/console/nominations)

nav-nominations = Pencalonan
partner-review-title = Fail pencalonan daripada rakan kongsi
partner-review-lead = Fail yang dihantar oleh organisasi rakan kongsi untuk calon mereka. Buka fail untuk membacanya (setiap pembukaan direkodkan), kemudian tandakan sebagai telah disemak, diterima atau ditolak dengan catatan yang akan dilihat oleh rakan kongsi.
partner-review-filter = Tunjukkan fail mengikut status
partner-filter-all = Semua
partner-review-decision = Tandakan sebagai
partner-review-note = Catatan kepada rakan kongsi
partner-review-save = Simpan semakan
partner-review-saved = Semakan telah disimpan; rakan kongsi melihatnya di halaman mereka.
partner-review-stale = Seseorang telah menyemak fail ini sejak anda membuka halaman. Ia kini menunjukkan semakan mereka; semak sekali lagi jika perlu.
partner-bad-filter-title = Status tidak dikenali
partner-bad-filter = Pilih status daripada senarai di atas fail.

## The audit log's words for nomination files

audit-entity-nomination = fail pencalonan
audit-detail-nomination-pdf = fail PDF
audit-detail-nomination-xlsx = buku kerja Excel
audit-detail-nomination-csv = fail CSV
audit-detail-nomination-reviewed = ditanda telah disemak
audit-detail-nomination-accepted = ditanda diterima
audit-detail-nomination-declined = ditanda ditolak
audit-detail-nomination-file = fail dibuka
