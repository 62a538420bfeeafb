#!/usr/bin/env python3
"""Build the table of words news prose writes capitalised (src/storyweave/clean/casing.json), with
which a lowercased article is re-cased where its story has no clean article using the word
(`storyweave.clean.degraded`).

Counted over the words inside sentences (not a sentence's first) of ECB+ (982 articles; CC BY 3.0)
and Timeline17's 4,650 crawled news pages (../shared): a word is kept where it is seen `--min-count`
times or more, is no stop word, and one capitalised form ("Obama", "BP", "al-Qaeda") is nine in ten
of its uses or more. Of those, the words another capitalised word follows `--opener-share` of the
time or more open names ("Barack", "Hong"): after one, a rare word is a name's next word
(`storyweave.clean.degraded.name_openers`). Only the words and their forms ship (a lexicon of
names), no text.

    python scripts/build_casing_table.py [--min-count 5] [--share 0.9] [--opener-share 0.8]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from storyweave.clean.degraded import CASING_FILE
from storyweave.nlp.sentences import split_text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_boundary_model import ecbplus_tokens, timeline17_folders  # noqa: E402

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’-]*")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--share", type=float, default=0.9)
    parser.add_argument("--opener-share", type=float, default=0.8)
    args = parser.parse_args()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    opening: Counter[str] = Counter()  # a capitalised word inside a sentence, followed by another

    def count(sentences: list[list[str]]) -> None:
        for words in sentences:
            for word, following in zip(words[1:], [*words[2:], ""], strict=False):  # "" ends a sentence
                if _WORD.fullmatch(word):
                    forms[word.lower()][word] += 1
                    if word[0].isupper() and following[:1].isupper():
                        opening[word.lower()] += 1

    for sentences in ecbplus_tokens():
        count(sentences)
    for texts in timeline17_folders():
        for text in texts:
            count([_WORD.findall(sentence) for sentence in split_text(text)])
    table = {}
    for word, counted in sorted(forms.items()):
        form, uses = counted.most_common(1)[0]
        total = sum(counted.values())
        if form != word and total >= args.min_count and uses / total >= args.share and word not in STOP_WORDS \
                and len(word) > 1:
            table[word] = form
    openers = sorted(w for w in table if opening[w] >= args.opener_share * sum(forms[w].values()))
    CASING_FILE.write_text(json.dumps({
        "source": f"ECB+ (CC BY 3.0) and Timeline17 (../shared): words seen {args.min_count}+ times inside "
                  f"sentences, one capitalised form {args.share:.0%} of their uses or more; openers: those "
                  f"another capitalised word follows {args.opener_share:.0%} of the time or more",
        "forms": table, "openers": openers}, separators=(",", ":"), ensure_ascii=False) + "\n")
    print(f"{len(table)} words, {len(openers)} name openers -> {CASING_FILE}")


if __name__ == "__main__":
    main()
