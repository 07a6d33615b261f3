// The session's report: a summary with bands, a jump list, one card per question. Cards are
// updated in place as analyses finish, so a recording being played is never cut off.
import { answers, sessions } from "../api.js";
import { $, clock, el, say, show } from "../dom.js";
import { localDate, t } from "../i18n.js";
import { chartWidth, pauseTimeline, paceChart } from "../charts.js";
import { follow, legend, transcriptView } from "../transcript.js";
import { go } from "../router.js";
import { current, followedText, loadSession } from "../session.js";
import { onAnswerChange, track } from "../tracking.js";

const SCORE_NAMES = ["overall", "pacing", "fluency", "content"];
let visit = 0;
let shownId = null;
const signatures = new Map();  // question id -> what its card shows

let review = null;  // the counsellor's review of the shown session, or null
const commentsOf = (answerId) => (review?.comments ?? []).filter((c) => c.answer_id === answerId);
const overridesOf = (answerId) => (review?.overrides ?? []).filter((o) => o.answer_id === answerId);
const signature = (item) => [item.answer_id, item.status, item.takes?.length ?? 0, Boolean(item.report),
  JSON.stringify(commentsOf(item.answer_id)), JSON.stringify(overridesOf(item.answer_id))].join(":");

/** The counsellor's adjusted scores beside the AI's, marked as a person's judgement. */
function overrideNotes(answerId) {
  const list = overridesOf(answerId);
  if (!list.length) return null;
  return el("ul", { class: "overrides" }, ...list.map((o) => el("li", { "data-dimension": o.dimension },
    el("b", { class: "human" }, t("report.adjusted")), " ",
    t("report.adjusted_score", { dimension: t("report." + o.dimension), ai: o.ai_score ?? "–", score: o.score }),
    ` — ${o.reason} (${o.author_name})`)));
}

/** The counsellor's comments at their moments: each time plays the recording from there. */
function commentList(answerId, audio) {
  const list = commentsOf(answerId);
  if (!list.length) return null;
  return el("div", { class: "counsellor-comments" }, el("h4", {}, t("report.comments")),
    el("ul", {}, ...list.map((c) => {
      const at = c.at_seconds === null || c.at_seconds === undefined ? null
        : el("button", { type: "button", class: "at", "data-seconds": c.at_seconds }, clock(c.at_seconds));
      if (at && audio) at.addEventListener("click", () => { audio.currentTime = c.at_seconds; audio.play().catch(() => {}); });
      return el("li", { class: "comment" }, at, at ? " " : null, c.text, el("span", { class: "quiet" }, ` — ${c.author_name}`));
    })));
}

function markCommented(words, answerId) {
  for (const c of commentsOf(answerId)) {
    const spans = [...words.querySelectorAll("span.w")];
    const hit = c.word_start !== null && c.word_start !== undefined
      ? spans.filter((w) => Number(w.dataset.index) >= c.word_start && Number(w.dataset.index) <= (c.word_end ?? c.word_start))
      : spans.filter((w) => Number(w.dataset.start) <= (c.at_seconds ?? -1)).slice(-1);
    hit.forEach((w) => { w.classList.add("commented"); w.title = `${w.title} · ${c.author_name}: ${c.text}`; });
  }
}

function scoreBoxes(scores, bands) {
  return el("div", { class: "scores" }, ...SCORE_NAMES
    .filter((name) => scores[name] !== null && scores[name] !== undefined)
    .map((name) => el("div", { class: "score", "data-score": name },
      t("report." + name), el("b", {}, String(Math.round(scores[name]))),
      bands?.[name] ? el("span", { class: `band band-${bands[name].replace(" ", "-")}` }, t("band." + bands[name])) : null)));
}

function findingList(title, findings) {
  return el("div", {}, el("h4", {}, title), el("ul", {}, ...findings.map((f) => el("li", {}, f.text))));
}

function takesList(item) {
  const earlier = (item.takes ?? []).slice(1);
  if (!earlier.length) return null;
  return el("details", { class: "takes" }, el("summary", {}, t("report.takes", { n: earlier.length })),
    el("ul", {}, ...earlier.map((take) => el("li", {},
      `${localDate(take.created_at, true)} — ${take.overall ?? "–"}`,
      take.duration ? ` (${clock(take.duration)})` : ""))));
}

function answerCard(item, number, width) {
  const { question, report } = item;
  const card = el("article", { class: "card", id: `card-${question.id}`, "data-question": question.id,
    "data-status": item.status, tabindex: "-1" });
  card.append(el("p", { class: "quiet" }, t("report.question_n", { n: number })), el("h3", {}, question.text));
  const follows = followedText(item);
  if (follows) card.append(el("p", { class: "quiet follow-up-of" }, `${t("report.follow_up_of")}: ${follows}`));
  if (!report) {
    const text = item.status === "failed" ? `${t("stage.failed")}: ${item.error ?? ""}`
      : item.status === "unanswered" ? t("report.unanswered") : t("report.waiting");
    card.append(el("p", { class: "quiet" }, text));
  } else if (report.unscorable) {
    card.append(el("p", { class: "unscorable" }, `${t("report.unscorable")}: ${report.unscorable.message}`));
  } else {
    card.append(scoreBoxes(report.scores, report.bands));
    const adjusted = overrideNotes(item.answer_id);
    if (adjusted) card.append(adjusted);
    if (report.overall_note) card.append(el("p", { class: "overall-note" }, report.overall_note));
    if (report.reliability) card.append(el("p", { class: "reliability-note", role: "note" }, report.reliability.message));
    card.append(findingList(t("report.strengths"), report.strengths), findingList(t("report.improvements"), report.improvements));
  }
  if (report?.transcript && report.pacing) {
    const audio = el("audio", { controls: true, preload: "metadata", src: answers.mediaUrl(item.answer_id) });
    const words = transcriptView(report, audio);
    follow(audio, words);
    markCommented(words, item.answer_id);
    card.append(el("h4", {}, t("report.transcript")),
      el("p", { class: "quiet recording-length" }, t("report.length", { length: clock(report.transcript.duration ?? 0) })),
      legend(), words, audio, commentList(item.answer_id, audio) ?? "", paceChart(report.pacing, width), pauseTimeline(report, width));
  } else if (report?.answer_text) {
    card.append(el("p", {}, report.answer_text));
    const notes = commentList(item.answer_id, null);
    if (notes) card.append(notes);
  }
  if (report && !report.unscorable && report.method) {
    card.append(el("details", {}, el("summary", {}, t("report.how")),
      ...Object.entries(report.method).map(([name, text]) => el("p", {}, `${t("report." + name)}: ${text}`))));
  }
  const actions = el("div", { class: "actions" });
  if (report?.follow_up) {
    const original = report.follow_up.question || question.text;
    card.append(el("h4", {}, t("report.follow_up")), el("p", { class: "follow-up" }, report.follow_up.text),
      el("p", { class: "quiet" }, report.follow_up.reason));
    const button = el("button", { type: "button", class: "answer-follow-up" }, t("report.answer_follow_up"));
    button.addEventListener("click", () => answerFollowUp(question.id, report.follow_up.text, original));
    actions.append(button);
  }
  const again = el("button", { type: "button", class: "retry" }, t(item.status === "unanswered" ? "report.answer_now" : "report.retry"));
  again.addEventListener("click", () => go(`#/sessions/${current.id}/questions/${question.id}`));
  actions.append(again);
  const up = el("button", { type: "button", class: "to-jump" }, t("report.to_jump"));
  up.addEventListener("click", () => { $("session-summary").scrollIntoView({ block: "start" }); });
  actions.append(up);
  const takes = takesList(item);
  card.append(actions);
  if (takes) card.append(takes);
  return card;
}

async function answerFollowUp(questionId, text) {
  try {
    const question = await sessions.addFollowUp(current.id, { text, follow_up_of: questionId });
    go(`#/sessions/${current.id}/questions/${question.id}`);
  } catch (error) { say(error.message); }
}

function summary(report) {
  const box = el("div", { class: "card summary" }, el("h3", {}, t("report.summary")));
  const answered = report.answered ?? report.questions.filter((q) => q.status === "done").length;
  const total = report.total ?? report.questions.length;
  const about = [report.created_at ? localDate(report.created_at) : null,
    report.job_family ? t("job." + report.job_family) : report.source ? t(`setup.source.${report.source}`) : null].filter(Boolean);
  if (about.length) box.append(el("p", { class: "session-about" }, about.join(" · ")));
  box.append(el("p", { class: "quiet" }, t("report.answered", { n: answered, total })));
  box.append(scoreBoxes(report.scores, report.bands));
  if (review) box.append(reviewNotice(review));
  box.append(sharePanel(report.id));
  return box;
}

/** "상담사가 이 세션을 검토했습니다": who, when, the summary note; marked seen once shown. */
function reviewNotice(given) {
  const box = el("div", { class: `review-notice${given.unseen ? " unseen" : ""}`, role: "note" });
  if (given.state === "reviewed") {
    box.append(el("p", {}, el("b", { class: "human" }, t("report.reviewed", { name: given.reviewer_name ?? "",
      date: given.reviewed_at ? localDate(given.reviewed_at) : "" }))));
  } else if ((given.comments ?? []).length || (given.overrides ?? []).length) {
    box.append(el("p", {}, el("b", { class: "human" }, t("report.being_reviewed"))));
  }
  if (given.summary_note) box.append(el("p", { class: "summary-note" }, given.summary_note));
  if (given.unseen) sessions.markReviewSeen(current.id).catch(() => {});
  return box;
}

/** Share with the centre's counsellors: a short code to read out; revocable at any time. */
function sharePanel(sessionId) {
  const box = el("div", { class: "share" });
  const render = (share) => {
    box.replaceChildren();
    if (share) {
      const revoke = el("button", { type: "button", class: "unshare" }, t("report.unshare"));
      revoke.addEventListener("click", async () => {
        try { await sessions.unshare(sessionId); render(null); } catch (error) { say(error.message); }
      });
      box.append(el("p", {}, t("report.shared"), " ", el("b", { class: "share-code" }, share.code)),
        el("p", { class: "quiet" }, t("report.shared_how")), revoke);
    } else {
      const button = el("button", { type: "button", class: "share-button" }, t("report.share"));
      button.addEventListener("click", async () => {
        try { render(await sessions.share(sessionId)); } catch (error) { say(error.message); }
      });
      box.append(button, el("p", { class: "quiet" }, t("report.share_why")));
    }
  };
  render(null);
  sessions.shareState(sessionId).then(render).catch(() => {});
  return box;
}

function jumpList(report) {
  return el("ol", { class: "jump" }, ...report.questions.map((item, index) => {
    const button = el("button", { type: "button", "data-status": item.status, title: item.question.text }, String(index + 1));
    button.addEventListener("click", () => { const card = $(`card-${item.question.id}`); card.scrollIntoView({ block: "start" }); card.focus({ preventScroll: true }); });
    return el("li", {}, button);
  }));
}

/** Re-read the report; rebuild only the cards whose answer changed. */
async function refresh(full) {
  const mine = visit;
  const report = await loadSession(shownId).catch((error) => { say(error.message); return null; });
  if (!report || mine !== visit) return;
  review = report.review ?? null;
  $("report-pdf").href = sessions.pdfUrl(report.id);
  $("session-summary").replaceChildren(summary(report), jumpList(report));
  const width = chartWidth($("answer-reports"));
  const container = $("answer-reports");
  if (full) { container.replaceChildren(); signatures.clear(); }
  report.questions.forEach((item, index) => {
    const existing = $(`card-${item.question.id}`);
    if (existing && signatures.get(item.question.id) === signature(item)) return;
    const card = answerCard(item, index + 1, width);
    signatures.set(item.question.id, signature(item));
    if (existing) existing.replaceWith(card); else container.append(card);
    if (item.answer_id && (item.status === "queued" || item.status === "running")) track(item.answer_id, item.question.id, item.status);
  });
}

export const reportView = {
  async enter(id) {
    visit += 1;
    shownId = id;
    show("report");
    await refresh(true);
  },
  leave() { visit += 1; shownId = null; },
};

export function bindReport() {
  $("report-print").addEventListener("click", () => window.print());
  onAnswerChange((entry) => {
    if (!shownId || $("report").hidden) return;
    if (entry.status === "done" || entry.status === "failed") refresh(false);
  });
}
