// The counsellor's list: shared sessions by review state, filtered, most in need of attention
// first (or newest), or the one shared under a code. A row opens the session.
import { request } from "../api.js";
import { $, el, show } from "../dom.js";
import { localDate, t } from "../i18n.js";
import { go } from "../router.js";
import { JOBS } from "./setup.js";

export const FLAGS = ["failed", "unscorable", "off_topic", "not_started", "short_answer", "blind_hiring", "cut_short", "long_pauses", "many_fillers"];
let state = "to_review";
let visit = 0;

const errorText = (error) => (error.status === 0 ? t("error.network") : error.message);

/** A session's flags as chips the counsellor can read. */
export function flagChips(flags) {
  return flags.map((flag) => el("span", { class: "chip flag", "data-flag": flag }, t("review.flag." + flag)));
}

export function stateChip(value) {
  return el("span", { class: `chip state-${value}`, "data-state": value }, t("review.state." + value));
}

export function aboutSession(entry) {
  return entry.job_family ? t("job." + entry.job_family) : t("setup.source." + entry.source);
}

function fill(select, values, prefix) {
  const chosen = select.value;
  select.replaceChildren(new Option(t("review.filter.any"), ""), ...values.map((v) => new Option(t(prefix + v), v)));
  select.value = chosen;
}

export function relabelList() {
  fill($("review-job"), JOBS, "job.");
  fill($("review-flag"), FLAGS, "review.flag.");
}

function query() {
  const form = new FormData($("review-filters"));
  const params = new URLSearchParams({ state, sort: form.get("sort") || "attention" });
  const code = String(form.get("code") ?? "").trim();
  if (code) params.set("code", code);
  if (form.get("job_family")) params.set("job_family", form.get("job_family"));
  if (form.get("flag")) params.set("flag", form.get("flag"));
  if (form.get("since")) params.set("since", new Date(`${form.get("since")}T00:00:00`).toISOString());
  if (form.get("until")) params.set("until", new Date(`${form.get("until")}T23:59:59.999`).toISOString());
  return params;
}

function row(entry) {
  const open = () => go(`#/sessions/${entry.id}`);
  const overall = entry.scores?.overall;
  const tr = el("tr", { "data-session": entry.id, "data-state": entry.state },
    el("td", {}, el("a", { href: `#/sessions/${entry.id}` }, localDate(entry.created_at, true))),
    el("td", {}, aboutSession(entry), entry.share_code ? el("div", { class: "quiet" }, t("review.code", { code: entry.share_code })) : null),
    el("td", { class: "num" }, t("review.answered", { n: entry.answered, total: entry.total })),
    el("td", { class: "num" }, overall === undefined || overall === null ? "–" : String(Math.round(overall))),
    el("td", {}, ...(entry.flags.length ? flagChips(entry.flags) : [el("span", { class: "quiet" }, "–")])),
    el("td", {}, stateChip(entry.state)));
  tr.addEventListener("click", (event) => { if (!event.target.closest("a")) open(); });
  return tr;
}

async function load() {
  const mine = ++visit;
  const error = $("review-list-error");
  error.hidden = true;
  document.querySelectorAll("#review-tabs button").forEach((tab) => tab.setAttribute("aria-selected", String(tab.dataset.state === state)));
  try {
    const entries = await request(`/api/review/sessions?${query()}`);
    if (mine !== visit) return;
    $("review-rows").replaceChildren(...entries.map(row));
    $("review-empty").hidden = entries.length > 0;
  } catch (failure) {
    if (mine !== visit) return;
    error.textContent = errorText(failure);
    error.hidden = false;
  }
}

export const listView = {
  async enter() { show("review-list"); await load(); },
  leave() { visit += 1; },
};

export function bindList() {
  document.querySelectorAll("#review-tabs button").forEach((tab) => tab.addEventListener("click", () => {
    state = tab.dataset.state;
    load();
  }));
  const form = $("review-filters");
  form.addEventListener("submit", (event) => { event.preventDefault(); load(); });
  form.addEventListener("reset", () => setTimeout(load));
  ["review-job", "review-flag", "review-sort"].forEach((id) => $(id).addEventListener("change", load));
}
