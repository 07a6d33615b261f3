// Sending takes: stored in the browser first, then uploaded, retried until the server has them.
import { RETRIED, uploadAnswer } from "./api.js";
import { forget, keep, pending } from "./store.js";

/** Upload ``item``; ``onProgress(percent)``, ``onRetry(message)``, resolves with the answer id
 * (or rejects with the server's refusal, a 4xx other than the retried ones). */
export async function submit(item, { onProgress = () => {}, onRetry = () => {} } = {}) {
  // a typed answer (never kept in IndexedDB) is named here, once: its retries carry it too
  const sent = { ...item, key: item.key ?? takeName(item) };
  for (let attempt = 0; ; attempt += 1) {
    try {
      const { answer_id: id } = await uploadAnswer(sent, onProgress);
      if (item.key) await forget(item.key);
      return id;
    } catch (error) {
      if (error.status && error.status < 500 && !RETRIED.includes(error.status)) {
        if (item.key) await forget(item.key);
        throw error;
      }
      onRetry(RETRIED.includes(error.status) ? error.message : "");
      await new Promise((resolve) => { setTimeout(resolve, Math.min(30000, 1000 * 2 ** attempt)); });
    }
  }
}

/** A new take's name: session, question, time and a random part (``crypto.randomUUID`` is
 * missing on plain http, as on a camp's LAN). */
function takeName(item) {
  return `${item.session}/${item.question}/${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Complete takes a reload left behind (sent on start), and interrupted ones (offered back). */
export async function leftBehind() {
  const items = await pending().catch(() => []);
  return { complete: items.filter((i) => i.complete !== false), interrupted: items.filter((i) => i.complete === false) };
}

export async function markComplete(item) { await keep({ ...item, complete: true }); }
export { forget };
