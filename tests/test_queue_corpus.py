"""Every corpus capacity-scheduler file classified: does Hadoop 3.4.1 start with it (as the
oracle says, ``tests/oracle/test_oracle_acceptance.py``), and which refusals yarnlint reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS, corpus_files

from yarnlint.core.findings import Severity
from yarnlint.pipeline.linter import Linter
from yarnlint.pipeline.options import LintOptions

FILES = corpus_files()
REFUSING = ("YL000", "YL004")
"""Non-queue rules whose errors also mean the RM cannot load the file."""

# file -> (Hadoop starts with it, the yarn-site it is paired with, yarnlint's refusing rules)
CLASSIFIED: dict[str, tuple[bool, str | None, set[str]]] = {
    "alayton123__fs2cs_enhancements__uers2_output_capacity-scheduler.xml":
        (True, "alayton123__fs2cs_enhancements__uers2_output_yarn-site.xml", set()),
    "apache__ambari__ambari-server_src_main_resources_common-services_YARN_2.1.0.2.0_"
    "configuration_capacity-scheduler.xml": (True, None, set()),
    # an Ambari template with no scheduler key: no root.queues (yarnlint: YL006, a warning)
    "apache__ambari__ambari-server_src_main_resources_stacks_HDP_2.5_services_YARN_"
    "configuration_capacity-scheduler.xml": (False, None, set()),
    "apache__hadoop__hadoop-yarn-server-resourcemanager_conf_capacity-scheduler.xml":
        (True, None, set()),
    # root.default has auto-creation, so it is a parent, and 'fair' is a leaf policy
    "apache__hadoop__hadoop-yarn-server-resourcemanager_src_test_resources_cs-validation-fail_"
    "capacity-scheduler.xml": (False, None, {"YL209"}),
    # root.Applications is a parent with the leaf policy 'fifo'
    "ddimatos__blog-manage-queue-acls__conf_capacity-scheduler.xml": (False, None, {"YL209"}),
    "hzyfox__scripts__capacity-scheduler.xml": (True, None, set()),
    "jirakst__Yarn__capacity-scheduler.xml": (True, None, set()),
    "kphan102__hadoop-conf__capacity-scheduler.xml": (True, None, set()),
    "kris37__qyer-test-cluster__capacity-scheduler.xml": (True, None, set()),
    # its yarn-site sets yarn.scheduler.minimum-allocation-mb to itself: getInt fails
    "oxhead__hadoop_experiment__conf_capacity-scheduler.xml":
        (False, "oxhead__hadoop_experiment__conf_yarn-site.xml", {"YL210"}),
    "raswaminathan__yarnapplicationstatistics__capacity-scheduler.xml": (True, None, set()),
    "rmgpinto__hdp_conf__conf_capacity-scheduler.xml": (True, None, set()),
    # MRv1 CapacityTaskScheduler file: no root.queues (yarnlint: YL006, a warning)
    "rvs__hdeploy__conf_capacity-scheduler.xml": (False, None, set()),
    # root's label 'default' has capacity 100 (root is fixed) and root.default none in it
    "skmathew__hdp22-Pentaho-shim-files__capacity-scheduler.xml": (False, None, {"YL203"}),
    # not well-formed XML
    "sunternet__hadoop_basic__capacity-scheduler.xml": (False, None, {"YL000"}),
    "teralex79__hadoop__etc_hadoop_capacity-scheduler.xml": (True, None, set()),
    "vicentebolea__hadoop-etc__capacity-scheduler.xml": (True, None, set()),
    "vicentebolea__hadoop-etc__capacity-scheduler__at-acb03d9.xml":
        (True, "vicentebolea__hadoop-etc__yarn-site__at-acb03d9.xml", set()),
    # root is a parent with the leaf policy 'fair'
    "zhengxle__hadoop-scheduler-config__capacity-scheduler.xml": (False, None, {"YL209"}),
    "zhm-bigdata__ourCluster__etc_hadoop_capacity-scheduler.xml": (True, None, set()),
}
NOT_SCHEDULER_FILES = {name for name, (_, _, ids) in CLASSIFIED.items()
                       if not ids and not CLASSIFIED[name][0]}
"""Files Hadoop refuses because they configure no queue at all (yarnlint: YL006)."""


def refusing_rules(path: Path, yarn_site: Path | None) -> set[str]:
    result = Linter().lint_file(path, LintOptions(yarn_site=yarn_site), path.name)
    return {f.rule_id for f in result.findings if f.severity == Severity.ERROR
            and (f.rule_id.startswith("YL2") or f.rule_id in REFUSING)}


def _site(name: str) -> Path | None:
    pair = CLASSIFIED[name][1]
    return CORPUS / pair if pair else None


@pytest.mark.skipif(not FILES, reason="../shared/corpus not available")
def test_every_corpus_file_is_classified() -> None:
    assert {path.name for path in FILES} == set(CLASSIFIED)


@pytest.mark.skipif(not FILES, reason="../shared/corpus not available")
@pytest.mark.parametrize("name", sorted(CLASSIFIED), ids=lambda n: n[:50])
def test_corpus_refusals(name: str) -> None:
    accepted, _, expected = CLASSIFIED[name]
    found = refusing_rules(CORPUS / name, _site(name))
    assert found == expected
    if name not in NOT_SCHEDULER_FILES:
        assert bool(found) is not accepted
