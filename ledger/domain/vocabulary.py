"""The closed vocabularies reports are written in."""

from __future__ import annotations

import enum


class SourceKind(enum.StrEnum):
    """What kind of body a source is."""

    GOVERNMENT = "government"
    MILITARY = "military"
    STATE_MEDIA = "state_media"
    NEWS_AGENCY = "news_agency"
    NGO = "ngo"
    SOCIAL_MEDIA = "social_media"
    OTHER = "other"


class ReliabilityGrade(enum.StrEnum):
    """Reliability of a source, A (completely reliable) to F (cannot be judged)."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"


class IncidentCategory(enum.StrEnum):
    """What kind of incident was reported."""

    AIR = "air"
    GROUND = "ground"
    STRIKE = "strike"
    SHELLING = "shelling"
    NAVAL = "naval"
    DEPLOYMENT = "deployment"
    DISPLACEMENT = "displacement"
    POLITICAL = "political"
    OTHER = "other"


class TimePrecision(enum.StrEnum):
    """How precisely a source placed an incident in time."""

    EXACT = "exact"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class PlacePrecision(enum.StrEnum):
    """How precisely a source placed an incident on the map."""

    EXACT = "exact"
    NEAR = "near"
    DISTRICT = "district"
    PROVINCE = "province"
    COUNTRY = "country"


class CasualtyGroup(enum.StrEnum):
    """Whom casualties belong to."""

    MILITARY = "military"
    CIVILIAN = "civilian"
    UNKNOWN = "unknown"


class PlatformKind(enum.StrEnum):
    """The kind of equipment lost."""

    FIXED_WING = "fixed_wing"
    HELICOPTER = "helicopter"
    DRONE = "drone"
    ARMOR = "armor"
    ARTILLERY = "artillery"
    AIR_DEFENSE = "air_defense"
    VESSEL = "vessel"
    OTHER = "other"


class LossStatus(enum.StrEnum):
    """What became of lost equipment."""

    DESTROYED = "destroyed"
    DAMAGED = "damaged"
    CAPTURED = "captured"
    ABANDONED = "abandoned"
    UNKNOWN = "unknown"


class CrewFate(enum.StrEnum):
    """What became of a lost platform's crew."""

    UNKNOWN = "unknown"
    EJECTED = "ejected"
    KILLED = "killed"
    CAPTURED = "captured"
    RECOVERED = "recovered"


class Movement(enum.StrEnum):
    """Whether forces arrived or left."""

    DEPLOY = "deploy"
    WITHDRAW = "withdraw"


class LossMeasure(enum.StrEnum):
    """What a running total counts."""

    KILLED = "killed"
    WOUNDED = "wounded"
    CAPTURED = "captured"
    MISSING = "missing"
    LOSSES = "losses"
