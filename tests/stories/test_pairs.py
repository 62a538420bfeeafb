"""The same-story pair model that weighs the batch clustering's neighbour graph."""

from __future__ import annotations

import random

import pytest

from storyweave.stories import pairs
from storyweave.stories.batch import average_linkage, cluster_window, neighbour_graph

SAGA = "everest sherpa nepal climbers expedition summit guides mountaineering".split()
AVALANCHE = "avalanche icefall khumbu sixteen buried ropes fixing season cancelled strike".split()
QUAKE = "earthquake kathmandu magnitude collapsed temples aftershocks rubble villages relief".split()


def saga_texts(seed: int) -> list[str]:
    """Five articles on an avalanche and five on an earthquake, both on Everest, then two that
    recall both episodes."""
    rng = random.Random(seed)

    def article(*episodes: list[str]) -> str:
        return " ".join(rng.choices(SAGA, k=8) + [w for own in episodes for w in rng.choices(own, k=25 // len(episodes))])

    return [article(AVALANCHE) for _ in range(5)] + [article(QUAKE) for _ in range(5)] + [
        article(AVALANCHE, QUAKE) for _ in range(2)]


@pytest.mark.parametrize("seed", range(3))
def test_episodes_of_one_saga_stay_apart_where_the_cosine_alone_joins_them(seed):
    texts = saga_texts(seed)
    undated = [None] * len(texts)
    by_cosine = average_linkage(len(texts), neighbour_graph(texts, undated), pairs.COSINE_THRESHOLD)
    assert len(set(by_cosine)) == 1, "the saga's words hold the episodes together by cosine"
    labels = cluster_window(texts, undated)
    assert len(set(labels[:5])) == 1 and len(set(labels[5:10])) == 1, "each episode whole"
    assert labels[0] != labels[5], "the two episodes are two stories"
    assert set(labels[10:]) <= {labels[0], labels[5]}, "an article recalling both joins one of them"


def test_each_edge_is_seen_from_both_of_its_articles():
    texts = ["Mayor Ann Lee said 40 homes burned.", "The mayor, Ann Lee, said 40 burned.", "Rain fell on 3 towns."]
    features = pairs.pair_features(texts, {(0, 1): 0.6, (0, 2): 0.3, (1, 2): 0.2})
    # (0, 2) is 2's closest edge and 0's second; (1, 2) is second at both ends
    assert features["rank_near"].tolist() == [0, 0, 1] and features["rank_far"].tolist() == [0, 1, 1]
    assert features["to_closer_best"].tolist() == pytest.approx([1.0, 0.5, 0.2 / 0.6])
    assert features["to_farther_best"].tolist() == pytest.approx([1.0, 1.0, 1.0 / 1.5])
    assert features["shared_neighbours"].tolist() == pytest.approx([0.1, 0.1, 0.1])
    assert features["numbers"].tolist() == [1.0, 0.0, 0.0] and features["both_numbers"].tolist() == [1, 1, 1]
    assert features["names"][0] == 1.0 and features["names"][2] == 0.0
    probabilities = list(pairs.same_story_edges(texts, {(0, 1): 0.6, (0, 2): 0.3, (1, 2): 0.2}).values())
    assert all(0 < p < 1 for p in probabilities) and probabilities[0] > max(probabilities[1:])


def test_without_the_model_file_the_cosine_weighs_the_graph_at_its_own_threshold(monkeypatch, tmp_path):
    monkeypatch.setattr(pairs, "MODEL_FILE", tmp_path / "absent.json")
    pairs.installed_pair_model.cache_clear()
    try:
        edges = {(0, 1): 0.6, (1, 2): 0.1}
        assert pairs.same_story_edges(["a b", "a c", "d e"], edges) == edges
        assert pairs.default_threshold() == pairs.COSINE_THRESHOLD
        texts = saga_texts(0)
        assert len(set(cluster_window(texts, [None] * len(texts)))) == 1  # as the cosine has it, above
    finally:
        pairs.installed_pair_model.cache_clear()


def test_the_shipped_model_says_what_it_was_trained_on_and_weighs_every_feature():
    model = pairs.installed_pair_model()
    assert model is not None and "ECB+ topics 1-35" in model.name and "Multi-News" in model.name
    assert set(model.weights) == set(pairs.FEATURES) and 0 < model.threshold < 1
