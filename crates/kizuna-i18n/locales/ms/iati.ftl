# The words Kizuna writes into IATI files (kizuna export iati).
iati-edition-title = { $course }, edisi { $fiscal_year }
iati-edition-description = Satu edisi kursus latihan “{ $course }” bagi { $fiscal_year }, dari { $start } hingga { $end }.
iati-course-description = Kursus latihan untuk pelatih dari luar negara, diadakan dalam edisi tahunan.
iati-location-course = Tempat kursus diadakan
iati-region-unspecified = Negara membangun, wilayah tidak dinyatakan
iati-result-trainees = Pelatih
iati-result-trainees-description = Pelatih edisi ini, setakat tarikh fail ditulis.
iati-result-trainees-all = Pelatih, mengikut tahun kewangan
iati-result-trainees-all-description = Jumlah bagi edisi kursus ini dalam fail ini. Edisi-edisi melaporkan orang yang sama, jadi jumlahkan salah satu sahaja, bukan kedua-duanya.
iati-indicator-completed = Pelatih yang menamatkan kursus
iati-indicator-accepted = Pelatih yang diterima (diterima, telah tiba atau tamat)
iati-partnership-description = Program perkongsian di bawah { $scheme }, menghubungkan { $japan } dengan { $abroad }.
iati-location-japan = Lokaliti Jepun yang dihubungkan oleh program
iati-location-abroad = Lokaliti di luar negara yang dihubungkan oleh program
iati-result-outcomes = Hasil: { $kind }
iati-result-outcomes-description = Hasil jenis ini dalam lejar program, mengikut tahun kewangan, setiap satu dikira sekali pada pihak tempat ia berlaku (dimensi “side”: japan = Jepun, abroad = luar negara, both = kedua-dua pihak).
iati-indicator-outcomes = Hasil yang dituai: { $kind }
