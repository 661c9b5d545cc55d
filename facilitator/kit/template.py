"""``facilitator kit init``: a commented starting kit that passes ``kit check``."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from facilitator.errors import FacilitatorError
from facilitator.i18n import tr


def template_text() -> str:
    return resources.files("facilitator.kit").joinpath("template.yaml").read_text("utf-8")


def write_template(path: Path) -> None:
    if path.exists():
        raise FacilitatorError(tr("cli.file_exists", path=path))
    try:
        path.write_text(template_text(), "utf-8")
    except OSError as exc:
        raise FacilitatorError(tr("store.unwritable", path=path, reason=exc.strerror)) from exc
