"""The pinned Qt binding keeps Python's reference counts straight.

PySide6 6.12.0 on Python 3.11 released a reference to None for every Qt
method returning nothing, and to True for every signal emitted with it; the
program aborted after a few thousand clicks. This guards the pin.
"""

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel


class _Emitter(QObject):
    fired = Signal(bool)


def test_void_qt_calls_and_signals_leave_reference_counts_unchanged(qapp):
    label = QLabel()
    emitter = _Emitter()
    received = []
    emitter.fired.connect(lambda value: received.append(1))
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(200):
        label.setText("x")
        emitter.fired.emit(True)
    # Other threads may create or drop a few references meanwhile; a leak is one per call.
    assert abs(sys.getrefcount(None) - none_before) < 50
    assert abs(sys.getrefcount(True) - true_before) < 50
    assert len(received) == 200
