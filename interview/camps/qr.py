"""The join link as a QR code, drawn as SVG (segno): sharp at any size on a projector."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str) -> bytes:
    """An SVG QR code of ``url`` (error correction M, a quiet zone of 4 modules), scaled by
    its viewBox so the page sets its size."""
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="svg", scale=1, border=4, xmldecl=False, svgns=True, omitsize=True,
              title="QR")  # fmt: skip
    return out.getvalue()
