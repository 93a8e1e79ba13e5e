from enum import StrEnum

class DisplacementRowOrigin(StrEnum):
    INCIDENT = "incident"
    SITUATION = "situation"

    def __str__(self) -> str:
        return str(self.value)
