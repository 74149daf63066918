# partner: a partner organisation's own page

partner-only = このページは連携団体の方のためのものです。職員は管理画面で団体を確認できます。
partner-actions = できること
partner-back = 団体のページに戻る
partner-not-given = 未登録

## Contact details

partner-contact-heading = 連絡先
partner-contact-edit = 連絡先を更新する
partner-contact-title = 貴団体の連絡先
partner-contact-save = 連絡先を保存する
partner-contact-saved = 連絡先を保存しました。事務所にはすぐに反映されます。
partner-contact-person = 担当者
partner-contact-person-hint = 事務所からの連絡先となる方の氏名と役職（例：国際交流課 スダー・チャイヤポーン）。
partner-address = 住所
partner-address-hint = 郵便物の宛先として記載している住所。
partner-phone = 電話番号
partner-phone-hint = 国番号から記入してください（例：+66 2 123 4567）。
partner-email = メールアドレス
partner-email-hint = 事務所から連絡できるアドレス（例：international@example.org）。
partner-website = ウェブサイト
partner-website-hint = https:// から始まるアドレス
partner-form-has-errors = 修正が必要な項目があります。各項目の横のメッセージをご確認ください。
partner-form-expired-title = フォームの有効期限が切れました
partner-form-expired = フォームの有効期限が切れたか、別のサイトから送信されました。前のページに戻り、再読み込みしてからもう一度お試しください。

## What the organisation takes part in

partner-hosted-heading = 研修の受入れ（講義・視察先）を担当している実施回
partner-sending-heading = 貴団体の方が研修を受けている実施回
partner-sessions-hosted = 担当した日程 { $formatted }件
partner-trainees-sent = 貴団体の研修員 { $formatted }名

## Nomination files

partner-send-nomination = 推薦書類を送る
partner-nominations-heading = 送付済みの推薦書類
partner-nominations-none = 推薦書類はまだありません。
partner-nominations-title = 推薦書類の送付
partner-nominations-lead = 研修員候補者の申請書類（申請書、パートA、パートB）をPDF、Excelブック、またはCSVファイルで事務所に送付してください。ファイルを開けるのは事務所の職員と貴団体だけです。審査の状況はこのページでご確認いただけます。
partner-nomination-file = ファイル（PDF・XLSX・CSV）
partner-nomination-file-hint = { $limit }まで。パートBには健康に関する情報が含まれるため、メールではなく必ずこの方法で送付してください。
partner-nomination-edition = 対象の実施回
partner-nomination-no-edition = 特定の実施回ではない
partner-nomination-note = 事務所への連絡事項（任意）
partner-nomination-send = ファイルを送る
partner-nomination-sent = ファイルを送付しました。事務所で確認します。状況は下の一覧に表示されます。
partner-col-file = ファイル
partner-col-sent = 送付日時
partner-col-status = 状況
partner-col-review-note = 事務所からの連絡
partner-col-organisation = 団体
partner-col-review = 審査
partner-status-submitted = 送付済み（未確認）
partner-status-reviewed = 確認済み
partner-status-accepted = 受理
partner-status-declined = 不受理
partner-size-kb = { $n }KB
partner-size-mb = { $n }MB
partner-too-large-title = ファイルが大きすぎます
partner-too-large = 受け付けるファイルは{ $limit }までです。解像度を下げてスキャンし直すなどしてファイルを小さくするか、分割して送付してください。
partner-unreadable-title = フォームを読み取れませんでした
partner-unreadable = フォームが最後まで届きませんでした。前のページに戻り、ファイルを選び直して送付してください。

## Field messages

partner-error-invalid = この値は正しくありません。
partner-error-required = 入力してください。
partner-error-too-long = 長すぎます。500文字以内で入力してください。
partner-error-control-character = 保存できない文字（制御文字）が含まれています。
partner-error-invalid-email = メールアドレスの形式ではありません。name@example.org のように入力してください。
partner-error-invalid-phone = 電話番号の形式ではありません。数字、空白、+ - ( ) . / のみを使ってください。
partner-error-invalid-website = ウェブアドレスの形式ではありません。https:// または http:// から入力してください。
partner-error-stale = フォームを開いた後に、別の方がこの情報を変更しました。現在の登録内容を表示していますので、もう一度変更してください。
partner-error-not-found = その実施回はありません。一覧から選んでください。
partner-error-nomination-file-type = PDF、Excelブック（.xlsx）、またはCSVファイルを送付してください。
partner-error-nomination-unreadable = ブックを読み取れません。Excelブック（.xlsx）形式で保存し直してから、もう一度送付してください。
partner-error-unknown-value = 選択肢から選んでください。
partner-error-reason-required = 不受理の理由を記入してください。この連絡は連携団体に表示されます。

## Staff: reviewing nomination files (/console/nominations)

nav-nominations = 推薦書類
partner-review-title = 連携団体からの推薦書類
partner-review-lead = 連携団体が研修員候補者について送付したファイルです。ファイルを開いて内容を確認し（開いた記録は監査ログに残ります）、確認済み・受理・不受理を連携団体に表示される連絡とともに記録してください。
partner-review-filter = 状況で絞り込む
partner-filter-all = すべて
partner-review-decision = 判定
partner-review-note = 連携団体への連絡
partner-review-save = 審査結果を保存する
partner-review-saved = 審査結果を保存しました。連携団体のページに表示されます。
partner-review-stale = ページを開いた後に、別の職員がこのファイルを審査しました。その結果を表示していますので、必要であればもう一度審査してください。
partner-bad-filter-title = 不明な状況です
partner-bad-filter = 一覧の上にある状況から選んでください。

## The audit log's words for nomination files

audit-entity-nomination = 推薦書類
audit-detail-nomination-pdf = PDFファイル
audit-detail-nomination-xlsx = Excelブック
audit-detail-nomination-csv = CSVファイル
audit-detail-nomination-reviewed = 確認済みに変更
audit-detail-nomination-accepted = 受理に変更
audit-detail-nomination-declined = 不受理に変更
audit-detail-nomination-file = ファイルを閲覧
