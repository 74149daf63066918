# documents: printable timetables, participant lists, attendance sheets, calendars and downloads

## Printable timetable, participant lists and attendance sheets (console/documents.rs)

documents-timetable-title = ตารางกำหนดการ
documents-timetable-empty = ยังไม่มีการเพิ่มกิจกรรมในรุ่นนี้
documents-times-jst = เวลาทั้งหมดเป็นเวลาญี่ปุ่น (JST, UTC+9)
documents-jst = เวลาญี่ปุ่น
documents-print-hint = หากต้องการพิมพ์ ให้ใช้คำสั่งพิมพ์ของเบราว์เซอร์ เมนูนำทางจะไม่ถูกพิมพ์และหน้ากระดาษเป็นขนาด A4
documents-back-edition = กลับไปที่รุ่นของหลักสูตร
documents-back-timetable = กลับไปที่ตารางกำหนดการ
documents-ical = เพิ่มลงในปฏิทิน (iCalendar)
documents-col-host = หน่วยงานเจ้าภาพ
documents-col-instructors = วิทยากร
documents-col-lists = รายชื่อ
documents-col-edition = รุ่นของหลักสูตร
documents-col-when = วันและเวลา
documents-col-number = ลำดับ
documents-col-organisation = หน่วยงาน
documents-col-present = มา
documents-col-signature = ลายมือชื่อ
documents-col-note = หมายเหตุ
documents-participants-link = รายชื่อผู้เข้าร่วม
documents-sheet-link = ใบลงชื่อเข้าร่วม
documents-participants-title = รายชื่อผู้เข้าร่วม
documents-sheet-title = ใบลงชื่อเข้าร่วม
documents-mark-attendance = บันทึกการเข้าร่วม
documents-instructors-heading = วิทยากร
documents-no-trainees = ยังไม่มีผู้รับการฝึกอบรมที่ได้รับการตอบรับในรุ่นนี้
documents-trainees-count = ผู้รับการฝึกอบรม { $formatted } คน
documents-printed = พิมพ์จาก Kizuna เมื่อ { $date } (เวลาญี่ปุ่น)
documents-edition-links = พิมพ์และแบ่งปัน

## Statistics downloads (/statistics.csv, .xlsx and the staff's)

stats-download-all = ดาวน์โหลดตารางทั้งหมด
stats-download-table = ดาวน์โหลดตารางนี้
stats-download-csv = ไฟล์ CSV
stats-download-xlsx = ไฟล์ Excel (XLSX)
stats-download-refused-title = ไม่สามารถสร้างไฟล์นี้ได้
stats-download-refused = วันที่ ตัวกรอง หรือตารางที่ขอไม่ถูกต้อง กรุณากลับไปที่หน้าสถิติ เลือกใหม่ แล้วดาวน์โหลดจากหน้านั้น
stats-download-filters = ตัวกรอง
stats-download-no-filters = ไม่มี: ทุกคนที่นับถึงวันที่กำหนด
stats-download-withheld = จำนวนที่น้อย
stats-download-source = แหล่งที่มา
stats-download-source-value = Kizuna หน้า { $page }
stats-download-written = จัดทำเมื่อ
stats-download-col-code = รหัส (ISO 3166-1)
stats-download-about-sheet = เกี่ยวกับไฟล์นี้
