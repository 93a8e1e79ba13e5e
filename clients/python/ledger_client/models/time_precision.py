from enum import StrEnum

class TimePrecision(StrEnum):
    DAY = "day"
    EXACT = "exact"
    MONTH = "month"
    WEEK = "week"

    def __str__(self) -> str:
        return str(self.value)
