"""The core of Fulian Ledger: records, rules, statistics, files in and out.

Nothing in this package imports Qt, the GUI or the command line.
"""
