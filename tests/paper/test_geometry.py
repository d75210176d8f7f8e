"""The perspective mapping through four points, solved without numpy."""

from __future__ import annotations

import pytest

from paper.geometry import SingularError, affine, apply, homography, scaled_input


def test_the_homography_takes_each_corner_where_it_was_seen():
    page = [(0.0, 0.0), (210.0, 0.0), (210.0, 297.0), (0.0, 297.0)]
    seen = [(412.5, 80.0), (1650.0, 150.0), (1500.0, 2100.0), (300.0, 1980.0)]
    mapping = homography(page, seen)
    for corner, place in zip(page, seen):
        assert apply(mapping, corner) == pytest.approx(place, abs=1e-6)
    # Lines stay lines: the page's centre lands where the diagonals of what was seen cross.
    centre = apply(mapping, (105.0, 148.5))
    (x1, y1), (x2, y2), (x3, y3), (x4, y4) = seen
    along = ((x2 - x1) * (y4 - y2) - (y2 - y1) * (x4 - x2)) / ((x3 - x1) * (y4 - y2) - (y3 - y1) * (x4 - x2))
    assert centre == pytest.approx((x1 + along * (x3 - x1), y1 + along * (y3 - y1)))
    at_8_px_per_mm = scaled_input(mapping, 8.0)
    assert apply(at_8_px_per_mm, (840.0, 1188.0)) == pytest.approx(centre)


def test_an_affine_fit_is_exact_for_a_turned_and_scaled_square():
    square = [(0.0, 0.0), (20.0, 0.0), (20.0, 20.0), (0.0, 20.0)]
    turned = [(100.0, 100.0), (100.0, 60.0), (140.0, 60.0), (140.0, 100.0)]  # 90°, twice as large
    mapping = affine(square, turned)
    assert apply(mapping, (10.0, 10.0)) == pytest.approx((120.0, 80.0))
    assert apply(mapping, (0.0, 100.0)) == pytest.approx((300.0, 100.0))


def test_points_on_one_line_determine_no_mapping():
    with pytest.raises(SingularError):
        homography([(0, 0), (1, 1), (2, 2), (3, 3)], [(0, 0), (1, 0), (1, 1), (0, 1)])
