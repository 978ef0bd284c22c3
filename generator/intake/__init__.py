"""Tenants' responses, exported from a form service, taken into the project's private folder.

``odx intake responses.csv`` reads a CSV export, maps its columns to the fields of the site's
"have your say" form (:mod:`generator.intake.form`, :mod:`generator.intake.mapping`), checks
each response against the loaded ODX packages (:mod:`generator.intake.checks`), screens its
free text with the privacy gate's detectors, and stores it in ``odx.responses_dir``
(:mod:`generator.intake.private`), which is never published. ``odx intake-issue`` records a
maintainer's decision on a correction sent as a GitHub issue in the package's corrections.csv
(:mod:`generator.intake.issues`); ``odx intake issues.json`` queues the correction issues of a
GitHub export for ``odx review`` (:mod:`generator.intake.issue_export`). See docs/intake.md.
"""
