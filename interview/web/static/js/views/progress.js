// "나의 발전": every past session with a link (continue an unfinished one, or read its report),
// and the scores across sessions as a dated chart.
import { sessions } from "../api.js";
import { $, el, say, show } from "../dom.js";
import { localDate, t } from "../i18n.js";
import { chartWidth, progressChart } from "../charts.js";

const NAMES = ["overall", "pacing", "fluency", "content"];
let visit = 0;

function sourceLabel(s) {
  if (s.job_family) return t("job." + s.job_family);
  return t(s.source === "resume" ? "setup.source.resume" : s.source === "posting" ? "setup.source.posting" : "progress.session");
}

function entry(s) {
  const scores = NAMES.filter((n) => s.scores[n] !== undefined).map((n) => `${t("report." + n)} ${Math.round(s.scores[n])}`).join(", ");
  const total = s.total ?? 0, answered = s.answered ?? 0;
  const unfinished = s.next_question !== null && s.next_question !== undefined;
  const links = el("span", { class: "links" },
    el("a", { href: `#/sessions/${s.id}/report` }, t("progress.open_report")));
  if (unfinished) links.prepend(el("a", { href: `#/sessions/${s.id}`, class: "resume" }, t("progress.resume")), " ");
  const badges = [];
  if (s.review?.state === "reviewed") {
    badges.push(el("span", { class: `badge human${s.review.unseen ? " unseen" : ""}` },
      t(s.review.unseen ? "progress.reviewed_new" : "progress.reviewed")));
  } else if (s.shared) badges.push(el("span", { class: "badge" }, t("progress.shared")));
  return el("li", { "data-session": s.id }, ...badges, badges.length ? " " : "",
    el("b", {}, `${localDate(s.created_at)} ${sourceLabel(s)}`), " ",
    el("span", { class: "quiet" }, total ? t("report.answered", { n: answered, total }) : ""), " ",
    scores ? el("span", {}, scores) : null, " ", links);
}

export const progressView = {
  async enter() {
    const mine = ++visit;
    show("progress");
    let list;
    try { list = await sessions.list(); } catch (error) { say(error.message); return; }
    if (mine !== visit) return;
    const scored = list.filter((s) => Object.keys(s.scores).length).slice().reverse();  // oldest first
    $("progress-chart").replaceChildren(scored.length
      ? progressChart(scored, NAMES, chartWidth($("progress")))
      : el("p", {}, t("progress.empty")));
    $("progress-list").replaceChildren(...list.map(entry));
  },
  leave() { visit += 1; },
};
