# ムスリムフレンドリーマップの職員用ページ：施設、確認リスト、取り込み。

## Navigation
places-nav = 施設
places-dash-link = ムスリムフレンドリーマップの施設：追加・変更・確認・点検・取り込み

## List
places-list-title = マップの施設
places-new = 施設を追加
places-review-link = 点検が必要な認証と施設
places-import-link = ファイルから施設を取り込む
places-filters = 絞り込み
places-search = 名前
places-search-hint = いずれかの言語の名前、チェーン名、店舗名の一部。
places-filter-any = すべて
places-filter-stale = 12か月以上確認されていない施設のみ
places-filter-apply = 表示
places-filter-clear = 絞り込みを解除
places-count-all = マップ上の施設
places-count-stale = 12か月以上確認されていない施設
places-count-expiring = 30日以内に期限が切れる認証
places-count-expired = 期限切れの認証
places-list-total = { $count ->
    [0] 条件に合う施設はありません。
   *[other] 条件に合う施設は{ $formatted }件です。
}
places-pager = ページ
places-pager-prev = 前のページ
places-pager-next = 次のページ
places-pager-showing = { $count ->
    [0] 表示するものはありません
   *[other] { $formatted }件中 { $from }～{ $to }件目
}
places-col-name = 名前
places-col-category = 種類
places-col-assurance = ハラールの保証
places-col-locality = 地域
places-col-verified = 最終確認日
places-col-certificate = 認証
places-col-certifier = 認証機関
places-col-valid-until = 有効期限
places-col-days = 日数
places-col-actions = 操作
places-never-verified = 未確認
places-stale = 要確認
places-cert-until = { $date }まで

## Values
places-category-restaurant = レストラン
places-category-cafe = カフェ
places-category-grocery = 食料品店
places-category-halal-shop = ハラール食品店
places-category-hotel = ホテル
places-category-mosque = モスク
places-category-prayer-room = 礼拝室
places-category-other = その他
places-assurance-certified = ハラール認証
places-assurance-self-declared = ムスリムフレンドリー（自己申告）
places-assurance-pork-free = ポークフリー
places-assurance-vegetarian-options = ベジタリアン対応
places-assurance-unknown = 不明
places-certificate-valid = 有効
places-certificate-expiring = まもなく期限切れ
places-certificate-expired = 期限切れ
places-certificate-not-yet-valid = 有効期間前
places-source-staff = 職員が入力
places-source-import = 取り込みファイル
places-source-openstreetmap = OpenStreetMapのデータ
places-source-demo = デモデータ

## Form
places-new-title = 施設を追加
places-edit-title = { $name }を変更
places-back-list = 施設の一覧に戻る
places-saved = 施設を保存しました。
places-form-has-errors = 直す必要のある値があります。それぞれの問題は項目の横にも表示しています：
places-save = 保存
places-choose = 選択してください…
places-locality-none = （地域なし）
places-names = 名前
places-names-hint = 次のいずれかの言語で少なくとも一つ。それぞれの文字で書いてください。
places-field-name-ja = 日本語の名前
places-field-name-en = 英語の名前
places-field-name-th = タイ語の名前
places-field-name-ms = マレー語の名前
places-field-name-ar = アラビア語の名前
places-field-name-id = インドネシア語の名前
places-about = 施設について
places-field-category = 種類
places-field-chain = チェーン
places-field-chain-hint = チェーンの店舗の場合はチェーン名。店舗ごとに別の施設として登録します。
places-field-branch = 店舗名
places-field-branch-hint = チェーンのどの店舗か。看板の表記どおりに書きます（日本語は「大通店」のように「店」まで、タイ語は「สาขา」から）。
places-field-chain-en = 英語のチェーン名
places-field-chain-ja = 日本語のチェーン名
places-field-chain-th = タイ語のチェーン名
places-field-chain-ms = マレー語のチェーン名
places-field-branch-en = 英語の店舗名
places-field-branch-ja = 日本語の店舗名
places-field-branch-th = タイ語の店舗名
places-field-branch-ms = マレー語の店舗名
places-field-address = 住所
places-field-phone = 電話番号
places-field-website = ウェブサイト
places-field-website-hint = https:// または http:// で始まるもの。
places-field-locality-id = 地域
places-position = 位置
places-position-hint = 地図アプリが表示する WGS 84 の10進数の度。例：緯度 43.0621、経度 141.3544。
places-field-lat = 緯度
places-field-lon = 経度
places-halal = ハラールの保証
places-field-assurance = 保証の段階
places-field-assurance-hint = 「ハラール認証」は認証書の記録がある場合だけ。その他の段階には認証書はありません。
places-certificate = 認証書（認証を受けた施設のみ）
places-field-certifier = 認証機関
places-field-certificate-number = 認証番号
places-field-certificate-valid-from = 有効期間の開始日
places-field-certificate-valid-until = 有効期限
places-field-alcohol-served = アルコールの提供
places-alcohol-unknown = 不明
places-alcohol-yes = あり
places-alcohol-no = なし
places-prayer = 礼拝設備
places-field-prayer-space = 礼拝スペース
places-field-wudu = ウドゥ（清め）の場所
places-field-women-space = 女性用の別スペース
places-field-qibla-marked = キブラ（礼拝の方角）の表示
places-field-prayer-mats = 礼拝用マットの用意
places-field-opening-hours = 営業時間
places-field-opening-hours-hint = OpenStreetMap の opening_hours の書き方で。例：「Mo-Sa 11:00-21:00; Su off」「24/7」。PH は祝日です。わからない場合は空欄のままにしてください。
places-opening-hours-help = 営業時間の書き方（OpenStreetMap ウィキ、英語）
places-record = 出典と確認
places-field-source = 出典
places-field-source-id = 出典での ID
places-field-source-id-hint = OpenStreetMap の場合：node/123、way/45、relation/6。職員が入力した施設では空欄のままにしてください。
places-source-readonly = 出典：{ $source }、ID { $id }。ここでは変更できません。同じ出典を再度取り込むとこの施設が更新されます。
places-field-attribution = 帰属表示
places-field-attribution-hint = データに必要なライセンス表示。OpenStreetMap のデータには常に「© OpenStreetMap contributors, ODbL」が付きます。
places-field-last-verified = 最終確認日
places-field-last-verified-hint = この施設を最後に確認した日。12か月確認されていない施設には「要確認」の印が付きます。

## Standing, verify, delete
places-status = 現在の状態
places-verified-on = 最終確認日：{ $date }
places-never-verified-note = この施設はまだ誰も確認していません。確認してから「確認済み」にしてください。
places-stale-note = 12か月確認されていません。確認してから「確認済み」にしてください。
places-certificate-standing = 認証番号 { $number }（{ $certifier }）、{ $date }まで有効。
places-verify = 今日確認済みにする
places-verified-notice = 施設を今日確認済みにしました。
places-verify-refused-title = 確認済みにできませんでした
places-verify-refused = 規則に合わない値があります。フォームを開いて値を直し、保存してください。
places-delete = この施設を削除
places-delete-title = { $name }を削除しますか？
places-delete-explain = 施設はマップとこれらの一覧から消えます。元に戻せません。取り込みファイルから来た施設は、そのファイルを再度取り込むと戻ります。
places-delete-confirm = 施設を削除する
places-delete-cancel = 削除しない
places-deleted = 施設を削除しました。

## Review
places-review-title = 点検が必要な施設
places-review-lead = { $date }現在：30日以内に期限が切れる認証、期限切れの認証、12か月誰も確認していない施設。
places-review-expiring = 30日以内に期限が切れる認証
places-review-expired = 期限切れの認証
places-review-stale = 12か月確認されていない施設
places-review-none = 点検するものはありません。
places-review-count = { $count ->
    [0] なし
   *[other] { $formatted }件
}
places-days-left = { $count ->
    [0] 今日まで
   *[other] 残り{ $formatted }日
}
places-days-ago = { $count ->
   *[other] { $formatted }日前に期限切れ
}
places-edit = 変更

## Import
places-import-title = 施設の取り込み
places-import-upload-title = ファイルを確認
places-import-explain = GeoJSON、CSV、OpenStreetMap XML（.osm）、OpenStreetMap PBF（.osm.pbf）のファイルを選んでください。まず確認だけを行い、何も書き込みません。受け付けられない記録がすべて表示されるか、追加・更新される施設の数が表示されます。
places-import-file = 施設のファイル
places-import-file-hint = 20MBまで。同じ出典・同じIDで登録済みの施設は更新され、二重に追加されることはありません。
places-import-format = 形式
places-import-format-auto = ファイル名から判断
places-import-check = ファイルを確認
places-import-no-file = 確認するファイルを選んでください。
places-import-unknown-format = ファイル名から形式がわかりません。形式を選んでから、もう一度確認してください。
places-import-bad-file = ファイルを{ $format }として読めませんでした。ファイルと形式が正しいか確かめて、もう一度お試しください。
places-import-too-large = ファイルが大きすぎるため取り込めません。ファイルは{ $limit }までです。小さなファイルに分けて、一つずつ取り込んでください。
places-import-detail = 技術的な詳細
places-import-unreadable-title = アップロードを読み取れませんでした
places-import-unreadable = フォームが途中までしか届きませんでした。戻ってもう一度ファイルを選んでください。
places-import-rejected-title = 受け付けられない記録
places-import-rejected-summary = 受け付けられない値が{ $formatted }件あります。何も書き込んでいません。ファイルを直して、もう一度確認してください。
places-col-row = 行・記録
places-col-record-id = ID
places-col-column = 項目
places-col-value = 値
places-col-reason = 理由
places-import-preview-title = 取り込むとどうなるか
places-import-clean = ファイルに問題はありません：{ $formatted }件の記録を読みました。まだ何も書き込んでいません。
places-import-would-add = { $count ->
    [0] 新しく追加される施設はありません。
   *[other] 新しい施設が{ $formatted }件追加されます。
}
places-import-would-update = { $count ->
    [0] 登録済みの施設は変わりません。
   *[other] 登録済みの施設が{ $formatted }件更新されます。
}
places-import-skipped = { $count ->
   *[other] ファイル内のOpenStreetMapオブジェクトのうち{ $formatted }件は、ハラール・食事・礼拝のタグがなく地図の施設ではないため、取り込みません。
}
places-import-confirm-explain = 取り込みはすべての記録を一度に書き込みます。その間に何かが変わった場合は何も書き込みません。
places-import-confirm = これらの施設を取り込む
places-import-cancel = やめる
places-import-done = 取り込みが終わりました。
places-import-added = { $count ->
    [0] 新しく追加された施設はありません。
   *[other] 施設を{ $formatted }件追加しました。
}
places-import-updated = { $count ->
    [0] 変更された登録済みの施設はありません。
   *[other] 登録済みの施設を{ $formatted }件更新しました。
}

## Why a value was refused (by field and rule, or by rule)
places-error-invalid = この値は受け付けられません。
places-error-required = 入力してください。
places-error-name-en-required = 少なくとも一つの言語で施設の名前を入力してください。
places-error-source-id-required = 出典での施設の ID を入力してください。同じ出典を再度取り込んだときに、二重に追加せず更新するためです。
places-error-too-long = 長すぎます。500文字までです。
places-error-opening-hours-too-long = 長すぎます。255文字までです。
places-error-control-character = 目に見えない制御文字が含まれています。入力し直してください。
places-error-unknown-value = 「{ $value }」は選べる値ではありません。
places-error-invalid-phone = 「{ $value }」は電話番号ではありません。数字、空白、+ - ( ) だけを使ってください。
places-error-invalid-url = 「{ $value }」は https:// または http:// で始まるウェブアドレスではありません。
places-error-invalid-id = 「{ $value }」は記録の番号ではありません。
places-error-out-of-range = 「{ $value }」は範囲外です。
places-error-lat-out-of-range = 「{ $value }」は緯度ではありません。-90から90までの度で書いてください。
places-error-lon-out-of-range = 「{ $value }」は経度ではありません。-180から180までの度で書いてください。
places-error-not-a-number = 「{ $value }」は数値ではありません。
places-error-lat-not-a-number = 「{ $value }」は緯度ではありません。43.0621 のような10進数の度で書いてください。
places-error-lon-not-a-number = 「{ $value }」は経度ではありません。141.3544 のような10進数の度で書いてください。
places-error-not-certified = 認証書があるのは認証を受けた施設だけです。空欄にするか、「ハラール認証」を選んでください。
places-error-invalid-date = 「{ $value }」は日付ではありません。2026-11-23 のように YYYY-MM-DD で書いてください。
places-error-before-start = 認証の有効期限が開始日より前になっています。
places-error-invalid-source-id = 「{ $value }」は ID として使えません。空白を含まない200文字までにしてください。
places-error-invalid-osm-id = 「{ $value }」は node/123、way/45、relation/6 のような OpenStreetMap の ID ではありません。
places-error-attribution-required = OpenStreetMap のデータには帰属表示「© OpenStreetMap contributors, ODbL」が必要です。
places-error-invalid-opening-hours = 「{ $value }」は OpenStreetMap の opening_hours の書き方になっていません。例：Mo-Sa 11:00-21:00; Su off
places-error-not-found = 存在しない記録を指しています。
places-error-locality-not-found = キー「{ $value }」の地域はありません。
places-error-conflicting = 地域のキーと記録番号が別々の地域を指しています。
places-error-duplicate = 同じ出典と ID を持つ施設がすでにあるか、ファイルの前の記録にあります。
places-error-in-use = 他の記録から参照されているため、この施設は削除できません。
places-error-not-a-feature = 各記録は GeoJSON の Feature である必要があります。
places-error-not-a-point = 施設は Point（WGS 84 の経度と緯度）である必要があります。
places-error-invalid-geometry = 点の座標は経度、緯度の順の二つの数値である必要があります。
places-error-invalid-properties = properties は名前と値の組のオブジェクトである必要があります。
places-error-not-text = 文字列である必要があります。
places-error-not-a-boolean = true または false で書いてください。
places-error-unknown-property = 施設にこの項目はありません。
places-error-name-required = この記録にはどの言語の名前もありません。
places-error-duplicate-column = この列が見出し行に二回あります。
places-error-unknown-column = 施設にこの名前の項目はありません。見出し行を直してください。
places-error-unnamed-column = この列には見出しの名前がありませんが、この行には値があります。
places-error-extra-cell = この行には見出し行の最後の列より後に値があります。
places-error-no-position = ノードやメンバーがファイルに一つも含まれていないため、位置がわかりません。ウェイが欠けないように範囲を切り出してください。
places-error-category-unknown-value = 「{ $value }」は種類ではありません。restaurant、cafe、grocery、halal_shop、hotel、mosque、prayer_room、other のいずれかを書いてください。
places-error-assurance-unknown-value = 「{ $value }」は保証の段階ではありません。certified、self_declared、pork_free、vegetarian_options、unknown のいずれかを書いてください。
places-description = 訪問者向けの説明
places-description-hint = 訪問者が知っておくべきことを一、二文で。どの言語でも構いません。
places-field-description-en = 英語の説明
places-field-description-ja = 日本語の説明
places-field-description-th = タイ語の説明
places-field-description-ms = マレー語の説明

# OpenStreetMap の取り込み: 除外したオブジェクトと変更した値
places-import-left-out = { $count ->
   *[other] 地図の施設ですが取り込めないオブジェクトが{ $formatted }件あり、除外しました。理由は下の表のとおりです。
}
places-import-left-out-title = 除外したオブジェクト
places-import-warnings-title = 取り込むために変更した値
places-import-warnings = { $count ->
   *[other] 施設を取り込むために{ $formatted }件の値を変更または省略しました。
}
places-import-done-left-out = { $count ->
   *[other] { $formatted }件のオブジェクトを除外しました。
}
places-error-no-name = 名前がなく、名前の代わりになるブランド・運営者・通りもありません。
places-error-name-from-brand = 名前がないため、ブランドから「{ $value }」と名付けました。
places-error-name-from-operator = 名前がないため、運営者から「{ $value }」と名付けました。
places-error-name-from-street = 名前がないため、種類と通りから「{ $value }」と名付けました。
places-error-website-https-added = ウェブサイト「{ $value }」に https:// がなかったため、付け加えました。
places-error-website-dropped = 「{ $value }」はウェブアドレスではないため、これを除いて取り込みます。
places-error-phone-dropped = 「{ $value }」は電話番号ではないため、これを除いて取り込みます。
places-error-opening-hours-unknown = 営業時間「{ $value }」を読み取れません。書かれたとおりに保存し、営業中かどうかは「不明」と表示します。

# A place import followed on its own page while it runs.
places-import-checking-title = { $file } を確認しています
places-import-importing-title = { $file } を取り込んでいます
places-import-progress-label = 取り込みの進み具合
places-import-phase-waiting = ほかの取り込みが終わるのを待っています。
places-import-phase-reading = ファイルを読み込み、各レコードを確認しています。
places-import-phase-reading-writing = ファイルを読み込み、各レコードを確認して書き込んでいます。ファイル全体に問題がない場合にだけ保存されます。
places-import-phase-reading-again = ファイルをもう一度読み込んでいます（{ $pass } 回目）。
places-import-phase-checking = ファイルを読み終えました。新しく追加される施設を数えています。
places-import-phase-writing = ファイルを読み終えました。すべての施設をまとめて保存しています。
places-import-phase-finished = 完了しました。
places-import-numbers = { $total } のうち { $read } を読み込み、ここまで { $formatted } 件のレコードを読みました。
places-import-runs-here = このページを離れても取り込みは続きます。結果は 1 時間以内にこのアドレスで確認できます。取り込みはファイルを受け取ったサーバーでのみ確認できます。
places-import-refresh = 再読み込みして進み具合を見る
places-import-job-gone-title = 取り込みが見つかりません
places-import-job-gone = この取り込みはここでは確認できません。終わった取り込みは 1 時間だけ、始めた本人に、ファイルを受け取ったサーバーでのみ保管されます。取り込みページでもう一度ファイルを選んでください。
places-import-busy = このサーバーでは実行中または待機中の取り込みが多すぎます。数分後にもう一度お試しください。
places-import-expired = 確認したファイルはもう保管されていません（確認結果の保管は 1 時間です）。ファイルを選んで、もう一度確認してください。
