"""Independent word segmentation for the search recall test
(crates/kizuna-app/tests/it/search_recall.rs).

Reads lines "LANG<TAB>TEXT" on stdin, LANG being ja or th, and prints for
each a JSON array of the words found in TEXT, one line per input line, in
order: Japanese by MeCab through fugashi with the unidic-lite dictionary,
Thai by PyThaiNLP's default dictionary tokenizer (newmm, with its bundled
word list). Neither reads the network. Runs in target/segment-venv, which
scripts/test sets up with pinned versions.
"""

import json
import sys

import fugashi
from pythainlp.tokenize import word_tokenize


def main() -> None:
    tagger = fugashi.Tagger()
    out = sys.stdout
    for line in sys.stdin:
        lang, _, text = line.rstrip("\n").partition("\t")
        if lang == "ja":
            words = [w.surface for w in tagger(text)]
        elif lang == "th":
            words = word_tokenize(text, engine="newmm", keep_whitespace=False)
        else:
            raise SystemExit(f"unknown language {lang!r} (ja or th)")
        out.write(json.dumps([w for w in words if w.strip()], ensure_ascii=False))
        out.write("\n")


if __name__ == "__main__":
    main()
