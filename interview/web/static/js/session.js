// The session being practised: its report from the server (questions, their latest answer's
// status) plus what this browser knows before the server does (takes not yet uploaded).
import { sessions } from "./api.js";

export const current = { id: null, report: null, answeredHere: new Set() };

export async function loadSession(id) {
  const report = await sessions.report(id);
  if (current.id !== id) current.answeredHere = new Set();
  current.id = id;
  current.report = report;
  return report;
}

export const typedFor = (id) => localStorage.getItem(`typed:${id}`) === "1";
export const setTyped = (id, typed) => localStorage.setItem(`typed:${id}`, typed ? "1" : "0");

export const questions = () => current.report?.questions ?? [];
export const itemOf = (questionId) => questions().find((item) => item.question.id === questionId);

export function isAnswered(item) {
  return item.status !== "unanswered" || current.answeredHere.has(item.question.id);
}

/** The first unanswered question (in the session's order), or null when all are answered. */
export function nextUnanswered() {
  return questions().find((item) => !isAnswered(item)) ?? null;
}

/** The question a follow-up follows (its text), or null. */
export function followedText(item) {
  const parent = item.follow_up_of ?? item.question.follow_up_of;
  return parent ? itemOf(parent)?.question.text ?? null : null;
}
