from enum import StrEnum

class DisplacementRowKind(StrEnum):
    FLOW = "flow"
    STOCK = "stock"

    def __str__(self) -> str:
        return str(self.value)
