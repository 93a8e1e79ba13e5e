""" Contains all the data models used in inputs/outputs """

from .affiliation import Affiliation
from .agreement import Agreement
from .agreement_verdict import AgreementVerdict
from .api_key import ApiKey
from .attribution import Attribution
from .casualties_reported import CasualtiesReported
from .casualty_group import CasualtyGroup
from .change import Change
from .change_change import ChangeChange
from .civilians_displaced import CiviliansDisplaced
from .claim import Claim
from .claim_corrected import ClaimCorrected
from .claim_corrected_changes import ClaimCorrectedChanges
from .claim_retracted import ClaimRetracted
from .claim_status import ClaimStatus
from .claims_linked import ClaimsLinked
from .claims_unlinked import ClaimsUnlinked
from .consistency_proof import ConsistencyProof
from .correction import Correction
from .correction_changes import CorrectionChanges
from .correction_previous import CorrectionPrevious
from .cosignatures import Cosignatures
from .cosigned import Cosigned
from .crew_fate import CrewFate
from .deployment import Deployment
from .deployments_view import DeploymentsView
from .digest import Digest
from .disagreement import Disagreement
from .displacement_row import DisplacementRow
from .displacement_row_kind import DisplacementRowKind
from .displacement_row_origin import DisplacementRowOrigin
from .displacement_view import DisplacementView
from .equipment_item import EquipmentItem
from .equipment_loss_claimed import EquipmentLossClaimed
from .equipment_total import EquipmentTotal
from .equipment_view import EquipmentView
from .estimate import Estimate
from .event_metadata import EventMetadata
from .event_page import EventPage
from .event_view import EventView
from .event_view_data import EventViewData
from .events_stream_events_response_200 import EventsStreamEventsResponse200
from .evidence import Evidence
from .exported_event import ExportedEvent
from .exported_event_data import ExportedEventData
from .exported_event_metadata import ExportedEventMetadata
from .field_error import FieldError
from .forces_deployed import ForcesDeployed
from .generation_status import GenerationStatus
from .grade_change import GradeChange
from .health import Health
from .incident_category import IncidentCategory
from .incident_history import IncidentHistory
from .incident_page import IncidentPage
from .incident_related import IncidentRelated
from .incident_relation import IncidentRelation
from .incident_reported import IncidentReported
from .incident_state import IncidentState
from .incident_state_status import IncidentStateStatus
from .incidents_list_incidents_format import IncidentsListIncidentsFormat
from .incidents_list_incidents_status_type_1 import IncidentsListIncidentsStatusType1
from .incidents_list_incidents_status_type_2_type_1 import IncidentsListIncidentsStatusType2Type1
from .incidents_list_incidents_status_type_3_type_1 import IncidentsListIncidentsStatusType3Type1
from .incidents_merged import IncidentsMerged
from .inclusion_proof import InclusionProof
from .issued_key import IssuedKey
from .key_list import KeyList
from .key_request import KeyRequest
from .ledger_sum import LedgerSum
from .link_state import LinkState
from .location import Location
from .loss_measure import LossMeasure
from .loss_row import LossRow
from .loss_status import LossStatus
from .losses_view import LossesView
from .mismatch import Mismatch
from .mismatch_problem import MismatchProblem
from .movement import Movement
from .occurred_time import OccurredTime
from .place_precision import PlacePrecision
from .platform_kind import PlatformKind
from .poison_list import PoisonList
from .pool_use import PoolUse
from .problem import Problem
from .projection_lag import ProjectionLag
from .projection_list import ProjectionList
from .projection_status import ProjectionStatus
from .proven_event import ProvenEvent
from .published_keys import PublishedKeys
from .qualifier import Qualifier
from .readiness import Readiness
from .rebuild_started import RebuildStarted
from .rebuilds_started import RebuildsStarted
from .receipt import Receipt
from .receipt_event import ReceiptEvent
from .reconciliation import Reconciliation
from .reconciliation_view import ReconciliationView
from .recorded_event import RecordedEvent
from .recorded_event_data import RecordedEventData
from .relation import Relation
from .reliability_grade import ReliabilityGrade
from .retraction import Retraction
from .revision import Revision
from .role import Role
from .row_evidence import RowEvidence
from .running_total_stated import RunningTotalStated
from .set_aside import SetAside
from .set_aside_event import SetAsideEvent
from .situation_figure import SituationFigure
from .situation_kind import SituationKind
from .situation_stated import SituationStated
from .situations_view import SituationsView
from .source_history import SourceHistory
from .source_kind import SourceKind
from .source_list import SourceList
from .source_registered import SourceRegistered
from .source_regraded import SourceRegraded
from .source_state import SourceState
from .sources_list_sources_format import SourcesListSourcesFormat
from .stream_events_page import StreamEventsPage
from .time_precision import TimePrecision
from .tree_consistency_proof import TreeConsistencyProof
from .verification import Verification
from .views_deployments_format import ViewsDeploymentsFormat
from .views_displacement_format import ViewsDisplacementFormat
from .views_equipment_format import ViewsEquipmentFormat
from .views_losses_format import ViewsLossesFormat
from .views_losses_group_by import ViewsLossesGroupBy
from .views_reconciliation_format import ViewsReconciliationFormat
from .views_situation_figures_format import ViewsSituationFiguresFormat
from .vitals import Vitals

__all__ = (
    "Affiliation",
    "Agreement",
    "AgreementVerdict",
    "ApiKey",
    "Attribution",
    "CasualtiesReported",
    "CasualtyGroup",
    "Change",
    "ChangeChange",
    "CiviliansDisplaced",
    "Claim",
    "ClaimCorrected",
    "ClaimCorrectedChanges",
    "ClaimRetracted",
    "ClaimsLinked",
    "ClaimStatus",
    "ClaimsUnlinked",
    "ConsistencyProof",
    "Correction",
    "CorrectionChanges",
    "CorrectionPrevious",
    "Cosignatures",
    "Cosigned",
    "CrewFate",
    "Deployment",
    "DeploymentsView",
    "Digest",
    "Disagreement",
    "DisplacementRow",
    "DisplacementRowKind",
    "DisplacementRowOrigin",
    "DisplacementView",
    "EquipmentItem",
    "EquipmentLossClaimed",
    "EquipmentTotal",
    "EquipmentView",
    "Estimate",
    "EventMetadata",
    "EventPage",
    "EventsStreamEventsResponse200",
    "EventView",
    "EventViewData",
    "Evidence",
    "ExportedEvent",
    "ExportedEventData",
    "ExportedEventMetadata",
    "FieldError",
    "ForcesDeployed",
    "GenerationStatus",
    "GradeChange",
    "Health",
    "IncidentCategory",
    "IncidentHistory",
    "IncidentPage",
    "IncidentRelated",
    "IncidentRelation",
    "IncidentReported",
    "IncidentsListIncidentsFormat",
    "IncidentsListIncidentsStatusType1",
    "IncidentsListIncidentsStatusType2Type1",
    "IncidentsListIncidentsStatusType3Type1",
    "IncidentsMerged",
    "IncidentState",
    "IncidentStateStatus",
    "InclusionProof",
    "IssuedKey",
    "KeyList",
    "KeyRequest",
    "LedgerSum",
    "LinkState",
    "Location",
    "LossesView",
    "LossMeasure",
    "LossRow",
    "LossStatus",
    "Mismatch",
    "MismatchProblem",
    "Movement",
    "OccurredTime",
    "PlacePrecision",
    "PlatformKind",
    "PoisonList",
    "PoolUse",
    "Problem",
    "ProjectionLag",
    "ProjectionList",
    "ProjectionStatus",
    "ProvenEvent",
    "PublishedKeys",
    "Qualifier",
    "Readiness",
    "RebuildsStarted",
    "RebuildStarted",
    "Receipt",
    "ReceiptEvent",
    "Reconciliation",
    "ReconciliationView",
    "RecordedEvent",
    "RecordedEventData",
    "Relation",
    "ReliabilityGrade",
    "Retraction",
    "Revision",
    "Role",
    "RowEvidence",
    "RunningTotalStated",
    "SetAside",
    "SetAsideEvent",
    "SituationFigure",
    "SituationKind",
    "SituationStated",
    "SituationsView",
    "SourceHistory",
    "SourceKind",
    "SourceList",
    "SourceRegistered",
    "SourceRegraded",
    "SourcesListSourcesFormat",
    "SourceState",
    "StreamEventsPage",
    "TimePrecision",
    "TreeConsistencyProof",
    "Verification",
    "ViewsDeploymentsFormat",
    "ViewsDisplacementFormat",
    "ViewsEquipmentFormat",
    "ViewsLossesFormat",
    "ViewsLossesGroupBy",
    "ViewsReconciliationFormat",
    "ViewsSituationFiguresFormat",
    "Vitals",
)
