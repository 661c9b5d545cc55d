"""Kit format v1: every rule of docs/kit-format.md has a failing kit, with its line, path and message."""

from __future__ import annotations

import textwrap
import tracemalloc

import pytest

import kits
from facilitator.errors import KitError
from facilitator.kit import load_kit, read_kit, read_kit_bytes

BASE = textwrap.dedent(
    """\
    kit: 1
    event:
      id: ministere-ouvert-1
      title: "Ministère ouvert #1"
      date: 2016-06-21
      start: "17:00"
      end: "20:00"
    plan:
      title: "Plan d'action national 2015-2017"
      commitments:
        - id: 4
          title: "Ouvrir l'accès aux évaluations"
          status: partiel
          url: https://suivi-gouvernement-ouvert.etalab.gouv.fr/fr/Engagement4.html
    workshops:
      - number: 1
        title: "Évaluation des politiques publiques"
        commitments: [4]
        start: "17:00"
        end: "19:30"
        phases:
          - {title: "Présentation", minutes: 45}
          - {title: "Travail collectif", minutes: 90}
        prepared:
          projets:
            - text: "Pages de suivi des EPP"
              url: http://www.modernisation.gouv.fr/suivi-epp
              items:
                - "Taux de publication"
    """
)


def check(text: str, tmp_path=None, name="kit.yaml"):
    if tmp_path is not None:
        path = tmp_path / name
        path.write_text(text, "utf-8")
        return read_kit(path)
    return read_kit_bytes(text.encode("utf-8"), name)


def only_error(report):
    errors = report.errors
    assert report.kit is None
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


def test_base_kit_loads_as_typed_objects():
    report = check(BASE)
    assert report.errors == []
    kit = report.kit
    assert kit.event.title == "Ministère ouvert #1"
    assert kit.event.date.isoformat() == "2016-06-21"
    assert kit.workshops[0].commitments == ("4",)
    assert kit.workshops[0].prepared_for("projets")[0].items[0].text == "Taux de publication"
    assert [s.id for s in kit.sections] == ["projets", "indicateurs", "initiatives", "defis", "futurs"]
    with pytest.raises(AttributeError):
        kit.event.title = "x"  # immutable


@pytest.mark.parametrize("name", kits.BUNDLED)
def test_bundled_kits_load_without_errors(name):
    report = read_kit(kits.kit_path(name))
    assert report.errors == [], [str(e) for e in report.errors]
    assert report.kit.workshops


def test_unknown_key_is_located_with_suggestion():
    err = only_error(check(BASE.replace("  title: \"Ministère", "  tittle: \"Ministère", 1).replace(
        "  id: ministere-ouvert-1\n", "  id: ministere-ouvert-1\n  title: x\n")))
    assert (err.line, err.column, err.path) == (5, 3, "event.tittle")
    assert "clé inconnue « tittle »" in err.message
    assert "vous vouliez dire « title » ?" in err.message


def test_unknown_key_without_close_match_lists_allowed_keys():
    err = only_error(check(BASE.replace("    title: \"Évaluation", "    zzzz: 1\n    title: \"Évaluation")))
    assert err.path == "workshops[0].zzzz"
    assert "clés possibles" in err.message and "question" in err.message


def test_all_errors_reported_at_once_sorted_by_line():
    text = BASE.replace('start: "17:00"\n  end', 'start: "25:00"\n  end', 1).replace(
        "commitments: [4]", "commitments: [4, 9]").replace("status: partiel", "status: fini")
    report = check(text)
    assert report.kit is None
    paths = [e.path for e in report.errors]
    assert paths == ["event.start", "plan.commitments[0].status", "workshops[0].commitments[1]"]
    assert [e.line for e in report.errors] == sorted(e.line for e in report.errors)
    with pytest.raises(KitError) as exc:
        load_kit_text_or_path(text)
    assert len(exc.value.issues) == 3


def load_kit_text_or_path(text):
    from facilitator.kit import load_kit_text

    return load_kit_text(text)


def test_error_string_format(tmp_path):
    report = check(BASE.replace("date: 2016-06-21", "date: 2016-02-30"), tmp_path)
    err = only_error(report)
    assert str(err) == f"{tmp_path / 'kit.yaml'}:5:9: event.date: date impossible : « 2016-02-30 »"


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        ("date: 2016-06-21", 'date: "2016-02-30"', "event.date", "date impossible"),
        ("date: 2016-06-21", "date: 21/06/2016", "event.date", "une date AAAA-MM-JJ était attendue"),
        ('start: "17:00"\n  end', "start: 25:00\n  end", "event.start", "heure impossible"),
        ('start: "17:00"\n  end', "start: 5pm\n  end", "event.start", "une heure HH:MM était attendue"),
        ('end: "20:00"', 'end: "16:00"', "event.end", "la fin (16:00) doit être après le début (17:00)"),
        ("id: ministere-ouvert-1", "id: Ministere_Ouvert", "event.id", "identifiant invalide"),
        ("number: 1", "number: un", "workshops[0].number", "un nombre entier était attendu"),
        ("minutes: 45", "minutes: 0", "workshops[0].phases[0].minutes", "au moins 1"),
        ("status: partiel", "status: fini", "plan.commitments[0].status", "valeur « fini » inconnue"),
        ("url: http://www.modernisation", "url: www.modernisation", "workshops[0].prepared.projets[0].url",
         "une adresse absolue http:// ou https:// était attendue"),
        ("commitments: [4]", "commitments: [5]", "workshops[0].commitments[0]", "engagement « 5 » inconnu du plan"),
        ("projets:", "projects:", "workshops[0].prepared.projects", "section « projects » inconnue"),
        ("kit: 1", "kit: 2", "kit", "version de format 2 non prise en charge"),
        ("    title: \"Évaluation des politiques publiques\"\n", "", "workshops[0]", "clé obligatoire « title » absente"),
        ("title: \"Ministère ouvert #1\"", "title:", "event.title", "un texte était attendu"),
        ("    commitments: [4]\n", "    commitments: 4\n", "workshops[0].commitments", "une liste était attendue"),
        ("  - number: 1\n", "  - number: 1\n    number: 2\n", "workshops[0].number", "clé « number » répétée (déjà définie ligne 16)"),
    ],
)
def test_each_rule_is_a_located_error(old, new, path, message):
    text = BASE.replace(old, new, 1)
    assert text != BASE
    report = check(text)
    assert report.kit is None
    matching = [e for e in report.errors if e.path == path]
    assert matching, [str(e) for e in report.errors]
    assert message in matching[0].message
    # the line points at the offending text
    line = text.splitlines()[matching[0].line - 1]
    key = path.rsplit(".", 1)[-1].split("[")[0]
    assert key in line or new.strip().split("\n")[-1].strip() in line or "- number" in line or "number" in line


def test_time_read_as_written_not_sexagesimal():
    report = check(BASE.replace('start: "17:00"\n  end', "start: 14:15\n  end", 1))
    assert report.errors == []
    assert report.kit.event.start.strftime("%H:%M") == "14:15"


def test_quoted_and_unquoted_dates_are_the_same():
    a = check(BASE).kit
    b = check(BASE.replace("date: 2016-06-21", 'date: "2016-06-21"')).kit
    assert a.event.date == b.event.date


def test_text_fields_take_scalars_as_written():
    kit = check(BASE.replace('title: "Évaluation des politiques publiques"', "title: yes")).kit
    assert kit.workshops[0].title == "yes"


def test_commitment_ids_compare_as_text():
    text = BASE.replace(
        "  commitments:\n    - id: 4\n",
        '  commitments:\n    - id: "3"\n      title: trois\n    - id: 3\n      title: encore trois\n    - id: 4\n',
    )
    report = check(text)
    err = only_error(report)
    assert err.path == "plan.commitments[1].id"
    assert "engagement « 3 » déjà déclaré ligne 11" in err.message
    # and a workshop may cite "4" as text or as a number
    ok = check(BASE.replace("commitments: [4]", 'commitments: ["4"]'))
    assert ok.errors == []


def test_duplicate_workshop_number_and_section_id():
    text = BASE + textwrap.dedent(
        """\
          - number: 1
            title: "Bis"
        sections:
          - {id: a, title: A}
          - {id: a, title: A2}
        """
    )
    report = check(text)
    paths = {e.path: e.message for e in report.errors}
    assert "atelier numéro 1 déjà déclaré ligne 16" in paths["workshops[1].number"]
    assert "section « a » déjà déclarée" in paths["sections[1].id"]
    # the default sections are replaced: projets is now unknown
    assert "workshops[0].prepared.projets" in paths


def test_axis_must_exist_when_plan_declares_axes():
    text = BASE.replace("  commitments:\n", "  axes:\n    - {id: rendre-des-comptes, title: Rendre des comptes}\n  commitments:\n", 1)
    text = text.replace("status: partiel", "status: partiel\n      axis: transparence")
    err = only_error(check(text))
    assert err.path == "plan.commitments[0].axis"
    assert "axe « transparence » inconnu" in err.message


def test_url_length_error_and_warning():
    long_url = "https://example.org/" + "a" * 290
    err = only_error(check(BASE.replace("http://www.modernisation.gouv.fr/suivi-epp", long_url)))
    assert "adresse trop longue (310 caractères, au plus 300)" in err.message
    warn_url = "https://example.org/" + "é" * 60  # 80 characters but 140 bytes: warning only
    report = check(BASE.replace("http://www.modernisation.gouv.fr/suivi-epp", warn_url))
    assert report.kit is not None
    assert any("adresse longue (140 octets)" in w.message for w in report.warnings)


def test_warnings_do_not_stop_loading():
    text = BASE.replace("minutes: 90", "minutes: 200")  # 245 min in a 150 min slot
    text = text.replace("      url: https://suivi", "    - id: 5\n      title: cinq\n      url: https://suivi", 1)
    report = check(text)
    assert report.kit is not None
    messages = [w.message for w in report.warnings]
    assert any("les phases durent 245 min, plus que le créneau de l'atelier (150 min)" in m for m in messages)
    assert any("aucun atelier ne traite l'engagement 5" in m for m in messages)


def test_untreated_commitments_are_one_warning_listing_them():
    report = check(BASE.replace("      url: https://suivi", "    - id: 5\n      title: cinq\n    - id: 6\n      title: six\n      url: https://suivi", 1))
    untreated = [w.message for w in report.warnings if "aucun atelier ne traite" in w.message]
    assert untreated == ["aucun atelier ne traite les engagements 5, 6 (2 engagements du plan)"]


def test_workshops_required_and_non_empty():
    text = BASE[: BASE.index("workshops:")] + "workshops: []\n"
    err = only_error(check(text))
    assert err.path == "workshops" and "au moins 1" in err.message


def test_yaml_syntax_error_is_located():
    text = BASE.replace('title: "Ministère ouvert #1"', 'title: "Ministère ouvert #1', 1)
    err = only_error(check(text))
    assert err.message.startswith("erreur de syntaxe YAML")
    assert err.line >= 4


def test_invalid_utf8_is_located():
    data = BASE.encode("utf-8").replace("Évaluation".encode(), b"\xc9valuation", 1)
    report = read_kit_bytes(data, "k.yaml")
    err = only_error(report)
    line = BASE.splitlines().index('    title: "Évaluation des politiques publiques"') + 1
    assert (err.line, err.column) == (line, 13)
    assert "UTF-8" in err.message


def test_size_bound(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * (5 * 1024 * 1024) + b"\n")
    err = only_error(read_kit(path))
    assert "plus de 5242880 octets est refusé" in err.message


def test_billion_laughs_refused_quickly_with_bounded_memory():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
    text = "\n".join(lines) + "\n"
    tracemalloc.start()
    err = only_error(check(text))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "dépasse 100000 nœuds une fois les alias développés" in err.message
    assert err.line == 5  # a4 (1 + 10 × 11,111 nodes) is the first node past 100,000 once expanded
    assert peak < 50 * 1024 * 1024


def test_alias_count_bound():
    text = "x: &x a\nl: [" + ", ".join(["*x"] * 101) + "]\n"
    err = only_error(check(text))
    assert "trop d'alias YAML (plus de 100)" in err.message
    assert err.line == 2


def test_aliases_within_bounds_are_allowed():
    text = BASE.replace("prepared:", "online: &links\n      - {title: Suivi, url: https://example.org/}\n    readings: *links\n    prepared:")
    report = check(text)
    assert report.errors == []
    assert report.kit.workshops[0].readings == report.kit.workshops[0].online


def test_nesting_depth_bound():
    text = "x: " + "[" * 60 + "]" * 60 + "\n"
    err = only_error(check(text))
    assert "imbrication trop profonde (plus de 50 niveaux)" in err.message
    assert err.line == 1


def test_recursive_alias_refused():
    err = only_error(check("a: &a [*a]\n"))
    assert "alias" in err.message


def test_logo_rules(tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
    (tmp_path / "logo.png").write_bytes(png)
    (tmp_path / "fake.png").write_bytes(b"not an image")
    outside = tmp_path.parent / "outside.png"
    outside.write_bytes(png)
    (tmp_path / "link.png").symlink_to(outside)

    def logo(value):
        return check(BASE.replace("  date: 2016-06-21", f"  date: 2016-06-21\n  logo: {value}"), tmp_path)

    assert logo("logo.png").kit is not None
    assert "chemin relatif" in only_error(logo("/etc/logo.png")).message
    assert "rester dans le dossier" in only_error(logo("../outside.png")).message
    assert "rester dans le dossier" in only_error(logo("link.png")).message
    assert "introuvable" in only_error(logo("absent.png")).message
    assert "PNG ou JPEG" in only_error(logo("fake.png")).message


def test_non_ascii_urls_allowed():
    report = check(BASE.replace("http://www.modernisation.gouv.fr/suivi-epp", "https://exemple.fr/évaluation"))
    assert report.errors == []


def test_english_messages(monkeypatch):
    monkeypatch.setenv("FACILITATOR_LANG", "en")
    err = only_error(check(BASE.replace("date: 2016-06-21", "date: 2016-02-30")))
    assert err.message == "impossible date: “2016-02-30”"


def test_safe_loading_never_runs_code(tmp_path):
    marker = tmp_path / "pwned"
    text = BASE.replace('title: "Ministère ouvert #1"', f"title: !!python/object/apply:os.system ['touch {marker}']")
    err = only_error(check(text))
    assert err.path == "event.title" and "un texte était attendu" in err.message
    assert not marker.exists()


def test_missing_file_is_an_error_not_a_traceback(tmp_path):
    err = only_error(read_kit(tmp_path / "absent.yaml"))
    assert err.message == "fichier introuvable"


def test_load_kit_raises_with_every_issue(tmp_path):
    path = tmp_path / "k.yaml"
    path.write_text(BASE.replace("kit: 1", "kit: 3").replace("number: 1", "number: x"), "utf-8")
    with pytest.raises(KitError) as exc:
        load_kit(path)
    assert len(exc.value.issues) == 2
