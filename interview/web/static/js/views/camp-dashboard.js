// A camp's live class dashboard (#/camps/{id}): the join code and counts, the exports, the
// roster (who needs help first, first; per question its state and score; a row opens the
// student's session for review once they consented) and the class charts. Live by
// server-sent events; should the stream fail, the dashboard is read again every 5 s.
import { request } from "../api.js";
import { barList, chartWidth, histogramChart, SCORE_COLOURS, stripChart } from "../charts.js";
import { $, el, say, show } from "../dom.js";
import { t } from "../i18n.js";
import { go } from "../router.js";
import { campDates, campErrorText, codeBadge } from "./camp-list.js";
import { flagChips } from "./review-list.js";

const DIMENSIONS = ["overall", "pacing", "fluency", "content"];
const POLL_MS = 5000;
const STATUS_MARK = { none: "·", queued: "…", running: "…", failed: "!" };
let camp = null;       // the camp's GET answer (name, codes, groups, questions)
let board = null;      // the last DashboardOut
let drawn = "";        // its JSON, so an unchanged event draws nothing
let live = null;       // the EventSource
let poll = null;       // the polling timer, once the stream failed
let mode = "connecting";  // live | polling | connecting
let visit = 0;

const score = (value) => (value === undefined || value === null ? "–" : String(Math.round(value)));
const exportUrl = (name) => `/api/camps/${camp.id}/${name}`;

function setMode(now) {
  mode = now;
  const node = $("camp-live");
  if (!node) return;
  node.dataset.mode = mode;
  node.textContent = t(`camp.live.${mode}`);
}

// ------------------------------------------------------------------ the head and the exports

function drawHead() {
  const figures = board?.figures;
  const counts = figures ? t("camp.counts", { students: figures.students, consented: figures.consented,
    finished: figures.finished, answers: figures.answers_done }) : "";
  const codes = camp.groups.length
    ? el("ul", { class: "group-codes" }, ...camp.groups.map((g) => el("li", {}, `${g.name} `, codeBadge(g.join_code, g.join_open))))
    : null;
  $("camp-dash-head").replaceChildren(
    el("div", {}, el("h2", {}, camp.name), el("p", { class: "quiet" }, `${camp.organisation} · ${campDates(camp)}`),
      el("p", { class: "counts", id: "camp-counts" }, counts),
      el("p", {}, el("span", { id: "camp-live", class: "live", role: "status" }))),
    el("div", { class: "dash-code" }, el("span", { class: "quiet" }, t("camp.join_code")),
      el("span", { class: "big-code" }, codeBadge(camp.join_code, camp.join_open)), codes));
  setMode(mode);
  const link = (name, key) => el("a", { class: "button", href: exportUrl(name), download: "", "data-export": name }, t(key));
  $("camp-exports").replaceChildren(link("roster.csv", "camp.export.csv"), link("roster.xlsx", "camp.export.xlsx"),
    link("reports.zip", "camp.export.zip"), link("summary.pdf", "camp.export.summary"));
  $("camp-dash-edit").href = `#/camps/${camp.id}/edit`;
  $("camp-dash-projector").href = `#/camps/${camp.id}/projector`;
}

// ------------------------------------------------------------------ the roster

function questionCount() {
  return Math.max(camp.questions.length, ...(board?.roster ?? []).map((entry) => entry.questions.length));
}

function rosterHead() {
  const groups = camp.groups.length > 0;
  const questions = Array.from({ length: questionCount() }, (_, i) =>
    el("th", { scope: "col", class: "q-col", title: camp.questions[i]?.text ?? "" }, t("camp.q_short", { n: i + 1 })));
  $("camp-roster-head").replaceChildren(el("tr", {},
    el("th", { scope: "col" }, t("camp.col.name")), el("th", { scope: "col" }, t("camp.col.number")),
    groups ? el("th", { scope: "col" }, t("camp.col.group")) : null, el("th", { scope: "col" }, t("camp.col.state")),
    ...questions, ...DIMENSIONS.map((d) => el("th", { scope: "col", class: "num" }, t(`report.${d}`))),
    el("th", { scope: "col" }, t("review.col.flags")), el("th", { scope: "col" }, el("span", { class: "sr-only" }, t("camp.col.actions")))));
}

function questionCell(progress, n) {
  if (!progress) return el("td", { class: "q-cell", "data-status": "none" }, el("span", { "aria-hidden": "true" }, "·"));
  const status = t(`camp.q_status.${progress.status}`);
  const about = [t("camp.q_n", { n }), status];
  if (progress.overall !== null) about.push(t("camp.score_n", { n: progress.overall }));
  if (progress.takes > 1) about.push(t("camp.takes", { n: progress.takes }));
  const shown = progress.status === "done" ? score(progress.overall) : STATUS_MARK[progress.status];
  return el("td", { class: "q-cell", "data-status": progress.status, title: about.join(" · ") },
    el("span", { "aria-hidden": "true" }, shown), el("span", { class: "sr-only" }, about.join(", ")));
}

function stateCell(entry) {
  const chips = [el("span", { class: `chip state-${entry.state}`, "data-state": entry.state }, t(`camp.state.${entry.state}`))];
  if (!entry.consented) chips.push(el("span", { class: "chip not-consented" }, t("camp.not_consented")));
  return el("td", { class: "state" }, ...chips);
}

async function deleteStudent(entry) {
  if (!confirm(t("camp.delete_confirm", { name: entry.display_name }))) return;
  try {
    await request(`/api/camps/${camp.id}/students/${entry.student_id}`, { method: "DELETE" });
    say(t("camp.deleted", { name: entry.display_name }));
    await refresh();
  } catch (error) { say(campErrorText(error)); }
}

function rosterRow(entry) {
  const groups = camp.groups.length > 0;
  const n = questionCount();
  const opens = entry.consented && entry.review_url;
  const name = opens ? el("a", { href: entry.review_url, class: "student" }, entry.display_name)
    : el("span", { class: "student" }, entry.display_name);
  const remove = el("button", { type: "button", class: "remove", "aria-label": t("camp.delete_n", { name: entry.display_name }) }, t("camp.delete"));
  remove.addEventListener("click", () => deleteStudent(entry));
  const tr = el("tr", { "data-student": entry.student_id, "data-state": entry.state, "data-session": entry.session_id, class: opens ? "opens" : null },
    el("td", {}, name), el("td", { class: "num" }, entry.student_number ?? "–"),
    groups ? el("td", { class: "group" }, entry.group_name ?? "–") : null, stateCell(entry),
    ...Array.from({ length: n }, (_, i) => questionCell(entry.questions[i], i + 1)),
    ...DIMENSIONS.map((d) => el("td", { class: "num", "data-score": d }, score(entry.scores[d]))),
    el("td", { class: "flags" }, ...(entry.flags.length ? flagChips(entry.flags) : [el("span", { class: "quiet" }, "–")])),
    el("td", { class: "tools" }, opens ? el("a", { href: exportUrl(`students/${entry.student_id}/report.pdf`), download: "", class: "pdf" }, t("camp.pdf")) : null, remove));
  if (opens) tr.addEventListener("click", (event) => { if (!event.target.closest("a, button")) go(entry.review_url.replace(/^\/review/, "")); });
  return tr;
}

function drawRoster() {
  rosterHead();
  const roster = board?.roster ?? [];
  $("camp-roster-rows").replaceChildren(...roster.map(rosterRow));
  $("camp-roster-empty").hidden = roster.length > 0 || !board;
}

// ------------------------------------------------------------------ the class charts

function cell(parent, className) {
  const node = el("div", { class: className });
  parent.append(node);
  return node;
}

function drawCharts() {
  const box = $("camp-charts");
  box.replaceChildren();
  if (!board) return;
  const figures = board.figures;
  const students = t("camp.chart.students");
  const grid = cell(box, "hist-grid");
  const scored = DIMENSIONS.some((d) => (figures.histograms[d] ?? []).some((n) => n > 0));
  if (scored) {
    DIMENSIONS.forEach((d) => {
      const place = cell(grid, "hist-cell");
      place.append(histogramChart(figures.histograms[d] ?? Array(10).fill(0), { caption: t("camp.chart.histogram", { name: t(`report.${d}`) }),
        headers: [t("chart.score"), students], colour: SCORE_COLOURS[d], width: Math.max(160, Math.min(360, place.clientWidth - 4)) }));
    });
  } else grid.append(el("p", { class: "quiet" }, t("camp.chart.no_scores")));
  const pair = cell(box, "chart-pair");
  const areas = cell(pair, "chart-cell areas");
  if (figures.improvement_areas.length) {
    areas.append(barList(figures.improvement_areas.map((a) => ({ label: a.name, value: a.students })), {
      caption: t("camp.chart.areas"), headers: [t("camp.chart.area"), students], max: Math.max(1, figures.consented),
      colour: "#b35900", width: chartWidth(areas), format: (v) => t("camp.students_n", { n: v }) }));
  } else areas.append(el("h4", {}, t("camp.chart.areas")), el("p", { class: "quiet" }, t("camp.chart.no_areas")));
  const perQuestion = cell(pair, "chart-cell per-question");
  perQuestion.append(barList(figures.per_question.map((q) => ({ label: `${q.position + 1}. ${q.text}`, value: q.average_overall,
    note: t("camp.chart.answered_n", { n: q.answered }) })), {
    caption: t("camp.chart.per_question"), headers: [t("camp.chart.question"), t("camp.chart.average"), t("camp.chart.answered")],
    max: 100, colour: SCORE_COLOURS.overall, width: chartWidth(perQuestion) }));
  const rates = cell(box, "chart-cell rates");
  const unit = t(`chart.unit.${figures.rate_unit}`);
  const [low, high] = figures.rate_band.map(Math.round);
  if (figures.rates.length) {
    const inside = figures.rates.filter((r) => r >= figures.rate_band[0] && r <= figures.rate_band[1]).length;
    rates.append(stripChart(figures.rates, { caption: t("camp.chart.rates", { n: figures.rates.length, inside, low, high, unit }),
      headers: [t("camp.chart.student"), unit], band: figures.rate_band, unitLabel: unit, width: chartWidth(rates) }));
  } else rates.append(el("h4", {}, t("camp.chart.rates_heading")), el("p", { class: "quiet" }, t("camp.chart.no_rates", { low, high, unit })));
}

// ------------------------------------------------------------------ live updates

function apply(data, mine) {
  if (mine !== visit) return;
  const text = JSON.stringify(data);
  if (text === drawn) return;
  drawn = text;
  board = data;
  drawAll();
  $("camp-dashboard").dataset.updated = new Date().toISOString();
}

function drawAll() {
  drawHead();
  drawRoster();
  drawCharts();
}

async function refresh() {
  const mine = visit;
  try {
    apply(await request(`/api/camps/${camp.id}/dashboard`), mine);
    if (mine === visit) $("camp-dash-error").hidden = true;
  } catch (error) {
    if (mine !== visit) return;
    $("camp-dash-error").textContent = campErrorText(error);
    $("camp-dash-error").hidden = false;
    if (error.status === 404 || error.status === 403) stop();
  }
}

function startPolling() {
  if (poll) return;
  poll = setInterval(refresh, POLL_MS);
  setMode("polling");
  refresh();
}

function connect() {
  const mine = visit;
  live = new EventSource(`/api/camps/${camp.id}/events`);
  setMode("connecting");
  live.addEventListener("open", () => { if (mine === visit && board) setMode("live"); });
  live.addEventListener("dashboard", (event) => {
    apply(JSON.parse(event.data), mine);
    if (mine === visit) setMode("live");
  });
  live.addEventListener("error", () => {
    if (mine !== visit) return;
    live.close();
    live = null;
    startPolling();
  });
}

function stop() {
  live?.close();
  live = null;
  clearInterval(poll);
  poll = null;
}

export const campDashboardView = {
  async enter(id) {
    const mine = ++visit;
    show("camp-dashboard");
    say("");
    stop();
    board = null; drawn = "";
    $("camp-dash-error").hidden = true;
    $("camp-dash-body").hidden = true;
    let found;
    try { found = await request(`/api/camps/${id}`); } catch (error) {
      if (mine !== visit) return;
      $("camp-dash-error").textContent = campErrorText(error);
      $("camp-dash-error").hidden = false;
      return;
    }
    if (mine !== visit) return;
    camp = found;
    $("camp-dash-body").hidden = false;
    drawAll();
    if (typeof EventSource === "function") connect(); else startPolling();
  },
  leave() { visit += 1; stop(); },
  relabel() { if (camp && board) drawAll(); else if (camp) drawHead(); },
};
