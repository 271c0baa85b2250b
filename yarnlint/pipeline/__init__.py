"""The one lint pipeline: settings, load, model, cluster, rules, suppressions, fixes placed,
baseline, re-run commands (:class:`yarnlint.pipeline.linter.Linter`)."""
