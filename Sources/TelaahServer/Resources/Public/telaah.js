// Telaah: the LKE page and the admin page save through the JSON API. No build step.
(function () {
  "use strict";
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";

  async function send(method, url, body, contentType) {
    const headers = { "X-CSRF-Token": csrf, "Accept": "application/json" };
    let payload = body;
    if (contentType) { headers["Content-Type"] = contentType; }
    else if (body !== undefined) { headers["Content-Type"] = "application/json"; payload = JSON.stringify(body); }
    const response = await fetch(url, { method, headers, body: payload, credentials: "same-origin" });
    let json = null;
    try { json = await response.json(); } catch (e) { json = null; }
    if (!response.ok) { throw new Error((json && json.reason) || ("Gagal (" + response.status + ")")); }
    return json;
  }

  const element = (tag, className, text) => {
    const el = document.createElement(tag);
    if (className) { el.className = className; }
    if (text !== undefined) { el.textContent = text; }
    return el;
  };

  // The API sends figures already rounded to two decimals; show them the Indonesian way (4,20).
  const number = (value) => value === null || value === undefined ? "—" : Number(value).toFixed(2).replace(".", ",");

  // Bukti dukung: the files and links of each target (a criterion, a sub-component, a
  // recommendation), fetched once the page is shown; where `mayAdd(list)`, a file picker (several
  // at once, or dropped on the box) with a progress bar, and a link form. Files go up as they are,
  // one request each. `holders`: [target, the element the box goes in].
  function evidenceBoxes(base, holders, say, mayAdd) {
    const boxes = {};
    holders.forEach(([target, container]) => {
      const box = element("div", "evidence small");
      box.dataset.evidence = target;
      box.appendChild(element("ul", "evidence-list"));
      container.appendChild(box);
      boxes[target] = box;
    });
    const evidenceSay = (box, text, ok) => {
      let line = box.querySelector(".evidence-status");
      if (!line) { line = element("p", "evidence-status"); line.setAttribute("role", "status"); box.appendChild(line); }
      line.textContent = text; line.className = "evidence-status " + (ok ? "ok" : "alert");
    };
    function uploadFile(file, target, bar) {
      return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open("POST", base + "/evidence?target=" + encodeURIComponent(target) + "&name=" + encodeURIComponent(file.name));
        xhr.setRequestHeader("X-CSRF-Token", csrf);
        xhr.setRequestHeader("Accept", "application/json");
        xhr.upload.onprogress = (e) => { if (e.lengthComputable) { bar.value = Math.round(e.loaded / e.total * 100); } };
        xhr.onload = () => {
          let json = null;
          try { json = JSON.parse(xhr.responseText); } catch (e) { json = null; }
          if (xhr.status >= 200 && xhr.status < 300) { resolve(json); }
          else { reject(new Error((json && json.reason) || ("Gagal (" + xhr.status + ")"))); }
        };
        xhr.onerror = () => reject(new Error("Unggahan terputus: periksa jaringan lalu ulangi."));
        xhr.send(file);
      });
    }
    function showEvidence(state) {
      const byTarget = {};
      state.items.forEach((item) => { (byTarget[item.target] = byTarget[item.target] || []).push(item); });
      for (const [target, box] of Object.entries(boxes)) {
        const list = box.querySelector(".evidence-list");
        const items = byTarget[target] || [];
        list.replaceChildren(...items.map((item) => {
          const li = element("li", item.current ? "" : "old");
          li.dataset.evidenceId = item.id;
          li.appendChild(element("span", "chip", item.actor === "unit" ? "PD" : "Tim"));
          li.appendChild(document.createTextNode(" "));
          const a = element("a", null, item.name + (item.version > 1 ? " (versi " + item.version + ")" : ""));
          a.href = item.url; a.target = "_blank"; a.rel = "noopener noreferrer";
          li.appendChild(a);
          const facts = [item.size_text, item.added_by, item.added_at_text].filter(Boolean);
          if (item.sha256) { facts.push("SHA-256 " + item.sha256.slice(0, 12) + "…"); }
          if (!item.current && !item.removed_at_text) { facts.push("diganti versi baru"); }
          if (item.removed_at_text) { facts.push("dihapus oleh " + (item.removed_by || "?") + ", " + item.removed_at_text); }
          const meta = element("span", "muted", " · " + facts.join(" · "));
          if (item.sha256) { meta.title = "SHA-256 " + item.sha256; }
          li.appendChild(meta);
          if (item.may_remove) {
            const remove = element("button", "link remove-evidence", "Hapus");
            remove.type = "button";
            remove.addEventListener("click", async () => {
              if (!window.confirm("Hapus " + item.name + "?")) { return; }
              try { await send("DELETE", base + "/evidence/" + item.id); await loadEvidence(); evidenceSay(box, "Dihapus: " + item.name, true); }
              catch (e) { evidenceSay(box, e.message, false); }
            });
            li.appendChild(document.createTextNode(" "));
            li.appendChild(remove);
          }
          return li;
        }));
        box.classList.toggle("empty", items.length === 0);
        if (mayAdd(state) && !box.querySelector(".evidence-add")) { addControls(box, state.limit_text); }
      }
    }
    function addControls(box, limitText) {
      const target = box.dataset.evidence;
      const add = element("div", "evidence-add");
      const label = element("label", "evidence-pick", "Unggah bukti dukung ");
      const input = element("input");
      input.type = "file"; input.multiple = true; input.name = "evidence-file";
      input.accept = ".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.zip";
      input.setAttribute("aria-label", "Unggah bukti dukung " + target);
      label.appendChild(input);
      add.appendChild(label);
      add.appendChild(element("span", "muted", " atau seret berkas ke sini (" + limitText + ") · "));
      const linkToggle = element("button", "link", "Tautkan dokumen");
      linkToggle.type = "button";
      add.appendChild(linkToggle);
      const form = element("form", "evidence-link");
      form.hidden = true;
      const title = element("input"); title.name = "title"; title.placeholder = "Judul dokumen";
      const url = element("input"); url.name = "url"; url.type = "url"; url.placeholder = "https://…";
      const save = element("button", null, "Simpan tautan"); save.type = "submit";
      form.append(title, url, save);
      add.appendChild(form);
      const bar = element("progress"); bar.max = 100; bar.value = 0; bar.hidden = true;
      add.appendChild(bar);
      box.appendChild(add);
      linkToggle.addEventListener("click", () => { form.hidden = !form.hidden; if (!form.hidden) { title.focus(); } });
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        try {
          await send("POST", base + "/evidence/links", { target, title: title.value, url: url.value });
          title.value = ""; url.value = ""; form.hidden = true;
          await loadEvidence();
          evidenceSay(box, "Tautan tersimpan.", true);
        } catch (e) { evidenceSay(box, e.message, false); }
      });
      async function uploadAll(files) {
        let done = 0;
        for (const file of files) {
          bar.hidden = false; bar.value = 0;
          evidenceSay(box, "Mengunggah " + file.name + "…", true);
          try { await uploadFile(file, target, bar); done += 1; }
          catch (e) { evidenceSay(box, file.name + ": " + e.message, false); bar.hidden = true; await loadEvidence(); return; }
        }
        bar.hidden = true;
        await loadEvidence();
        evidenceSay(box, done + " berkas terunggah.", true);
      }
      input.addEventListener("change", () => { const files = Array.from(input.files); input.value = ""; uploadAll(files); });
      box.addEventListener("dragover", (event) => { event.preventDefault(); box.classList.add("drop"); });
      box.addEventListener("dragleave", () => box.classList.remove("drop"));
      box.addEventListener("drop", (event) => {
        event.preventDefault(); box.classList.remove("drop");
        uploadAll(Array.from(event.dataTransfer.files));
      });
    }
    async function loadEvidence() {
      try { showEvidence(await send("GET", base + "/evidence")); }
      catch (e) { say(e.message, false); }
    }
    loadEvidence();
    return loadEvidence;
  }

  // The follow-up page: the evidence of each recommendation, added by the PD.
  const followUp = document.getElementById("follow-up");
  if (followUp && document.querySelector("[data-evidence-target]")) {
    const status = document.getElementById("form-status");
    const say = (text, ok) => { status.textContent = text; status.className = ok ? "ok" : "alert"; };
    evidenceBoxes(
      "/api/v1/periods/" + followUp.dataset.period + "/units/" + followUp.dataset.unit,
      Array.from(document.querySelectorAll("[data-evidence-target]")).map((holder) => [holder.dataset.evidenceTarget, holder]),
      say, (state) => Boolean(state.adds_follow_up));
  }

  // The LKE page.
  const lke = document.getElementById("lke");
  if (lke) {
    const base = "/api/v1/periods/" + lke.dataset.period + "/units/" + lke.dataset.unit;
    const actor = lke.dataset.actor;
    const status = document.getElementById("status");
    const say = (text, ok) => { status.textContent = text; status.className = ok ? "ok" : "error"; };

    function showResult(result) {
      document.getElementById("total").textContent = number(result.total);
      document.getElementById("predikat").textContent = result.predikat || "—";
      document.getElementById("predikat-name").textContent = result.predikat_name || "belum lengkap";
      for (const [id, c] of Object.entries(result.components)) {
        const el = document.querySelector('[data-component-score="' + id + '"]');
        if (el) { el.textContent = number(c.score); }
      }
      for (const [id, s] of Object.entries(result.subcomponents)) {
        const box = document.querySelector('[data-sub="' + id + '"]');
        if (!box) { continue; }
        const set = (field, value) => { const el = box.querySelector('[data-field="' + field + '"]'); if (el) { el.textContent = value; } };
        set("answered", s.answered + "/" + s.criteria);
        set("fulfilment", s.fulfilment === null ? "—" : number(s.fulfilment) + " %");
        set("suggested", s.suggested_grade || "—");
        set("grade", s.grade || "—");
        set("score", number(s.score));
      }
      const list = document.getElementById("missing");
      const box = document.getElementById("missing-box");
      list.innerHTML = "";
      (result.missing_details || []).slice(0, 12).forEach((m) => { const li = document.createElement("li"); li.textContent = m.message; list.appendChild(li); });
      box.hidden = (result.missing_details || []).length === 0;
    }

    async function saveAnswer(item) {
      const select = item.querySelector('select[name="code"]');
      const na = item.querySelector('input[name="na"]');
      const note = item.querySelector('input[name="note"]').value || null;
      na.hidden = select.value !== "__na";
      if (select.value === "__na" && !na.value.trim()) { na.focus(); say("Tulis alasan tidak berlaku.", false); return; }
      const body = { actor, note, version: Number(item.dataset.version) };
      if (select.value === "__na") { body.not_applicable = na.value; } else if (select.value) { body.code = select.value; }
      try {
        const json = await send("PUT", base + "/answers/" + item.dataset.criterion, body);
        item.dataset.version = json.answer.version;
        const answered = Boolean(json.answer.code || json.answer.not_applicable);
        item.classList.toggle("unanswered", !answered);
        showResult(json.result);
        say("Tersimpan: " + item.dataset.criterion, true);
      } catch (e) { say(e.message, false); }
    }

    // The framework's long texts come once per framework version (/kerangka/…/teks.js): the
    // wording of each answer, the guidance and evidence hints, the grade tables.
    const texts = window.TELAAH_TEKS || { criteria: {}, grades: {} };
    const fill = (select, choices) => {
      for (const [value, label] of choices) {
        const option = element("option", null, label);
        option.value = value;
        select.appendChild(option);
      }
      select.value = select.dataset.value || "";
    };
    lke.querySelectorAll(".criterion").forEach((item) => {
      const id = item.dataset.criterion;
      const t = texts.criteria[id] || { options: {} };
      const select = item.querySelector('select[name="code"]');
      select.setAttribute("aria-label", "Jawaban " + id);
      fill(select, [["", "Belum dijawab"], ...Object.entries(t.options), ["__na", "Tidak berlaku…"]]);
      let na = item.querySelector('input[name="na"]');
      if (!na) {
        na = element("input");
        na.name = "na";
        na.hidden = true;
        na.disabled = select.disabled;
        na.setAttribute("aria-label", "Alasan tidak berlaku " + id);
        select.after(na);
      }
      na.placeholder = "Alasan tidak berlaku";
      item.querySelector('input[name="note"]').placeholder = "Catatan";
      let after = item.querySelector(".ctext");
      if (t.guidance) {
        const details = element("details");
        details.appendChild(element("summary", null, "Petunjuk"));
        details.appendChild(element("pre", "guidance", t.guidance));
        after.after(details);
        after = details;
      }
      if (t.evidence) { after.after(element("p", "muted small", "Bukti: " + t.evidence)); }
    });
    lke.querySelectorAll("article[data-sub]").forEach((box) => {
      fill(box.querySelector('select[name="grade"]'),
        [["", "Ikuti saran"], ...(texts.grade_codes || []).map((code) => [code, code])]);
      const g = texts.grades[box.dataset.sub];
      if (!g) { return; }
      const details = element("details");
      details.appendChild(element("summary", null, "Tabel nilai " + g.aspect));
      const list = element("ul", "small");
      g.lines.forEach((line) => list.appendChild(element("li", null, line)));
      details.appendChild(list);
      box.querySelector(".grade").appendChild(details);
    });

    lke.querySelectorAll(".criterion").forEach((item) => {
      item.querySelector('select[name="code"]').addEventListener("change", () => saveAnswer(item));
      item.querySelector('input[name="na"]').addEventListener("change", () => saveAnswer(item));
      item.querySelector('input[name="note"]').addEventListener("change", () => saveAnswer(item));
      // The PD's own answer as the team's starting point: its code (or not applicable, with the
      // reason) and, where the team wrote none, its note.
      const copy = item.querySelector(".copy-unit");
      if (copy) {
        copy.addEventListener("click", () => {
          const unit = item.querySelector(".unit-answer").dataset;
          item.querySelector('select[name="code"]').value = unit.code;
          if (unit.code === "__na") { item.querySelector('input[name="na"]').value = unit.na || ""; }
          const note = item.querySelector('input[name="note"]');
          if (!note.value && unit.note) { note.value = unit.note; }
          saveAnswer(item);
        });
      }
    });

    // "Salin semua jawaban PD": the server takes the PD's answers where the team has none (a
    // sub-component, or the whole LKE) in one step; the page reloads to show them.
    lke.querySelectorAll(".copy-all").forEach((button) => {
      button.addEventListener("click", async () => {
        const where = button.dataset.sub ? "sub-komponen " + button.dataset.sub : "seluruh LKE";
        if (!window.confirm("Salin " + button.dataset.count + " jawaban PD ke jawaban tim (" + where + ")? Jawaban yang sudah diisi tim tidak diubah.")) { return; }
        button.disabled = true;
        try {
          const json = await send("POST", base + "/answers-from-unit", button.dataset.sub ? { subcomponent: button.dataset.sub } : {});
          reloadWith("Disalin: " + json.copied.length + " jawaban PD.");
        } catch (e) { say(e.message, false); button.disabled = false; }
      });
    });

    // Last year's follow-up goes before the first criterion that draws on it (4.c.1).
    const prior = document.getElementById("prior-follow-up");
    if (prior) {
      const at = lke.querySelector('[data-criterion="' + prior.dataset.criteria.split(" ")[0] + '"]');
      // Inside the list of criteria only as a list item of its own.
      if (at) { const holder = element("li", "prior-holder"); at.before(holder); holder.appendChild(prior); }
    }

    // Bukti dukung under each criterion and in each sub-component's grade box.
    evidenceBoxes(base, Array.from(lke.querySelectorAll(".criterion, article[data-sub]")).map((holder) => [
      holder.dataset.criterion || holder.dataset.sub,
      holder.dataset.sub ? holder.querySelector(".grade") : holder,
    ]), say, (state) => Boolean(state.adds_as));

    lke.querySelectorAll(".save-grade").forEach((button) => {
      button.addEventListener("click", async () => {
        const box = button.closest("[data-sub]");
        const value = (name) => box.querySelector('.grade [name="' + name + '"]').value || null;
        const body = { actor, grade: value("grade"), justification: value("justification"), note: value("note"), evidence: value("evidence"), recommendation: value("recommendation"), version: Number(box.dataset.version) };
        try {
          const json = await send("PUT", base + "/grades/" + box.dataset.sub, body);
          box.dataset.version = json.grade.version;
          showResult(json.result);
          say("Nilai " + box.dataset.sub + " tersimpan.", true);
        } catch (e) { say(e.message, false); }
      });
    });
  }

  // The admin pages. A form with data-api sends its fields as JSON (data-type="int" as a number,
  // data-type="bool" a checkbox's state, an empty field as null) and reloads the page on success;
  // a select with data-api-change saves on change; a button with data-api-delete deletes.
  const adminStatus = document.getElementById("form-status");
  const adminSay = (text, ok) => {
    if (!adminStatus) { return; }
    adminStatus.textContent = text; adminStatus.className = ok ? "ok" : "alert";
    if (!ok) { adminStatus.scrollIntoView({ block: "nearest" }); }
  };
  // After a save the page reloads to show what is stored; the message survives the reload.
  const reloadWith = (message) => {
    try { sessionStorage.setItem("telaah-flash", message); } catch (e) { /* private mode */ }
    location.reload();
  };
  try {
    const flash = sessionStorage.getItem("telaah-flash");
    if (flash) { sessionStorage.removeItem("telaah-flash"); adminSay(flash, true); }
  } catch (e) { /* private mode */ }

  function formBody(form) {
    const body = {};
    form.querySelectorAll("[name]").forEach((el) => {
      const type = el.dataset.type;
      // data-field names the JSON key where the element's own name must be unique on the page.
      const key = el.dataset.field || el.name;
      if (type === "bool") { body[key] = el.checked; return; }
      const value = el.value.trim();
      if (value === "") { if (el.type !== "password") { body[key] = null; } return; }
      body[key] = type === "int" ? Number(value) : value;
    });
    return body;
  }

  // A confirmation may name the form's fields: "Buka periode {evaluation_year}?".
  const confirmed = (text, body) => !text || window.confirm(
    text.replace(/\{(\w+)\}/g, (_, name) => (body && body[name] != null ? body[name] : "")));

  document.querySelectorAll("form[data-api]").forEach((form) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("button");
      if (button && button.disabled) { return; }
      if (!confirmed(form.dataset.confirm, formBody(form))) { return; }
      if (button) { button.disabled = true; }
      try {
        await send(form.dataset.method || "POST", form.dataset.api, formBody(form));
        reloadWith("Tersimpan.");
      } catch (e) {
        adminSay(e.message, false);
        if (button) { button.disabled = false; }
      }
    });
  });
  document.querySelectorAll("select[data-api-change]").forEach((select) => {
    select.addEventListener("change", async () => {
      try {
        await send("PUT", select.dataset.apiChange, { [select.name]: select.value || null });
        adminSay("Tersimpan: " + (select.getAttribute("aria-label") || select.name) + ".", true);
      } catch (e) { adminSay(e.message, false); }
    });
  });
  // The panel's view: a review tier changes a grade in place, with its reason (the justification).
  document.querySelectorAll("select[data-revise]").forEach((select) => {
    const before = select.value;
    select.addEventListener("change", async () => {
      const reason = window.prompt("Alasan perubahan nilai (" + (select.getAttribute("aria-label") || "") + "):");
      if (!reason || !reason.trim()) { select.value = before; adminSay("Nilai tidak diubah: alasan wajib diisi.", false); return; }
      try {
        await send("PUT", select.dataset.revise,
          { grade: select.value || null, justification: reason.trim(), version: Number(select.dataset.version) });
        reloadWith("Tersimpan.");
      } catch (e) { select.value = before; adminSay(e.message, false); }
    });
  });
  document.querySelectorAll("[data-api-delete]").forEach((button) => {
    button.addEventListener("click", async () => {
      if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) { return; }
      try {
        await send("DELETE", button.dataset.apiDelete);
        reloadWith("Dihapus.");
      } catch (e) { adminSay(e.message, false); }
    });
  });
  // A button with data-api-json sends its data-body (JSON) with data-method, after data-confirm.
  document.querySelectorAll("[data-api-json]").forEach((button) => {
    button.addEventListener("click", async () => {
      if (!confirmed(button.dataset.confirm)) { return; }
      button.disabled = true;
      try {
        await send(button.dataset.method || "PUT", button.dataset.apiJson, JSON.parse(button.dataset.body || "{}"));
        reloadWith("Tersimpan.");
      } catch (e) { adminSay(e.message, false); button.disabled = false; }
    });
  });
  document.querySelectorAll("[data-admin-upload]").forEach((button) => {
    button.addEventListener("click", async () => {
      const file = document.getElementById(button.dataset.file).files[0];
      if (!file) { adminSay("Pilih berkas terlebih dahulu.", false); return; }
      try {
        // Text files (YAML, CSV) as text; others (a PNG logo) as they are.
        const type = button.dataset.contentType;
        const json = await send(button.dataset.method || "POST", button.dataset.adminUpload,
          type ? file : await file.text(), type || "text/plain; charset=utf-8");
        const warnings = (json && json.warnings) || [];
        reloadWith("Berhasil" + (warnings.length ? " (peringatan: " + warnings.join("; ") + ")" : "") + ".");
      } catch (e) { adminSay(e.message, false); }
    });
  });

  // The LKE page's stage box: the moves so far, fetched the first time it is opened.
  document.querySelectorAll("details[data-cycle-events]").forEach((details) => {
    details.addEventListener("toggle", async () => {
      if (!details.open || details.dataset.loaded) { return; }
      details.dataset.loaded = "1";
      const list = details.querySelector("ol");
      const line = (text) => Object.assign(document.createElement("li"), { textContent: text });
      try {
        const state = await send("GET", details.dataset.cycleEvents);
        const events = state.events.map((e) => line(e.at_text + " — " + (e.display_name || e.username) + ": "
          + e.action_title + " (" + e.from_title + " → " + e.to_title + ")" + (e.reason ? ". Alasan: " + e.reason : "")));
        list.replaceChildren(...(events.length ? events : [line("Belum ada langkah.")]));
      } catch (e) { list.replaceChildren(line(e.message)); }
    });
  });
})();
