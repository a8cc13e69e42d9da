"""The user's alias file, `speakers.toml`: forms forced into one speaker, its canonical name,
and people never to merge. The registry reads these rules before it joins any names."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from quotesearch.errors import AliasFileError
from quotesearch.speakers import names
from quotesearch.text import fold

ALIAS_FILE_NAME = "speakers.toml"


@dataclass(frozen=True)
class AliasSpeaker:
    """One speaker the user named: its canonical name and the forms forced into it."""

    name: str
    aliases: tuple[str, ...] = ()
    id: str | None = None


@dataclass(frozen=True)
class RoleRefusal:
    """A role speaker never to identify with the office's holder: in the articles listed, or
    in every article when none is."""

    role: str
    articles: tuple[str, ...] = ()


@dataclass(frozen=True)
class AliasRules:
    """The user's alias file: forced merges with canonical names, forbidden merges, and role
    speakers not to identify with an office holder."""

    speakers: tuple[AliasSpeaker, ...] = ()
    distinct: tuple[tuple[str, ...], ...] = ()
    path: str | None = None
    unlinked: tuple[RoleRefusal, ...] = ()

    def refuses(self, role: str, doc_id: str) -> bool:
        """Whether the file forbids identifying the role speaker `role` of article `doc_id`."""
        key = role_phrase_key(role)
        return any(
            role_phrase_key(r.role) == key and (not r.articles or doc_id in r.articles)
            for r in self.unlinked
        )


def load_aliases(path: str | Path) -> AliasRules:
    """Read the user's alias file (`speakers.toml`).

    ```toml
    [[speaker]]                      # forms of one person, and the name to show
    name = "Choe Son-hui"
    aliases = ["Choe Song-hee", "Chwe"]
    id = "choe-son-hui"              # optional

    [[distinct]]                     # people never to merge
    names = ["Kim Jong-un", "Kim Jong-il"]

    [[unlink]]                       # a role speaker not to identify with the office holder
    role = "ministre de l'Intérieur"
    articles = ["00123"]             # optional: only in these articles
    ```
    Raises AliasFileError naming the file, the entry and what is wrong.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AliasFileError(f"{path}: cannot read the alias file ({exc.strerror})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise AliasFileError(f"{path}: not valid TOML: {exc}") from exc
    unknown = set(data) - {"speaker", "distinct", "unlink"}
    if unknown:
        raise AliasFileError(
            f"{path}: unknown table {sorted(unknown)[0]!r}; use [[speaker]], [[distinct]] "
            "or [[unlink]]"
        )
    speakers, seen = [], {}
    for n, entry in enumerate(_tables(path, data, "speaker"), 1):
        where = f"{path}: [[speaker]] #{n}"
        _check_keys(where, entry, {"name", "aliases", "id"})
        name = _text(where, entry.get("name"), "name")
        forms = _texts(where, entry.get("aliases", []), "aliases")
        speaker_id = entry.get("id")
        if speaker_id is not None and (
            not isinstance(speaker_id, str) or names.slugify(speaker_id) != speaker_id
        ):
            raise AliasFileError(
                f"{where}: id must be lowercase letters, digits and hyphens, like "
                f"{names.slugify(str(speaker_id))!r}"
            )
        for form in (name, *forms):
            key = alias_key(form)
            if key in seen and seen[key] != n:
                raise AliasFileError(
                    f"{where}: {form!r} is already a form of [[speaker]] #{seen[key]}"
                )
            seen[key] = n
        speakers.append(AliasSpeaker(name=name, aliases=tuple(forms), id=speaker_id))
    distinct = []
    for n, entry in enumerate(_tables(path, data, "distinct"), 1):
        where = f"{path}: [[distinct]] #{n}"
        _check_keys(where, entry, {"names"})
        members = _texts(where, entry.get("names"), "names")
        if len(members) < 2:
            raise AliasFileError(f"{where}: names must list at least two people")
        owners = {seen.get(alias_key(m)) for m in members} - {None}
        if len(owners) < len([m for m in members if alias_key(m) in seen]):
            raise AliasFileError(f"{where}: two of {members} are forms of one [[speaker]]")
        distinct.append(tuple(members))
    unlinked = []
    for n, entry in enumerate(_tables(path, data, "unlink"), 1):
        where = f"{path}: [[unlink]] #{n}"
        _check_keys(where, entry, {"role", "articles"})
        role = _text(where, entry.get("role"), "role")
        articles = _texts(where, entry.get("articles", []), "articles")
        unlinked.append(RoleRefusal(role=role, articles=tuple(articles)))
    return AliasRules(
        speakers=tuple(speakers),
        distinct=tuple(distinct),
        path=str(path),
        unlinked=tuple(unlinked),
    )


def _tables(path: Path, data: dict, key: str) -> list[dict]:
    tables = data.get(key, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise AliasFileError(f"{path}: {key!r} must be written as [[{key}]] tables")
    return tables


def _check_keys(where: str, entry: dict, allowed: set[str]) -> None:
    unknown = set(entry) - allowed
    if unknown:
        raise AliasFileError(
            f"{where}: unknown key {sorted(unknown)[0]!r}; expected {', '.join(sorted(allowed))}"
        )


def _text(where: str, value: object, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise AliasFileError(f"{where}: {key} must be a non-empty string")
    return value.strip()


def _texts(where: str, value: object, key: str) -> list[str]:
    if not isinstance(value, list):
        raise AliasFileError(f"{where}: {key} must be a list of names")
    return [_text(where, v, key) for v in value]


def find_alias_file(paths: Iterable[str | Path]) -> Path | None:
    """The `speakers.toml` in an input folder or beside an input file or folder, if any."""
    for raw in paths:
        path = Path(raw)
        places = [path, path.parent] if path.is_dir() else [path.parent]
        for place in places:
            candidate = place / ALIAS_FILE_NAME
            if candidate.is_file():
                return candidate
    return None


def role_phrase_key(role: str) -> str:
    """A role phrase folded without its leading determiners (« le ministre » ~ « ministre »)."""
    words = fold(role).split()
    while len(words) > 1 and words[0] in ("le", "la", "les", "l", "un", "une"):
        words = words[1:]
    return " ".join(words)


def alias_key(form: str) -> str:
    """The form under which a name of the alias file is matched against written names."""
    bare, _ = names.clean_name(form)
    return fold(bare or form)
