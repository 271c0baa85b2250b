"""Queue ACLs that restrict less than they seem: open parents, dropped values, spaces.

Why it matters on YARN: a user may submit to a leaf when the submit or the administer ACL of
the leaf or of any ancestor lets them in (``RMAppManager``, ``ConfiguredYarnAuthorizer``), and
root's ACLs default to ``*`` (``CapacitySchedulerConfiguration.getAcl``; other queues default
to nobody). So an ACL on a leaf restricts nothing while root (or another ancestor) still
allows everyone. An empty ``<value></value>`` is dropped, so an empty root ACL means
everyone, while a single space means nobody. ``AccessControlList`` takes users before the
first space and groups after it: ``alice, bob`` makes ``bob`` a group, a leading space makes
every name a group, and ``*`` is everyone only when it stands alone. None of this is
enforced unless ``yarn.acl.enable`` is true in yarn-site.xml (default false).

Example: ``root.prod.acl_submit_applications`` = ``etl`` with no root ACL: everyone may
submit to root.prod.

Fix: set ``yarn.scheduler.capacity.root.acl_submit_applications`` and
``acl_administer_queue`` to a single space (or to the admins), then grant per queue.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from yarnlint.config.known_keys import PREFIX
from yarnlint.findings import Problem, Severity
from yarnlint.model.capacity import Acl
from yarnlint.model.queues import ACL_KINDS, Queue, QueueTree, judged_tree
from yarnlint.model.values import parse_boolean
from yarnlint.rules import RuleContext

if TYPE_CHECKING:
    from yarnlint.config.xmlload import PropertyDef

ID = "YL214"
NAME = "queue.acl-open"
SEVERITY = "warning"
ACL_ENABLE = "yarn.acl.enable"


def spelling_problem(acl: Acl) -> str | None:
    """How the written ACL reads differently from what it seems to say, or None."""
    written = acl.written
    if acl.everyone or acl.nobody:
        return None
    if "*" in written:
        return "'*' grants everyone only when it stands alone; here it is read as a name"
    users, _, groups = written.partition(" ")
    if not users.strip() and groups.strip():
        return "it starts with a space, so every name in it is read as a group"
    if users.endswith(",") and groups.strip():
        return (f"the space after '{users}' ends the user list: "
                f"{', '.join(acl.groups)} {'is' if len(acl.groups) == 1 else 'are'} "
                "read as groups")
    return None


def _open_leaves(tree: QueueTree) -> Iterator[Problem]:
    """Leaves with a restrictive ACL on their path below an ancestor that allows everyone."""
    acls: dict[tuple[str, str], tuple[Acl, PropertyDef | None]] = {}

    def acl_of(queue: Queue, kind: str) -> tuple[Acl, PropertyDef | None]:
        """``tree.acl``, read once per queue however many leaves lie below it."""
        key = (queue.path, kind)
        if key not in acls:
            acls[key] = tree.acl(queue, kind)
        return acls[key]

    for queue in tree.leaves:
        path = [queue, *queue.ancestors()]
        for depth, holder in enumerate(path):
            written = [(kind, acl, prop) for kind in ACL_KINDS
                       if tree.prop(holder.path, kind) is not None
                       for acl, prop in [acl_of(holder, kind)]
                       if prop is not None and not acl.everyone]
            if not written:
                continue
            opener = next(((above, kind) for above in path[depth + 1:] for kind in ACL_KINDS
                           if acl_of(above, kind)[0].everyone), None)
            if opener is None:
                continue
            above, kind = opener
            why = (f"{above.path}.{kind} is unset (root's default is *)"
                   if tree.prop(above.path, kind) is None else f"{above.path}.{kind} is *")
            _, acl, prop = written[0]
            yield Problem(f"anyone may submit to {queue.path}: {why}, and an ancestor's ACL "
                          f"grants its whole subtree, so {prop.name.rpartition('.')[0]}."
                          f"{written[0][0]} = {prop.value!r} ({acl.describe()}) restricts "
                          "nothing", prop.location, key=prop.name, value=prop.value)
            break


def check(ctx: RuleContext) -> Iterator[Problem]:
    """Leaves open to everyone despite written ACLs; dropped and misread ACL values."""
    model = ctx.model
    tree = judged_tree(model)
    if tree is None:
        return
    yield from _open_leaves(tree)
    acl_props = [p for p in model.conf.definitions if p.name.startswith(PREFIX)
                 and p.name.rpartition(".")[2] in ACL_KINDS]
    for prop in acl_props:
        if prop.value is None and prop.name.rpartition(".")[0] == PREFIX + "root" \
                and prop.name not in model.conf.effective:
            yield Problem(f"{prop.name} is empty, and an empty value is dropped: root's "
                          "default * applies and everyone is allowed (a single space means "
                          "nobody)", prop.location, key=prop.name)
        elif prop.value is not None and model.conf.effective.get(prop.name) is prop:
            problem = spelling_problem(Acl.parse(model.conf.expand(prop.value).value))
            if problem is not None:
                yield Problem(f"{prop.name} = {prop.value!r}: {problem}", prop.location,
                              key=prop.name, value=prop.value)
    enabled = model.conf.get(ACL_ENABLE)
    if acl_props and len(model.files) > 1 and (enabled is None or not parse_boolean(enabled)):
        first = acl_props[0]
        yield Problem(f"queue ACLs are not enforced: {ACL_ENABLE} is not true in the yarn-site "
                      "given, so every user may submit to and administer every queue",
                      first.location, key=first.name, severity=Severity.INFO)
