# alumni (issue 13): การติดตามผล สมาคมศิษย์เก่า ประวัติของบุคคล
alumni-due-title = การติดตามผลที่ถึงกำหนด
alumni-due-lead = อดีตผู้เข้าอบรมและอาสาสมัครจะได้รับการติดตามผลหกเดือนและสิบสองเดือนหลังจบ รายการที่ยังไม่ได้ทำจะแสดงที่นี่จนครบหนึ่งปีหลังวันกำหนด
alumni-back-console = คอนโซล
alumni-within = ถึงกำหนดภายใน (วัน)
alumni-show = แสดง
alumni-due-count = { $count ->
    [0] ไม่มีการติดตามผลที่ถึงกำหนด
   *[other] มีการติดตามผลที่ถึงกำหนด { $formatted } รายการ
}
alumni-days-overdue = { $count ->
   *[other] เกินกำหนด { $formatted } วัน
}
alumni-days-left = { $count ->
    [0] ครบกำหนดวันนี้
   *[other] อีก { $formatted } วัน
}
alumni-col-person = บุคคล
alumni-col-what = หลักสูตรหรือการปฏิบัติงาน
alumni-col-milestone = ระยะ
alumni-col-due = วันครบกำหนด
alumni-col-overdue = เกินกำหนด
alumni-col-last-contact = ติดต่อล่าสุด
alumni-col-date = วันที่
alumni-col-kind = ประเภทบันทึก
alumni-col-step = สิ่งที่เกิดขึ้น
alumni-col-sessions = จำนวนครั้ง
alumni-col-country = ประเทศ
alumni-col-name = ชื่อ
alumni-col-founded = ก่อตั้ง
alumni-col-role = ตำแหน่ง
alumni-col-joined = เข้าร่วม
alumni-record = บันทึก
alumni-follow-up-new = บันทึกการติดตามผล
alumni-follow-up-saved = บันทึกการติดตามผลแล้ว
alumni-done-on = วันที่ดำเนินการ
alumni-channel = ช่องทางการติดต่อ
alumni-progress = แผนปฏิบัติการ
alumni-evidence-url = ลิงก์หลักฐาน
alumni-notes = หมายเหตุ
alumni-none = (ไม่มี)
alumni-save = บันทึก
alumni-lang-en = ภาษาอังกฤษ
alumni-lang-ja = ภาษาญี่ปุ่น
alumni-lang-th = ภาษาไทย
alumni-lang-ms = ภาษามลายู
alumni-milestone-m6 = 6 เดือน
alumni-milestone-m12 = 12 เดือน
alumni-milestone-other = การติดต่ออื่น
alumni-progress-not-started = ยังไม่เริ่ม
alumni-progress-in-progress = กำลังดำเนินการ
alumni-progress-implemented = ดำเนินการแล้ว
alumni-channel-email = อีเมล
alumni-channel-phone = โทรศัพท์
alumni-channel-video-call = วิดีโอคอล
alumni-channel-visit = การเยี่ยม
alumni-channel-social-media = โซเชียลมีเดีย
alumni-channel-letter = จดหมาย
alumni-channel-other = อื่น ๆ
alumni-role-chair = ประธาน
alumni-role-vice-chair = รองประธาน
alumni-role-secretary = เลขานุการ
alumni-role-treasurer = เหรัญญิก
alumni-role-member = สมาชิก
alumni-placement-started = เริ่มปฏิบัติงาน
alumni-placement-ended = สิ้นสุดการปฏิบัติงาน
alumni-kind-course = หลักสูตร
alumni-kind-activity = กิจกรรม
alumni-kind-outcome = ผลลัพธ์
alumni-kind-placement = การปฏิบัติงานอาสาสมัคร
alumni-kind-follow-up = การติดตามผล
alumni-kind-membership = สมาคมศิษย์เก่า
alumni-history-title = ประวัติ
alumni-history-lead = ทุกสิ่งที่บันทึกเกี่ยวกับบุคคลนี้ เรียงจากเก่าไปใหม่ การเปิดหน้านี้จะถูกบันทึกไว้
alumni-history-empty = ยังไม่มีบันทึกเกี่ยวกับบุคคลนี้
alumni-attendance = การเข้าร่วม
alumni-present = มา
alumni-late = มาสาย
alumni-absent = ขาด
alumni-excused = ลา
alumni-planned = การติดตามผลที่วางแผนไว้
alumni-associations-title = สมาคมศิษย์เก่า
alumni-associations-empty = ยังไม่มีสมาคมศิษย์เก่าที่บันทึกไว้
alumni-members = สมาชิก
alumni-members-empty = ยังไม่มีสมาชิกที่บันทึกไว้
alumni-error-before-completion = วันที่นี้อยู่ก่อนที่หลักสูตรหรือการปฏิบัติงานจะจบ
alumni-error-wrong-due-date = ไม่ตรงกับวันครบกำหนดของระยะนี้ ซึ่งคือ 6 หรือ 12 เดือนหลังจบ
alumni-error-duplicate = ระยะนี้ของหลักสูตรหรือการปฏิบัติงานนี้บันทึกไว้แล้ว
alumni-error-evidence-required = แผนที่ดำเนินการแล้วต้องมีหลักฐาน: ลิงก์ หรือหมายเหตุว่าทำอะไรไปแล้ว
alumni-error-in-future = วันที่นี้อยู่หลังวันนี้
alumni-error-not-finished = ติดตามผลได้เฉพาะหลักสูตรที่จบแล้วหรือการปฏิบัติงานที่สิ้นสุดแล้ว
alumni-error-other-person = หลักสูตรหรือการปฏิบัติงานนี้เป็นของบุคคลอื่น
alumni-error-invalid-url = ใส่ที่อยู่เว็บที่ขึ้นต้นด้วย https:// หรือ http://
alumni-error-already-member = บุคคลนี้เป็นสมาชิกอยู่แล้ว
alumni-error-other-country = สมาคมนี้เป็นของศิษย์เก่าประเทศอื่น
alumni-error-not-alumni = สมาชิกต้องเป็นผู้ที่จบหลักสูตรหรือการปฏิบัติงานแล้ว
