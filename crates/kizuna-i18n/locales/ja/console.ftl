# Staff console (training slice).

## Dashboard
console-dash-title = 管理画面
console-dash-as-of = { $date }現在の数値
console-dash-this-year = 今年度：{ $year }
console-dash-totals = 累計
console-dash-trainees = { $count ->
   *[other] これまでの受入研修員数
}
console-dash-countries = { $count ->
   *[other] 出身国・地域数
}
console-dash-courses = { $count ->
   *[other] 研修コース数
}
console-dash-editions = { $count ->
   *[other] 今年度の研修コース実施数
}
console-dash-since = 受入開始年度
console-dash-work = 業務
console-dash-link-courses = 研修コースと年度別の実施
console-dash-link-trainees = 研修員一覧（絞り込み・ダウンロード）
console-dash-link-import = CSV・XLSXファイルから研修員を取り込む
console-dash-link-statistics = 職員用の研修員統計

## Shared
console-save = 保存する
console-choose = 選択してください
console-none = （なし）
console-form-has-errors = 修正が必要な項目があります。各項目の横に内容を表示しています。
console-back-courses = 研修コース一覧に戻る
console-back-edition = この実施回に戻る
console-back-trainees = 研修員一覧に戻る
console-download = この一覧をダウンロード
console-download-csv = CSV形式
console-download-xlsx = Excel形式（XLSX）
console-download-refused-title = ダウンロードできませんでした
console-download-refused = 絞り込み条件に使えない値があります。研修員一覧で修正してから、もう一度お試しください。

## Column headings
console-col-fiscal-year = 年度
console-col-edition = 実施回
console-col-scope = 区分
console-col-dates = 期間
console-col-trainees = 研修員
console-col-name = 氏名
console-col-native-name = 自国語表記
console-col-nationality = 国籍
console-col-status = 状況
console-col-time = 時間
console-col-kind = 種別
console-col-session = 内容
console-col-place = 場所
console-col-attendance = 出欠
console-col-present = 出席
console-col-role = 役割
console-col-region = 地域
console-col-course = 研修コース
console-col-gender = 性別
console-col-row = 行
console-col-column = 列
console-col-value = 値
console-col-reason = 理由

## Courses
console-courses-title = 研修コース
console-courses-none = 研修コースはまだ登録されていません。
console-course-new = 研修コースを登録する
console-course-created = 研修コース { $key } を保存しました。
console-course-editions-count = { $count ->
    [0] 実施回はまだありません
   *[other] 実施回 { $formatted } 件
}
console-course-editions-caption = { $course }の実施回（新しい順）
console-course-see-trainees = 研修員を見る
console-course-key = キー
console-course-key-hint = 半角英小文字・数字・ハイフンで入力します（例：gmrdp）。取り込みファイルで使います。
console-course-title-en = 英語名
console-course-title-ja = 日本語名
console-course-summary = 概要
console-course-organisation = 実施機関

## Editions
console-edition-new = 実施回を登録する
console-edition-edit = この実施回を変更する
console-edition-saved = 実施回を保存しました。
console-edition-course = 研修コース
console-edition-key = 実施回キー
console-edition-key-hint = コースのキー、スラッシュ、年度の順に入力します（例：gmrdp/fy2007）。
console-edition-fiscal-year = 年度
console-edition-fiscal-year-hint = 年度の始まる年を入力します（例：2007 は2007年4月〜2008年3月）。「平成19年度」のような和暦も使えます。
console-edition-scope = 区分
console-edition-targets = 対象国
console-edition-targets-hint = 国別研修の場合のみ、ISO国コードをカンマ区切りで入力します（例：TH, MY）。
console-edition-title = この実施回の名称
console-edition-title-hint = コース名と同じ場合は空欄にします。
console-edition-starts = 開始日
console-edition-ends = 終了日
console-edition-capacity = 定員
console-edition-dates = 期間
console-edition-participants = 参加者
console-edition-timetable = カリキュラム
console-roster-trainee = { $count ->
   *[other] 研修員（{ $formatted }名）
}
console-roster-instructor = { $count ->
   *[other] 講師（{ $formatted }名）
}
console-roster-coordinator = { $count ->
   *[other] コーディネーター（{ $formatted }名）
}
console-roster-empty = 登録されている人はいません。
console-sessions-count = { $count ->
   *[other] 全{ $formatted }コマ
}
console-timetable-tz = 時刻は日本時間
console-timetable-empty = 予定されている研修はまだありません。

## Attendance
console-attendance-title = 出欠
console-attendance-mark = 出欠を記録する
console-attendance-caption = この研修に出席した人にチェックを付けてください。
console-attendance-save = 出欠を保存する
console-attendance-saved = 出欠を保存しました。
console-attendance-summary = { $count ->
   *[other] 参加者{ $count }名中{ $present }名出席
}
console-attendance-refused-title = 出欠は保存されませんでした
console-attendance-refused = この研修の実施回の参加者だけを記録できます。ページを再読み込みして、もう一度お試しください。

## Trainee list
console-trainees-title = 研修員
console-filters = 絞り込み
console-filter-any = すべて
console-filter-counted = 受入済み（統計の集計対象）
console-filter-apply = 表示する
console-filter-clear = 条件をクリア
console-trainees-total = { $count ->
    [0] 条件に合う研修員はいません。
   *[other] 条件に合う研修員は{ $formatted }名です。
}
console-trainees-none = 条件を変えると研修員が表示されます。
console-pager = ページ
console-pager-prev = 前のページ
console-pager-next = 次のページ
console-pager-showing = { $count ->
    [0] 表示する行はありません
   *[other] 全{ $formatted }件中 { $from }〜{ $to }件目
}

## Person
console-person-kana = カタカナ表記
console-person-organisation = 所属機関
console-person-position = 役職
console-person-birth-date = 生年月日
console-person-email = メールアドレス
console-person-roles = これまでの役割
console-person-roles-count = { $count ->
    [0] 記録されている役割はありません。
   *[other] 記録されている役割は{ $formatted }件です。
}

## Import
console-import-title = 研修員の取り込み
console-import-upload-title = ファイルを確認する
console-import-explain = テンプレートと同じ列のCSVまたはXLSXファイルを選んでください。まず内容を確認するだけで、何も書き込みません。受け付けられない値をすべて表示するか、追加される研修員を表示します。
console-import-templates = 空のテンプレート
console-import-file = 研修員ファイル（CSVまたはXLSX）
console-import-file-hint = 表計算ソフトでは「CSV UTF-8」またはExcelブック形式で保存してください。1行目は列名です。
console-import-check = ファイルを確認する
console-import-no-file = 確認するファイルを選んでください。
console-import-bad-file = ファイルを読み取れませんでした。テンプレートの見出し行を付けて、CSV UTF-8またはExcelブック形式で保存し直してから、もう一度お試しください。
console-import-encoding = このファイルは文字コード { $found } で保存されており、読み取れません（読み取れるのは UTF-8、Shift_JIS、EUC-JP、Windows のタイ語の文字コードです）。「CSV UTF-8」形式で保存し直してから、もう一度お試しください。
console-import-too-large = ファイルが大きすぎるため取り込めません。ファイルは{ $limit }まで、Excelブックは展開後{ $unpacked }まで、シートまたはCSVファイルのセルは{ $cells }個まで（A1から最後に使われているセルまで）です。小さなファイルに分けて、一つずつ取り込んでください。
console-import-unreadable-title = 送信内容を読み取れませんでした
console-import-unreadable = フォームが途中までしか届きませんでした。前の画面に戻り、もう一度ファイルを選んでください。
console-import-rejected-title = 受け付けられない値
console-import-rejected-summary = { $count ->
   *[other] 受け付けられない値が{ $formatted }件あります。何も書き込んでいません。ファイルを修正して、もう一度確認してください。
}
console-import-preview-title = 追加される研修員
console-import-preview-summary = { $count ->
   *[other] ファイルに問題はありません。研修員{ $formatted }名が追加されます。まだ何も書き込んでいません。
}
console-import-confirm-explain = 取り込みでは全行を一度に書き込みます。その間にデータが変わった場合は1行も書き込みません。
console-import-confirm = この研修員を取り込む
console-import-cancel = 取りやめる
console-import-done = { $count ->
   *[other] 研修員{ $formatted }名を取り込みました。
}

## Values
console-role-trainee = 研修員
console-role-instructor = 講師
console-role-coordinator = コーディネーター
console-status-nominated = 推薦
console-status-accepted = 受入決定
console-status-arrived = 来日
console-status-completed = 修了
console-status-withdrawn = 辞退
console-scope-general = 一般研修（多国籍）
console-scope-country-specific = 国別研修
console-kind-lecture = 講義
console-kind-inspection-tour = 視察
console-kind-presentation-meeting = 発表会
console-kind-courtesy-call = 表敬訪問
console-kind-ceremony = 式典
console-gender-female = 女性
console-gender-male = 男性
console-gender-other = その他
console-gender-unspecified = 無回答
console-region-africa = アフリカ
console-region-asia = アジア
console-region-middle-east = 中東
console-region-europe = ヨーロッパ
console-region-north-america = 北米
console-region-latin-america = 中南米・カリブ
console-region-oceania = オセアニア

## Why a value was refused (by rule)
console-error-invalid = この値は受け付けられません。
console-error-required = 入力してください。
console-error-too-long = 長すぎます。500文字以内にしてください。
console-error-control-character = 見えない制御文字が含まれています。入力し直してください。
console-error-invalid-key = 半角英小文字・数字と「-」「_」「.」「/」だけを使ってください（例：gmrdp/fy2007）。
console-error-unknown-country = 「{ $value }」はISO国コードではありません。THやMYのように2文字で入力してください。
console-error-unknown-value = 「{ $value }」は使える値ではありません。
console-error-invalid-date = 「{ $value }」は日付ではありません。2007-10-01のように年-月-日で入力してください。
console-error-invalid-email = 「{ $value }」はメールアドレスではありません。
console-error-in-future = 未来の日付です。
console-error-out-of-range = 範囲外の数値です。
console-error-before-start = 終わりが始まりより前になっています。
console-error-outside-fiscal-year = 開始日は年度内（4月1日〜翌年3月31日）にしてください。
console-error-not-allowed = ここは空欄にしてください。一般研修はすべての国が対象です。
console-error-duplicate = すでに使われているか、重複しています。別の値にしてください。
console-error-not-found = 存在しない記録を指しています。
console-error-not-a-course = この事業は研修コースではありません。
console-error-country-not-targeted = この研修員の国籍は、実施回の対象国に含まれていません。
console-error-duplicate-in-file = 同じ人がファイルの前の行にもあります。
console-error-person-exists = この人（氏名・国籍・生年月日が同じ）はすでに登録されています。
console-error-unknown-organisation = キー「{ $value }」の機関はありません。
console-error-unknown-edition = キー「{ $value }」の実施回はありません。
console-error-unknown-column = テンプレートにない列です。
console-error-missing-column = 必須の列がありません。
console-error-duplicate-column = 同じ列が2回あります。
console-error-formula = このセルは値ではなく数式（{ $value }）です。値そのものを入力してください。
console-error-number-in-text = 文字列を入れる列のセルが数値（{ $value }）になっています。先頭の 0 や長い桁が失われている可能性があります。列の書式を「文字列」にして、値を入力し直してください。
console-error-not-a-number = 整数で入力してください。
console-error-invalid-fiscal-year = 2007や平成19年度のように年度を入力してください。
console-error-in-use-or-missing-reference = 存在しない記録を指しているか、ほかの記録から使われています。
console-course-title = 名称
console-error-stale = 編集中に他の人がこの記録を変更しました。保存されているのはその人の版です。内容を確認し、置き換える場合はもう一度保存してください。
