from enum import StrEnum

class SourceKind(StrEnum):
    GOVERNMENT = "government"
    MILITARY = "military"
    NEWS_AGENCY = "news_agency"
    NGO = "ngo"
    OTHER = "other"
    SOCIAL_MEDIA = "social_media"
    STATE_MEDIA = "state_media"

    def __str__(self) -> str:
        return str(self.value)
