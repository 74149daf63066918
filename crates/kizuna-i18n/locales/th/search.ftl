## Search (#16): the console's header box and results page, the public portal's search

search-label = ค้นหาข้อมูลทั้งหมด
search-placeholder = ค้นหา…
search-go = ค้นหา
search-title = ค้นหา
search-results-for = ผลการค้นหา “{ $q }”
search-found = { $count ->
   *[other] พบ { $formatted } รายการ
}
search-none = ไม่พบรายการที่ตรงกับ “{ $q }”
search-none-hint = ลองใช้คำน้อยลง ใช้เพียงส่วนต้นของชื่อ หรือเขียนชื่อด้วยอักษรอื่น เช่น อักษรละติน คานะหรือคันจิ อักษรไทย ชื่อสถานที่ค้นหาได้ทุกแบบ (Kushiro, 釧路, คุชิโระ)
search-empty-hint = พิมพ์ชื่อหรือคำเป็นภาษาไทย อังกฤษ ญี่ปุ่น หรือมลายู ระบบจะค้นหาบุคคล องค์กร ท้องถิ่น โครงการ กิจกรรม ผลลัพธ์ การส่งอาสาสมัคร คณะผู้แทน และสถานที่พร้อมกัน
search-too-long = คำค้นยาวเกินไป ใช้ได้ไม่เกิน { $max } ตัวอักษร
search-all-kinds = ทุกประเภท
search-kinds-label = ประเภทของข้อมูล
search-show-all = แสดงทั้งหมด { $formatted } รายการ
search-kind-person = บุคคล
search-kind-organisation = องค์กร
search-kind-locality = ท้องถิ่น
search-kind-programme = โครงการ
search-kind-activity = กิจกรรม
search-kind-outcome = ผลลัพธ์
search-kind-placement = การส่งอาสาสมัคร
search-kind-delegation = คณะผู้แทน
search-kind-place = สถานที่
search-kind-story = เรื่องราว
search-public-label = ค้นหาสถานที่และเรื่องราว
search-public-title = ค้นหาสถานที่และเรื่องราว
search-public-lead = สถานที่บนแผนที่ (อาหารฮาลาล ห้องละหมาด ร้านค้า) และเรื่องราวของความร่วมมือของเรา ในภาษาของคุณ
search-public-empty-hint = พิมพ์ชื่อสถานที่ อาหาร หรือเมือง เป็นภาษาไทย อังกฤษ ญี่ปุ่น หรือมลายู
search-building = กำลังสร้างดัชนีสำหรับการค้นหา ขณะนี้ค้นหาได้ { $indexed } จาก { $total } รายการ ผลลัพธ์บางรายการจึงอาจยังไม่ปรากฏ โปรดลองอีกครั้งในอีกไม่กี่นาทีเพื่อค้นหาทั้งหมด
