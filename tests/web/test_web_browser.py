"""The web app in a real browser: Debian's chromium driven by selenium through /usr/bin/chromedriver.

One browser session and one ``bti-docs web --demo`` (development user, local inbox, the real watcher with a
test certificate) for the module. A consent and a stafettlogg are filled in by keyboard and mouse; live
errors appear and go; the submissions end filed by the watcher. axe-core (vendored) checks every page for
WCAG 2.1 A/AA violations. Screenshots go to tests/artifacts/web/.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("selenium")
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts" / "web"
CHROMEDRIVER = Path("/usr/bin/chromedriver")
TODAY = date.today()
DATE_KEYS = "%m%d%Y"  # how a date is typed into <input type=date> in the browser's locale (en-US here)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMEDRIVER.exists(), reason="chromium-driver is not installed (scripts/apt-packages.txt)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("web-demo")
    port = free_port()
    log = (folder / "server.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bti_docs", "--rules", str(ROOT / "archive_rules.yaml"), "web", "--demo", str(folder),
         "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(base + "/", timeout=2):
                break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail((folder / "server.log").read_text())
            time.sleep(0.2)
    yield base, folder
    proc.terminate()
    proc.wait(timeout=30)
    log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1200,1600",
                 "--lang=en-US", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_script_timeout(30)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


# --- helpers ---------------------------------------------------------------------------------------


def axe_violations(driver: WebDriver) -> list[dict[str, Any]]:
    if not driver.execute_script("return typeof window.axe !== 'undefined'"):
        driver.execute_script(AXE.read_text(encoding="utf-8"))
    result: list[dict[str, Any]] = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
          .then(r => done(r.violations.map(v => ({id: v.id, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))))
          .catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));
    """)
    return result


def check_page(driver: WebDriver, name: str) -> None:
    """Screenshot the page and require zero WCAG 2.1 A/AA violations on it."""
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))
    violations = axe_violations(driver)
    assert violations == [], f"{name}: {violations}"


def wait(driver: WebDriver, condition: Any, timeout: float = 30) -> Any:
    try:
        ignored = (NoSuchElementException, StaleElementReferenceException)
        return WebDriverWait(driver, timeout, poll_frequency=0.1, ignored_exceptions=ignored).until(condition)
    except Exception:
        driver.save_screenshot(str(ARTIFACTS / "failure.png"))
        live = driver.find_elements(By.ID, "live")
        pytest.fail(f"timed out; live check: {live[0].get_attribute('innerHTML') if live else '-'}")


def field(driver: WebDriver, name: str) -> WebElement:
    return driver.find_element(By.NAME, name)


def type_into(driver: WebDriver, name: str, text: str) -> None:
    """Click the field (mouse), type (keyboard), leave it with Tab (keyboard)."""
    el = next(e for e in driver.find_elements(By.NAME, name) if e.get_attribute("type") != "hidden")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    el.click()
    el.send_keys(Keys.CONTROL, "a")
    el.send_keys(text)
    el.send_keys(Keys.TAB)


def type_date(driver: WebDriver, name: str, value: date) -> None:
    el = field(driver, name)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    el.click()
    el.send_keys(value.strftime(DATE_KEYS))
    el.send_keys(Keys.TAB)
    assert el.get_attribute("value") == value.isoformat()


def choose(driver: WebDriver, name: str, value: str) -> None:
    el = field(driver, name)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    Select(el).select_by_value(value)


def click_label(driver: WebDriver, input_id: str) -> None:
    label = driver.find_element(By.CSS_SELECTOR, f"label[for='{input_id}']")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", label)
    label.click()


def error_text(driver: WebDriver, field_id: str) -> str:
    box = driver.find_element(By.ID, f"{field_id}-err")
    return "" if box.get_attribute("hidden") is not None else box.text


def add_row(driver: WebDriver, section_id: str) -> None:
    button = driver.find_element(By.CSS_SELECTOR, f"#{section_id} > button[hx-vals*='add']")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    before = len(driver.find_elements(By.CSS_SELECTOR, f"#{section_id} > .repeat-item"))
    button.click()
    wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, f"#{section_id} > .repeat-item")) == before + 1)


def start(driver: WebDriver, base: str, kind: str) -> None:
    driver.get(base + "/")
    check_page(driver, "01-home")
    Select(driver.find_element(By.ID, "kind")).select_by_value(kind)
    driver.find_element(By.CSS_SELECTOR, "form[action$='/ny'] button").click()
    wait(driver, lambda d: d.find_elements(By.ID, "gate-no"))
    check_page(driver, f"02-gate-{kind}")
    no = driver.find_element(By.ID, "gate-no")
    no.send_keys(Keys.SPACE)  # keyboard: the radio is chosen with the space bar
    assert no.is_selected()
    no.send_keys(Keys.ENTER)  # Enter in a form submits it
    wait(driver, lambda d: d.find_elements(By.ID, "doc-form"))


def status_text(driver: WebDriver) -> str:
    """The status box's text, read in one step (htmx replaces the box while it polls)."""
    text: str = driver.execute_script("const b = document.getElementById('status-box'); return b ? b.innerText : ''")
    return text


def submit_and_follow(driver: WebDriver, name: str) -> None:
    button = driver.find_element(By.CSS_SELECTOR, "#doc-form button[type=submit]:not([formaction])")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    wait(driver, lambda d: d.find_elements(By.ID, "status-box"))
    check_page(driver, f"{name}-waiting")
    wait(driver, lambda d: "Arkivert" in status_text(d) or "Avvist" in status_text(d), timeout=120)
    driver.save_screenshot(str(ARTIFACTS / f"{name}-done.png"))
    text = status_text(driver)
    assert "Arkivert" in text, text
    check_page(driver, f"{name}-filed")


# --- the tests -------------------------------------------------------------------------------------


def test_violence_question_leads_to_barnevern(server: tuple[str, Path], browser: WebDriver) -> None:
    base, _ = server
    browser.get(base + "/ny?kind=stafettlogg&unit=solsida-barnehage")
    click_label(browser, "gate-yes")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait(browser, lambda d: "barnevernet" in d.find_element(By.TAG_NAME, "main").text)
    assert not browser.find_elements(By.ID, "doc-form")
    check_page(browser, "03-barnevern")


def test_fill_in_and_file_a_consent(server: tuple[str, Path], browser: WebDriver) -> None:
    base, folder = server
    start(browser, base, "samtykke")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nn"
    check_page(browser, "10-consent-empty")

    # A case key that looks like an id number: the live check says so at the field; fixing it clears it.
    type_into(browser, "sak", "14832051765")
    wait(browser, lambda d: error_text(d, "f-sak"))
    sak = field(browser, "sak")
    assert sak.get_attribute("aria-invalid") == "true"
    assert "f-sak-err" in (sak.get_attribute("aria-describedby") or "")
    browser.save_screenshot(str(ARTIFACTS / "11-consent-live-error.png"))
    type_into(browser, "sak", "FV-2026-0301")
    wait(browser, lambda d: not error_text(d, "f-sak"))
    assert sak.get_attribute("aria-invalid") is None

    click_label(browser, "f-subject-barn")
    wait(browser, lambda d: d.find_element(By.NAME, "barn.fornavn").is_displayed())
    type_into(browser, "barn.fornavn", "Tiril")
    type_into(browser, "barn.etternavn", "Testesen")
    type_date(browser, "barn.fodselsdato", date(2020, 3, 14))
    type_into(browser, "barn.fodselsnummer", "14832051765")
    type_into(browser, "samtykke_id", "opprette-web-1")
    choose(browser, "type", "opprette_stafettlogg")
    click_label(browser, "f-tjenester-barnehage")
    click_label(browser, "f-tjenester-helsestasjon")
    type_date(browser, "gyldig_fra", TODAY)
    type_date(browser, "gyldig_til", TODAY + timedelta(days=365))
    add_row(browser, "f-gitt-av")
    # focus moves into the new row (htmx swaps it in, then focuses it)
    wait(browser, lambda d: d.switch_to.active_element.get_attribute("name") == "gitt_av[0].navn")
    active = browser.switch_to.active_element
    active.send_keys("Tone Testesen", Keys.TAB)
    choose(browser, "gitt_av[0].rolle", "foresatt")
    type_date(browser, "gitt_av[0].signert_dato", TODAY)
    type_into(browser, "opplysninger_som_kan_deles", "Stafettloggen, mellom barnehagen og helsestasjonen.")
    type_into(browser, "original_oppbevart", "Mappa til Tiril i arkivet til Solsida barnehage.")
    choose(browser, "avgitt_form", "papir_signatur")
    field(browser, "avgitt_form").send_keys(Keys.TAB)
    wait(browser, lambda d: "Ingen feil" in d.find_element(By.ID, "live").text)
    check_page(browser, "12-consent-filled")
    form_url = browser.current_url
    browser.find_element(By.LINK_TEXT, "Førehandsvis").click()
    wait(browser, lambda d: "UTKAST" in d.find_element(By.TAG_NAME, "body").text)
    assert "forsegla av" not in browser.find_element(By.TAG_NAME, "body").text
    check_page(browser, "12b-consent-preview")
    browser.get(form_url)
    submit_and_follow(browser, "13-consent")
    assert list((folder / "arkiv").rglob("*.pdf"))


def test_fill_in_and_file_a_stafettlogg(server: tuple[str, Path], browser: WebDriver) -> None:
    base, _ = server
    start(browser, base, "stafettlogg")
    type_into(browser, "sak", "FV-2026-0302")
    click_label(browser, "f-subject-barn")
    type_into(browser, "barn.fornavn", "Tiril")
    type_into(browser, "barn.etternavn", "Testesen")
    type_date(browser, "barn.fodselsdato", date(2020, 3, 14))
    choose(browser, "niva", "1")

    # Submitting now: the error summary gets the focus and links to the fields.
    submit = browser.find_element(By.CSS_SELECTOR, "#doc-form button[type=submit]:not([formaction])")
    driver_click(browser, submit)
    wait(browser, lambda d: d.find_elements(By.ID, "error-summary"))
    wait(browser, lambda d: d.switch_to.active_element.get_attribute("id") == "error-summary")
    summary = browser.find_element(By.ID, "error-summary").text
    assert "Oppmerksomhet" in summary or "Merksemd" in summary
    check_page(browser, "20-log-error-summary")

    add_row(browser, "f-stafettholdere")
    wait(browser, lambda d: (d.switch_to.active_element.get_attribute("name") or "").startswith("stafettholdere[0]."))
    browser.switch_to.active_element.send_keys("Pia Pedagog", Keys.TAB)
    type_into(browser, "stafettholdere[0].enhet", "solsida-barnehage")
    type_date(browser, "stafettholdere[0].fra_dato", TODAY)
    type_date(browser, "stafettholdere[0].akseptert_dato", TODAY)
    type_into(browser, "oppmerksomhet", "Tiril trekkjer seg ofte unna leiken med dei andre barna.")
    # Two measures added, the first removed again: the second takes its place.
    add_row(browser, "f-tiltak")
    add_row(browser, "f-tiltak")
    type_into(browser, "tiltak[1].beskrivelse", "Fast leikepar i frileiken kvar dag.")
    remove = browser.find_element(By.CSS_SELECTOR, "#f-tiltak > .repeat-item button[hx-vals*='remove']")
    driver_click(browser, remove)
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#f-tiltak > .repeat-item")) == 1)
    assert field(browser, "tiltak[0].beskrivelse").get_attribute("value") == "Fast leikepar i frileiken kvar dag."
    type_into(browser, "tiltak[0].ansvarlig", "Pia Pedagog")
    choose(browser, "tiltak[0].arena", "enhet")
    type_date(browser, "tiltak[0].periode.fra", TODAY)
    type_into(browser, "hovedmal.beskrivelse", "Tiril leikar saman med andre barn.")  # measures need a goal
    add_row(browser, "f-samtykker")
    wait(browser, lambda d: (d.switch_to.active_element.get_attribute("name") or "").startswith("samtykker[0]."))
    browser.switch_to.active_element.send_keys("opprette-web-1", Keys.TAB)
    choose(browser, "samtykker[0].type", "opprette_stafettlogg")
    click_label(browser, "f-samtykker-0-tjenester-barnehage")
    type_date(browser, "samtykker[0].gyldig_fra", TODAY)
    type_date(browser, "samtykker[0].gyldig_til", TODAY + timedelta(days=365))
    wait(browser, lambda d: "0 feil" not in d.find_element(By.ID, "live").text
         and "feil i skjemaet" not in d.find_element(By.ID, "live").text)
    assert not [e for e in browser.find_elements(By.CSS_SELECTOR, ".field-error") if e.is_displayed()]
    check_page(browser, "21-log-filled")
    submit_and_follow(browser, "22-log")

    browser.get(base + "/")
    assert browser.find_elements(By.CSS_SELECTOR, "a[href*='/innsending/']")
    check_page(browser, "23-home-after")
    assert_no_personal_data_in_the_log(server[1])


def assert_no_personal_data_in_the_log(folder: Path) -> None:
    """The web app's and the watcher's log (one file here) hold no name or id number from the forms."""
    log = (folder / "server.log").read_text(encoding="utf-8", errors="replace")
    assert "POST /utkast/" in log  # the log is there and has this session's requests
    for secret in ("Tiril", "Testesen", "14832051765", "Pia Pedagog"):
        assert secret not in log


def driver_click(driver: WebDriver, el: WebElement) -> None:
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    el.click()
