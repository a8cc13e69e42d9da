"""Reading articles from .txt, .html and .jsonl files, and the errors for bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from quotesearch.articles import (
    MAX_ARTICLE_CHARS,
    article_from_html,
    article_from_text,
    headline,
    iter_articles,
    read_articles,
)
from quotesearch.errors import ArticleError

BODY = (
    "La maire de Lyon a présenté mardi son plan pour les pistes cyclables.\n"
    "« Nous voulons une ville où l'on respire », a-t-elle déclaré devant le conseil municipal.\n"
)

PAGE = """<!DOCTYPE html>
<html lang="fr"><head>
<meta charset="utf-8">
<title>Lyon dévoile son plan vélo | Le Journal du Rhône</title>
<meta property="og:title" content="Lyon dévoile son plan vélo">
<meta property="og:site_name" content="Le Journal du Rhône">
<meta property="og:url" content="https://journal-du-rhone.example/lyon-plan-velo">
<meta property="article:published_time" content="2023-03-14T09:30:00+01:00">
</head><body>
<nav><a href="/">Accueil</a> <a href="/politique">Politique</a></nav>
<article>
<h1>Lyon dévoile son plan vélo</h1>
<p>La maire de Lyon a présenté mardi un plan de quarante kilomètres de nouvelles pistes
cyclables, financé sur trois ans par la métropole et par l'État.</p>
<p>« Nous voulons une ville où l'on respire », a-t-elle déclaré devant le conseil municipal,
réuni en séance extraordinaire pour l'occasion.</p>
<p>L'opposition a dénoncé un projet « coûteux et mal préparé », selon son porte-parole, qui
réclame une étude d'impact sur la circulation des bus.</p>
</article>
<footer>Tous droits réservés</footer>
</body></html>
"""


def write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Le plan vélo de Lyon divise\n" + BODY, "Le plan vélo de Lyon divise"),
        ("« On respire enfin », dit la maire\n" + BODY, "« On respire enfin », dit la maire"),
        # A file's first line is its title, though it reads as a sentence.
        (
            "Le conseil municipal s'est réuni mardi.\n" + BODY,
            "Le conseil municipal s'est réuni mardi.",
        ),
        ("Un long résumé " * 20 + "\n" + BODY, "Un long résumé " * 13 + "Un …"),
        (BODY, "La maire de Lyon a présenté mardi son plan pour les pistes cyclables."),
        ("Un titre sans suite\n", None),
        ("Accueil » Politique » Lyon dévoile son plan\n" + BODY, "Lyon dévoile son plan"),
    ],
)
def test_txt_headline_becomes_title_and_stays_in_text(tmp_path, text, title):
    [article] = read_articles(write(tmp_path / "lyon-velo.txt", text))
    assert (article.id, article.title, article.text) == ("lyon-velo", title, text)
    assert article.path == str(tmp_path / "lyon-velo.txt")


@pytest.mark.parametrize(
    ("top", "day"),
    [
        ("Titre\nAFP, publié le mardi 23 juin 2020 à 18h19\n", date(2020, 6, 23)),
        ("Titre\nPublié le 1er mars 2019\n", date(2019, 3, 1)),
        ("Titre\nMis à jour le 03/02/2021 à 08:15\n", date(2021, 2, 3)),
        # A date of the story, a line that is not short, an impossible day: no date.
        ("Titre\nLe 14 juillet 1789 reste une date qui divise. " + "Bla " * 50 + "\n", None),
        ("Titre\nPublié le 31 février 2020\n", None),
        ("Titre\n", None),
    ],
)
def test_txt_date_is_read_from_its_dateline(tmp_path, top, day):
    [article] = read_articles(write(tmp_path / "a.txt", top + BODY))
    assert article.date == day
    assert article_from_text(top + BODY, id="u").date == day


def test_a_dateline_below_the_top_lines_is_the_story_not_the_date(tmp_path):
    text = "Titre\n" + BODY * 4 + "Publié le 2 mai 2018\n"
    [article] = read_articles(write(tmp_path / "a.txt", text))
    assert article.date is None


def test_jsonl_date_field_wins_over_the_dateline(tmp_path):
    line = json.dumps({"text": "Titre\nPublié le 2 mai 2018\n" + BODY, "date": "2019-01-05"})
    [article] = read_articles(write(tmp_path / "a.jsonl", line + "\n"))
    assert article.date == date(2019, 1, 5)


def test_txt_keeps_text_exactly_but_for_windows_line_ends(tmp_path):
    text = "Titre du jour\r\n\r\n  Le ministre  a parlé\u00a0: « Non ».\r\n"
    [article] = read_articles(write(tmp_path / "a.txt", text.encode("utf-8")))
    assert article.text == "Titre du jour\n\n  Le ministre  a parlé\u00a0: « Non ».\n"


def test_txt_byte_order_mark_is_dropped(tmp_path):
    [article] = read_articles(write(tmp_path / "a.txt", "\ufeff" + BODY))
    assert article.text == BODY


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("vide.txt", b"", "empty file"),
        ("blancs.txt", b"  \n\t\n", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL bytes)"),
        (
            "latin1.txt",
            "Le député a été élu.".encode("latin-1"),
            "not valid UTF-8 (byte 0xe9 at offset 4)",
        ),
        (
            "controle.txt",
            b"\x01\x02\x03\x04abc\x05\x06\x07\x08",
            "binary data (control characters)",
        ),
        ("page.html", b"", "empty file"),
        ("lot.jsonl", b"\n\n", "empty file"),
    ],
)
def test_bad_files_raise_one_error_naming_the_file(tmp_path, name, data, problem):
    path = write(tmp_path / name, data)
    with pytest.raises(ArticleError) as caught:
        read_articles(path)
    assert caught.value.source == str(path)
    assert caught.value.problem.startswith(problem)
    assert str(caught.value).startswith(f"{path}: {problem}")


def test_invalid_utf8_message_tells_the_fix(tmp_path):
    path = write(tmp_path / "latin1.txt", "Élu.".encode("latin-1"))
    with pytest.raises(ArticleError, match=r"byte 0xc9 at offset 0\); save it as UTF-8$"):
        read_articles(path)


def test_missing_file(tmp_path):
    with pytest.raises(ArticleError, match=r"absent\.txt: no such file$"):
        read_articles(tmp_path / "absent.txt")


def test_unsupported_suffix(tmp_path):
    path = write(tmp_path / "rapport.pdf", b"%PDF-1.4")
    with pytest.raises(ArticleError, match=r"unsupported file type '\.pdf'"):
        read_articles(path)


@pytest.mark.parametrize(
    ("text", "limit", "ok"),
    [
        ("é" * 1000, 1000, True),
        ("é" * 1001, 1000, False),
        ("Il a dit non. " * 357_143, None, False),
    ],
)
def test_size_limit_in_characters(tmp_path, text, limit, ok):
    path = write(tmp_path / "long.txt", text)
    chars = len(text)
    limit = limit or MAX_ARTICLE_CHARS
    if ok:
        assert len(read_articles(path, max_chars=limit)[0].text) == chars
    else:
        with pytest.raises(ArticleError, match=rf"too large \({chars:,} characters; the limit"):
            read_articles(path, max_chars=limit)


def test_huge_file_is_refused_before_reading(tmp_path):
    path = write(tmp_path / "enorme.txt", b"a" * 4001)
    with pytest.raises(ArticleError, match=r"too large \(0.0 MB; the limit is 0.0 MB\)"):
        read_articles(path, max_chars=1000)


def test_html_page_main_text_and_metadata(tmp_path):
    [article] = read_articles(write(tmp_path / "lyon.html", PAGE))
    assert article.id == "lyon"
    assert article.title == "Lyon dévoile son plan vélo"
    assert article.date == date(2023, 3, 14)
    assert article.source == "Le Journal du Rhône"
    assert article.url == "https://journal-du-rhone.example/lyon-plan-velo"
    assert "« Nous voulons une ville où l'on respire »" in article.text
    assert "Accueil" not in article.text
    assert "Tous droits réservés" not in article.text


def test_html_upload_from_bytes_and_str():
    from_bytes = article_from_html(PAGE.encode("utf-8"), id="upload")
    from_str = article_from_html(PAGE, id="upload")
    assert from_bytes == from_str
    assert from_bytes.path is None


def test_html_without_article_text():
    with pytest.raises(ArticleError, match=r"^vide: no article text found in the page$"):
        article_from_html("<html><body><script>var a = 1;</script></body></html>", id="vide")


def test_jsonl_one_article_per_line(tmp_path):
    lines = [
        {"id": "a1", "text": BODY, "title": "Plan vélo", "date": "2023-03-14", "source": "JDR"},
        {"text": "Le préfet a parlé.\nIl a dit « non »."},
        {"id": 7, "text": BODY, "date": "14 mars 2023", "url": "https://example.org/7"},
    ]
    path = write(tmp_path / "lot.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n\n")
    articles = read_articles(path)
    assert [(a.id, a.title, a.date, a.source, a.url) for a in articles] == [
        ("a1", "Plan vélo", date(2023, 3, 14), "JDR", None),
        ("lot-2", None, None, None, None),
        ("7", None, date(2023, 3, 14), None, "https://example.org/7"),
    ]
    assert articles[1].text == "Le préfet a parlé.\nIl a dit « non »."


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{pas du json", "line 2: not valid JSON"),
        ('["une", "liste"]', "line 2: expected a JSON object with a 'text' key"),
        ('{"id": "x"}', "line 2: 'text' is missing or not a string"),
        ('{"text": "   "}', "line 2: empty article"),
        (
            '{"text": "Bonjour.", "date": "la semaine des quatre jeudis"}',
            "line 2: date 'la semaine",
        ),
        ('{"text": "Bonjour.", "title": ["a"]}', "line 2: 'title' must be a string"),
        ('{"id": "a1", "text": "Bis."}', "line 2: id 'a1' is used twice in this file"),
    ],
)
def test_jsonl_bad_line_is_reported_and_others_kept(tmp_path, line, problem):
    good = json.dumps({"id": "a1", "text": BODY})
    last = json.dumps({"id": "a3", "text": BODY})
    path = write(tmp_path / "lot.jsonl", f"{good}\n{line}\n{last}\n")
    errors: list[ArticleError] = []
    articles = list(iter_articles([path], on_error=errors.append))
    assert [a.id for a in articles] == ["a1", "a3"]
    assert [e.source for e in errors] == [str(path)]
    assert errors[0].problem.startswith(problem)
    with pytest.raises(ArticleError, match=problem.replace("(", r"\(")[:20]):
        read_articles(path)


def test_iter_articles_walks_folders_sorted_and_reports_bad_files(tmp_path):
    write(tmp_path / "b.txt", BODY)
    (tmp_path / "sous").mkdir()
    write(tmp_path / "sous" / "a.txt", BODY)
    write(tmp_path / "sous" / "c.html", PAGE)
    write(tmp_path / "vide.txt", b"")
    write(tmp_path / "notes.md", "# pas un article")
    write(tmp_path / "speakers.toml", "[aliases]")
    (tmp_path / ".cache").mkdir()
    write(tmp_path / ".cache" / "z.txt", BODY)
    extra = write(tmp_path.parent / f"{tmp_path.name}-seul.txt", BODY)
    errors: list[ArticleError] = []
    paths = [tmp_path, tmp_path / "absent.txt", extra]
    articles = list(iter_articles(paths, on_error=errors.append))
    assert [a.id for a in articles] == ["b", "a", "c", f"{tmp_path.name}-seul"]
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'vide.txt'}: empty file",
        f"{tmp_path / 'absent.txt'}: no such file",
    ]


def test_iter_articles_raises_without_on_error(tmp_path):
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "b.txt", b"\xff\xfe")
    articles = iter_articles([tmp_path])
    assert next(articles).id == "a"
    with pytest.raises(ArticleError, match=r"b\.txt: not valid UTF-8"):
        next(articles)


def test_same_id_in_two_files_is_reported_not_overwritten(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    write(tmp_path / "x" / "article.txt", BODY)
    write(tmp_path / "y" / "article.txt", "Autre texte.\n")
    errors: list[ArticleError] = []
    articles = list(iter_articles([tmp_path], on_error=errors.append))
    assert [a.text for a in articles] == [BODY]
    assert errors[0].problem.startswith("article id 'article' is already used by")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Grève à la SNCF\nLes syndicats ont appelé à la grève.", "Grève à la SNCF"),
        ("Les syndicats ont appelé à la grève.\nSuite.", None),
        ("Grève : les syndicats appellent à cesser le travail,\nsuite", None),
        ("Un seul paragraphe sans point", None),
    ],
)
def test_headline(text, title):
    assert headline(text) == title


def test_article_from_text_upload():
    article = article_from_text("Titre\r\nLe texte.\r\n", id="upload")
    assert (article.id, article.title, article.text) == ("upload", "Titre", "Titre\nLe texte.\n")
    assert article_from_text(BODY, id="u", title="Donné").title == "Donné"
    with pytest.raises(ArticleError, match=r"^u: empty article"):
        article_from_text(" \n", id="u")


def test_a_file_named_twice_is_read_once(tmp_path):
    path = write(tmp_path / "a.txt", BODY)
    errors: list[ArticleError] = []
    articles = list(
        iter_articles([path, tmp_path, tmp_path / "." / "a.txt"], on_error=errors.append)
    )
    assert [a.id for a in articles] == ["a"]
    assert errors == []


def test_missing_file_of_unknown_type_is_reported_missing(tmp_path):
    with pytest.raises(ArticleError, match=r"rapport\.pdf: no such file$"):
        read_articles(tmp_path / "rapport.pdf")


HELENE = PAGE.replace("La maire de Lyon", "La maire de Lyon, Hélène Roux,")


@pytest.mark.parametrize(
    ("declared", "codec"),
    [
        ('<meta charset="iso-8859-1">', "latin-1"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "latin-1"),
        ('<meta charset="windows-1252">', "cp1252"),
        ("", "latin-1"),
        ('<meta charset="utf-8">', "latin-1"),
        ('<meta charset="nimporte-quoi">', "utf-8"),
    ],
    ids=["meta", "http-equiv", "cp1252", "undeclared", "wrongly-declared", "unknown-label"],
)
def test_html_in_another_charset_is_decoded_right(declared: str, codec: str) -> None:
    page = HELENE.replace('<meta charset="utf-8">', declared)
    article = article_from_html(page.encode(codec), id="latin")
    assert "La maire de Lyon, Hélène Roux, a présenté" in article.text
    assert article.title == "Lyon dévoile son plan vélo"


@pytest.mark.parametrize("declared", ["", '<meta charset="latin1">', '<meta charset="utf-8">'])
def test_short_latin1_page_keeps_its_accents(declared: str) -> None:
    said = "« Nous irons au bout », a dit Hélène Marchand mardi devant la presse réunie."
    page = f"<html><head>{declared}<title>Vignes</title></head><body><p>{said}</p></body></html>"
    article = article_from_html(page.encode("latin-1"), id="vignes")
    assert "Hélène Marchand" in article.text


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        ({"text": "« Bonjour \ud800 », a dit Paul."}, "holds a lone surrogate (\\ud800 at"),
        ({"text": BODY, "title": "Titre \udfff"}, "'title' holds a lone surrogate"),
        ({"text": BODY, "id": "\ud83d"}, "'id' holds a lone surrogate"),
    ],
)
def test_jsonl_line_with_a_lone_surrogate_is_named_and_skipped(tmp_path, record, problem):
    lines = [json.dumps({"id": "a1", "text": BODY}), json.dumps(record), json.dumps({"text": BODY})]
    path = write(tmp_path / "lot.jsonl", "\n".join(lines) + "\n")
    errors: list[ArticleError] = []
    articles = list(iter_articles([path], on_error=errors.append))
    assert [a.id for a in articles] == ["a1", "lot-3"]
    assert [e.source for e in errors] == [str(path)]
    assert errors[0].problem.startswith(f"line 2: {problem}")


def test_jsonl_line_nested_too_deeply_is_named_and_skipped(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    path = write(tmp_path / "lot.jsonl", f"{deep}\n{json.dumps({'text': BODY})}\n")
    errors: list[ArticleError] = []
    assert [a.id for a in iter_articles([path], on_error=errors.append)] == ["lot-2"]
    assert [e.problem for e in errors] == ["line 1: JSON nested too deeply to be an article"]


def test_jsonl_text_holding_a_raw_line_separator_stays_one_line(tmp_path):
    # JSON lets U+2028 and U+2029 stand unescaped in a string; only "\n" ends a line.
    records = [
        {"id": "sep", "text": "Le maire a parlé.\u2028« Nous paierons », a-t-il dit.\u2029Fin."},
        {"id": "suite", "text": BODY},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    assert "\u2028" in lines[0]
    path = write(tmp_path / "lot.jsonl", "\n".join(lines) + "\r\n")
    articles = read_articles(path)
    assert [(a.id, a.text) for a in articles] == [(r["id"], r["text"]) for r in records]
