from enum import StrEnum

class IncidentCategory(StrEnum):
    AIR = "air"
    DEPLOYMENT = "deployment"
    DISPLACEMENT = "displacement"
    GROUND = "ground"
    NAVAL = "naval"
    OTHER = "other"
    POLITICAL = "political"
    SHELLING = "shelling"
    STRIKE = "strike"

    def __str__(self) -> str:
        return str(self.value)
