# The words Kizuna writes into IATI files (kizuna export iati).
iati-edition-title = { $course } รุ่น{ $fiscal_year }
iati-edition-description = หลักสูตรฝึกอบรม “{ $course }” รุ่น{ $fiscal_year } ระหว่างวันที่ { $start } ถึง { $end }
iati-course-description = หลักสูตรฝึกอบรมสำหรับผู้เข้ารับการฝึกอบรมจากต่างประเทศ จัดเป็นรุ่นทุกปี
iati-location-course = สถานที่จัดหลักสูตร
iati-region-unspecified = ประเทศกำลังพัฒนา ไม่ระบุภูมิภาค
iati-result-trainees = ผู้เข้ารับการฝึกอบรม
iati-result-trainees-description = ผู้เข้ารับการฝึกอบรมของรุ่นนี้ ณ วันที่จัดทำแฟ้ม
iati-result-trainees-all = ผู้เข้ารับการฝึกอบรม จำแนกตามปีงบประมาณ
iati-result-trainees-all-description = ผลรวมของทุกรุ่นของหลักสูตรนี้ในแฟ้มนี้ แต่ละรุ่นรายงานผู้เข้ารับการฝึกอบรมกลุ่มเดียวกัน จึงควรรวมเพียงอย่างใดอย่างหนึ่ง ไม่ใช่ทั้งสองอย่าง
iati-indicator-completed = ผู้เข้ารับการฝึกอบรมที่สำเร็จหลักสูตร
iati-indicator-accepted = ผู้เข้ารับการฝึกอบรมที่ได้รับการตอบรับ (ตอบรับแล้ว เดินทางมาถึงแล้ว หรือสำเร็จหลักสูตร)
iati-partnership-description = โครงการความร่วมมือภายใต้ { $scheme } เชื่อมโยง { $japan } กับ { $abroad }
iati-location-japan = ท้องถิ่นในญี่ปุ่นที่โครงการเชื่อมโยง
iati-location-abroad = ท้องถิ่นในต่างประเทศที่โครงการเชื่อมโยง
iati-result-outcomes = ผลลัพธ์: { $kind }
iati-result-outcomes-description = ผลลัพธ์ประเภทนี้ในบันทึกของโครงการ จำแนกตามปีงบประมาณ นับครั้งเดียวตามฝั่งที่เกิดผล (มิติ “side”: japan = ญี่ปุ่น, abroad = ต่างประเทศ, both = ทั้งสองฝั่ง)
iati-indicator-outcomes = จำนวนผลลัพธ์ที่รวบรวมได้: { $kind }
