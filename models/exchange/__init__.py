"""The .fulian package: export, verify, import (what villages send upward).

Public API:
    export_package(out_path, scope_from=None, scope_to=None, photos=True, id_numbers="omitted", progress=None)
        -> ExportResult
    default_package_name(unit=None, now=None) -> "<code>_<unit name>_<YYYYMMDD-HHMMSS>.fulian"
    verify_package(path) -> Package                (raises PackageError; writes nothing)
    import_package(path, dry_run=False, progress=None, choose_installation=None, backup=True) -> ImportResult
    is_read_only(record) -> bool                    (records of units below are not edited here)
    last_export() -> LastExport | None              (the last package written from this database)
    changed_since(moment) -> int                    (travelling records saved after a moment)
    ImportLog                                       (the import_log table)
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
    ImportLog,
    ImportResult,
    SnapshotInfo,
    TableCounts,
    import_package,
    is_read_only,
)
from .manifest import FORMAT, FORMAT_VERSION, Manifest, PackageError
from .verify import Package, read_manifest, verify_package

__all__ = [
    "ALREADY_IMPORTED",
    "FORMAT",
    "FORMAT_VERSION",
    "IMPORTED",
    "ExportResult",
    "ImportLog",
    "ImportResult",
    "LastExport",
    "Manifest",
    "Package",
    "PackageError",
    "SnapshotInfo",
    "TableCounts",
    "changed_since",
    "default_package_name",
    "export_package",
    "import_package",
    "is_read_only",
    "last_export",
    "next_sequence",
    "read_manifest",
    "verify_package",
]
