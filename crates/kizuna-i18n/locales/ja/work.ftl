# work: an edition's participations, sessions and awards made and changed in the console

## Shared
work-change = 変更
work-col-change = 変更
work-list-and = { $first }と{ $last }
work-dash-link-awards = 事務所と関係団体の受賞

## Participants: finding a person and adding them
work-find-label = 追加する人を探す（氏名の一部。どの文字でも、カナでも可）
work-find-hint = ローマ字の姓または名、本人の文字による氏名、カタカナまたはひらがなの読み。
work-find-submit = 探す
work-person-new = 新しい人を登録
work-person-missing = まだ登録されていない人は、先に登録してから上で探してください。
work-participant-new = 参加者を追加する
work-find-found = { $count ->
    [0] 該当する人はいません。つづりを確かめるか、新しい人として登録してください。
   *[other] { $formatted }名が見つかりました。
}
work-col-born = 生年
work-col-courses = 参加コース
work-col-add = この実施回に追加
work-find-here = この実施回に登録済み：{ $roles }
work-find-role-of = { $name }の役割
work-find-nominated-of = { $name }の推薦日
work-find-more = ほか{ $count }件
work-find-add = 追加する

## Participants: the steps from nomination to completion
work-col-next-step = 次の段階（表示の日付で記録）
work-step-date-of = { $name }の次の段階の日付
work-step-accepted = 受入決定
work-step-arrived = 来日
work-step-completed = 修了
work-step-withdrawn = 辞退
work-step-refused = その段階は記録されませんでした。理由をその人の行に表示しています。
work-participation-edit = 参加記録を変更する
work-participation-delete = この実施回から外す
work-participation-status-hint = 次の段階に進めるときは、実施回のページのボタンで日付とともに記録できます。ここで状況を変える場合は、そこに至るまでの各段階の日付が必要です。
work-participation-nominated-on = 推薦日
work-participation-accepted-on = 受入決定日
work-participation-arrived-on = 来日日
work-participation-completed-on = 修了日
work-participation-withdrawn-on = 辞退日
work-participation-started-on = 参加初日
work-participation-ended-on = 参加最終日
work-participation-plan = アクションプランの題名
work-participation-plan-hint = 研修員のみ：研修員が作成し、発表会で発表する計画。

## Sessions
work-session-new = 日程を追加する
work-session-edit = 日程を変更する
work-session-delete = この日程を削除する
work-session-title = 題目
work-session-starts = 開始
work-session-ends = 終了
work-session-host = 受入機関
work-session-instructors = 講師
work-session-no-teachers = この実施回には講師もコーディネーターもまだ登録されていません。先に参加者として追加するか、下の一覧から選んでください。
work-session-other-instructors = その他の講師（他の実施回で講師・コーディネーターを務めた人）
work-session-other-instructors-hint = 複数選ぶときは Ctrl キー（Mac では ⌘ キー）を押しながら選んでください。

## Attendance
work-attendance-caption = 一人ずつ出欠を選んでください。備考は任意です。
work-attendance-present = 出席
work-attendance-absent = 欠席
work-attendance-late = 遅刻
work-attendance-excused = 公欠
work-col-note = 備考
work-attendance-note-for = { $name }についての備考
work-attendance-save-rest = 保存し、未記録の人は全員出席とする
work-attendance-summary = 参加者{ $count }名中、出席{ $present }名、遅刻{ $late }名、欠席{ $absent }名、公欠{ $excused }名、未記録{ $unmarked }名。

## Awards
work-awards-title = 受賞
work-awards-lead = 事務所や関係団体が受けた賞（新しい順）。
work-awards-none = 受賞はまだ記録されていません。
work-award-new = 受賞を登録する
work-award-edit = 受賞を変更する
work-award-delete = この受賞を削除する
work-award-title = 賞の名称
work-award-recipient = 受賞者
work-award-by = 授与者
work-award-received = 受賞日
work-award-citation = 受賞の理由
work-back-awards = 受賞一覧に戻る

## Courses and editions
work-course-edit = このコースを変更する
work-course-delete = このコースを削除する
work-edition-delete = この実施回を削除する

## Deleting
work-delete-course = この研修コースを削除しますか？
work-delete-edition = この実施回を削除しますか？
work-delete-session = この日程を削除しますか？
work-delete-participation = この人をこの実施回から外しますか？
work-delete-award = この受賞を削除しますか？
work-delete-explain = 削除すると元に戻せません。
work-delete-confirm = 削除する
work-delete-cancel = 削除しない
work-delete-back = 戻る
work-delete-blocked = 削除できません。まだ{ $list }があります。先にそれらを削除してください。何も削除していません。
work-delete-going-with = あわせて削除されるもの：{ $list }。
work-delete-stale = このページを開いた後に、ほかの人がこの記録を変更しました。内容を確かめてから削除してください。
work-delete-refused = この記録を参照する記録ができたため、何も削除しませんでした。
work-count-editions = { $count ->
   *[other] 実施回{ $formatted }件
}
work-count-participations = { $count ->
   *[other] 参加記録{ $formatted }件
}
work-count-sessions = { $count ->
   *[other] 日程{ $formatted }件
}
work-count-attendance = { $count ->
   *[other] 出欠記録{ $formatted }件
}

## What a finished change says
work-done-participant-added = この実施回に推薦として追加しました。次の段階はその人の行のボタンで記録できます。
work-done-moved = 段階を日付とともに記録しました。
work-done-participation-saved = 参加記録を保存しました。
work-done-participation-deleted = この実施回から外しました。
work-done-session-saved = 日程を保存しました。
work-done-session-deleted = 日程を削除しました。
work-done-course-saved = 研修コースを保存しました。
work-done-course-deleted = 研修コースを削除しました。
work-done-edition-deleted = 実施回を削除しました。
work-done-award-saved = 受賞を保存しました。
work-done-award-deleted = 受賞を削除しました。

## Why a value was refused (by rule)
console-error-already-in-status = この参加記録はすでにこの段階です。
console-error-already-completed = この参加記録は修了済みで、次の段階はありません。
console-error-already-withdrawn = この参加記録は辞退済みで、次の段階はありません。
console-error-needs-arrival = 修了の前に来日の記録が必要です。来日を記録してから修了を記録してください。
console-error-needs-acceptance = 来日の前に受入決定の記録が必要です。受入決定を記録してから来日を記録してください。
console-error-cannot-go-back = 参加記録は前の段階には戻せません。誤りを直すときは「変更」から状況と日付を修正してください。
console-error-before-previous-step = この日付は前の段階の日付より前です。
console-error-date-beyond-status = 選んだ状況はこの段階に達していません。この日付を消すか、別の状況を選んでください。
console-error-step-date-required = この段階の日付を入力してください。選んだ状況に必要です。
console-error-already-taking-part = この人はすでにこの実施回にこの役割で参加しています。
console-error-stale-row = この参加記録は、その間にほかの人が変更しました。現在の内容を表示していますので、もう一度操作してください。
console-error-mark-needed = 備考とあわせて、出欠を選んでください。
