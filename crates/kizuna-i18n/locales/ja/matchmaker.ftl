# The matchmaker's page (/console/match) and the reasons a profile cannot
# be matched (also said by `kizuna match`).

matchmaker-title = マッチメーカー
matchmaker-lead = 地域または団体の相手先候補です。日本の当事者には海外の、海外の当事者には日本の候補を示します。提供と要望の補完、共通のテーマ、記録された連携のつながりの近さ、似た過去の連携の成果から順位を付け、各候補の根拠を記録番号で示します。
matchmaker-choose = 対象
matchmaker-locality = 地域
matchmaker-organisation = 団体
matchmaker-none-chosen = — 選択 —
matchmaker-show = 候補を表示
matchmaker-for = { $name } の相手先候補
matchmaker-ranked = { $count } 件の候補を順位付けしました。
matchmaker-known = 連携済み（候補から除外）：{ $names }
matchmaker-no-known = まだ連携先はありません。
matchmaker-none = 示せる候補がありません。
matchmaker-rank = 順位
matchmaker-counterpart = 相手先
matchmaker-country = 国
matchmaker-score = スコア
matchmaker-why = 根拠
matchmaker-meets = { $offer }（{ $by }）が { $need }（{ $to }）に「{ $theme }」で応えます。
matchmaker-mutual = 提供と要望が双方向で合っています。
matchmaker-shared = 共通のテーマ：{ $themes }。
matchmaker-through = { $through } を通じたつながり（{ $links }）。
matchmaker-resembles = { $a } – { $b }（{ $links }）の「{ $themes }」の連携に似ています。その成果：{ $outcomes }。
matchmaker-partners = { $count ->
    [0] 連携先はまだありません。
   *[other] 連携先 { $count } 件。
}
matchmaker-offer = 提供 { $id }
matchmaker-need = 要望 { $id }
matchmaker-not-matchable = { $name } はまだマッチングできません：{ $reason }。
matchmaker-gap-no_locality = 地域が記録されておらず、日本側か海外側か、どの国かが分かりません
matchmaker-gap-no_offer = 提供できることが記録されていません
matchmaker-gap-no_need = 求めていることが記録されていません
matchmaker-note = スコアの重みは手で定めたもので、データに合わせて調整したものではありません。デモの連携は補完性を考慮して生成したため、デモの数値は仕組みが設計どおり動くことを示すもので、実際の連携をどれだけ予測できるかを示すものではありません。
