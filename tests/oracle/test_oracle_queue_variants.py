"""The queue-refusal variants (``tests/test_queue_variants.py``) through Hadoop 3.4.1: the RM
must refuse exactly the variants where yarnlint reports a queue refusal (``--accept``)."""

from __future__ import annotations

from pathlib import Path

from oracle_support import require_oracle, run_oracle
from test_queue_variants import VARIANTS, refusals, variant_xml


def test_queue_variants_agree_with_hadoop(tmp_path: Path) -> None:
    require_oracle()
    files = []
    for name, (changes, _, _) in VARIANTS.items():
        files.append(tmp_path / f"{name}.xml")
        files[-1].write_text(variant_xml(changes), encoding="utf-8")
    verdicts = run_oracle(["--accept", *map(str, files)])
    disagreements = [(path.stem, verdict["accepted"], verdict.get("message"), refusals(path))
                     for path, verdict in zip(files, verdicts, strict=True)
                     if bool(refusals(path)) is bool(verdict["accepted"])]
    assert disagreements == []
