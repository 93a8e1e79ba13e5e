from enum import StrEnum

class Qualifier(StrEnum):
    APPROXIMATELY = "approximately"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    EXACT = "exact"
    VAGUE = "vague"

    def __str__(self) -> str:
        return str(self.value)
