from enum import StrEnum

class CasualtyGroup(StrEnum):
    CIVILIAN = "civilian"
    MILITARY = "military"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return str(self.value)
