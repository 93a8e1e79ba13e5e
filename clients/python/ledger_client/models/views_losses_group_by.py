from enum import StrEnum

class ViewsLossesGroupBy(StrEnum):
    ADMIN1 = "admin1"
    DAY = "day"
    MONTH = "month"
    NONE = "none"
    PARTY = "party"
    WEEK = "week"

    def __str__(self) -> str:
        return str(self.value)
