"""The lawdb data model. Importing this package registers every table on ``Base.metadata``.

See ``docs/data-model.md`` for the diagram and the meaning of each table.
"""

from lawdb.db import Base
from lawdb.models.citations import Citation, CitationKind, CitationMention
from lawdb.models.documents import (
    Document,
    DocumentKind,
    ExtractionMethod,
    FileStatus,
    IngestJob,
    JobStatus,
    Page,
    SourceFile,
)
from lawdb.models.judgments import (
    BenchMember,
    CaseNumber,
    Counsel,
    Court,
    CourtLevel,
    Judge,
    Judgment,
    Party,
    PartyRole,
)
from lawdb.models.privacy import MaskedName
from lawdb.models.search import IndexAction, IndexOutbox
from lawdb.models.sentences import PunishmentKind, Sentence, SentenceStage
from lawdb.models.statutes import (
    Amendment,
    AmendmentAction,
    Provision,
    ProvisionKind,
    ProvisionVersion,
    Statute,
    StatuteAlias,
    StatuteKind,
    StatuteReference,
)
from lawdb.models.users import ApiToken, User

metadata = Base.metadata

__all__ = [
    "Amendment",
    "AmendmentAction",
    "ApiToken",
    "Base",
    "BenchMember",
    "CaseNumber",
    "Citation",
    "CitationKind",
    "CitationMention",
    "Counsel",
    "Court",
    "CourtLevel",
    "Document",
    "DocumentKind",
    "ExtractionMethod",
    "FileStatus",
    "IndexAction",
    "IndexOutbox",
    "IngestJob",
    "JobStatus",
    "Judge",
    "Judgment",
    "MaskedName",
    "Page",
    "Party",
    "PartyRole",
    "Provision",
    "ProvisionKind",
    "ProvisionVersion",
    "PunishmentKind",
    "Sentence",
    "SentenceStage",
    "SourceFile",
    "Statute",
    "StatuteAlias",
    "StatuteKind",
    "StatuteReference",
    "User",
    "metadata",
]
