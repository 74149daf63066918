# パートナーシップのページ：パートナーシップ事業、その活動・成果・因果関係、
# 成果の確認、地域間の連携、提供と要望を扱う職員コンソールと、
# パートナーの成果ページ。

nav-partnerships = パートナーシップ
partnerships-partner-link = 事業の成果

## 事業の一覧
partnerships-title = パートナーシップ事業
partnerships-lead = 日本の地域と海外の地域を結ぶ事業と、双方で生まれた成果。
partnerships-new = 新しいパートナーシップ事業
partnerships-edit = 事業を変更
partnerships-none = パートナーシップ事業はまだ登録されていません。
partnerships-no-details = 事業の詳細なし
partnerships-programme = 事業
partnerships-localities = 地域
partnerships-period = 期間
partnerships-status = 状況
partnerships-activities = 活動
partnerships-outcomes = 成果
partnerships-unsubstantiated = 確認待ち
partnerships-back-list = ← パートナーシップ事業
partnerships-back-programme = ← 事業に戻る

## 事業のフォーム
partnerships-the-programme = 事業
partnerships-the-partnership = パートナーシップ
partnerships-key = キー
partnerships-programme-title = 名称
partnerships-organisation = 団体
partnerships-summary = 概要
partnerships-funding-scheme = 資金制度
partnerships-proposer = 提案団体
partnerships-japan-locality = 日本の地域
partnerships-abroad-localities = 海外の地域
partnerships-abroad-locality = 海外の地域
partnerships-multi-hint = 1つ以上選んでください（複数選ぶには Ctrl または ⌘ を押しながら）。
partnerships-themes = テーマ
partnerships-theme = テーマ
partnerships-starts-on = 開始日
partnerships-ends-on = 終了日
partnerships-budget = 予算
partnerships-budget-amount = 予算（整数）
partnerships-budget-currency = 通貨（ISO 4217、例：JPY）
partnerships-public = 公開
partnerships-public-story = 事業の公開ストーリーページを表示する
partnerships-yes = はい
partnerships-no = いいえ

## 事業のページ
partnerships-details = 詳細
partnerships-ripple-link = 波及効果の図
partnerships-organisations = 参加団体と役割
partnerships-role = 役割
partnerships-add-role = 団体を追加
partnerships-remove = 削除
partnerships-nothing-yet = まだ記録はありません。
partnerships-links = 何が何につながったか
partnerships-links-lead = 因果関係は、事業・活動・成果がある成果につながったことを示します。関係が循環することはありません。
partnerships-link-from = 原因
partnerships-link-from-programme = 事業そのもの
partnerships-link-to = つながった成果
partnerships-link-add = 関係を追加
partnerships-by-partner = パートナーの提案
partnerships-waiting = 確認待ち

## 活動
partnerships-activity-new = 新しい活動
partnerships-activity-edit = 活動を変更
partnerships-activity-kind = 活動の種類
partnerships-activity-title = 名称
partnerships-locality = 地域
partnerships-place = 会場
partnerships-run-by = 実施団体

## 成果
partnerships-outcome-new = 新しい成果
partnerships-outcome-edit = 成果を変更
partnerships-outcome-title = 短い名称
partnerships-what-changed = 何が変わったか（誰が何を変えたか）
partnerships-outcome-kind = 成果の種類
partnerships-side = 成果が生まれた側
partnerships-occurred-on = 起きた日
partnerships-actor = 変化した主体
partnerships-actor-hint = 団体、人物、または説明のいずれか1つ以上。
partnerships-actor-organisation = 団体
partnerships-actor-person = 人物（人物記録の番号）
partnerships-actor-description = 説明
partnerships-agent = 変化を促した主体
partnerships-contribution = 事業がどう寄与したか
partnerships-significance = 意義
partnerships-proposal-status = 提案の状況
partnerships-not-a-proposal = （提案ではない）
partnerships-evidence = 根拠（ウェブアドレス）
partnerships-public-outcome = 公開ストーリーページに表示する
partnerships-recorded-by = 記録者

## 成果の確認
partnerships-unsubstantiated-title = 確認が必要な成果
partnerships-unsubstantiated-lead = まだ誰も確認・反証していない成果です（古い順）。それぞれについて、確認した人、日付、その見解を記録してください。
partnerships-all-programmes = すべての事業
partnerships-show = 表示
partnerships-waiting-count = { $count ->
   *[other] 確認待ちの成果が{ $formatted }件あります。
}
partnerships-substantiated-by = 確認した人
partnerships-substantiated-on = 確認した日
partnerships-verdict = 見解
partnerships-note = 備考
partnerships-substantiate = 確認を記録

## 地域間の連携
partnerships-local-links-title = 地域間の連携
partnerships-local-links-lead = 日本のどの地域が海外のどの地域と結ばれているか、また姉妹都市提携が全国の登録で数えられるかどうか。
partnerships-local-link-new = 新しい地域間連携
partnerships-local-link-edit = 地域間連携を変更
partnerships-link-kind = 連携の種類
partnerships-since = 開始日
partnerships-register-lead = 全国の登録では、両首長が協定に署名し、交流が1分野に限られず、議会の承認を得た場合に姉妹都市として数えます。
partnerships-agreement-on = 協定署名日
partnerships-signatories = 署名者
partnerships-council-approved-on = 議会承認日
partnerships-exchange-fields = 交流分野
partnerships-register = 全国の登録
partnerships-register-counts = 姉妹都市として数えられます
partnerships-register-not-counted = 数えられません：{ $reasons }

## 提供と要望
partnerships-profiles-title = 提供と要望
partnerships-profiles-lead = 各団体・地域が提供できるものと求めるもの。プロフィールが揃って初めてマッチングの対象になります。
partnerships-party = 団体または地域
partnerships-party-organisation = 団体
partnerships-party-locality = 地域
partnerships-offers = 提供
partnerships-needs = 要望
partnerships-completeness = 充足状況
partnerships-matchable = マッチング可能
partnerships-not-matchable = マッチング不可：{ $reasons }
partnerships-offer-need-add = 提供または要望を追加
partnerships-direction = 提供か要望か
partnerships-detail = 本人の言葉で

## パートナーの成果
partnerships-partner-title = 事業の成果
partnerships-partner-lead = 貴団体が参加するパートナーシップ事業と、そこから生まれた成果です。成果を提案でき、事務所の職員が確認します。
partnerships-partner-none = 貴団体が参加するパートナーシップ事業はまだありません。
partnerships-propose = 成果を提案
partnerships-propose-lead = 提案は貴団体のものとして記録され、公開されず、事務所の職員の確認を待ちます。
partnerships-partner-actor = 変化した主体（貴団体以外の場合）
partnerships-propose-send = 提案を送信

## 削除
partnerships-delete-programme = 事業を削除
partnerships-delete-activity = 活動を削除
partnerships-delete-outcome = 成果を削除
partnerships-delete-local-link = 地域間連携を削除
partnerships-delete-blocked = { $list }が属しているため削除できません。先にそれらを削除してください。
partnerships-delete-going-with = 削除すると{ $list }も削除されます。
partnerships-count-activities = { $count ->
   *[other] 活動{ $formatted }件
}
partnerships-count-outcomes = { $count ->
   *[other] 成果{ $formatted }件
}
partnerships-count-roles = { $count ->
   *[other] 団体の役割{ $formatted }件
}
partnerships-count-links = { $count ->
   *[other] 因果関係{ $formatted }件
}

## 書き込みの結果
partnerships-done-programme-saved = 事業を保存しました。
partnerships-done-programme-deleted = 事業を削除しました。
partnerships-done-role-added = 団体を追加しました。
partnerships-done-role-removed = 団体の役割を削除しました。
partnerships-done-activity-saved = 活動を保存しました。
partnerships-done-activity-deleted = 活動を削除しました。
partnerships-done-outcome-saved = 成果を保存しました。
partnerships-done-outcome-deleted = 成果を削除しました。
partnerships-done-link-added = 関係を追加しました。
partnerships-done-link-removed = 関係を削除しました。
partnerships-done-substantiated = 確認を記録しました。
partnerships-done-local-link-saved = 地域間連携を保存しました。
partnerships-done-local-link-deleted = 地域間連携を削除しました。
partnerships-done-offer-need-added = 追加しました。
partnerships-done-offer-need-removed = 削除しました。
partnerships-done-proposed = 提案を送信しました。事務所の職員の確認を待っています。

## 値
partnerships-status-pipeline = 準備中
partnerships-status-implementation = 実施中
partnerships-status-finalisation = 終了手続き中
partnerships-status-closed = 終了
partnerships-status-cancelled = 中止
partnerships-status-suspended = 一時停止
partnerships-role-funding = 資金提供
partnerships-role-accountable = 責任
partnerships-role-extending = 資金管理
partnerships-role-implementing = 実施
partnerships-activity-kind-training = 研修
partnerships-activity-kind-visit-to-japan = 来日訪問
partnerships-activity-kind-visit-abroad = 海外訪問
partnerships-activity-kind-joint-development = 共同開発
partnerships-activity-kind-fair = 見本市
partnerships-activity-kind-seminar = セミナー
partnerships-activity-kind-other = その他
partnerships-outcome-kind-joint-product = 共同製品
partnerships-outcome-kind-certification = 認証
partnerships-outcome-kind-award = 受賞
partnerships-outcome-kind-new-business = 新事業
partnerships-outcome-kind-business-suspended = 事業休止
partnerships-outcome-kind-proposal = 提案
partnerships-outcome-kind-appointment = 任命
partnerships-outcome-kind-agreement = 協定
partnerships-outcome-kind-media-coverage = 報道
partnerships-outcome-kind-tourism-product = 観光商品
partnerships-side-japan = 日本側
partnerships-side-abroad = 海外側
partnerships-side-both = 双方
partnerships-proposal-proposed = 提案済み
partnerships-proposal-under-discussion = 協議中
partnerships-proposal-agreed = 合意
partnerships-proposal-realised = 実現
partnerships-proposal-dropped = 取り下げ
partnerships-verdict-agree = 同意
partnerships-verdict-partly = 一部同意
partnerships-verdict-disagree = 不同意
partnerships-recorded-by-staff = 職員の記録
partnerships-recorded-by-partner = パートナーの提案
partnerships-link-kind-sister-city = 姉妹都市
partnerships-link-kind-friendship = 友好都市
partnerships-link-kind-partnership = パートナーシップ
partnerships-exchange-education = 教育
partnerships-exchange-culture = 文化
partnerships-exchange-sports = スポーツ
partnerships-exchange-economy = 経済
partnerships-exchange-youth = 青少年
partnerships-exchange-administration = 行政
partnerships-exchange-health = 保健
partnerships-exchange-environment = 環境
partnerships-exchange-tourism = 観光
partnerships-exchange-agriculture = 農業
partnerships-exchange-technology = 技術
partnerships-gap-not-sister-city = 姉妹都市提携ではない
partnerships-gap-no-signed-agreement = 両首長が署名した協定の記録がない
partnerships-gap-single-field = 交流が1分野に限られている
partnerships-gap-no-council-approval = 議会承認の記録がない
partnerships-direction-offer = 提供
partnerships-direction-need = 要望
partnerships-profile-gap-no-locality = 地域がなく、日本側か海外側か、国が分からない
partnerships-profile-gap-no-offer = 提供がない
partnerships-profile-gap-no-need = 要望がない

## 規則のメッセージ
partnerships-error-cycle = この関係を追加すると循環ができます：{ $cycle }。成果が他の成果を経て自分自身につながることはできません。
partnerships-error-duplicate-link = この2つはすでに結ばれています。
partnerships-error-self-link = 成果は自分自身につながれません。
partnerships-error-several-causes = 原因を1つ選んでください。
partnerships-error-not-a-partnership = この事業はパートナーシップ事業ではありません。
partnerships-error-not-in-japan = この地域は日本にありません。
partnerships-error-not-abroad = この地域は日本にあります。海外の地域を選んでください。
partnerships-error-not-a-proposal = 提案の状況を持てるのは提案だけです。
partnerships-error-incomplete-substantiation = 確認には、確認した人、日付、見解が必要です。
partnerships-error-before-outcome = 成果が起きた日より前の日付です。
partnerships-error-invalid-url = https:// または http:// で始まるウェブアドレスを入力してください。
partnerships-error-invalid-currency = 大文字3文字の通貨コードを入力してください（例：JPY）。
partnerships-error-negative = 予算は負の値にできません。
partnerships-error-same-locality = 連携は異なる2つの地域を結びます。
partnerships-error-unknown-theme = 一覧からテーマを選んでください。
partnerships-error-several-parties = 提供・要望は団体か地域のどちらか一方に属します。
partnerships-error-not-your-programme = 貴団体はこの事業に参加していません。

## Evidence files of an outcome, and a causal link's note.
partnerships-evidence-files = 根拠ファイル
partnerships-evidence-none = 根拠ファイルはまだありません。
partnerships-evidence-file = ファイルを追加
partnerships-evidence-hint = PDF、PNG・JPEG画像、Excelブック（.xlsx）またはCSVファイル（{ $limit }まで）。
partnerships-evidence-add = ファイルを追加
partnerships-evidence-delete = 削除
partnerships-evidence-kind-pdf = PDFファイル
partnerships-evidence-kind-png = PNG画像
partnerships-evidence-kind-jpeg = JPEG画像
partnerships-evidence-kind-xlsx = Excelブック
partnerships-evidence-kind-csv = CSVファイル
partnerships-done-evidence-added = ファイルを追加しました。
partnerships-done-evidence-deleted = ファイルを削除しました。
partnerships-evidence-refused-empty = 「{ $name }」は空です。追加していません。
partnerships-evidence-refused-type = 「{ $name }」はPDF、PNG、JPEG、ExcelブックまたはCSVファイルではありません（名前だけでなく中身を確認しました）。追加していません。
partnerships-evidence-refused-name = 「{ $name }」の中身は名前が示す種類と異なります。正しい拡張子に変えてから追加してください。
partnerships-evidence-refused-unreadable = 「{ $name }」はブックとして読めません。.xlsxで保存し直してください。
partnerships-evidence-refused-too-large = 「{ $name }」は{ $limit }を超えています。追加していません。
partnerships-evidence-too-large-title = ファイルが大きすぎます
partnerships-evidence-too-large = 根拠ファイルは{ $limit }まで受け付けます。追加していません。
partnerships-link-note = どのようにつながったか
