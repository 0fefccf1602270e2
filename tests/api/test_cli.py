"""The command line: help, clear errors naming the option, and accounts
made with `lamtheo user` that then log in."""
import os
import subprocess

from support import BIN, Client


def run(*args, stdin=None):
    return subprocess.run([BIN, *args], input=stdin, capture_output=True, text=True, timeout=120)


def test_help_lists_commands_and_options():
    r = run("--help")
    assert r.returncode == 0
    for cmd in ("serve", "demo", "user", "migrate"):
        assert cmd in r.stdout
    r = run("serve", "--help")
    assert r.returncode == 0 and "--listen HOST:PORT" in r.stdout and "--db PATH" in r.stdout
    r = run("user", "--help")
    assert r.returncode == 0 and "user add" in r.stdout


def test_unknown_command_and_option():
    r = run("frobnicate")
    assert r.returncode == 2 and "unknown command 'frobnicate'" in r.stderr
    r = run("serve", "--bogus")
    assert r.returncode == 2 and "unknown option --bogus" in r.stderr
    r = run("serve")
    assert r.returncode == 1 and "--db PATH is required" in r.stderr
    r = run("serve", "--db", "/tmp/x.db", "--listen", "nope")
    assert r.returncode == 1 and "expected HOST:PORT" in r.stderr


def test_demo_refuses_to_overwrite(tmp_path):
    db = tmp_path / "d.db"
    db.write_text("")
    r = run("demo", "--db", str(db))
    assert r.returncode == 1 and "use --force" in r.stderr


def test_migrate_is_idempotent(tmp_path):
    db = str(tmp_path / "m.db")
    assert run("migrate", "--db", db).returncode == 0
    r = run("migrate", "--db", db)
    assert r.returncode == 0 and "schema version" in r.stdout


def test_user_add_validates_and_then_logs_in(server):
    # Each bad option is named, and nothing is created.
    r = run("user", "add", "--db", server.db, "--username", "cli.bad", "--role", "boss",
            "--org", "HY", stdin="mat-khau-dai-du\n")
    assert r.returncode == 1 and "--role" in r.stderr
    r = run("user", "add", "--db", server.db, "--username", "cli.bad", "--role", "staff",
            "--org", "NO.SUCH", stdin="mat-khau-dai-du\n")
    assert r.returncode == 1 and "--org NO.SUCH" in r.stderr
    r = run("user", "add", "--db", server.db, "--username", "cli.bad", "--role", "staff",
            "--org", "HY", stdin="short\n")
    assert r.returncode == 1 and "--password" in r.stderr and "10" in r.stderr
    r = run("user", "add", "--db", server.db, "--username", "cli bad", "--role", "staff",
            "--org", "HY", stdin="mat-khau-dai-du\n")
    assert r.returncode == 1 and "--username" in r.stderr
    r = run("user", "add", "--db", server.db, "--username", "cli.sec", "--role", "secretary",
            "--org", "HY", stdin="mat-khau-dai-du\n")
    assert r.returncode == 1 and "cell" in r.stderr
    assert "cli.bad" not in run("user", "list", "--db", server.db).stdout

    # A good one logs in with the password given on stdin.
    server.add_user("cli.staff", "staff", "HY", "mat-khau-dai-du-2026")
    c = Client(server, "cli.staff")
    assert c.account["org"]["code"] == "HY" and c.account["role"] == "staff"
    r = run("user", "add", "--db", server.db, "--username", "cli.staff", "--role", "staff",
            "--org", "HY", stdin="mat-khau-dai-du\n")
    assert r.returncode == 1 and "already taken" in r.stderr

    # passwd ends the sessions and the new password works.
    r = run("user", "passwd", "--db", server.db, "--username", "cli.staff",
            stdin="mat-khau-moi-2026-11\n")
    assert r.returncode == 0
    assert c.get("/api/v1/me").status_code == 401
    server.passwords["cli.staff"] = "mat-khau-moi-2026-11"
    assert Client(server, "cli.staff").get("/api/v1/me").status_code == 200
    assert "cli.staff" in run("user", "list", "--db", server.db).stdout
