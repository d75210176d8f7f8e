"""The Qt face of Fulian Ledger: the only package that imports PySide6."""
