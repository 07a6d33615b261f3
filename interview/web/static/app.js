// AI mock interview: the browser side. No framework, no build step, nothing from the internet.
"use strict";

const JOBS = ["office", "sales_service", "it_software", "manufacturing", "technician", "hospitality",
  "aviation", "care", "logistics", "construction", "public", "military_transition"];
const AUDIENCES = ["general", "vocational_high_school", "veteran", "career_changer"];
const $ = (id) => document.getElementById(id);
const state = { messages: {}, ui: "ko", session: null, index: 0, typed: false, stream: null,
  answers: [], recorder: null, timers: [] };

// ---------------------------------------------------------------- the API, in the UI's language
function api(url, options = {}) {
  return fetch(url, { ...options, headers: { "Accept-Language": state.ui, ...(options.headers ?? {}) } });
}
function errorText(body, fallback) {
  try { return JSON.parse(body).detail ?? fallback; } catch { return fallback; }
}
const RETRIED = [408, 429, 503];  // stalled, busy or capped for now: keep the take and retry

// ---------------------------------------------------------------- messages (catalogues)
function t(key, values = {}) {
  let text = state.messages[key] ?? key;
  for (const [name, value] of Object.entries(values)) text = text.replaceAll(`{${name}}`, value);
  return text;
}
async function loadMessages(lang) {
  state.ui = lang;
  state.messages = await (await fetch(`/static/i18n/${lang}.json`)).json();
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  fillSelect($("job-family"), JOBS, "job.");
  fillSelect($("audience"), AUDIENCES, "audience.");
  localStorage.setItem("ui-language", lang);
}
function fillSelect(select, values, prefix) {
  const chosen = select.value;
  select.replaceChildren(...values.map((v) => new Option(t(prefix + v), v)));
  if (chosen) select.value = chosen;
}
function show(view) {
  document.querySelectorAll(".view").forEach((el) => { el.hidden = el.id !== view; });
}
function say(text) { $("status").textContent = text; }

// ---------------------------------------------------------------- kept recordings (IndexedDB)
function db() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open("interview", 1);
    open.onupgradeneeded = () => open.result.createObjectStore("pending", { keyPath: "key" });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}
async function keep(item) {
  const store = (await db()).transaction("pending", "readwrite").objectStore("pending");
  return new Promise((resolve) => { store.put(item).onsuccess = resolve; });
}
async function forget(key) {
  const store = (await db()).transaction("pending", "readwrite").objectStore("pending");
  return new Promise((resolve) => { store.delete(key).onsuccess = resolve; });
}
async function pending() {
  const store = (await db()).transaction("pending").objectStore("pending");
  return new Promise((resolve) => { store.getAll().onsuccess = (e) => resolve(e.target.result); });
}

// ---------------------------------------------------------------- setup
document.querySelectorAll("input[name=source]").forEach((radio) => radio.addEventListener("change", () => {
  const job = document.querySelector("input[name=source]:checked").value === "job";
  $("job-field").hidden = !job; $("text-field").hidden = job;
}));
$("setup-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const source = form.get("source");
  const body = { lang: form.get("lang"), audience: form.get("audience"),
    n_questions: Number(form.get("n_questions")) };
  if (source === "job") body.job_family = form.get("job_family");
  else body[source === "posting" ? "posting_text" : "resume_text"] = form.get("text");
  const response = await api("/api/practice-sessions", { method: "POST",
    headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) { say((await response.json()).detail?.toString() ?? response.statusText); return; }
  state.session = await response.json();
  state.index = 0; state.answers = [];
  state.typed = form.get("typed") === "on" || !window.MediaRecorder;
  if (state.typed) startQuestion(); else startCheck();
});

// ---------------------------------------------------------------- device check
async function startCheck() {
  show("check");
  $("check-error").hidden = true;
  try {
    state.stream = await navigator.mediaDevices.getUserMedia({ audio: true,
      video: $("camera").checked });
  } catch (error) {
    const key = error.name === "NotAllowedError" ? "check.denied"
      : error.name === "NotFoundError" ? "check.missing" : "check.unsupported";
    $("check-error").textContent = t(key); $("check-error").hidden = false;
    return;
  }
  if ($("camera").checked) { $("preview").srcObject = state.stream; $("preview").hidden = false; $("preview").play(); }
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  context.createMediaStreamSource(state.stream).connect(analyser);
  const data = new Uint8Array(analyser.fftSize);
  (function meter() {
    analyser.getByteTimeDomainData(data);
    let peak = 0; for (const v of data) peak = Math.max(peak, Math.abs(v - 128) / 128);
    $("level").value = peak;
    if (!$("check").hidden) requestAnimationFrame(meter);
  })();
}
$("camera").addEventListener("change", () => { if (state.stream) state.stream.getTracks().forEach((x) => x.stop()); startCheck(); });
$("test-record").addEventListener("click", async () => {
  const blob = await recordFor(3000);
  $("test-playback").src = URL.createObjectURL(blob); $("test-playback").hidden = false;
});
$("check-continue").addEventListener("click", () => { if (state.stream) startQuestion(); });

function mimeType() {
  const video = state.stream && state.stream.getVideoTracks().length > 0;
  const options = video ? ["video/webm;codecs=vp8,opus", "video/webm", "video/mp4"]
    : ["audio/webm;codecs=opus", "audio/webm", "audio/mp4", "audio/ogg;codecs=opus"];
  return options.find((type) => MediaRecorder.isTypeSupported(type)) ?? "";
}
function recordFor(milliseconds) {
  return new Promise((resolve) => {
    const recorder = new MediaRecorder(state.stream, { mimeType: mimeType() });
    const chunks = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    recorder.onstop = () => resolve(new Blob(chunks, { type: recorder.mimeType }));
    recorder.start(1000);
    setTimeout(() => recorder.stop(), milliseconds);
  });
}

// ---------------------------------------------------------------- one question
function clearTimers() { state.timers.forEach(clearInterval); state.timers = []; }
function startQuestion() {
  clearTimers();
  show("interview");
  const q = state.session.questions[state.index];
  $("q-progress").textContent = t("q.progress", { n: state.index + 1, total: state.session.questions.length });
  $("q-text").textContent = q.text; $("q-text").focus();
  $("q-follows").hidden = !q.follows;
  $("q-follows").textContent = q.follows ? `${t("report.follow_up_of")}: ${q.follows}` : "";
  $("q-window").textContent = t("q.window", { min: q.answer_min_seconds, max: q.answer_seconds });
  $("q-upload").textContent = ""; $("q-next").hidden = true;
  $("q-recording").hidden = true; $("q-typed").hidden = !state.typed; $("q-prep").hidden = state.typed;
  $("q-typed-text").value = "";
  if (!state.typed) {
    let left = q.prep_seconds;
    $("q-prep-time").textContent = t("q.prep", { s: left });
    state.timers.push(setInterval(() => {
      left -= 1; $("q-prep-time").textContent = t("q.prep", { s: left });
      if (left <= 0) startRecording();
    }, 1000));
  }
}
$("q-read").addEventListener("click", () => {
  const utterance = new SpeechSynthesisUtterance($("q-text").textContent);
  utterance.lang = state.session.lang === "ko" ? "ko-KR" : "en-US";
  speechSynthesis.speak(utterance);
});
$("q-start").addEventListener("click", () => startRecording());
function startRecording() {
  clearTimers();
  const q = state.session.questions[state.index];
  $("q-prep").hidden = true; $("q-recording").hidden = false; $("q-stop").focus();
  const recorder = new MediaRecorder(state.stream, { mimeType: mimeType() });
  const chunks = []; const started = Date.now();
  const key = `${state.session.id}/${q.id}/${started}`;
  const item = () => ({ key, session: state.session.id, question: q.id, blob: new Blob(chunks, { type: recorder.mimeType }) });
  recorder.ondataavailable = (e) => { chunks.push(e.data); keep(item()); };  // a reload mid-answer keeps what was said
  recorder.onstop = () => finishRecording(item());
  recorder.start(1000);
  state.recorder = recorder;
  const clock = (s) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
  state.timers.push(setInterval(() => {
    const elapsed = (Date.now() - started) / 1000;
    $("q-timer").textContent = t("q.recording", { elapsed: clock(elapsed), limit: clock(q.answer_seconds) });
    if (elapsed >= q.answer_seconds) stopRecording();
  }, 250));
}
function stopRecording() {
  clearTimers();
  if (state.recorder && state.recorder.state !== "inactive") state.recorder.stop();
}
$("q-stop").addEventListener("click", stopRecording);
async function finishRecording(item) {
  $("q-recording").hidden = true;
  await keep(item);  // nothing is lost on a reload or a dropped connection
  afterAnswer();
  submit(item);
}
$("q-typed").addEventListener("submit", async (event) => {
  event.preventDefault();
  const q = state.session.questions[state.index];
  const text = $("q-typed-text").value.trim();
  if (!text) return;
  afterAnswer();
  submit({ session: state.session.id, question: q.id, text });
});
function afterAnswer() {
  const last = state.index + 1 >= state.session.questions.length;
  $("q-next").textContent = t(last ? "q.finish" : "q.next"); $("q-next").hidden = false; $("q-next").focus();
}
$("q-next").addEventListener("click", () => {
  state.index += 1;
  if (state.index < state.session.questions.length) startQuestion(); else showReport();
});

// ---------------------------------------------------------------- upload, retried until it lands
function upload(item) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/api/practice-sessions/${item.session}/questions/${item.question}/answers`);
    request.upload.onprogress = (e) => {
      if (e.lengthComputable) $("q-upload").textContent = t("upload.saving", { percent: Math.round(100 * e.loaded / e.total) });
    };
    request.setRequestHeader("Accept-Language", state.ui);
    request.onload = () => (request.status === 202 ? resolve(JSON.parse(request.response))
      : reject(Object.assign(new Error(errorText(request.responseText, request.statusText)), { status: request.status })));
    request.onerror = () => reject(new Error("network"));
    if (item.blob) {
      const form = new FormData();
      const extension = item.blob.type.includes("mp4") ? "m4a" : item.blob.type.includes("ogg") ? "ogg" : "webm";
      form.append("media", item.blob, `answer.${extension}`);
      request.send(form);
    } else {
      request.setRequestHeader("Content-Type", "application/json");
      request.send(JSON.stringify({ text: item.text }));
    }
  });
}
async function submit(item, attempt = 0) {
  try {
    const { answer_id: id } = await upload(item);
    if (item.key) await forget(item.key);
    $("q-upload").textContent = t("upload.done");
    track(id, item.question);
  } catch (error) {
    if (error.status && error.status < 500 && !RETRIED.includes(error.status)) { say(error.message); if (item.key) await forget(item.key); return; }
    $("q-upload").textContent = RETRIED.includes(error.status) ? `${t("upload.retry")} ${error.message}` : t("upload.retry");
    setTimeout(() => submit(item, attempt + 1), Math.min(30000, 1000 * 2 ** attempt));
  }
}
function track(id, questionId) {
  const entry = { id, questionId, status: "queued", stage: "received" };
  state.answers = state.answers.filter((a) => a.questionId !== questionId).concat(entry);
  const events = new EventSource(`/api/answers/${id}/events`);
  events.addEventListener("stage", (e) => {
    Object.assign(entry, JSON.parse(e.data));
    renderStates();
    if (entry.status === "done" || entry.status === "failed") { events.close(); if (!$("report").hidden) showReport(); }
  });
  events.onerror = () => { if (events.readyState === EventSource.CLOSED) poll(entry); };  // refused (429): poll
  renderStates();
}
async function poll(entry) {
  const response = await api(`/api/answers/${entry.id}`).catch(() => null);
  if (response?.ok) { Object.assign(entry, await response.json()); renderStates(); }
  if (entry.status === "done" || entry.status === "failed") { if (!$("report").hidden) showReport(); return; }
  setTimeout(() => poll(entry), 3000);
}
function renderStates() {
  if (!state.session) return;
  $("answer-states").replaceChildren(...state.answers.map((a) => {
    const q = state.session.questions.find((x) => x.id === a.questionId);
    const li = document.createElement("li");
    li.textContent = `${q ? q.text.slice(0, 40) : ""}… — ${t("stage." + a.stage)}`;
    return li;
  }));
}

// ---------------------------------------------------------------- the report
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}
const clockOf = (s) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
function scoreBoxes(report) {
  return el("div", { class: "scores" }, ...["overall", "pacing", "fluency", "content"]
    .filter((name) => report.scores[name] !== null && report.scores[name] !== undefined)
    .map((name) => el("div", { class: "score", "data-score": name },
      t("report." + name), el("b", {}, String(report.scores[name])), t("band." + report.bands[name]))));
}
function transcriptView(report, audio) {
  const box = el("p", { class: "transcript" });
  const words = report.transcript.words;
  const fillers = new Set(report.fluency.fillers.map((f) => f.start));
  const unclear = report.fluency.unclear;
  const longPauses = report.pacing.long_pauses;
  let pauseIndex = 0;
  words.forEach((w) => {
    while (pauseIndex < longPauses.length && longPauses[pauseIndex].start <= w.start) {
      const p = longPauses[pauseIndex++];
      const mark = el("span", { class: "pause", title: clockOf(p.start), "data-start": p.start }, `${(p.end - p.start).toFixed(1)}s`);
      mark.addEventListener("click", () => { audio.currentTime = p.start; audio.play(); });
      box.append(mark);
    }
    const classes = ["w"];
    if (fillers.has(w.start)) classes.push("filler");
    if (unclear.some((u) => w.start >= u.start && w.end <= u.end + 0.01)) classes.push("unclear");
    const span = el("span", { class: classes.join(" "), "data-start": w.start, title: clockOf(w.start) }, w.word);
    span.addEventListener("click", () => { audio.currentTime = w.start; audio.play(); });
    box.append(span, " ");
  });
  return box;
}
function paceChart(pacing) {
  const windows = pacing.windows;
  if (!windows.length) return el("span");
  const w = 320, h = 120, max = Math.max(...windows.map((x) => x.rate), 1);
  const end = windows[windows.length - 1].end, start = windows[0].start;
  const x = (s) => 10 + (w - 20) * (s - start) / Math.max(end - start, 1);
  const y = (r) => h - 15 - (h - 30) * r / max;
  const points = windows.map((p) => `${x((p.start + p.end) / 2).toFixed(1)},${y(p.rate).toFixed(1)}`).join(" ");
  const svg = `<svg viewBox="0 0 ${w} ${h}" role="img" aria-label="${t("report.pace_chart")}" class="pace-chart">
    <polyline fill="none" stroke="#1f5fbf" stroke-width="2" points="${points}"/>
    ${windows.map((p) => `<circle cx="${x((p.start + p.end) / 2).toFixed(1)}" cy="${y(p.rate).toFixed(1)}" r="3" fill="#1f5fbf"><title>${clockOf(p.start)} ${p.rate}</title></circle>`).join("")}
    <text x="10" y="${h - 2}" font-size="10">${clockOf(start)}</text><text x="${w - 40}" y="${h - 2}" font-size="10">${clockOf(end)}</text></svg>`;
  return el("figure", {}, el("figcaption", {}, t("report.pace_chart")), Object.assign(document.createElement("div"), { innerHTML: svg }));
}
function pauseTimeline(report) {
  const total = Math.max(report.transcript.duration, 1), w = 320;
  const bars = report.pacing.pauses.map((p) => {
    const long = p.end - p.start >= 2;
    return `<rect x="${(w * p.start / total).toFixed(1)}" y="4" width="${Math.max(2, w * (p.end - p.start) / total).toFixed(1)}" height="16" fill="${long ? "#d9730d" : "#9aa3b5"}"><title>${clockOf(p.start)} ${(p.end - p.start).toFixed(1)}s</title></rect>`;
  }).join("");
  const svg = `<svg viewBox="0 0 ${w} 24" role="img" aria-label="${t("report.pause_timeline")}" class="pause-timeline"><rect x="0" y="11" width="${w}" height="2" fill="#d5dae4"/>${bars}</svg>`;
  return el("figure", {}, el("figcaption", {}, t("report.pause_timeline")), Object.assign(document.createElement("div"), { innerHTML: svg }));
}
function findingList(title, findings) {
  return el("div", {}, el("h4", {}, title), el("ul", {}, ...findings.map((f) => el("li", {}, f.text))));
}
function answerCard(question, answer) {
  const card = el("article", { class: "card", "data-question": question.id }, el("h3", {}, question.text));
  if (!answer || !answer.report) {
    card.append(el("p", { class: "quiet" }, answer && answer.status === "failed" ? `${t("stage.failed")}: ${answer.error ?? ""}` : t("report.waiting")));
    return card;
  }
  const report = answer.report;
  if (report.unscorable) {
    card.append(el("p", { class: "unscorable" }, `${t("report.unscorable")}: ${report.unscorable.message}`));
  } else {
    card.append(scoreBoxes(report));
    if (report.overall_note) card.append(el("p", { class: "overall-note" }, report.overall_note));
    if (report.reliability) card.append(el("p", { class: "reliability-note", role: "note" }, report.reliability.message));
    card.append(findingList(t("report.strengths"), report.strengths),
      findingList(t("report.improvements"), report.improvements));
  }
  if (report.transcript && report.pacing) {
    const audio = el("audio", { controls: "", preload: "metadata", src: `/api/answers/${answer.id}/media` });
    card.append(el("h4", {}, t("report.transcript")), el("p", { class: "quiet" }, t("report.legend")),
      transcriptView(report, audio), audio, paceChart(report.pacing), pauseTimeline(report));
  } else if (report.answer_text) {
    card.append(el("p", {}, report.answer_text));
    if (report.transcript) card.append(el("audio", { controls: "", preload: "metadata", src: `/api/answers/${answer.id}/media` }));
  }
  if (!report.unscorable) {
    const how = el("details", {}, el("summary", {}, t("report.how")),
      ...Object.entries(report.method).map(([name, text]) => el("p", {}, `${t("report." + name)}: ${text}`)));
    card.append(how);
  }
  if (report.follow_up) {
    const button = el("button", { type: "button", class: "answer-follow-up" }, t("report.answer_follow_up"));
    const original = report.follow_up.question || question.text;
    button.addEventListener("click", () => answerFollowUp(question.id, report.follow_up.text, original));
    card.append(el("h4", {}, t("report.follow_up")),
      el("p", { class: "quiet follow-up-of" }, `${t("report.follow_up_of")}: ${original}`),
      el("p", { class: "follow-up" }, report.follow_up.text),
      el("p", { class: "quiet" }, report.follow_up.reason), button);
  }
  const again = el("button", { type: "button" }, t("report.retry"));
  again.addEventListener("click", () => retry(question.id));
  card.append(again);
  return card;
}
async function answerFollowUp(questionId, text, original) {
  const response = await api(`/api/practice-sessions/${state.session.id}/questions`, { method: "POST",
    headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text, follow_up_of: questionId }) });
  if (!response.ok) { say(response.statusText); return; }
  const question = await response.json();
  question.follows = original;
  state.session.questions.push(question);
  retry(question.id);
}
function retry(questionId) {
  state.index = state.session.questions.findIndex((q) => q.id === questionId);
  startQuestion();
}
async function showReport() {
  show("report");
  $("report-pdf").href = `/api/practice-sessions/${state.session.id}/report.pdf`;
  const report = await (await api(`/api/practice-sessions/${state.session.id}/report`)).json();
  const summary = el("div", { class: "card" }, el("h3", {}, t("report.summary")));
  summary.append(el("div", { class: "scores" }, ...Object.entries(report.scores).map(([name, value]) =>
    el("div", { class: "score" }, t("report." + name), el("b", {}, String(Math.round(value)))))));
  $("session-summary").replaceChildren(summary);
  const cards = await Promise.all(report.questions.map(async (item) => {
    const answer = item.answer_id ? await (await api(`/api/answers/${item.answer_id}`)).json() : null;
    return answerCard(item.question, answer);
  }));
  $("answer-reports").replaceChildren(...cards);
}
$("report-print").addEventListener("click", () => window.print());

// ---------------------------------------------------------------- progress across sessions
async function showProgress() {
  show("progress");
  const sessions = (await (await api("/api/practice-sessions")).json()).filter((s) => Object.keys(s.scores).length).reverse();
  if (!sessions.length) { $("progress-chart").replaceChildren(el("p", {}, t("progress.empty"))); $("progress-list").replaceChildren(); return; }
  const w = 320, h = 140, names = ["overall", "pacing", "fluency", "content"], colours = ["#1d2330", "#1f5fbf", "#2e8b57", "#d9730d"];
  const x = (i) => 20 + (w - 40) * (sessions.length === 1 ? 0.5 : i / (sessions.length - 1));
  const y = (v) => h - 20 - (h - 40) * v / 100;
  const lines = names.map((name, k) => {
    const pts = sessions.map((s, i) => (s.scores[name] === undefined ? null : `${x(i).toFixed(1)},${y(s.scores[name]).toFixed(1)}`)).filter(Boolean).join(" ");
    return pts ? `<polyline fill="none" stroke="${colours[k]}" stroke-width="2" points="${pts}"><title>${t("report." + name)}</title></polyline>` : "";
  }).join("");
  const legend = names.map((name, k) => `<text x="${10 + k * 78}" y="12" font-size="10" fill="${colours[k]}">${t("report." + name)}</text>`).join("");
  $("progress-chart").innerHTML = `<figure><figcaption>${t("progress.chart")}</figcaption><svg viewBox="0 0 ${w} ${h}" role="img" aria-label="${t("progress.chart")}">${legend}${lines}</svg></figure>`;
  $("progress-list").replaceChildren(...sessions.reverse().map((s) => el("li", {},
    `${s.created_at.slice(0, 10)} ${s.job_family ? t("job." + s.job_family) : ""} — ${names.filter((n) => s.scores[n] !== undefined).map((n) => `${t("report." + n)} ${Math.round(s.scores[n])}`).join(", ")}`)));
}
$("nav-progress").addEventListener("click", showProgress);
$("nav-practice").addEventListener("click", () => show("setup"));
$("ui-language").addEventListener("change", (e) => loadMessages(e.target.value));

// ---------------------------------------------------------------- start: resend what a reload left behind
(async () => {
  const saved = localStorage.getItem("ui-language") || (navigator.language.startsWith("ko") ? "ko" : "en");
  $("ui-language").value = saved;
  await loadMessages(saved);
  for (const item of await pending()) submit(item);
})();
