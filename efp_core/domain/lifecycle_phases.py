"""Life-cycle phases of a footprint."""
from enum import Enum


class LifeCyclePhases(str, Enum):
    MANUFACTURING = "Manufacturing"
    USAGE = "Usage"

    def __str__(self) -> str:
        return self.value
