# people: creating, editing, finding, merging and deleting people in the console

## The people list and the name search
people-title = 人物
people-new = 人物を登録
people-to-trainees = 研修員一覧
people-to-people = 登録されているすべての人物（役割を問わず）と氏名検索
people-search = 人物を探す
people-search-name = 氏名
people-search-hint = 氏名のどの表記の一部でも探せます。ローマ字（アクセント記号は省略可）、本人の文字、かな（ひらがな・カタカナどちらでも）。
people-search-go = 検索
people-total = { $count ->
    [0] 該当する人物はいません。
   *[other] 該当する人物は{ $formatted }人です。
}
people-none = まだ人物が登録されていません。
people-none-found = その名前の人物は見つかりませんでした。名前の一部や別の表記でお試しください。
people-col-other-names = 本人の文字・カナ
people-col-birth-year = 生年
people-col-courses = 研修コース
people-col-action = 操作
people-more-courses = ほか{ $formatted }件
people-download-without-search = ダウンロードには氏名検索は反映されず、絞り込み条件に合う一覧全体が含まれます。ダウンロードするには氏名を消してください。
people-deleted = 人物を削除しました。

## The person page
people-back-list = 人物一覧に戻る
people-back-person = 人物のページに戻る
people-action-edit = 編集
people-action-merge = 重複する記録をこの人物に統合
people-action-delete = 削除
people-created = 人物を登録しました。
people-saved = 変更を保存しました。
people-merged = 人物 { $other } をこの人物に統合し、削除しました。統合は監査ログに記録されています。

## The form
people-edit = 人物を編集
people-family-name = 姓（ローマ字）
people-family-name-hint = パスポートの表記どおりに。名前が一つだけの人はその名前を。
people-given-name = 名（ローマ字）
people-native-hint = 本人の文字での表記（タイ文字、漢字など）。
people-kana-hint = 日本の書類で使うカタカナの読み。
people-personal-hint = 個人情報です。職員にだけ表示されます。
people-error-same-identity = ローマ字の氏名、国籍、生年月日が同じ人物がすでに登録されています。別人であれば、区別できるよう生年月日を入力してください。同じ人物であれば、既存の記録を使ってください。
people-duplicates-title = すでに登録されている人物ではありませんか？
people-duplicates-body = 次の人物は、氏名（いずれかの表記）と国籍が同じです。まだ何も保存していません。開いて確認し、同じ人物であればその記録を使ってください。
people-different-person = 別の人物なので、このまま登録する。

## Merging
people-merge-title = 重複する記録をこの人物に統合
people-merge-lead = { $name } のもう一つの記録を選んでください。その研修参加、セッション、出欠はこちらに移り、こちらの空欄はその記録の値で埋められ、その記録は削除されます。
people-merge-likely = 重複の可能性がある記録（氏名と国籍が同じ）
people-merge-find = もう一つの記録を探す
people-merge-choose = 選ぶ
people-merge-choose-another = 別の記録を選ぶ
people-merge-confirm-title = { $other } をこの人物に統合しますか？
people-merge-fields-caption = 二つの記録の各項目と、統合後のこの人物の値。
people-merge-col-field = 項目
people-merge-col-kept = この人物（残す）
people-merge-col-other = もう一つの記録（削除）
people-merge-col-after = 統合後
people-merge-filled = もう一つの記録から補完
people-merge-differs = もう一つの記録の値は使われません
people-merge-moves = この人物に移るもの
people-merge-both-instruct = 両方が講師として登録されているセッションが{ $formatted }件あります。そこではこの人物が一度だけ登録されます。
people-merge-attendance = { $count ->
    [0] 出欠の記録はありません。
   *[other] 出欠の記録が{ $formatted }件あります。
}
people-merge-accounts-follow = これらのアカウントはメールアドレスで結び付いており、この人物がそのアドレスを引き継ぎます。
people-merge-accounts-stay = これらのアカウントは、この人物が引き継がないメールアドレスで結び付いています（この人物は自分のアドレスを保ちます）。統合後はどの人物とも結び付かなくなります。
people-merge-refused = 二つの記録が同じ研修コース実施回に参加しているため、このままでは統合できません。実施回を開いて削除する側の記録の参加を取り除いてから統合してください。
people-merge-explain = { $other } を削除し、上記のすべてをこの人物に一度に移します。統合は両方のIDとともに監査ログに記録されます。
people-merge-do = 統合してもう一つの記録を削除
people-merge-stale = このページを表示した後に二つの記録のどちらかが変更されたため、統合しませんでした。現在の内容を確認してから、もう一度統合してください。
people-other-records = その他の記録

## Deleting
people-delete-title = 人物を削除
people-delete-heading = { $name } を削除しますか？
people-delete-explain = この人物の記録は完全に削除されます。この人物を参照している記録はほかにありません。
people-delete-do = 人物を削除
people-delete-cancel = 削除しない
people-delete-refused = 次の記録がこの人物を参照しているため、削除できません。先にそれらを取り除くか、この人物を別の記録に統合してください。
people-delete-instead = 重複した記録であれば：
people-delete-participations = { $count ->
    [0] 研修コース実施回への参加はありません。
   *[other] 研修コース実施回への参加 { $formatted }件
}
people-delete-sessions = { $count ->
    [0] 講師として登録されているセッションはありません。
   *[other] 講師を務めるセッション { $formatted }件
}
people-delete-accounts = { $count ->
    [0] このメールアドレスのアカウントはありません。
   *[other] このメールアドレスのアカウント { $formatted }件
}
people-account-role-admin = 管理者
people-account-role-staff = 職員
people-account-role-partner = パートナー
nav-people = 人物
