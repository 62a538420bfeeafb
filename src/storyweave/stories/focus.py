"""The main story of a mixed input: a brief is of one story, and a folder of articles may hold more.

A day's pages of one site, a live page that carries the other news of the day, an outlet's
unrelated article saved with the rest: briefed as one story, their sentences fill the summary
with news that is not the story's. The articles given are clustered as `storyweave cluster`
clusters a window (`batch.cluster_window`: TF-IDF neighbours, the same-story pair model, average
linkage); the largest cluster is the story. An article of another cluster is set aside, to be
listed beside the brief, unless the pair model links it to some article of the main story at all
(`MIN_LINK`) or its words are of the main story's topic (`MIN_TOPIC_COSINE`). Where no cluster is
the largest, everything stays: a brief that leaves out an article of its story is worse than one
with a stray page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from storyweave.model import Article

# An article of another cluster stays in the brief if the pair model gives it this probability, or
# more, of telling one story with some article of the main story: only what has next to nothing to
# do with the story goes. DUC 2004's clusters are topics, not stories (the Nobel prizes of 1998; a
# hurricane and the mudslides it set off): at the probability clusters join at (0.3) 15 of its 500
# articles were set aside (ROUGE-1 37.85 -> 37.67); at 0.1, 5 (37.84). On Multi-News validation
# stories 0-1499 (the training half), against the documents Multi-News+ marks off-topic: 204 of
# 4,205 documents set aside, 72% of them off-topic (1.7% of the on-topic documents). (Multi-News+'s
# marks are noisy: a web-archive crawl notice is "on-topic".)
MIN_LINK = 0.1
# ...or if its words are the main story's topic's: the TF-IDF cosine to the main story's centroid
# reaches this. A folder of one topic's coverage tells several stories (a day of the BP spill: the
# BP fund, Obama's Oval Office address, the flow estimates, the oil chiefs' hearing), and a brief of
# the folder is of all of them; what goes is the page that is about something else (a Niger Delta
# feature at 0.14, a newsletter's sign-up page at 0.13; BP coverage from 0.17). On Multi-News's
# training half no article set aside reaches 0.12.
MIN_TOPIC_COSINE = 0.15
# With three articles, the "largest story" is two of them: too little to set the third aside on.
MIN_ARTICLES = 4


@dataclass
class Focus:
    main: list[Article]
    set_aside: list[list[Article]] = field(default_factory=list)  # other stories, largest first


def main_story(articles: list[Article]) -> Focus:
    """The articles of the main story, and the other stories' articles set aside (input order kept)."""
    if len(articles) < MIN_ARTICLES:
        return Focus(list(articles))
    from storyweave.stories.batch import average_linkage, neighbour_graph, tfidf_vectors
    from storyweave.stories.pairs import default_threshold, same_story_edges
    from storyweave.stories.templates import strip_templates

    texts, template_only, _ = strip_templates([(a.title or "") + "\n" + a.text for a in articles])
    published = [a.published for a in articles]
    vectors = tfidf_vectors(texts)
    if vectors is None:
        return Focus(list(articles))
    edges = same_story_edges(texts, neighbour_graph(texts, published, template_only=template_only, vectors=vectors))
    labels = average_linkage(len(articles), edges, default_threshold(), template_only)
    ranked = Counter(labels).most_common()
    if len(ranked) == 1 or ranked[0][1] == ranked[1][1]:
        return Focus(list(articles))
    main = ranked[0][0]
    link = [0.0] * len(articles)  # each article's likeliest link to an article of the main story
    for (i, j), probability in edges.items():
        if labels[j] == main:
            link[i] = max(link[i], probability)
        if labels[i] == main:
            link[j] = max(link[j], probability)
    centroid = np.asarray(vectors[[i for i, label in enumerate(labels) if label == main]].mean(axis=0)).ravel()
    topic = np.asarray(vectors @ (centroid / max(float(np.linalg.norm(centroid)), 1e-12))).ravel()
    kept = [label == main or link[i] >= MIN_LINK or topic[i] >= MIN_TOPIC_COSINE for i, label in enumerate(labels)]
    others: dict[int, list[Article]] = {}
    for article, label, keep in zip(articles, labels, kept, strict=True):
        if not keep:
            others.setdefault(label, []).append(article)
    return Focus([a for a, keep in zip(articles, kept, strict=True) if keep],
                 sorted(others.values(), key=len, reverse=True))
