from enum import StrEnum

class AgreementVerdict(StrEnum):
    CONSISTENT = "consistent"
    LEDGER_OVER = "ledger_over"
    LEDGER_SHORT = "ledger_short"

    def __str__(self) -> str:
        return str(self.value)
