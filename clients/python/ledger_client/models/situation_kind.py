from enum import StrEnum

class SituationKind(StrEnum):
    DEPLOYMENT = "deployment"
    DISPLACEMENT_FLOW = "displacement_flow"
    DISPLACEMENT_STOCK = "displacement_stock"
    TOLL = "toll"

    def __str__(self) -> str:
        return str(self.value)
