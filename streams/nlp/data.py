"""Finding and reading the editable data files (actors, lexicons).

Packaged files live in ``streams/data/``; a user's rules folder may hold ``actors/`` and ``lexicon/`` folders with
files of the same kinds, read after the packaged ones so that their entries extend or override them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from streams.errors import ExtractionError

PACKAGED_DATA = Path(__file__).resolve().parent.parent / "data"


def data_files(kind: str, pattern: str, user_dir: Path | None = None) -> list[Path]:
    """Files of ``kind`` ("actors" or "lexicon") matching ``pattern``: packaged first, then the user's."""
    files = sorted((PACKAGED_DATA / kind).glob(pattern))
    if user_dir is not None and (user_dir / kind).is_dir():
        files += sorted((user_dir / kind).glob(pattern))
    return files


# libyaml's safe loader when PyYAML was built with it (about 3x faster on the derived actor tables).
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise ExtractionError(f"{path}: cannot read data file: {exc}") from exc


def read_tsv(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Rows of a tab-separated file with their 1-based line numbers; ``#`` lines and blank lines skipped.

    A first row naming the columns is recognised by the caller (it is just a row).
    """
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for number, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
                if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
                    continue
                yield number, [cell.strip() for cell in row]
    except OSError as exc:
        raise ExtractionError(f"{path}: cannot read data file: {exc}") from exc


def split_list(cell: str) -> list[str]:
    """A ``|``-separated cell; ``-`` or empty means none."""
    if cell in {"", "-"}:
        return []
    return [part.strip() for part in cell.split("|") if part.strip()]


# CAMEO country codes that differ from the ISO 3166 alpha-3 codes of our tables (Kosovo has no ISO code; XKX is
# the one the EU and IMF use; ROM, ZAR and TMP are withdrawn ISO codes CAMEO kept).
CAMEO_COUNTRY_CODES = {"KSV": "XKX", "TMP": "TLS", "ROM": "ROU", "ZAR": "COD"}
