"""storyweave: news articles from many outlets in, stories with cited multi-source briefs out."""

__version__ = "0.1.0"
