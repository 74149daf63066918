# 波及のページ：因果グラフ、公開ストーリー、地域間連携の地図、インパクト報告。

## 側、種類、判定

ripple-side-japan = 日本
ripple-side-abroad = 海外
ripple-side-both = 日本と海外の双方
ripple-kind-joint_product = 共同開発品
ripple-kind-certification = 認証取得
ripple-kind-award = 受賞
ripple-kind-new_business = 新事業
ripple-kind-business_suspended = 事業休止
ripple-kind-proposal = 提案
ripple-kind-appointment = 任命
ripple-kind-agreement = 協定
ripple-kind-media_coverage = 報道
ripple-kind-tourism_product = 観光商品
ripple-verdict-agree = 確認済み
ripple-verdict-partly = 一部確認
ripple-verdict-disagree = 異議あり
ripple-verdict-none = 未確認
ripple-node-programme = 事業
ripple-node-activity = 活動
ripple-node-outcome = 成果
ripple-activity-training = 研修
ripple-activity-visit_to_japan = 来日
ripple-activity-visit_abroad = 海外訪問
ripple-activity-joint_development = 共同開発
ripple-activity-fair = 見本市・フェア
ripple-activity-seminar = セミナー
ripple-activity-other = 活動
ripple-link-kind-sister_city = 姉妹都市
ripple-link-kind-friendship = 友好提携
ripple-link-kind-partnership = 事業による連携

## グラフのページ

ripple-title = { $programme } の波及
ripple-title-all = すべての連携事業の波及
ripple-lead = 事業が行ったこと、それが日本と海外でもたらしたと考えられる変化、そしてある変化が次の変化につながった流れを示します。
ripple-filters = 絞り込み
ripple-filter-side = 側
ripple-filter-kind = 成果の種類
ripple-filter-year = 年度
ripple-filter-any = すべて
ripple-filter-show = 表示
ripple-filter-clear = 絞り込みを解除
ripple-filter-ignored = 「{ $value }」は{ $field }として正しくないため、無視しました。
ripple-graph-heading = 因果グラフ
ripple-graph-help = 左から右へ時間が進みます。上が日本、下が海外です。ドラッグで移動、スクロールやピンチで拡大縮小し、点を選ぶと詳細が表示されます。
ripple-graph-label = 成果の因果グラフ（時間軸上に表示）
ripple-details-heading = 選択中
ripple-details-none = グラフの点を選ぶと、ここに詳細が表示されます。
ripple-nodes-heading = 起きたこと（時系列）
ripple-col-led-to = つながった先
ripple-col-came-from = きっかけ
ripple-col-what = 内容
ripple-col-type = 種別
ripple-elsewhere = 別の事業
ripple-no-outcomes = この条件に当てはまる成果はありません。
ripple-mutual-heading = 相互の成果：日本と海外で生まれたもの
ripple-mutual-lead = 日本で{ $japan }件、海外で{ $abroad }件、双方で{ $both }件。
ripple-json-link = グラフのJSON
ripple-impact-link = インパクト報告
ripple-story-link = 公開ストーリーのページ
ripple-programmes-heading = 連携事業
ripple-all-link = すべての事業の波及
ripple-links-link = 地域間連携の地図
ripple-public = 公開
ripple-staff-only = 職員のみ
ripple-not-found = この番号の連携事業はありません。

## インパクト報告

ripple-all-programmes = すべての連携事業
ripple-all-years = 全年度
ripple-impact-title = インパクト報告：{ $what }（{ $year }）
ripple-impact-lead = 側・種類・年度別の成果、個々の成果、そしてそこに至った因果の連鎖。
ripple-impact-downloads = ダウンロード
ripple-impact-print = 印刷
ripple-total = 合計
ripple-by-kind = 種類・側別の成果
ripple-by-year = 年度・側別の成果
ripple-outcomes = 成果
ripple-chains = 因果の連鎖
ripple-no-chains = 因果の連鎖はまだありません。
ripple-file-programme = 事業
ripple-file-year = 年度
ripple-file-written = 作成日
ripple-file-source = 出典
ripple-file-source-value = Kizuna 連携事業の波及台帳
ripple-sheet-about = 概要
ripple-sheet-kinds = 種類別
ripple-sheet-years = 年度別
ripple-sheet-outcomes = 成果
ripple-sheet-chains = 連鎖
ripple-col-kind = 種類
ripple-col-year = 年度
ripple-col-date = 日付
ripple-col-outcome = 成果
ripple-col-side = 側
ripple-col-verdict = 検証
ripple-col-number = 番号
ripple-col-chain = 連鎖
ripple-bad-year = 年度として読めません。fy=2018、FY2018、平成30年度 のように書いてください。

## 公開ストーリー

ripple-story-title = { $programme }：これまでの歩み
ripple-story-lead = この連携が日本と海外にもたらしたもの。関係者が報告し、職員が確認のうえ公開した変化です。
ripple-story-facts = 事業について
ripple-story-scheme = 資金の枠組み
ripple-story-period = 期間
ripple-story-period-open = { $from }から
ripple-story-period-closed = { $from }～{ $to }
ripple-story-localities = 結ばれた地域
ripple-story-none = この事業について公開された内容はまだありません。
ripple-story-confirmed = 検証者が確認済み
ripple-stories-heading = 連携のストーリー
ripple-stories-lead = 日本と海外の地域どうしの協力が、双方にどのように波及したか。

## 地域間連携の地図

ripple-links-title = 地域間の連携
ripple-links-lead = 日本のどの地域が海外のどの地域と、どの団体・事業を通じて、いつから結ばれ、何を生んだか。
ripple-links-map-heading = 連携の地図
ripple-links-table-heading = すべての連携
ripple-links-col-japan = 日本側
ripple-links-col-abroad = 海外側
ripple-links-col-kind = 結びつき
ripple-links-col-since = 開始
ripple-links-col-through = 通じた事業
ripple-links-col-produced = 成果
ripple-links-produced = 日本 { $japan }・海外 { $abroad }・双方 { $both }
ripple-links-programme = 事業
ripple-links-not-drawn-count = 位置がまだ分からないため、{ $formatted }か所の地域は地図に描かれていません。
ripple-links-none = 地域間の連携はまだ登録されていません。
ripple-links-basemap = 陸地：Natural Earth（world-atlas）
ripple-links-zoom-in = 拡大
ripple-links-zoom-out = 縮小
ripple-links-tiles-offline = 地図タイルを読み込めませんでした。陸地の輪郭のみ表示しています。
ripple-node-placement = ボランティア派遣
