#!/usr/bin/env python3
"""Drives the demo in a real headless Chromium (Debian's chromium + chromium-driver, selenium).

Starts `telaah serve --demo`, signs in as the evaluator `ketua.tim`, opens the LKE page of a PD,
answers criteria, sets grades, and checks that the scores, the total and the predikat change
on the page as the evaluator works; then signs in as the Admin Inspektorat, saves the settings,
makes a team with a member, assigns a PD and adds a user through the admin pages. Saves screenshots under artifacts/. Prints
"N passed, N failed" and exits non-zero on any failure.
"""
import os
import subprocess
import sys
import tempfile
import traceback
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

BIN = os.environ.get("TELAAH_BIN", ".build/debug/telaah")
PORT = int(os.environ.get("TELAAH_BROWSER_PORT", "18090"))
PASSWORD = "rahasia-peramban"
BASE = f"http://127.0.0.1:{PORT}"
ARTIFACTS = os.environ.get("TELAAH_ARTIFACTS", "artifacts")
results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"), flush=True)


def find_binary(*names):
    for name in names:
        for d in os.environ.get("PATH", "").split(":") + ["/usr/bin", "/usr/lib/chromium"]:
            p = os.path.join(d, name)
            if os.path.exists(p):
                return p
    return None


def main():
    os.makedirs(ARTIFACTS, exist_ok=True)
    data = tempfile.mkdtemp(prefix="telaah-browser-")
    env = dict(os.environ, TELAAH_DEMO_PASSWORD=PASSWORD, TELAAH_DATA_DIR=data)
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen([BIN, "serve", "--demo", "--port", str(PORT), "--log-level", "warning"], env=env,
                              stdout=subprocess.DEVNULL)
    driver = None
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(BASE + "/healthz", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        options = webdriver.ChromeOptions()
        options.binary_location = find_binary("chromium", "chromium-browser")
        for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600",
                    "--lang=id-ID"]:
            options.add_argument(arg)
        driver = webdriver.Chrome(service=Service(find_binary("chromedriver")), options=options)
        # Admin forms reload the page after a save: an element may go stale while we wait.
        wait = WebDriverWait(driver, 15, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException, WebDriverException))

        driver.get(BASE + "/")
        check("an anonymous visitor is sent to the sign-in page", "/masuk" in driver.current_url, driver.current_url)
        driver.find_element(By.NAME, "username").send_keys("ketua.tim")
        driver.find_element(By.NAME, "password").send_keys("salah")
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        try:  # the answer page loads after the click
            wait.until(lambda d: "kata sandi salah" in d.page_source)
        except Exception:
            pass
        check("a wrong password is refused in Indonesian", "kata sandi salah" in driver.page_source)
        driver.find_element(By.NAME, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait.until(lambda d: "/periode/" in d.current_url)
        check("signed in, the period overview opens", "Evaluasi AKIP 2024" in driver.page_source)
        check("the overview lists the team's PD", "Dinas Pendidikan dan Kebudayaan" in driver.page_source)

        driver.find_element(By.LINK_TEXT, "Dinas Pendidikan dan Kebudayaan").click()
        wait.until(lambda d: d.find_elements(By.ID, "lke"))
        total = lambda: driver.find_element(By.ID, "total").text
        predikat = lambda: driver.find_element(By.ID, "predikat").text
        check("the LKE page opens with no total yet", total() == "—", total())
        check("not yet answered is visible", "Belum dijawab" in driver.page_source)
        check("the a–e wordings are shown", "ukuran keberhasilan SMART" in driver.page_source)

        def status_says(text):
            wait.until(lambda d: text in d.find_element(By.ID, "status").text)

        # Answer the seven criteria of 1.a: six Y and one T → 85,71 %, suggested B, 4,20.
        for i in range(1, 8):
            item = driver.find_element(By.CSS_SELECTOR, f'[data-criterion="1.a.{i}"]')
            Select(item.find_element(By.NAME, "code")).select_by_value("T" if i == 7 else "Y")
            status_says(f"Tersimpan: 1.a.{i}")
        sub = driver.find_element(By.CSS_SELECTOR, '[data-sub="1.a"]')
        field = lambda s, name: s.find_element(By.CSS_SELECTOR, f'[data-field="{name}"]').text
        check("fulfilment updates as the evaluator answers", field(sub, "fulfilment") == "85,71 %", field(sub, "fulfilment"))
        check("the suggested grade follows", field(sub, "suggested") == "B", field(sub, "suggested"))
        check("the sub-component score follows", field(sub, "score") == "4,20", field(sub, "score"))
        driver.save_screenshot(os.path.join(ARTIFACTS, "lke-answered.png"))

        # A grade other than the suggestion without a justification is refused on the page.
        Select(sub.find_element(By.CSS_SELECTOR, '.grade [name="grade"]')).select_by_value("BB")
        sub.find_element(By.CSS_SELECTOR, ".save-grade").click()
        status_says("justifikasi")
        check("a deviating grade without justification is refused", "justifikasi" in driver.find_element(By.ID, "status").text)
        Select(sub.find_element(By.CSS_SELECTOR, '.grade [name="grade"]')).select_by_value("")

        # Grade every other sub-component directly: B everywhere → the total appears.
        for sid in ["1.b", "1.c", "2.a", "2.b", "2.c", "3.a", "3.b", "3.c", "4.a", "4.b", "4.c"]:
            box = driver.find_element(By.CSS_SELECTOR, f'[data-sub="{sid}"]')
            Select(box.find_element(By.CSS_SELECTOR, '.grade [name="grade"]')).select_by_value("B")
            box.find_element(By.CSS_SELECTOR, ".save-grade").click()
            status_says(f"Nilai {sid} tersimpan")
        # 1.a stays on its suggestion B: 70 % of every weight → 70,00, predikat B.
        check("the total appears once every sub-component has a grade", total() == "70,00", total())
        check("the predikat follows the total", predikat() == "B", predikat())
        # Improve 1.a.7 from T to Y: 1.a → BB (4,80), total 70,60, predikat BB.
        item = driver.find_element(By.CSS_SELECTOR, '[data-criterion="1.a.7"]')
        Select(item.find_element(By.NAME, "code")).select_by_value("Y")
        status_says("Tersimpan: 1.a.7")
        check("the total changes as an answer improves", total() == "70,60", total())
        check("the predikat crosses the 70 border", predikat() == "BB", predikat())
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(os.path.join(ARTIFACTS, "lke-total.png"))

        driver.get(driver.current_url + "/riwayat")
        check("the history page lists the evaluator's changes", "ketua.tim" in driver.page_source)
        driver.save_screenshot(os.path.join(ARTIFACTS, "history.png"))
        period_path = "/periode/" + driver.current_url.split("/periode/")[1].split("/")[0]

        # The Admin Inspektorat: settings, a new team with a member, a PD assigned to it.
        driver.find_element(By.CSS_SELECTOR, "form[action='/keluar'] button").click()
        wait.until(lambda d: "/masuk" in d.current_url)
        driver.find_element(By.NAME, "username").send_keys("admin")
        driver.find_element(By.NAME, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait.until(lambda d: "/periode/" in d.current_url)
        driver.find_element(By.LINK_TEXT, "Administrasi").click()
        wait.until(lambda d: d.find_elements(By.ID, "settings-form"))
        phone = driver.find_element(By.CSS_SELECTOR, "#settings-form [name=phone]")
        phone.clear()
        phone.send_keys("(0711) 123456")
        driver.find_element(By.CSS_SELECTOR, "#settings-form button").click()
        # The page reloads and says so.
        wait.until(lambda d: "Tersimpan" in d.find_element(By.ID, "admin-status").text)
        check("the admin's settings are saved and shown after reload",
              driver.find_element(By.CSS_SELECTOR, "#settings-form [name=phone]").get_attribute("value") == "(0711) 123456")
        driver.save_screenshot(os.path.join(ARTIFACTS, "admin-settings.png"))

        driver.get(BASE + "/admin" + period_path + "/tim")
        driver.find_element(By.CSS_SELECTOR, "#team-form [name=name]").send_keys("Tim 3")
        driver.find_element(By.CSS_SELECTOR, "#team-form button").click()
        wait.until(lambda d: "Tim 3" in d.page_source and d.find_elements(By.XPATH, "//h3[contains(., 'Tim 3')]"))
        check("a new team appears on the team page", True)
        team3 = driver.find_element(By.XPATH, "//div[@class='team'][h3[contains(., 'Tim 3')]]")
        Select(team3.find_element(By.NAME, "user_id")).select_by_visible_text("Anggota Tim 1")
        Select(team3.find_element(By.NAME, "role")).select_by_visible_text("Ketua Tim")
        team3.find_element(By.CSS_SELECTOR, "form button").click()
        wait.until(lambda d: "Anggota Tim 1 · Ketua Tim" in d.find_element(
            By.XPATH, "//div[@class='team'][h3[contains(., 'Tim 3')]]").text)
        check("a member joins the team", True)
        select = driver.find_element(By.CSS_SELECTOR, "select[aria-label='Tim untuk Dinas Sosial']")
        Select(select).select_by_visible_text("Tim 3")
        wait.until(lambda d: "Tersimpan" in d.find_element(By.ID, "admin-status").text)
        driver.refresh()
        chosen = Select(driver.find_element(By.CSS_SELECTOR, "select[aria-label='Tim untuk Dinas Sosial']")).first_selected_option.text
        check("a PD's assignment is saved on change", chosen == "Tim 3", chosen)
        driver.save_screenshot(os.path.join(ARTIFACTS, "admin-teams.png"))

        driver.get(BASE + "/admin/pengguna")
        form = driver.find_element(By.ID, "user-form")
        form.find_element(By.NAME, "username").send_keys("operator.sosial")
        form.find_element(By.NAME, "display_name").send_keys("Operator Dinas Sosial")
        Select(form.find_element(By.NAME, "role")).select_by_value("operator")
        Select(form.find_element(By.NAME, "unit_id")).select_by_visible_text("Dinas Sosial")
        form.find_element(By.NAME, "password").send_keys("kata-sandi-operator")
        form.find_element(By.CSS_SELECTOR, "button").click()
        wait.until(lambda d: "operator.sosial" in d.page_source and "<strong>operator.sosial</strong>" in d.page_source)
        check("a new user appears in the list", True)
        # A refused write says why, in Indonesian, and keeps the form.
        form = driver.find_element(By.ID, "user-form")
        form.find_element(By.NAME, "username").send_keys("operator.sosial")
        form.find_element(By.NAME, "display_name").send_keys("Lagi")
        form.find_element(By.NAME, "password").send_keys("kata-sandi-operator")
        form.find_element(By.CSS_SELECTOR, "button").click()
        wait.until(lambda d: "sudah dipakai" in d.find_element(By.ID, "admin-status").text)
        check("a taken username is refused with the reason", True)
        driver.save_screenshot(os.path.join(ARTIFACTS, "admin-users.png"))
    except Exception as e:  # a crash is a failure, with a screenshot
        where = traceback.format_exc().strip().splitlines()
        check("browser flow ran to the end", False, repr(e) + " at " + " | ".join(where[-4:-1]))
        if driver:
            driver.save_screenshot(os.path.join(ARTIFACTS, "failure.png"))
    finally:
        if driver:
            driver.quit()
        server.terminate()
        server.wait(timeout=20)
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 0 if results["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
