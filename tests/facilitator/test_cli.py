"""The command line: summaries, located errors, exit codes 0 / 1 / 2, French messages."""

from __future__ import annotations

import subprocess
import sys

import pytest

import kits
from facilitator.cli import main


def run(argv, capsys):
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("name", kits.BUNDLED)
def test_kit_check_passes_on_bundled_kits(name, capsys):
    code, out, _ = run(["kit", "check", str(kits.kit_path(name))], capsys)
    assert code == 0
    assert "Kit valide" in out and "Ateliers :" in out


def test_kit_check_reports_every_error_with_position(tmp_path, capsys):
    kit = tmp_path / "casse.yaml"
    text = kits.kit_path("forum-open-etat-2021-1").read_text("utf-8")
    text = text.replace("  date: 2021-05-27", "  date: 2021-05-32", 1).replace("    question:", "    questoin:", 1)
    kit.write_text(text, "utf-8")
    code, out, _ = run(["kit", "check", str(kit)], capsys)
    assert code == 1
    lines = text.splitlines()
    date_line = next(i for i, ln in enumerate(lines, 1) if "2021-05-32" in ln)
    q_line = next(i for i, ln in enumerate(lines, 1) if "questoin:" in ln)
    assert f"{kit}:{date_line}:9: event.date: date impossible : « 2021-05-32 »" in out
    assert f"{kit}:{q_line}:5: workshops[0].questoin: clé inconnue « questoin » ; vous vouliez dire « question » ?" in out
    assert "2 erreurs dans" in out


def test_kit_init_writes_a_kit_that_passes_check(tmp_path, capsys):
    path = tmp_path / "nouveau.yaml"
    assert run(["kit", "init", str(path)], capsys)[0] == 0
    assert "# " in path.read_text("utf-8")  # commented
    assert run(["kit", "check", str(path)], capsys)[0] == 0
    code, _, err = run(["kit", "init", str(path)], capsys)
    assert code == 1 and "existe déjà" in err


def test_new_and_info(tmp_path, capsys):
    event = tmp_path / "forum.facilitator"
    code, out, _ = run(["new", "--kit", str(kits.kit_path("forum-open-etat-2021-2")), str(event)], capsys)
    assert code == 0 and event.exists()
    code, out, _ = run(["info", str(event)], capsys)
    assert code == 0 and "Forum Open d'État #2" in out and "Atelier 1" in out


def test_new_demo_holds_the_2016_notes(tmp_path, capsys):
    event = tmp_path / "demo.facilitator"
    assert run(["new", "--demo", str(event)], capsys)[0] == 0
    code, out, _ = run(["info", str(event)], capsys)
    assert code == 0
    assert "Ministère ouvert #1 — 21 juin 2016" in out  # dates in long form for people
    assert "Atelier 4 – État plateforme et administration numérique : 42 notes" in out
    assert "6 propositions ; décidées : " in out
    # every proposal listed with the id that `decide` takes, and the same in `proposals`
    code, listing, _ = run(["proposals", str(event)], capsys)
    assert code == 0
    lines = [ln for ln in listing.splitlines() if ln.strip()]
    assert len(lines) == 6 and all(ln in out for ln in lines)
    pid = lines[0].split()[0]
    code, said, _ = run(["decide", str(event), pid, "retenue", "--reason", "faisable", "--date", "2016-07-21"], capsys)
    assert code == 0
    code, listing, _ = run(["proposals", str(event)], capsys)
    first = listing.splitlines()[0]
    assert first.startswith(f"  {pid}") and "Retenue (21 juillet 2016)" in first


def test_former_french_option_names_still_work_but_are_not_shown(tmp_path, capsys):
    event = tmp_path / "demo.facilitator"
    assert run(["new", "--demo", str(event)], capsys)[0] == 0
    code, _, err = run(["validate", str(event), "--par", "Mme Rapporteure"], capsys)
    assert code == 0, err
    code, out, _ = run(["info", str(event)], capsys)
    assert "Synthèse validée par Mme Rapporteure le " in out
    assert run(["validate", "--help"], capsys)[1].count("--par") == 0


def test_user_errors_exit_1_in_french(tmp_path, capsys):
    bad = tmp_path / "pas-un-evenement.facilitator"
    bad.write_text("bonjour")
    code, _, err = run(["info", str(bad)], capsys)
    assert code == 1 and "n'est pas un fichier d'événement" in err and "Traceback" not in err
    code, _, err = run(["new", "--kit", str(tmp_path / "absent.yaml"), str(tmp_path / "x.facilitator")], capsys)
    assert code == 1 and "fichier introuvable" in err
    assert not (tmp_path / "x.facilitator").exists()


def test_internal_error_exits_2_and_logs(tmp_path, capsys, monkeypatch):
    import facilitator.store.event as event_module

    def boom(*a, **k):
        raise RuntimeError("panne imprévue")

    monkeypatch.setattr(event_module.EventFile, "count_notes", boom)
    event = tmp_path / "e.facilitator"
    run(["new", "--demo", str(event)], capsys)
    code, _, err = run(["info", str(event)], capsys)
    assert code == 2
    assert "erreur interne inattendue : panne imprévue" in err
    log = err.rsplit("Le détail est dans ", 1)[1].strip()
    from pathlib import Path

    assert "RuntimeError: panne imprévue" in Path(log).read_text("utf-8")


def test_console_script_entry_point_runs_headless(tmp_path):
    out = subprocess.run([sys.executable, "-m", "facilitator", "kit", "check",
                          str(kits.kit_path("ministere-ouvert-2016"))], capture_output=True, text=True)
    assert out.returncode == 0 and "Ministère ouvert #1" in out.stdout
    # the core CLI never loads Qt
    probe = subprocess.run([sys.executable, "-c", "import sys; from facilitator.cli import main; "
                            "main(['kit','check','" + str(kits.kit_path("forum-open-etat-2021-1")) + "']); "
                            "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NOQT')"],
                           capture_output=True, text=True)
    assert probe.stdout.strip().endswith("NOQT")


def test_usage_errors_exit_1_in_french(capsys):
    code, _, err = run(["kit", "chek"], capsys)
    assert code == 1
    assert "erreur : argument COMMANDE : choix invalide : 'chek' (possibles : 'check', 'export-table', 'import', 'init')" in err
    code, _, err = run(["new", "x.facilitator"], capsys)
    assert code == 1 and "l'un des arguments --kit --demo est obligatoire" in err
    assert "utilisation : facilitator new" in err


def test_help_is_in_french(capsys):
    assert main(["kit", "check", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("utilisation : facilitator kit check")
    assert "afficher cette aide et quitter" in out
