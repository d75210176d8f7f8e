"""The .fulian package: export, verify, import (what villages send upward).

Public API:
    export_package(out_path, scope_from=None, scope_to=None, photos=True, id_numbers="omitted", progress=None)
        -> ExportResult
    default_package_name(unit=None, now=None) -> "<code>_<unit name>_<YYYYMMDD-HHMMSS>.fulian"
    verify_package(path) -> Package                (raises PackageError; writes nothing)
    import_package(path, dry_run=False, progress=None, choose_installation=None, backup=True,
                   trust_keys=(), accept_unsigned=()) -> ImportResult
                                                    (raises UnconfirmedPackage for a key not trusted here)
    installation_fingerprint() -> str | None        (this installation's key, as cover sheets print it)
    is_read_only(record) -> bool                    (records of units below are not edited here)
    last_export() -> LastExport | None              (the last package written from this database)
    changed_since(moment) -> int                    (travelling records saved after a moment)
    ImportLog                                       (the import_log table)
    list_imports(unit_code=None) -> list[ImportEntry]   (imports of a unit and the units below it, newest first)
    later_imports(import_id) -> list[ImportEntry]   (what rolling back import_id rolls back with it)
    roll_back_import(import_id, progress=None, backup=True) -> RollbackResult
                                                    (raises RollbackError; one transaction; an import that
                                                    made its key trusted takes that trust back)
    trusted_installations() -> list[TrustedInstallation]   (the keys trusted per unit, with fingerprints)
    find_trusted(fingerprint, unit_code=None) -> list[TrustedInstallation]
    revoke_trust(unit_code, fingerprint) -> TrustedInstallation
                                                    (raises TrustError; its next package needs confirming)
"""

from .export import (
    ExportResult,
    LastExport,
    changed_since,
    default_package_name,
    export_package,
    last_export,
    next_sequence,
)
from .importer import (
    ALREADY_IMPORTED,
    IMPORTED,
    LARGE_REMOVAL_SHARE,
    PHONES_FULL,
    PHONES_MASKED,
    PHONES_UNSTATED,
    Confirmation,
    ImportChange,
    ImportLog,
    ImportResult,
    LargeRemoval,
    SnapshotInfo,
    TableCounts,
    UnconfirmedPackage,
    import_package,
    is_read_only,
)
from .manifest import FORMAT, FORMAT_VERSION, Manifest, PackageError
from .rollback import ImportEntry, RollbackError, RollbackResult, later_imports, list_imports, roll_back_import
from .signing import ensure_installation_key, fingerprint, installation_fingerprint
from .trust import TrustedInstallation, TrustError, find_trusted, revoke_trust, trusted_installations
from .verify import Package, read_manifest, verify_package

__all__ = [
    "ALREADY_IMPORTED",
    "FORMAT",
    "FORMAT_VERSION",
    "IMPORTED",
    "PHONES_FULL",
    "PHONES_MASKED",
    "PHONES_UNSTATED",
    "TrustError",
    "TrustedInstallation",
    "find_trusted",
    "revoke_trust",
    "trusted_installations",
    "LARGE_REMOVAL_SHARE",
    "Confirmation",
    "ImportChange",
    "ImportEntry",
    "LargeRemoval",
    "RollbackError",
    "RollbackResult",
    "later_imports",
    "list_imports",
    "roll_back_import",
    "ExportResult",
    "ImportLog",
    "ImportResult",
    "LastExport",
    "Manifest",
    "Package",
    "PackageError",
    "SnapshotInfo",
    "TableCounts",
    "UnconfirmedPackage",
    "changed_since",
    "default_package_name",
    "ensure_installation_key",
    "fingerprint",
    "installation_fingerprint",
    "export_package",
    "import_package",
    "is_read_only",
    "last_export",
    "next_sequence",
    "read_manifest",
    "verify_package",
]
