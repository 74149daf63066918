# 統計ページ：/statistics（公開）、/console/statistics とその内訳
# /console/statistics/people（職員用）。

stats-title = 統計
stats-lead = 当事務所が研修コースに受け入れた研修員の数です。複数のコースに参加した人も1人として数え、コースの年度別、地域別、国籍の国別に示します。個人情報は含みません。
stats-filters = 表示する数値の選択
stats-as-of-label = 基準日
stats-show = 表示
stats-invalid-date = 日付は「年-月-日」の形で入力してください（例：2008-03-31）。
stats-invalid-value = この選択肢は認識できません。一覧から選んでください。
stats-as-of-heading = { $date }現在の数値
stats-trainees-total = { $count ->
   *[other] 受入研修員数（人）
}
stats-countries-total = { $count ->
   *[other] 国・地域数
}
stats-first-year = 受入開始年度

## グラフ（assets/stats.js が描画。要約文はその代替テキスト）

stats-charts-heading = グラフ
stats-chart-years-title = 年度別・地域別の研修員数
stats-chart-years-summary = { $first }から{ $last }までの年度別研修員数を地域別に積み上げた棒グラフです。最も多かったのは{ $peak }の{ $count ->
   *[other] { $formatted }人
}です。数値は下の表にあります。
stats-chart-map-title = 国別の研修員数
stats-chart-map-summary = 国・地域ごとの研修員数で色分けした世界地図です（合計{ $countries_formatted }か国・地域）。最も多いのは{ $top }の{ $count ->
   *[other] { $formatted }人
}です。地図に表示できない小さな国は下の表にあります。
stats-chart-empty = この日付までに受け入れた研修員はいません。
stats-map-none = 研修員なし
stats-withheld = 非表示
stats-withheld-note = 個人が特定されないよう、研修員が3人未満の数は表示していません。合計から逆算されないよう、必要な最小限のほかの数も表示していません（「非表示」と記載）。合計は正確な数です。

## 表

stats-table-years = 年度別
stats-table-regions = 地域別
stats-table-countries = 国別
stats-table-courses = コース別
stats-table-genders = 男女別
stats-col-fiscal-year = 年度
stats-col-trainees = 研修員数
stats-col-countries = 国・地域数
stats-col-new = 初参加の研修員数
stats-col-cumulative = 累計研修員数
stats-col-region = 地域
stats-col-country = 国・地域
stats-col-course = コース
stats-col-gender = 性別
stats-col-name = 氏名
stats-col-native-name = 母語表記の氏名
stats-col-nationality = 国籍
stats-total = 合計
stats-caption-years = { $date }現在の年度別研修員数。2つの年度に参加した人は各年度に数えますが、累計では1人として数えます。
stats-caption-regions = { $date }現在の地域別研修員数と国・地域数
stats-caption-countries = { $date }現在の国別研修員数（多い順）
stats-caption-courses = { $date }現在のコース別研修員数
stats-caption-genders = { $date }現在の男女別研修員数

## 地域と性別

stats-region-africa = アフリカ
stats-region-asia = アジア
stats-region-middle-east = 中東
stats-region-europe = ヨーロッパ
stats-region-north-america = 北米
stats-region-latin-america = 中南米・カリブ
stats-region-oceania = オセアニア
stats-gender-female = 女性
stats-gender-male = 男性
stats-gender-other = その他
stats-gender-unspecified = 未回答

## 職員用統計と内訳

stats-staff-title = 職員用統計
stats-staff-lead = 条件で絞り込み、数値を開くとその数に含まれる人の一覧を確認できます。
stats-filter-fiscal-year = 年度
stats-filter-country = 国・地域
stats-filter-region = 地域
stats-filter-course = コース
stats-filter-gender = 性別
stats-filter-office = 事務所
stats-filter-offset = 一覧の位置
stats-filter-all = すべて
stats-filter-clear = 条件をクリア
stats-drill-hint = 各数値から、その数に含まれる人の一覧を開けます。
stats-people-title = 数値の内訳（研修員一覧）
stats-people-count = { $count ->
   *[other] 研修員{ $formatted }人
}
stats-people-showing = { $total }人中 { $from }～{ $to }人目を表示
stats-people-none = 条件に合う人はいません。
stats-people-caption = { $date }現在で数えた研修員（姓の順）
stats-pager = ページ
stats-prev = 前のページ
stats-next = 次のページ
stats-back = 統計に戻る
stats-report-headline = { $date } 時点の研修員：{ $countries } か国・地域から { $trainees } 人
stats-people-download = 一覧全体のダウンロード（管理者のみ。記録されます）：
