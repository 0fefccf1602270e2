"""The import page (#/import) in headless Chromium: a staff account picks a
CSV with a bad row, the dry run lists the row with its line and column and
nothing is written; the corrected file checks clean, then is imported; the
export links name the unit.  Screenshots at 360 and 1280 px."""
import sqlite3

import pytest
from selenium.webdriver.common.by import By

from support import db_digest
from ui import csp_errors, login, make_browser, shot, wait

HEAD = "code,full_name,gender,birth_year,org_code\n"


@pytest.fixture(scope="module")
def browser():
    d = make_browser()
    yield d
    d.quit()


def test_upload_dry_run_then_import(browser, server, tmp_path):
    d = browser
    con = sqlite3.connect("file:%s?mode=ro" % server.db, uri=True)
    cell = con.execute("SELECT code FROM org WHERE kind = 'cell' AND code LIKE 'HH.%' "
                       "ORDER BY id LIMIT 1").fetchone()
    cell = cell[0] if cell else con.execute(
        "SELECT code FROM org WHERE kind = 'cell' ORDER BY id LIMIT 1").fetchone()[0]
    con.close()
    bad = tmp_path / "bad.csv"
    bad.write_text(HEAD + "UIIMP1,Phạm Thị Mai,female,1990,%s\n"
                   "UIIMP2,Lê Văn Bình,robot,1985,%s\n" % (cell, cell), encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text(HEAD + "UIIMP1,Phạm Thị Mai,female,1990,%s\n"
                    "UIIMP2,Lê Văn Bình,male,1985,%s\n" % (cell, cell), encoding="utf-8")
    login(d, server, "admin")
    d.get(server.url("/#/import"))
    wait(d, lambda d: d.find_element(By.ID, "import-file"))
    nav = d.find_element(By.CSS_SELECTOR, "a[href='#/import']")
    assert nav is not None
    before = db_digest(server.db)
    d.find_element(By.ID, "import-file").send_keys(str(bad))
    d.find_element(By.ID, "import-check").click()
    table = wait(d, lambda d: d.find_element(By.CSS_SELECTOR, ".import-problems"))
    row = table.find_element(By.CSS_SELECTOR, "tbody tr")
    cells = [c.text for c in row.find_elements(By.TAG_NAME, "td")]
    assert cells[0] == "3" and cells[1].startswith("C") and cells[2] == "gender", cells
    assert not d.find_element(By.ID, "import-go").is_enabled()
    assert db_digest(server.db) == before
    shot(d, "import-refused", 1280)
    d.find_element(By.ID, "import-file").clear()
    d.find_element(By.ID, "import-file").send_keys(str(good))
    d.find_element(By.ID, "import-check").click()
    ok = wait(d, lambda d: d.find_element(By.CSS_SELECTOR, ".import-ok.is-dry"))
    assert "2" in ok.text
    assert db_digest(server.db) == before
    go = d.find_element(By.ID, "import-go")
    wait(d, lambda d: go.is_enabled())
    go.click()
    done = wait(d, lambda d: d.find_element(By.CSS_SELECTOR, ".import-ok.is-done"))
    assert "2" in done.text
    con = sqlite3.connect("file:%s?mode=ro" % server.db, uri=True)
    n = con.execute("SELECT count(*) FROM person WHERE code IN ('UIIMP1', 'UIIMP2')").fetchone()[0]
    con.close()
    assert n == 2
    links = d.find_elements(By.CSS_SELECTOR, ".import-exports a[data-format='xlsx']")
    assert len(links) == 5 and "/api/v1/export?type=" in links[0].get_attribute("href")
    shot(d, "import-done", 360)
    assert csp_errors(d) == []
