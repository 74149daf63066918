# หน้าความร่วมมือ: คอนโซลเจ้าหน้าที่สำหรับโครงการความร่วมมือ กิจกรรม ผลลัพธ์
# และความเชื่อมโยงเชิงเหตุผล การยืนยันผลลัพธ์ ความเชื่อมโยงระหว่างท้องถิ่น
# สิ่งที่เสนอและสิ่งที่ต้องการ และหน้าผลลัพธ์ของพันธมิตร

nav-partnerships = ความร่วมมือ
partnerships-partner-link = ผลลัพธ์ของโครงการของเรา

## รายการโครงการ
partnerships-title = โครงการความร่วมมือ
partnerships-lead = โครงการที่เชื่อมท้องถิ่นในญี่ปุ่นกับท้องถิ่นในต่างประเทศ และสิ่งที่เกิดขึ้นทั้งสองฝ่าย
partnerships-new = โครงการความร่วมมือใหม่
partnerships-edit = แก้ไขโครงการ
partnerships-none = ยังไม่มีโครงการความร่วมมือที่บันทึกไว้
partnerships-no-details = ไม่มีรายละเอียดความร่วมมือ
partnerships-programme = โครงการ
partnerships-localities = ท้องถิ่น
partnerships-period = ช่วงเวลา
partnerships-status = สถานะ
partnerships-activities = กิจกรรม
partnerships-outcomes = ผลลัพธ์
partnerships-unsubstantiated = รอผู้ยืนยัน
partnerships-back-list = ← โครงการความร่วมมือ
partnerships-back-programme = ← กลับไปที่โครงการ

## แบบฟอร์มโครงการ
partnerships-the-programme = โครงการ
partnerships-the-partnership = ความร่วมมือ
partnerships-key = คีย์
partnerships-programme-title = ชื่อ
partnerships-organisation = องค์กร
partnerships-summary = สรุป
partnerships-funding-scheme = แหล่งทุน
partnerships-proposer = ผู้เสนอ
partnerships-japan-locality = ท้องถิ่นในญี่ปุ่น
partnerships-abroad-localities = ท้องถิ่นในต่างประเทศ
partnerships-abroad-locality = ท้องถิ่นในต่างประเทศ
partnerships-multi-hint = เลือกอย่างน้อยหนึ่งรายการ (กด Ctrl หรือ ⌘ ค้างไว้เพื่อเลือกหลายรายการ)
partnerships-themes = หัวข้อ
partnerships-theme = หัวข้อ
partnerships-starts-on = วันเริ่มต้น
partnerships-ends-on = วันสิ้นสุด
partnerships-budget = งบประมาณ
partnerships-budget-amount = งบประมาณ (จำนวนเต็ม)
partnerships-budget-currency = สกุลเงิน (ISO 4217 เช่น JPY)
partnerships-public = เผยแพร่
partnerships-public-story = แสดงหน้าเรื่องราวสาธารณะของโครงการ
partnerships-yes = ใช่
partnerships-no = ไม่

## หน้าโครงการ
partnerships-details = รายละเอียด
partnerships-ripple-link = แผนภาพผลกระทบต่อเนื่อง
partnerships-organisations = องค์กรและบทบาท
partnerships-role = บทบาท
partnerships-add-role = เพิ่มองค์กร
partnerships-remove = นำออก
partnerships-nothing-yet = ยังไม่มีการบันทึก
partnerships-links = อะไรนำไปสู่อะไร
partnerships-links-lead = ความเชื่อมโยงเชิงเหตุผลบอกว่าโครงการ กิจกรรม หรือผลลัพธ์หนึ่งนำไปสู่ผลลัพธ์หนึ่ง ความเชื่อมโยงจะไม่วนกลับเป็นวงกลม
partnerships-link-from = สาเหตุ
partnerships-link-from-programme = ตัวโครงการ
partnerships-link-to = นำไปสู่ผลลัพธ์
partnerships-link-add = เพิ่มความเชื่อมโยง
partnerships-by-partner = เสนอโดยพันธมิตร
partnerships-waiting = รอผู้ยืนยัน

## กิจกรรม
partnerships-activity-new = กิจกรรมใหม่
partnerships-activity-edit = แก้ไขกิจกรรม
partnerships-activity-kind = ประเภทกิจกรรม
partnerships-activity-title = ชื่อ
partnerships-locality = ท้องถิ่น
partnerships-place = สถานที่
partnerships-run-by = ดำเนินการโดย

## ผลลัพธ์
partnerships-outcome-new = ผลลัพธ์ใหม่
partnerships-outcome-edit = แก้ไขผลลัพธ์
partnerships-outcome-title = ชื่อสั้น
partnerships-what-changed = สิ่งที่เปลี่ยนไป (ใครทำอะไรต่างไปจากเดิม)
partnerships-outcome-kind = ประเภทผลลัพธ์
partnerships-side = เกิดขึ้นที่ฝ่ายใด
partnerships-occurred-on = วันที่เกิดขึ้น
partnerships-actor = ผู้ที่เปลี่ยนแปลง
partnerships-actor-hint = องค์กร บุคคล หรือคำอธิบาย อย่างน้อยหนึ่งอย่าง
partnerships-actor-organisation = องค์กร
partnerships-actor-person = บุคคล (หมายเลขระเบียนบุคคล)
partnerships-actor-description = คำอธิบาย
partnerships-agent = ผู้ผลักดันการเปลี่ยนแปลง
partnerships-contribution = โครงการมีส่วนอย่างไร
partnerships-significance = ความสำคัญ
partnerships-proposal-status = สถานะของข้อเสนอ
partnerships-not-a-proposal = (ไม่ใช่ข้อเสนอ)
partnerships-evidence = หลักฐาน (ที่อยู่เว็บ)
partnerships-public-outcome = แสดงในหน้าเรื่องราวสาธารณะ
partnerships-recorded-by = บันทึกโดย

## การยืนยัน
partnerships-unsubstantiated-title = ผลลัพธ์ที่ต้องยืนยัน
partnerships-unsubstantiated-lead = ผลลัพธ์ที่ยังไม่มีผู้ใดยืนยันหรือโต้แย้ง เรียงจากเก่าสุด บันทึกว่าใครยืนยัน เมื่อใด และความเห็นของเขา
partnerships-all-programmes = ทุกโครงการ
partnerships-show = แสดง
partnerships-waiting-count = { $count ->
   *[other] มีผลลัพธ์ที่รอการยืนยัน { $formatted } รายการ
}
partnerships-substantiated-by = ผู้ยืนยัน
partnerships-substantiated-on = วันที่ยืนยัน
partnerships-verdict = ความเห็น
partnerships-note = หมายเหตุ
partnerships-substantiate = บันทึกการยืนยัน

## ความเชื่อมโยงระหว่างท้องถิ่น
partnerships-local-links-title = ความเชื่อมโยงระหว่างท้องถิ่น
partnerships-local-links-lead = ท้องถิ่นใดในญี่ปุ่นเชื่อมโยงกับท้องถิ่นใดในต่างประเทศ และความสัมพันธ์เมืองพี่เมืองน้องนับในทะเบียนระดับชาติหรือไม่
partnerships-local-link-new = ความเชื่อมโยงใหม่
partnerships-local-link-edit = แก้ไขความเชื่อมโยง
partnerships-link-kind = ประเภทความเชื่อมโยง
partnerships-since = ตั้งแต่
partnerships-register-lead = ทะเบียนระดับชาตินับเป็นเมืองพี่เมืองน้องเมื่อผู้บริหารทั้งสองฝ่ายลงนามในข้อตกลง การแลกเปลี่ยนครอบคลุมมากกว่าหนึ่งด้าน และสภาท้องถิ่นอนุมัติ
partnerships-agreement-on = วันที่ลงนามข้อตกลง
partnerships-signatories = ผู้ลงนาม
partnerships-council-approved-on = วันที่สภาอนุมัติ
partnerships-exchange-fields = ด้านการแลกเปลี่ยน
partnerships-register = ทะเบียนระดับชาติ
partnerships-register-counts = นับเป็นเมืองพี่เมืองน้อง
partnerships-register-not-counted = ไม่นับ: { $reasons }

## สิ่งที่เสนอและสิ่งที่ต้องการ
partnerships-profiles-title = สิ่งที่เสนอและสิ่งที่ต้องการ
partnerships-profiles-lead = สิ่งที่แต่ละองค์กรและท้องถิ่นเสนอให้และแสวงหา โปรไฟล์จะจับคู่ได้เมื่อข้อมูลครบถ้วนเท่านั้น
partnerships-party = องค์กรหรือท้องถิ่น
partnerships-party-organisation = องค์กร
partnerships-party-locality = ท้องถิ่น
partnerships-offers = สิ่งที่เสนอ
partnerships-needs = สิ่งที่ต้องการ
partnerships-completeness = ความครบถ้วน
partnerships-matchable = จับคู่ได้
partnerships-not-matchable = จับคู่ไม่ได้: { $reasons }
partnerships-offer-need-add = เพิ่มสิ่งที่เสนอหรือสิ่งที่ต้องการ
partnerships-direction = เสนอหรือต้องการ
partnerships-detail = ตามคำพูดของเขา

## ผลลัพธ์ของพันธมิตร
partnerships-partner-title = ผลลัพธ์ของโครงการของเรา
partnerships-partner-lead = โครงการความร่วมมือที่องค์กรของคุณเข้าร่วมและสิ่งที่เกิดขึ้น คุณเสนอผลลัพธ์ได้ แล้วเจ้าหน้าที่ของสำนักงานจะยืนยัน
partnerships-partner-none = องค์กรของคุณยังไม่ได้เข้าร่วมโครงการความร่วมมือใด
partnerships-propose = เสนอผลลัพธ์
partnerships-propose-lead = ข้อเสนอของคุณจะบันทึกเป็นของคุณ ไม่เผยแพร่ และรอเจ้าหน้าที่ของสำนักงานยืนยัน
partnerships-partner-actor = ผู้ที่เปลี่ยนแปลง หากไม่ใช่องค์กรของคุณ
partnerships-propose-send = ส่งข้อเสนอ

## การลบ
partnerships-delete-programme = ลบโครงการ
partnerships-delete-activity = ลบกิจกรรม
partnerships-delete-outcome = ลบผลลัพธ์
partnerships-delete-local-link = ลบความเชื่อมโยง
partnerships-delete-blocked = ลบไม่ได้ขณะที่ยังมี{ $list }อยู่ในโครงการ โปรดลบรายการเหล่านั้นก่อน
partnerships-delete-going-with = การลบจะลบ{ $list }ไปด้วย
partnerships-count-activities = { $count ->
   *[other] กิจกรรม { $formatted } รายการ
}
partnerships-count-outcomes = { $count ->
   *[other] ผลลัพธ์ { $formatted } รายการ
}
partnerships-count-roles = { $count ->
   *[other] บทบาทขององค์กร { $formatted } รายการ
}
partnerships-count-links = { $count ->
   *[other] ความเชื่อมโยงเชิงเหตุผล { $formatted } รายการ
}

## ข้อความหลังบันทึก
partnerships-done-programme-saved = บันทึกโครงการแล้ว
partnerships-done-programme-deleted = ลบโครงการแล้ว
partnerships-done-role-added = เพิ่มองค์กรแล้ว
partnerships-done-role-removed = นำบทบาทขององค์กรออกแล้ว
partnerships-done-activity-saved = บันทึกกิจกรรมแล้ว
partnerships-done-activity-deleted = ลบกิจกรรมแล้ว
partnerships-done-outcome-saved = บันทึกผลลัพธ์แล้ว
partnerships-done-outcome-deleted = ลบผลลัพธ์แล้ว
partnerships-done-link-added = เพิ่มความเชื่อมโยงแล้ว
partnerships-done-link-removed = นำความเชื่อมโยงออกแล้ว
partnerships-done-substantiated = บันทึกการยืนยันแล้ว
partnerships-done-local-link-saved = บันทึกความเชื่อมโยงแล้ว
partnerships-done-local-link-deleted = ลบความเชื่อมโยงแล้ว
partnerships-done-offer-need-added = เพิ่มแล้ว
partnerships-done-offer-need-removed = นำออกแล้ว
partnerships-done-proposed = ส่งข้อเสนอแล้ว กำลังรอเจ้าหน้าที่ของสำนักงาน

## ค่า
partnerships-status-pipeline = อยู่ระหว่างเตรียมการ
partnerships-status-implementation = กำลังดำเนินการ
partnerships-status-finalisation = กำลังปิดโครงการ
partnerships-status-closed = ปิดแล้ว
partnerships-status-cancelled = ยกเลิก
partnerships-status-suspended = ระงับชั่วคราว
partnerships-role-funding = ผู้ให้ทุน
partnerships-role-accountable = ผู้รับผิดชอบ
partnerships-role-extending = ผู้บริหารเงินทุน
partnerships-role-implementing = ผู้ดำเนินการ
partnerships-activity-kind-training = การฝึกอบรม
partnerships-activity-kind-visit-to-japan = การเยือนญี่ปุ่น
partnerships-activity-kind-visit-abroad = การเยือนต่างประเทศ
partnerships-activity-kind-joint-development = การพัฒนาร่วมกัน
partnerships-activity-kind-fair = งานแสดงสินค้า
partnerships-activity-kind-seminar = สัมมนา
partnerships-activity-kind-other = อื่น ๆ
partnerships-outcome-kind-joint-product = ผลิตภัณฑ์ร่วม
partnerships-outcome-kind-certification = การรับรอง
partnerships-outcome-kind-award = รางวัล
partnerships-outcome-kind-new-business = ธุรกิจใหม่
partnerships-outcome-kind-business-suspended = ธุรกิจหยุดชะงัก
partnerships-outcome-kind-proposal = ข้อเสนอ
partnerships-outcome-kind-appointment = การแต่งตั้ง
partnerships-outcome-kind-agreement = ข้อตกลง
partnerships-outcome-kind-media-coverage = การรายงานข่าว
partnerships-outcome-kind-tourism-product = ผลิตภัณฑ์ท่องเที่ยว
partnerships-side-japan = ในญี่ปุ่น
partnerships-side-abroad = ในต่างประเทศ
partnerships-side-both = ทั้งสองฝ่าย
partnerships-proposal-proposed = เสนอแล้ว
partnerships-proposal-under-discussion = อยู่ระหว่างหารือ
partnerships-proposal-agreed = ตกลงแล้ว
partnerships-proposal-realised = เกิดขึ้นจริงแล้ว
partnerships-proposal-dropped = ยกเลิกข้อเสนอ
partnerships-verdict-agree = เห็นด้วย
partnerships-verdict-partly = เห็นด้วยบางส่วน
partnerships-verdict-disagree = ไม่เห็นด้วย
partnerships-recorded-by-staff = บันทึกโดยเจ้าหน้าที่
partnerships-recorded-by-partner = เสนอโดยพันธมิตร
partnerships-link-kind-sister-city = เมืองพี่เมืองน้อง
partnerships-link-kind-friendship = เมืองมิตรภาพ
partnerships-link-kind-partnership = ความร่วมมือ
partnerships-exchange-education = การศึกษา
partnerships-exchange-culture = วัฒนธรรม
partnerships-exchange-sports = กีฬา
partnerships-exchange-economy = เศรษฐกิจ
partnerships-exchange-youth = เยาวชน
partnerships-exchange-administration = การบริหาร
partnerships-exchange-health = สาธารณสุข
partnerships-exchange-environment = สิ่งแวดล้อม
partnerships-exchange-tourism = การท่องเที่ยว
partnerships-exchange-agriculture = เกษตรกรรม
partnerships-exchange-technology = เทคโนโลยี
partnerships-gap-not-sister-city = ไม่ใช่ความสัมพันธ์เมืองพี่เมืองน้อง
partnerships-gap-no-signed-agreement = ไม่มีบันทึกข้อตกลงที่ผู้บริหารทั้งสองฝ่ายลงนาม
partnerships-gap-single-field = การแลกเปลี่ยนจำกัดอยู่ด้านเดียว
partnerships-gap-no-council-approval = ไม่มีบันทึกการอนุมัติของสภา
partnerships-direction-offer = สิ่งที่เสนอ
partnerships-direction-need = สิ่งที่ต้องการ
partnerships-profile-gap-no-locality = ไม่มีท้องถิ่น จึงไม่ทราบฝ่ายและประเทศ
partnerships-profile-gap-no-offer = ไม่มีสิ่งที่เสนอ
partnerships-profile-gap-no-need = ไม่มีสิ่งที่ต้องการ

## ข้อความของกฎ
partnerships-error-cycle = ความเชื่อมโยงนี้จะทำให้เกิดวงวน: { $cycle } ผลลัพธ์หนึ่งไม่สามารถนำไปสู่ตัวเองผ่านผลลัพธ์อื่นได้
partnerships-error-duplicate-link = ทั้งสองรายการนี้เชื่อมโยงกันอยู่แล้ว
partnerships-error-self-link = ผลลัพธ์ไม่สามารถนำไปสู่ตัวเองได้
partnerships-error-several-causes = โปรดเลือกสาเหตุเดียว
partnerships-error-not-a-partnership = โครงการนี้ไม่ใช่โครงการความร่วมมือ
partnerships-error-not-in-japan = ท้องถิ่นนี้ไม่ได้อยู่ในญี่ปุ่น
partnerships-error-not-abroad = ท้องถิ่นนี้อยู่ในญี่ปุ่น โปรดเลือกท้องถิ่นในต่างประเทศ
partnerships-error-not-a-proposal = มีเพียงข้อเสนอเท่านั้นที่มีสถานะของข้อเสนอ
partnerships-error-incomplete-substantiation = การยืนยันต้องระบุผู้ยืนยัน วันที่ และความเห็น
partnerships-error-before-outcome = วันที่นี้อยู่ก่อนวันที่ผลลัพธ์เกิดขึ้น
partnerships-error-invalid-url = โปรดกรอกที่อยู่เว็บที่ขึ้นต้นด้วย https:// หรือ http://
partnerships-error-invalid-currency = โปรดกรอกรหัสสกุลเงินเป็นอักษรตัวใหญ่สามตัว เช่น JPY
partnerships-error-negative = งบประมาณต้องไม่ติดลบ
partnerships-error-same-locality = ความเชื่อมโยงต้องเชื่อมสองท้องถิ่นที่ต่างกัน
partnerships-error-unknown-theme = โปรดเลือกหัวข้อจากรายการ
partnerships-error-several-parties = สิ่งที่เสนอหรือต้องการเป็นขององค์กรหรือท้องถิ่นอย่างใดอย่างหนึ่ง ไม่ใช่ทั้งสอง
partnerships-error-not-your-programme = องค์กรของคุณไม่ได้เข้าร่วมโครงการนี้

## Evidence files of an outcome, and a causal link's note.
partnerships-evidence-files = ไฟล์หลักฐาน
partnerships-evidence-none = ยังไม่มีไฟล์หลักฐาน
partnerships-evidence-file = เพิ่มไฟล์
partnerships-evidence-hint = ไฟล์ PDF รูปภาพ PNG หรือ JPEG สมุดงาน Excel (.xlsx) หรือไฟล์ CSV ขนาดไม่เกิน { $limit }
partnerships-evidence-add = เพิ่มไฟล์
partnerships-evidence-delete = ลบ
partnerships-evidence-kind-pdf = ไฟล์ PDF
partnerships-evidence-kind-png = รูปภาพ PNG
partnerships-evidence-kind-jpeg = รูปภาพ JPEG
partnerships-evidence-kind-xlsx = สมุดงาน Excel
partnerships-evidence-kind-csv = ไฟล์ CSV
partnerships-done-evidence-added = เพิ่มไฟล์แล้ว
partnerships-done-evidence-deleted = ลบไฟล์แล้ว
partnerships-evidence-refused-empty = “{ $name }” ว่างเปล่า ไม่ได้เพิ่มสิ่งใด
partnerships-evidence-refused-type = “{ $name }” ไม่ใช่ไฟล์ PDF, PNG, JPEG, สมุดงาน Excel หรือ CSV (ตรวจจากเนื้อหา ไม่ใช่จากชื่อเท่านั้น) ไม่ได้เพิ่มสิ่งใด
partnerships-evidence-refused-name = เนื้อหาของ “{ $name }” เป็นคนละชนิดกับที่ชื่อบอก โปรดเปลี่ยนนามสกุลให้ถูกต้องแล้วเพิ่มอีกครั้ง
partnerships-evidence-refused-unreadable = อ่าน “{ $name }” เป็นสมุดงานไม่ได้ โปรดบันทึกใหม่เป็น .xlsx
partnerships-evidence-refused-too-large = “{ $name }” ใหญ่กว่า { $limit } ไม่ได้เพิ่มสิ่งใด
partnerships-evidence-too-large-title = ไฟล์ใหญ่เกินไป
partnerships-evidence-too-large = รับไฟล์หลักฐานขนาดไม่เกิน { $limit } ไม่ได้เพิ่มสิ่งใด
partnerships-link-note = สิ่งหนึ่งนำไปสู่อีกสิ่งหนึ่งอย่างไร
