from enum import StrEnum

class Affiliation(StrEnum):
    ALLIED_ARMED_GROUP = "allied_armed_group"
    CIVILIAN = "civilian"
    IRREGULAR = "irregular"
    REGULAR = "regular"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return str(self.value)
