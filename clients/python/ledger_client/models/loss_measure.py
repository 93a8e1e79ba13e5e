from enum import StrEnum

class LossMeasure(StrEnum):
    CAPTURED = "captured"
    KILLED = "killed"
    LOSSES = "losses"
    MISSING = "missing"
    WOUNDED = "wounded"

    def __str__(self) -> str:
        return str(self.value)
