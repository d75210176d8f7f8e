"""Plane geometry in pure Python: the perspective mapping through four point pairs or nearest to more,
an affine fit.

A *homography* maps (x, y) to ((a x + b y + c) / (g x + h y + 1), (d x + e y + f) / (g x + h y + 1));
it is kept as the eight numbers (a, b, c, d, e, f, g, h), the order Pillow's
``Image.transform(..., Image.PERSPECTIVE, coefficients)`` takes (output to input).
"""

from __future__ import annotations

from collections.abc import Sequence

Point = tuple[float, float]
Homography = tuple[float, float, float, float, float, float, float, float]


class SingularError(ValueError):
    """The points do not determine a mapping (three of them on a line, or two the same)."""


def solve(matrix: list[list[float]], values: list[float]) -> list[float]:
    """The solution of a square linear system, by Gaussian elimination with partial pivoting."""
    n = len(values)
    rows = [list(map(float, row)) + [float(value)] for row, value in zip(matrix, values)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        if abs(rows[pivot][col]) < 1e-12:
            raise SingularError("singular system")
        rows[col], rows[pivot] = rows[pivot], rows[col]
        head = rows[col]
        for r in range(col + 1, n):
            factor = rows[r][col] / head[col]
            if factor:
                row = rows[r]
                for c in range(col, n + 1):
                    row[c] -= factor * head[c]
    solution = [0.0] * n
    for r in range(n - 1, -1, -1):
        total = rows[r][n] - sum(rows[r][c] * solution[c] for c in range(r + 1, n))
        solution[r] = total / rows[r][r]
    return solution


def homography(sources: Sequence[Point], targets: Sequence[Point]) -> Homography:
    """The perspective mapping taking each of four ``sources`` to its ``target``."""
    matrix: list[list[float]] = []
    values: list[float] = []
    for (x, y), (u, v) in zip(sources, targets):
        matrix.append([x, y, 1, 0, 0, 0, -x * u, -y * u])
        values.append(u)
        matrix.append([0, 0, 0, x, y, 1, -x * v, -y * v])
        values.append(v)
    a, b, c, d, e, f, g, h = solve(matrix, values)
    return a, b, c, d, e, f, g, h


def apply(mapping: Homography, point: Point) -> Point:
    a, b, c, d, e, f, g, h = mapping
    x, y = point
    w = g * x + h * y + 1
    return (a * x + b * y + c) / w, (d * x + e * y + f) / w


def fitted_homography(sources: Sequence[Point], targets: Sequence[Point], weights: Sequence[float]) -> Homography:
    """The perspective mapping nearest (weighted least squares of the linear equations) to taking each of
    four or more ``sources`` to its ``target``. Both sides are first moved to their centre and scaled to
    about 1, or the equations of millimetres and thousands of pixels would lose their digits."""
    from_source, back_source = _normalising(sources)
    from_target, back_target = _normalising(targets)
    normal = [[0.0] * 8 for _ in range(8)]
    right = [0.0] * 8
    for source, target, weight in zip(sources, targets, weights):
        x, y = _moved(from_source, source)
        u, v = _moved(from_target, target)
        for row, value in (([x, y, 1, 0, 0, 0, -x * u, -y * u], u), ([0, 0, 0, x, y, 1, -x * v, -y * v], v)):
            for i in range(8):
                right[i] += weight * row[i] * value
                for j in range(8):
                    normal[i][j] += weight * row[i] * row[j]
    a, b, c, d, e, f, g, h = solve(normal, right)
    # Undo the normalising: back_target · mapping · from_source, as 3 × 3 matrices.
    (sx, sy, ss), (tx, ty, ts) = from_source, back_target
    m = [[a, b, c], [d, e, f], [g, h, 1.0]]
    m = [[m[r][0] * ss, m[r][1] * ss, m[r][2] - ss * (m[r][0] * sx + m[r][1] * sy)] for r in range(3)]
    m = [
        [ts * m[0][k] + tx * m[2][k] for k in range(3)],
        [ts * m[1][k] + ty * m[2][k] for k in range(3)],
        m[2],
    ]
    last = m[2][2]
    if abs(last) < 1e-12:
        raise SingularError("the mapping sends the origin to infinity")
    return tuple(value / last for row in m for value in row)[:8]  # type: ignore[return-value]


def _normalising(points: Sequence[Point]) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
    """(cx, cy, k) taking the points to about the unit disc (p - c) * k, and (cx, cy, 1 / k) back."""
    n = len(points)
    cx, cy = sum(p[0] for p in points) / n, sum(p[1] for p in points) / n
    spread = sum(((p[0] - cx) ** 2 + (p[1] - cy) ** 2) ** 0.5 for p in points) / n
    if spread < 1e-12:
        raise SingularError("the points are all one")
    return (cx, cy, 1 / spread), (cx, cy, spread)


def _moved(normalising: tuple[float, float, float], point: Point) -> Point:
    cx, cy, k = normalising
    return (point[0] - cx) * k, (point[1] - cy) * k


def affine(sources: Sequence[Point], targets: Sequence[Point]) -> Homography:
    """The affine mapping nearest (least squares) to taking ``sources`` to ``targets``, as a homography."""
    normal = [[0.0] * 3 for _ in range(3)]
    right_x = [0.0] * 3
    right_y = [0.0] * 3
    for (x, y), (u, v) in zip(sources, targets):
        basis = (x, y, 1.0)
        for i in range(3):
            for j in range(3):
                normal[i][j] += basis[i] * basis[j]
            right_x[i] += basis[i] * u
            right_y[i] += basis[i] * v
    a, b, c = solve(normal, right_x)
    d, e, f = solve(normal, right_y)
    return a, b, c, d, e, f, 0.0, 0.0


def scaled_input(mapping: Homography, scale: float) -> Homography:
    """``mapping`` taking ``scale`` times larger input coordinates (x / scale first)."""
    a, b, c, d, e, f, g, h = mapping
    return a / scale, b / scale, c, d / scale, e / scale, f, g / scale, h / scale


def distance(p: Point, q: Point) -> float:
    return ((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2) ** 0.5
