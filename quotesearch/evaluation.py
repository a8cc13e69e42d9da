"""Scoring extracted quotes against a gold file (the format is described in docs/gold-format.md).

A prediction matches a gold quote of the same article when their folded texts are at least 90%
alike by edit distance, or one contains the other and is at least 80% of its length; each gold
quote matches one prediction at most. Only direct and partial quotes are scored: the gold files
do not annotate indirect speech.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import numpy as np
from rapidfuzz.distance import Levenshtein

from quotesearch.errors import ArticleError, GoldFileError
from quotesearch.records import Analysis, Article, Entity, Quote
from quotesearch.speakers.groups import group_quotes
from quotesearch.speakers.registry import resolve_speakers
from quotesearch.text import fold

CALIBRATION_BINS = 10
MIN_SIMILARITY = 0.90
MIN_CONTAINED_SHARE = 0.80
SCORED_KINDS = ("direct", "partial")
# The order cues are listed in reports: from the most explicit to no cue at all.
CUE_ORDER = (
    "verb-before",
    "verb-after",
    "incise-pronoun",
    "colon",
    "selon",
    "pronoun",
    "role-mention",
    "partial",
    "continuation",
    "none",
)

# Punctuation that may open or close a quote without being part of it.
_EDGE_PUNCT = " \t\n.,;:!?…«»“”„‟\"'‹›()[]{}*_/\\"


@dataclass(frozen=True)
class GoldQuote:
    """One annotated quote: its article, text, speaker and the answers also accepted."""

    doc: str
    quote: str
    speaker: str | None
    cue: str
    speaker_kind: str = "none"
    aliases: tuple[str, ...] = ()
    also_accept: tuple[str | None, ...] = ()
    note: str = ""
    start: int | None = None
    end: int | None = None
    line: int = 0


@dataclass(frozen=True)
class Match:
    """A gold quote and the prediction matched to it."""

    gold: GoldQuote
    predicted: Quote
    similarity: float
    speaker_right: bool


@dataclass(frozen=True)
class CueRecall:
    """How many gold quotes of one cue were found, and found with the right speaker."""

    cue: str
    gold: int
    found: int
    right: int


@dataclass(frozen=True)
class EvalReport:
    """Quote, attribution and end-to-end figures, with every miss listed."""

    gold: int
    predicted: int
    matches: tuple[Match, ...]
    missed: tuple[GoldQuote, ...]
    spurious: tuple[Quote, ...]
    per_cue: tuple[CueRecall, ...]
    articles: tuple[str, ...] = ()
    unannotated: tuple[str, ...] = field(default=())
    skipped: tuple[str, ...] = field(default=())
    # Share of matched quotes whose right answer was among the candidates the model chose
    # from, and the expected calibration error of the confidences (when extraction said).
    candidate_recall: float | None = None
    calibration_error: float | None = None

    @property
    def matched(self) -> int:
        return len(self.matches)

    @property
    def right(self) -> int:
        return sum(m.speaker_right for m in self.matches)

    @property
    def wrong_speakers(self) -> tuple[Match, ...]:
        return tuple(m for m in self.matches if not m.speaker_right)

    @property
    def quote_precision(self) -> float:
        return _ratio(self.matched, self.predicted)

    @property
    def quote_recall(self) -> float:
        return _ratio(self.matched, self.gold)

    @property
    def quote_f1(self) -> float:
        return _f1(self.quote_precision, self.quote_recall)

    @property
    def attribution_accuracy(self) -> float:
        return _ratio(self.right, self.matched)

    @property
    def precision(self) -> float:
        """End-to-end precision: predictions matched to a gold quote with the right speaker."""
        return _ratio(self.right, self.predicted)

    @property
    def recall(self) -> float:
        """End-to-end recall: gold quotes found with the right speaker."""
        return _ratio(self.right, self.gold)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)


def load_gold(path: str | Path) -> list[GoldQuote]:
    """Read a gold file, one JSON object per line; raises GoldFileError naming the bad line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as error:
        raise GoldFileError(f"{path}: no such gold file") from error
    except (OSError, UnicodeDecodeError) as error:
        raise GoldFileError(f"{path}: cannot be read as UTF-8 text ({error})") from error
    gold = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            gold.append(_gold_quote(line, path, number))
    if not gold:
        raise GoldFileError(f"{path}: no gold quotes in the file")
    return gold


def _gold_quote(line: str, path: Path, number: int) -> GoldQuote:
    where = f"{path}: line {number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise GoldFileError(f"{where}: not valid JSON ({error.msg})") from error
    if not isinstance(record, dict):
        raise GoldFileError(f"{where}: expected a JSON object")
    for key in ("doc", "quote", "cue"):
        if not isinstance(record.get(key), str) or not record[key]:
            raise GoldFileError(f"{where}: '{key}' is missing or not a string")
    speaker = record.get("speaker")
    if speaker is not None and not isinstance(speaker, str):
        raise GoldFileError(f"{where}: 'speaker' must be a string or null")
    lists = {}
    for key in ("aliases", "also_accept"):
        value = record.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str | None) for v in value):
            raise GoldFileError(f"{where}: '{key}' must be a list of names")
        lists[key] = tuple(value)
    offsets = [record.get(key) for key in ("start", "end")]
    if any(v is not None and not isinstance(v, int) for v in offsets):
        raise GoldFileError(f"{where}: 'start' and 'end' must be integers")
    return GoldQuote(
        doc=record["doc"],
        quote=record["quote"],
        speaker=speaker,
        cue=record["cue"],
        speaker_kind=record.get("speaker_kind") or "none",
        aliases=lists["aliases"],
        also_accept=lists["also_accept"],
        note=record.get("note") or "",
        start=offsets[0],
        end=offsets[1],
        line=number,
    )


def _quote_key(text: str) -> str:
    """A quote folded for comparison, the punctuation around it left out."""
    return fold(text).strip(_EDGE_PUNCT)


def text_similarity(predicted: str, gold: str) -> float:
    """How well two quote texts agree (0–1), or 0 when they do not match by the gold rule."""
    a, b = _quote_key(predicted), _quote_key(gold)
    if not a or not b:
        return 0.0
    similarity = Levenshtein.normalized_similarity(a, b)
    if similarity >= MIN_SIMILARITY:
        return similarity
    short, long = sorted((a, b), key=len)
    if short in long and len(short) >= MIN_CONTAINED_SHARE * len(long):
        return len(short) / len(long)
    return 0.0


def names_agree(predicted: str, gold: str) -> bool:
    """Two names agree when every folded token of the shorter is in the longer ("Lavrov",
    "Sergueï Lavrov")."""
    a = set(fold(predicted).split())
    b = set(fold(gold).split())
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return short <= long


def speaker_right(predicted: str | None, gold: GoldQuote) -> bool:
    """Whether a predicted speaker is the gold one, an alias, or an accepted answer (None too)."""
    # An alias that is a role phrase or a description (« le ministre de l'Intérieur ») helps
    # a reader but is no answer: when the article names the speaker, the role is not enough.
    aliases = tuple(a for a in gold.aliases if not _is_description(a))
    answers = (gold.speaker, *aliases, *gold.also_accept)
    if predicted is None or not predicted.strip():
        return None in answers
    return any(answer is not None and names_agree(predicted, answer) for answer in answers)


def _is_description(alias: str) -> bool:
    """A role phrase or description starts with a lower-case word (« l'ancien président »)."""
    first = alias.strip()[:1]
    return first.isalpha() and first.islower()


def gold_doc(doc_id: str, gold_docs: Collection[str]) -> str:
    """The gold file's name for an article: its id, or the part before the first `_`."""
    return doc_id if doc_id in gold_docs else doc_id.split("_", 1)[0]


def score(
    gold: Iterable[GoldQuote],
    predicted: Iterable[Quote],
    *,
    articles: Iterable[str] | None = None,
) -> EvalReport:
    """Score predicted quotes against gold quotes.

    `articles` names the article ids that were analysed: gold quotes of other articles are then
    left out of the scores, so a run over part of a gold set is scored fairly.
    """
    gold = list(gold)
    docs = {g.doc for g in gold}
    analysed = None if articles is None else list(dict.fromkeys(articles))
    keys = None if analysed is None else {gold_doc(a, docs) for a in analysed}
    if keys is not None:
        gold = [g for g in gold if g.doc in keys]
    scored = [q for q in predicted if q.kind in SCORED_KINDS]
    by_doc: dict[str, tuple[list[GoldQuote], list[Quote]]] = {}
    for g in gold:
        by_doc.setdefault(g.doc, ([], []))[0].append(g)
    for q in scored:
        by_doc.setdefault(gold_doc(q.doc_id, docs), ([], []))[1].append(q)
    matches: list[Match] = []
    for doc_gold, doc_predicted in by_doc.values():
        matches.extend(_match(doc_gold, doc_predicted))
    matched_gold = {id(m.gold) for m in matches}
    matched_predicted = {id(m.predicted) for m in matches}
    matches.sort(key=lambda m: (m.gold.doc, m.gold.start or 0, m.gold.line))
    return EvalReport(
        gold=len(gold),
        predicted=len(scored),
        matches=tuple(matches),
        missed=tuple(g for g in gold if id(g) not in matched_gold),
        spurious=tuple(q for q in scored if id(q) not in matched_predicted),
        per_cue=_per_cue(gold, matches),
        articles=tuple(analysed or ()),
        unannotated=tuple(a for a in analysed or () if gold_doc(a, docs) not in docs),
        skipped=tuple(sorted(docs - keys)) if keys is not None else (),
    )


def _match(gold: list[GoldQuote], predicted: list[Quote]) -> list[Match]:
    """One-to-one matching, best pairs first; where the gold file gives offsets, a prediction
    over the same place is preferred (the same words can be quoted twice in an article)."""
    pairs = []
    for i, g in enumerate(gold):
        for j, q in enumerate(predicted):
            similarity = text_similarity(q.text, g.quote)
            if similarity:
                same_place = g.start is not None and g.end is not None
                same_place = same_place and q.start < g.end and g.start < q.end
                pairs.append((not same_place, -similarity, i, j))
    pairs.sort()
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    matches = []
    for _, similarity, i, j in pairs:
        if i in used_gold or j in used_predicted:
            continue
        used_gold.add(i)
        used_predicted.add(j)
        g, q = gold[i], predicted[j]
        matches.append(Match(g, q, -similarity, speaker_right(q.speaker, g)))
    return matches


def _per_cue(gold: list[GoldQuote], matches: list[Match]) -> tuple[CueRecall, ...]:
    cues = sorted({g.cue for g in gold}, key=lambda c: (c not in CUE_ORDER, _cue_rank(c), c))
    found = {id(m.gold): m.speaker_right for m in matches}
    rows = []
    for cue in cues:
        of_cue = [g for g in gold if g.cue == cue]
        rows.append(
            CueRecall(
                cue=cue,
                gold=len(of_cue),
                found=sum(id(g) in found for g in of_cue),
                right=sum(found.get(id(g), False) for g in of_cue),
            )
        )
    return tuple(rows)


def _cue_rank(cue: str) -> int:
    return CUE_ORDER.index(cue) if cue in CUE_ORDER else len(CUE_ORDER)


def evaluate(
    gold_path: str | Path,
    paths: Iterable[str | Path],
    *,
    on_error: Callable[[ArticleError], None] | None = None,
    n_process: int | None = None,
) -> EvalReport:
    """Extract the quotes of the articles at `paths` and score them against a gold file."""
    from quotesearch.articles import iter_articles
    from quotesearch.extract.pipeline import analyse_articles

    gold = load_gold(gold_path)
    articles = list(iter_articles(paths, on_error=on_error))
    analyses = list(analyse_articles(articles, n_process=n_process))
    predicted = [q for analysis in analyses for q in analysis.quotes]
    report = score(gold, predicted, articles=[a.id for a in articles])
    candidates = {
        (analysis.article.id, start): names
        for analysis in analyses
        for start, names in analysis.candidates
    }
    found = [
        any(speaker_right(name or None, m.gold) for name in names)
        for m in report.matches
        if (names := candidates.get((m.predicted.doc_id, m.predicted.start))) is not None
    ]
    confidences = np.array([m.predicted.confidence for m in report.matches])
    right = np.array([float(m.speaker_right) for m in report.matches])
    return replace(
        report,
        candidate_recall=_ratio(sum(found), len(found)) if found else None,
        calibration_error=expected_calibration_error(confidences, right) if len(right) else None,
    )


def expected_calibration_error(confidence: np.ndarray, right: np.ndarray) -> float:
    """The mean gap between confidence and accuracy over ten equal-width bins of confidence,
    weighted by how many answers fall in each."""
    bins = np.minimum((confidence * CALIBRATION_BINS).astype(int), CALIBRATION_BINS - 1)
    gap = 0.0
    for b in range(CALIBRATION_BINS):
        inside = bins == b
        if inside.any():
            gap += inside.sum() * abs(confidence[inside].mean() - right[inside].mean())
    return float(gap / max(len(confidence), 1))


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def report_lines(
    report: EvalReport,
    *,
    clustering: dict | None = None,
    grouping: dict | None = None,
    width: int = 120,
) -> list[str]:
    """The report for people: every miss, recall per cue, then the summary figures last.

    `clustering` is the result of `score_clustering`, `grouping` that of `score_grouping`,
    shown beside the quote figures.
    """

    def show(text: str) -> str:
        text = " ".join(text.replace("\n", " ¶ ").split())
        return text if len(text) <= width else text[: width - 1] + "…"

    lines = [f"Missed gold quotes ({len(report.missed)}):"]
    for g in report.missed:
        lines.append(f"  {g.doc}  « {show(g.quote)} »  ({g.speaker or 'no speaker'}, {g.cue})")
    lines.append(f"Spurious predictions ({len(report.spurious)}):")
    for q in report.spurious:
        lines.append(f"  {q.id}  « {show(q.text)} »  ({q.speaker or 'no speaker'}, {q.cue})")
    lines.append(f"Wrong speakers ({len(report.wrong_speakers)}):")
    for m in report.wrong_speakers:
        lines.append(
            f"  {m.gold.doc}  « {show(m.gold.quote)} »  gold {m.gold.speaker or 'no speaker'}"
            f" ({m.gold.cue}), predicted {m.predicted.speaker or 'no speaker'}"
            f" ({m.predicted.cue})"
        )
    lines.append("Recall per cue:    found   right speaker")
    for row in report.per_cue:
        lines.append(
            f"  {row.cue:<15} {row.found:>4}/{row.gold:<4} {row.right:>4}/{row.gold:<4}"
            f" {_ratio(row.right, row.gold):.3f}"
        )
    if report.skipped:
        lines.append(
            f"Not scored: {len(report.skipped)} gold articles not among the inputs"
            f" ({_some(report.skipped)})"
        )
    if report.unannotated:
        lines.append(
            f"No gold quotes for {len(report.unannotated)} input articles"
            f" ({_some(report.unannotated)}): their predictions count as spurious"
        )
    if clustering is not None:
        lines.append(f"Speaker pairs judged wrongly ({len(clustering['errors'])}):")
        for wrong in clustering["errors"]:
            verdict = "merged, but different people" if wrong["merged"] else "same, not merged"
            lines.append(f"  {wrong['a']} / {wrong['b']}: {verdict}")
        lines.append(
            f"speaker pairs P/R/F1  {clustering['precision']:.3f} / {clustering['recall']:.3f}"
            f" / {clustering['f1']:.3f}  ({clustering['pairs']} pairs)"
        )
    if grouping is not None:
        lines += grouping_lines(grouping, width=width)
    lines += [
        f"Summary: {_count(len(report.articles), 'article')}, {report.gold} gold quotes,"
        f" {report.predicted} predicted (direct and partial)",
        f"missed {len(report.missed)}, spurious {len(report.spurious)},"
        f" wrong speaker {len(report.wrong_speakers)}",
        "recall per cue (right speaker): "
        + ", ".join(f"{row.cue} {row.right}/{row.gold}" for row in report.per_cue),
        f"quote P/R/F1          {report.quote_precision:.3f} / {report.quote_recall:.3f}"
        f" / {report.quote_f1:.3f}  ({report.matched} matched)",
        f"attribution accuracy  {report.attribution_accuracy:.3f}"
        f"  ({report.right} of {report.matched} matched quotes)",
    ]
    if report.candidate_recall is not None:
        lines.append(
            f"candidate recall      {report.candidate_recall:.3f}  (the right answer, nobody"
            " included, among the candidates of the matched quotes)"
        )
    if report.calibration_error is not None:
        lines.append(f"calibration error     {report.calibration_error:.3f}  (expected, 10 bins)")
    lines.append(
        f"end-to-end P/R/F1     {report.precision:.3f} / {report.recall:.3f}"
        f" / {report.f1:.3f}  ({report.right} right)"
    )
    return lines


def grouping_lines(grouping: dict, *, width: int = 120) -> list[str]:
    """The quote pairs the grouping judged wrongly, then its figures (`score_grouping`)."""

    def show(text: str) -> str:
        return text if len(text) <= width // 2 else text[: width // 2 - 1] + "…"

    lines = [f"Statement pairs judged wrongly ({len(grouping['errors'])}):"]
    for wrong in grouping["errors"]:
        verdict = "grouped, but two statements" if wrong["merged"] else "one statement, apart"
        lines.append(f"  « {show(wrong['a'])} » / « {show(wrong['b'])} »: {verdict}")
    lines.append(
        f"statement pairs P/R/F1  {grouping['precision']:.3f} / {grouping['recall']:.3f}"
        f" / {grouping['f1']:.3f}  ({grouping['pairs']} pairs, {grouping['same_pairs']} same)"
    )
    return lines


def _some(names: tuple[str, ...], limit: int = 10) -> str:
    return ", ".join(names[:limit]) + (", …" if len(names) > limit else "")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def read_name_pairs(path: str | Path, *, what: str = "name") -> list[tuple[str, str, bool]]:
    """Read a labelled pair file: `name<TAB>name<TAB>same|different` (or quotes, as `what`
    says), an optional note column, `#` comments. Raises GoldFileError naming the line at
    fault."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFileError(f"{path}: cannot read the {what} pairs ({exc})") from exc
    pairs = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 3 or cells[2].strip() not in ("same", "different"):
            raise GoldFileError(
                f"{path}:{number}: expected {what}<TAB>{what}<TAB>same|different, got {line!r}"
            )
        pairs.append((cells[0].strip(), cells[1].strip(), cells[2].strip() == "same"))
    if not pairs:
        raise GoldFileError(f"{path}: no {what} pairs")
    return pairs


def _dated_form(form: str) -> tuple[str, date | None]:
    """A pair file's form and the date of its article: « Premier ministre @2019-06-01 »."""
    name, at, day = form.rpartition(" @")
    if at and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        return name, date.fromisoformat(day)
    return form, None


def score_clustering(pairs_path: str | Path) -> dict:
    """Cluster every name of a labelled pair file as one corpus (each name its own article,
    dated when the form ends with « @YYYY-MM-DD ») and score the merges pairwise: precision,
    recall and the pairs judged wrongly."""
    pairs = read_name_pairs(pairs_path)
    forms = sorted({n for a, b, _ in pairs for n in (a, b)})
    analyses = []
    for k, form in enumerate(forms):
        name, day = _dated_form(form)
        analyses.append(
            Analysis(
                article=Article(id=f"name-{k}", text=name, date=day),
                entities=(Entity(name=name, kind="person"),),
            )
        )
    registry = resolve_speakers(analyses)
    speaker_of = {}
    for k, form in enumerate(forms):
        speaker = registry.speaker_named(f"name-{k}", _dated_form(form)[0])
        speaker_of[form] = speaker.id if speaker else None
    merges = [
        (a, b, same, speaker_of[a] is not None and speaker_of[a] == speaker_of[b])
        for a, b, same in pairs
    ]
    return _pair_scores(merges)


def score_grouping(pairs_path: str | Path) -> dict:
    """Group each pair of a labelled quote-pair file as the index groups near-duplicate
    quotes (two quotes of two articles, no speaker given) and score the groupings pairwise:
    precision, recall and the pairs judged wrongly."""
    merges = []
    for a, b, same, days in read_quote_pairs(pairs_path):
        quotes = [
            Quote(doc, text, 0, len(text), "direct", None, None, "pair", 1.0)
            for doc, text in (("pair-a", a), ("pair-b", b))
        ]
        day_of = dict(zip(("pair-a", "pair-b"), days, strict=True))
        groups = group_quotes(quotes, day_of=lambda q, day_of=day_of: day_of[q.doc_id])
        merges.append((a, b, same, groups[quotes[0].id] == groups[quotes[1].id]))
    return _pair_scores(merges)


def read_quote_pairs(
    path: str | Path,
) -> list[tuple[str, str, bool, tuple[int | None, int | None]]]:
    """Read a labelled quote-pair file: `quote<TAB>quote<TAB>same|different`, a note, then
    the two articles' days (YYYY-MM-DD, may be empty); `#` comments. Raises GoldFileError
    naming the line at fault."""
    pairs = read_name_pairs(path, what="quote")
    lines = [
        line
        for line in Path(path).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    found = []
    for (a, b, same), line in zip(pairs, lines, strict=True):
        cells = [*line.split("\t"), "", "", ""][3:6]
        try:
            days = tuple(date.fromisoformat(c).toordinal() if c else None for c in cells[1:3])
        except ValueError as exc:
            raise GoldFileError(f"{path}: a day is not written YYYY-MM-DD in {line!r}") from exc
        found.append((a, b, same, days))
    return found


def _pair_scores(merges: list[tuple[str, str, bool, bool]]) -> dict:
    """Pairwise precision and recall of (a, b, same, merged) judgements, and the wrong ones."""
    tp = fp = fn = tn = 0
    errors = []
    for a, b, same, merged in merges:
        tp += same and merged
        fp += merged and not same
        fn += same and not merged
        tn += not same and not merged
        if merged != same:
            errors.append({"a": a, "b": b, "same": same, "merged": merged})
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pairs": len(merges),
        "same_pairs": tp + fn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "true_positives": tp,
        "false_positives": fp,
        "false_negatives": fn,
        "true_negatives": tn,
        "errors": errors,
    }
