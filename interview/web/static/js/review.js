// The counsellor's review screen (/review): the list of shared sessions to review and one
// session's answers with comments, adjusted scores and the summary note. Staff only: without
// a login the page sends the visitor to /login and back here.
//   #/                the list
//   #/sessions/{id}   one session
import { setCsrfToken } from "./api.js";
import { $, say } from "./dom.js";
import { loadCatalogues, preferredLanguage, setLanguage, t } from "./i18n.js";
import { addRoute, currentRoute, route, startRouter } from "./router.js";
import { logout, staffLogin } from "./views/login.js";
import { bindList, listView, relabelList } from "./views/review-list.js";
import { bindSession, sessionView } from "./views/review-session.js";
import { auditView, bindAudit, relabelAudit } from "./views/audit.js";

addRoute("list", /^#\/?$/, listView);
addRoute("session", /^#\/sessions\/(\w+)$/, sessionView);
addRoute("audit", /^#\/audit$/, auditView);

let login = null;

function showUser() {
  $("review-user").textContent = t("review.user", { name: login.user.display_name });
}

async function start() {
  await loadCatalogues();
  setLanguage(preferredLanguage());
  login = await staffLogin();
  if (!login) {
    location.assign(`/login?next=${encodeURIComponent("/review" + location.hash)}`);
    return;
  }
  setCsrfToken(login.csrf_token);
  showUser();
  relabelList();
  relabelAudit();
  $("nav-audit").hidden = login.user.role !== "admin";
  bindList(); bindSession(); bindAudit();
  $("ui-language").addEventListener("change", (event) => {
    setLanguage(event.target.value);
    showUser();
    relabelList();
    relabelAudit();
    if (currentRoute() === "session") sessionView.relabel(); else route();  // no second audited GET
  });
  $("review-logout").addEventListener("click", () => logout().catch((error) => say(error.message)));
  await startRouter();
  document.body.dataset.ready = "true";
}

start().catch(() => say(t("error.start")));
