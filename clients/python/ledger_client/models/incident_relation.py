from enum import StrEnum

class IncidentRelation(StrEnum):
    RESPONSE_TO = "response_to"
    SERIES = "series"

    def __str__(self) -> str:
        return str(self.value)
