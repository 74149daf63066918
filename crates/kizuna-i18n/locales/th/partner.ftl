# partner: a partner organisation's own page

partner-only = หน้านี้สำหรับองค์กรพันธมิตร เจ้าหน้าที่ดูข้อมูลองค์กรได้ในคอนโซล
partner-actions = สิ่งที่คุณทำได้
partner-back = กลับไปที่หน้าขององค์กร
partner-not-given = ยังไม่ได้ระบุ

## Contact details

partner-contact-heading = ข้อมูลติดต่อ
partner-contact-edit = ปรับปรุงข้อมูลติดต่อ
partner-contact-title = ข้อมูลติดต่อขององค์กรของคุณ
partner-contact-save = บันทึกข้อมูลติดต่อ
partner-contact-saved = บันทึกข้อมูลติดต่อแล้ว สำนักงานเห็นข้อมูลนี้ทันที
partner-contact-person = ผู้ประสานงาน
partner-contact-person-hint = บุคคลที่สำนักงานควรติดต่อ พร้อมตำแหน่ง เช่น “คุณสุดา ชัยพร ฝ่ายวิเทศสัมพันธ์”
partner-address = ที่อยู่
partner-address-hint = ที่อยู่ทางไปรษณีย์ตามที่ใช้ในจดหมาย
partner-phone = โทรศัพท์
partner-phone-hint = พร้อมรหัสประเทศ เช่น +66 2 123 4567
partner-email = อีเมล
partner-email-hint = อีเมลที่สำนักงานติดต่อได้ เช่น international@example.org
partner-website = เว็บไซต์
partner-website-hint = ขึ้นต้นด้วย https://
partner-form-has-errors = มีบางช่องที่ต้องแก้ไข โปรดดูข้อความข้างแต่ละช่อง
partner-form-expired-title = แบบฟอร์มหมดอายุ
partner-form-expired = แบบฟอร์มหมดอายุหรือถูกส่งมาจากเว็บไซต์อื่น กรุณากลับไป โหลดหน้าใหม่ แล้วลองอีกครั้ง

## What the organisation takes part in

partner-hosted-heading = รุ่นของหลักสูตรที่คุณเป็นเจ้าภาพกิจกรรม
partner-sending-heading = รุ่นของหลักสูตรที่บุคลากรของคุณเข้ารับการฝึกอบรม
partner-sessions-hosted = เป็นเจ้าภาพ { $formatted } กิจกรรม
partner-trainees-sent = ผู้รับการฝึกอบรมขององค์กรคุณ { $formatted } คน

## Nomination files

partner-send-nomination = ส่งเอกสารการเสนอชื่อ
partner-nominations-heading = เอกสารการเสนอชื่อที่คุณส่งแล้ว
partner-nominations-none = ยังไม่มีเอกสารการเสนอชื่อ
partner-nominations-title = ส่งเอกสารการเสนอชื่อ
partner-nominations-lead = ส่งเอกสารใบสมัครของผู้ได้รับการเสนอชื่อ (ใบสมัคร ส่วน A และส่วน B) ให้สำนักงานเป็นไฟล์ PDF สมุดงาน Excel หรือไฟล์ CSV มีเพียงเจ้าหน้าที่ของสำนักงานและองค์กรของคุณเท่านั้นที่เปิดไฟล์ได้ คุณดูผลการพิจารณาได้ที่หน้านี้
partner-nomination-file = ไฟล์ (PDF, XLSX หรือ CSV)
partner-nomination-file-hint = ขนาดไม่เกิน { $limit } ส่วน B มีข้อมูลด้านสุขภาพ กรุณาส่งทางนี้เท่านั้น ไม่ใช่ทางอีเมล
partner-nomination-edition = สำหรับรุ่นของหลักสูตรใด
partner-nomination-no-edition = ไม่ได้ระบุรุ่นใดโดยเฉพาะ
partner-nomination-note = ข้อความถึงสำนักงาน (ไม่บังคับ)
partner-nomination-send = ส่งไฟล์
partner-nomination-sent = ส่งไฟล์แล้ว สำนักงานจะพิจารณา สถานะแสดงอยู่ด้านล่าง
partner-col-file = ไฟล์
partner-col-sent = วันที่ส่ง
partner-col-status = สถานะ
partner-col-review-note = ข้อความจากสำนักงาน
partner-col-organisation = องค์กร
partner-col-review = การพิจารณา
partner-status-submitted = ส่งแล้ว ยังไม่ได้พิจารณา
partner-status-reviewed = ตรวจดูแล้ว
partner-status-accepted = ยอมรับ
partner-status-declined = ไม่ยอมรับ
partner-size-kb = { $n } กิโลไบต์
partner-size-mb = { $n } เมกะไบต์
partner-too-large-title = ไฟล์มีขนาดใหญ่เกินไป
partner-too-large = รับไฟล์ขนาดไม่เกิน { $limit } กรุณาลดขนาดไฟล์ (เช่น สแกนด้วยความละเอียดต่ำลง) หรือแบ่งส่งเป็นหลายไฟล์
partner-unreadable-title = ไม่สามารถอ่านแบบฟอร์มได้
partner-unreadable = แบบฟอร์มมาถึงไม่ครบ กรุณากลับไป เลือกไฟล์อีกครั้ง แล้วส่งใหม่

## Field messages

partner-error-invalid = ค่านี้ไม่ถูกต้อง
partner-error-required = กรุณากรอกช่องนี้
partner-error-too-long = ยาวเกินไป ไม่เกิน 500 ตัวอักษร
partner-error-control-character = มีอักขระที่บันทึกไม่ได้ (อักขระควบคุม)
partner-error-invalid-email = ไม่ใช่อีเมล กรุณาเขียนในรูปแบบ name@example.org
partner-error-invalid-phone = ไม่ใช่หมายเลขโทรศัพท์ ใช้ได้เฉพาะตัวเลข ช่องว่าง และ + - ( ) . /
partner-error-invalid-website = ไม่ใช่ที่อยู่เว็บ กรุณาขึ้นต้นด้วย https:// หรือ http://
partner-error-stale = มีผู้อื่นเปลี่ยนข้อมูลนี้หลังจากที่คุณเปิดแบบฟอร์ม แบบฟอร์มแสดงข้อมูลที่บันทึกอยู่ในขณะนี้ กรุณาแก้ไขอีกครั้ง
partner-error-not-found = ไม่มีรุ่นของหลักสูตรนี้ กรุณาเลือกจากรายการ
partner-error-nomination-file-type = กรุณาส่งไฟล์ PDF สมุดงาน Excel (.xlsx) หรือไฟล์ CSV
partner-error-nomination-unreadable = ไม่สามารถอ่านสมุดงานได้ กรุณาบันทึกใหม่เป็นสมุดงาน Excel (.xlsx) แล้วส่งอีกครั้ง
partner-error-unknown-value = กรุณาเลือกจากตัวเลือก
partner-error-reason-required = กรุณาระบุเหตุผลที่ไม่ยอมรับการเสนอชื่อ องค์กรพันธมิตรจะเห็นข้อความนี้

## Staff: reviewing nomination files (/console/nominations)

nav-nominations = การเสนอชื่อ
partner-review-title = เอกสารการเสนอชื่อจากองค์กรพันธมิตร
partner-review-lead = ไฟล์ที่องค์กรพันธมิตรส่งมาสำหรับผู้ได้รับการเสนอชื่อ เปิดไฟล์เพื่ออ่าน (ทุกครั้งที่เปิดจะถูกบันทึก) แล้วทำเครื่องหมายว่าตรวจดูแล้ว ยอมรับ หรือไม่ยอมรับ พร้อมข้อความที่องค์กรพันธมิตรจะเห็น
partner-review-filter = แสดงไฟล์ตามสถานะ
partner-filter-all = ทั้งหมด
partner-review-decision = ทำเครื่องหมายเป็น
partner-review-note = ข้อความถึงองค์กรพันธมิตร
partner-review-save = บันทึกผลการพิจารณา
partner-review-saved = บันทึกผลการพิจารณาแล้ว องค์กรพันธมิตรเห็นได้ในหน้าของตน
partner-review-stale = มีผู้อื่นพิจารณาไฟล์นี้หลังจากที่คุณเปิดหน้า ขณะนี้แสดงผลการพิจารณานั้น พิจารณาอีกครั้งหากจำเป็น
partner-bad-filter-title = ไม่รู้จักสถานะนี้
partner-bad-filter = กรุณาเลือกสถานะจากรายการด้านบนของไฟล์

## The audit log's words for nomination files

audit-entity-nomination = เอกสารการเสนอชื่อ
audit-detail-nomination-pdf = ไฟล์ PDF
audit-detail-nomination-xlsx = สมุดงาน Excel
audit-detail-nomination-csv = ไฟล์ CSV
audit-detail-nomination-reviewed = ทำเครื่องหมายว่าตรวจดูแล้ว
audit-detail-nomination-accepted = ทำเครื่องหมายว่ายอมรับ
audit-detail-nomination-declined = ทำเครื่องหมายว่าไม่ยอมรับ
audit-detail-nomination-file = เปิดไฟล์
