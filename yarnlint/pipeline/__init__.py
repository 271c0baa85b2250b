"""The one lint pipeline: settings, load, model, cluster, rules, fixes placed, suppressions,
baseline, re-run commands (:class:`yarnlint.pipeline.linter.Linter`)."""
