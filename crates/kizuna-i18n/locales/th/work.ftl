# work: an edition's participations, sessions and awards made and changed in the console

## Shared
work-change = แก้ไข
work-col-change = แก้ไข
work-list-and = { $first } และ { $last }
work-dash-link-awards = รางวัลที่สำนักงานและหน่วยงานพันธมิตรได้รับ

## Participants: finding a person and adding them
work-find-label = ค้นหาบุคคลที่จะเพิ่ม (ส่วนใดส่วนหนึ่งของชื่อ อักษรใดก็ได้ หรือคานะ)
work-find-hint = นามสกุลหรือชื่อตัวเป็นอักษรละติน ชื่อในอักษรของบุคคลนั้น หรือคำอ่านเป็นคาตากานะหรือฮิรางานะ
work-find-submit = ค้นหา
work-person-new = เพิ่มบุคคลใหม่
work-person-missing = ยังไม่มีข้อมูลของบุคคลนั้นใช่ไหม บันทึกข้อมูลก่อน แล้วค้นหาจากด้านบน
work-participant-new = เพิ่มผู้เข้าร่วม
work-find-found = { $count ->
    [0] ไม่พบผู้ที่มีชื่อเช่นนี้ โปรดตรวจสอบการสะกด หรือบันทึกเป็นบุคคลใหม่
   *[other] พบ { $formatted } คน
}
work-col-born = ปีเกิด
work-col-courses = หลักสูตรที่เข้าร่วม
work-col-add = เพิ่มในรุ่นนี้
work-find-here = อยู่ในรุ่นนี้แล้ว: { $roles }
work-find-role-of = บทบาทของ { $name }
work-find-nominated-of = วันที่ { $name } ได้รับการเสนอชื่อ
work-find-more = และอีก { $count } รายการ
work-find-add = เพิ่ม

## Participants: the steps from nomination to completion
work-col-next-step = ขั้นตอนถัดไป (ตามวันที่ที่แสดง)
work-step-date-of = วันที่ของขั้นตอนถัดไปของ { $name }
work-step-accepted = ตอบรับ
work-step-arrived = เดินทางมาถึง
work-step-completed = สำเร็จหลักสูตร
work-step-withdrawn = ถอนตัว
work-step-refused = ไม่ได้บันทึกขั้นตอนนั้น เหตุผลแสดงอยู่ที่แถวของบุคคลนั้น
work-participation-edit = แก้ไขการเข้าร่วม
work-participation-delete = นำออกจากรุ่นนี้
work-participation-status-hint = หากจะไปยังขั้นตอนถัดไป ใช้ปุ่มในหน้ารุ่นเพื่อบันทึกแต่ละขั้นตอนพร้อมวันที่ หากเปลี่ยนสถานะที่นี่ ต้องระบุวันที่ของทุกขั้นตอนที่ผ่านมาจนถึงสถานะนั้น
work-participation-nominated-on = วันที่ได้รับการเสนอชื่อ
work-participation-accepted-on = วันที่ได้รับการตอบรับ
work-participation-arrived-on = วันที่เดินทางมาถึง
work-participation-completed-on = วันที่สำเร็จหลักสูตร
work-participation-withdrawn-on = วันที่ถอนตัว
work-participation-started-on = วันแรกของการเข้าร่วม
work-participation-ended-on = วันสุดท้ายของการเข้าร่วม
work-participation-plan = ชื่อแผนปฏิบัติการ
work-participation-plan-hint = สำหรับผู้เข้ารับการฝึกอบรมเท่านั้น: แผนที่จัดทำและนำเสนอในการนำเสนอผลงาน

## Sessions
work-session-new = เพิ่มกิจกรรม
work-session-edit = แก้ไขกิจกรรม
work-session-delete = ลบกิจกรรมนี้
work-session-title = หัวข้อ
work-session-starts = เริ่ม
work-session-ends = สิ้นสุด
work-session-host = หน่วยงานเจ้าภาพ
work-session-instructors = วิทยากร
work-session-no-teachers = รุ่นนี้ยังไม่มีวิทยากรหรือผู้ประสานงาน โปรดเพิ่มเป็นผู้เข้าร่วมก่อน หรือเลือกจากรายการด้านล่าง
work-session-other-instructors = วิทยากรอื่น (ผู้ที่เคยเป็นวิทยากรหรือผู้ประสานงานในรุ่นอื่น)
work-session-other-instructors-hint = กด Ctrl ค้างไว้ (⌘ บน Mac) เพื่อเลือกมากกว่าหนึ่งคน

## Attendance
work-attendance-caption = เลือกการเข้าร่วมของแต่ละคน จะใส่หมายเหตุหรือไม่ก็ได้
work-attendance-present = มา
work-attendance-absent = ขาด
work-attendance-late = มาสาย
work-attendance-excused = ลา
work-col-note = หมายเหตุ
work-attendance-note-for = หมายเหตุเกี่ยวกับ { $name }
work-attendance-save-rest = บันทึก และถือว่าทุกคนที่ยังไม่ได้บันทึกมาเข้าร่วม
work-attendance-summary = จากผู้เข้าร่วม { $count } คน: มา { $present } คน มาสาย { $late } คน ขาด { $absent } คน ลา { $excused } คน ยังไม่ได้บันทึก { $unmarked } คน

## Awards
work-awards-title = รางวัล
work-awards-lead = รางวัลที่สำนักงานหรือหน่วยงานพันธมิตรได้รับ เรียงจากล่าสุด
work-awards-none = ยังไม่มีการบันทึกรางวัล
work-award-new = เพิ่มรางวัล
work-award-edit = แก้ไขรางวัล
work-award-delete = ลบรางวัลนี้
work-award-title = ชื่อรางวัล
work-award-recipient = ผู้ได้รับ
work-award-by = ผู้มอบ
work-award-received = วันที่ได้รับ
work-award-citation = เหตุผลที่ได้รับ
work-back-awards = กลับไปที่รายการรางวัล

## Courses and editions
work-course-edit = แก้ไขหลักสูตรนี้
work-course-delete = ลบหลักสูตรนี้
work-edition-delete = ลบรุ่นนี้

## Deleting
work-delete-course = ลบหลักสูตรฝึกอบรมนี้หรือไม่
work-delete-edition = ลบรุ่นของหลักสูตรนี้หรือไม่
work-delete-session = ลบกิจกรรมนี้หรือไม่
work-delete-participation = นำบุคคลนี้ออกจากรุ่นหรือไม่
work-delete-award = ลบรางวัลนี้หรือไม่
work-delete-explain = เมื่อลบแล้วจะเรียกคืนไม่ได้
work-delete-confirm = ลบ
work-delete-cancel = เก็บไว้
work-delete-back = ย้อนกลับ
work-delete-blocked = ลบไม่ได้ เพราะยังมี{ $list } โปรดนำออกก่อน ยังไม่มีสิ่งใดถูกลบ
work-delete-going-with = สิ่งที่จะถูกลบไปด้วย: { $list }
work-delete-stale = มีผู้อื่นแก้ไขข้อมูลนี้หลังจากที่คุณเปิดหน้านี้ โปรดตรวจสอบอีกครั้งก่อนลบ
work-delete-refused = ขณะนี้มีข้อมูลอื่นอ้างถึงข้อมูลนี้ จึงไม่ได้ลบสิ่งใด
work-count-editions = { $count ->
   *[other] รุ่นของหลักสูตร { $formatted } รุ่น
}
work-count-participations = { $count ->
   *[other] การเข้าร่วม { $formatted } รายการ
}
work-count-sessions = { $count ->
   *[other] กิจกรรม { $formatted } รายการ
}
work-count-attendance = { $count ->
   *[other] บันทึกการเข้าร่วม { $formatted } รายการ
}

## What a finished change says
work-done-participant-added = เพิ่มบุคคลนี้ในรุ่นในสถานะได้รับการเสนอชื่อแล้ว ใช้ปุ่มในแถวของบุคคลนั้นสำหรับขั้นตอนถัดไป
work-done-moved = บันทึกขั้นตอนพร้อมวันที่แล้ว
work-done-participation-saved = บันทึกการเข้าร่วมแล้ว
work-done-participation-deleted = นำบุคคลนี้ออกจากรุ่นแล้ว
work-done-session-saved = บันทึกกิจกรรมแล้ว
work-done-session-deleted = ลบกิจกรรมแล้ว
work-done-course-saved = บันทึกหลักสูตรฝึกอบรมแล้ว
work-done-course-deleted = ลบหลักสูตรฝึกอบรมแล้ว
work-done-edition-deleted = ลบรุ่นของหลักสูตรแล้ว
work-done-award-saved = บันทึกรางวัลแล้ว
work-done-award-deleted = ลบรางวัลแล้ว

## Why a value was refused (by rule)
console-error-already-in-status = การเข้าร่วมนี้อยู่ในขั้นตอนนี้แล้ว
console-error-already-completed = การเข้าร่วมนี้สำเร็จหลักสูตรแล้ว ไม่มีขั้นตอนถัดไป
console-error-already-withdrawn = การเข้าร่วมนี้ถอนตัวแล้ว ไม่มีขั้นตอนถัดไป
console-error-needs-arrival = ต้องบันทึกการเดินทางมาถึงก่อนการสำเร็จหลักสูตร
console-error-needs-acceptance = ต้องบันทึกการตอบรับก่อนการเดินทางมาถึง
console-error-cannot-go-back = การเข้าร่วมไปได้เฉพาะขั้นตอนถัดไปเท่านั้น หากต้องการแก้ไขข้อผิดพลาด ให้แก้สถานะและวันที่ผ่าน "แก้ไข"
console-error-before-previous-step = วันที่นี้อยู่ก่อนวันที่ของขั้นตอนก่อนหน้า
console-error-date-beyond-status = สถานะที่เลือกยังไม่ถึงขั้นตอนนี้ โปรดลบวันที่นี้หรือเลือกสถานะอื่น
console-error-step-date-required = โปรดระบุวันที่ของขั้นตอนนี้ สถานะที่เลือกต้องใช้
console-error-already-taking-part = บุคคลนี้เข้าร่วมรุ่นนี้ในบทบาทนี้อยู่แล้ว
console-error-stale-row = มีผู้อื่นแก้ไขการเข้าร่วมนี้ในระหว่างนั้น หน้านี้แสดงข้อมูลปัจจุบันแล้ว โปรดลองอีกครั้ง
console-error-mark-needed = โปรดเลือกการเข้าร่วมของบุคคลนี้ประกอบกับหมายเหตุ
