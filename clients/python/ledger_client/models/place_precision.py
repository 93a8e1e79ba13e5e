from enum import StrEnum

class PlacePrecision(StrEnum):
    COUNTRY = "country"
    DISTRICT = "district"
    EXACT = "exact"
    NEAR = "near"
    PROVINCE = "province"

    def __str__(self) -> str:
        return str(self.value)
