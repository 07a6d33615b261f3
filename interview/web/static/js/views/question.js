// A session's questions, one at a time. Recording happens only while this view is on screen:
// leaving it (another page, a hidden tab) cancels the preparation countdown, stops a take in
// progress (kept, and offered back) and releases the microphone.
import { $, clock, show, say } from "../dom.js";
import { t } from "../i18n.js";
import { AnswerRecorder, microphone, openMicrophone, releaseMicrophone } from "../recorder.js";
import { go } from "../router.js";
import { current, followedText, isAnswered, itemOf, loadSession, nextUnanswered, questions, setTyped, typedFor } from "../session.js";
import { onAnswerChange, track, trackedAnswers } from "../tracking.js";
import { forget, leftBehind, markComplete, submit } from "../uploads.js";
import { leaveCheck, runCheck } from "./check.js";

let generation = 0;  // bumped on every enter and leave: late callbacks of an old visit do nothing
let flow = null;  // {id, item, single, typed, timers, recorder}
let checkedThisPage = false;

const PANELS = ["q-prep", "q-recording", "q-typed", "q-after", "q-interrupted", "q-answered"];
function panel(name) { PANELS.forEach((id) => { $(id).hidden = id !== name; }); }
function clearTimers() { flow?.timers.forEach(clearInterval); if (flow) flow.timers = []; }
const visible = () => flow && !$("interview").hidden && document.visibilityState === "visible";

function heading(item) {
  const list = questions();
  show("interview");
  $("q-progress").textContent = t("q.progress", { n: list.indexOf(item) + 1, total: list.length });
  $("q-text").textContent = item.question.text;
  const follows = followedText(item);
  $("q-follows").hidden = !follows;
  $("q-follows").textContent = follows ? `${t("report.follow_up_of")}: ${follows}` : "";
  $("q-window").textContent = t("q.window", { min: item.question.answer_min_seconds, max: item.question.answer_seconds });
  $("q-upload").textContent = "";
  renderStates();
}

/** Get the microphone (the device check the first time in this page), then ask. */
async function prepare(item) {
  const visit = generation;
  flow.item = item;
  if (!flow.typed && !microphone()) {
    const proceed = () => { if (visit === generation) { checkedThisPage = true; ask(item); } };
    const typeInstead = () => { if (visit === generation) { flow.typed = true; setTyped(flow.id, true); ask(item); } };
    if (checkedThisPage) {
      try { await openMicrophone({ camera: $("camera").checked }); } catch { await runCheck(proceed, typeInstead); return; }
      if (visit === generation) ask(item);
      return;
    }
    await runCheck(proceed, typeInstead);
    return;
  }
  ask(item);
}

function ask(item) {
  clearTimers();
  flow.item = item;
  heading(item);
  $("q-text").focus();
  if (flow.typed) {
    panel("q-typed");
    $("q-typed-text").value = "";
    return;
  }
  panel("q-prep");
  let left = item.question.prep_seconds;
  $("q-prep-time").textContent = t("q.prep", { s: left });
  flow.timers.push(setInterval(() => {
    if (!visible()) return;  // a hidden page never counts down, let alone records
    left -= 1;
    $("q-prep-time").textContent = t("q.prep", { s: Math.max(left, 0) });
    if (left <= 0) startRecording();
  }, 1000));
}

async function startRecording() {
  clearTimers();
  if (!visible()) return;
  const visit = generation;
  const item = flow.item;
  let stream = microphone();
  if (!stream) {
    try { stream = await openMicrophone({ camera: $("camera").checked }); } catch {
      if (visit === generation) runCheck(() => ask(item), () => { flow.typed = true; setTyped(flow.id, true); ask(item); });
      return;
    }
  }
  if (visit !== generation || !visible()) return;
  const recorder = new AnswerRecorder(stream, { session: flow.id, question: item.question.id });
  flow.recorder = recorder;
  recorder.start();
  panel("q-recording");
  $("q-stop").focus();
  const limit = item.question.answer_seconds;
  const tick = () => {
    $("q-timer").textContent = t("q.recording", { elapsed: clock(recorder.seconds), limit: clock(limit) });
    if (recorder.seconds >= limit) finish();
  };
  tick();
  flow.timers.push(setInterval(tick, 250));
}

async function finish() {
  clearTimers();
  const recorder = flow?.recorder;
  if (!recorder) return;
  flow.recorder = null;
  const take = await recorder.stop(true);
  answered(take);
}

/** Stop a take in progress without sending it: it is kept and offered back. */
async function interrupt() {
  clearTimers();
  const recorder = flow?.recorder;
  if (!recorder) return null;
  flow.recorder = null;
  return recorder.stop(false);
}

function answered(take) {
  current.answeredHere.add(take.question);
  afterAnswer();
  send(take);
}

function uploadStatus(questionId, text) {
  if (flow?.item?.question.id === questionId) $("q-upload").textContent = text;
}

async function send(take) {
  try {
    const id = await submit(take, {
      onProgress: (percent) => uploadStatus(take.question, t("upload.saving", { percent })),
      onRetry: (message) => uploadStatus(take.question, `${t("upload.retry")} ${message}`.trim()),
    });
    uploadStatus(take.question, t("upload.done"));
    track(id, take.question);
  } catch (error) {
    current.answeredHere.delete(take.question);
    uploadStatus(take.question, error.message);
    say(error.message);
  }
}

function afterAnswer() {
  panel("q-after");
  const next = flow.single ? null : nextUnanswered();
  $("q-next").textContent = t(flow.single ? "q.back_to_report" : next ? "q.next" : "q.finish");
  $("q-next").focus();
}

function showInterrupted(take) {
  const item = itemOf(take.question);
  if (!item) { forget(take.key); return false; }
  clearTimers();
  flow.item = item;
  heading(item);
  panel("q-interrupted");
  $("q-interrupted-text").textContent = t("q.interrupted", { kept: clock(take.seconds ?? 0) });
  $("q-keep").onclick = async () => { await markComplete(take); answered({ ...take, complete: true }); };
  $("q-again").onclick = async () => { await forget(take.key); ask(item); };
  $("q-keep").focus();
  return true;
}

function showAnswered(item) {
  heading(item);
  panel("q-answered");
  $("q-answer-again").onclick = () => prepare(item);
  $("q-answered-report").onclick = () => go(`#/sessions/${flow.id}/report`);
  $("q-answer-again").focus();
}

function renderStates() {
  if (!current.report) return;
  const mine = new Set(questions().map((item) => item.question.id));
  $("answer-states").replaceChildren(...trackedAnswers().filter((a) => mine.has(a.questionId)).map((a) => {
    const li = document.createElement("li");
    li.textContent = `${(itemOf(a.questionId)?.question.text ?? "").slice(0, 40)}… — ${t("stage." + a.stage)}`;
    return li;
  }));
}

export const sessionView = {
  async enter(id, questionId = null) {
    const visit = ++generation;
    flow = { id, item: null, single: Boolean(questionId), typed: typedFor(id), timers: [], recorder: null };
    try { await loadSession(id); } catch (error) {
      if (visit === generation) { say(error.message); go("#/", { replace: true }); }
      return;
    }
    const { interrupted } = await leftBehind();
    if (visit !== generation) return;
    const mine = interrupted.filter((take) => take.session === id && take.blob?.size > 0)
      .sort((a, b) => b.saved_at - a.saved_at);
    if (mine.length && showInterrupted(mine[0])) return;
    if (questionId) {
      const item = itemOf(questionId);
      if (!item) { go(`#/sessions/${id}/report`, { replace: true }); return; }
      if (isAnswered(item)) showAnswered(item); else await prepare(item);
      return;
    }
    const next = nextUnanswered();
    if (!next) { go(`#/sessions/${id}/report`, { replace: true }); return; }
    await prepare(next);
  },
  async leave() {
    generation += 1;
    leaveCheck();
    const take = await interrupt();  // kept in the browser, offered back on return
    if (take) say(t("q.interrupted_left", { kept: clock(take.seconds ?? 0) }));
    releaseMicrophone();
    flow = null;
  },
};

export function bindQuestion() {
  $("q-start").addEventListener("click", startRecording);
  $("q-stop").addEventListener("click", finish);
  $("q-read").addEventListener("click", () => {
    if (!window.speechSynthesis) return;
    const utterance = new SpeechSynthesisUtterance($("q-text").textContent);
    utterance.lang = current.report?.lang === "en" ? "en-US" : "ko-KR";
    speechSynthesis.speak(utterance);
  });
  $("q-typed").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("q-typed-text").value.trim();
    if (!text || !flow?.item) return;
    answered({ session: flow.id, question: flow.item.question.id, text });
  });
  $("q-next").addEventListener("click", () => {
    if (!flow) return;
    const next = flow.single ? null : nextUnanswered();
    if (next) ask(next); else go(`#/sessions/${flow.id}/report`);
  });
  document.addEventListener("visibilitychange", async () => {
    if (document.visibilityState !== "hidden" || !flow?.recorder) return;
    const take = await interrupt();  // the page was hidden mid-answer: keep the take, ask on return
    if (take && flow) showInterrupted(take);
  });
  onAnswerChange(renderStates);
}
