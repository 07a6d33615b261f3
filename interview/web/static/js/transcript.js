// The transcript of an answer, shared by the seeker's report and the counsellor's review.
import { clock, el } from "./dom.js";
import { t } from "./i18n.js";

/** The transcript, each word a button-like span that plays the recording from there; fillers,
 * unclear words and long pauses marked. ``data-index`` is the word's index (0-based), the
 * unit of counsellors' comment spans; ``follow(audio, box)`` highlights the word being played. */
export function transcriptView(report, audio) {
  const box = el("p", { class: "transcript" });
  const fillers = new Set(report.fluency.fillers.map((f) => f.start));
  const unclear = report.fluency.unclear;
  const longPauses = report.pacing.long_pauses;
  const seek = (seconds) => { audio.currentTime = seconds; audio.play().catch(() => {}); };
  let next = 0;
  report.transcript.words.forEach((word, index) => {
    while (next < longPauses.length && longPauses[next].start <= word.start) {
      const pause = longPauses[next++];
      const mark = el("button", { type: "button", class: "pause", title: clock(pause.start), "data-start": pause.start },
        `${(pause.end - pause.start).toFixed(1)}s`);
      mark.addEventListener("click", () => seek(pause.start));
      box.append(mark);
    }
    const classes = ["w"];
    if (fillers.has(word.start)) classes.push("filler");
    if (unclear.some((u) => word.start >= u.start && word.end <= u.end + 0.01)) classes.push("unclear");
    const span = el("span", { class: classes.join(" "), "data-start": word.start, "data-end": word.end,
      "data-index": index, title: clock(word.start) }, word.word);
    span.addEventListener("click", () => seek(word.start));
    box.append(span, " ");
  });
  return box;
}

export function legend() {
  return el("p", { class: "legend-keys quiet" }, t("report.legend_intro"), " ",
    el("span", { class: "w filler" }, t("report.legend.filler")), " ",
    el("span", { class: "pause" }, t("report.legend.pause")), " ",
    el("span", { class: "w unclear" }, t("report.legend.unclear")));
}


/** Highlight the word being played in ``box`` while ``audio`` plays (class "current"). */
export function follow(audio, box) {
  const words = [...box.querySelectorAll("span.w")];
  let current = null;
  audio.addEventListener("timeupdate", () => {
    const now = audio.currentTime;
    const word = words.find((w) => Number(w.dataset.start) <= now && now < Number(w.dataset.end) + 0.15) ?? null;
    if (word === current) return;
    current?.classList.remove("current");
    word?.classList.add("current");
    current = word;
  });
}
