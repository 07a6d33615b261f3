// Hash routes: every session has an address of its own, so a reload or a link lands there.
//   #/                              set-up
//   #/sessions/{id}                 continue: the next unanswered question, else the report
//   #/sessions/{id}/questions/{qid} one question (a retry or a follow-up)
//   #/sessions/{id}/report          the report
//   #/progress                      past sessions and the progress chart
const routes = [];
let leaving = null;
let currentName = null;

export function addRoute(name, pattern, view) { routes.push({ name, pattern, view }); }
export const currentRoute = () => currentName;

export async function route() {
  const hash = location.hash || "#/";
  const match = routes.map((r) => ({ r, m: hash.match(r.pattern) })).find((x) => x.m) ?? { r: routes[0], m: [] };
  if (leaving) { const leave = leaving; leaving = null; await leave(); }
  currentName = match.r.name;
  leaving = match.r.view.leave ?? null;
  await match.r.view.enter(...match.m.slice(1));
}

/** Go to ``hash`` (``replace``: without a history entry, e.g. when a route redirects). */
export function go(hash, { replace = false } = {}) {
  if (location.hash === hash) { route(); return; }
  if (replace) { history.replaceState(null, "", hash); route(); } else location.hash = hash;
}

export function startRouter() { window.addEventListener("hashchange", route); return route(); }
