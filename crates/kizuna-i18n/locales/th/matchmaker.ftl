# The matchmaker's page (/console/match) and the reasons a profile cannot
# be matched (also said by `kizuna match`).

matchmaker-title = ระบบจับคู่พันธมิตร
matchmaker-lead = คู่ความร่วมมือที่เป็นไปได้ของท้องถิ่นหรือองค์กร: ในต่างประเทศสำหรับฝ่ายญี่ปุ่น และในญี่ปุ่นสำหรับฝ่ายต่างประเทศ เรียงลำดับตามความสอดคล้องระหว่างสิ่งที่เสนอกับสิ่งที่ต้องการของกันและกัน หัวข้อที่มีร่วมกัน ความใกล้ชิดในเครือข่ายความเชื่อมโยงที่บันทึกไว้ และผลลัพธ์ของความเชื่อมโยงในอดีตที่คล้ายกัน ทุกข้อเสนออ้างอิงหลักฐานด้วยหมายเลขระเบียน
matchmaker-choose = ฝ่ายที่ต้องการจับคู่
matchmaker-locality = ท้องถิ่น
matchmaker-organisation = องค์กร
matchmaker-none-chosen = — เลือก —
matchmaker-show = แสดงข้อเสนอ
matchmaker-for = ข้อเสนอสำหรับ { $name }
matchmaker-ranked = จัดลำดับคู่ที่เป็นไปได้ { $count } ราย
matchmaker-known = เชื่อมโยงกันอยู่แล้ว (ไม่นำมาเสนอ): { $names }
matchmaker-no-known = ยังไม่มีความเชื่อมโยงกับใคร
matchmaker-none = ไม่มีคู่ที่จะเสนอ
matchmaker-rank = ลำดับ
matchmaker-counterpart = คู่ความร่วมมือ
matchmaker-country = ประเทศ
matchmaker-score = คะแนน
matchmaker-why = เหตุผล
matchmaker-meets = { $offer } ({ $by }) ตอบสนอง { $need } ({ $to }) ในหัวข้อ { $theme }
matchmaker-mutual = สิ่งที่เสนอตรงกับสิ่งที่ต้องการทั้งสองทาง
matchmaker-shared = หัวข้อที่มีร่วมกัน: { $themes }
matchmaker-through = เชื่อมโยงผ่าน { $through } ({ $links })
matchmaker-resembles = คล้ายกับความเชื่อมโยง { $a } – { $b } ({ $links }) ในหัวข้อ { $themes } ซึ่งให้ผลลัพธ์ { $outcomes }
matchmaker-partners = { $count ->
    [0] ยังไม่มีคู่ความร่วมมือที่ทราบ
   *[other] มีคู่ความร่วมมือที่ทราบ { $count } ราย
}
matchmaker-offer = ข้อเสนอ { $id }
matchmaker-need = ความต้องการ { $id }
matchmaker-not-matchable = ยังจับคู่ { $name } ไม่ได้: { $reason }
matchmaker-gap-no_locality = ไม่มีการบันทึกท้องถิ่น จึงไม่ทราบว่าอยู่ฝ่ายใดและประเทศใด
matchmaker-gap-no_offer = ไม่มีการบันทึกสิ่งที่เสนอ
matchmaker-gap-no_need = ไม่มีการบันทึกสิ่งที่ต้องการ
matchmaker-note = น้ำหนักของคะแนนกำหนดด้วยมือ ไม่ได้ปรับให้เข้ากับข้อมูล ความเชื่อมโยงในข้อมูลตัวอย่างสร้างขึ้นโดยคำนึงถึงความสอดคล้องกัน ตัวเลขของข้อมูลตัวอย่างจึงแสดงว่าวิธีการทำงานตามที่ออกแบบ ไม่ได้แสดงว่าคาดการณ์ความเชื่อมโยงจริงได้ดีเพียงใด
