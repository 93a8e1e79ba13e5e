from enum import StrEnum

class Movement(StrEnum):
    DEPLOY = "deploy"
    WITHDRAW = "withdraw"

    def __str__(self) -> str:
        return str(self.value)
