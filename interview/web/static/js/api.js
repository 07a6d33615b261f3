// The API client: every request says the interface's language, every error reads as one sentence.
import { uiLanguage } from "./i18n.js";

let staffCsrf = null;  // a staff screen's login token (from /api/auth/me); else the seeker's cookie

/** Staff screens: send this login's CSRF token on unsafe requests. */
export function setCsrfToken(token) { staffCsrf = token; }

/** The CSRF token to send back on unsafe requests: the staff login's, or the seeker's
 * (readable cookie ``interview_csrf``, derived from the HttpOnly owner token). */
export function csrfToken() {
  if (staffCsrf) return staffCsrf;
  const match = document.cookie.match(/(?:^|;\s*)interview_csrf=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}
export const hasCsrfCookie = () => /(?:^|;\s*)interview_csrf=/.test(document.cookie);

/** Statuses that mean "stalled, busy or capped for now": keep the take and try again. */
export const RETRIED = [408, 429, 503, 507];

export class ApiError extends Error {
  constructor(status, message, errors = []) {
    super(message);
    this.status = status;
    this.errors = errors;  // for 422: [{loc, msg, type}]
  }
}

function parseError(status, body, fallback) {
  try {
    const parsed = JSON.parse(body);
    const detail = typeof parsed.detail === "string" ? parsed.detail : fallback;
    return new ApiError(status, detail, Array.isArray(parsed.errors) ? parsed.errors : []);
  } catch {
    return new ApiError(status, fallback);
  }
}

/** fetch() that throws ApiError on a status other than 2xx, and returns the parsed JSON. */
export async function request(url, { method = "GET", body, language } = {}) {
  const headers = { "Accept-Language": language ?? uiLanguage() };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (!["GET", "HEAD"].includes(method)) headers["X-CSRF-Token"] = csrfToken();
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, "network");
  }
  const text = await response.text();
  if (!response.ok) throw parseError(response.status, text, response.statusText);
  return text ? JSON.parse(text) : null;
}

export const sessions = {
  create: (body, language) => request("/api/practice-sessions", { method: "POST", body, language }),
  list: () => request("/api/practice-sessions"),
  report: (id) => request(`/api/practice-sessions/${id}/report`),
  addFollowUp: (id, body) => request(`/api/practice-sessions/${id}/questions`, { method: "POST", body }),
  pdfUrl: (id) => `/api/practice-sessions/${id}/report.pdf`,
  share: (id) => request(`/api/practice-sessions/${id}/share`, { method: "POST" }),
  unshare: (id) => request(`/api/practice-sessions/${id}/share`, { method: "DELETE" }),
  shareState: (id) => request(`/api/practice-sessions/${id}/share`).catch((error) => {
    if (error.status === 404) return null;
    throw error;
  }),
  markReviewSeen: (id) => request(`/api/practice-sessions/${id}/review/seen`, { method: "POST" }),
};

export const answers = {
  get: (id) => request(`/api/answers/${id}`),
  eventsUrl: (id) => `/api/answers/${id}/events`,
  mediaUrl: (id) => `/api/answers/${id}/media`,
};

/** Upload a recorded (``item.blob``) or typed (``item.text``) answer, reporting progress. */
export function uploadAnswer(item, onProgress = () => {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/practice-sessions/${item.session}/questions/${item.question}/answers`);
    xhr.setRequestHeader("Accept-Language", uiLanguage());
    xhr.setRequestHeader("X-CSRF-Token", csrfToken());
    // the take's own name, the same on every retry: a take the server already stored (its
    // answer lost with the connection) is answered again, never stored twice
    if (item.key) xhr.setRequestHeader("Idempotency-Key", item.key);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((100 * event.loaded) / event.total));
    };
    xhr.onload = () => (xhr.status === 202 ? resolve(JSON.parse(xhr.response))
      : reject(parseError(xhr.status, xhr.responseText, xhr.statusText)));
    xhr.onerror = () => reject(new ApiError(0, "network"));
    if (item.blob) {
      const form = new FormData();
      const type = item.blob.type;
      const extension = type.includes("mp4") ? "m4a" : type.includes("ogg") ? "ogg" : "webm";
      form.append("media", item.blob, `answer.${extension}`);
      xhr.send(form);
    } else {
      xhr.setRequestHeader("Content-Type", "application/json");
      xhr.send(JSON.stringify({ text: item.text }));
    }
  });
}
