"""The closed vocabularies reports are written in."""

from __future__ import annotations

import enum
from typing import Final


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
    """What became of a lost platform's crew, as far as the source tells."""

    NOT_APPLICABLE = "not_applicable"
    """The platform had no crew: a drone."""
    EJECTED = "ejected"
    """They left the platform alive ("the pilots ejected safely"); nothing said after."""
    RESCUED = "rescued"
    """Brought back by their own side (version 1 of the event called it ``recovered``)."""
    KILLED = "killed"
    CAPTURED = "captured"
    MISSING = "missing"
    UNKNOWN = "unknown"


UNCREWED_FATES: Final = frozenset({CrewFate.NOT_APPLICABLE, CrewFate.UNKNOWN})
"""The crew fates a drone may have."""


class Affiliation(enum.StrEnum):
    """Whom combatants fight for (ACLED's actor types, UCDP's sides)."""

    REGULAR = "regular"
    """A state's own forces: "Syrian troops"."""
    ALLIED_ARMED_GROUP = "allied_armed_group"
    """An armed group fighting beside a party, named in ``allied_to``: "allied gunmen"."""
    IRREGULAR = "irregular"
    """Armed men of no state and no named alliance: rebels, militias."""
    CIVILIAN = "civilian"
    UNKNOWN = "unknown"


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


class IncidentRelation(enum.StrEnum):
    """How one incident is tied to another (two found to be one are merged instead)."""

    SERIES = "series"
    """One of a series with it: "the third such incident in as many days"."""
    RESPONSE_TO = "response_to"
    """Done in response to it: "after Syria's air defences shot down one of its drones"."""


class SituationKind(enum.StrEnum):
    """What a figure about a conflict, area and period (not one incident) counts."""

    DEPLOYMENT = "deployment"
    """Forces sent in: "Turkey has sent thousands of troops into Idlib"."""
    TOLL = "toll"
    """Casualties over the period: "clashes have killed dozens on both sides"."""
    DISPLACEMENT_FLOW = "displacement_flow"
    """People who fled during the period: "almost a million have fled"."""
    DISPLACEMENT_STOCK = "displacement_stock"
    """People displaced at a moment: "Turkey hosts over 3.5 million refugees"."""
