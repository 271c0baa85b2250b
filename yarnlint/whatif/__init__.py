"""The what-if layer: workloads, the cluster layout, cached runs, the search and the verdict.

Rules name what they judge (a group of keys) and get a judgement back from
:mod:`yarnlint.whatif.verdicts`: the run of the user's own settings (as YARN will use them),
the best combination found and whether it matters. This is the only package that runs
:mod:`yarnlint.sim`, and it imports the simulator only when a run is not cached; this file
imports nothing, so reading the workload names (``check --workload``) stays cheap.
"""
