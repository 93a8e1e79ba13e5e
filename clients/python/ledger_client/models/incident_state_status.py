from enum import StrEnum

class IncidentStateStatus(StrEnum):
    ACTIVE = "active"
    MERGED = "merged"
    RETRACTED = "retracted"

    def __str__(self) -> str:
        return str(self.value)
