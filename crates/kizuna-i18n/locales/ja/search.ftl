## Search (#16): the console's header box and results page, the public portal's search

search-label = すべての記録を検索
search-placeholder = 検索…
search-go = 検索
search-title = 検索
search-results-for = 「{ $q }」の検索結果
search-found = { $count ->
   *[other] { $formatted } 件見つかりました。
}
search-none = 「{ $q }」に一致するものは見つかりませんでした。
search-none-hint = 語を減らす、名前の最初の部分だけにする、別の文字（ローマ字、かな・漢字、タイ文字）で書くなどをお試しください。地名はどの文字でも見つかります（Kushiro、釧路、คุชิโระ）。
search-empty-hint = 名前や語句を日本語、英語、タイ語、マレー語で入力してください。人、団体、地域、プログラム、活動、成果、派遣、代表団、スポットをまとめて検索します。
search-too-long = 検索語が長すぎます。{ $max } 文字以内にしてください。
search-all-kinds = すべての種類
search-kinds-label = 記録の種類
search-show-all = すべて表示（{ $formatted } 件）
search-kind-person = 人
search-kind-organisation = 団体
search-kind-locality = 地域
search-kind-programme = プログラム
search-kind-activity = 活動
search-kind-outcome = 成果
search-kind-placement = 派遣
search-kind-delegation = 代表団
search-kind-place = スポット
search-kind-story = ストーリー
search-public-label = スポットとストーリーを検索
search-public-title = スポットとストーリーを検索
search-public-lead = 地図のスポット（ハラール料理、礼拝室、お店）と交流事業のストーリーを、あなたの言語で。
search-public-empty-hint = スポット、料理、町の名前を日本語、英語、タイ語、マレー語で入力してください。
search-building = 検索用の索引を作成中です。現在検索できるのは { $total } 件中 { $indexed } 件のため、見つからない結果があるかもしれません。すべてを検索するには、数分後にもう一度お試しください。
