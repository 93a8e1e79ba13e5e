"""The domain's errors: each carries the data a caller needs, never a status code."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every rule the domain enforces."""


class RuleViolationError(DomainError):
    """A report breaks a rule of the ledger; ``field`` names the part that does."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class UnknownSourceError(RuleViolationError):
    """A report is attributed to a source the ledger has not registered."""

    def __init__(self, source_id: str, *, field: str = "attribution.source_id") -> None:
        super().__init__(f"source {source_id!r} is not registered", field=field)
        self.source_id = source_id


class ClaimNotFoundError(RuleViolationError):
    """A correction or retraction targets no claim of this incident."""

    def __init__(self, incident_id: str, target_event_id: str) -> None:
        super().__init__(
            f"incident {incident_id!r} has no claim {target_event_id}", field="target_event_id"
        )
        self.incident_id = incident_id
        self.target_event_id = target_event_id


class ClaimRetractedError(RuleViolationError):
    """A correction or retraction targets a claim that was already retracted."""

    def __init__(self, target_event_id: str) -> None:
        super().__init__(f"claim {target_event_id} was retracted", field="target_event_id")
        self.target_event_id = target_event_id


class InvalidCorrectionError(RuleViolationError):
    """A correction changes a field that cannot change, or leaves the claim invalid."""


class IncidentClosedError(RuleViolationError):
    """An incident was merged into another or retracted and takes no more reports."""

    def __init__(self, incident_id: str, reason: str) -> None:
        super().__init__(f"incident {incident_id!r} {reason}", field="incident_id")
        self.incident_id = incident_id


class MergeRefusedError(RuleViolationError):
    """Two incidents cannot be merged as asked."""


class NotFoundError(DomainError):
    """A source or incident the request names does not exist."""

    def __init__(self, kind: str, identifier: str) -> None:
        super().__init__(f"{kind} {identifier!r} does not exist")
        self.kind = kind
        self.identifier = identifier


class InvalidRelayError(RuleViolationError):
    """A relay names a statement that is not its originator's."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="attribution.relays_claim")


class RelayLoopError(InvalidRelayError):
    """A relay repeats a statement that relays the relaying source itself."""


class TimeZoneRequiredError(RuleViolationError):
    """An incident in a country of several time zones names none."""

    def __init__(self, country: str, zones: tuple[str, ...]) -> None:
        within = f"spans the zones {', '.join(zones)}" if zones else "has no zone of its own"
        super().__init__(
            f"country {country!r} {within}: state the incident's time_zone", field="time_zone"
        )
        self.country = country


class UnknownIncidentError(RuleViolationError):
    """A report names incidents the ledger does not hold."""

    def __init__(self, incident_ids: list[str], *, field: str) -> None:
        super().__init__(f"unknown incidents: {', '.join(map(repr, incident_ids))}", field=field)
        self.incident_ids = incident_ids


class AlreadyExistsError(DomainError):
    """A source or incident with this id exists already."""

    def __init__(self, kind: str, identifier: str) -> None:
        super().__init__(f"{kind} {identifier!r} exists already")
        self.kind = kind
        self.identifier = identifier


class UnreadableEventError(DomainError):
    """A stored event cannot be brought to a version this code reads."""

    def __init__(self, event_type: str, schema_version: int, reason: str) -> None:
        super().__init__(f"cannot read {event_type} v{schema_version}: {reason}")
        self.event_type = event_type
        self.schema_version = schema_version


class UnreadableStreamError(DomainError):
    """A stream's first event, which every later one builds on, cannot be read."""

    def __init__(self, kind: str, identifier: str, reason: str) -> None:
        super().__init__(f"{kind} {identifier!r} cannot be read: {reason}")
        self.kind = kind
        self.identifier = identifier
