"""The perspective mapping through four points, solved without numpy."""

from __future__ import annotations

import pytest

from paper.geometry import SingularError, affine, apply, fitted_homography, homography, scaled_input


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


def test_the_mapping_fitted_to_more_points_is_the_one_they_all_lie_on_and_nearest_when_they_do_not():
    page = [(11.0, 11.0), (199.0, 11.0), (199.0, 286.0), (11.0, 286.0), (170.0, 20.0), (192.0, 20.0), (181.0, 42.0)]
    true = homography(page[:4], [(412.5, 80.0), (1650.0, 150.0), (1500.0, 2100.0), (300.0, 1980.0)])
    seen = [apply(true, point) for point in page]
    fitted = fitted_homography(page, seen, [1.0] * 4 + [0.1] * 3)
    assert apply(fitted, (105.0, 148.5)) == pytest.approx(apply(true, (105.0, 148.5)), abs=1e-6)
    # A point seen a pixel off moves the fit little when it counts a tenth.
    seen[6] = (seen[6][0] + 1.0, seen[6][1])
    nudged = fitted_homography(page, seen, [1.0] * 4 + [0.1] * 3)
    assert apply(nudged, (11.0, 286.0)) == pytest.approx(apply(true, (11.0, 286.0)), abs=1.0)
