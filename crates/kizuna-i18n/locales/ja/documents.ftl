# documents: printable timetables, participant lists, attendance sheets, calendars and downloads

## Printable timetable, participant lists and attendance sheets (console/documents.rs)

documents-timetable-title = 日程表
documents-timetable-empty = この実施回にはまだ日程が登録されていません。
documents-times-jst = 時刻はすべて日本時間（JST、UTC+9）です。
documents-jst = 日本時間
documents-print-hint = 印刷はブラウザーの印刷機能から行ってください。メニューは印刷されず、A4判で出力されます。
documents-back-edition = 実施回に戻る
documents-back-timetable = 日程表に戻る
documents-ical = カレンダーに追加（iCalendar形式）
documents-col-host = 受入機関
documents-col-instructors = 講師
documents-col-lists = 名簿
documents-col-edition = 研修の実施回
documents-col-when = 日時
documents-col-number = 番号
documents-col-organisation = 所属機関
documents-col-present = 出席
documents-col-signature = 署名
documents-col-note = 備考
documents-participants-link = 参加者名簿
documents-sheet-link = 出欠表
documents-participants-title = 参加者名簿
documents-sheet-title = 出欠表
documents-mark-attendance = 出欠を記録する
documents-instructors-heading = 講師
documents-no-trainees = この実施回にはまだ受け入れた研修員がいません。
documents-trainees-count = 研修員 { $formatted }名
documents-printed = { $date }（日本時間）に Kizuna から印刷
documents-edition-links = 印刷・共有

## Statistics downloads (/statistics.csv, .xlsx and the staff's)

stats-download-all = すべての表をダウンロード
stats-download-table = この表をダウンロード
stats-download-csv = CSV形式
stats-download-xlsx = Excel形式（XLSX）
stats-download-refused-title = このファイルは作成できません
stats-download-refused = 基準日、絞り込み条件または表の指定が正しくありません。統計のページに戻り、選び直してからダウンロードしてください。
stats-download-filters = 絞り込み条件
stats-download-no-filters = なし（基準日までに数えられた全員）
stats-download-withheld = 少数の値
stats-download-source = 出典
stats-download-source-value = Kizuna のページ { $page }
stats-download-written = 作成日時
stats-download-col-code = コード（ISO 3166-1）
stats-download-about-sheet = このファイルについて
