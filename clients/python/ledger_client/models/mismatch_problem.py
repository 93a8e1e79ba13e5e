from enum import StrEnum

class MismatchProblem(StrEnum):
    ALTERED = "altered"
    CHAIN_ALTERED = "chain-altered"
    INSERTED = "inserted"
    MISSING = "missing"
    REORDERED = "reordered"

    def __str__(self) -> str:
        return str(self.value)
