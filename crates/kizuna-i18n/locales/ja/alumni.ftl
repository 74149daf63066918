# alumni (issue 13): フォローアップ、同窓会、個人の経歴
alumni-due-title = 期限のフォローアップ
alumni-due-lead = 元研修員と元ボランティアには、修了から6か月後と12か月後にフォローアップを行います。未実施のものは期限から1年間ここに表示されます。
alumni-back-console = コンソール
alumni-within = 今後の日数（日）
alumni-show = 表示
alumni-due-count = { $count ->
    [0] 期限のフォローアップはありません。
   *[other] 期限のフォローアップは{ $formatted }件です。
}
alumni-days-overdue = { $count ->
   *[other] { $formatted }日超過
}
alumni-days-left = { $count ->
    [0] 本日が期限
   *[other] あと{ $formatted }日
}
alumni-col-person = 氏名
alumni-col-what = 研修または派遣
alumni-col-milestone = 時期
alumni-col-due = 期限
alumni-col-overdue = 超過
alumni-col-last-contact = 最終連絡
alumni-col-date = 日付
alumni-col-kind = 記録
alumni-col-step = 内容
alumni-col-sessions = 回数
alumni-col-country = 国
alumni-col-name = 名称
alumni-col-founded = 設立
alumni-col-role = 役割
alumni-col-joined = 入会
alumni-record = 記録する
alumni-follow-up-new = フォローアップを記録
alumni-follow-up-saved = フォローアップを保存しました。
alumni-done-on = 実施日
alumni-channel = 連絡方法
alumni-progress = アクションプラン
alumni-evidence-url = 根拠のリンク
alumni-notes = メモ
alumni-none = （なし）
alumni-save = 保存
alumni-lang-en = 英語
alumni-lang-ja = 日本語
alumni-lang-th = タイ語
alumni-lang-ms = マレー語
alumni-milestone-m6 = 6か月後
alumni-milestone-m12 = 12か月後
alumni-milestone-other = その他の連絡
alumni-progress-not-started = 未着手
alumni-progress-in-progress = 実施中
alumni-progress-implemented = 実現済み
alumni-channel-email = 電子メール
alumni-channel-phone = 電話
alumni-channel-video-call = ビデオ通話
alumni-channel-visit = 訪問
alumni-channel-social-media = SNS
alumni-channel-letter = 手紙
alumni-channel-other = その他
alumni-role-chair = 会長
alumni-role-vice-chair = 副会長
alumni-role-secretary = 事務局長
alumni-role-treasurer = 会計
alumni-role-member = 会員
alumni-placement-started = 派遣開始
alumni-placement-ended = 派遣終了
alumni-kind-course = 研修
alumni-kind-activity = 活動
alumni-kind-outcome = 成果
alumni-kind-placement = ボランティア派遣
alumni-kind-follow-up = フォローアップ
alumni-kind-membership = 同窓会
alumni-history-title = 経歴
alumni-history-lead = この人について記録されたすべてを古い順に示します。このページの閲覧は記録されます。
alumni-history-empty = この人についての記録はまだありません。
alumni-attendance = 出欠
alumni-present = 出席
alumni-late = 遅刻
alumni-absent = 欠席
alumni-excused = 公欠
alumni-planned = 予定のフォローアップ
alumni-associations-title = 同窓会
alumni-associations-empty = 同窓会は登録されていません。
alumni-members = 会員
alumni-members-empty = 会員は登録されていません。
alumni-error-before-completion = この日付は研修または派遣の終了より前です。
alumni-error-wrong-due-date = 時期の期限と一致しません。期限は終了の6か月後または12か月後です。
alumni-error-duplicate = この研修または派遣のこの時期はすでに記録されています。
alumni-error-evidence-required = 実現済みのアクションプランには根拠（リンクまたは内容のメモ）が必要です。
alumni-error-in-future = この日付は今日より後です。
alumni-error-not-finished = フォローアップできるのは修了した研修か終了した派遣だけです。
alumni-error-other-person = この研修または派遣は別の人のものです。
alumni-error-invalid-url = https:// または http:// で始まるアドレスを入力してください。
alumni-error-already-member = この人はすでに会員です。
alumni-error-other-country = この同窓会は別の国の元研修員の会です。
alumni-error-not-alumni = 会員になれるのは研修または派遣を終えた人だけです。
