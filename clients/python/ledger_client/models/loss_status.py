from enum import StrEnum

class LossStatus(StrEnum):
    ABANDONED = "abandoned"
    CAPTURED = "captured"
    DAMAGED = "damaged"
    DESTROYED = "destroyed"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return str(self.value)
