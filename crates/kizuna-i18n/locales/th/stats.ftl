# หน้าสถิติ: /statistics (สาธารณะ), /console/statistics และรายชื่อเบื้องหลังตัวเลข
# /console/statistics/people (เจ้าหน้าที่)

stats-title = สถิติ
stats-lead = ผู้รับการฝึกอบรมที่สำนักงานรับเข้าหลักสูตรฝึกอบรม โดยนับแต่ละคนเพียงครั้งเดียวไม่ว่าจะเข้าร่วมกี่หลักสูตร จำแนกตามปีงบประมาณของหลักสูตร ตามภูมิภาค และตามประเทศที่ถือสัญชาติ ตัวเลขเหล่านี้ไม่มีข้อมูลส่วนบุคคล
stats-filters = เลือกตัวเลขที่จะแสดง
stats-as-of-label = ณ วันที่
stats-show = แสดง
stats-invalid-date = กรอกวันที่ในรูปแบบ ปี-เดือน-วัน เช่น 2008-03-31
stats-invalid-value = ไม่รู้จักตัวเลือกนี้ โปรดเลือกจากรายการ
stats-as-of-heading = ตัวเลข ณ วันที่ { $date }
stats-trainees-total = { $count ->
   *[other] ผู้รับการฝึกอบรมที่รับเข้าแล้ว (คน)
}
stats-countries-total = { $count ->
   *[other] ประเทศและภูมิภาค
}
stats-first-year = ปีงบประมาณแรก

## แผนภูมิ (วาดโดย assets/stats.js ข้อความสรุปใช้แทนแผนภูมิ)

stats-charts-heading = แผนภูมิ
stats-chart-years-title = ผู้รับการฝึกอบรมรายปีงบประมาณ จำแนกตามภูมิภาค
stats-chart-years-summary = แผนภูมิแท่งแสดงจำนวนผู้รับการฝึกอบรมในแต่ละปีงบประมาณตั้งแต่ { $first } ถึง { $last } ซ้อนกันตามภูมิภาค ปีที่มีผู้รับการฝึกอบรมมากที่สุดคือ { $peak } จำนวน { $count ->
   *[other] { $formatted } คน
} ตัวเลขทั้งหมดอยู่ในตารางด้านล่าง
stats-chart-map-title = ผู้รับการฝึกอบรมรายประเทศ
stats-chart-map-summary = แผนที่โลกที่ระบายสีตามจำนวนผู้รับการฝึกอบรมจากแต่ละประเทศหรือภูมิภาค รวม { $countries_formatted } แห่ง มากที่สุดมาจาก{ $top } จำนวน { $count ->
   *[other] { $formatted } คน
} ประเทศที่เล็กเกินกว่าจะแสดงบนแผนที่อยู่ในตารางด้านล่าง
stats-chart-empty = ยังไม่มีผู้รับการฝึกอบรมที่รับเข้า ณ วันที่นี้
stats-map-none = ไม่มีผู้รับการฝึกอบรม
stats-withheld = ไม่แสดง
stats-withheld-note = จำนวนผู้รับการฝึกอบรมที่น้อยกว่า 3 คนจะไม่แสดง เพื่อไม่ให้ระบุตัวบุคคลได้ และจะไม่แสดงจำนวนอื่นเท่าที่จำเป็นเพื่อไม่ให้คำนวณย้อนกลับจากยอดรวมได้ (ระบุว่า “ไม่แสดง”) ยอดรวมเป็นตัวเลขที่ถูกต้อง

## ตาราง

stats-table-years = ตามปีงบประมาณ
stats-table-regions = ตามภูมิภาค
stats-table-countries = ตามประเทศ
stats-table-courses = ตามหลักสูตร
stats-table-genders = ตามเพศ
stats-col-fiscal-year = ปีงบประมาณ
stats-col-trainees = ผู้รับการฝึกอบรม
stats-col-countries = ประเทศและภูมิภาค
stats-col-new = ผู้รับการฝึกอบรมครั้งแรก
stats-col-cumulative = ผู้รับการฝึกอบรมสะสม
stats-col-region = ภูมิภาค
stats-col-country = ประเทศหรือภูมิภาค
stats-col-course = หลักสูตร
stats-col-gender = เพศ
stats-col-name = ชื่อ
stats-col-native-name = ชื่อในอักษรของตนเอง
stats-col-nationality = สัญชาติ
stats-total = รวม
stats-caption-years = ผู้รับการฝึกอบรมรายปีงบประมาณ ณ วันที่ { $date } ผู้ที่ฝึกอบรมสองปีจะนับในทั้งสองปี แต่นับเพียงครั้งเดียวในยอดสะสม
stats-caption-regions = ผู้รับการฝึกอบรมและจำนวนประเทศรายภูมิภาค ณ วันที่ { $date }
stats-caption-countries = ผู้รับการฝึกอบรมรายประเทศ ณ วันที่ { $date } เรียงจากมากไปน้อย
stats-caption-courses = ผู้รับการฝึกอบรมรายหลักสูตร ณ วันที่ { $date }
stats-caption-genders = ผู้รับการฝึกอบรมตามเพศ ณ วันที่ { $date }

## ภูมิภาคและเพศ

stats-region-africa = แอฟริกา
stats-region-asia = เอเชีย
stats-region-middle-east = ตะวันออกกลาง
stats-region-europe = ยุโรป
stats-region-north-america = อเมริกาเหนือ
stats-region-latin-america = ละตินอเมริกาและแคริบเบียน
stats-region-oceania = โอเชียเนีย
stats-gender-female = หญิง
stats-gender-male = ชาย
stats-gender-other = อื่น ๆ
stats-gender-unspecified = ไม่ระบุ

## สถิติสำหรับเจ้าหน้าที่และรายชื่อเบื้องหลังตัวเลข

stats-staff-title = สถิติสำหรับเจ้าหน้าที่
stats-staff-lead = กรองตัวเลข แล้วเปิดตัวเลขใดก็ได้เพื่อดูรายชื่อบุคคลที่นับรวมอยู่
stats-filter-fiscal-year = ปีงบประมาณ
stats-filter-country = ประเทศหรือภูมิภาค
stats-filter-region = ภูมิภาค
stats-filter-course = หลักสูตร
stats-filter-gender = เพศ
stats-filter-office = สำนักงาน
stats-filter-offset = ตำแหน่งในรายการ
stats-filter-all = ทั้งหมด
stats-filter-clear = ล้างตัวกรอง
stats-drill-hint = ตัวเลขแต่ละตัวเป็นลิงก์ไปยังรายชื่อบุคคลที่นับรวมอยู่
stats-people-title = บุคคลเบื้องหลังตัวเลข
stats-people-count = { $count ->
   *[other] ผู้รับการฝึกอบรม { $formatted } คน
}
stats-people-showing = แสดงลำดับที่ { $from }–{ $to } จาก { $total }
stats-people-none = ไม่มีผู้ใดตรงกับตัวกรองเหล่านี้
stats-people-caption = ผู้รับการฝึกอบรมที่นับ ณ วันที่ { $date } เรียงตามนามสกุล
stats-pager = หน้า
stats-prev = หน้าก่อนหน้า
stats-next = หน้าถัดไป
stats-back = กลับไปที่สถิติ
stats-report-headline = ผู้รับการฝึกอบรม ณ วันที่ { $date }: { $trainees } คน จาก { $countries } ประเทศและภูมิภาค
stats-people-download = ดาวน์โหลดรายชื่อทั้งหมด (ผู้ดูแลระบบเท่านั้น และมีการบันทึกการดาวน์โหลด):
