// The projector screen of a camp (#/camps/{id}/projector): the join code huge, its QR code and
// the join address, readable from the back of a classroom; each group's code too. The page's
// bar is hidden; the camp is read again every 20 s, so a new or closed code shows here.
import { request } from "../api.js";
import { $, el, say, show } from "../dom.js";
import { t } from "../i18n.js";
import { campErrorText } from "./camp-list.js";
import { qrUrl } from "./camp-edit.js";

const REFRESH_MS = 20_000;
let camp = null;
let timer = null;
let visit = 0;

function joinBlock(entry, big) {
  return el("div", { class: `join-block${big ? " main" : ""}`, "data-group": entry.group_id ?? "", "data-open": String(entry.join_open) },
    entry.group_id ? el("h3", { class: "group-name" }, entry.name) : null,
    el("div", { class: "join-body" },
      el("img", { class: "qr", src: qrUrl(camp.id, entry), alt: t("camp.qr_alt", { code: entry.join_code }), width: big ? 360 : 200, height: big ? 360 : 200 }),
      el("div", {},
        el("p", { class: "join-label" }, t("camp.projector_code")),
        el("p", { class: "projector-code", "aria-label": entry.join_code.split("").join(" ") }, entry.join_code),
        entry.join_open ? null : el("p", { class: "code-closed" }, t("camp.code_closed")),
        el("p", { class: "join-label" }, t("camp.projector_url")),
        el("p", { class: "projector-url" }, entry.join_url))));
}

function draw() {
  const groups = camp.groups.map((g) => ({ group_id: g.id, name: g.name, join_code: g.join_code, join_open: g.join_open, join_url: g.join_url }));
  $("camp-projector-body").replaceChildren(
    el("h2", { class: "projector-name" }, camp.name),
    el("p", { class: "projector-org" }, camp.organisation),
    joinBlock({ group_id: null, name: camp.name, join_code: camp.join_code, join_open: camp.join_open, join_url: camp.join_url }, true),
    groups.length ? el("div", { class: "group-blocks" }, ...groups.map((g) => joinBlock(g, false))) : null);
  $("camp-projector-back").href = `#/camps/${camp.id}`;
}

async function load(id, mine) {
  try {
    const found = await request(`/api/camps/${id}`);
    if (mine !== visit) return;
    $("camp-projector-error").hidden = true;
    const changed = JSON.stringify(found) !== JSON.stringify(camp);
    camp = found;
    if (changed) draw();
  } catch (error) {
    if (mine !== visit) return;
    $("camp-projector-error").textContent = campErrorText(error);
    $("camp-projector-error").hidden = false;
  }
}

export const campProjectorView = {
  async enter(id) {
    const mine = ++visit;
    camp = null;
    document.body.classList.add("projecting");
    show("camp-projector");
    say("");
    $("camp-projector-body").replaceChildren();
    await load(id, mine);
    if (mine === visit) timer = setInterval(() => load(id, mine), REFRESH_MS);
  },
  leave() {
    visit += 1;
    clearInterval(timer);
    timer = null;
    document.body.classList.remove("projecting");
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  },
  relabel() { if (camp) draw(); },
};

export function bindProjector() {
  $("camp-fullscreen").addEventListener("click", () => {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    else $("camp-projector").requestFullscreen?.().catch(() => {});
  });
}
