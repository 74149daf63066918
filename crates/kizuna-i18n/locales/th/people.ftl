# people: creating, editing, finding, merging and deleting people in the console

## The people list and the name search
people-title = บุคคล
people-new = เพิ่มบุคคล
people-to-trainees = รายชื่อผู้เข้ารับการฝึกอบรม
people-to-people = ทุกคนที่บันทึกไว้ (ทุกบทบาท) พร้อมการค้นหาชื่อ
people-search = ค้นหาบุคคล
people-search-name = ชื่อ
people-search-hint = ส่วนใดก็ได้ของชื่อในรูปแบบใดก็ได้: อักษรละติน (ไม่ต้องใส่เครื่องหมายเสียงก็ได้), อักษรของเจ้าตัว, คานะ (ฮิรางานะหรือคาตาคานะ)
people-search-go = ค้นหา
people-total = { $count ->
    [0] ไม่มีบุคคลที่ตรงกัน
   *[other] มีบุคคลที่ตรงกัน { $formatted } คน
}
people-none = ยังไม่มีการบันทึกบุคคล
people-none-found = ไม่พบบุคคลที่มีชื่อนี้ ลองค้นหาด้วยส่วนหนึ่งของชื่อ หรือชื่อในรูปแบบอื่น
people-col-other-names = อักษรของเจ้าตัวและคานะ
people-col-birth-year = ปีเกิด
people-col-courses = หลักสูตร
people-col-action = การดำเนินการ
people-more-courses = และอีก { $formatted } รายการ
people-download-without-search = ไฟล์ที่ดาวน์โหลดมีรายการตามตัวกรองโดยไม่รวมการค้นหาชื่อ ลบชื่อออกก่อนดาวน์โหลด
people-deleted = ลบบุคคลแล้ว

## The person page
people-back-list = กลับไปที่รายชื่อบุคคล
people-back-person = กลับไปที่หน้าบุคคล
people-action-edit = แก้ไข
people-action-merge = รวมระเบียนที่ซ้ำเข้ากับบุคคลนี้
people-action-delete = ลบ
people-created = เพิ่มบุคคลแล้ว
people-saved = บันทึกการเปลี่ยนแปลงแล้ว
people-merged = รวมบุคคล { $other } เข้ากับบุคคลนี้และลบแล้ว การรวมถูกบันทึกไว้ในบันทึกการตรวจสอบ

## The form
people-edit = แก้ไขบุคคล
people-family-name = นามสกุล (อักษรละติน)
people-family-name-hint = ตามที่เขียนในหนังสือเดินทาง สำหรับผู้ที่มีชื่อเดียว ให้ใส่ชื่อนั้น
people-given-name = ชื่อตัว (อักษรละติน)
people-native-hint = ชื่อในอักษรของเจ้าตัว เช่น อักษรไทย จีน หรือญี่ปุ่น
people-kana-hint = คำอ่านเป็นคาตาคานะ ตามที่เอกสารภาษาญี่ปุ่นเขียน
people-personal-hint = ข้อมูลส่วนบุคคล: แสดงเฉพาะเจ้าหน้าที่
people-error-same-identity = มีบุคคลที่มีชื่ออักษรละติน สัญชาติ และวันเกิดเดียวกันบันทึกไว้แล้ว ถ้าเป็นคนละคน ให้ใส่วันเกิดเพื่อแยกทั้งสองคนออกจากกัน ถ้าเป็นคนเดียวกัน ให้ใช้ระเบียนที่มีอยู่
people-duplicates-title = บุคคลนี้ถูกบันทึกไว้แล้วหรือไม่
people-duplicates-body = บุคคลเหล่านี้มีชื่อ (ในรูปแบบใดรูปแบบหนึ่ง) และสัญชาติเดียวกัน ยังไม่มีการบันทึกใด ๆ เปิดดูเพื่อตรวจสอบ ถ้าเป็นคนเดียวกัน ให้ใช้ระเบียนนั้นแทน
people-different-person = เป็นคนละคน: เพิ่มต่อไป

## Merging
people-merge-title = รวมระเบียนที่ซ้ำเข้ากับบุคคลนี้
people-merge-lead = เลือกระเบียนอีกรายการของ { $name } หลักสูตร คาบเรียน และการเข้าร่วมของระเบียนนั้นจะย้ายมาที่นี่ ช่องที่ว่างอยู่ที่นี่จะเติมจากระเบียนนั้น แล้วระเบียนนั้นจะถูกลบ
people-merge-likely = ระเบียนที่อาจซ้ำ (ชื่อและสัญชาติเดียวกัน)
people-merge-find = ค้นหาระเบียนอีกรายการ
people-merge-choose = เลือก
people-merge-choose-another = เลือกระเบียนอื่น
people-merge-confirm-title = รวม { $other } เข้ากับบุคคลนี้หรือไม่
people-merge-fields-caption = ข้อมูลของทั้งสองระเบียน และของบุคคลนี้หลังการรวม
people-merge-col-field = ข้อมูล
people-merge-col-kept = บุคคลนี้ (เก็บไว้)
people-merge-col-other = ระเบียนอีกรายการ (ลบ)
people-merge-col-after = หลังการรวม
people-merge-filled = นำมาจากระเบียนอีกรายการ
people-merge-differs = ไม่ใช้ค่าของระเบียนอีกรายการ
people-merge-moves = สิ่งที่ย้ายมาที่บุคคลนี้
people-merge-both-instruct = ทั้งสองมีชื่อเป็นวิทยากรของคาบเรียน { $formatted } คาบ: บุคคลนี้จะมีชื่ออยู่ในคาบนั้นเพียงครั้งเดียว
people-merge-attendance = { $count ->
    [0] ไม่มีบันทึกการเข้าร่วม
   *[other] บันทึกการเข้าร่วม { $formatted } รายการ
}
people-merge-accounts-follow = บัญชีเหล่านี้เชื่อมโยงด้วยที่อยู่อีเมล ซึ่งบุคคลนี้จะรับช่วงไป
people-merge-accounts-stay = บัญชีเหล่านี้เชื่อมโยงด้วยที่อยู่อีเมลที่บุคคลนี้ไม่ได้รับช่วงไป (บุคคลนี้ใช้อีเมลของตนเอง) หลังการรวมจะไม่เชื่อมโยงกับบุคคลใด
people-merge-refused = ทั้งสองระเบียนเข้าร่วมรุ่นของหลักสูตรเดียวกัน จึงรวมกันในสภาพนี้ไม่ได้ เปิดรุ่นนั้น ลบการเข้าร่วมของระเบียนที่จะลบออก แล้วจึงรวม
people-merge-explain = { $other } จะถูกลบ และทุกอย่างข้างต้นจะย้ายมาที่บุคคลนี้พร้อมกัน บันทึกการตรวจสอบจะบันทึกการรวมพร้อมรหัสของทั้งสอง
people-merge-do = รวมและลบระเบียนอีกรายการ
people-merge-stale = มีการเปลี่ยนแปลงระเบียนใดระเบียนหนึ่งหลังจากแสดงหน้านี้ จึงยังไม่ได้รวม ตรวจสอบผลที่จะเกิดขึ้นตอนนี้ แล้วรวมอีกครั้ง
people-other-records = ระเบียนอื่น ๆ

## Deleting
people-delete-title = ลบบุคคล
people-delete-heading = ลบ { $name } หรือไม่
people-delete-explain = ระเบียนของบุคคลนี้จะถูกลบอย่างถาวร ไม่มีระเบียนอื่นอ้างถึงบุคคลนี้
people-delete-do = ลบบุคคล
people-delete-cancel = เก็บบุคคลไว้
people-delete-refused = ลบบุคคลนี้ไม่ได้ขณะที่ระเบียนเหล่านี้ยังอ้างถึง ลบระเบียนเหล่านั้นก่อน หรือรวมบุคคลนี้เข้ากับระเบียนอื่น
people-delete-instead = ถ้าเป็นระเบียนที่ซ้ำ:
people-delete-participations = { $count ->
    [0] ไม่ได้เข้าร่วมรุ่นของหลักสูตรใด
   *[other] เข้าร่วมรุ่นของหลักสูตร { $formatted } รุ่น
}
people-delete-sessions = { $count ->
    [0] ไม่มีชื่อเป็นวิทยากรของคาบเรียนใด
   *[other] เป็นวิทยากรของคาบเรียน { $formatted } คาบ
}
people-delete-accounts = { $count ->
    [0] ไม่มีบัญชีที่ใช้ที่อยู่อีเมลนี้
   *[other] บัญชีที่ใช้ที่อยู่อีเมลนี้ { $formatted } บัญชี
}
people-account-role-admin = ผู้ดูแลระบบ
people-account-role-staff = เจ้าหน้าที่
people-account-role-partner = พันธมิตร
nav-people = บุคคล
