"""Which calculated attribute is being computed right now, so that every read becomes a dependency edge."""
from __future__ import annotations

from typing import Any, Callable

Node = tuple[Any, str]  # (modeling object, attribute name)


class Tracker:
    """The stack of attributes being computed and the reads each one made."""

    def __init__(self) -> None:
        self.stack: list[Node] = []
        self.reads: list[dict[Node, None]] = []
        self.in_stack: set[Node] = set()
        # Set during a simulation: maps a read (node, value) to the value the formula should see.
        self.read_filter: Callable[[Node, Any], Any] | None = None

    def push(self, node: Node) -> None:
        self.stack.append(node)
        self.reads.append({})
        self.in_stack.add(node)

    def pop(self) -> dict[Node, None]:
        node = self.stack.pop()
        self.in_stack.discard(node)
        return self.reads.pop()

    def record(self, node: Node) -> None:
        if self.reads:
            self.reads[-1][node] = None


TRACKER = Tracker()
