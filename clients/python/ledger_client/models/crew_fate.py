from enum import StrEnum

class CrewFate(StrEnum):
    CAPTURED = "captured"
    EJECTED = "ejected"
    KILLED = "killed"
    MISSING = "missing"
    NOT_APPLICABLE = "not_applicable"
    RESCUED = "rescued"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return str(self.value)
