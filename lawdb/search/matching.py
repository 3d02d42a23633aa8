"""Whoosh matchers and queries that lawdb needs fixed or added."""

from __future__ import annotations

from whoosh import query as wq
from whoosh.matching import NullMatcher
from whoosh.matching.wrappers import RequireMatcher


class _RequireMatcher(RequireMatcher):
    """Whoosh's RequireMatcher with two bugs fixed: skipping by block quality asserted when
    both sides were already on the same document, and ``replace`` dropped the replaced filter."""

    def skip_to_quality(self, minquality):
        skipped = self.a.skip_to_quality(minquality)
        a, b = self.a, self.b
        if a.is_active() and b.is_active() and a.id() != b.id():
            self.child._find_next()
        return skipped

    def replace(self, minquality=0):
        if not self.child.is_active():
            return NullMatcher()
        if minquality and self.a.max_quality() < minquality:
            return NullMatcher()
        new_a = self.a.replace(minquality)
        new_b = self.b.replace()
        if not (new_a.is_active() and new_b.is_active()):
            return NullMatcher()
        if new_a is not self.a or new_b is not self.b:
            return self.__class__(new_a, new_b)
        return self


class Require(wq.Require):
    """Matches ``a`` and ``b``, scored by ``a`` alone: a filter that leaves relevance alone."""

    def matcher(self, searcher, context=None):
        scored = self.a.matcher(searcher, context)
        required = self.b.matcher(searcher, searcher.boolean_context())
        return _RequireMatcher(scored, required)
