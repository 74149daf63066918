# หน้าผลกระทบต่อเนื่อง: กราฟเหตุและผล หน้าเรื่องราวสาธารณะ แผนที่ความเชื่อมโยงระหว่างท้องถิ่น และรายงานผลกระทบ

## ฝั่ง ประเภท ผลการยืนยัน

ripple-side-japan = ญี่ปุ่น
ripple-side-abroad = ต่างประเทศ
ripple-side-both = ทั้งสองฝั่ง
ripple-kind-joint_product = ผลิตภัณฑ์ร่วม
ripple-kind-certification = การได้รับรองมาตรฐาน
ripple-kind-award = รางวัล
ripple-kind-new_business = ธุรกิจใหม่
ripple-kind-business_suspended = ธุรกิจหยุดชะงัก
ripple-kind-proposal = ข้อเสนอ
ripple-kind-appointment = การแต่งตั้ง
ripple-kind-agreement = ข้อตกลง
ripple-kind-media_coverage = การนำเสนอในสื่อ
ripple-kind-tourism_product = ผลิตภัณฑ์การท่องเที่ยว
ripple-verdict-agree = ยืนยันแล้ว
ripple-verdict-partly = ยืนยันบางส่วน
ripple-verdict-disagree = มีข้อโต้แย้ง
ripple-verdict-none = ยังไม่ได้ยืนยัน
ripple-node-programme = โครงการ
ripple-node-activity = กิจกรรม
ripple-node-outcome = ผลลัพธ์
ripple-activity-training = การฝึกอบรม
ripple-activity-visit_to_japan = การเยือนญี่ปุ่น
ripple-activity-visit_abroad = การเยือนต่างประเทศ
ripple-activity-joint_development = การพัฒนาร่วมกัน
ripple-activity-fair = งานแสดงสินค้า
ripple-activity-seminar = สัมมนา
ripple-activity-other = กิจกรรม
ripple-link-kind-sister_city = เมืองพี่เมืองน้อง
ripple-link-kind-friendship = ความสัมพันธ์ฉันมิตร
ripple-link-kind-partnership = ความร่วมมือผ่านโครงการ

## หน้ากราฟ

ripple-title = ผลกระทบต่อเนื่องของ { $programme }
ripple-title-all = ผลกระทบต่อเนื่องของโครงการความร่วมมือทั้งหมด
ripple-lead = สิ่งที่โครงการทำ การเปลี่ยนแปลงในญี่ปุ่นและต่างประเทศที่โครงการน่าจะมีส่วนช่วย และการเปลี่ยนแปลงหนึ่งนำไปสู่อีกการเปลี่ยนแปลงอย่างไร
ripple-filters = ตัวกรอง
ripple-filter-side = ฝั่ง
ripple-filter-kind = ประเภทผลลัพธ์
ripple-filter-year = ปีงบประมาณ
ripple-filter-any = ทั้งหมด
ripple-filter-show = แสดง
ripple-filter-clear = ล้างตัวกรอง
ripple-filter-ignored = “{ $value }” ไม่ใช่{ $field }ที่ถูกต้อง จึงไม่นำมาใช้
ripple-graph-heading = กราฟเหตุและผล
ripple-graph-help = เวลาเดินจากซ้ายไปขวา ญี่ปุ่นอยู่ด้านบน ต่างประเทศอยู่ด้านล่าง ลากเพื่อเลื่อน เลื่อนล้อหรือถ่างนิ้วเพื่อซูม และเลือกจุดเพื่ออ่านรายละเอียด
ripple-graph-label = กราฟเหตุและผลของผลลัพธ์บนเส้นเวลา
ripple-details-heading = ที่เลือก
ripple-details-none = เลือกจุดในกราฟเพื่ออ่านรายละเอียดที่นี่
ripple-nodes-heading = สิ่งที่เกิดขึ้นตามลำดับเวลา
ripple-col-led-to = นำไปสู่
ripple-col-came-from = มาจาก
ripple-col-what = เรื่อง
ripple-col-type = ชนิด
ripple-elsewhere = โครงการอื่น
ripple-no-outcomes = ไม่มีผลลัพธ์ที่ตรงกับตัวกรองนี้
ripple-mutual-heading = ผลร่วม: สิ่งที่เกิดขึ้นในญี่ปุ่นและต่างประเทศ
ripple-mutual-lead = ในญี่ปุ่น { $japan } รายการ ต่างประเทศ { $abroad } รายการ และทั้งสองฝั่ง { $both } รายการ
ripple-json-link = กราฟในรูปแบบ JSON
ripple-impact-link = รายงานผลกระทบ
ripple-story-link = หน้าเรื่องราวสาธารณะ
ripple-programmes-heading = โครงการความร่วมมือ
ripple-all-link = ผลกระทบต่อเนื่องของทุกโครงการ
ripple-links-link = แผนที่ความเชื่อมโยงระหว่างท้องถิ่น
ripple-public = สาธารณะ
ripple-staff-only = เฉพาะเจ้าหน้าที่
ripple-not-found = ไม่มีโครงการความร่วมมือหมายเลขนี้

## รายงานผลกระทบ

ripple-all-programmes = โครงการความร่วมมือทั้งหมด
ripple-all-years = ทุกปี
ripple-impact-title = รายงานผลกระทบ: { $what } ({ $year })
ripple-impact-lead = ผลลัพธ์แยกตามฝั่ง ประเภท และปีงบประมาณ รายการผลลัพธ์ และห่วงโซ่เหตุและผลที่นำไปสู่ผลลัพธ์เหล่านั้น
ripple-impact-downloads = ดาวน์โหลด
ripple-impact-print = พิมพ์
ripple-total = รวม
ripple-by-kind = ผลลัพธ์ตามประเภทและฝั่ง
ripple-by-year = ผลลัพธ์ตามปีงบประมาณและฝั่ง
ripple-outcomes = ผลลัพธ์
ripple-chains = ห่วงโซ่เหตุและผล
ripple-no-chains = ยังไม่มีห่วงโซ่เหตุและผล
ripple-file-programme = โครงการ
ripple-file-year = ปีงบประมาณ
ripple-file-written = จัดทำเมื่อ
ripple-file-source = แหล่งที่มา
ripple-file-source-value = Kizuna ทะเบียนผลกระทบต่อเนื่องของโครงการความร่วมมือ
ripple-sheet-about = เกี่ยวกับ
ripple-sheet-kinds = ตามประเภท
ripple-sheet-years = ตามปี
ripple-sheet-outcomes = ผลลัพธ์
ripple-sheet-chains = ห่วงโซ่
ripple-col-kind = ประเภท
ripple-col-year = ปีงบประมาณ
ripple-col-date = วันที่
ripple-col-outcome = ผลลัพธ์
ripple-col-side = ฝั่ง
ripple-col-verdict = ผู้ตรวจสอบ
ripple-col-number = ลำดับ
ripple-col-chain = ห่วงโซ่
ripple-bad-year = ไม่ใช่ปีงบประมาณ: เขียนเป็น fy=2018, FY2018 หรือ 平成30年度

## หน้าเรื่องราวสาธารณะ

ripple-story-title = { $programme }: เรื่องราวจนถึงวันนี้
ripple-story-lead = สิ่งที่ความร่วมมือนี้นำไปสู่ทั้งในญี่ปุ่นและต่างประเทศ คือการเปลี่ยนแปลงที่พันธมิตรรายงานและเจ้าหน้าที่ตรวจสอบก่อนเผยแพร่
ripple-story-facts = เกี่ยวกับโครงการ
ripple-story-scheme = แหล่งทุน
ripple-story-period = ระยะเวลา
ripple-story-period-open = ตั้งแต่ { $from }
ripple-story-period-closed = { $from } ถึง { $to }
ripple-story-localities = ท้องถิ่นที่เชื่อมโยง
ripple-story-none = ยังไม่มีการเผยแพร่ข้อมูลของโครงการนี้
ripple-story-confirmed = ผู้ตรวจสอบยืนยันแล้ว
ripple-stories-heading = เรื่องราวความร่วมมือ
ripple-stories-lead = ความร่วมมือระหว่างท้องถิ่นในญี่ปุ่นและต่างประเทศส่งผลต่อเนื่องถึงทั้งสองฝั่งอย่างไร

## แผนที่ความเชื่อมโยงระหว่างท้องถิ่น

ripple-links-title = ความเชื่อมโยงระหว่างท้องถิ่น
ripple-links-lead = ท้องถิ่นใดในญี่ปุ่นเชื่อมโยงกับท้องถิ่นใดในต่างประเทศ ผ่านองค์กรและโครงการใด ตั้งแต่เมื่อใด และเกิดผลอะไรบ้าง
ripple-links-map-heading = แผนที่ความเชื่อมโยง
ripple-links-table-heading = ความเชื่อมโยงทั้งหมด
ripple-links-col-japan = ในญี่ปุ่น
ripple-links-col-abroad = ต่างประเทศ
ripple-links-col-kind = เชื่อมโยงโดย
ripple-links-col-since = ตั้งแต่
ripple-links-col-through = ผ่านโครงการ
ripple-links-col-produced = ผลลัพธ์
ripple-links-produced = ญี่ปุ่น { $japan } · ต่างประเทศ { $abroad } · ทั้งสองฝั่ง { $both }
ripple-links-programme = โครงการ
ripple-links-not-drawn-count = ท้องถิ่น { $formatted } แห่งไม่ได้แสดงบนแผนที่ เนื่องจากยังไม่ทราบตำแหน่ง
ripple-links-none = ยังไม่มีการบันทึกความเชื่อมโยงระหว่างท้องถิ่น
ripple-links-basemap = แผ่นดิน: Natural Earth (world-atlas)
ripple-links-zoom-in = ขยาย
ripple-links-zoom-out = ย่อ
ripple-links-tiles-offline = โหลดแผ่นแผนที่ไม่ได้ จึงแสดงเฉพาะโครงร่างแผ่นดิน
ripple-node-placement = การปฏิบัติงานอาสาสมัคร
