from __future__ import annotations

from collections import Counter

import pytest

from storyweave.model import Article, Sentence
from storyweave.nlp.embed import get_embedder
from storyweave.summarize import summarize
from storyweave.summarize.align import align_sentences, content_words, numbers_in

A = [
    "A fire at the Halvorsen chemical plant in Tacoma sent 12 workers to hospital on Monday.",
    "The central bank left its main interest rate unchanged at 4.5 percent.",
    "Fire chief Maria Delgado said the wind had carried the smoke out over the water.",
]
B = [
    "Twelve workers went to hospital after a fire at the Halvorsen chemical plant in Tacoma on Monday.",
    "Shares in the shipping company rose after it reported record quarterly profits.",
    "Fire chief Maria Delgado said the wind carried smoke away from homes and over the water.",
]


def sentences_of(article_id: str, texts: list[str]) -> list[Sentence]:
    return [Sentence(article_id, i, t) for i, t in enumerate(texts)]


@pytest.fixture(params=["static", "tfidf"])
def embedder(request):
    return get_embedder(request.param)


def test_equivalent_sentences_align_across_articles_unrelated_ones_do_not(embedder):
    sentences = sentences_of("a", A) + sentences_of("b", B)
    alignment = align_sentences(sentences, embedder.encode([s.text for s in sentences]))
    fact_of = alignment.fact_of
    assert fact_of[0] == fact_of[3]  # the fire, told twice
    assert fact_of[2] == fact_of[5]  # the chief's account, told twice
    assert len({fact_of[1], fact_of[4], fact_of[0], fact_of[2]}) == 4  # the rest stand alone
    assert alignment.facts[fact_of[0]].articles == ["a", "b"]


def test_an_article_with_different_numbers_does_not_support_the_sentence():
    sentences = [Sentence("a", 0, "The fire sent 12 workers to hospital."),
                 Sentence("b", 0, "The fire sent 14 workers to hospital."),
                 Sentence("c", 0, "The fire sent twelve workers to hospital.")]
    alignment = align_sentences(sentences, get_embedder("tfidf").encode([s.text for s in sentences]))
    [fact] = alignment.facts  # one fact, told three times...
    assert sorted(fact.articles) == ["a", "c"]  # ...but the article that says 14 does not support "12"


def test_content_words_and_numbers():
    assert numbers_in("Twelve people, not 1,200, were hurt on 3 May") == {"12", "1200", "3"}
    assert content_words("hospital") <= content_words("They went to hospitals")  # stemmed
    assert content_words("forced") == content_words("forcing")
    assert not content_words("the and of")


def test_summary_fits_the_budget_cites_supporters_and_follows_story_order(embedder):
    day1 = Article(id="a", source="a", text="", published="2024-03-04")
    day2 = Article(id="b", source="b", text="", published="2024-03-05")
    sentences = sentences_of("a", A) + sentences_of("b", [
        "Investigators on Tuesday began searching for the cause of the fire at the Tacoma plant.",
        *B,
    ])
    facts, summary = summarize([day1, day2], sentences, embedder.encode([s.text for s in sentences]), words=45)
    assert sum(len(s.text.split()) for s in summary) <= 45
    assert summary, "a summary was written"
    fire = next(s for s in summary if "12 workers" in s.text or "Twelve workers" in s.text)
    assert sorted(fire.citations) == ["a", "b"]
    assert all(s.citations for s in summary)
    texts = [s.text for s in summary]
    if any("Investigators" in t for t in texts):  # first reported on day 2: comes after day-1 facts
        assert texts.index(next(t for t in texts if "Investigators" in t)) == len(texts) - 1


def test_negation_and_thin_claims_are_not_supported_by_lookalikes():
    sentences = [Sentence("a", 0, "Tests show the boy does not have swine flu, the hospital said."),
                 Sentence("b", 0, "Tests show the boy has swine flu, the hospital said."),
                 Sentence("c", 0, "And that was before swine flu."),
                 Sentence("d", 0, "Officials confirmed three new cases of swine flu before the weekend.")]
    alignment = align_sentences(sentences, get_embedder("tfidf").encode([s.text for s in sentences]))
    assert not alignment.supports(sentences[1], sentences[0])
    assert not alignment.supports(sentences[3], sentences[2])


def test_the_learned_scorer_is_used_only_on_stories_told_in_leads(tmp_path):
    from storyweave.pipeline import summarize_articles
    from storyweave.summarize.select import FEATURES, HAND_SET, choose_scorer, installed_scorer

    learned = installed_scorer()
    assert learned is not None, "scorer.json ships with the package"
    assert set(learned.weights) <= set(FEATURES)
    lead = [sentences_of("a", A), sentences_of("b", B)]
    whole = [sentences_of("a", A * 6), sentences_of("b", B * 6)]  # 18 sentences an article
    assert choose_scorer(lead) is learned
    assert choose_scorer(whole) is HAND_SET
    # The brief says which importance model chose its summary.
    articles = [Article(id=x, source=x, text=" ".join(texts)) for x, texts in (("a", A), ("b", B))]
    assert learned.name in summarize_articles(articles).provenance["summary"]
    long_articles = [Article(id=x, source=x, text="\n".join(texts * 6)) for x, texts in (("a", A), ("b", B))]
    assert HAND_SET.name in summarize_articles(long_articles).provenance["summary"]


def test_the_default_selector_covers_concepts_for_whole_articles_and_uses_mmr_otherwise():
    from storyweave.pipeline import summarize_articles
    from storyweave.summarize import choose_selector

    whole = [sentences_of(x, (A + B) * 3) for x in "abcde"]  # five sources, 18 sentences each
    assert choose_selector("auto", whole) == "coverage"
    assert choose_selector("auto", whole[:2]) == "coverage"  # two whole articles: what both tell
    assert choose_selector("auto", whole[:1]) == "mmr"  # one article: no document frequencies
    assert choose_selector("auto", [sentences_of(x, A + B) for x in "abcde"]) == "mmr"  # leads only
    assert choose_selector("mmr", whole) == "mmr"  # an explicit choice is kept
    articles = [Article(id=x, source=x, text="\n".join((A + B) * 3).replace("Monday", f"Monday {x}"))
                for x in "abcde"]
    assert summarize_articles(articles).provenance["summary"].startswith("concept coverage")


def test_concept_coverage_tells_each_fact_once(embedder):
    # Five outlets; two tell the fire in other words. Covering new word pairs is no reason to
    # repeat the news.
    texts = {"a": A, "b": B, "c": A[::-1], "d": B[::-1], "e": [A[0].replace("sent", "put"), *B[1:]]}
    articles = [Article(id=x, source=x, text="") for x in texts]
    sentences = [s for x, t in texts.items() for s in sentences_of(x, t)]
    _, summary = summarize(articles, sentences, embedder.encode([s.text for s in sentences]), words=200,
                           selector="coverage")
    fire = [s for s in summary if "Halvorsen" in s.text]
    assert len(fire) == 1, [s.text for s in summary]
    assert len({s.fact for s in summary}) == len(summary)


def test_concept_coverage_fills_the_budget_when_the_articles_share_little(embedder):
    # Two articles that share one sentence's words: once that is covered, the rest of the budget
    # goes to the most important sentences left, not nowhere.
    texts = {"a": A, "b": [A[0], "Residents of the valley gathered at the school gym to hear the plan.",
                            "The county will open a second shelter at the fairgrounds on Friday."]}
    articles = [Article(id=x, source=x, text="") for x in texts]
    sentences = [s for x, t in texts.items() for s in sentences_of(x, t)]
    _, summary = summarize(articles, sentences, embedder.encode([s.text for s in sentences]), words=200,
                           selector="coverage")
    assert len(summary) >= 3, [s.text for s in summary]
    assert any("fairgrounds" in s.text or "gym" in s.text for s in summary)
    assert len({s.fact for s in summary}) == len(summary)


def test_concept_coverage_prefers_a_sentence_that_stands_alone_to_one_quoting_he_or_all_quotation(embedder):
    # Told first, the quote would win on position; leaning on a "he" nobody named, it gives way.
    leaning = '"The new cap on the well is good news for the coast," he said.'
    alone = '"The relief well is nearly finished and it will be ready in a week or so," Allen said.'
    texts = {x: [leaning, alone] for x in "ab"}
    articles = [Article(id=x, source=x, text="") for x in texts]
    sentences = [s for x, t in texts.items() for s in sentences_of(x, t)]
    _, summary = summarize(articles, sentences, embedder.encode([s.text for s in sentences]), words=12,
                           selector="coverage")
    assert [s.text for s in summary] == [alone]
    # so does a sentence that is all quotation, its speaker named in another sentence, or one in the
    # first person outside quotes (a reader's comment, a columnist's aside)
    for leaning in ('"The new cap on the well is good news for the whole of the coast."',
                    "My sister says the new cap on the well is good news for the coast."):
        texts = {x: [leaning, alone] for x in "ab"}
        sentences = [s for x, t in texts.items() for s in sentences_of(x, t)]
        _, summary = summarize(articles, sentences, embedder.encode([s.text for s in sentences]), words=12,
                               selector="coverage")
        assert [s.text for s in summary] == [alone], leaning


def test_the_shipped_word_prior_rates_news_words_above_page_words_and_the_scorer_uses_it():
    from storyweave.nlp.claims import content_words
    from storyweave.summarize.select import installed_scorer, word_prior

    prior, unknown = word_prior()
    assert len(prior) > 1000 and 0 < unknown < 1, "word_prior.json ships with the package"

    def rate(word: str) -> float:
        return prior.get(next(iter(content_words(word))), unknown)

    assert min(map(rate, ["killed", "arrested", "police"])) > max(map(rate, ["click", "subscribe", "photo"]))
    assert installed_scorer().weights["summary_words"] > 0


def test_summary_material_is_whole_sentences_not_the_opening_of_a_longer_quotation_whose_tail_is_shown_whole():
    from storyweave.summarize.select import as_summary_text, is_summary_material

    def material(text: str) -> bool:
        return is_summary_material(Sentence("a", 0, text))

    assert material('"We will rebuild the warehouse," the plant manager said on Tuesday.')
    assert material("The fire destroyed a warehouse full of industrial solvents on Monday.")
    # The quotation runs on into the next sentence: alone, it has no end and no speaker.
    assert not material('"The company has been making a farce out of every safety rule.')
    # Its tail has an end and a speaker: it is shown with the opening mark it lacks.
    tail = 'I wish I could tell them more about the cause," Bartlit said on Monday.'
    assert material(tail) and as_summary_text(tail) == '"' + tail
    partial = 'Bartlit said he "could not tell them more" about the cause on Monday.'
    assert material(partial) and as_summary_text(partial) == partial
    # The opening of a quotation that runs on after a speaker is shown with the closing mark it lacks.
    runs_on = 'Delgado called the scene "unimaginable" and said: "The warehouse has collapsed.'
    assert material(runs_on) and as_summary_text(runs_on) == runs_on + '"'
    # A conjunction tying it to its article's sentence before goes: that sentence is not before it here.
    assert as_summary_text('And in restive Algeria, protesters chanted "Change the power."') == \
        'In restive Algeria, protesters chanted "Change the power."'
    assert as_summary_text("But iPhone sales fell in May, Apple said.") == "iPhone sales fell in May, Apple said."
    for untied in ("But for the rain, the fire would have spread.", "So far no cause has been found.",
                   "Andrew Smith said the fire was out."):
        assert as_summary_text(untied) == untied
    assert not material("What caused the fire at the solvent warehouse on Monday?")
    assert not material("and then the firefighters went home for the night.")
    # A transcript's line is speech, not reporting.
    assert not material("WOLF BLITZER, CNN ANCHOR: Wael, it's Wolf Blitzer here in Washington.")
    # A caption's name and role, with no verb, says nothing; the same opening with one does.
    assert not material("Nicola Sturgeon, the Scottish health minister.")
    assert material("Nicola Sturgeon, the Scottish health minister, said schools would stay open.")
    assert not material("GHONIM: (INAUDIBLE) -- today is like the day for celebration.")
    assert material("NATO said: the air strikes would go on until the attacks stopped.")
    # A page speaking to its reader is not reporting; the same verb inside a sentence is.
    assert not material("Read history to find out why the army matters so much in Egypt.")
    assert not material("Follow our correspondents' latest tweets and pictures from the protests.")
    assert material("Readers of the paper were told to follow the evacuation orders at once.")
    assert not material("The following is a chronology of the main events of the Syrian conflict.")
    assert not material("Following are remarks President Barack Obama made on Friday, as released by the White House.")
    assert not material("N) chairman apologized to the American public on Wednesday for the oil spill.")
    # a photo caption points at who stands where; a chronology's entry is the timeline's
    assert not material("BP chairman Carl-Henric Svanberg, right, listens as chief executive Tony Hayward speaks.")
    assert not material("President Barack Obama (R) meets BP executives at the White House on Wednesday.")
    assert not material("Rep. Joseph Cao speaks at a hearing of the House Energy and Commerce Committee June 15.")
    assert material("Rep. Joseph Cao spoke at a hearing of the House Energy and Commerce Committee on June 15.")
    # a scene in the present on a given day is a picture; a plan for a day is news
    assert not material("Egyptian protesters clash with riot police at a rally in Cairo on Friday.")
    assert material("He plans to hold talks with Kosovan Albanian leaders in Pristina on Tuesday.")
    assert material("Egyptian protesters clashed with riot police at a rally in Cairo on Friday.")
    assert not material("The Deepwater Horizon rig burns off the Louisiana coast.")
    assert material("The Deepwater Horizon rig burned for two days off the Louisiana coast.")
    assert not material("April 20, 2010 - Explosion and fire on the Deepwater Horizon rig; 11 workers are killed.")
    assert material("The company said it had left the country, right after the vote, for good.")
    assert material("April was the deadliest month of the war, with 40 soldiers killed in Helmand.")
    assert material("The following day, the army sealed off the border with Turkey and Lebanon.")
    # A headline's kicker glued to a caption is no sentence; prose with a colon is.
    assert not material("Gulf oil spill: BP says 'top kill' effort on track BP Chief Operating Officer "
                        "Doug Suttles.")
    assert not material("Update: Police have reopened the road between the two towns on Monday.")
    assert not material("Syria crisis: UK freezes £100m of Assad family assets Fighters from the Free Syrian Army.")
    assert material("He had one aim: To win the title before his contract ran out in June.")
    assert material('Smith told reporters: "We will rebuild the plant within the year."')
    assert not material("As it happened: Haiti earthquake 13 Jan Live updates after the earthquake in Haiti.")
    # a newsroom's caveat reports nothing of the story
    assert not material("Reuters was not immediately able to independently confirm his account.")
    assert not material("BP did not respond to requests for comment on Friday.")
    assert not material("Zeidan was not immediately available for comment.")
    assert not material("A spokesman for the ministry was unavailable for comment on Sunday.")
    assert material("Police confirmed the report on Monday after a long search of the harbour.")
    # ...nor a newsroom telling of its own coverage; a report it gives is news
    assert not material("CNN.com Live has both issues covered.")
    assert not material("Reuters looked at what might lie ahead for BP earlier this month.")
    assert not material("The BBC's Mark Doyle reports from a field hospital run by Medicins Sans Frontieres in the "
                        "capital.")
    assert material("CNN's Ben Wedeman reported from Cairo that at least 20 people had died.")
    assert not material("What a week it has been for them.")
    assert material("What a week it has been for Ruth Okafor, the mayor who closed the harbour on Monday.")
    assert material("What the inspectors found at the plant was a leaking tank.")
    # ...nor a reporter's credit under a video, but a report of something is news
    assert not material("From the harbour in Port Alder, our correspondent Tom Reyes reports.")
    assert not material("Correspondent Ruth Okafor reports from the courthouse in Port Alder.")
    assert material("The harbour authority reports record traffic through Port Alder this year.")
    assert material("Tom Reyes reports from Port Alder that the ferry has sunk.")
    # ...or of how it came by a document, when the sentence says no more
    assert not material("A copy of the letter was obtained Thursday.")
    assert not material("A copy of Hayward's prepared remarks was obtained Wednesday by The Associated Press.")
    assert not material("The Washington Post obtained a copy of the written testimony of Kendall on Wednesday night.")
    assert material("The letter, obtained by Reuters, says the plant will close in June.")
    assert material("A copy of the letter was obtained by the police, who say it was sent in May.")
    # a verbless caption or fragment states nothing; a verb, however rare, makes a sentence
    assert not material("An electron microscope picture of the A H1N1 swine flu virus.")
    # ...nor a page's label or prompt opening on a verb's base form
    assert not material("Live video of the BP oil spill at the bottom of the Gulf of Mexico.")
    assert not material("Find fresh ideas for outfits for each side of your busy life.")
    assert material("Protest grows over the spill as oil reaches the coast of Louisiana.")
    assert not material("Members of the graduating class at the college's commencement in Atlanta.")
    # ...nor one whose only verb-like words are nouns after "the" or a compound: a video's caption
    assert not material("The sound of gunshots during anti-government marches in Syria on Friday.")
    for sentence in ("The team thaws the samples and replants them in the greenhouse.",
                     "The show's five co-hosts are all women who once worked in news.",
                     "But the tragedy of 2008 was the worst the town had ever seen.",
                     "Pro-government crowds gather in Damascus to cheer the president.",
                     "They control the whole Libyan coast near Sirte, the rebels say.",
                     "It isn't clear how many of the crew were aboard at the time.",
                     "The 7.0-magnitude quake hit near the capital Port-au-Prince late on Tuesday."):
        assert material(sentence), sentence


def test_a_broadcast_transcript_is_cited_but_not_summarised_from_when_written_reports_exist(embedder):
    from storyweave.nlp.sentences import is_transcript, split_article

    turns = ["WOLF BLITZER, CNN ANCHOR: Tonight, a special report from Cairo.",
             "We're going to talk about this, Ben, because the army took over the streets of Cairo on Friday.",
             "BEN WEDEMAN, CNN CORRESPONDENT: That's right, Wolf.",
             "The army took control of the streets of Cairo on Friday as protests grew.",
             "BLITZER: And the protesters are still out there?", "WEDEMAN: They are, in their thousands.",
             "BLITZER: Thank you, Ben.", "We'll be right back with more on the protests in Cairo and Alexandria."]
    transcript = Article(id="tv", source="tv.txt", text="\n".join(turns))
    report = Article(id="web", source="web.txt", text=(
        "The army took control of the streets of Cairo on Friday as protests grew. "
        "Protesters defied a curfew in Cairo, Alexandria and Suez for a fourth night. "
        "The government shut down mobile phone networks in the capital on Friday."))
    assert is_transcript(transcript.text) and not is_transcript(report.text)
    assert not is_transcript("\n".join(turns[:3] + ["The army took control of Cairo."] * 20))  # two labels
    sentences = split_article(transcript) + split_article(report)
    assert all(s.spoken for s in sentences if s.article_id == "tv")
    _, summary = summarize([transcript, report], sentences, embedder.encode([s.text for s in sentences]),
                           words=100, fact_threshold=embedder.fact_threshold)
    assert summary and all(s.source.article_id == "web" for s in summary)
    # the fact the transcript tells too cites it
    army = next(s for s in summary if s.text.startswith("The army took control"))
    assert sorted(army.citations) == ["tv", "web"]
    # a story told only in transcripts is summarised from them
    alone = split_article(transcript)
    _, summary = summarize([transcript], alone, embedder.encode([s.text for s in alone]), words=60,
                           fact_threshold=embedder.fact_threshold)
    assert any(s.source.article_id == "tv" for s in summary)


def summary_order(sentences: list[Sentence], articles: dict[str, Article], scores: dict[int, float]) -> list[str]:
    """The chosen sentences (index: importance) in the order a summary puts them."""
    from storyweave.summarize.select import Candidate, order_and_cite

    alignment = align_sentences(sentences, get_embedder("tfidf").encode([s.text for s in sentences]))
    chosen = [Candidate(alignment.fact_of[i], i, score=score) for i, score in scores.items()]
    lengths = Counter(s.article_id for s in sentences)
    return [s.text for s in order_and_cite(chosen, sentences, alignment, articles, lengths)]


def test_the_summary_opens_on_an_article_lead_then_follows_story_order():
    monday = Article(id="a", source="a", text="", published="2024-03-11")
    thursday = Article(id="b", source="b", text="", published="2024-03-14")
    sentences = sentences_of("a", [
        "A state audit found that Port Alder awarded a harbor dredging contract without bids.",
        "The audit found that city staff drafted the contract with help from the contractor.",
    ]) + sentences_of("b", ["Port Alder Mayor Linda Carraway stepped aside on Thursday after the audit."])
    by_id = {"a": monday, "b": thursday}

    def ordered(picks: list[int]) -> list[str]:
        return summary_order(sentences, by_id, {i: 1.0 - i / 10 for i in picks})

    # Story order would open on "The audit found that ...", which leans on what came before.
    assert ordered([1, 2]) == [sentences[2].text, sentences[1].text]
    # When story order already opens on a lead, it stands.
    assert ordered([0, 1, 2]) == [s.text for s in sentences]
    # A lead of a few words (a headline, a caption) gives way to a whole lead sentence, however
    # important it scored
    every = sentences + sentences_of("c", ["Port Alder mayor quits."])
    assert summary_order(every, {**by_id, "c": thursday}, {1: 0.9, 3: 0.99, 2: 0.5})[0] == sentences[2].text
    # A lead that leans on what came before ("said it could ...": what could?) opens no summary
    # another chosen sentence can open
    both = sentences_of("d", ["Officials said it could reach the harbor entrance by Thursday night."]) + \
        sentences_of("e", ["Crews spread booms across the harbor mouth overnight, officials said.",
                           "A barge that ran aground spilled diesel fuel into the Port Alder harbor."])
    assert summary_order(both, {"d": monday, "e": thursday}, {0: 0.9, 2: 0.5}) == [both[2].text, both[0].text]


def test_an_article_lead_is_its_first_sentence_that_can_be_summary_material():
    thursday = Article(id="b", source="b", text="", published="2013-03-14")
    friday = Article(id="a", source="a", text="", published="2013-03-15")
    sentences = sentences_of("b", [
        "A magnitude 4.6 earthquake shook Sonoma County early on Thursday, officials said.",
        "Residents of Cobb said dishes fell from their shelves during the shaking.",
    ]) + sentences_of("a", [
        "Posted: March 15th, 2013",  # a page's date line opens the article
        "Two aftershocks of magnitude 2.9 and 2.2 followed the quake near Healdsburg, the survey said.",
    ])
    # story order would open on Thursday's second sentence; Friday's lead, after its date line, opens
    assert summary_order(sentences, {"a": friday, "b": thursday}, {1: 0.9, 3: 0.7}) == [
        sentences[3].text, sentences[1].text]


def test_a_first_person_aside_outside_quotation_marks_ranks_as_a_sentence_leaning_on_another():
    from storyweave.summarize.select import HAND_SET, score_candidates

    def aside_scored(aside: str):
        texts = ["A magnitude 4.6 earthquake shook Sonoma County early on Thursday, officials said.",
                 "Residents of Cobb said dishes fell from their shelves in the shaking.", aside]
        sentences = [Sentence(str(i), 0, t) for i, t in enumerate(texts)]
        embeddings = get_embedder("tfidf").encode(texts)
        alignment = align_sentences(sentences, embeddings)
        by_id = {str(i): Article(id=str(i), source=str(i), text=t) for i, t in enumerate(texts)}
        return next(c for c in score_candidates(sentences, alignment, embeddings, by_id, HAND_SET) if c.sentence == 2)

    mine = aside_scored("I felt the earthquake shake my house in Cobb on Thursday.")
    theirs = aside_scored("Residents felt the earthquake shake their houses in Cobb on Thursday.")
    quoted = aside_scored('"I felt the earthquake shake my house," a resident of Cobb said on Thursday.')
    assert (mine.features["dangling"], theirs.features["dangling"], quoted.features["dangling"]) == (1.0, 0.0, 0.0)
    assert mine.score < theirs.score


def test_a_short_sentence_a_chosen_one_already_says_is_left_out():
    from storyweave.summarize.select import Candidate, select_summary

    sentences = sentences_of("a", ["The council vote had no legal force at all."]) + sentences_of(
        "b", ["The vote has no legal force, but council members hoped it would persuade the mayor to resign.",
              "Fire crews spent the night pumping water out of the flooded harbor warehouses."])
    alignment = align_sentences(sentences, get_embedder("tfidf").encode([s.text for s in sentences]))
    for scores in ([0.9, 0.5, 0.3], [0.5, 0.9, 0.3]):  # the short one chosen first, or second
        candidates = [Candidate(alignment.fact_of[i], i, score) for i, score in enumerate(scores)]
        chosen = {c.sentence for c in select_summary(candidates, sentences, alignment, words=100)}
        assert chosen == {1, 2}


def test_concept_coverage_counts_the_words_outlets_share_not_only_their_set_phrases(embedder):
    # Five outlets tell the evacuation each in their own word order (no word pair in common); two
    # of them share a stock phrase about something else. The story is the evacuation.
    evacuation = {
        "a": "Residents fled overnight as wildfire flames reached the ridge.",
        "b": "Flames from the wildfire spread to the ridge and residents fled.",
        "c": "Overnight, residents on the ridge fled spreading wildfire flames.",
        "d": "The ridge emptied overnight: its residents fled as flames spread from the wildfire.",
        "e": "Fleeing residents left the ridge as a wildfire spread its flames overnight.",
    }
    aside = "The county fair opens on Friday with a parade downtown."
    texts = {x: [aside, sentence] if x in "ab" else [sentence] for x, sentence in evacuation.items()}
    articles = [Article(id=x, source=x, text="") for x in texts]
    sentences = [s for x, t in texts.items() for s in sentences_of(x, t)]
    _, summary = summarize(articles, sentences, embedder.encode([s.text for s in sentences]), words=10,
                           selector="coverage")
    assert [s.text for s in summary] and all("fled" in s.text for s in summary), [s.text for s in summary]


def test_a_sentence_opening_on_a_connective_leans_on_the_one_before():
    from storyweave.summarize.align import DANGLING_START

    for leaning in ("As a result, the tremor was felt far beyond the city.", "The quake however had a small depth.",
                    "In addition, two aftershocks followed.", "Moreover, no damage was reported."):
        assert DANGLING_START.match(leaning), leaning
    for standing in ("Asian markets fell on Monday.", "Thus far none was hurt.", "Theresa May spoke."):
        assert not DANGLING_START.match(standing), standing


def test_a_sentence_from_the_middle_of_a_quotation_is_shown_between_quote_marks():
    from storyweave.summarize.select import as_summary_text

    assert as_summary_text("With his talent we will make a great show.", quoted=True) == (
        '"With his talent we will make a great show."')
    assert as_summary_text("With his talent we will make a great show.") == "With his talent we will make a great show."
    assert as_summary_text('I cannot wait," she said.', quoted=True) == '"I cannot wait," she said.'


def test_an_article_telling_a_fact_in_a_sentence_grouped_elsewhere_is_cited_too():
    from storyweave.summarize.align import Tellings

    chosen = Sentence("a", 0, "The council voted on Tuesday to close the Elm Street library in June.")
    # b tells it inside a longer sentence about the budget; c, degraded, split it over two
    # guessed "sentences"; d is about the library but says something else
    b = [Sentence("b", 0, "Facing a deficit, the council cut the parks budget and voted on Tuesday to close "
                           "the Elm Street library in June, officials said.")]
    c = [Sentence("c", 0, "The council voted on tuesday to close the elm", degraded=True),
         Sentence("c", 1, "Street library in june the mayor opposed it.", degraded=True)]
    d = [Sentence("d", 0, "Readers at the Elm Street library collected signatures on Tuesday.")]
    alignment = align_sentences([chosen], get_embedder("tfidf").encode([chosen.text]))
    [fact] = alignment.facts
    assert alignment.supporting_articles(chosen, fact) == ["a"]
    others = {told[0].article_id: Tellings(told) for told in (b, c, d)}
    assert alignment.supporting_articles(chosen, fact, others) == ["a", "b", "c"]


def test_a_sentence_the_repair_of_stripped_text_guessed_is_summarised_only_when_little_else_is_sure():
    from storyweave.summarize.select import FEW_SURE_WORDS, summary_material

    sure = [Sentence("a", i, f"The fire at the plant in the port burned for {i + 2} hours on Monday.", degraded=True)
            for i in range(12)]
    piece = Sentence("a", 12, "The justice department said on Wednesday.", degraded=True, guessed=True)
    assert sum(s.words for s in sure) >= FEW_SURE_WORDS
    assert summary_material([*sure, piece]) == [True] * 12 + [False]
    # a story told only in unsure guesses still gets a summary
    assert summary_material([sure[0], piece]) == [True, True]
