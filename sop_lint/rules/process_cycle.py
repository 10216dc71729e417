"""Sub-processes run in a circle.

## What it does
Follows `process:` steps from process to sub-process and reports each group of processes
that run each other in a circle once: at the step where the shortest circle through the
first of them (by id) starts, with that circle spelled out.

## Why
A process that contains itself never ends on paper: whoever follows it is sent round in
a loop, and tools that draw or expand processes cannot.

## Bad
```yaml
# processes/publish-video.yaml
steps:
  - name: Promote it
    process: promote-new-video
# processes/promote-new-video.yaml
steps:
  - name: Publish the next video
    process: publish-video
```

## Good
```yaml
# processes/publish-video.yaml
steps:
  - name: Promote it
    process: promote-new-video
# processes/promote-new-video.yaml ends with its own steps
```
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from sop_lint.findings import Problem, Severity
from sop_lint.model.repository import Process, Repository
from sop_lint.model.summary import Step
from sop_lint.rules.base import SchemaCover

CODE = "R005"
NAME = "process-cycle"
SEVERITY = Severity.ERROR
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()
READS: frozenset[str] = frozenset({"id", "sub-processes"})


def check(repository: Repository) -> Iterator[Problem]:
    processes = {identifier: items[0] for identifier, items in repository.process_ids.items()}
    edges = {
        identifier: [step for step in process.steps if step.process in processes]
        for identifier, process in processes.items()
    }
    for component in _strongly_connected(edges):
        start = min(component)
        loop = _shortest_loop(start, component, edges)
        if loop is None:
            continue
        first_step = next(step for step in edges[start] if step.process == (loop[1] if len(loop) > 1 else start))
        yield _problem(processes[start], first_step, loop)


def _problem(process: Process, step: Step, loop: list[str]) -> Problem:
    circle = " → ".join([*loop, loop[0]])
    return Problem(
        process.path,
        process.document.position(("steps", step.index, "process")),
        f"process '{loop[0]}' runs itself through its sub-processes ({circle}): a process cannot contain itself",
        "cycle:" + ",".join(sorted(loop)),
    )


def _shortest_loop(start: str, component: set[str], edges: dict[str, list[Step]]) -> list[str] | None:
    """The shortest circle from `start` back to itself, as the list of processes on it."""
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        for step in edges[current]:
            target = step.process
            assert target is not None
            if target == start:
                loop = [current]
                while loop[-1] != start:
                    loop.append(came_from[loop[-1]])
                return loop[::-1]
            if target in component and target not in came_from:
                came_from[target] = current
                queue.append(target)
    return None


def _strongly_connected(edges: dict[str, list[Step]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative so that deep chains of sub-processes cannot overflow."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[set[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = [step.process for step in edges[node] if step.process]
            if position < len(targets):
                work.append((node, position + 1))
                target = targets[position]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            for target in targets:
                if target in on_stack:
                    low[node] = min(low[node], low[target])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                components.append(component)
    return components
