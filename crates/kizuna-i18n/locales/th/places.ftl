# หน้าสำหรับเจ้าหน้าที่ของแผนที่มิตรกับชาวมุสลิม: สถานที่ รายการตรวจทาน การนำเข้า

## Navigation
places-nav = สถานที่
places-dash-link = สถานที่บนแผนที่มิตรกับชาวมุสลิม: เพิ่ม แก้ไข ยืนยัน ตรวจทาน และนำเข้า

## List
places-list-title = สถานที่บนแผนที่
places-new = เพิ่มสถานที่
places-review-link = ใบรับรองและสถานที่ที่ต้องตรวจทาน
places-import-link = นำเข้าสถานที่จากไฟล์
places-filters = ตัวกรอง
places-search = ชื่อ
places-search-hint = ส่วนหนึ่งของชื่อในภาษาใดก็ได้ หรือของชื่อเครือหรือสาขา
places-filter-any = ทั้งหมด
places-filter-stale = เฉพาะสถานที่ที่ไม่ได้ยืนยันมา 12 เดือน
places-filter-apply = แสดง
places-filter-clear = ล้างตัวกรอง
places-count-all = สถานที่บนแผนที่
places-count-stale = สถานที่ที่ไม่ได้ยืนยันมา 12 เดือน
places-count-expiring = ใบรับรองที่จะหมดอายุภายใน 30 วัน
places-count-expired = ใบรับรองที่หมดอายุแล้ว
places-list-total = { $count ->
    [0] ไม่มีสถานที่ที่ตรงกับตัวกรองนี้
   *[other] มีสถานที่ { $formatted } แห่งที่ตรงกับตัวกรองนี้
}
places-pager = หน้า
places-pager-prev = หน้าก่อนหน้า
places-pager-next = หน้าถัดไป
places-pager-showing = { $count ->
    [0] ไม่มีรายการที่จะแสดง
   *[other] สถานที่ที่ { $from } ถึง { $to } จาก { $formatted }
}
places-col-name = ชื่อ
places-col-category = ประเภท
places-col-assurance = การรับรองฮาลาล
places-col-locality = ท้องถิ่น
places-col-verified = ยืนยันล่าสุด
places-col-certificate = ใบรับรอง
places-col-certifier = หน่วยงานรับรอง
places-col-valid-until = ใช้ได้ถึง
places-col-days = จำนวนวัน
places-col-actions = การดำเนินการ
places-never-verified = ยังไม่เคยยืนยัน
places-stale = ข้อมูลเก่า
places-cert-until = ถึง { $date }

## Values
places-category-restaurant = ร้านอาหาร
places-category-cafe = ร้านกาแฟ
places-category-grocery = ร้านขายของชำ
places-category-halal-shop = ร้านขายของฮาลาล
places-category-hotel = โรงแรม
places-category-mosque = มัสยิด
places-category-prayer-room = ห้องละหมาด
places-category-other = อื่น ๆ
places-assurance-certified = ได้รับการรับรองฮาลาล
places-assurance-self-declared = ประกาศตนเองว่ามิตรกับชาวมุสลิม
places-assurance-pork-free = ไม่มีเนื้อหมู
places-assurance-vegetarian-options = มีอาหารมังสวิรัติ
places-assurance-unknown = ไม่ทราบ
places-certificate-valid = ใช้ได้
places-certificate-expiring = ใกล้หมดอายุ
places-certificate-expired = หมดอายุแล้ว
places-certificate-not-yet-valid = ยังไม่เริ่มมีผล
places-source-staff = เจ้าหน้าที่บันทึก
places-source-import = ไฟล์นำเข้า
places-source-openstreetmap = ข้อมูลจาก OpenStreetMap
places-source-demo = ข้อมูลสาธิต

## Form
places-new-title = เพิ่มสถานที่
places-edit-title = แก้ไข { $name }
places-back-list = กลับไปที่รายการสถานที่
places-saved = บันทึกสถานที่แล้ว
places-form-has-errors = มีค่าที่ต้องแก้ไข แต่ละปัญหาแสดงไว้ข้างช่องนั้นด้วย:
places-save = บันทึก
places-choose = เลือก…
places-locality-none = (ไม่ระบุท้องถิ่น)
places-names = ชื่อ
places-names-hint = อย่างน้อยหนึ่งชื่อ ในภาษาใดก็ได้ต่อไปนี้ เขียนด้วยอักษรของภาษานั้น
places-field-name-ja = ชื่อภาษาญี่ปุ่น
places-field-name-en = ชื่อภาษาอังกฤษ
places-field-name-th = ชื่อภาษาไทย
places-field-name-ms = ชื่อภาษามลายู
places-field-name-ar = ชื่อภาษาอาหรับ
places-field-name-id = ชื่อภาษาอินโดนีเซีย
places-about = ข้อมูลสถานที่
places-field-category = ประเภท
places-field-chain = เครือ
places-field-chain-hint = สำหรับสาขาของร้านในเครือ ให้ใส่ชื่อเครือ แต่ละสาขาเป็นสถานที่แยกกัน
places-field-branch = สาขา
places-field-branch-hint = สาขาใดของเครือ เขียนตามป้ายร้าน (ภาษาญี่ปุ่นมักลงท้ายด้วย 店 ภาษาไทยขึ้นต้นด้วย "สาขา")
places-field-chain-en = ชื่อเครือภาษาอังกฤษ
places-field-chain-ja = ชื่อเครือภาษาญี่ปุ่น
places-field-chain-th = ชื่อเครือภาษาไทย
places-field-chain-ms = ชื่อเครือภาษามลายู
places-field-branch-en = ชื่อสาขาภาษาอังกฤษ
places-field-branch-ja = ชื่อสาขาภาษาญี่ปุ่น
places-field-branch-th = ชื่อสาขาภาษาไทย
places-field-branch-ms = ชื่อสาขาภาษามลายู
places-field-address = ที่อยู่
places-field-phone = โทรศัพท์
places-field-website = เว็บไซต์
places-field-website-hint = ขึ้นต้นด้วย https:// หรือ http://
places-field-locality-id = ท้องถิ่น
places-position = ตำแหน่ง
places-position-hint = องศาทศนิยมบน WGS 84 อย่างที่แอปแผนที่แสดง เช่น ละติจูด 43.0621 และลองจิจูด 141.3544
places-field-lat = ละติจูด
places-field-lon = ลองจิจูด
places-halal = การรับรองฮาลาล
places-field-assurance = ระดับการรับรอง
places-field-assurance-hint = “ได้รับการรับรองฮาลาล” ใช้ได้เฉพาะเมื่อมีใบรับรองในบันทึก ระดับอื่นไม่มีใบรับรอง
places-certificate = ใบรับรอง (เฉพาะสถานที่ที่ได้รับการรับรอง)
places-field-certifier = หน่วยงานรับรอง
places-field-certificate-number = เลขที่ใบรับรอง
places-field-certificate-valid-from = ใช้ได้ตั้งแต่
places-field-certificate-valid-until = ใช้ได้ถึง
places-field-alcohol-served = มีเครื่องดื่มแอลกอฮอล์
places-alcohol-unknown = ไม่ทราบ
places-alcohol-yes = มี
places-alcohol-no = ไม่มี
places-prayer = สิ่งอำนวยความสะดวกสำหรับละหมาด
places-field-prayer-space = พื้นที่ละหมาด
places-field-wudu = ที่อาบน้ำละหมาด (วุฎูอ์)
places-field-women-space = พื้นที่แยกสำหรับผู้หญิง
places-field-qibla-marked = มีเครื่องหมายทิศกิบลัต
places-field-prayer-mats = มีพรมละหมาดให้
places-field-opening-hours = เวลาเปิดทำการ
places-field-opening-hours-hint = เขียนตามรูปแบบ opening_hours ของ OpenStreetMap เช่น “Mo-Sa 11:00-21:00; Su off” หรือ “24/7” โดย PH หมายถึงวันหยุดนักขัตฤกษ์ เว้นว่างไว้หากไม่ทราบ
places-opening-hours-help = วิธีเขียนเวลาเปิดทำการ (วิกิ OpenStreetMap ภาษาอังกฤษ)
places-record = แหล่งที่มาและการตรวจสอบ
places-field-source = แหล่งที่มา
places-field-source-id = รหัสในแหล่งที่มา
places-field-source-id-hint = สำหรับ OpenStreetMap: node/123, way/45 หรือ relation/6 เว้นว่างไว้สำหรับสถานที่ที่เจ้าหน้าที่บันทึกเอง
places-source-readonly = แหล่งที่มา: { $source } รหัส { $id } แก้ไขที่นี่ไม่ได้ การนำเข้าแหล่งที่มานั้นอีกครั้งจะปรับปรุงสถานที่นี้
places-field-attribution = การอ้างอิงที่มา
places-field-attribution-hint = ข้อความสัญญาอนุญาตที่ข้อมูลต้องมี ข้อมูลจาก OpenStreetMap ต้องมี “© OpenStreetMap contributors, ODbL” เสมอ
places-field-last-verified = ยืนยันล่าสุด
places-field-last-verified-hint = วันที่มีผู้ตรวจสอบสถานที่นี้ครั้งล่าสุด สถานที่ที่ไม่ได้ยืนยันมา 12 เดือนจะถูกทำเครื่องหมายว่าข้อมูลเก่า

## Standing, verify, delete
places-status = สถานะ
places-verified-on = ยืนยันล่าสุดเมื่อ { $date }
places-never-verified-note = ยังไม่มีผู้ใดยืนยันสถานที่นี้ ตรวจสอบแล้วทำเครื่องหมายว่ายืนยันแล้ว
places-stale-note = ไม่ได้ยืนยันมา 12 เดือน ตรวจสอบแล้วทำเครื่องหมายว่ายืนยันแล้ว
places-certificate-standing = ใบรับรองเลขที่ { $number } จาก { $certifier } ใช้ได้ถึง { $date }
places-verify = ยืนยันว่าตรวจสอบวันนี้
places-verified-notice = ทำเครื่องหมายว่าสถานที่นี้ตรวจสอบแล้ววันนี้
places-verify-refused-title = ไม่สามารถทำเครื่องหมายว่ายืนยันแล้ว
places-verify-refused = มีค่าหนึ่งที่ผิดกฎ เปิดแบบฟอร์ม แก้ไขค่านั้น แล้วบันทึก
places-delete = ลบสถานที่นี้
places-delete-title = ลบ { $name } หรือไม่
places-delete-explain = สถานที่จะหายไปจากแผนที่และจากรายการเหล่านี้ ย้อนกลับไม่ได้ หากมาจากไฟล์นำเข้า การนำเข้าไฟล์นั้นอีกครั้งจะเพิ่มกลับมา
places-delete-confirm = ลบสถานที่
places-delete-cancel = เก็บไว้
places-deleted = ลบสถานที่แล้ว

## Review
places-review-title = สถานที่ที่ต้องตรวจทาน
places-review-lead = ณ วันที่ { $date }: ใบรับรองที่จะหมดอายุภายใน 30 วัน ใบรับรองที่หมดอายุแล้ว และสถานที่ที่ไม่มีผู้ใดยืนยันมา 12 เดือน
places-review-expiring = ใบรับรองที่จะหมดอายุภายใน 30 วัน
places-review-expired = ใบรับรองที่หมดอายุแล้ว
places-review-stale = สถานที่ที่ไม่ได้ยืนยันมา 12 เดือน
places-review-none = ไม่มีรายการที่ต้องตรวจทาน
places-review-count = { $count ->
    [0] ไม่มี
   *[other] { $formatted } แห่ง
}
places-days-left = { $count ->
    [0] หมดอายุวันนี้
   *[other] เหลืออีก { $formatted } วัน
}
places-days-ago = { $count ->
   *[other] หมดอายุเมื่อ { $formatted } วันก่อน
}
places-edit = แก้ไข

## Import
places-import-title = นำเข้าสถานที่
places-import-upload-title = ตรวจสอบไฟล์
places-import-explain = เลือกไฟล์ GeoJSON, CSV, OpenStreetMap XML (.osm) หรือ OpenStreetMap PBF (.osm.pbf) ระบบจะตรวจสอบก่อนโดยยังไม่บันทึกอะไร คุณจะเห็นทุกระเบียนที่รับไม่ได้ หรือจำนวนสถานที่ที่จะเพิ่มและปรับปรุง
places-import-file = ไฟล์สถานที่
places-import-file-hint = ไม่เกิน 20 MB สถานที่ที่บันทึกไว้แล้วจากแหล่งเดียวกันด้วยรหัสเดียวกันจะถูกปรับปรุง ไม่มีการเพิ่มซ้ำ
places-import-format = รูปแบบ
places-import-format-auto = ดูจากชื่อไฟล์
places-import-check = ตรวจสอบไฟล์
places-import-no-file = เลือกไฟล์ที่จะตรวจสอบ
places-import-unknown-format = ชื่อไฟล์ไม่บอกรูปแบบ เลือกรูปแบบแล้วตรวจสอบไฟล์อีกครั้ง
places-import-bad-file = อ่านไฟล์เป็น { $format } ไม่ได้ ตรวจดูว่าเป็นไฟล์และรูปแบบที่ถูกต้อง แล้วลองอีกครั้ง
places-import-too-large = ไฟล์ใหญ่เกินกว่าจะนำเข้าได้ ไฟล์มีขนาดได้ไม่เกิน { $limit } โปรดแบ่งเป็นไฟล์เล็กลงแล้วนำเข้าทีละไฟล์
places-import-detail = รายละเอียดทางเทคนิค
places-import-unreadable-title = อ่านไฟล์ที่อัปโหลดไม่ได้
places-import-unreadable = แบบฟอร์มมาถึงไม่ครบ กลับไปเลือกไฟล์อีกครั้ง
places-import-rejected-title = ระเบียนที่รับไม่ได้
places-import-rejected-summary = มี { $formatted } ค่าที่รับไม่ได้ ยังไม่ได้บันทึกอะไร แก้ไขไฟล์แล้วตรวจสอบอีกครั้ง
places-col-row = แถวหรือระเบียน
places-col-record-id = รหัส
places-col-column = ช่องข้อมูล
places-col-value = ค่า
places-col-reason = เหตุผล
places-import-preview-title = สิ่งที่การนำเข้าจะทำ
places-import-clean = ไฟล์ไม่มีปัญหา: อ่านได้ { $formatted } ระเบียน ยังไม่ได้บันทึกอะไร
places-import-would-add = { $count ->
    [0] จะไม่มีการเพิ่มสถานที่ใหม่
   *[other] จะเพิ่มสถานที่ใหม่ { $formatted } แห่ง
}
places-import-would-update = { $count ->
    [0] สถานที่ที่บันทึกไว้แล้วจะไม่เปลี่ยนแปลง
   *[other] จะปรับปรุงสถานที่ที่บันทึกไว้แล้ว { $formatted } แห่ง
}
places-import-skipped = { $count ->
   *[other] วัตถุ OpenStreetMap ในไฟล์ { $formatted } รายการไม่ใช่สถานที่ของแผนที่ (ไม่มีแท็กฮาลาล อาหาร หรือการละหมาด) จึงไม่นำเข้า
}
places-import-confirm-explain = การนำเข้าจะบันทึกทุกระเบียนพร้อมกัน หรือไม่บันทึกเลยหากมีสิ่งใดเปลี่ยนไประหว่างนั้น
places-import-confirm = นำเข้าสถานที่เหล่านี้
places-import-cancel = ยกเลิก
places-import-done = นำเข้าเสร็จแล้ว
places-import-added = { $count ->
    [0] ไม่มีการเพิ่มสถานที่ใหม่
   *[other] เพิ่มสถานที่ { $formatted } แห่งแล้ว
}
places-import-updated = { $count ->
    [0] ไม่มีสถานที่ที่บันทึกไว้แล้วถูกเปลี่ยนแปลง
   *[other] ปรับปรุงสถานที่ที่บันทึกไว้แล้ว { $formatted } แห่ง
}

## Why a value was refused (by field and rule, or by rule)
places-error-invalid = ค่านี้รับไม่ได้
places-error-required = กรุณากรอกช่องนี้
places-error-name-en-required = ใส่ชื่อสถานที่อย่างน้อยหนึ่งภาษา
places-error-source-id-required = ใส่รหัสของสถานที่ในแหล่งที่มา เพื่อให้การนำเข้าแหล่งนั้นอีกครั้งปรับปรุงสถานที่แทนการเพิ่มซ้ำ
places-error-too-long = ยาวเกินไป: ไม่เกิน 500 ตัวอักษร
places-error-opening-hours-too-long = ยาวเกินไป: ไม่เกิน 255 ตัวอักษร
places-error-control-character = มีอักขระควบคุมที่มองไม่เห็น กรุณาพิมพ์ใหม่
places-error-unknown-value = “{ $value }” ไม่ใช่ค่าที่เลือกได้
places-error-invalid-phone = “{ $value }” ไม่ใช่หมายเลขโทรศัพท์: ใช้ได้เฉพาะตัวเลข ช่องว่าง และ + - ( )
places-error-invalid-url = “{ $value }” ไม่ใช่ที่อยู่เว็บที่ขึ้นต้นด้วย https:// หรือ http://
places-error-invalid-id = “{ $value }” ไม่ใช่หมายเลขระเบียน
places-error-out-of-range = “{ $value }” อยู่นอกช่วงที่ใช้ได้
places-error-lat-out-of-range = “{ $value }” ไม่ใช่ละติจูด: เขียนเป็นองศาตั้งแต่ -90 ถึง 90
places-error-lon-out-of-range = “{ $value }” ไม่ใช่ลองจิจูด: เขียนเป็นองศาตั้งแต่ -180 ถึง 180
places-error-not-a-number = “{ $value }” ไม่ใช่ตัวเลข
places-error-lat-not-a-number = “{ $value }” ไม่ใช่ละติจูด: เขียนเป็นองศาทศนิยม เช่น 43.0621
places-error-lon-not-a-number = “{ $value }” ไม่ใช่ลองจิจูด: เขียนเป็นองศาทศนิยม เช่น 141.3544
places-error-not-certified = มีเพียงสถานที่ที่ได้รับการรับรองเท่านั้นที่มีใบรับรอง: ล้างช่องนี้ หรือเลือก “ได้รับการรับรองฮาลาล”
places-error-invalid-date = “{ $value }” ไม่ใช่วันที่ เขียนเป็น YYYY-MM-DD เช่น 2026-11-23
places-error-before-start = ใบรับรองจะสิ้นสุดก่อนวันเริ่มไม่ได้
places-error-invalid-source-id = “{ $value }” ใช้เป็นรหัสไม่ได้: ไม่เกิน 200 ตัวอักษรและไม่มีช่องว่าง
places-error-invalid-osm-id = “{ $value }” ไม่ใช่รหัส OpenStreetMap เช่น node/123, way/45 หรือ relation/6
places-error-attribution-required = ข้อมูลจาก OpenStreetMap ต้องคงการอ้างอิงที่มา “© OpenStreetMap contributors, ODbL” ไว้
places-error-invalid-opening-hours = “{ $value }” ไม่ได้เขียนตามรูปแบบ opening_hours ของ OpenStreetMap เช่น Mo-Sa 11:00-21:00; Su off
places-error-not-found = อ้างถึงระเบียนที่ไม่มีอยู่
places-error-locality-not-found = ไม่มีท้องถิ่นที่มีคีย์ “{ $value }”
places-error-conflicting = คีย์ของท้องถิ่นและหมายเลขระเบียนอ้างถึงท้องถิ่นคนละแห่ง
places-error-duplicate = มีสถานที่อื่นที่มีแหล่งที่มาและรหัสนี้อยู่แล้ว หรือมีในระเบียนก่อนหน้าของไฟล์
places-error-in-use = ลบสถานที่นี้ไม่ได้ขณะที่ยังมีระเบียนอื่นอ้างถึง
places-error-not-a-feature = แต่ละระเบียนต้องเป็น Feature ของ GeoJSON
places-error-not-a-point = สถานที่ต้องเป็น Point: ลองจิจูดและละติจูดบน WGS 84
places-error-invalid-geometry = พิกัดของจุดต้องเป็นตัวเลขสองตัว: ลองจิจูด แล้วจึงละติจูด
places-error-invalid-properties = properties ต้องเป็นออบเจกต์ของชื่อและค่า
places-error-not-text = ค่านี้ต้องเป็นข้อความ
places-error-not-a-boolean = เขียน true หรือ false
places-error-unknown-property = สถานที่ไม่มีช่องข้อมูลนี้
places-error-name-required = ระเบียนนี้ไม่มีชื่อในภาษาใดเลย
places-error-duplicate-column = คอลัมน์นี้ปรากฏสองครั้งในแถวหัวตาราง
places-error-unknown-column = สถานที่ไม่มีช่องข้อมูลชื่อนี้ กรุณาแก้ไขแถวหัวตาราง
places-error-unnamed-column = คอลัมน์นี้ไม่มีชื่อในแถวหัวตาราง แต่แถวนี้มีค่าอยู่ในคอลัมน์นั้น
places-error-extra-cell = แถวนี้มีค่าเกินคอลัมน์สุดท้ายของแถวหัวตาราง
places-error-no-position = ไม่มีโหนดหรือสมาชิกใดของระเบียนนี้อยู่ในไฟล์ จึงไม่มีตำแหน่ง กรุณาตัดพื้นที่โดยให้ได้เส้นทางครบถ้วน
places-error-category-unknown-value = “{ $value }” ไม่ใช่ประเภท: เขียน restaurant, cafe, grocery, halal_shop, hotel, mosque, prayer_room หรือ other
places-error-assurance-unknown-value = “{ $value }” ไม่ใช่ระดับการรับรอง: เขียน certified, self_declared, pork_free, vegetarian_options หรือ unknown
places-description = คำอธิบายสำหรับผู้มาเยือน
places-description-hint = หนึ่งหรือสองประโยคเกี่ยวกับสิ่งที่ผู้มาเยือนควรรู้ ใส่ภาษาใดก็ได้
places-field-description-en = คำอธิบายภาษาอังกฤษ
places-field-description-ja = คำอธิบายภาษาญี่ปุ่น
places-field-description-th = คำอธิบายภาษาไทย
places-field-description-ms = คำอธิบายภาษามลายู

# การนำเข้า OpenStreetMap: วัตถุที่ไม่ได้นำเข้าและค่าที่เปลี่ยน
places-import-left-out = { $count ->
   *[other] มีวัตถุ { $formatted } รายการที่เป็นสถานที่ของแผนที่แต่นำเข้าไม่ได้ จึงไม่นำเข้า ดูเหตุผลในตารางด้านล่าง
}
places-import-left-out-title = วัตถุที่ไม่ได้นำเข้า
places-import-warnings-title = ค่าที่เปลี่ยนเพื่อให้นำเข้าได้
places-import-warnings = { $count ->
   *[other] เปลี่ยนหรือตัดค่า { $formatted } รายการเพื่อให้นำเข้าสถานที่ได้
}
places-import-done-left-out = { $count ->
   *[other] ไม่ได้นำเข้าวัตถุ { $formatted } รายการ
}
places-error-no-name = ไม่มีชื่อ และไม่มีแบรนด์ ผู้ดำเนินการ หรือถนนที่จะใช้ตั้งชื่อได้
places-error-name-from-brand = ไม่มีชื่อ จึงตั้งชื่อว่า “{ $value }” ตามแบรนด์
places-error-name-from-operator = ไม่มีชื่อ จึงตั้งชื่อว่า “{ $value }” ตามผู้ดำเนินการ
places-error-name-from-street = ไม่มีชื่อ จึงตั้งชื่อว่า “{ $value }” ตามประเภทและถนน
places-error-website-https-added = เว็บไซต์ “{ $value }” ไม่มี https:// จึงเติมให้
places-error-website-dropped = “{ $value }” ไม่ใช่ที่อยู่เว็บ จึงนำเข้าสถานที่โดยไม่มีค่านี้
places-error-phone-dropped = “{ $value }” ไม่ใช่หมายเลขโทรศัพท์ จึงนำเข้าสถานที่โดยไม่มีค่านี้
places-error-opening-hours-unknown = อ่านเวลาทำการ “{ $value }” ไม่ได้ จึงเก็บไว้ตามที่เขียน และแสดงว่าไม่ทราบว่าเปิดอยู่หรือไม่

# A place import followed on its own page while it runs.
places-import-checking-title = กำลังตรวจสอบ { $file }
places-import-importing-title = กำลังนำเข้า { $file }
places-import-progress-label = ความคืบหน้าของการนำเข้า
places-import-phase-waiting = กำลังรอให้การนำเข้าอื่นเสร็จ
places-import-phase-reading = กำลังอ่านไฟล์และตรวจสอบทีละระเบียน
places-import-phase-reading-writing = กำลังอ่านไฟล์ ตรวจสอบ และบันทึกทีละระเบียน จะเก็บไว้ก็ต่อเมื่อทั้งไฟล์ไม่มีปัญหาเท่านั้น
places-import-phase-reading-again = กำลังอ่านไฟล์อีกครั้ง (รอบที่ { $pass })
places-import-phase-checking = อ่านไฟล์เสร็จแล้ว กำลังนับสถานที่ที่จะเพิ่มใหม่
places-import-phase-writing = อ่านไฟล์เสร็จแล้ว กำลังบันทึกสถานที่ทั้งหมดพร้อมกัน
places-import-phase-finished = เสร็จแล้ว
places-import-numbers = อ่านแล้ว { $read } จาก { $total } ได้ { $formatted } ระเบียนจนถึงตอนนี้
places-import-runs-here = การนำเข้ายังดำเนินต่อไปแม้คุณออกจากหน้านี้ กลับมาที่ที่อยู่นี้ภายในหนึ่งชั่วโมงเพื่อดูผล ระบบรู้จักการนำเข้านี้เฉพาะบนเซิร์ฟเวอร์ที่รับไฟล์เท่านั้น
places-import-refresh = โหลดหน้าใหม่เพื่อดูความคืบหน้า
places-import-job-gone-title = ไม่พบการนำเข้า
places-import-job-gone = ไม่พบการนำเข้านี้ที่นี่ การนำเข้าที่เสร็จแล้วจะเก็บไว้หนึ่งชั่วโมง เฉพาะสำหรับผู้ที่เริ่ม และเฉพาะบนเซิร์ฟเวอร์ที่รับไฟล์ โปรดเลือกไฟล์อีกครั้งในหน้านำเข้า
places-import-busy = เซิร์ฟเวอร์นี้มีการนำเข้าที่กำลังทำงานหรือรออยู่มากเกินไป โปรดลองอีกครั้งในอีกไม่กี่นาที
places-import-expired = ไม่ได้เก็บไฟล์ที่ตรวจสอบแล้วไว้อีกต่อไป (ผลการตรวจสอบเก็บไว้หนึ่งชั่วโมง) โปรดเลือกไฟล์และตรวจสอบอีกครั้ง
