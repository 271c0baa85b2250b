"""Does the RM accept this file: Hadoop 3.4.1's verdict on every corpus capacity-scheduler.xml
against yarnlint's error findings (``conformance/hadoop-oracle/run --accept``).

Where Hadoop refuses a file yarnlint must report an error; where yarnlint says the file
cannot be read (YL000), Hadoop must refuse it. ``NO_RULE_YET`` lists the refusals no rule
catches yet: they xfail, and fail once a rule catches them, until removed from the list.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, corpus_files, run_cli
from oracle_support import require_oracle, run_oracle

FILES = corpus_files()
# capacity-scheduler.xml -> the yarn-site.xml found beside it in the corpus
YARN_SITES = {
    "alayton123__fs2cs_enhancements__uers2_output_capacity-scheduler.xml":
        "alayton123__fs2cs_enhancements__uers2_output_yarn-site.xml",
    "oxhead__hadoop_experiment__conf_capacity-scheduler.xml":
        "oxhead__hadoop_experiment__conf_yarn-site.xml",
    "vicentebolea__hadoop-etc__capacity-scheduler__at-acb03d9.xml":
        "vicentebolea__hadoop-etc__yarn-site__at-acb03d9.xml",
}
NO_RULE_YET = {
    "apache__ambari__ambari-server_src_main_resources_stacks_HDP_2.5_services_YARN_"
    "configuration_capacity-scheduler.xml": "root without yarn.scheduler.capacity.root.queues "
    "in a file with no scheduler key at all (YL006, a warning)",
    "rvs__hdeploy__conf_capacity-scheduler.xml": "root without yarn.scheduler.capacity.root.queues "
    "in a file with no scheduler key at all (YL006, a warning)",
}


def _yarn_site(path: Path) -> Path | None:
    name = YARN_SITES.get(path.name)
    return CORPUS / name if name else None


@pytest.fixture(scope="module")
def verdicts() -> dict[str, dict[str, Any]]:
    """Hadoop's verdict per corpus file, files without a yarn-site.xml in one JVM."""
    require_oracle()
    plain = [str(path) for path in FILES if _yarn_site(path) is None]
    results = run_oracle(["--accept", *plain]) if plain else []
    found = {Path(result["file"]).name: result
             for result in (results if isinstance(results, list) else [results])}
    for path in FILES:
        site = _yarn_site(path)
        if site is not None:
            found[path.name] = run_oracle(["--accept", str(path), "--yarn-site", str(site)])
    return found


def _errors(path: Path) -> list[str]:
    site = _yarn_site(path)
    result = run_cli("check", path, *(["--yarn-site", site] if site else []), "--format", "json")
    return sorted({finding["rule_id"] for finding in json.loads(result.stdout)["findings"]
                   if finding["severity"] == "error"})


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem[:60])
def test_refused_files_have_an_error_finding(path: Path,
                                             verdicts: dict[str, dict[str, Any]]) -> None:
    verdict = verdicts[path.name]
    errors = _errors(path)
    if path.name in NO_RULE_YET:
        assert not verdict["accepted"], "Hadoop accepts a file listed as refused"
        assert not errors, f"caught now ({errors}): remove it from NO_RULE_YET"
        pytest.xfail(f"Hadoop: {verdict['message']}; no rule yet for {NO_RULE_YET[path.name]}")
    if not verdict["accepted"]:
        assert errors, f"Hadoop refuses it ({verdict['message']}); yarnlint reports no error"
    if "YL000" in errors:
        assert not verdict["accepted"], "yarnlint says unreadable, Hadoop accepts it"
