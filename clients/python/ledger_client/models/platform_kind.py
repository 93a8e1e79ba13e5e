from enum import StrEnum

class PlatformKind(StrEnum):
    AIR_DEFENSE = "air_defense"
    ARMOR = "armor"
    ARTILLERY = "artillery"
    DRONE = "drone"
    FIXED_WING = "fixed_wing"
    HELICOPTER = "helicopter"
    OTHER = "other"
    VESSEL = "vessel"

    def __str__(self) -> str:
        return str(self.value)
