#!/usr/bin/env python3
"""Drives the demo in a real headless Chromium (Debian's chromium + chromium-driver, selenium).

Starts `telaah serve --demo`, signs in as the evaluator `ketua.tim`, opens the LKE page of a PD,
answers criteria, sets grades, and checks that the scores, the total and the predikat change
on the page as the evaluator works; then signs in as the Admin Inspektorat, saves the settings,
makes a team with a member, assigns a PD and adds a user through the admin pages. Saves screenshots under artifacts/. Prints
"N passed, N failed" and exits non-zero on any failure.
"""
import datetime
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import traceback
import time
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

BIN = os.environ.get("TELAAH_BIN", ".build/debug/telaah")
PORT = int(os.environ.get("TELAAH_BROWSER_PORT", "18090"))
PASSWORD = "rahasia-peramban"
SETUP_PASSWORD = "rahasia-setup-peramban"
SETUP_PORT = PORT + 1
BASE = f"http://127.0.0.1:{PORT}"
# The demo tells its story from today (WIB): the evaluation under way is this year's.
YEAR = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).year
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


def sign_in(driver, wait, base, username, password):
    driver.get(base + "/masuk")
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()


def add_operator(driver, wait, base, username, name, unit):
    """The admin adds an operator of `unit` on the users page and waits for the list to show it."""
    driver.get(base + "/admin/pengguna")
    form = driver.find_element(By.ID, "user-form")
    form.find_element(By.NAME, "username").send_keys(username)
    form.find_element(By.NAME, "display_name").send_keys(name)
    Select(form.find_element(By.NAME, "role")).select_by_value("operator")
    Select(form.find_element(By.NAME, "unit_id")).select_by_visible_text(unit)
    form.find_element(By.NAME, "password").send_keys("kata-sandi-operator")
    form.find_element(By.CSS_SELECTOR, "button").click()
    wait.until(lambda d: f"<strong>{username}</strong>" in d.page_source)


def wait_healthy(base):
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return
        except Exception:
            time.sleep(0.1)


def setup_flow(driver, wait):
    """A real regency from nothing: `telaah setup`, then its admin opens a period, adds a PD and
    a user, all in the browser."""
    data = tempfile.mkdtemp(prefix="telaah-setup-")
    env = dict(os.environ, TELAAH_DATA_DIR=data, TELAAH_ADMIN_PASSWORD=SETUP_PASSWORD)
    env.pop("DATABASE_URL", None)
    done = subprocess.run([BIN, "setup", "--government", "Kabupaten Uji Peramban", "--admin", "admin.uji"],
                          env=env, capture_output=True, text=True)
    check("telaah setup creates the government and its admin", done.returncode == 0
          and "Kabupaten Uji Peramban disiapkan" in done.stdout, done.stdout + done.stderr)
    again = subprocess.run([BIN, "setup", "--government", "Kabupaten Uji Peramban", "--admin", "lain"],
                           env=env, capture_output=True, text=True)
    check("setup refuses the same government twice", again.returncode == 1 and "sudah ada" in again.stderr,
          again.stderr)
    server = subprocess.Popen([BIN, "serve", "--port", str(SETUP_PORT), "--log-level", "warning"], env=env,
                              stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{SETUP_PORT}"
    try:
        wait_healthy(base)
        driver.delete_all_cookies()
        sign_in(driver, wait, base, "admin.uji", SETUP_PASSWORD)
        # No period yet: the admin lands on the periods page.
        wait.until(lambda d: "/admin/periode" in d.current_url)
        check("the new admin signs in and lands on the periods page", "Buka periode baru" in driver.page_source)
        form = driver.find_element(By.ID, "period-form")
        year = form.find_element(By.NAME, "evaluation_year").get_attribute("value")
        form.find_element(By.CSS_SELECTOR, "button").click()
        alert = wait.until(lambda d: d.switch_to.alert)
        check("opening a period asks first, naming the year", year in alert.text, alert.text)
        alert.accept()
        wait.until(lambda d: "Tersimpan" in d.find_element(By.ID, "form-status").text)
        check("the new period is listed", f"Evaluasi AKIP Tahun {year}" in driver.page_source)
        driver.save_screenshot(os.path.join(ARTIFACTS, "setup-period.png"))

        driver.get(base + "/admin/pd")
        form = driver.find_element(By.ID, "unit-form")
        form.find_element(By.NAME, "name").send_keys("Dinas Uji Peramban")
        form.find_element(By.NAME, "cluster").send_keys("Unit Utama")
        form.find_element(By.CSS_SELECTOR, "button").click()
        wait.until(lambda d: "Dinas Uji Peramban" in d.page_source and "Tersimpan" in d.find_element(By.ID, "form-status").text)
        check("the new admin adds a PD", True)

        add_operator(driver, wait, base, "operator.uji", "Operator Dinas Uji", "Dinas Uji Peramban")
        check("the new admin adds a user", True)
        driver.save_screenshot(os.path.join(ARTIFACTS, "setup-users.png"))

        # The new operator signs in and sees the new period with their PD.
        driver.find_element(By.CSS_SELECTOR, "form[action='/keluar'] button").click()
        wait.until(lambda d: "/masuk" in d.current_url)
        sign_in(driver, wait, base, "operator.uji", "kata-sandi-operator")
        wait.until(lambda d: "/periode/" in d.current_url)
        check("the new operator sees their PD in the new period", "Dinas Uji Peramban" in driver.page_source)
    finally:
        server.terminate()
        server.wait(timeout=20)


def open_pd(driver, wait, name):
    """From the home page (the period overview), the LKE page of the PD called `name`."""
    driver.get(BASE + "/")
    wait.until(lambda d: "/periode/" in d.current_url)
    driver.find_element(By.ID, "units").find_element(By.LINK_TEXT, name).click()
    wait.until(lambda d: "/pd/" in d.current_url and d.find_elements(By.ID, "stage"))


def switch_user(driver, wait, username, password=PASSWORD):
    """Signs out, then in as `username`; waits for the home page."""
    driver.get(BASE + "/")
    driver.find_element(By.CSS_SELECTOR, "form[action='/keluar'] button").click()
    wait.until(lambda d: "/masuk" in d.current_url)
    sign_in(driver, wait, BASE, username, password)
    wait.until(lambda d: "/periode" in d.current_url)


def sha256(driver, url):
    """The SHA-256 of a download, fetched by the page with the signed-in account's session."""
    return driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: "same-origin"})
          .then((r) => r.ok ? r.arrayBuffer() : Promise.reject(r.status))
          .then((b) => crypto.subtle.digest("SHA-256", b))
          .then((h) => done(Array.from(new Uint8Array(h)).map((x) => x.toString(16).padStart(2, "0")).join("")))
          .catch((e) => done("error " + e));""", url)


def submit(driver, wait, button, confirm=False):
    """Clicks a form's button that saves and reloads the page (accepting its confirmation when
    `confirm`), and waits for the reload."""
    driver.execute_script("window.telaahSaving = true")
    button.click()
    if confirm:
        wait.until(lambda d: d.switch_to.alert).accept()
    wait.until(lambda d: not d.execute_script("return window.telaahSaving === true")
               and d.execute_script("return document.readyState") == "complete"
               and "Tersimpan" in d.find_element(By.ID, "form-status").text)


def move(driver, wait, title, reason=None):
    """Presses the stage box's button `title` (with `reason` where it asks for one), accepts the
    confirmation, and returns the status text or, after the reload, the new stage."""
    form = next(f for f in driver.find_elements(By.CSS_SELECTOR, "form.move")
                if f.find_element(By.TAG_NAME, "button").text == title)
    if reason is not None:
        form.find_element(By.NAME, "reason").send_keys(reason)
    # A move that succeeds reloads the page; a refused one says why on the same page. The mark
    # tells the two apart (it is gone after a reload); the status line is emptied first, or the
    # message of the reload before (a flash "Tersimpan.") would read as this move's answer.
    driver.execute_script("window.telaahMove = true; document.getElementById('form-status').textContent = ''")
    form.find_element(By.TAG_NAME, "button").click()
    wait.until(lambda d: d.switch_to.alert).accept()

    def settled(d):
        if d.execute_script("return window.telaahMove === true"):
            return bool(d.find_element(By.ID, "form-status").text)
        return d.execute_script("return document.readyState") == "complete" and d.find_elements(By.ID, "stage")
    wait.until(settled)
    return driver.find_element(By.ID, "form-status").text, driver.find_element(By.ID, "stage").text


def unit_api(driver):
    """The API address of the PD whose page is open."""
    path = urllib.parse.urlparse(driver.current_url).path
    return "/api/v1" + path.replace("/periode/", "/periods/").replace("/pd/", "/units/")


def link_evidence(driver, base, subs):
    """Links a kertas kerja as the team's evidence for each sub-component; the refusals."""
    failed = []
    for sub in subs:
        status, body = api(driver, "POST", f"{base}/evidence/links",
                           {"target": sub, "title": f"Kertas kerja {sub}", "url": f"https://arsip.example/kk-{sub}"})
        if status != 201:
            failed.append((sub, status, body[:120]))
    return failed


def cycle_flow(driver, wait):
    """The cycle in the browser: a reviewer returns a draft with a reason, the Ketua Tim submits it
    again, the PD cannot send an incomplete self-assessment; the stage box says why."""
    pd = "Dinas Tanaman Pangan dan Hortikultura"
    switch_user(driver, wait, "pengendali.teknis")
    open_pd(driver, wait, pd)
    check("the stage box shows the stage and whose turn", "Reviu pengendali teknis" in driver.find_element(By.ID, "stage").text
          and "Pengendali Teknis" in driver.page_source)
    buttons = [b.text for b in driver.find_elements(By.CSS_SELECTOR, "form.move button")]
    check("the reviewer is offered approve and return", buttons == ["Setujui", "Kembalikan ke tim"], buttons)
    # The reviewer comments on a sub-component of the draft, then returns it.
    lke_url = driver.current_url
    driver.find_element(By.LINK_TEXT, "Reviu dan komentar").click()
    wait.until(lambda d: "/reviu" in d.current_url)
    form = driver.find_element(By.CSS_SELECTOR, "section[data-sub='2.b'] form.comment-form")
    form.find_element(By.NAME, "text").send_keys("Lampirkan bukti capaian triwulan III.")
    submit(driver, wait, form.find_element(By.CSS_SELECTOR, "button"))
    check("the reviewer's comment opens a thread on its sub-component",
          "Lampirkan bukti capaian triwulan III." in driver.find_element(By.CSS_SELECTOR, "section[data-sub='2.b']").text)
    driver.get(lke_url)
    wait.until(lambda d: d.find_elements(By.ID, "stage"))
    _, stage = move(driver, wait, "Kembalikan ke tim", "Kondisi 2.b belum didukung bukti")
    check("a return with its reason sends the draft back to the team", stage == "Evaluasi oleh tim", stage)
    driver.find_element(By.CSS_SELECTOR, "details[data-cycle-events] summary").click()
    wait.until(lambda d: "Kondisi 2.b" in d.find_element(By.CSS_SELECTOR, "ol.events").text)
    events = driver.find_element(By.CSS_SELECTOR, "ol.events").text
    check("the stage history says who returned it, when and why", "WIB" in events and "Kembalikan ke tim" in events, events)
    check("the reviewer now has no move here", not driver.find_elements(By.CSS_SELECTOR, "form.move"))
    driver.save_screenshot(os.path.join(ARTIFACTS, "cycle-returned.png"))

    switch_user(driver, wait, "ketua.tim")
    open_pd(driver, wait, pd)
    # The Ketua Tim answers the reviewer's thread and marks it resolved.
    driver.find_element(By.LINK_TEXT, "Reviu dan komentar").click()
    wait.until(lambda d: "/reviu" in d.current_url)
    thread = next(t for t in driver.find_elements(By.CSS_SELECTOR, "section[data-sub='2.b'] .thread")
                  if "triwulan III" in t.text)
    thread.find_element(By.NAME, "text").send_keys("Bukti sudah dilampirkan.")
    submit(driver, wait, thread.find_element(By.CSS_SELECTOR, "form.reply-comment button"))
    thread = next(t for t in driver.find_elements(By.CSS_SELECTOR, "section[data-sub='2.b'] .thread")
                  if "triwulan III" in t.text)
    submit(driver, wait, thread.find_element(By.CSS_SELECTOR, "button.resolve"))
    thread = next(t for t in driver.find_elements(By.CSS_SELECTOR, "section[data-sub='2.b'] .thread")
                  if "triwulan III" in t.text)
    check("the team answers the thread and resolves it",
          "Bukti sudah dilampirkan." in thread.text and "selesai" in thread.text, thread.text)
    driver.save_screenshot(os.path.join(ARTIFACTS, "reviu.png"))
    open_pd(driver, wait, pd)
    # The Ketua Tim answers the return in the rancangan LHE, then submits again.
    driver.find_element(By.LINK_TEXT, "Rancangan LHE").click()
    wait.until(lambda d: "/rancangan-lhe" in d.current_url)
    form = driver.find_element(By.CSS_SELECTOR, "section[data-component='2'] form.condition-form")
    text = form.find_element(By.NAME, "text")
    text.clear()
    text.send_keys("Pengukuran kinerja didukung bukti capaian triwulanan.")
    submit(driver, wait, form.find_element(By.CSS_SELECTOR, "button"))
    check("the Ketua Tim rewrites a kondisi of the rancangan LHE",
          "bukti capaian triwulanan" in driver.find_element(By.CSS_SELECTOR, "section[data-component='2']").text)
    driver.save_screenshot(os.path.join(ARTIFACTS, "rancangan-lhe.png"))
    open_pd(driver, wait, pd)
    # Not while a graded sub-component lacks its note or evidence: the page says which.
    said, stage = move(driver, wait, "Ajukan reviu")
    check("the draft is refused while a sub-component lacks a note or evidence",
          stage == "Evaluasi oleh tim" and "bukti dukung" in said, said)
    base = unit_api(driver)
    _, lke = api(driver, "GET", base)
    grades = json.loads(lke)["values"]["evaluator"]["grades"]
    for sub, g in grades.items():
        if not (g.get("note") or "").strip():
            api(driver, "PUT", f"{base}/grades/{sub}",
                {"grade": g.get("grade"), "justification": g.get("justification"), "note": "Sesuai kertas kerja.",
                 "recommendation": g.get("recommendation"), "version": g["version"]})
    failed = link_evidence(driver, base, list(grades))
    check("the team adds a note and evidence to every graded sub-component", not failed, failed[:3])
    driver.refresh()
    _, stage = move(driver, wait, "Ajukan reviu")
    check("the Ketua Tim submits the draft for review again", stage == "Reviu pengendali teknis", stage)

    # The PD's own answers beside the team's: copied as a starting point.
    open_pd(driver, wait, "Dinas Kesehatan")
    item = next(li for li in driver.find_elements(By.CSS_SELECTOR, "li.criterion.unanswered")
                if li.find_elements(By.CSS_SELECTOR, ".copy-unit"))
    code = item.find_element(By.CSS_SELECTOR, ".unit-answer").get_attribute("data-code")
    item.find_element(By.CSS_SELECTOR, ".copy-unit").click()
    criterion = item.get_attribute("data-criterion")
    wait.until(lambda d: f"Tersimpan: {criterion}" in d.find_element(By.ID, "status").text)
    check("the team copies the PD's answer as its own",
          Select(item.find_element(By.NAME, "code")).first_selected_option.get_attribute("value") == code, code)

    switch_user(driver, wait, "operator.setda")
    open_pd(driver, wait, "Sekretariat Daerah")
    status, stage = move(driver, wait, "Kirim ke Inspektorat")
    check("an incomplete self-assessment is not sent, and the PD reads why",
          "belum lengkap" in status and stage == "Penilaian mandiri", status)
    driver.save_screenshot(os.path.join(ARTIFACTS, "cycle-incomplete.png"))

    # The PD's pra-evaluasi profile, filled by its operator before sending.
    driver.find_element(By.LINK_TEXT, "Profil pra-evaluasi").click()
    wait.until(lambda d: "/pra-evaluasi" in d.current_url)
    form = driver.find_element(By.ID, "pre-evaluation")
    form.find_element(By.NAME, "a").send_keys("Peraturan Bupati Banyuasin Nomor 128 Tahun 2022")
    form.find_element(By.NAME, "f").send_keys("Kinerja belum diukur secara berkala.")
    submit(driver, wait, form.find_element(By.CSS_SELECTOR, "button.primary"))
    # Two entered, and item l (last year's result) from the demo's 2023 period.
    check("the operator fills the pra-evaluasi profile", "3 dari 12 butir terisi" in driver.page_source)
    driver.save_screenshot(os.path.join(ARTIFACTS, "pra-evaluasi.png"))

    # Whose turn, and the signed LHE: its bytes never change, through a reopen.
    switch_user(driver, wait, "inspektur")
    bpkad = "Badan Pengelola Keuangan dan Aset Daerah"
    waiting = driver.find_element(By.ID, "waiting").text
    check("the Inspektur's home lists the LHE waiting for signature", bpkad in waiting, waiting)
    driver.find_element(By.ID, "waiting").find_element(By.LINK_TEXT, bpkad).click()
    wait.until(lambda d: "/pd/" in d.current_url and d.find_elements(By.ID, "stage"))
    check("before signing the LHE offered is a KONSEP", "LHE (Word, konsep)" in driver.page_source)
    _, stage = move(driver, wait, "Tandatangani LHE")
    check("the Inspektur signs: final", stage == "Final", stage)

    word = driver.find_element(By.LINK_TEXT, "LHE (Word)").get_attribute("href")
    first, second = sha256(driver, word), sha256(driver, word)
    check("the signed LHE downloads as the same bytes twice", len(first) == 64 and first == second, (first, second))
    check("the page lists the signed revision", "LHE revisi 1 ditandatangani" in driver.page_source)
    _, stage = move(driver, wait, "Buka kembali", "Salah ketik nilai 3.a")
    check("reopened with a reason: back with the team", stage == "Evaluasi oleh tim", stage)
    check("the new draft is a KONSEP again", "LHE (Word, konsep)" in driver.page_source)
    kept = driver.find_element(By.ID, "signed-letters").find_element(By.LINK_TEXT, "Word").get_attribute("href")
    check("revision 1 still downloads as signed", "revisi=1" in kept and sha256(driver, kept) == first, kept)
    driver.save_screenshot(os.path.join(ARTIFACTS, "lhe-reopened.png"))

    # The panel: the Pengendali Mutu changes a grade in place with its reason, then approves.
    switch_user(driver, wait, "pengendali.mutu")
    driver.find_element(By.ID, "panel-link").click()
    wait.until(lambda d: "/panel" in d.current_url)
    kebun = "Dinas Perkebunan dan Peternakan"
    row = next(r for r in driver.find_elements(By.CSS_SELECTOR, "#panel tbody tr") if kebun in r.text)
    select = Select(row.find_element(By.CSS_SELECTOR, "select[data-revise]"))
    select.select_by_value("A" if select.first_selected_option.get_attribute("value") != "A" else "BB")
    alert = wait.until(lambda d: d.switch_to.alert)
    alert.send_keys("Disamakan dengan PD sekelas")
    alert.accept()
    wait.until(lambda d: "Tersimpan" in d.find_element(By.ID, "form-status").text)
    row = next(r for r in driver.find_elements(By.CSS_SELECTOR, "#panel tbody tr") if kebun in r.text)
    check("the panel's decision is marked on its cell", "◆" in row.text, row.text)
    driver.save_screenshot(os.path.join(ARTIFACTS, "panel.png"))
    submit(driver, wait, row.find_element(By.CSS_SELECTOR, "form.move button"), confirm=True)
    row = next(r for r in driver.find_elements(By.CSS_SELECTOR, "#panel tbody tr") if kebun in r.text)
    check("approved from the panel: on to the Pengendali Mutu's review", "Reviu pengendali mutu" in row.text, row.text)

    # The confirmation: the PD answers each finding (one disagreement with its words), sends its
    # tanggapan; the Ketua Tim replies.
    bappeda = "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan"
    switch_user(driver, wait, "admin")
    add_operator(driver, wait, BASE, "operator.bappeda", "Operator Bappeda", bappeda)
    driver.find_element(By.CSS_SELECTOR, "form[action='/keluar'] button").click()
    wait.until(lambda d: "/masuk" in d.current_url)
    sign_in(driver, wait, BASE, "operator.bappeda", "kata-sandi-operator")
    wait.until(lambda d: "/periode" in d.current_url)
    check("the PD's home lists its confirmation", bappeda in driver.find_element(By.ID, "waiting").text)
    open_pd(driver, wait, bappeda)
    count = len(driver.find_elements(By.CSS_SELECTOR, "form.response-form"))
    check("the PD reads the findings of its tentative result", count >= 2, count)
    status, stage = move(driver, wait, "Kirim tanggapan")
    check("the tanggapan cannot be sent before every finding is answered", "tanggapan atas setiap temuan" in status, status)
    for i in range(count):
        form = driver.find_elements(By.CSS_SELECTOR, "form.response-form")[i]
        if i == 0:
            form.find_element(By.NAME, "agree").click()
            form.find_element(By.NAME, "text").send_keys("Dokumen Renstra telah diunggah pada aplikasi.")
        submit(driver, wait, form.find_element(By.CSS_SELECTOR, "button"))
    check("the disagreement is shown with its words",
          "Tanggapan PD: tidak setuju. Dokumen Renstra" in driver.find_element(By.ID, "findings").text)
    _, stage = move(driver, wait, "Kirim tanggapan")
    check("the PD sends its tanggapan: the team's turn", stage == "Tanggapan PD diterima", stage)
    switch_user(driver, wait, "ketua.tim")
    open_pd(driver, wait, bappeda)
    form = driver.find_element(By.CSS_SELECTOR, "form.reply-form")
    form.find_element(By.NAME, "reply").send_keys("Bukti diterima; nilai tetap.")
    submit(driver, wait, form.find_element(By.CSS_SELECTOR, "button"))
    check("the team's reply is kept beside the tanggapan", "Jawaban tim: Bukti diterima" in driver.find_element(By.ID, "findings").text)
    driver.save_screenshot(os.path.join(ARTIFACTS, "tanggapan.png"))

    # The admin sets a due date; the period page shows it, and filters by stage.
    switch_user(driver, wait, "admin")
    driver.get(BASE + "/admin/periode")
    driver.find_element(By.LINK_TEXT, "Tim dan penugasan").click()
    wait.until(lambda d: "/tim" in d.current_url)
    letter = driver.find_element(By.CSS_SELECTOR, "form.surat-tugas")
    number = letter.find_element(By.NAME, "letter_number")
    number.clear()
    number.send_keys("700.1.2/041/ST/INSP/2024")
    submit(driver, wait, letter.find_element(By.CSS_SELECTOR, "button"))
    check("the admin records a team's surat tugas",
          driver.find_element(By.CSS_SELECTOR, "form.surat-tugas [name=letter_number]").get_attribute("value")
          == "700.1.2/041/ST/INSP/2024")
    driver.get(BASE + "/admin/periode")
    form = driver.find_element(By.CSS_SELECTOR, "form[id^='cycle-form-']")
    driver.execute_script("arguments[0].value = '2030-01-15'", form.find_element(By.NAME, "due_review"))
    submit(driver, wait, form.find_element(By.CSS_SELECTOR, "button.primary"))
    driver.save_screenshot(os.path.join(ARTIFACTS, "admin-cycle.png"))
    driver.get(BASE + "/")
    wait.until(lambda d: "/periode/" in d.current_url)
    Select(driver.find_element(By.ID, "stage-filter")).select_by_value("technical_review")
    driver.find_element(By.CSS_SELECTOR, "form.filter button").click()
    wait.until(lambda d: "tahap=technical_review" in d.current_url)
    rows = driver.find_elements(By.CSS_SELECTOR, "#units tbody tr")
    check("the period page filters by stage", rows and all(r.get_attribute("data-stage") == "technical_review" for r in rows),
          len(rows))
    check("the due date set is shown for the PD under review", "15 Januari 2030" in driver.find_element(By.ID, "units").text)
    driver.save_screenshot(os.path.join(ARTIFACTS, "period-filtered.png"))


def api(driver, method, path, body=None):
    """A request from the page, with the signed-in account's session and CSRF token: (status, JSON)."""
    return driver.execute_async_script("""
        const [method, path, body, done] = arguments;
        const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";
        fetch(path, {method, credentials: "same-origin",
                     headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
                     body: body === null ? undefined : JSON.stringify(body)})
          .then(async (r) => done([r.status, await r.text()]))
          .catch((e) => done([0, String(e)]));""", method, path, body)


def whole_cycle_flow(driver, wait):
    """One PD, Sekretariat DPRD, from its team's surat tugas to a signed LHE and revision 2, every
    role in turn; at each step another role is refused; the sealed LHE's bytes never change."""
    dprd = "Sekretariat Dewan Perwakilan Rakyat Daerah"

    def stage():
        return driver.find_element(By.ID, "stage").text

    def moves():
        return [b.text for b in driver.find_elements(By.CSS_SELECTOR, "form.move button")]

    switch_user(driver, wait, "admin")
    add_operator(driver, wait, BASE, "operator.dprd", "Operator DPRD", dprd)
    open_pd(driver, wait, dprd)
    base = unit_api(driver)
    period_api = base.split("/units/")[0]

    # Preparation: the PD fills its profile; only the team opens the self-assessment.
    switch_user(driver, wait, "operator.dprd", "kata-sandi-operator")
    open_pd(driver, wait, dprd)
    check("E2E preparation: the PD may not open its own self-assessment", "Mulai penilaian mandiri" not in moves(), moves())
    status, _ = api(driver, "PUT", base + "/pre-evaluation", {"a": "Perda Nomor 3 Tahun 2021", "version": 0})
    check("E2E preparation: the PD fills its pra-evaluasi profile", status == 200, status)
    switch_user(driver, wait, "ketua.tim")
    open_pd(driver, wait, dprd)
    _, now = move(driver, wait, "Mulai penilaian mandiri")
    check("E2E the Ketua Tim opens the self-assessment (the team has its surat tugas)", now == "Penilaian mandiri", now)

    # Self-assessment: the PD answers every criterion and sends it; the team may not write yet.
    status, _ = api(driver, "PUT", base + "/grades/1.a", {"grade": "B", "justification": "x", "version": 0})
    check("E2E the team may not evaluate during the self-assessment", status == 403, status)
    switch_user(driver, wait, "operator.dprd", "kata-sandi-operator")
    open_pd(driver, wait, dprd)
    _, framework = api(driver, "GET", period_api + "/framework")
    criteria = []
    def walk(x):
        if isinstance(x, dict):
            if "criteria" in x and isinstance(x["criteria"], list):
                for k in x["criteria"]:
                    criteria.append(k["id"])
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(json.loads(framework))
    _, lke = api(driver, "GET", base)
    answered = json.loads(lke).get("values", {}).get("unit", {}).get("answers", {})
    texts = driver.execute_script("return window.TELAAH_TEKS")
    bad = []
    for k in criteria:
        code = list(texts["criteria"][k]["options"].keys())[0]
        status, body = api(driver, "PUT", f"{base}/answers/{k}",
                           {"actor": "unit", "code": code, "version": answered.get(k, {}).get("version", 0)})
        if status != 200:
            bad.append((k, status, body[:80]))
    check("E2E the PD answers every criterion", not bad, bad[:3])
    driver.refresh()
    # Evidence: the PD picks a PDF for criterion 1.a.1; it goes up with a progress bar and is listed.
    pdf_bytes = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    pdf_path = os.path.abspath(os.path.join(ARTIFACTS, "Renstra DPRD.pdf"))
    with open(pdf_path, "wb") as f:
        f.write(pdf_bytes)
    box = '[data-evidence="1.a.1"]'
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, box + " input[type=file]"))
    driver.find_element(By.CSS_SELECTOR, box + " input[type=file]").send_keys(pdf_path)
    wait.until(lambda d: "Renstra DPRD.pdf" in d.find_element(By.CSS_SELECTOR, box + " .evidence-list").text)
    evidence_path = urllib.parse.urlparse(
        driver.find_element(By.CSS_SELECTOR, box + " .evidence-list a").get_attribute("href")).path
    uploaded = hashlib.sha256(pdf_bytes).hexdigest()
    check("E2E the PD uploads evidence in the browser, stored byte for byte", sha256(driver, evidence_path) == uploaded)
    check("E2E the evidence shows its hash", uploaded[:12] in driver.find_element(By.CSS_SELECTOR, box).text)
    _, now = move(driver, wait, "Kirim ke Inspektorat")
    check("E2E the PD sends its self-assessment", now == "Evaluasi oleh tim", now)
    status, _ = api(driver, "PUT", f"{base}/answers/{criteria[0]}", {"actor": "unit", "code": "T", "version": 1})
    check("E2E the PD's answers are locked once sent", status == 403, status)

    # Another PD's operator is refused the evidence.
    switch_user(driver, wait, "operator.setda")
    check("E2E another PD's operator is refused the evidence", sha256(driver, evidence_path) == "error 403",
          sha256(driver, evidence_path))

    # The team: the anggota reads the PD's evidence, grades with a note and evidence per
    # sub-component; the Ketua Tim writes the kondisi and submits.
    switch_user(driver, wait, "anggota.tim")
    open_pd(driver, wait, dprd)
    wait.until(lambda d: "Renstra DPRD.pdf" in d.find_element(By.CSS_SELECTOR, box + " .evidence-list").text)
    check("E2E the team reads the PD's evidence", sha256(driver, evidence_path) == uploaded)
    # All of the PD's evidence in one ZIP, from the page's link.
    zip_url = driver.find_element(By.LINK_TEXT, "semua bukti dukung (ZIP)").get_attribute("href")
    listing = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: "same-origin"})
          .then((r) => r.ok ? r.arrayBuffer() : Promise.reject(r.status))
          .then((b) => done(new TextDecoder("latin1").decode(b)))
          .catch((e) => done("error " + e));""", zip_url)
    check("E2E the team downloads the PD's evidence as one ZIP with its list",
          listing.startswith("PK") and "PD/1.a.1/Renstra DPRD.pdf" in listing and "Daftar-Bukti-Dukung.xlsx" in listing,
          listing[:80])
    # The anggota takes the PD's answers as the team's: 1.a first, then the rest in one click each.
    def copy_all(selector):
        driver.execute_script("window.telaahSaving = true")
        driver.find_element(By.CSS_SELECTOR, selector).click()
        wait.until(lambda d: d.switch_to.alert).accept()
        wait.until(lambda d: not d.execute_script("return window.telaahSaving === true")
                   and "Disalin" in d.find_element(By.ID, "form-status").text)
        return driver.find_element(By.ID, "form-status").text
    said = copy_all("button.copy-all[data-sub='1.a']")
    _, lke = api(driver, "GET", base)
    values = json.loads(lke)["values"]
    team, own = values.get("evaluator", {}).get("answers", {}), values["unit"]["answers"]
    first = [k for k in criteria if k.startswith("1.a.")]
    check("E2E Salin semua jawaban PD di 1.a: the team has the PD's answers there, and only there",
          all(team.get(k, {}).get("code") == own[k]["code"] for k in first)
          and not any(k in team for k in criteria if not k.startswith("1.a.")), (said, sorted(team)[:5]))
    said = copy_all("p.copy-all-box button.copy-all")
    _, lke = api(driver, "GET", base)
    team = json.loads(lke)["values"]["evaluator"]["answers"]
    check("E2E Salin semua jawaban PD for the whole LKE: every criterion in one click",
          all(team.get(k, {}).get("code") == own[k]["code"] for k in criteria)
          and not driver.find_elements(By.CSS_SELECTOR, "button.copy-all"), said)
    subs = ["1.a", "1.b", "1.c", "2.a", "2.b", "2.c", "3.a", "3.b", "3.c", "4.a", "4.b", "4.c"]
    for sub in subs:
        status, body = api(driver, "PUT", f"{base}/grades/{sub}",
                           {"grade": "B", "justification": "Sesuai kertas kerja", "version": 0,
                            "note": "Bukti dukung belum lengkap." if sub == "2.b" else f"Catatan {sub} sesuai kertas kerja."})
        if status != 200:
            check(f"E2E the anggota grades {sub}", False, (status, body[:120]))
    # The team's own evidence for 1.a through the page's link form; the rest through the API.
    team_box = '[data-evidence="1.a"]'
    driver.find_element(By.CSS_SELECTOR, team_box + " .evidence-add button.link").click()
    driver.find_element(By.CSS_SELECTOR, team_box + " form.evidence-link input[name=title]").send_keys("Kertas kerja 1.a")
    driver.find_element(By.CSS_SELECTOR, team_box + " form.evidence-link input[name=url]").send_keys("https://arsip.example/kk-1a")
    driver.find_element(By.CSS_SELECTOR, team_box + " form.evidence-link button").click()
    wait.until(lambda d: "Kertas kerja 1.a" in d.find_element(By.CSS_SELECTOR, team_box + " .evidence-list").text)
    check("E2E the anggota links a document as evidence", True)
    failed = link_evidence(driver, base, subs[1:])
    check("E2E the anggota links evidence for the other sub-components", not failed, failed[:3])
    check("E2E the anggota may not submit the draft", "Ajukan reviu" not in moves(), moves())
    switch_user(driver, wait, "ketua.tim")
    for c in ["1", "2", "3", "4"]:
        api(driver, "PUT", f"{base}/conditions/{c}", {"text": f"Kondisi komponen {c} memadai.", "version": 0})
    open_pd(driver, wait, dprd)
    # Every grade is B (below A) and no sub-component has a recommendation: the LHE would have none.
    said, now = move(driver, wait, "Ajukan reviu")
    check("E2E below A, a draft without a recommendation is refused, naming where one is due",
          now == "Evaluasi oleh tim" and "memerlukan sedikitnya satu rekomendasi" in said, said)
    box = driver.find_element(By.CSS_SELECTOR, '[data-sub="2.b"]')
    box.find_element(By.NAME, "recommendation").send_keys(
        "Melengkapi bukti dukung pengukuran kinerja setiap triwulan.")
    box.find_element(By.CSS_SELECTOR, ".save-grade").click()
    wait.until(lambda d: "Nilai 2.b tersimpan" in d.find_element(By.ID, "status").text)
    driver.refresh()
    _, now = move(driver, wait, "Ajukan reviu")
    check("E2E the Ketua Tim writes a recommendation on the LKE page and submits the draft",
          now == "Reviu pengendali teknis", now)

    # Review: a return with a reason, then approval; the panel; the quality review.
    switch_user(driver, wait, "pengendali.mutu")
    open_pd(driver, wait, dprd)
    check("E2E the Pengendali Mutu cannot act at the technical review", moves() == [], moves())
    switch_user(driver, wait, "pengendali.teknis")
    open_pd(driver, wait, dprd)
    _, now = move(driver, wait, "Kembalikan ke tim", "Kondisi komponen 2 belum didukung bukti")
    check("E2E the Pengendali Teknis returns the draft with a reason", now == "Evaluasi oleh tim", now)
    switch_user(driver, wait, "ketua.tim")
    open_pd(driver, wait, dprd)
    _, now = move(driver, wait, "Ajukan reviu")
    switch_user(driver, wait, "pengendali.teknis")
    open_pd(driver, wait, dprd)
    _, now = move(driver, wait, "Setujui")
    check("E2E the technical review approves: the panel", now == "Panel", now)
    switch_user(driver, wait, "pengendali.mutu")
    driver.find_element(By.ID, "panel-link").click()
    wait.until(lambda d: "/panel" in d.current_url)
    row = next(r for r in driver.find_elements(By.CSS_SELECTOR, "#panel tbody tr") if dprd in r.text)
    submit(driver, wait, row.find_element(By.CSS_SELECTOR, "form.move button"), confirm=True)
    open_pd(driver, wait, dprd)
    check("E2E the panel calibrates the PD: the quality review", stage() == "Reviu pengendali mutu", stage())
    _, now = move(driver, wait, "Setujui")
    check("E2E the quality review releases the tentative result", now == "Konfirmasi ke PD", now)

    # Confirmation: the PD disagrees with the finding in words and sends; the team replies.
    switch_user(driver, wait, "pimpinan")
    status, _ = api(driver, "GET", base + "/documents/lhe.docx")
    check("E2E the Bupati may not read an unsigned LHE", status == 403, status)
    switch_user(driver, wait, "operator.dprd", "kata-sandi-operator")
    open_pd(driver, wait, dprd)
    form = driver.find_element(By.CSS_SELECTOR, "form.response-form")
    form.find_element(By.NAME, "agree").click()
    form.find_element(By.NAME, "text").send_keys("Bukti telah diunggah pada aplikasi SAKIP.")
    submit(driver, wait, form.find_element(By.CSS_SELECTOR, "button"))
    # The other findings at once: "Setujui semua temuan" keeps the tanggapan just written.
    submit(driver, wait, driver.find_element(By.CSS_SELECTOR, "button.agree-all"), confirm=True)
    _, state = api(driver, "GET", f"{base}/responses")
    state = json.loads(state)
    check("E2E Setujui semua temuan: every other finding agreed, the PD's own tanggapan kept",
          state["complete"] and any(f.get("text") == "Bukti telah diunggah pada aplikasi SAKIP." for f in state["findings"])
          and all(f["agree"] is not None for f in state["findings"]), state["findings"][:2])
    _, now = move(driver, wait, "Kirim tanggapan")
    check("E2E the PD sends its tanggapan", now == "Tanggapan PD diterima", now)
    switch_user(driver, wait, "ketua.tim")
    open_pd(driver, wait, dprd)
    form = driver.find_element(By.CSS_SELECTOR, "form.reply-form")
    form.find_element(By.NAME, "reply").send_keys("Diterima; nilai tetap.")
    submit(driver, wait, form.find_element(By.CSS_SELECTOR, "button"))
    _, now = move(driver, wait, "Ajukan penandatanganan")
    check("E2E the Ketua Tim sends the LHE for signature", now == "Penandatanganan", now)

    # Signing, the sealed bytes, and a reopen to revision 2.
    switch_user(driver, wait, "inspektur")
    open_pd(driver, wait, dprd)
    _, now = move(driver, wait, "Tandatangani LHE")
    check("E2E the Inspektur signs", now == "Final", now)
    word = driver.find_element(By.LINK_TEXT, "LHE (Word)").get_attribute("href")
    path = urllib.parse.urlparse(word).path

    sealed = sha256(driver, path)
    switch_user(driver, wait, "pimpinan")
    check("E2E the Bupati reads the signed LHE, byte for byte", sha256(driver, path) == sealed and len(sealed) == 64, sealed)
    switch_user(driver, wait, "operator.dprd", "kata-sandi-operator")
    check("E2E the PD reads the same signed LHE", sha256(driver, path) == sealed)
    switch_user(driver, wait, "inspektur")
    open_pd(driver, wait, dprd)
    _, now = move(driver, wait, "Buka kembali", "Nilai 3.a salah ketik")
    check("E2E reopened: revision 2 with the team", now == "Evaluasi oleh tim" and "revisi 2" in driver.page_source, now)
    check("E2E revision 1 stays as signed", sha256(driver, path + "?revisi=1") == sealed)
    driver.save_screenshot(os.path.join(ARTIFACTS, "e2e-revision-2.png"))


def download(driver, path):
    """A download's bytes, fetched by the page with the signed-in account's session."""
    import base64
    data = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: "same-origin"})
          .then((r) => r.ok ? r.blob() : Promise.reject(r.status))
          .then((b) => { const f = new FileReader(); f.onload = () => done(f.result.split(",")[1]); f.readAsDataURL(b); })
          .catch((e) => done(""));""", path)
    return base64.b64decode(data) if data else b""


def wording_flow(driver, wait):
    """The Admin gives the Laporan Kompilasi a sentence of the regency's own and a PD head's
    title, in the browser; the report downloaded next says it."""
    import io
    import zipfile
    switch_user(driver, wait, "admin")
    driver.get(BASE + "/admin/naskah")
    form = driver.find_element(By.ID, "template-laporan-kompilasi")
    area = form.find_element(By.NAME, "yaml")
    old = "Dalam rangka transparansi, dokumen-dokumen SAKIP tersebut sebagian besar telah dipublikasikan"
    new = "Seluruh dokumen SAKIP Perangkat Daerah telah dipublikasikan pada laman masing-masing"
    driver.execute_script("arguments[0].value = arguments[0].value.replace(arguments[1], arguments[2])", area, old, new)
    submit(driver, wait, form.find_element(By.TAG_NAME, "button"))
    check("NS the admin keeps the regency's own wording of the Laporan Kompilasi",
          "Laporan Kompilasi · naskah Inspektorat" in driver.page_source)
    # A wording with a placeholder Telaah does not fill is refused, with the reason, and nothing changes.
    form = driver.find_element(By.ID, "template-lhe")
    area = form.find_element(By.NAME, "yaml")
    driver.execute_script("arguments[0].value = arguments[0].value + '\\ncatatan: \"{{kepala_dinas}}\"'", area)
    driver.execute_script("document.getElementById('form-status').textContent = ''")
    form.find_element(By.TAG_NAME, "button").click()
    wait.until(lambda d: d.find_element(By.ID, "form-status").text)
    check("NS a wording with an unknown placeholder is refused with its name",
          "kepala_dinas" in driver.find_element(By.ID, "form-status").text, driver.find_element(By.ID, "form-status").text)
    status, body = api(driver, "GET", "/api/v1/periods")
    period = json.loads(body)["periods"][0]["id"]
    docx = download(driver, f"/api/v1/periods/{period}/documents/kompilasi.docx")
    text = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode() if docx else ""
    check("NS the Laporan Kompilasi downloaded next carries the regency's sentence", new in text and old not in text)
    # The period page's form gives the report its number as issued.
    driver.get(BASE + "/")
    wait.until(lambda d: d.find_elements(By.ID, "kompilasi-form"))
    form = driver.find_element(By.ID, "kompilasi-form")
    form.find_element(By.NAME, "nomor").send_keys("700/332/LHE-AKIP/INSPEKTORAT/2024")
    url = form.get_attribute("action") + "?" + urllib.parse.urlencode({"nomor": form.find_element(By.NAME, "nomor").get_attribute("value"), "tanggal": ""})
    docx = download(driver, urllib.parse.urlparse(url).path + "?" + urllib.parse.urlparse(url).query)
    text = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode() if docx else ""
    check("NS the period page's form numbers the Laporan Kompilasi", "Nomor : 700/332/LHE-AKIP/INSPEKTORAT/2024" in text)

    driver.get(BASE + "/admin/pd")
    row = next(f for f in driver.find_elements(By.CSS_SELECTOR, "form.row")
               if f.find_element(By.NAME, "name").get_attribute("value") == "Kecamatan Betung")
    field = row.find_element(By.NAME, "head_title")
    check("NS the PD list shows a kecamatan's default head title", field.get_attribute("placeholder") == "Camat Betung",
          field.get_attribute("placeholder"))
    field.send_keys("Plt. Camat Betung")
    submit(driver, wait, row.find_element(By.TAG_NAME, "button"))
    status, body = api(driver, "GET", "/api/v1/admin/units")
    betung = next(u for u in json.loads(body)["units"] if u["name"] == "Kecamatan Betung")
    check("NS the admin sets a PD head's title for its letters", betung["head_title"] == "Plt. Camat Betung", betung)
    row = next(f for f in driver.find_elements(By.CSS_SELECTOR, "form.row")
               if f.find_element(By.NAME, "name").get_attribute("value") == "Dinas Pendidikan dan Kebudayaan")
    row.find_element(By.NAME, "place").send_keys("Pangkalan Balai")
    submit(driver, wait, row.find_element(By.TAG_NAME, "button"))
    status, body = api(driver, "GET", "/api/v1/admin/units")
    dinas = next(u for u in json.loads(body)["units"] if u["name"] == "Dinas Pendidikan dan Kebudayaan")
    check("NS the admin sets where a PD's letters are addressed (di …)", dinas["place"] == "Pangkalan Balai", dinas)

    # The regency's own legal bases (Bab I.A) from the settings, the Inspektur's general
    # recommendations (E, F, …) from the period page: the Laporan Kompilasi cites both.
    basis = "Keputusan Inspektur Kabupaten Banyuasin Nomor 12 Tahun 2024 tentang Pedoman Reviu Internal"
    driver.get(BASE + "/admin")
    wait.until(lambda d: d.find_elements(By.ID, "settings-form"))
    area = driver.find_element(By.CSS_SELECTOR, "#settings-form [name=legal_bases]")
    driver.execute_script("arguments[0].value = arguments[0].value + '\\n' + arguments[1]", area, basis)
    submit(driver, wait, driver.find_element(By.CSS_SELECTOR, "#settings-form button"))
    stored = driver.find_element(By.CSS_SELECTOR, "#settings-form [name=legal_bases]").get_attribute("value")
    check("NS the admin adds a legal basis of the regency", stored.endswith(basis), stored[-200:])
    switch_user(driver, wait, "inspektur")
    driver.get(BASE + "/")
    wait.until(lambda d: d.find_elements(By.ID, "general-form"))
    general = "Inspektorat agar mendampingi Perangkat Daerah menyusun Cascading Kinerja sampai tingkat individu."
    area = driver.find_element(By.CSS_SELECTOR, "#general-form [name=text]")
    driver.execute_script("arguments[0].value = arguments[0].value + '\\n' + arguments[1]", area, general)
    submit(driver, wait, driver.find_element(By.CSS_SELECTOR, "#general-form button"))
    stored = driver.find_element(By.CSS_SELECTOR, "#general-form [name=text]").get_attribute("value")
    check("NS the Inspektur writes the period's general recommendations", stored.endswith(general), stored[-200:])
    docx = download(driver, f"/api/v1/periods/{period}/documents/kompilasi.docx")
    text = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode() if docx else ""
    check("NS the Laporan Kompilasi cites the legal basis and gives the general recommendation",
          basis in text and "Cascading Kinerja sampai tingkat individu" in text)
    switch_user(driver, wait, "admin")
    driver.get(BASE + "/")
    wait.until(lambda d: d.find_elements(By.ID, "general-recommendations"))
    check("NS the Admin reads the general recommendations and cannot change them",
          general in driver.find_element(By.ID, "general-recommendations").text
          and not driver.find_elements(By.ID, "general-form"))


def follow_up_flow(driver, wait):
    """The follow-up of a signed LHE in the browser: the PD writes its rencana aksi and sends it;
    the Ketua Tim returns it with a note, then accepts it; the PD reports what it did with
    evidence; the Ketua Tim verifies; the rate follows. Another PD's operator is refused."""
    bapenda = "Badan Pendapatan Daerah"
    switch_user(driver, wait, "admin")
    add_operator(driver, wait, BASE, "operator.bapenda", "Operator Bapenda", bapenda)
    switch_user(driver, wait, "operator.bapenda", "kata-sandi-operator")
    open_pd(driver, wait, bapenda)
    driver.find_element(By.LINK_TEXT, "Tindak lanjut").click()
    wait.until(lambda d: d.find_elements(By.ID, "follow-up"))
    follow_up_url = driver.current_url
    sections = driver.find_elements(By.CSS_SELECTOR, "section.recommendation")
    codes = [sec.get_attribute("data-recommendation") for sec in sections]
    # Lists show a recommendation by its text (its start, the whole on hover), not its code.
    starts = [sec.find_element(By.TAG_NAME, "p").text[:50] for sec in sections]
    check("FU the PD sees its LHE's recommendations, each with its code", codes[:1] == [f"{YEAR}-1.c-1"] and len(codes) == 5, codes)
    heading = sections[0].find_element(By.TAG_NAME, "h2").text
    check("FU a recommendation reads by its number and sub-component, not its register code",
          heading.startswith("Rekomendasi 1 · 1.c ") and f"{YEAR}-" not in heading, heading)

    head = driver.find_element(By.ID, "head-form")
    head.find_element(By.NAME, "head_name").send_keys("Drs. H. Ahmad Syarif, M.Si.")
    head.find_element(By.NAME, "head_rank").send_keys("Pembina Utama Muda (IV/c)")
    head.find_element(By.NAME, "head_nip").send_keys("19670403 199403 1 015")
    submit(driver, wait, head.find_element(By.TAG_NAME, "button"))
    for code in codes:
        form = driver.find_element(By.CSS_SELECTOR, f'section[data-recommendation="{code}"] form.action-form')
        form.find_element(By.NAME, "action").send_keys(f"Melengkapi dokumen untuk {code}")
        form.find_element(By.NAME, "person_name").send_keys("Rina Marlina, S.E.")
        form.find_element(By.NAME, "person_position").send_keys("Kepala Subbagian Perencanaan")
        driver.execute_script("arguments[0].value = '2025-03-31'", form.find_element(By.NAME, "due"))
        submit(driver, wait, form.find_element(By.TAG_NAME, "button"))
    first = driver.find_element(By.CSS_SELECTOR, f'section[data-recommendation="{codes[0]}"]')
    check("FU the PD's actions are listed with who and by when",
          "Rina Marlina, S.E., Kepala Subbagian Perencanaan · batas waktu 31 Maret 2025" in first.text, first.text[:300])
    send = driver.find_element(By.CSS_SELECTOR, 'form.plan-move[data-move="submit"] button')
    submit(driver, wait, send, confirm=True)
    check("FU the PD sends its rencana aksi", "Diajukan ke Inspektorat" in driver.find_element(By.ID, "plan-state").text)
    check("FU once sent, the PD's forms are gone", not driver.find_elements(By.CSS_SELECTOR, "form.action-form"))

    # Another PD's operator is refused the page.
    switch_user(driver, wait, "operator.dinkes")
    driver.get(follow_up_url)
    check("FU another PD's operator is refused the follow-up", not driver.find_elements(By.ID, "follow-up"),
          driver.page_source[:200])

    # The Ketua Tim returns it with a note, the PD sends it again, the Ketua Tim accepts.
    switch_user(driver, wait, "anggota.tim2")
    driver.get(follow_up_url)
    wait.until(lambda d: d.find_elements(By.ID, "follow-up"))
    back = driver.find_element(By.CSS_SELECTOR, 'form.plan-move[data-move="return"]')
    back.find_element(By.NAME, "note").send_keys("Batas waktu 4.c terlalu jauh.")
    submit(driver, wait, back.find_element(By.TAG_NAME, "button"))
    check("FU the Ketua Tim returns the plan with a note", "Dikembalikan ke PD" in driver.find_element(By.ID, "plan-state").text)
    switch_user(driver, wait, "operator.bapenda", "kata-sandi-operator")
    driver.get(follow_up_url)
    wait.until(lambda d: d.find_elements(By.ID, "follow-up"))
    check("FU the PD reads the Inspektorat's note", "Batas waktu 4.c terlalu jauh." in driver.find_element(By.ID, "plan-note").text)
    submit(driver, wait, driver.find_element(By.CSS_SELECTOR, 'form.plan-move[data-move="submit"] button'), confirm=True)
    switch_user(driver, wait, "anggota.tim2")
    driver.get(follow_up_url)
    wait.until(lambda d: d.find_elements(By.ID, "follow-up"))
    submit(driver, wait, driver.find_element(By.CSS_SELECTOR, 'form.plan-move[data-move="accept"] button'))
    check("FU the Ketua Tim accepts the plan", "Diterima" in driver.find_element(By.ID, "plan-state").text)

    # Realisasi with evidence.
    switch_user(driver, wait, "operator.bapenda", "kata-sandi-operator")
    driver.get(follow_up_url)
    wait.until(lambda d: d.find_elements(By.ID, "follow-up"))
    report = driver.find_element(By.CSS_SELECTOR, f'section[data-recommendation="{codes[0]}"] form.report-form')
    report.find_element(By.NAME, "text").send_keys("Dokumen dilengkapi dan dipantau triwulan I.")
    submit(driver, wait, report.find_element(By.TAG_NAME, "button"))
    box = f'section[data-recommendation="{codes[0]}"] .follow-up-evidence'
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, box + " input[type=file]"))
    pdf_path = os.path.abspath(os.path.join(ARTIFACTS, "Bukti tindak lanjut.pdf"))
    with open(pdf_path, "wb") as f:
        f.write(b"%PDF-1.4\n% bukti tindak lanjut\n%%EOF\n")
    driver.find_element(By.CSS_SELECTOR, box + " input[type=file]").send_keys(pdf_path)
    wait.until(lambda d: "Bukti tindak lanjut.pdf" in d.find_element(By.CSS_SELECTOR, box + " .evidence-list").text)
    check("FU the PD reports realisasi with evidence",
          "Dokumen dilengkapi dan dipantau triwulan I." in driver.find_element(By.CSS_SELECTOR, f'section[data-recommendation="{codes[0]}"]').text)

    # The Ketua Tim verifies: the status and the rate follow.
    switch_user(driver, wait, "anggota.tim2")
    driver.get(follow_up_url)
    wait.until(lambda d: d.find_elements(By.ID, "follow-up"))
    section = f'section[data-recommendation="{codes[0]}"]'
    check("FU the Ketua Tim sees the PD's evidence",
          "Bukti tindak lanjut.pdf" in driver.find_element(By.CSS_SELECTOR, section + " .evidence-list").text)
    verdict = driver.find_element(By.CSS_SELECTOR, section + " form.verdict-form")
    Select(verdict.find_element(By.NAME, "verdict")).select_by_value("sesuai")
    submit(driver, wait, verdict.find_element(By.TAG_NAME, "button"))
    status = driver.find_element(By.CSS_SELECTOR, section + " [data-status]").text
    summary = driver.find_element(By.CSS_SELECTOR, "main").text
    check("FU verified: the recommendation is Sesuai and the rate follows",
          status == "Sesuai" and "1 dari 5 rekomendasi sesuai, tingkat tindak lanjut 20,00%" in summary, (status, summary[:400]))
    driver.save_screenshot(os.path.join(ARTIFACTS, "follow-up.png"))

    # The home page lists the actions past due; the period's list filters the register.
    driver.get(BASE + "/")
    wait.until(lambda d: d.find_elements(By.ID, "waiting"))
    overdue = driver.find_elements(By.ID, "overdue")
    check("FU the Ketua Tim's home lists the follow-up past due", overdue and "lewat batas waktu" in overdue[0].text,
          overdue[0].text[:200] if overdue else "no list")
    driver.find_element(By.ID, "follow-up-link").click()
    wait.until(lambda d: d.find_elements(By.ID, "follow-up-list"))
    list_url = driver.current_url
    driver.get(list_url + "?lewat=1")
    wait.until(lambda d: "lewat=1" in d.current_url and d.find_elements(By.ID, "follow-up-list"))
    check("FU the period's list shows what is past due", starts[1] in driver.find_element(By.ID, "follow-up-list").text)
    driver.get(list_url)
    wait.until(lambda d: "lewat" not in d.current_url and d.find_elements(By.ID, "follow-up-list"))
    Select(driver.find_element(By.NAME, "status")).select_by_value("sesuai")
    driver.find_element(By.CSS_SELECTOR, "form.filter button").click()
    wait.until(lambda d: "status=sesuai" in d.current_url)
    rows = driver.find_elements(By.CSS_SELECTOR, "#follow-up-list tbody tr")
    check("FU the period's list filters the recommendations by status",
          len(rows) == 1 and starts[0] in rows[0].text, [r.text for r in rows])

    # The Bupati's letter: the Ketua Tim prepares it with an acting signer, the pimpinan signs it.
    driver.get(follow_up_url)
    wait.until(lambda d: d.find_elements(By.ID, "letter-form"))
    form = driver.find_element(By.ID, "letter-form")
    form.find_element(By.NAME, "number").send_keys("700/080/KE/2024.R")
    driver.execute_script("arguments[0].value = '2024-11-21'", form.find_element(By.NAME, "date"))
    Select(form.find_element(By.NAME, "signer_kind")).select_by_value("pt")
    form.find_element(By.NAME, "signer_name").send_keys("Sudono, S.T., M.T.")
    form.find_element(By.NAME, "signer_position").send_keys("Wakil Bupati")
    submit(driver, wait, form.find_element(By.TAG_NAME, "button"))
    check("FU the Ketua Tim prepares the Bupati's letter", "Menunggu tanda tangan" in driver.find_element(By.ID, "letter").text)
    switch_user(driver, wait, "pimpinan")
    driver.get(follow_up_url)
    wait.until(lambda d: d.find_elements(By.ID, "letter-sign"))
    submit(driver, wait, driver.find_element(By.CSS_SELECTOR, "#letter-sign button"), confirm=True)
    letter = driver.find_element(By.ID, "letter").text
    check("FU the pimpinan signs it in the browser", "Ditandatangani Bupati Banyuasin" in letter
          and "Pt. BUPATI BANYUASIN / Wakil Bupati" in letter, letter)
    check("FU the signed letter downloads", sha256(driver, urllib.parse.urlparse(
        driver.find_element(By.LINK_TEXT, "Surat (Word)").get_attribute("href")).path)[:5] != "error")


CODE = re.compile(r"\d{4}-\d\.[a-z]-\d")


def widths_check(driver, name):
    """The page as a person reads it, at 1280 px and at phone width (390 px): no register code in its
    text, no sideways scroll of the page, every table wider than its place inside a box of its own
    that scrolls (with the PD's name kept in view). Screenshots of both widths are kept."""
    text = driver.execute_script("return document.body.innerText")
    found = CODE.findall(text)
    check(f"W {name}: no register code in the visible text", not found, found[:3])
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    for width in (1280, 390):
        # Headless Chromium keeps a window at least 500 px wide: a phone's width is emulated.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": 1000, "deviceScaleFactor": 1, "mobile": width < 700})
        problems = driver.execute_script("""
            const out = [];
            const doc = document.documentElement;
            if (doc.scrollWidth > doc.clientWidth + 1) out.push("page " + doc.scrollWidth + " > " + doc.clientWidth);
            for (const t of document.querySelectorAll("main table")) {
              const box = t.parentElement;
              if (t.offsetWidth > box.clientWidth + 1 && !box.classList.contains("scroll"))
                out.push((t.id || t.className || "table") + " " + t.offsetWidth + " > " + box.clientWidth);
            }
            return out;""")
        check(f"W {name} at {width} px: nothing cut off, no sideways page scroll", not problems, problems[:3])
        if name.startswith(("pimpinan", "inspektur")) or width == 390:
            os.makedirs(os.path.join(ARTIFACTS, "widths"), exist_ok=True)
            driver.save_screenshot(os.path.join(ARTIFACTS, "widths", f"{slug}-{width}.png"))
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def home_flow(driver, wait):
    """What the Bupati and the Inspektur see first: the counts are the ones the other pages give."""
    switch_user(driver, wait, "pimpinan")
    html = driver.page_source
    order = [html.find('id="regency-result"'), html.find('id="overdue"'), html.find('id="units"')]
    check("HOME the Bupati's page leads with the result, then follow-up by PD, then the table",
          -1 not in order and order == sorted(order), order)
    chips = {c.get_attribute("data-predikat"): int(c.text.split(":")[1])
             for c in driver.find_elements(By.CSS_SELECTOR, "#regency-result [data-predikat]")}
    table = [r.find_elements(By.TAG_NAME, "td")[-1].text for r in driver.find_elements(By.CSS_SELECTOR, "#units tbody tr")]
    counted = {code: table.count(code) for code in chips}
    check("HOME the predikat counts are the table's", chips == counted and sum(chips.values()) > 0, (chips, counted))
    said = driver.find_element(By.ID, "overdue-count").text
    m = re.match(r"(\d+) rencana aksi lewat batas waktu pada (\d+) Perangkat Daerah", said)
    rows = driver.find_elements(By.CSS_SELECTOR, "#overdue tbody tr")
    names = [r.find_element(By.TAG_NAME, "td").text for r in rows]
    check("HOME follow-up: one line per PD, at most ten", m and len(names) == len(set(names)) == min(int(m.group(2)), 10),
          (said, names))
    # The follow-up list of last year's LHE names the same PD as late.
    driver.find_element(By.ID, "follow-up-link").click()
    wait.until(lambda d: d.find_elements(By.ID, "follow-up-units") or "Belum ada LHE" in d.page_source)
    _, body = api(driver, "GET", "/api/v1/periods")
    last = next(p for p in json.loads(body)["periods"] if p["name"] == f"Evaluasi AKIP {YEAR - 1}")
    driver.get(BASE + f"/periode/{last['id']}/tindak-lanjut")
    late = [r.find_element(By.TAG_NAME, "td").text for r in driver.find_elements(By.CSS_SELECTOR, "#follow-up-units tbody tr")
            if r.find_elements(By.TAG_NAME, "td")[-1].text != "—"]
    check("HOME as many PD late as the follow-up list of last year's LHE has", m and int(m.group(2)) == len(late),
          (said, len(late)))
    switch_user(driver, wait, "inspektur")
    stages = driver.find_elements(By.CSS_SELECTOR, "#stages tbody tr")
    total = sum(int(r.find_elements(By.TAG_NAME, "td")[1].text) for r in stages)
    check("HOME the Inspektur sees the period per stage, every PD counted once",
          stages and total == len(driver.find_elements(By.CSS_SELECTOR, "#units tbody tr")), total)


def axe_flow(driver, wait):
    """axe-core over every page each role reaches by its links (one page per URL shape): no
    serious or critical violation."""
    from axe_selenium_python import Axe
    import re
    accounts = [("admin", PASSWORD), ("inspektur", PASSWORD), ("pengendali.mutu", PASSWORD), ("ketua.tim", PASSWORD),
                ("operator.dinkes", PASSWORD), ("operator.dprd", "kata-sandi-operator"), ("pimpinan", PASSWORD)]
    pages = 0
    for username, password in accounts:
        switch_user(driver, wait, username, password)
        seen, queue = set(), [driver.current_url]
        while queue and len(seen) < 25:
            url = queue.pop(0)
            shape = re.sub(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f-]{27}", ":id", urllib.parse.urlparse(url).path)
            if shape in seen:
                continue
            seen.add(shape)
            driver.get(url)
            wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
            axe = Axe(driver)
            axe.inject()
            found = axe.run()
            bad = [f"{v['id']} ({v['impact']}, {len(v['nodes'])}×, {v['nodes'][0]['target']})"
                   for v in found["violations"] if v["impact"] in ("serious", "critical")]
            pages += 1
            check(f"AXE {username} {shape}: no serious or critical violation", not bad, "; ".join(bad))
            widths_check(driver, f"{username}{shape}")
            for a in driver.find_elements(By.CSS_SELECTOR, "a[href]"):
                href = (a.get_attribute("href") or "").split("#")[0]
                path = urllib.parse.urlparse(href).path
                if href.startswith(BASE) and not path.startswith("/api/") and path != "/keluar" \
                        and not path.endswith((".css", ".js")):
                    queue.append(href)
    check("AXE the sweep reached the pages of every role", pages >= 40, pages)


def main():
    os.makedirs(ARTIFACTS, exist_ok=True)
    data = tempfile.mkdtemp(prefix="telaah-browser-")
    env = dict(os.environ, TELAAH_DEMO_PASSWORD=PASSWORD, TELAAH_DATA_DIR=data)
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen([BIN, "serve", "--demo", "--port", str(PORT), "--log-level", "warning"], env=env,
                              stdout=subprocess.DEVNULL)
    driver = None
    try:
        wait_healthy(BASE)
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
        check("signed in, the period overview opens", f"Evaluasi AKIP {YEAR}" in driver.page_source)
        check("the overview lists the team's PD", "Dinas Pendidikan dan Kebudayaan" in driver.page_source)

        driver.find_element(By.ID, "units").find_element(By.LINK_TEXT, "Dinas Pendidikan dan Kebudayaan").click()
        wait.until(lambda d: d.find_elements(By.ID, "lke"))
        # The demo's year before: its follow-up stands at criterion 4.c.1, with 4.c.2's suggestion.
        placed = driver.execute_script(
            "const c = document.getElementById('prior-follow-up');"
            "const n = c && c.parentElement.nextElementSibling; return n ? n.dataset.criterion : null")
        check("last year's follow-up is shown at criterion 4.c.1 of this year's", placed == "4.c.1", placed)
        check("with the answer its rate suggests for 4.c.2",
              "Saran jawaban 4.c.2 menurut tingkat tindak lanjut" in driver.find_element(By.ID, "prior-follow-up").text)
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
        history = driver.find_element(By.ID, "history").text
        check("the history says each change in words, in WIB", "1.a.7 (jawaban evaluator): T → Y" in history
              and "WIB" in history, history[:300])
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
        limit = driver.find_element(By.CSS_SELECTOR, "#settings-form [name=evidence_file_limit_mb]")
        limit.clear()
        limit.send_keys("20")
        driver.find_element(By.CSS_SELECTOR, "#settings-form button").click()
        # The page reloads and says so.
        wait.until(lambda d: "Tersimpan" in d.find_element(By.ID, "form-status").text)
        check("the admin's settings are saved and shown after reload",
              driver.find_element(By.CSS_SELECTOR, "#settings-form [name=phone]").get_attribute("value") == "(0711) 123456"
              and driver.find_element(By.CSS_SELECTOR, "#settings-form [name=evidence_file_limit_mb]").get_attribute("value") == "20")
        driver.save_screenshot(os.path.join(ARTIFACTS, "admin-settings.png"))

        driver.get(BASE + "/admin" + period_path + "/tim")
        driver.find_element(By.CSS_SELECTOR, "#team-form [name=name]").send_keys("Tim 3")
        driver.find_element(By.CSS_SELECTOR, "#team-form button").click()
        wait.until(lambda d: "Tim 3" in d.page_source and d.find_elements(By.XPATH, "//h3[contains(., 'Tim 3')]"))
        check("a new team appears on the team page", True)
        team3 = driver.find_element(By.XPATH, "//div[@class='team'][h3[contains(., 'Tim 3')]]")
        Select(team3.find_element(By.NAME, "user_id")).select_by_visible_text("Anggota Tim 1")
        Select(team3.find_element(By.NAME, "role")).select_by_visible_text("Ketua Tim")
        team3.find_element(By.CSS_SELECTOR, "form.row:not(.surat-tugas) button").click()
        wait.until(lambda d: "Anggota Tim 1 · Ketua Tim" in d.find_element(
            By.XPATH, "//div[@class='team'][h3[contains(., 'Tim 3')]]").text)
        check("a member joins the team", True)
        select = driver.find_element(By.CSS_SELECTOR, "select[aria-label='Tim untuk Dinas Sosial']")
        Select(select).select_by_visible_text("Tim 3")
        wait.until(lambda d: "Tersimpan" in d.find_element(By.ID, "form-status").text)
        driver.refresh()
        chosen = Select(driver.find_element(By.CSS_SELECTOR, "select[aria-label='Tim untuk Dinas Sosial']")).first_selected_option.text
        check("a PD's assignment is saved on change", chosen == "Tim 3", chosen)
        driver.save_screenshot(os.path.join(ARTIFACTS, "admin-teams.png"))

        add_operator(driver, wait, BASE, "operator.sosial", "Operator Dinas Sosial", "Dinas Sosial")
        check("a new user appears in the list", True)
        # A refused write says why, in Indonesian, and keeps the form.
        form = driver.find_element(By.ID, "user-form")
        form.find_element(By.NAME, "username").send_keys("operator.sosial")
        form.find_element(By.NAME, "display_name").send_keys("Lagi")
        form.find_element(By.NAME, "password").send_keys("kata-sandi-operator")
        form.find_element(By.CSS_SELECTOR, "button").click()
        wait.until(lambda d: "sudah dipakai" in d.find_element(By.ID, "form-status").text)
        check("a taken username is refused with the reason", True)
        driver.save_screenshot(os.path.join(ARTIFACTS, "admin-users.png"))

        # The period switcher: every page links to the list of periods.
        driver.find_element(By.CSS_SELECTOR, "a.period-switch").click()
        wait.until(lambda d: "/periode" in d.current_url and "Periode evaluasi" in d.page_source)
        check("the period switcher lists the periods", f"Evaluasi AKIP {YEAR}" in driver.page_source)
        driver.find_element(By.LINK_TEXT, f"Evaluasi AKIP {YEAR}").click()
        wait.until(lambda d: "Ringkasan" in d.page_source or "Perangkat Daerah" in d.page_source)
        check("a period opens from the switcher", "/periode/" in driver.current_url)

        home_flow(driver, wait)
        cycle_flow(driver, wait)
        whole_cycle_flow(driver, wait)
        follow_up_flow(driver, wait)
        axe_flow(driver, wait)
        wording_flow(driver, wait)
        setup_flow(driver, wait)
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
