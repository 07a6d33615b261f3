// AI mock interview: the browser side. ES modules, no framework, no build step, nothing from
// the internet. Views: set-up, device check, question, report, progress; shared modules: the
// API client, the recorder, kept takes, live status, charts.
import { hasCsrfCookie, sessions } from "./api.js";
import { campGuard, startCamp } from "./camp.js";
import { $, say } from "./dom.js";
import { loadCatalogues, preferredLanguage, setLanguage, t } from "./i18n.js";
import { addRoute, currentRoute, route, startRouter } from "./router.js";
import { track } from "./tracking.js";
import { leftBehind, submit } from "./uploads.js";
import { bindCheck } from "./views/check.js";
import { progressView } from "./views/progress.js";
import { bindQuestion, sessionView } from "./views/question.js";
import { bindReport, reportView } from "./views/report.js";
import { bindSetup, relabel, setupView } from "./views/setup.js";

addRoute("setup", /^#\/?$/, campGuard(setupView));  // a camp student: the camp's session
addRoute("report", /^#\/sessions\/(\w+)\/report$/, reportView);
addRoute("question", /^#\/sessions\/(\w+)\/questions\/(\w+)$/, sessionView);
addRoute("session", /^#\/sessions\/(\w+)$/, sessionView);
addRoute("progress", /^#\/progress$/, progressView);

async function start() {
  await loadCatalogues();
  setLanguage(preferredLanguage());
  relabel();
  bindSetup(); bindCheck(); bindQuestion(); bindReport();
  $("nav-practice").addEventListener("click", () => { location.hash = "#/"; });
  $("nav-progress").addEventListener("click", () => { location.hash = "#/progress"; });
  $("ui-language").addEventListener("change", (event) => {
    setLanguage(event.target.value);
    relabel();
    if (["report", "progress"].includes(currentRoute())) route();  // never re-enter a question mid-answer
  });
  if (!hasCsrfCookie()) await sessions.list().catch(() => {});  // the server sets it on any call
  await startCamp();  // a camp student: the camp bar, the camp's camera rule
  // complete takes a reload or a dropped connection left behind are sent now
  const { complete } = await leftBehind();
  complete.forEach((item) => submit(item).then((id) => track(id, item.question)).catch((error) => say(error.message)));
  await startRouter();
  document.body.dataset.ready = "true";
}

start().catch(() => say(t("error.start")));
