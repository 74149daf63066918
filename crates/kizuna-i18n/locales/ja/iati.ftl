# The words Kizuna writes into IATI files (kizuna export iati).
iati-edition-title = { $course }（{ $fiscal_year }）
iati-edition-description = 研修コース「{ $course }」の{ $fiscal_year }の実施回（{ $start }～{ $end }）。
iati-course-description = 海外からの研修員を受け入れる研修コース。年度ごとに実施。
iati-location-course = 研修の実施地
iati-region-unspecified = 開発途上国（地域の特定なし）
iati-result-trainees = 研修員
iati-result-trainees-description = この実施回の研修員（ファイル作成日現在）。
iati-result-trainees-all = 研修員（年度別）
iati-result-trainees-all-description = このファイルに含まれる本コースの各実施回の合計。各実施回も同じ研修員を計上しているため、合算するのはどちらか一方のみとしてください。
iati-indicator-completed = 研修を修了した研修員
iati-indicator-accepted = 受け入れた研修員（受入決定・来日・修了）
iati-partnership-description = { $scheme }による連携事業。{ $japan }と{ $abroad }を結ぶ。
iati-location-japan = 事業が結ぶ日本の地域
iati-location-abroad = 事業が結ぶ海外の地域
iati-result-outcomes = 成果：{ $kind }
iati-result-outcomes-description = 事業の成果記録にあるこの種類の成果。年度別に、成果が現れた側ごとに1件として数える（次元「side」：japan＝日本、abroad＝海外、both＝双方）。
iati-indicator-outcomes = 収集した成果：{ $kind }
