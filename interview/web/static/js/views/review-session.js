// One session under review: per answer its recording synced to the transcript, the AI's
// scores and feedback, the counsellors' comments (at a moment, on words, or on the whole
// answer) and adjusted scores; the summary note and the review's state. Every GET of a
// session is audited, so a write updates the screen from its own response.
//   keys (not while typing): space play/pause, c comment at the current time, j/k next/previous
import { request } from "../api.js";
import { $, clock, el, say, show } from "../dom.js";
import { localDate, t } from "../i18n.js";
import { follow, legend, transcriptView } from "../transcript.js";
import { aboutSession, flagChips, stateChip } from "./review-list.js";

const DIMENSIONS = ["overall", "pacing", "fluency", "content"];
let detail = null;  // the session's GET answer, kept up to date with every write
let cards = [];     // [{item, card, media, words, selection: [from, to] | null}]
let active = 0;
let visit = 0;

const errorText = (error) => (error.status === 0 ? t("error.network") : error.message);
const mediaUrl = (answerId) => `/api/review/answers/${answerId}/media`;

function showError(box, error) { box.textContent = errorText(error); box.hidden = false; }
function clearError(box) { box.textContent = ""; box.hidden = true; }

// ------------------------------------------------------------------ the summary and the note

function head(report) {
  const box = el("div", {}, el("h2", {}, t("review.session_heading")));
  const about = [localDate(report.created_at, true), aboutSession(report)];
  if (detail.share_code) about.push(t("review.code", { code: detail.share_code }));
  box.append(el("p", { class: "session-about" }, about.join(" · ")),
    el("p", { class: "quiet" }, t("review.answered", { n: report.answered, total: report.total })));
  if (detail.flags.length) box.append(el("p", { class: "flags" }, ...flagChips(detail.flags)));
  box.append(el("div", { class: "scores" }, ...DIMENSIONS
    .filter((name) => report.scores[name] !== undefined && report.scores[name] !== null)
    .map((name) => el("div", { class: "score", "data-score": name }, t("report." + name),
      el("b", {}, String(Math.round(report.scores[name]))),
      report.bands?.[name] ? el("span", { class: "band" }, t("band." + report.bands[name])) : null))));
  return box;
}

function showReview() {
  const review = detail.review;
  const reviewed = review.state === "reviewed";
  $("review-state-text").replaceChildren(stateChip(review.state), " ",
    reviewed && review.reviewed_at ? t("review.reviewed_by", { name: review.reviewer_name ?? "", date: localDate(review.reviewed_at, true) }) : "");
  $("review-mark").textContent = t(reviewed ? "review.mark_to_review" : "review.mark_reviewed");
  $("review-mark").dataset.to = reviewed ? "to_review" : "reviewed";
}

async function putReview(state) {
  const error = $("review-note-error");
  clearError(error);
  const before = detail.review.state;
  try {
    detail.review = await request(`/api/review/sessions/${detail.report.id}/review`,
      { method: "PUT", body: { state, summary_note: $("review-note").value } });
    showReview();
    say(t(state === before ? "review.note_saved" : state === "reviewed" ? "review.marked_reviewed" : "review.marked_to_review"));
  } catch (failure) { showError(error, failure); }
}

// ------------------------------------------------------------------ comments

function commentsOf(answerId) { return detail.comments[answerId] ?? (detail.comments[answerId] = []); }

function commentOrder(a, b) {
  const at = (c) => c.at_seconds ?? (c.word_start !== null ? wordStart(a.answer_id, c.word_start) : Infinity);
  return at(a) - at(b) || a.created_at.localeCompare(b.created_at);
}

function wordStart(answerId, index) {
  const entry = cards.find((c) => c.item.answer_id === answerId);
  return entry?.item.report?.transcript?.words?.[index]?.start ?? Infinity;
}

function seek(entry, seconds) {
  if (!entry.media) return;
  entry.media.currentTime = seconds;
  entry.media.play().catch(() => {});
  activate(cards.indexOf(entry), false);
}

function position(entry, comment) {
  if (comment.at_seconds !== null && comment.at_seconds !== undefined) {
    const button = el("button", { type: "button", class: "at", title: t("review.play_from") }, clock(comment.at_seconds));
    button.addEventListener("click", () => seek(entry, comment.at_seconds));
    return button;
  }
  if (comment.word_start !== null && comment.word_start !== undefined) {
    const words = entry.item.report?.transcript?.words ?? [];
    const quoted = words.slice(comment.word_start, comment.word_end + 1).map((w) => w.word).join(" ");
    const button = el("button", { type: "button", class: "at words", title: t("review.play_from") }, `“${quoted}”`);
    button.addEventListener("click", () => seek(entry, words[comment.word_start]?.start ?? 0));
    return button;
  }
  return el("span", { class: "at whole quiet" }, t("review.whole_answer"));
}

function commentItem(entry, comment) {
  const li = el("li", { class: "comment", "data-comment": comment.id },
    position(entry, comment), el("span", { class: "text" }, comment.text),
    el("span", { class: "by" }, `${comment.author_name} · ${localDate(comment.created_at, true)}`));
  if (comment.editable) {
    const edit = el("button", { type: "button", class: "edit" }, t("review.edit"));
    const remove = el("button", { type: "button", class: "delete" }, t("review.delete"));
    const error = el("p", { class: "field-error", role: "alert", hidden: true });
    edit.addEventListener("click", () => editComment(entry, comment, li));
    remove.addEventListener("click", async () => {
      if (!window.confirm(t("review.delete_confirm"))) return;
      try {
        await request(`/api/review/comments/${comment.id}`, { method: "DELETE" });
        detail.comments[entry.item.answer_id] = commentsOf(entry.item.answer_id).filter((c) => c.id !== comment.id);
        renderComments(entry);
      } catch (failure) { showError(error, failure); }
    });
    li.append(el("span", { class: "tools" }, edit, remove), error);
  }
  return li;
}

function editComment(entry, comment, li) {
  const text = el("textarea", { rows: 3, maxlength: 2000, "aria-label": t("review.comment_text") });
  text.value = comment.text;
  const save = el("button", { type: "submit", class: "primary" }, t("review.save"));
  const cancel = el("button", { type: "button" }, t("review.cancel"));
  const error = el("p", { class: "field-error", role: "alert", hidden: true });
  const form = el("form", { class: "comment-form" }, text, el("p", { class: "actions" }, save, cancel), error);
  cancel.addEventListener("click", () => renderComments(entry));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!text.value.trim()) { showError(error, { message: t("review.comment_empty") }); text.focus(); return; }
    try {
      const saved = await request(`/api/review/comments/${comment.id}`, { method: "PATCH", body: { text: text.value } });
      const list = commentsOf(entry.item.answer_id);
      list.splice(list.findIndex((c) => c.id === comment.id), 1, saved);
      renderComments(entry);
    } catch (failure) { showError(error, failure); }
  });
  li.replaceChildren(form);
  text.focus();
}

function renderComments(entry) {
  const list = [...commentsOf(entry.item.answer_id)].sort(commentOrder);
  entry.comments.replaceChildren(...list.map((comment) => commentItem(entry, comment)));
  entry.noComments.hidden = list.length > 0;
  entry.words?.querySelectorAll("span.w.commented").forEach((w) => w.classList.remove("commented"));
  list.filter((c) => c.word_start !== null).forEach((c) => {
    for (let i = c.word_start; i <= c.word_end; i++) entry.words?.querySelector(`span.w[data-index="${i}"]`)?.classList.add("commented");
  });
}

/** Where a new comment goes: the words selected, else the moment playing (spoken answers). */
function newPosition(entry) {
  if (entry.selection) return { word_start: entry.selection[0], word_end: entry.selection[1] };
  if (entry.media) return { at_seconds: Math.round(entry.media.currentTime * 10) / 10 };
  return {};
}

function describe(entry, where) {
  if (where.word_start !== undefined) {
    const words = entry.item.report.transcript.words.slice(where.word_start, where.word_end + 1).map((w) => w.word);
    return t("review.comment_on_words", { words: words.join(" ") });
  }
  if (where.at_seconds !== undefined) return t("review.comment_at", { at: clock(where.at_seconds) });
  return t("review.whole_answer");
}

function openCommentForm(entry) {
  const form = entry.commentForm;
  form.hidden = false;
  entry.media?.pause();
  const where = newPosition(entry);
  form.dataset.where = JSON.stringify(where);
  form.querySelector(".where").textContent = describe(entry, where);
  const whole = form.querySelector("input[name=whole]");
  whole.checked = false;
  whole.closest("label").hidden = Object.keys(where).length === 0;
  clearError(form.querySelector(".field-error"));
  form.querySelector("textarea").focus();
}

function commentForm(entry) {
  const text = el("textarea", { name: "text", rows: 3, maxlength: 2000, "aria-label": t("review.comment_text") });
  const whole = el("input", { type: "checkbox", name: "whole" });
  const error = el("p", { class: "field-error", role: "alert", hidden: true });
  const cancel = el("button", { type: "button", class: "cancel" }, t("review.cancel"));
  const form = el("form", { class: "comment-form", hidden: true, novalidate: true },
    el("p", { class: "where quiet" }), text,
    el("label", { class: "check" }, whole, el("span", {}, t("review.comment_whole"))),
    el("p", { class: "actions" }, el("button", { type: "submit", class: "primary save" }, t("review.save")), cancel), error);
  cancel.addEventListener("click", () => { form.hidden = true; text.value = ""; });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearError(error);
    if (!text.value.trim()) { showError(error, { message: t("review.comment_empty") }); text.focus(); return; }
    const where = whole.checked ? {} : JSON.parse(form.dataset.where || "{}");
    try {
      const saved = await request(`/api/review/answers/${entry.item.answer_id}/comments`,
        { method: "POST", body: { text: text.value, ...where } });
      commentsOf(entry.item.answer_id).push(saved);
      text.value = ""; form.hidden = true;
      select(entry, null);
      renderComments(entry);
      say(t("review.comment_saved"));
    } catch (failure) { showError(error, failure); }
  });
  return form;
}

// ------------------------------------------------------------------ word selection (Shift+click)

function select(entry, range) {
  entry.selection = range;
  entry.words?.querySelectorAll("span.w.selected").forEach((w) => w.classList.remove("selected"));
  if (range) {
    for (let i = range[0]; i <= range[1]; i++) entry.words.querySelector(`span.w[data-index="${i}"]`)?.classList.add("selected");
  }
  entry.selectionNote.hidden = !range;
  if (range) entry.selectionNote.querySelector(".text").textContent = describe(entry, { word_start: range[0], word_end: range[1] });
}

function bindSelection(entry) {
  let anchor = null;
  entry.words.addEventListener("click", (event) => {
    const word = event.target.closest("span.w");
    if (!word || !event.shiftKey) return;
    event.stopPropagation();  // capture phase: the word does not seek
    window.getSelection()?.removeAllRanges();
    const index = Number(word.dataset.index);
    if (anchor === null || !entry.selection) { anchor = index; select(entry, [index, index]); } else {
      select(entry, [Math.min(anchor, index), Math.max(anchor, index)]);
    }
  }, true);
  entry.clearSelection = () => { anchor = null; select(entry, null); };
}

// ------------------------------------------------------------------ adjusted scores

function overridesOf(answerId) { return detail.overrides[answerId] ?? (detail.overrides[answerId] = []); }

function renderOverrides(entry) {
  const list = overridesOf(entry.item.answer_id);
  entry.overrides.replaceChildren(...list.filter((o) => o.current).map((o) => {
    const li = el("li", { class: "override", "data-dimension": o.dimension },
      el("b", {}, t("report." + o.dimension)), ": ",
      t("review.override_line", { ai: o.ai_score ?? "–", score: o.score, reason: o.reason }),
      el("span", { class: "by quiet" }, ` — ${o.author_name}`));
    if (o.editable) {
      const remove = el("button", { type: "button", class: "delete" }, t("review.withdraw"));
      remove.addEventListener("click", async () => {
        try {
          await request(`/api/review/overrides/${o.id}`, { method: "DELETE" });
          const rest = list.filter((x) => x.id !== o.id);
          const previous = rest.filter((x) => x.dimension === o.dimension).at(-1);
          if (previous) previous.current = true;
          detail.overrides[entry.item.answer_id] = rest;
          renderOverrides(entry);
        } catch (failure) { say(errorText(failure)); }
      });
      li.append(" ", remove);
    }
    return li;
  }));
  entry.overrides.hidden = entry.overrides.childElementCount === 0;
  const current = new Map(list.filter((o) => o.current).map((o) => [o.dimension, o]));
  entry.card.querySelectorAll(".score[data-score]").forEach((box) => {
    box.querySelector(".adjusted")?.remove();
    const o = current.get(box.dataset.score);
    if (o) box.append(el("span", { class: "adjusted human" }, `→ ${t("review.adjusted")} ${o.score}`));
  });
}

function overrideForm(entry) {
  const dimension = el("select", { name: "dimension" }, ...DIMENSIONS
    .filter((name) => entry.item.report.scores[name] !== undefined && entry.item.report.scores[name] !== null)
    .map((name) => new Option(t("report." + name), name)));
  const score = el("input", { type: "number", name: "score", min: 0, max: 100, step: 1, required: true });
  const reason = el("textarea", { name: "reason", rows: 2, minlength: 5, maxlength: 1000, required: true });
  const error = el("p", { class: "field-error", role: "alert", hidden: true });
  const form = el("form", { class: "override-form", novalidate: true },
    el("h4", {}, t("review.override_heading")),
    el("div", { class: "row" }, el("label", {}, t("review.override_dimension"), dimension),
      el("label", {}, t("review.override_score"), score)),
    el("label", {}, t("review.override_reason"), reason),
    el("p", { class: "actions" }, el("button", { type: "submit" }, t("review.override_save"))), error);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearError(error);
    const value = Number(score.value);
    if (score.value === "" || !Number.isInteger(value) || value < 0 || value > 100) {
      showError(error, { message: t("review.override_score_range") }); score.focus(); return;
    }
    if (reason.value.trim().length < 5) { showError(error, { message: t("review.override_reason_short") }); reason.focus(); return; }
    try {
      const saved = await request(`/api/review/answers/${entry.item.answer_id}/overrides`,
        { method: "POST", body: { dimension: dimension.value, score: value, reason: reason.value } });
      const list = overridesOf(entry.item.answer_id);
      list.filter((o) => o.dimension === saved.dimension).forEach((o) => { o.current = false; });
      list.push(saved);
      score.value = ""; reason.value = "";
      renderOverrides(entry);
      say(t("review.override_saved"));
    } catch (failure) { showError(error, failure); }
  });
  return form;
}

// ------------------------------------------------------------------ an answer's card

function scoreBoxes(report) {
  return el("div", { class: "scores" }, ...DIMENSIONS
    .filter((name) => report.scores[name] !== null && report.scores[name] !== undefined)
    .map((name) => el("div", { class: "score", "data-score": name },
      t("report." + name), el("b", {}, `AI ${Math.round(report.scores[name])}`),
      report.bands?.[name] ? el("span", { class: "band" }, t("band." + report.bands[name])) : null)));
}

function findings(title, list) {
  return el("div", {}, el("h4", {}, title), el("ul", {}, ...list.map((f) => el("li", {}, f.text))));
}

function answerCard(item, number) {
  const { question, report } = item;
  const card = el("article", { class: "card answer-card", id: `answer-${number}`, tabindex: "-1",
    "data-answer": item.answer_id ?? "", "data-status": item.status });
  const entry = { item, card, media: null, words: null, selection: null };
  card.append(el("p", { class: "quiet" }, t("report.question_n", { n: number })), el("h3", {}, question.text));
  if (!item.answer_id) { card.append(el("p", { class: "quiet" }, t("report.unanswered"))); return entry; }
  if (report?.transcript && report.pacing) {
    // nothing is fetched before the counsellor plays it: the audit's "played" means played
    const media = el("video", { controls: true, preload: "none", playsinline: true, class: "audio-only",
      src: mediaUrl(item.answer_id), "aria-label": t("review.recording", { n: number }) });
    media.addEventListener("loadedmetadata", () => { media.classList.toggle("audio-only", !media.videoWidth); });
    media.addEventListener("play", () => {
      cards.forEach((other) => { if (other.media && other.media !== media) other.media.pause(); });
      activate(cards.indexOf(entry), false);
    });
    entry.media = media;
    entry.words = transcriptView(report, media);
    follow(media, entry.words);
    bindSelection(entry);
    entry.selectionNote = el("p", { class: "selection-note", hidden: true }, el("span", { class: "text" }), " ");
    const clear = el("button", { type: "button" }, t("review.clear_selection"));
    clear.addEventListener("click", () => entry.clearSelection());
    entry.selectionNote.append(clear);
    card.append(media, el("h4", {}, t("report.transcript")), el("p", { class: "quiet" }, t("review.select_hint")),
      legend(), entry.words, entry.selectionNote);
  } else {
    entry.selectionNote = el("p", { hidden: true }, el("span", { class: "text" }));
    if (report?.answer_text) card.append(el("h4", {}, t("review.typed_answer")), el("p", { class: "typed-answer" }, report.answer_text));
    else if (!report) card.append(el("p", { class: "quiet" }, item.status === "failed" ? t("stage.failed") : t("report.waiting")));
  }
  if (report?.unscorable) card.append(el("p", { class: "unscorable" }, `${t("report.unscorable")}: ${report.unscorable.message}`));
  else if (report) {
    card.append(el("h4", {}, t("review.ai_scores")), scoreBoxes(report));
    entry.overrides = el("ul", { class: "override-list", hidden: true });
    card.append(entry.overrides);
    if (report.overall_note) card.append(el("p", { class: "overall-note" }, report.overall_note));
    if (report.reliability) card.append(el("p", { class: "reliability-note", role: "note" }, report.reliability.message));
    card.append(findings(t("report.strengths"), report.strengths ?? []), findings(t("report.improvements"), report.improvements ?? []));
  }
  entry.comments = el("ul", { class: "comments-list" });
  entry.noComments = el("p", { class: "quiet" }, t("review.no_comments"));
  entry.commentForm = commentForm(entry);
  const add = el("button", { type: "button", class: "add-comment" }, t("review.add_comment"));
  add.addEventListener("click", () => openCommentForm(entry));
  card.append(el("section", { class: "comments" }, el("h4", {}, t("review.comments")), entry.noComments, entry.comments,
    el("p", { class: "actions" }, add), entry.commentForm));
  if (report && !report.unscorable) card.append(overrideForm(entry));
  card.addEventListener("focusin", () => activate(cards.indexOf(entry), false));
  card.addEventListener("click", () => activate(cards.indexOf(entry), false));
  return entry;
}

function activate(index, scroll) {
  if (index < 0 || index >= cards.length) return;
  active = index;
  cards.forEach((entry, i) => entry.card.classList.toggle("active", i === index));
  if (scroll) {
    const { card } = cards[index];
    card.scrollIntoView({ block: "start" });
    card.focus({ preventScroll: true });
  }
}

function render() {
  const { report } = detail;
  $("review-head").replaceChildren(head(report));
  $("review-note").value = detail.review.summary_note ?? "";
  $("review-pdf").href = `/api/review/sessions/${report.id}/report.pdf`;
  showReview();
  cards.forEach((entry) => entry.media?.pause());
  cards = report.questions.map((item, index) => answerCard(item, index + 1));
  $("review-answers").replaceChildren(...cards.map((entry) => entry.card));
  cards.forEach((entry) => {
    if (!entry.item.answer_id) return;
    renderComments(entry);
    if (entry.overrides) renderOverrides(entry);
  });
  activate(Math.min(active, cards.length - 1), false);
}

// ------------------------------------------------------------------ keys

const TYPING = "input, textarea, select, [contenteditable]";
const PRESSABLE = "button, a, summary, video, audio";

function onKey(event) {
  if ($("review-session").hidden || !cards.length) return;
  if (event.ctrlKey || event.metaKey || event.altKey || event.target.closest?.(TYPING)) return;
  const entry = cards[active];
  if (event.key === " " && !event.target.closest?.(PRESSABLE)) {
    if (!entry.media) return;
    event.preventDefault();
    if (entry.media.paused) entry.media.play().catch(() => {}); else entry.media.pause();
  } else if (event.key === "c" && entry.item.answer_id) {
    event.preventDefault();
    openCommentForm(entry);
  } else if (event.key === "j" || event.key === "k") {
    event.preventDefault();
    activate(active + (event.key === "j" ? 1 : -1), true);
  }
}

export const sessionView = {
  async enter(id) {
    const mine = ++visit;
    show("review-session");
    $("review-answers").replaceChildren(el("p", { class: "quiet" }, t("review.loading")));
    $("review-head").replaceChildren();
    active = 0;
    try {
      const loaded = await request(`/api/review/sessions/${id}`);
      if (mine !== visit) return;
      detail = loaded;
      render();
    } catch (failure) {
      if (mine !== visit) return;
      $("review-answers").replaceChildren(el("p", { class: "field-error", role: "alert" },
        failure.status === 404 ? t("review.not_found") : errorText(failure)));
    }
  },
  leave() { visit += 1; cards.forEach((entry) => entry.media?.pause()); cards = []; detail = null; },
  /** The language changed: draw the same session again, without asking the server. */
  relabel() { if (detail) render(); },
};

export function bindSession() {
  document.addEventListener("keydown", onKey);
  $("review-mark").addEventListener("click", () => putReview($("review-mark").dataset.to));
  $("review-save-note").addEventListener("click", () => putReview(detail.review.state));
}
