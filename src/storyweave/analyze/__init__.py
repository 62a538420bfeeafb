"""Analyze: what a reader learns from many articles together and from no single one.

Entities with aliases merged across outlets, quotes with every outlet that carried them, a
timeline of dated events, where outlets disagree (or the story developed), and each article's
coverage of the shared facts. Each module is a plain function over the story's articles.
"""
