#!/usr/bin/env python3
"""Generate the five drawings of the right leg: posterior, anterior, lateral, medial, plantar.

Run ``python assets/svg/generate.py`` to rewrite ``posterior.svg`` ... ``plantar.svg`` beside
this file. The output is deterministic (a test checks that the committed files equal it), and
the script needs nothing but the Python standard library.

How the drawings are built
--------------------------
* Every outline is a smooth curve: a centripetal Catmull-Rom spline through hand-placed
  points, written as cubic Béziers (``C``). A point given as ``(x, y, CORNER)`` is a corner.
* The leg's silhouette is a closed outline made of pieces: ``edge`` pieces are the real
  skin edge (drawn with the ``outline`` class), ``cut`` pieces are where the drawing stops
  (the groin, the midline of the back; drawn with the ``cut`` class).
* The zones are made by cutting the silhouette polygon (the same Béziers, sampled densely)
  with anatomical boundary curves (the knee crease, the shinbone's edge, around the ankle
  bones...). Each cut splits one region in two, so neighbouring zones share their edge
  exactly, they never overlap and together they cover the whole leg.
* Modelling is light and in the existing classes: soft bands and crescents of ``shade``
  along the edge, a fold or under a bony knob (``View.shade``, ``View.soft``, ``_bump``),
  and thin ``contour`` lines; a bony knob is an open rim plus a crescent, never a flat patch.
* Everything is drawn in pixel units without transforms. The anterior and medial views are
  designed with the inner side on the left and the front to the right respectively, and
  mirrored into place when written (a mirror maps Béziers to Béziers exactly).
* Colours and line weights are in one ``<style>`` block: the app swaps it for themes/print.
  Muscles and anchors are hidden by class (``visibility: hidden``), not ``display: none``,
  which Qt and svgelements treat differently.

Orientation (for the right leg): posterior: inner side left; anterior: inner side right;
lateral: toes to the right; medial: toes to the left; plantar: the sole seen from below with
the toes up, so the big toe is on the viewer's RIGHT (the inner side of a right foot is
towards the body's midline, which a viewer looking up at the sole sees on the right).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

Pt = tuple[float, float]
Seg = tuple[Pt, Pt, Pt, Pt]
Poly = list[Pt]
CORNER = "corner"
HERE = Path(__file__).resolve().parent

STYLE = """
.skin { fill: #f6e4d6; stroke: none; }
.shade { fill: #ecd3c1; stroke: none; }
.outline { fill: none; stroke: #7a5a4a; stroke-width: 1.6;
  stroke-linecap: round; stroke-linejoin: round; }
.cut { fill: none; stroke: #b9a193; stroke-width: 1; stroke-dasharray: 4,3; }
.contour { fill: none; stroke: #c9a792; stroke-width: 1;
  stroke-linecap: round; stroke-linejoin: round; }
.landmark { fill: none; stroke: #a88674; stroke-width: 1.1;
  stroke-linecap: round; stroke-linejoin: round; }
.bone { fill: #f1dccd; stroke: #a88674; stroke-width: 1.1; }
.nail { fill: #fbf1ea; stroke: #a88674; stroke-width: 0.9; }
.zone { fill: none; stroke: none; }
.muscle-outline { fill: #b03a2e; fill-opacity: 0.10; stroke: #9c2f25; stroke-width: 1.2;
  stroke-linejoin: round; }
.muscle-tendon { fill: none; stroke: #9c2f25; stroke-width: 1; stroke-linecap: round; }
.muscle-deep { fill-opacity: 0.04; stroke-dasharray: 5,3; }
.anchor { stroke: #ffffff; stroke-width: 1.2; }
.trp { fill: #c0392b; }
.acu { fill: #1f6f8b; }
.muscle, .muscle-outline, .muscle-tendon, .anchor { visibility: hidden; }
"""


# --------------------------------------------------------------------------- geometry


def _sub(a: Pt, b: Pt) -> Pt:
    return (a[0] - b[0], a[1] - b[1])


def _dist(a: Pt, b: Pt) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def _lin(*terms: tuple[float, Pt]) -> Pt:
    return (sum(w * p[0] for w, p in terms), sum(w * p[1] for w, p in terms))


def _cr_segment(p0: Pt, p1: Pt, p2: Pt, p3: Pt) -> Seg:
    """One centripetal Catmull-Rom span p1→p2 as a cubic Bézier (Yuksel et al.)."""
    d1 = max(_dist(p0, p1), 1e-3) ** 0.5
    d2 = max(_dist(p1, p2), 1e-3) ** 0.5
    d3 = max(_dist(p2, p3), 1e-3) ** 0.5
    b1 = _lin(
        (d1 * d1 / (3 * d1 * (d1 + d2)), p2),
        (-d2 * d2 / (3 * d1 * (d1 + d2)), p0),
        ((2 * d1 * d1 + 3 * d1 * d2 + d2 * d2) / (3 * d1 * (d1 + d2)), p1),
    )
    b2 = _lin(
        (d3 * d3 / (3 * d3 * (d3 + d2)), p1),
        (-d2 * d2 / (3 * d3 * (d3 + d2)), p3),
        ((2 * d3 * d3 + 3 * d3 * d2 + d2 * d2) / (3 * d3 * (d3 + d2)), p2),
    )
    return (p1, b1, b2, p2)


def _run(points: Sequence[Pt], closed: bool) -> list[Seg]:
    pts = list(points)
    if closed:
        n = len(pts)
        return [
            _cr_segment(pts[i - 1], pts[i], pts[(i + 1) % n], pts[(i + 2) % n]) for i in range(n)
        ]
    if len(pts) == 2:
        a, b = pts
        return [(a, _lin((2 / 3, a), (1 / 3, b)), _lin((1 / 3, a), (2 / 3, b)), b)]
    first = _lin((2, pts[0]), (-1, pts[1]))
    last = _lin((2, pts[-1]), (-1, pts[-2]))
    ext = [first, *pts, last]
    return [_cr_segment(ext[i], ext[i + 1], ext[i + 2], ext[i + 3]) for i in range(len(pts) - 1)]


Spec = Sequence[tuple[float, float] | tuple[float, float, str]]


def smooth(spec: Spec, closed: bool = False) -> list[Seg]:
    """A smooth curve through the points; ``(x, y, CORNER)`` makes a sharp corner."""
    pts: list[Pt] = [(p[0], p[1]) for p in spec]
    corners = [i for i, p in enumerate(spec) if len(p) == 3]
    if closed and not corners:
        return _run(pts, closed=True)
    if closed:  # rotate so that the curve starts at a corner, then treat it as open
        k = corners[0]
        pts = pts[k:] + pts[:k] + [pts[k]]
        corners = sorted({(c - k) % (len(pts) - 1) for c in corners} | {len(pts) - 1})
    else:
        corners = sorted({0, len(pts) - 1, *corners})
    segs: list[Seg] = []
    for a, b in itertools.pairwise(corners):
        if b > a:
            segs += _run(pts[a : b + 1], closed=False)
    return segs


def _bezier(seg: Seg, t: float) -> Pt:
    a, b, c, d = seg
    u = 1 - t
    return _lin((u * u * u, a), (3 * u * u * t, b), (3 * u * t * t, c), (t * t * t, d))


def sample(segs: Iterable[Seg], step: float = 2.0) -> Poly:
    """Points along the curve, about `step` px apart (a dense polyline)."""
    out: Poly = []
    for seg in segs:
        est = _dist(seg[0], seg[1]) + _dist(seg[1], seg[2]) + _dist(seg[2], seg[3])
        n = max(2, math.ceil(est / step))
        start = 1 if out else 0
        out += [_bezier(seg, i / n) for i in range(start, n + 1)]
    return out


def _cross(a: Pt, b: Pt) -> float:
    return a[0] * b[1] - a[1] * b[0]


def inside(pt: Pt, poly: Poly) -> bool:
    """Even-odd point-in-polygon test."""
    x, y = pt
    hit = False
    n = len(poly)
    for i in range(n):
        (x1, y1), (x2, y2) = poly[i], poly[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def split(poly: Poly, cut: Poly, probe: Pt) -> tuple[Poly, Poly]:
    """Split a simple polygon by a polyline that crosses its boundary exactly twice.

    Returns (the piece that contains `probe`, the other piece). Both pieces keep the
    polygon's orientation and share the cut's points exactly.
    """
    n = len(poly)
    hits: list[tuple[float, float, Pt]] = []  # (position along cut, position along poly, point)
    for i in range(len(cut) - 1):
        p, r = cut[i], _sub(cut[i + 1], cut[i])
        for j in range(n):
            q, s = poly[j], _sub(poly[(j + 1) % n], poly[j])
            den = _cross(r, s)
            if abs(den) < 1e-12:
                continue
            qp = _sub(q, p)
            t, u = _cross(qp, s) / den, _cross(qp, r) / den
            if 0 <= t < 1 and 0 <= u < 1:
                hits.append((i + t, j + u, (p[0] + t * r[0], p[1] + t * r[1])))
    if len(hits) != 2:
        raise ValueError(f"cut crosses the region {len(hits)} times, not 2: {hits}")
    (ca, pa, a), (cb, pb, b) = sorted(hits)
    inner = cut[math.floor(ca) + 1 : math.floor(cb) + 1]

    def walk(p0: float, p1: float) -> Poly:
        if p1 <= p0:
            p1 += n
        k, out = math.floor(p0) + 1, []
        while k < p1:
            out.append(poly[k % n])
            k += 1
        return out

    one = [a, *walk(pa, pb), b, *reversed(inner)]
    two = [b, *walk(pb, pa), a, *inner]
    if inside(probe, one) == inside(probe, two):
        raise ValueError(f"probe {probe} is in {'both' if inside(probe, one) else 'neither'}")
    return (one, two) if inside(probe, one) else (two, one)


def cut(spec: Spec) -> Poly:
    """A zone boundary: a smooth curve, sampled."""
    return sample(smooth(spec), step=2.0)


def ellipse_pts(cx: float, cy: float, rx: float, ry: float, n: int = 8) -> list[Pt]:
    return [
        (cx + rx * math.cos(2 * math.pi * k / n), cy + ry * math.sin(2 * math.pi * k / n))
        for k in range(n)
    ]


# --------------------------------------------------------------------------- a view


def _num(v: float) -> str:
    s = f"{v:.1f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


@dataclass
class Stroke:
    cls: str
    segs: list[Seg]
    closed: bool


@dataclass
class Muscle:
    id: str
    name: str
    deep: bool
    bellies: list[list[Seg]] = field(default_factory=list)
    tendons: list[list[Seg]] = field(default_factory=list)


@dataclass
class View:
    """One drawing. Geometry is given in design coordinates and mirrored if `mirror`."""

    name: str
    title: str
    width: int
    height: int
    mirror: bool = False
    outline: list[tuple[str, list[Seg]]] = field(default_factory=list)
    silhouette: Poly = field(default_factory=list)
    shades: list[Poly] = field(default_factory=list)
    art: list[Stroke] = field(default_factory=list)
    landmarks: list[Stroke] = field(default_factory=list)
    zones: dict[str, list[Poly]] = field(default_factory=dict)
    muscles: list[Muscle] = field(default_factory=list)
    anchors: list[tuple[str, str, Pt, str]] = field(default_factory=list)

    # -- building
    def set_outline(self, pieces: Sequence[tuple[str, Spec]]) -> Poly:
        """Closed silhouette from pieces; each piece starts where the last one ended.

        A single piece is one smooth closed curve (give its points without repeating the
        first). Returns the silhouette as a dense polygon, the zones' starting point.
        """
        if len(pieces) == 1:
            self.outline = [(pieces[0][0], smooth(pieces[0][1], closed=True))]
        else:
            self.outline = [(kind, smooth(spec)) for kind, spec in pieces]
        ends = zip(self.outline, self.outline[1:] + self.outline[:1], strict=True)
        for (_, s1), (_, s2) in ends:
            assert _dist(s1[-1][3], s2[0][0]) < 1e-6, (s1[-1][3], s2[0][0])
        poly = sample(seg for _, segs in self.outline for seg in segs)
        self.silhouette = poly[:-1]
        return self.silhouette

    def shade(self, y0: float, y1: float, side: str, depth: float, x_split: float) -> None:
        """A soft band of shadow inside the silhouette's edge, between heights y0 and y1.

        `side` is "left" or "right" (of `x_split`, in design coordinates); the band is
        `depth` px wide in the middle and fades to nothing at both ends.
        """
        poly = self.silhouette
        n = len(poly)
        ok = [
            y0 <= p[1] <= y1 and (p[0] < x_split if side == "left" else p[0] > x_split)
            for p in poly
        ]
        runs: list[Poly] = []
        for start in (i for i in range(n) if ok[i] and not ok[i - 1]):
            run: Poly = []
            i = start
            while ok[i % n] and len(run) < n:
                run.append(poly[i % n])
                i += 1
            runs.append(run)
        run = max(runs, key=len)  # the longest stretch of edge in the window
        area = sum(_cross(poly[k], poly[(k + 1) % n]) for k in range(n))
        turn = 1.0 if area > 0 else -1.0  # inward normal side for this orientation
        inner: Poly = []
        m = len(run)
        for k, p in enumerate(run):
            a, b = run[max(k - 3, 0)], run[min(k + 3, m - 1)]
            tx, ty = b[0] - a[0], b[1] - a[1]
            norm = math.hypot(tx, ty) or 1.0
            nx, ny = -ty / norm * turn, tx / norm * turn
            t = k / (m - 1)
            d = depth * math.sin(math.pi * t) ** 0.8
            inner.append((p[0] + nx * d, p[1] + ny * d))
        self.shades.append(run + inner[::-1])

    def soft(self, spec: Spec, depth: float) -> None:
        """A soft crescent of shadow beside a curve, `depth` px wide in the middle and fading
        to nothing at both ends: on the curve's left (in its direction of travel) if `depth`
        is positive, on its right if negative. Models a fold or a rounded bump."""
        run = sample(smooth(spec), step=1.5)
        m = len(run)
        inner: Poly = []
        for k, p in enumerate(run):
            a, b = run[max(k - 2, 0)], run[min(k + 2, m - 1)]
            tx, ty = b[0] - a[0], b[1] - a[1]
            norm = math.hypot(tx, ty) or 1.0
            d = depth * max(math.sin(math.pi * k / (m - 1)), 0.0) ** 0.8
            inner.append((p[0] + ty / norm * d, p[1] - tx / norm * d))
        self.shades.append(run + inner[::-1])

    def contour(self, spec: Spec, closed: bool = False, cls: str = "contour") -> None:
        self.art.append(Stroke(cls, smooth(spec, closed), closed))

    def landmark(self, spec: Spec, closed: bool = False, cls: str = "landmark") -> None:
        self.landmarks.append(Stroke(cls, smooth(spec, closed), closed))

    def zone(self, zid: str, poly: Poly) -> None:
        self.zones.setdefault(zid, []).append(poly)

    def muscle(
        self,
        mid: str,
        name: str,
        deep: bool,
        bellies: Sequence[Spec] = (),
        tendons: Sequence[Spec] = (),
    ) -> None:
        self.muscles.append(
            Muscle(
                mid,
                name,
                deep,
                [smooth(b, closed=True) for b in bellies],
                [smooth(t) for t in tendons],
            )
        )

    def trp(self, tid: str, x: float, y: float) -> None:
        self.anchors.append((f"trp-{tid}", "anchor trp", (x, y), f"Trigger point {tid}"))

    def acu(self, aid: str, x: float, y: float) -> None:
        self.anchors.append((f"acu-{aid}", "anchor acu", (x, y), f"Acupressure point {aid}"))

    # -- writing
    def _pt(self, p: Pt) -> str:
        x = self.width - p[0] if self.mirror else p[0]
        return f"{_num(x)},{_num(p[1])}"

    def _curve_d(self, segs: Sequence[Seg], closed: bool, move: bool = True) -> str:
        parts = [f"M {self._pt(segs[0][0])}"] if move else []
        parts += [f"C {self._pt(b)} {self._pt(c)} {self._pt(d)}" for _, b, c, d in segs]
        if closed:
            parts.append("Z")
        return " ".join(parts)

    def _poly_d(self, poly: Poly) -> str:
        pts: list[str] = []
        for p in poly:
            s = self._pt(p)
            if not pts or pts[-1] != s:
                pts.append(s)
        while len(pts) > 1 and pts[-1] == pts[0]:
            pts.pop()
        return "M " + pts[0] + " L " + " ".join(pts[1:]) + " Z"

    def svg(self) -> str:
        w, h = self.width, self.height
        out = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            "<!-- Generated by generate.py: edit the generator, or edit this file and keep",
            "     the generator in step (a test compares them). Pixel units, no transforms. -->",
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" '
            f'width="{w}" height="{h}" viewBox="0 0 {w} {h}">',
            f"<title>{self.title}</title>",
            f'<style type="text/css">{STYLE}</style>',
            '<g id="artwork">',
        ]
        skin = " ".join(
            self._curve_d(segs, closed=False, move=(i == 0))
            for i, (_, segs) in enumerate(self.outline)
        )
        out.append(f'<path id="art-silhouette" class="skin" d="{skin} Z"/>')
        for poly in self.shades:
            out.append(f'<path class="shade" d="{self._poly_d(poly)}"/>')
        for s in self.art:
            out.append(f'<path class="{s.cls}" d="{self._curve_d(s.segs, s.closed)}"/>')
        out.append('<g id="landmarks">')
        for s in self.landmarks:
            out.append(f'<path class="{s.cls}" d="{self._curve_d(s.segs, s.closed)}"/>')
        out.append("</g>")
        for kind, cls in (("cut", "cut"), ("edge", "outline")):
            d = " ".join(self._curve_d(segs, closed=False) for k, segs in self.outline if k == kind)
            if d:
                out.append(f'<path class="{cls}" d="{d}"/>')
        out.append("</g>")
        out.append('<g id="zones">')
        for zid, polys in self.zones.items():
            d = " ".join(self._poly_d(p) for p in polys)
            title = f"<title>{ZONE_NAMES[zid]}</title>"
            out.append(f'<path id="{zid}" class="zone" d="{d}">{title}</path>')
        out.append("</g>")
        out.append('<g id="muscles">')
        for m in self.muscles:
            depth = "deep" if m.deep else "superficial"
            extra = " muscle-deep" if m.deep else ""
            out.append(f'<g id="muscle-{m.id}" class="muscle {depth}"><title>{m.name}</title>')
            for b in m.bellies:
                out.append(f'<path class="muscle-outline{extra}" d="{self._curve_d(b, True)}"/>')
            for t in m.tendons:
                out.append(f'<path class="muscle-tendon{extra}" d="{self._curve_d(t, False)}"/>')
            out.append("</g>")
        out.append("</g>")
        out.append('<g id="anchors">')
        for aid, cls, (x, y), title in self.anchors:
            cx = self.width - x if self.mirror else x
            out.append(
                f'<circle id="{aid}" class="{cls}" cx="{_num(cx)}" cy="{_num(y)}" r="4">'
                f"<title>{title}</title></circle>"
            )
        out.append("</g>")
        out.append("</svg>")
        return "\n".join(out) + "\n"


ZONE_NAMES = {
    "sacroiliac": "low back, over the pelvis joint",
    "buttock": "buttock",
    "hip_lateral": "outer hip",
    "thigh_posterior": "back of thigh",
    "thigh_lateral": "outer thigh",
    "thigh_anterior": "front of thigh",
    "thigh_medial": "inner thigh",
    "knee_posterior": "back of knee",
    "knee_anterior": "front of knee, kneecap",
    "knee_lateral": "outer knee",
    "knee_medial": "inner knee",
    "calf_upper_medial": "upper inner calf",
    "calf_upper_lateral": "upper outer calf",
    "calf_lower_medial": "lower inner calf",
    "calf_lower_lateral": "lower outer calf",
    "shin_upper": "upper front of leg",
    "shin_lower": "lower front of leg",
    "leg_lateral_upper": "upper outer leg, below the knob of the fibula",
    "leg_lateral_lower": "lower outer leg",
    "leg_medial": "inner edge of the shinbone",
    "achilles": "Achilles tendon",
    "ankle_anterior": "front of ankle",
    "malleolus_lateral": "outer ankle bone",
    "malleolus_medial": "inner ankle bone",
    "heel_posterior": "back of heel",
    "heel_lateral": "outer heel",
    "heel_plantar": "underside of heel",
    "arch_medial": "instep, inner arch",
    "foot_lateral": "outer edge of foot",
    "foot_dorsum_medial": "top of foot, inner half",
    "foot_dorsum_lateral": "top of foot, outer half",
    "sole_midfoot": "middle of the sole",
    "sole_forefoot": "ball of foot",
    "big_toe_dorsal": "top of big toe",
    "big_toe_plantar": "underside of big toe",
    "toes_dorsal": "top of the small toes",
    "toes_plantar": "underside of the small toes",
}

C = CORNER

# --------------------------------------------------------------------------- levels
# The views below are lists of hand-placed coordinates: keep them compact.
# fmt: off
# Shared heights (px) of the four leg views, about 8.8 px per cm of a 1.75 m adult.
KNEE = 570.0  # knee crease / joint line
LAT_MALL = 918.0  # centre of the outer ankle bone
MED_MALL = 900.0  # centre of the inner ankle bone (higher than the outer one)
CUN = (LAT_MALL - KNEE) / 16  # WHO: knee crease to lateral malleolus = 16 cun


def _toe_row(
    toes: Sequence[tuple[float, float, float]],
    webs: Sequence[float],
    up: bool = False,
    neck: float = 0.1,
    leans: Sequence[float] = (),
) -> list:
    """Points around the tips of a row of toes, in the order the toes are given.

    `toes` are (side x, other side x, tip y), each listed in the direction of travel;
    `webs` is the depth of the cleft between neighbours (a corner midway between them).
    Each toe is widest near its tip and `neck` (a fraction of its width) narrower at its
    base on each side; with no neck, neighbours touch. Tips point down unless `up`.
    `leans` (px, one per toe) shift each toe's tip sideways, its base staying put, so that
    a row of toes can fan out.
    """
    u = -1 if up else 1  # from the base towards the tip, in y
    pts: list = []
    last = len(toes) - 1
    for i, (x0, x1, tip) in enumerate(toes):
        w, r = x1 - x0, abs(x1 - x0)
        wl, wr = webs[max(i - 1, 0)], webs[min(i, last - 1)]
        l0, l1 = abs(tip - wl), abs(tip - wr)
        lean = leans[i] if leans else 0.0
        if i:
            pts.append(((toes[i - 1][1] + x0) / 2, wl, CORNER))
        toe: list[Pt] = []
        if i and neck:  # the outer sides of the first and last toes run into the foot's edge
            toe.append((x0 + neck * w, wl + u * 0.3 * l0))
        toe += [
            (x0 + 0.01 * w, wl + u * 0.68 * l0),
            (x0 + 0.2 * w, tip - u * 0.12 * r),
            (x0 + 0.5 * w, tip),
            (x1 - 0.2 * w, tip - u * 0.12 * r),
            (x1 - 0.01 * w, wr + u * 0.68 * l1),
        ]
        if i < last and neck:
            toe.append((x1 - neck * w, wr + u * 0.3 * l1))
        base = (wl + wr) / 2
        pts += [(x + lean * min(max((y - base) / (tip - base), 0.0), 1.0), y) for x, y in toe]
    return pts


def _nail(v: View, x0: float, x1: float, tip: float, up: bool = False, cls: str = "nail") -> None:
    """A toenail near the tip of a toe seen from above (tips pointing down unless `up`)."""
    w, s = x1 - x0, (1 if up else -1)
    cx, cy = (x0 + x1) / 2, tip + s * 0.3 * w
    v.landmark(
        [(cx - 0.22 * w, cy + s * 0.1 * w), (cx - 0.2 * w, cy - s * 0.1 * w),
         (cx, cy - s * 0.15 * w), (cx + 0.2 * w, cy - s * 0.1 * w),
         (cx + 0.22 * w, cy + s * 0.1 * w), (cx, cy + s * 0.16 * w)],
        closed=True, cls=cls,
    )


def _arc(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float, n: int = 7) -> list:
    """Points on an ellipse from angle a0 to a1 (degrees; 0 is +x, 90 is down)."""
    return [
        (cx + rx * math.cos(math.radians(a)), cy + ry * math.sin(math.radians(a)))
        for a in (a0 + (a1 - a0) * k / (n - 1) for k in range(n))
    ]


def _bump(
    v: View,
    cx: float,
    cy: float,
    rx: float,
    ry: float,
    rim: tuple[float, float] = (170, 310),
    dark: tuple[float, float] = (-20, 150),
    depth: float = 3.0,
) -> None:
    """A bony knob under the skin: a light open rim (angles `rim`) and a soft shadow inside
    its edge on the side turned from the light (angles `dark`), with no flat fill."""
    v.soft(_arc(cx, cy, rx, ry, *dark), -depth)
    v.landmark(_arc(cx, cy, rx, ry, *rim, n=9), cls="contour")


# --------------------------------------------------------------------------- posterior


def posterior() -> View:
    """The back of the right leg, from the low back to the heel; inner side on the left."""
    v = View("posterior", "Right leg from behind", 240, 1000)
    mid = 24.0  # the body's midline
    leg = v.set_outline(
        [
            ("cut", [(mid, 330), (mid, 40)]),
            ("cut", [(mid, 40), (85, 37.5), (144, 36)]),
            (
                "edge",
                [
                    (144, 36), (145, 56), (151, 80), (163, 110), (176, 150), (184, 196),
                    (186, 232), (184.5, 268), (182, 300), (181, 340), (177, 400), (170, 460),
                    (161, 515), (155, 550), (154, 572), (156, 598), (161, 626), (163, 655),
                    (160, 690), (153, 740), (143, 792), (134, 840), (128, 875), (127, 896),
                    (131, 908), (133, 920), (129, 934), (129, 952), (126, 971), (116, 984),
                    (101, 988), (86, 985), (77, 972), (73, 953), (74, 935), (70, 920),
                    (68, 905), (69, 893), (72, 878), (74.5, 855), (71, 815), (63, 770),
                    (55, 728), (49, 690), (48, 660), (51, 630), (57, 605), (59, 588),
                    (57, 568), (55, 545), (55, 515), (51, 470), (45, 410), (39, 365),
                    (32, 342), (mid, 330),
                ],
            ),
        ]
    )
    sacro, rest = split(
        leg,
        cut([(205, 95), (166, 92), (130, 102), (95, 117), (64, 133), (52, 172), (38, 214),
             (26, 243), (8, 262)]),
        (40, 60),
    )
    v.zone("sacroiliac", sacro)
    buttock, rest = split(
        rest,
        cut([(8, 322), (30, 327), (60, 334), (100, 332), (140, 318), (170, 302), (200, 292)]),
        (120, 200),
    )
    v.zone("buttock", buttock)
    thigh, rest = split(
        rest,
        cut([(30, 548), (60, 546), (82, 530), (104, 512), (126, 528), (150, 544), (180, 546)]),
        (100, 420),
    )
    v.zone("thigh_posterior", thigh)
    knee, rest = split(
        rest,
        cut([(30, 596), (58, 597), (82, 608), (104.5, 622), (126, 606), (152, 596), (180, 594)]),
        (104, 570),
    )
    v.zone("knee_posterior", knee)
    heel, lower_leg = split(
        rest, cut([(40, 936), (75, 938), (101, 941), (127, 938), (160, 934)]), (101, 965)
    )
    upper, lower = split(
        lower_leg,
        cut([(30, 792), (55, 790), (80, 774), (103, 747), (124, 760), (146, 768), (180, 768)]),
        (104, 680),
    )
    midline = cut([(104, 600), (105, 650), (104.6, 700), (104.2, 745), (104, 790), (103.6, 850)])
    med, lat = split(upper, midline, (70, 680))
    v.zone("calf_upper_medial", med)
    v.zone("calf_upper_lateral", lat)
    achilles, lower = split(
        lower,
        cut([(91, 1000), (91, 940), (92, 890), (94, 850), (98, 828), (104, 822), (110, 828),
             (114, 850), (115, 890), (115, 940), (115, 1000)]),
        (104, 880),
    )
    med, lat = split(lower, midline, (80, 820))
    v.zone("calf_lower_medial", med)
    v.zone("calf_lower_lateral", lat)
    v.zone("achilles", achilles)
    v.zone("heel_posterior", heel)

    # artwork: a little shadow on the outer side, creases, muscle bulges
    v.shade(60, 320, "right", 9, 120)
    v.shade(560, 930, "right", 7, 104)
    v.shade(350, 560, "right", 5, 110)
    # the buttock: the cleft at the inner edge, the fold beneath it, the crest of the hip bone
    v.shade(244, 334, "left", 6, 40)  # shadow in the gluteal cleft
    v.soft([(29, 327), (56, 336), (90, 335), (120, 326), (142, 313)], 5)  # under the buttock
    v.landmark([(29, 328), (56, 337.5), (90, 336.5), (120, 327.5), (142, 314)], cls="contour")
    v.contour([(25, 252), (30, 272), (32.5, 296), (31, 318), (28.5, 328)])  # beside the cleft
    v.contour([(160, 200), (166, 228), (165, 258)])  # hollow behind the hip joint
    v.contour([(70, 124), (92, 110), (118, 100), (140, 96), (154, 98)])  # crest of the hip bone
    v.soft([(72, 128), (94, 114), (119, 104.5), (140, 100.5), (153, 102)], -3.5)
    v.contour([(82, 420), (72, 480), (66, 530), (67, 566)])  # inner hamstrings
    v.contour([(126, 420), (138, 480), (147, 530), (150, 566)])  # biceps femoris
    v.contour([(72, 572), (88, 576), (105, 577), (122, 576), (138, 572)])  # knee crease
    v.contour([(104, 614), (104.5, 660), (104, 712), (103.5, 742)])  # between the heads
    v.contour([(59, 748), (65, 775), (72, 790), (84, 780), (96, 763), (103, 745)])  # inner head
    v.contour([(149, 727), (141, 752), (134, 765), (123, 758), (112, 748), (105, 740)])  # outer
    v.contour([(62, 786), (72, 815), (85, 848), (92, 872)])  # soleus, inner edge
    v.contour([(146, 760), (136, 800), (122, 840), (115, 866)])  # soleus, outer edge
    # landmarks
    v.contour([(mid, 128), (40, 131), (56, 142), (48, 186), (36, 222), (mid, 250)])  # sacrum
    v.soft(ellipse_pts(61, 134, 4.5, 3.5, 12)[3:10], 2.5)  # dimple over the sacroiliac joint
    v.landmark(ellipse_pts(61, 133, 3.5, 3.0), closed=True, cls="contour")
    v.landmark([(148, 589), (151.5, 599), (148, 609)])  # head of the fibula
    v.landmark([(95, 792), (96, 850), (97, 890), (95, 934)])  # Achilles tendon
    v.landmark([(113, 788), (111, 850), (110, 890), (112, 934)])
    v.landmark([(76, 886), (73, 899), (76, 912)])  # inner ankle bone
    v.landmark([(125, 906), (128, 920), (125, 933)])  # outer ankle bone

    # muscles. The calf: the two heads of gastrocnemius from the femoral condyles, the
    # inner head longer, ending on a sheet of tendon that narrows into the Achilles tendon;
    # soleus beneath them, wider, and alone below their bellies.
    v.muscle(
        "gastrocnemius", "Gastrocnemius", False,
        bellies=[
            [(76, 549), (85, 551), (93, 567), (99.5, 594), (103, 630), (104, 672), (103.5, 712),
             (102, 740), (96, 756), (88, 772), (80, 786), (74.5, 790.5), (69.5, 780),
             (64.5, 755), (60, 722), (56.5, 688), (55.5, 652), (58.5, 614), (64, 584),
             (70, 562)],
            [(124, 549), (133, 551), (140, 564), (147.5, 590), (153, 625), (154.5, 662),
             (151.5, 700), (145, 734), (139, 755), (134, 766), (126, 758), (116, 748),
             (107, 738), (105, 700), (105.5, 660), (107.5, 622), (112, 592), (117.5, 566)],
        ],
        tendons=[[(80, 530), (80, 550)], [(129, 530), (129, 550)],
                 [(75, 790), (86, 826), (93, 862), (96, 900), (97, 948)],
                 [(133, 766), (121, 806), (114, 850), (111, 900), (110, 948)]],
    )
    v.muscle(
        "soleus", "Soleus", False,
        bellies=[[(147, 604), (138, 608), (122, 615), (104, 626), (86, 638), (68, 652),
                  (56, 668), (52, 696), (57.5, 730), (64, 762), (69.5, 790), (75.5, 818),
                  (83, 846), (91, 868), (98, 881), (104, 885), (110, 881), (117, 866),
                  (125, 840), (132, 812), (139, 784), (146, 755), (152, 722), (156.5, 685),
                  (158, 648), (155, 620)]],
    )
    v.muscle(
        "plantaris", "Plantaris", True,
        bellies=[[(134, 537), (139.5, 545), (135, 565), (124, 586), (114, 599), (109.5, 594),
                  (116, 576), (127, 553)]],
        tendons=[[(112, 597), (106, 650), (98, 720), (92, 800), (88, 880), (87, 945)]],
    )
    v.muscle(
        "popliteus", "Popliteus", True,
        bellies=[[(138, 571), (130, 581), (113, 593), (93, 605), (75, 616), (64, 626), (68, 637),
                  (86, 637), (108, 623), (126, 602), (136, 584)]],
    )
    v.muscle(
        "tibialis_posterior", "Tibialis posterior", True,
        bellies=[[(88, 631), (104, 623), (120, 630), (122.5, 680), (117, 740), (108, 796),
                  (100, 830), (95, 800), (89, 740), (86, 680)]],
        tendons=[[(100, 826), (90, 860), (82, 885), (77.5, 910), (76.5, 932)]],
    )
    v.muscle(
        "flexor_digitorum_longus", "Flexor digitorum longus", True,
        bellies=[[(63, 652), (76, 645), (84, 680), (86, 740), (85, 800), (82, 845),
                  (78.5, 862), (75.5, 836), (68.5, 780), (61, 715)]],
        tendons=[[(79, 858), (80.5, 885), (82, 910), (83, 936)]],
    )
    v.muscle(
        "flexor_hallucis_longus", "Flexor hallucis longus", True,
        bellies=[[(112, 700), (128, 692), (138, 725), (137, 790), (130, 850), (120, 882),
                  (110, 880), (107, 830), (107, 760)]],
        tendons=[[(114, 880), (104, 905), (95, 926), (89, 948)]],
    )
    # the hip: gluteus minimus fans out beneath the crest of the hip bone to the top of the
    # greater trochanter; piriformis runs from the edge of the sacrum to the same place
    v.muscle(
        "gluteus_minimus", "Gluteus minimus", True,
        bellies=[[(74, 166, C), (80, 148), (98, 132), (124, 120), (148, 114), (160, 117),
                  (167, 133), (172.5, 158), (175, 184), (172, 196, C), (150, 191), (124, 186),
                  (98, 178)]],
    )
    v.muscle(
        "piriformis", "Piriformis", True,
        bellies=[[(44, 168), (62, 173), (92, 183), (126, 191), (156, 196), (171, 199),
                  (171, 205), (156, 209), (126, 215), (92, 223), (62, 230), (44, 234)]],
    )
    # anchors
    v.trp("gastrocnemius-1", 67, 652)
    v.trp("gastrocnemius-2", 147, 680)
    v.trp("gastrocnemius-3", 79, 584)
    v.trp("gastrocnemius-4", 129, 584)
    v.trp("soleus-1", 96, 812)
    v.trp("soleus-2", 144, 647)
    v.trp("soleus-3", 116, 790)
    v.trp("plantaris-1", 125, 570)
    v.trp("popliteus-1", 82, 622)
    v.trp("tibialis_posterior-1", 104, 648)
    v.trp("flexor_digitorum_longus-1", 70, 715)
    v.trp("flexor_hallucis_longus-1", 122, 830)
    v.trp("gluteus_minimus-2", 110, 166)
    v.trp("piriformis-1", 129, 206)
    v.trp("piriformis-2", 57, 208)
    v.acu("BL40", 105, KNEE + 2)
    v.acu("BL56", 104.5, KNEE + 5 * CUN)
    v.acu("BL57", 104, 744)
    v.acu("BL60", 122, LAT_MALL)
    return v


# --------------------------------------------------------------------------- anterior


def _front_nail(v: View, cx: float, cy: float, hw: float, hh: float) -> None:
    """A toenail seen from the front: a small rounded shield, wider than it is tall."""
    v.landmark(
        [(cx - hw, cy - 0.45 * hh), (cx - 0.6 * hw, cy - hh), (cx, cy - 1.1 * hh),
         (cx + 0.6 * hw, cy - hh), (cx + hw, cy - 0.45 * hh), (cx + 0.8 * hw, cy + 0.55 * hh),
         (cx, cy + hh), (cx - 0.8 * hw, cy + 0.55 * hh)],
        closed=True, cls="nail",
    )


def anterior() -> View:
    """The front of the right leg, hip to toes. Designed with the inner side on the left,
    then mirrored so that the inner side is on the viewer's right.

    Seen from the front the foot is foreshortened: below the ankle bones the top of the foot
    widens towards the toes, which fan out from the big toe (inner side) to the little toe.
    """
    v = View("anterior", "Right leg from the front", 240, 1040, mirror=True)
    # the toes, inner to outer: (inner side x, outer side x, tip y), how far each tip leans
    # outwards, and the clefts between them
    toes = [(50, 84, 1036), (85, 103.5, 1036.5), (104.5, 120.5, 1032.5), (121.5, 136.5, 1027),
            (137.5, 151.5, 1020)]
    leans = [0.0, 1.2, 2.6, 3.6, 4.2]
    webs = [1008, 1010, 1008, 1004.5]
    leg = v.set_outline(
        [
            ("cut", [(60, 225), (94, 187), (128, 159), (157, 145), (175, 143)]),
            (
                "edge",
                [
                    (175, 143), (181, 153), (184.5, 172), (186, 200), (186, 232), (183, 268),
                    (181, 310), (178, 370), (172, 430), (164, 485), (156, 525), (153, 565),
                    (152, 590), (155, 605),
                    (159, 640), (159, 680), (153, 740), (145, 800), (139, 850), (136, 885),
                    (137, 905), (139, 917), (137, 930), (141, 942), (147, 955), (151, 969),
                    (153.5, 983), (154, 997),
                    *_toe_row([(x1, x0, t) for x0, x1, t in toes[::-1]], webs[::-1],
                              neck=0.07, leans=leans[::-1]),
                    (48.5, 1006), (49, 994), (50.5, 981), (53, 967), (57, 953), (62, 940),
                    (66, 928), (63, 912),
                    (62.5, 897), (66, 880), (68, 860), (67, 820), (62, 775), (54, 720),
                    (50, 670), (52, 625), (56, 600), (55, 575), (52, 545), (49, 515),
                    (45, 470), (38, 420), (32, 370), (29, 320), (29, 287), (32, 262),
                    (39, 246), (49, 234), (60, 225),
                ],
            ),
        ]
    )
    hip, rest = split(
        leg, cut([(118, 100), (122, 150), (132, 200), (158, 255), (200, 278)]), (170, 190)
    )
    v.zone("hip_lateral", hip)
    thigh, rest = split(
        rest, cut([(20, 500), (60, 497), (100, 493), (140, 497), (180, 503)]), (100, 380)
    )
    inner, thigh = split(
        thigh, cut([(80, 190), (74, 280), (70, 360), (60, 430), (48, 482), (20, 505)]), (42, 400)
    )
    v.zone("thigh_medial", inner)
    outer, front = split(
        thigh, cut([(152, 225), (149, 300), (143, 380), (136, 450), (130, 530)]), (165, 380)
    )
    v.zone("thigh_anterior", front)
    v.zone("thigh_lateral", outer)
    knee, rest = split(
        rest, cut([(20, 628), (60, 629), (100, 633), (140, 627), (180, 622)]), (100, 560)
    )
    v.zone("knee_anterior", knee)
    upper, rest = split(
        rest, cut([(20, 755), (60, 752), (100, 752), (140, 748), (180, 746)]), (100, 690)
    )
    v.zone("shin_upper", upper)
    lower, rest = split(
        rest, cut([(20, 866), (60, 870), (100, 874), (140, 878), (180, 880)]), (100, 810)
    )
    v.zone("shin_lower", lower)
    ankle, foot = split(
        rest, cut([(20, 934), (60, 932), (100, 935), (140, 941), (180, 945)]), (100, 905)
    )
    v.zone("ankle_anterior", ankle)
    toes_all, dorsum = split(
        foot, cut([(20, 995), (60, 997), (100, 998), (140, 995), (180, 989)]), (68, 1022)
    )
    gap = (toes[0][1] + toes[1][0]) / 2  # the cleft between the big toe and the second toe
    big, small = split(toes_all, cut([(gap + 0.2, 990), (gap + 0.2, 1060)]), (68, 1022))
    inner, outer = split(dorsum, cut([(101, 915), (101, 960), (99, 1015)]), (80, 970))
    v.zone("foot_dorsum_medial", inner)
    v.zone("foot_dorsum_lateral", outer)
    v.zone("big_toe_dorsal", big)
    v.zone("toes_dorsal", small)

    # artwork
    v.shade(195, 500, "right", 8, 110)
    v.shade(600, 900, "right", 6, 100)
    v.shade(936, 1000, "right", 4, 110)  # the outer edge of the foot turns away
    v.contour([(66, 468), (73, 493), (87, 507), (98, 511)])  # inner thigh muscle (vastus medialis)
    v.contour([(160, 260), (156, 360), (149, 450), (143, 505)])  # outer thigh (iliotibial band)
    v.contour([(160, 160), (146, 205), (126, 268), (101, 345), (79, 412), (65, 462), (58, 505)])
    v.contour([(66, 522), (61, 548), (64, 578)])  # sides of the knee
    v.contour([(141, 522), (146, 548), (143, 578)])
    v.contour([(140, 640), (134, 720), (124, 800)])  # front-of-leg muscles
    v.landmark(ellipse_pts(168, 152, 3, 3), closed=True)  # front point of the hip bone
    v.landmark(
        [(96, 515), (112, 515), (123, 525), (124, 541), (116, 557), (105, 566), (95, 558),
         (87, 543), (87, 526)],
        closed=True, cls="bone",
    )  # kneecap
    v.landmark([(99, 566), (100, 588), (101, 606)])  # kneecap ligament
    v.landmark([(111, 566), (110, 588), (109, 606)])
    _bump(v, 147, 601, 3.5, 5.5, rim=(-130, 10), dark=(30, 200), depth=1.5)  # fibular head
    v.landmark([(105, 624), (103, 690), (99, 770), (91, 840), (83, 878)])  # shinbone edge
    v.landmark([(69, 885), (66, 898), (68, 911)])  # inner ankle bone
    v.landmark([(132, 905), (135, 917), (132, 929)])  # outer ankle bone
    # tendons over the front of the ankle: tibialis anterior to the inner midfoot, the long
    # extensor of the big toe, and the fan of the toes' long extensor
    v.contour([(89, 880), (82, 908), (73, 934), (65, 952)])
    v.contour([(97, 920), (88, 950), (78, 980), (70, 1003)])
    for (_, x0, _), (x1, _, _), web in zip(toes, toes[1:], webs, strict=False):
        gap = (x0 + x1) / 2  # the grooves between the knuckles, above the toes' clefts
        v.contour([(gap - 1.5, web - 17), (gap - 0.5, web - 9), (gap, web - 3)])
    for (x0, x1, tip), lean, k in zip(toes, leans, (1.0, 0.8, 0.8, 0.8, 0.8), strict=True):
        w = x1 - x0
        _front_nail(v, (x0 + x1) / 2 + 0.7 * lean, tip - 0.33 * w * k, 0.3 * w, 0.17 * w)

    # muscles
    v.muscle(
        "tibialis_anterior", "Tibialis anterior", False,
        bellies=[[(108, 614), (122, 610), (132, 624), (134, 660), (131, 720), (124, 780),
                  (114, 822), (104, 846), (100, 830), (103, 770), (106, 700), (107, 650)]],
        tendons=[[(106, 820), (100, 850), (92, 880), (84, 906), (74, 934), (64, 956)]],
    )
    v.muscle(
        "extensor_digitorum_longus", "Extensor digitorum longus", False,
        bellies=[[(134, 610), (144, 612), (150, 640), (150, 700), (146, 760), (140, 815),
                  (130, 868), (125, 880), (122, 860), (126, 800), (131, 730), (134, 670),
                  (133, 630)]],
        tendons=[[(125, 876), (120, 920), (112, 955), (103, 985), (95, 1012)],
                 [(126, 878), (123, 920), (119, 955), (115, 985), (113, 1010)],
                 [(127, 878), (126, 920), (127, 955), (128.5, 985), (130, 1008)],
                 [(128, 878), (130, 920), (136, 955), (141, 980), (145, 1002)]],
    )
    v.muscle(
        "extensor_hallucis_longus", "Extensor hallucis longus", False,
        bellies=[[(116, 712), (122, 730), (124, 780), (121, 830), (114, 872), (108, 888),
                  (106, 860), (110, 800), (113, 750)]],
        tendons=[[(109, 884), (101, 910), (92, 940), (82, 972), (73, 1000), (68, 1022)]],
    )
    v.muscle(
        "peroneus_tertius", "Peroneus tertius", False,
        bellies=[[(132, 818), (136, 827), (135, 860), (132.5, 892), (129, 902), (126, 880),
                  (128, 850)]],
        tendons=[[(131, 900), (133, 925), (138, 950), (144, 972)]],
    )
    v.trp("tibialis_anterior-1", 116, 680)
    v.trp("extensor_digitorum_longus-1", 140, 670)
    v.trp("extensor_hallucis_longus-1", 117, 812)
    v.trp("peroneus_tertius-1", 131, 862)
    v.acu("ST36", 117, KNEE + 5 + 3 * CUN)
    return v


# --------------------------------------------------------------------------- lateral


def lateral() -> View:
    """The outer side of the right leg, hip to sole; the toes point to the right."""
    v = View("lateral", "Right leg from the outer side", 360, 1000)
    leg = v.set_outline(
        [
            ("cut", [(64, 84), (120, 80), (180, 93), (222, 118)]),
            (
                "edge",
                [
                    (222, 118), (223, 150), (226, 185), (233, 240), (239, 310), (240, 370),
                    (236, 430), (227, 478), (218, 505), (219, 525), (220, 545), (215, 565),
                    (209, 585), (207.5, 603), (208, 618), (205, 650), (199, 720), (193, 790),
                    (188, 850), (186, 878), (189, 896), (200, 906), (222, 918), (246, 932),
                    (266, 946), (282, 957), (300, 963), (312, 966), (320, 972), (322, 980),
                    (317, 987), (304, 990), (280, 990), (230, 988), (180, 987), (140, 989),
                    (116, 987), (102, 976),
                    (97, 958), (100, 938), (109, 918), (116, 898), (118, 872), (117, 845),
                    (112, 812), (102, 772), (90, 722), (84, 672), (86, 632), (95, 600),
                    (103, 578), (104, 552), (100, 515), (94, 470), (86, 415), (79, 368),
                    (74, 346), (60, 325), (47, 290), (42, 245), (45, 200), (53, 155), (61, 118),
                    (64, 84),
                ],
            ),
        ]
    )
    top, rest = split(
        leg, cut([(20, 340), (76, 342), (110, 318), (160, 300), (210, 295), (260, 293)]),
        (150, 200),
    )
    buttock, hip = split(
        top, cut([(140, 30), (132, 100), (122, 180), (112, 250), (100, 320), (95, 370)]),
        (70, 200),
    )
    v.zone("buttock", buttock)
    v.zone("hip_lateral", hip)
    thigh, rest = split(
        rest, cut([(60, 505), (100, 503), (160, 498), (210, 492), (260, 490)]), (150, 400)
    )
    v.zone("thigh_lateral", thigh)
    knee, lower = split(
        rest, cut([(60, 618), (110, 618), (150, 618), (190, 624), (250, 628)]), (160, 560)
    )
    back, side = split(
        knee, cut([(112, 470), (118, 520), (124, 560), (130, 595), (134, 640)]), (108, 560)
    )
    v.zone("knee_posterior", back)
    v.zone("knee_lateral", side)
    leg_part, foot = split(
        lower,
        cut([(80, 926), (110, 928), (130, 932), (152, 946), (172, 938), (186, 918), (192, 908),
             (200, 896), (215, 880)]),
        (150, 800),
    )
    upper, leg_part = split(
        leg_part, cut([(60, 760), (100, 762), (150, 752), (200, 745), (250, 745)]), (150, 680)
    )
    septum = cut([(127, 600), (126, 650), (125, 700), (128, 760), (135, 815), (142, 860),
                  (147, 902)])
    calf, front = split(upper, septum, (105, 680))
    v.zone("calf_upper_lateral", calf)
    v.zone("leg_lateral_upper", front)
    achilles, leg_part = split(
        leg_part,
        cut([(134, 960), (134, 925), (136, 885), (132, 850), (125, 815), (112, 795), (70, 788)]),
        (124, 860),
    )
    v.zone("achilles", achilles)
    mall, leg_part = split(
        leg_part,
        cut([(125, 900), (136, 893), (145, 884), (155, 882), (165, 888), (172, 902), (175, 920),
             (176, 950)]),
        (152, 918),
    )
    calf, front = split(leg_part, septum, (115, 780))
    v.zone("calf_lower_lateral", calf)
    v.zone("leg_lateral_lower", front)
    v.zone("malleolus_lateral", mall)
    heel, foot = split(foot, cut([(122, 905), (121, 940), (118, 970), (112, 1000)]), (108, 955))
    v.zone("heel_posterior", heel)
    edge, foot = split(
        foot, cut([(110, 968), (140, 966), (200, 966), (260, 968), (300, 972), (340, 976)]),
        (220, 980),
    )
    heel, top = split(foot, cut([(175, 900), (176, 935), (178, 955), (180, 990)]), (150, 955))
    v.zone("heel_lateral", heel)
    v.zone("foot_lateral", edge)
    v.zone("foot_dorsum_lateral", top)

    # artwork
    v.shade(130, 560, "left", 8, 130)
    v.shade(580, 880, "left", 7, 120)
    v.contour([(74, 347), (92, 352), (112, 347)])  # gluteal fold
    v.contour([(152, 240), (152, 360), (158, 450), (168, 520)])  # iliotibial band
    v.contour([(108, 470), (120, 535), (131, 586)])  # biceps femoris tendon
    v.contour([(103, 567), (113, 570)])  # knee crease
    v.contour([(120, 640), (114, 700), (104, 765)])  # edge of the calf muscle
    v.contour([(134, 622), (132, 700), (134, 780), (140, 850)])  # behind the peroneal muscles
    v.contour([(130, 979), (200, 979), (270, 981)])  # edge of the sole
    v.contour([(280, 978), (292, 972), (305, 973), (313, 980)])  # little toe
    _bump(v, 150.5, 218, 15, 13.5, depth=4)  # greater trochanter
    v.landmark(ellipse_pts(220, 121, 3, 3), closed=True)  # front point of the hip bone
    v.landmark([(216, 512), (207, 526), (205, 546), (211, 565)])  # kneecap
    v.landmark([(203, 570), (199, 592), (202, 611)])  # kneecap ligament
    _bump(v, 141, 597.5, 10, 9, depth=2.5)  # head of the fibula
    _bump(v, 151.5, 916, 8.5, 16, depth=3)  # outer ankle bone
    v.landmark([(124, 820), (128, 870), (129, 912)])  # Achilles tendon
    v.landmark([(303, 966), (310, 965), (316, 970), (308, 971)], closed=True, cls="nail")

    # muscles: the outer head of gastrocnemius and soleus behind; in front of the fibula the
    # peronei, with their tendons behind the outer ankle bone; at the front tibialis
    # anterior and the toes' long extensor, whose tendons cross the front of the ankle
    v.muscle(
        "gastrocnemius", "Gastrocnemius", False,
        bellies=[[(114, 548), (122, 552), (126.5, 580), (128, 630), (127, 680), (124, 716),
                  (118, 744), (111, 760), (104.5, 767), (98.5, 748), (92.5, 712), (89.5, 672),
                  (92.5, 628), (102.5, 590), (109, 562)]],
        tendons=[[(104.5, 767), (113.5, 805), (120, 845), (122.5, 885), (118, 920), (111, 945)]],
    )
    v.muscle(
        "soleus", "Soleus", False,
        bellies=[[(126, 602), (132, 612), (135.5, 650), (137, 710), (137, 770), (134.5, 830),
                  (130, 866), (125, 886), (121, 872), (117.5, 838), (112, 806), (105.5, 775),
                  (101, 740), (99.5, 700), (103, 660), (110, 628), (118, 608)]],
    )
    v.muscle(
        "tibialis_anterior", "Tibialis anterior", False,
        bellies=[[(191, 620), (199, 628), (201.5, 660), (197, 720), (191.5, 780), (186.5, 830),
                  (183, 852), (179.5, 832), (179.5, 780), (180.5, 700), (181.5, 645)]],
        tendons=[[(183, 846), (182.5, 872), (185.5, 893), (196, 906), (211, 918)]],
    )
    v.muscle(
        "extensor_digitorum_longus", "Extensor digitorum longus", False,
        bellies=[[(166, 612), (176, 616), (179, 650), (179.5, 710), (177, 790), (174.5, 845),
                  (171, 872), (166.5, 850), (163, 790), (162, 720), (162.5, 650)]],
        tendons=[[(171, 866), (177, 893), (192, 912), (220, 928), (248, 942), (276, 956),
                  (298, 966)]],
    )
    v.muscle(
        "peroneus_longus", "Peroneus longus", False,
        bellies=[[(136, 604), (143, 596), (153, 601), (159, 625), (161, 670), (159, 720),
                  (154, 765), (147, 795), (141.5, 770), (139, 720), (137, 660)]],
        tendons=[[(147, 790), (143.5, 850), (140.5, 890), (139, 915), (141.5, 937),
                  (151, 950), (168, 962), (188, 975)]],
    )
    v.muscle(
        "peroneus_brevis", "Peroneus brevis", False,
        bellies=[[(142, 705), (152, 700), (159.5, 740), (162, 800), (158.5, 850), (151, 884),
                  (145.5, 892), (140.5, 862), (138, 800), (139, 745)]],
        tendons=[[(146, 888), (144, 905), (145, 926), (152, 941), (170, 955), (188, 965),
                  (202, 971)]],
    )
    v.muscle(
        "peroneus_tertius", "Peroneus tertius", False,
        bellies=[[(165, 800), (172, 795), (176, 840), (174.5, 880), (170, 896), (165, 872),
                  (163.5, 830)]],
        tendons=[[(170, 892), (182, 912), (196, 935), (205, 955)]],
    )
    v.muscle(
        "gluteus_minimus", "Gluteus minimus", True,
        bellies=[[(158, 206, C), (138, 197), (118, 182), (105, 160), (101, 136), (118, 116),
                  (146, 104), (176, 103), (200, 110), (212, 126), (204, 148), (186, 172),
                  (170, 193)]],
    )
    v.trp("gastrocnemius-2", 108, 695)
    v.trp("gastrocnemius-4", 116, 580)
    v.trp("soleus-2", 131, 645)
    v.trp("tibialis_anterior-1", 190, 682)
    v.trp("extensor_digitorum_longus-1", 170, 668)
    v.trp("peroneus_longus-1", 147, 628)
    v.trp("peroneus_brevis-1", 150, 800)
    v.trp("peroneus_tertius-1", 170, 868)
    v.trp("gluteus_minimus-1", 188, 150)
    v.trp("gluteus_minimus-2", 116, 172)
    v.acu("BL60", 134, LAT_MALL + 2)
    v.acu("GB34", 156, 614)
    v.acu("GB39", 157, LAT_MALL - 3 * CUN)
    v.acu("ST36", 191, KNEE + 5 + 3 * CUN)
    return v


# --------------------------------------------------------------------------- medial


def medial() -> View:
    """The inner side of the right leg, groin to sole. Designed with the toes to the right,
    then mirrored so that the toes point to the viewer's left."""
    v = View("medial", "Right leg from the inner side", 360, 1000, mirror=True)
    leg = v.set_outline(
        [
            ("cut", [(97, 322), (128, 304.5), (162, 287), (193, 273.5), (215, 267)]),
            (
                "edge",
                [
                    (215, 267), (225.5, 273), (231.5, 288), (235, 318), (236, 370), (233, 430),
                    (224, 478), (216, 505),
                    (218, 525), (219, 545), (214, 565), (208, 585), (206.5, 603), (207, 618),
                    (204, 650), (198, 720), (192, 790), (187, 850), (186, 876), (190, 893),
                    (202, 905), (224, 916), (248, 929), (270, 942), (290, 951), (306, 956),
                    (318, 961), (324, 969), (325, 978), (319, 986), (306, 990), (290, 990),
                    (272, 988), (255, 984),
                    (232, 978), (200, 972), (168, 974), (145, 982), (125, 988), (110, 986),
                    (100, 972), (97, 952), (101, 932), (110, 912), (117, 892), (119, 866),
                    (116, 838), (108, 805), (96, 768), (86, 725), (83, 685), (87, 645),
                    (96, 610), (104, 585), (106, 560), (103, 530), (97, 490), (89, 440),
                    (81.5, 392), (77.5, 362), (79, 342), (86, 330), (97, 322),
                ],
            ),
        ]
    )
    thigh, rest = split(
        leg, cut([(60, 500), (110, 502), (160, 500), (210, 495), (260, 490)]), (150, 400)
    )
    v.zone("thigh_medial", thigh)
    knee, lower = split(
        rest, cut([(60, 622), (110, 622), (160, 622), (205, 630), (250, 632)]), (160, 560)
    )
    back, side = split(
        knee, cut([(115, 470), (120, 520), (124, 560), (128, 600), (130, 650)]), (112, 560)
    )
    v.zone("knee_posterior", back)
    v.zone("knee_medial", side)
    leg_part, foot = split(
        lower,
        cut([(80, 925), (115, 920), (135, 925), (160, 935), (180, 922), (195, 900), (215, 888)]),
        (150, 750),
    )
    achilles, leg_part = split(
        leg_part,
        cut([(136, 960), (136, 920), (139, 885), (136, 850), (126, 820), (110, 805), (60, 800)]),
        (125, 865),
    )
    mall, leg_part = split(
        leg_part,
        cut([(126, 885), (140, 880), (148, 868), (160, 864), (172, 870), (180, 885), (184, 905),
             (186, 950)]),
        (160, 900),
    )
    calf, front = split(
        leg_part,
        cut([(165, 590), (162, 640), (158, 700), (157, 760), (158, 820), (160, 875)]),
        (110, 700),
    )
    upper, lower_calf = split(
        calf, cut([(60, 788), (100, 790), (130, 780), (150, 770), (175, 765)]), (110, 700)
    )
    v.zone("calf_upper_medial", upper)
    v.zone("calf_lower_medial", lower_calf)
    v.zone("leg_medial", front)
    v.zone("achilles", achilles)
    v.zone("malleolus_medial", mall)
    heel, foot = split(foot, cut([(128, 905), (126, 940), (122, 970), (116, 1000)]), (112, 960))
    toe, arch = split(foot, cut([(283, 930), (284, 960), (285, 1005)]), (305, 975))
    v.zone("heel_posterior", heel)
    v.zone("arch_medial", arch)
    v.zone("big_toe_dorsal", toe)

    # artwork
    v.shade(380, 590, "left", 7, 140)
    v.shade(610, 880, "left", 7, 120)
    v.shade(950, 990, "right", 5, 150)
    v.contour([(112, 470), (120, 530), (126, 580)])  # inner hamstring tendons
    v.contour([(168, 470), (186, 500), (201, 512)])  # inner thigh muscle (vastus medialis)
    v.contour([(100, 790), (114, 772), (126, 730)])  # end of the inner calf muscle
    v.contour([(150, 979), (190, 967), (236, 973)])  # the arch
    v.landmark([(213, 514), (204, 528), (203, 548), (209, 566)])  # kneecap
    v.landmark([(202, 570), (198, 592), (201, 612)])  # kneecap ligament
    v.landmark([(166, 622), (160, 700), (157, 780), (159, 860)])  # inner edge of the shinbone
    # (mirrored when written: the light comes from the viewer's upper left in every view)
    _bump(v, 162, 899, 11, 14, rim=(-130, 10), dark=(30, 200), depth=3.5)  # inner ankle bone
    v.landmark([(127, 830), (133, 880), (134, 915)])  # Achilles tendon
    _bump(v, 202, 950, 6, 4.5, rim=(-120, 0), dark=(30, 170), depth=2)  # navicular bump
    v.landmark([(262, 985), (272, 979), (284, 981)])  # joint at the base of the big toe
    v.landmark([(304, 958), (313, 957), (319, 963), (310, 964)], closed=True, cls="nail")

    # muscles: the inner head of gastrocnemius at the back, soleus in front of and below it;
    # deep, along the back of the shinbone, the long flexor of the toes and tibialis
    # posterior, whose tendons pass behind the inner ankle bone
    v.muscle(
        "gastrocnemius", "Gastrocnemius", False,
        bellies=[[(114, 548), (122, 553), (127.5, 580), (131, 625), (132, 672), (131, 720),
                  (126.5, 760), (119.5, 786), (114, 796), (110, 795), (100.5, 768), (91, 724),
                  (87.5, 682), (91.5, 640), (101, 607), (109, 572)]],
        tendons=[[(111.5, 796), (117, 830), (122, 865), (123, 895), (117, 925), (111, 946)]],
    )
    v.muscle(
        "soleus", "Soleus", False,
        bellies=[[(130, 624), (142, 632), (150, 660), (154, 710), (153.5, 770), (149, 820),
                  (142, 855), (134, 876), (128, 884), (124, 862), (119, 832), (113, 805),
                  (108.5, 775), (108, 735), (112, 690), (119, 650)]],
    )
    v.muscle(
        "tibialis_posterior", "Tibialis posterior", True,
        bellies=[[(137, 630), (150, 632), (155.5, 680), (154, 740), (150, 800), (146, 838),
                  (141.5, 822), (137, 760), (134, 700), (134, 655)]],
        tendons=[[(146, 834), (146.5, 870), (147, 898), (151, 917), (166, 929), (186, 940),
                  (200, 947)]],
    )
    v.muscle(
        "flexor_digitorum_longus", "Flexor digitorum longus", True,
        bellies=[[(146, 658), (156, 654), (158, 700), (157, 760), (155, 820), (150, 858),
                  (145, 838), (142.5, 770), (143, 700)]],
        tendons=[[(150, 854), (145, 880), (142, 906), (145, 927), (160, 940), (180, 952),
                  (196, 962)]],
    )
    v.trp("gastrocnemius-1", 110, 672)
    v.trp("gastrocnemius-3", 118, 586)
    v.trp("soleus-1", 124, 816)
    v.trp("tibialis_posterior-1", 142, 678)
    v.trp("flexor_digitorum_longus-1", 152, 724)
    v.acu("KI3", 139, MED_MALL + 2)
    v.acu("SP6", 151, MED_MALL - 3 * CUN)
    return v


# --------------------------------------------------------------------------- plantar


def plantar() -> View:
    """The sole of the right foot seen from below, toes up: the big toe is on the right."""
    v = View("plantar", "Sole of the right foot", 340, 700)
    toes = [(80, 104, 185), (107, 135, 152), (138, 168, 124), (171, 204, 100), (209, 268, 80)]
    foot = v.set_outline(
        [
            (
                "edge",
                [
                    (176, 677), (146, 673), (122, 658), (108, 630), (103, 592), (99, 540),
                    (93, 480), (86, 420), (80, 350), (76, 300), (74, 270), (76, 246),
                    *_toe_row(toes, [226, 208, 190, 178], up=True),
                    (270, 160), (268, 200), (274, 240), (282, 285), (279, 325), (268, 375),
                    (257, 425), (253, 475), (254, 525), (253, 575), (247, 620), (233, 655),
                    (208, 673),
                ],
            ),
        ]
    )
    toes_all, rest = split(
        foot, cut([(40, 262), (100, 248), (160, 234), (220, 224), (300, 220)]), (190, 200)
    )
    big, small = split(toes_all, cut([(206.5, 120), (207.2, 270)]), (240, 130))
    v.zone("big_toe_plantar", big)
    v.zone("toes_plantar", small)
    ball, rest = split(
        rest, cut([(40, 352), (100, 356), (170, 358), (240, 354), (310, 348)]), (170, 300)
    )
    v.zone("sole_forefoot", ball)
    mid, heel = split(
        rest, cut([(40, 525), (100, 514), (172, 508), (240, 514), (310, 525)]), (170, 420)
    )
    outer, mid = split(mid, cut([(120, 330), (118, 400), (120, 480), (122, 545)]), (100, 420))
    inner, mid = split(mid, cut([(222, 330), (216, 400), (214, 480), (217, 545)]), (240, 420))
    v.zone("heel_plantar", heel)
    v.zone("arch_medial", inner)
    v.zone("sole_midfoot", mid)
    v.zone("foot_lateral", outer)

    v.shade(340, 560, "right", 16, 200)  # the inner arch does not touch the ground
    for (x0, x1, _), web in zip(toes, [230, 214, 198, 186, 196], strict=True):
        w = x1 - x0
        v.contour([(x0 + 0.15 * w, web + 3), ((x0 + x1) / 2, web), (x1 - 0.15 * w, web + 3)])
    v.contour([(218, 142), (238, 137), (258, 142)])  # joint of the big toe
    v.contour([(90, 318), (140, 334), (200, 338), (255, 326), (274, 308)])  # ball of the foot
    v.contour([(112, 560), (140, 537), (172, 530), (205, 537), (238, 560)])  # heel pad
    return v


VIEWS = (posterior, anterior, lateral, medial, plantar)


# fmt: on


def main() -> None:
    for make in VIEWS:
        view = make()
        (HERE / f"{view.name}.svg").write_text(view.svg(), encoding="utf-8", newline="\n")


if __name__ == "__main__":
    main()
