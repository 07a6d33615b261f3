// Live status of answers being analysed: one event stream each, or polling when refused.
import { answers } from "./api.js";

const followed = new Map();  // answer id -> {id, questionId, status, stage}
const listeners = new Set();

export const onAnswerChange = (listener) => listeners.add(listener);
export const trackedAnswers = () => [...followed.values()];
const finished = (entry) => entry.status === "done" || entry.status === "failed";

function changed(entry) { listeners.forEach((listener) => listener(entry)); }

export function track(id, questionId, status = "queued", stage = "received") {
  if (followed.has(id)) return followed.get(id);
  const entry = { id, questionId, status, stage };
  followed.set(id, entry);
  if (finished(entry)) return entry;
  const events = new EventSource(answers.eventsUrl(id));
  events.addEventListener("stage", (event) => {
    Object.assign(entry, JSON.parse(event.data));
    changed(entry);
    if (finished(entry)) events.close();
  });
  events.onerror = () => { if (events.readyState === EventSource.CLOSED && !finished(entry)) poll(entry); };
  changed(entry);
  return entry;
}

async function poll(entry) {
  try {
    const latest = await answers.get(entry.id);
    Object.assign(entry, { status: latest.status, stage: latest.stage });
    changed(entry);
  } catch { /* try again */ }
  if (!finished(entry)) setTimeout(() => poll(entry), 3000);
}
