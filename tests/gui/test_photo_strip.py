"""The photo strip: files added through the dialog or dropped, bad files named, reordering, the viewer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from gui.homes.photo_strip import THUMB_SIZE, PhotoStrip, thumbnail
from gui.homes.photo_viewer import PhotoViewer
from models import photos
from models.i18n import _
from tests.gui.gui_helpers import show_widget


def write_picture(path: Path, colour=(200, 60, 60), size=(640, 480)) -> Path:
    """A real picture file: a gradient so that every colour gives different bytes."""
    image = Image.new("RGB", size, colour)
    for x in range(0, size[0], 8):
        image.paste(tuple(min(255, c + x // 8) for c in colour), (x, 0, x + 4, size[1]))
    image.save(path)
    return path


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    fake = tmp_path / "会议纪要.jpg"
    fake.write_text("这不是图片，是会议纪要")
    return {
        "red": write_picture(tmp_path / "红.jpg", (200, 40, 40)),
        "green": write_picture(tmp_path / "green.png", (40, 160, 60), (400, 600)),
        "blue": write_picture(tmp_path / "blue.jpeg", (40, 60, 200)),
        "fake": fake,
    }


@pytest.fixture
def strip(qtbot, database, answers):
    return show_widget(qtbot, PhotoStrip(), (700, 200))


def drop(widget, paths: list[Path]) -> QDropEvent:
    """Drop files on a widget the way a file manager does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    centre = widget.rect().center()
    enter = QDragEnterEvent(centre, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(widget, enter)
    event = QDropEvent(QPointF(centre), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(widget, event)
    return event


def test_add_through_the_file_dialog_names_the_bad_file_and_keeps_the_others(qtbot, strip, answers, files):
    answers.files.append([files["red"], files["fake"], files["green"], files["blue"]])
    with qtbot.waitSignal(strip.changed):
        added = strip.add_photos()
    kind, _caption, _folder, file_filter = answers.file_requests[-1]
    assert kind == "open" and "*.jpg" in file_filter and "*.png" in file_filter
    assert len(added) == 3
    assert strip.digests() == added
    assert photos.Photo.select().count() == 3
    warnings = [text for kind, _title, text in answers.shown if kind == "warning"]
    assert len(warnings) == 1 and "会议纪要.jpg" in warnings[0]
    assert "红.jpg" not in warnings[0]
    # Thumbnails come from the stored JPEG, no larger than the strip's size.
    icon = strip.list.item(0).icon()
    assert not icon.isNull()
    pixmap = thumbnail(added[0])
    assert max(pixmap.width(), pixmap.height()) == THUMB_SIZE


def test_cancelling_the_file_dialog_adds_nothing(strip, answers):
    answers.files.append(None)
    assert strip.add_photos() == []
    assert strip.digests() == []


def test_the_same_photo_twice_is_stored_and_shown_once(strip, answers, files, tmp_path):
    copy = tmp_path / "copy_of_red.jpg"
    copy.write_bytes(files["red"].read_bytes())
    answers.files.append([files["red"], copy])
    strip.add_photos()
    answers.files.append(files["red"])
    strip.add_photos()
    assert len(strip.digests()) == 1
    assert photos.Photo.select().count() == 1
    assert not [m for m in answers.shown if m[0] == "warning"]


def test_dropping_files_from_the_desktop_adds_them(qtbot, strip, answers, files):
    with qtbot.waitSignal(strip.changed, timeout=3000):
        event = drop(strip, [files["green"], files["fake"]])
    assert event.isAccepted()
    assert len(strip.digests()) == 1
    assert "会议纪要.jpg" in answers.shown[-1][2]


def test_dropping_on_the_thumbnails_reaches_the_strip(qtbot, strip, files):
    # The drop lands on the list's viewport: it must fall through to the strip.
    assert strip.acceptDrops() and not strip.list.viewport().acceptDrops()
    with qtbot.waitSignal(strip.changed, timeout=3000):
        drop(strip, [files["blue"]])
    assert len(strip.digests()) == 1


def test_text_dragged_in_is_refused(strip):
    mime = QMimeData()
    mime.setText("not a file")
    enter = QDragEnterEvent(QPoint(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(strip, enter)
    assert not enter.isAccepted()


def test_reorder_and_remove(qtbot, strip, files):
    digests = [photos.store_photo_file(files[name]) for name in ("red", "green", "blue")]
    strip.set_digests(digests)
    assert strip.digests() == digests
    strip.list.setCurrentRow(0)
    assert not strip.left_button.isEnabled() and strip.right_button.isEnabled()
    with qtbot.waitSignal(strip.changed):
        qtbot.mouseClick(strip.right_button, Qt.LeftButton)
    assert strip.digests() == [digests[1], digests[0], digests[2]]
    assert strip.list.currentRow() == 1
    strip.list.setFocus()
    qtbot.keyClick(strip.list, Qt.Key_Right, Qt.ControlModifier)
    assert strip.digests() == [digests[1], digests[2], digests[0]]
    assert not strip.right_button.isEnabled()
    qtbot.keyClick(strip.list, Qt.Key_Left, Qt.ControlModifier)
    assert strip.digests() == [digests[1], digests[0], digests[2]]

    with qtbot.waitSignal(strip.changed):
        qtbot.mouseClick(strip.remove_button, Qt.LeftButton)
    assert strip.digests() == [digests[1], digests[2]]
    qtbot.keyClick(strip.list, Qt.Key_Delete)
    assert len(strip.digests()) == 1
    # Removing a photo from a record never deletes the stored photo (other records may use it).
    assert photos.Photo.select().count() == 3


def test_set_digests_does_not_count_as_a_change(qtbot, strip, files):
    digest = photos.store_photo_file(files["red"])
    with qtbot.assertNotEmitted(strip.changed):
        strip.set_digests([digest, digest])
    assert strip.digests() == [digest]


def test_thumbnails_are_cached_per_photo(strip, files):
    digest = photos.store_photo_file(files["green"])
    first = thumbnail(digest)
    assert thumbnail(digest) is first
    assert first.height() == THUMB_SIZE and first.width() < THUMB_SIZE  # a portrait photo keeps its shape


def test_double_click_opens_the_viewer_and_arrows_browse(qtbot, strip, files):
    digests = [photos.store_photo_file(files[name]) for name in ("red", "green", "blue")]
    strip.set_digests(digests)
    rect = strip.list.visualItemRect(strip.list.item(1))
    qtbot.mouseClick(strip.list.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(strip.list.viewport(), Qt.LeftButton, pos=rect.center())
    viewer = strip.viewer
    assert isinstance(viewer, PhotoViewer) and viewer.isVisible()
    qtbot.waitExposed(viewer)
    assert viewer.current_digest() == digests[1]
    assert viewer.counter.text() == _("{n} of {total}").format(n=2, total=3)
    assert viewer.picture.pixmap() is not None and not viewer.picture.pixmap().isNull()
    qtbot.keyClick(viewer, Qt.Key_Right)
    assert viewer.current_digest() == digests[2]
    qtbot.keyClick(viewer, Qt.Key_Right)  # the last photo stays
    assert viewer.current_digest() == digests[2]
    assert not viewer.next_button.isEnabled()
    qtbot.keyClick(viewer, Qt.Key_Left)
    qtbot.keyClick(viewer, Qt.Key_Left)
    assert viewer.current_digest() == digests[0]
    qtbot.keyClick(viewer, Qt.Key_Escape)
    assert not viewer.isVisible()
    assert strip.viewer is None


def test_enter_on_a_thumbnail_opens_the_viewer(qtbot, strip, files):
    strip.set_digests([photos.store_photo_file(files["red"])])
    strip.list.setCurrentRow(0)
    strip.list.setFocus()
    qtbot.keyClick(strip.list, Qt.Key_Return)
    assert strip.viewer is not None and strip.viewer.isVisible()
    strip.viewer.reject()


def test_viewer_fits_the_photo_into_the_window(qtbot, database, files):
    big = write_picture(files["red"].with_name("big.jpg"), (90, 90, 90), (3000, 2000))
    viewer = show_widget(qtbot, PhotoViewer([photos.store_photo_file(big)]), (800, 600))
    pixmap = viewer.picture.pixmap()
    assert pixmap.width() <= viewer.picture.width() and pixmap.height() <= viewer.picture.height()
    assert pixmap.width() == viewer.picture.width() or pixmap.height() == viewer.picture.height()


def test_a_read_only_strip_has_no_buttons_and_takes_no_drops(qtbot, database, files):
    strip = PhotoStrip(editable=False)
    qtbot.addWidget(strip)
    assert not hasattr(strip, "add_button")
    assert not strip.acceptDrops()
    strip.set_digests([photos.store_photo_file(files["red"])])
    strip.list.setCurrentRow(0)
    qtbot.keyClick(strip.list, Qt.Key_Delete)
    assert len(strip.digests()) == 1
