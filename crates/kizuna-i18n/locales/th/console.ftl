# Staff console (training slice).

## Dashboard
console-dash-title = ส่วนงานเจ้าหน้าที่
console-dash-as-of = ตัวเลข ณ วันที่ { $date }
console-dash-this-year = ปีงบประมาณนี้: { $year }
console-dash-totals = ยอดรวม
console-dash-trainees = { $count ->
   *[other] ผู้เข้ารับการฝึกอบรมที่รับแล้วทั้งหมด
}
console-dash-countries = { $count ->
   *[other] ประเทศและดินแดนต้นทาง
}
console-dash-courses = { $count ->
   *[other] หลักสูตรฝึกอบรม
}
console-dash-editions = { $count ->
   *[other] รุ่นของหลักสูตรในปีงบประมาณนี้
}
console-dash-since = ปีงบประมาณแรกที่รับผู้เข้ารับการฝึกอบรม
console-dash-work = งาน
console-dash-link-courses = หลักสูตรฝึกอบรมและรุ่นตามปีงบประมาณ
console-dash-link-trainees = รายชื่อผู้เข้ารับการฝึกอบรม พร้อมตัวกรองและการดาวน์โหลด
console-dash-link-import = นำเข้าผู้เข้ารับการฝึกอบรมจากไฟล์ CSV หรือ XLSX
console-dash-link-statistics = สถิติผู้เข้ารับการฝึกอบรมสำหรับเจ้าหน้าที่

## Shared
console-save = บันทึก
console-choose = เลือก…
console-none = (ไม่มี)
console-form-has-errors = มีค่าบางรายการที่ต้องแก้ไข ปัญหาแต่ละข้อแสดงไว้ข้างช่องนั้น
console-back-courses = กลับไปที่หลักสูตรฝึกอบรม
console-back-edition = กลับไปที่รุ่นของหลักสูตร
console-back-trainees = กลับไปที่รายชื่อผู้เข้ารับการฝึกอบรม
console-download = ดาวน์โหลดรายการเหล่านี้
console-download-csv = ไฟล์ CSV
console-download-xlsx = ไฟล์ Excel (XLSX)
console-download-refused-title = ไม่สามารถสร้างไฟล์ดาวน์โหลดได้
console-download-refused = ตัวกรองมีค่าที่ใช้ไม่ได้ โปรดแก้ไขในหน้ารายชื่อผู้เข้ารับการฝึกอบรมแล้วลองอีกครั้ง

## Column headings
console-col-fiscal-year = ปีงบประมาณ
console-col-edition = รุ่นของหลักสูตร
console-col-scope = ประเภท
console-col-dates = ช่วงวันที่
console-col-trainees = ผู้เข้ารับการฝึกอบรม
console-col-name = ชื่อ
console-col-native-name = ชื่อในภาษาของตน
console-col-nationality = สัญชาติ
console-col-status = สถานะ
console-col-time = เวลา
console-col-kind = ประเภทกิจกรรม
console-col-session = หัวข้อ
console-col-place = สถานที่
console-col-attendance = การเข้าร่วม
console-col-present = เข้าร่วม
console-col-role = บทบาท
console-col-region = ภูมิภาค
console-col-course = หลักสูตร
console-col-gender = เพศ
console-col-row = แถว
console-col-column = คอลัมน์
console-col-value = ค่า
console-col-reason = เหตุผล

## Courses
console-courses-title = หลักสูตรฝึกอบรม
console-courses-none = ยังไม่มีการบันทึกหลักสูตรฝึกอบรม
console-course-new = หลักสูตรฝึกอบรมใหม่
console-course-created = บันทึกหลักสูตรฝึกอบรม { $key } แล้ว
console-course-editions-count = { $count ->
    [0] ยังไม่มีรุ่น
   *[other] { $formatted } รุ่น
}
console-course-editions-caption = รุ่นของ { $course } เรียงจากล่าสุด
console-course-see-trainees = ดูผู้เข้ารับการฝึกอบรม
console-course-key = รหัส
console-course-key-hint = ใช้อักษรละตินตัวพิมพ์เล็ก ตัวเลข และยัติภังค์ เช่น gmrdp ใช้ในไฟล์นำเข้า
console-course-title-en = ชื่อภาษาอังกฤษ
console-course-title-ja = ชื่อภาษาญี่ปุ่น
console-course-summary = สรุป
console-course-organisation = หน่วยงานที่จัดหลักสูตร

## Editions
console-edition-new = รุ่นใหม่ของหลักสูตร
console-edition-edit = แก้ไขรุ่นนี้
console-edition-saved = บันทึกรุ่นของหลักสูตรแล้ว
console-edition-course = หลักสูตรฝึกอบรม
console-edition-key = รหัสรุ่น
console-edition-key-hint = รหัสหลักสูตร ตามด้วยเครื่องหมายทับและปีงบประมาณ เช่น gmrdp/fy2007
console-edition-fiscal-year = ปีงบประมาณ
console-edition-fiscal-year-hint = ปีที่ปีงบประมาณเริ่มต้น เช่น 2007 (เมษายน 2007 ถึงมีนาคม 2008) ใช้รูปแบบศักราชญี่ปุ่นอย่าง 平成19年度 ได้ด้วย
console-edition-scope = ประเภท
console-edition-targets = ประเทศเป้าหมาย
console-edition-targets-hint = สำหรับรุ่นเฉพาะประเทศเท่านั้น: รหัสประเทศ ISO คั่นด้วยจุลภาค เช่น TH, MY
console-edition-title = ชื่อของรุ่นนี้
console-edition-title-hint = เว้นว่างไว้หากใช้ชื่อเดียวกับหลักสูตร
console-edition-starts = วันแรก
console-edition-ends = วันสุดท้าย
console-edition-capacity = จำนวนที่รับ
console-edition-dates = ช่วงวันที่
console-edition-participants = ผู้เข้าร่วม
console-edition-timetable = หลักสูตรและตารางกิจกรรม
console-roster-trainee = { $count ->
   *[other] ผู้เข้ารับการฝึกอบรม { $formatted } คน
}
console-roster-instructor = { $count ->
   *[other] วิทยากร { $formatted } คน
}
console-roster-coordinator = { $count ->
   *[other] ผู้ประสานงาน { $formatted } คน
}
console-roster-empty = ไม่มีผู้ใดได้รับการบันทึก
console-sessions-count = { $count ->
   *[other] { $formatted } กิจกรรม
}
console-timetable-tz = เวลาตามเวลามาตรฐานญี่ปุ่น
console-timetable-empty = ยังไม่มีการวางแผนกิจกรรม

## Attendance
console-attendance-title = การเข้าร่วม
console-attendance-mark = บันทึกการเข้าร่วม
console-attendance-caption = ทำเครื่องหมายทุกคนที่เข้าร่วมกิจกรรมนี้
console-attendance-save = บันทึกการเข้าร่วม
console-attendance-saved = บันทึกการเข้าร่วมแล้ว
console-attendance-summary = { $count ->
   *[other] เข้าร่วม { $present } จาก { $count } คน
}
console-attendance-refused-title = ไม่ได้บันทึกการเข้าร่วม
console-attendance-refused = บันทึกได้เฉพาะผู้ที่อยู่ในรุ่นของหลักสูตรนี้ โปรดโหลดหน้าใหม่แล้วลองอีกครั้ง

## Trainee list
console-trainees-title = ผู้เข้ารับการฝึกอบรม
console-filters = ตัวกรอง
console-filter-any = ทั้งหมด
console-filter-counted = รับแล้ว (ตามที่นับในสถิติ)
console-filter-apply = แสดง
console-filter-clear = ล้างตัวกรอง
console-trainees-total = { $count ->
    [0] ไม่มีผู้เข้ารับการฝึกอบรมที่ตรงกับตัวกรอง
   *[other] มีผู้เข้ารับการฝึกอบรม { $formatted } คนที่ตรงกับตัวกรอง
}
console-trainees-none = เปลี่ยนตัวกรองเพื่อดูผู้เข้ารับการฝึกอบรม
console-pager = หน้า
console-pager-prev = หน้าก่อนหน้า
console-pager-next = หน้าถัดไป
console-pager-showing = { $count ->
    [0] ไม่มีรายการที่จะแสดง
   *[other] แถวที่ { $from } ถึง { $to } จาก { $formatted }
}

## Person
console-person-kana = คำอ่านคาตาคานะ
console-person-organisation = หน่วยงาน
console-person-position = ตำแหน่ง
console-person-birth-date = วันเกิด
console-person-email = อีเมล
console-person-roles = บทบาทตลอดหลายปี
console-person-roles-count = { $count ->
    [0] ยังไม่มีบทบาทที่บันทึกไว้
   *[other] บันทึกไว้ { $formatted } บทบาท
}

## Import
console-import-title = นำเข้าผู้เข้ารับการฝึกอบรม
console-import-upload-title = ตรวจสอบไฟล์
console-import-explain = เลือกไฟล์ CSV หรือ XLSX ที่มีคอลัมน์ตามแม่แบบ ระบบจะตรวจสอบก่อนโดยไม่บันทึกสิ่งใด แล้วแสดงค่าทุกค่าที่รับไม่ได้ หรือรายชื่อผู้เข้ารับการฝึกอบรมที่จะเพิ่ม
console-import-templates = แม่แบบเปล่า
console-import-file = ไฟล์ผู้เข้ารับการฝึกอบรม (CSV หรือ XLSX)
console-import-file-hint = บันทึกสเปรดชีตเป็น “CSV UTF-8” หรือเป็นเวิร์กบุ๊ก Excel แถวแรกเป็นชื่อคอลัมน์
console-import-check = ตรวจสอบไฟล์
console-import-no-file = โปรดเลือกไฟล์ที่จะตรวจสอบ
console-import-bad-file = อ่านไฟล์ไม่ได้ โปรดบันทึกเป็น CSV UTF-8 หรือเวิร์กบุ๊ก Excel ที่มีแถวหัวตารางตามแม่แบบ แล้วลองอีกครั้ง
console-import-encoding = ไฟล์นี้บันทึกด้วยการเข้ารหัสอักขระ { $found } ซึ่ง Kizuna อ่านไม่ได้ (อ่านได้เฉพาะ UTF-8, Shift_JIS, EUC-JP และการเข้ารหัสภาษาไทยของ Windows) โปรดบันทึกเป็น "CSV UTF-8" แล้วลองอีกครั้ง
console-import-too-large = ไฟล์ใหญ่เกินกว่าจะนำเข้าได้ ไฟล์มีขนาดได้ไม่เกิน { $limit } เวิร์กบุ๊ก Excel เมื่อแตกออกแล้วต้องไม่เกิน { $unpacked } และชีตหรือไฟล์ CSV มีได้ไม่เกิน { $cells } เซลล์ (นับจาก A1 ถึงเซลล์สุดท้ายที่ใช้) โปรดแบ่งเป็นไฟล์เล็กลงแล้วนำเข้าทีละไฟล์
console-import-unreadable-title = อ่านข้อมูลที่ส่งมาไม่ได้
console-import-unreadable = แบบฟอร์มมาถึงไม่ครบ โปรดย้อนกลับและเลือกไฟล์อีกครั้ง
console-import-rejected-title = ค่าที่รับไม่ได้
console-import-rejected-summary = { $count ->
   *[other] มี { $formatted } ค่าที่รับไม่ได้ ยังไม่ได้บันทึกสิ่งใด โปรดแก้ไขไฟล์แล้วตรวจสอบอีกครั้ง
}
console-import-preview-title = ผู้เข้ารับการฝึกอบรมที่ไฟล์นี้จะเพิ่ม
console-import-preview-summary = { $count ->
   *[other] ไฟล์ไม่มีปัญหา: จะเพิ่มผู้เข้ารับการฝึกอบรม { $formatted } คน ยังไม่ได้บันทึกสิ่งใด
}
console-import-confirm-explain = การนำเข้าจะบันทึกทุกแถวพร้อมกัน หรือไม่บันทึกเลยหากข้อมูลเปลี่ยนไประหว่างนั้น
console-import-confirm = นำเข้าผู้เข้ารับการฝึกอบรมเหล่านี้
console-import-cancel = ยกเลิก
console-import-done = { $count ->
   *[other] นำเข้าผู้เข้ารับการฝึกอบรม { $formatted } คนแล้ว
}

## Values
console-role-trainee = ผู้เข้ารับการฝึกอบรม
console-role-instructor = วิทยากร
console-role-coordinator = ผู้ประสานงาน
console-status-nominated = ได้รับการเสนอชื่อ
console-status-accepted = ได้รับการตอบรับ
console-status-arrived = เดินทางมาถึงแล้ว
console-status-completed = สำเร็จหลักสูตร
console-status-withdrawn = ถอนตัว
console-scope-general = ทั่วไป (หลายประเทศ)
console-scope-country-specific = เฉพาะประเทศ
console-kind-lecture = การบรรยาย
console-kind-inspection-tour = การศึกษาดูงาน
console-kind-presentation-meeting = การนำเสนอผลงาน
console-kind-courtesy-call = การเข้าเยี่ยมคารวะ
console-kind-ceremony = พิธี
console-gender-female = หญิง
console-gender-male = ชาย
console-gender-other = อื่น ๆ
console-gender-unspecified = ไม่ระบุ
console-region-africa = แอฟริกา
console-region-asia = เอเชีย
console-region-middle-east = ตะวันออกกลาง
console-region-europe = ยุโรป
console-region-north-america = อเมริกาเหนือ
console-region-latin-america = ละตินอเมริกาและแคริบเบียน
console-region-oceania = โอเชียเนีย

## Why a value was refused (by rule)
console-error-invalid = ไม่สามารถรับค่านี้ได้
console-error-required = โปรดกรอกช่องนี้
console-error-too-long = ยาวเกินไป: ไม่เกิน 500 ตัวอักษร
console-error-control-character = มีอักขระควบคุมที่มองไม่เห็น โปรดพิมพ์ใหม่
console-error-invalid-key = ใช้ได้เฉพาะอักษรละตินตัวพิมพ์เล็ก ตัวเลข และ “-” “_” “.” “/” เช่น gmrdp/fy2007
console-error-unknown-country = “{ $value }” ไม่ใช่รหัสประเทศ ISO โปรดใช้อักษรสองตัว เช่น TH หรือ MY
console-error-unknown-value = “{ $value }” ไม่ใช่ค่าที่อนุญาต
console-error-invalid-date = “{ $value }” ไม่ใช่วันที่ โปรดเขียนเป็น ปปปป-ดด-วว เช่น 2007-10-01
console-error-invalid-email = “{ $value }” ไม่ใช่ที่อยู่อีเมล
console-error-in-future = วันที่นี้อยู่ในอนาคต
console-error-out-of-range = ตัวเลขนี้อยู่นอกช่วงที่กำหนด
console-error-before-start = วันสิ้นสุดอยู่ก่อนวันเริ่มต้น
console-error-outside-fiscal-year = วันแรกต้องอยู่ในปีงบประมาณ (1 เมษายน ถึง 31 มีนาคม)
console-error-not-allowed = เว้นว่างช่องนี้: รุ่นทั่วไปเปิดรับทุกประเทศ
console-error-duplicate = ค่านี้ถูกใช้แล้วหรือซ้ำกัน โปรดเลือกค่าอื่น
console-error-not-found = อ้างถึงระเบียนที่ไม่มีอยู่
console-error-not-a-course = โครงการนี้ไม่ใช่หลักสูตรฝึกอบรม
console-error-country-not-targeted = ประเทศของผู้เข้ารับการฝึกอบรมนี้ไม่อยู่ในประเทศเป้าหมายของรุ่น
console-error-duplicate-in-file = บุคคลเดียวกันปรากฏอยู่ในแถวก่อนหน้าของไฟล์
console-error-person-exists = บุคคลนี้ (ชื่อ สัญชาติ และวันเกิดเดียวกัน) ถูกบันทึกไว้แล้ว
console-error-unknown-organisation = ไม่มีหน่วยงานที่มีรหัส “{ $value }”
console-error-unknown-edition = ไม่มีรุ่นของหลักสูตรที่มีรหัส “{ $value }”
console-error-unknown-column = คอลัมน์นี้ไม่มีในแม่แบบ
console-error-missing-column = ไม่มีคอลัมน์ที่จำเป็นนี้
console-error-duplicate-column = คอลัมน์นี้ปรากฏสองครั้ง
console-error-formula = เซลล์นี้เป็นสูตร ({ $value }) ไม่ใช่ค่า โปรดพิมพ์ค่าจริงลงไป
console-error-number-in-text = เซลล์นี้เป็นตัวเลข ({ $value }) ในคอลัมน์ที่ควรเป็นข้อความ เลข 0 นำหน้าหรือตัวเลขหลักยาวอาจหายไป โปรดจัดรูปแบบคอลัมน์เป็นข้อความแล้วพิมพ์ค่าใหม่
console-error-not-a-number = โปรดใส่จำนวนเต็ม
console-error-invalid-fiscal-year = โปรดใส่ปีงบประมาณ เช่น 2007 หรือ 平成19年度
console-error-in-use-or-missing-reference = อ้างถึงระเบียนที่ไม่มีอยู่ หรือระเบียนนี้ยังถูกใช้งานอยู่
console-course-title = ชื่อ
console-error-stale = มีผู้อื่นแก้ไขระเบียนนี้ระหว่างที่คุณกำลังแก้ไข ฉบับที่บันทึกไว้ตอนนี้เป็นของผู้นั้น โปรดตรวจสอบ แล้วบันทึกอีกครั้งเพื่อแทนที่ด้วยของคุณ
