// The camps a counsellor runs (#/camps on the review screen), newest first: each opens its
// live dashboard, its editor or its projector screen; "새 캠프" makes one.
import { request } from "../api.js";
import { $, el, say, show } from "../dom.js";
import { localDate, t } from "../i18n.js";
import { go } from "../router.js";

let visit = 0;
let camps = null;  // the last GET answer, drawn again when the language changes

export const campErrorText = (error) => (error.status === 0 ? t("error.network") : error.message);

/** "2026. 12. 1. – 2026. 12. 2." (one date when the camp is one day). */
export function campDates(camp) {
  const from = localDate(`${camp.starts_on}T00:00:00`);
  return camp.ends_on === camp.starts_on ? from : `${from} – ${localDate(`${camp.ends_on}T00:00:00`)}`;
}

/** A join code as the screens show it, struck through and labelled when closed. */
export function codeBadge(code, open) {
  return el("span", { class: `join-code${open ? "" : " closed"}`, "data-open": String(open) }, code,
    open ? null : el("span", { class: "chip" }, t("camp.code_closed")));
}

function row(camp) {
  const tr = el("tr", { "data-camp": camp.id },
    el("td", {}, el("a", { href: `#/camps/${camp.id}` }, camp.name), el("div", { class: "quiet" }, camp.organisation)),
    el("td", {}, campDates(camp)),
    el("td", { class: "num" }, t("camp.students_n", { n: camp.students })),
    el("td", {}, codeBadge(camp.join_code, camp.join_open)),
    el("td", { class: "links" }, el("a", { href: `#/camps/${camp.id}/edit` }, t("camp.edit")), " ",
      el("a", { href: `#/camps/${camp.id}/projector` }, t("camp.projector"))));
  tr.addEventListener("click", (event) => { if (!event.target.closest("a")) go(`#/camps/${camp.id}`); });
  return tr;
}

function draw() {
  $("camp-rows").replaceChildren(...(camps ?? []).map(row));
  $("camp-empty").hidden = !camps || camps.length > 0;
}

async function load() {
  const mine = ++visit;
  const error = $("camp-list-error");
  error.hidden = true;
  try {
    const found = await request("/api/camps");
    if (mine !== visit) return;
    camps = found;
    draw();
  } catch (failure) {
    if (mine !== visit) return;
    error.textContent = campErrorText(failure);
    error.hidden = false;
  }
}

export const campListView = {
  async enter() { show("camp-list"); say(""); await load(); },
  leave() { visit += 1; },
  relabel() { draw(); },
};
