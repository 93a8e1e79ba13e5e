from enum import StrEnum

class IncidentsListIncidentsStatusType2Type1(StrEnum):
    ACTIVE = "active"
    MERGED = "merged"
    RETRACTED = "retracted"

    def __str__(self) -> str:
        return str(self.value)
