"""Security tests: who may call what, cross-site request forgery, cookies and limits, and script injection.

The small community they run against is `tests.factories.build_world`.
"""
