// The device check before the first question: the microphone's level, a 3-second test, the
// optional camera. A denied or missing microphone explains what to do and offers a retry or
// typed answers; nothing here can be pressed before the microphone works.
import { $, show } from "../dom.js";
import { t } from "../i18n.js";
import { MicrophoneError, openMicrophone, recordFor, releaseMicrophone } from "../recorder.js";

let meter = null;  // {context, frame}
let choices = null;  // {onContinue, onTyped}
let live = false;

function stopMeter() {
  if (!meter) return;
  cancelAnimationFrame(meter.frame);
  meter.context.close().catch(() => {});
  meter = null;
}

function startMeter(stream) {
  stopMeter();
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  context.createMediaStreamSource(stream).connect(analyser);
  const data = new Uint8Array(analyser.fftSize);
  meter = { context, frame: 0 };
  const tick = () => {
    analyser.getByteTimeDomainData(data);
    let peak = 0;
    for (const v of data) peak = Math.max(peak, Math.abs(v - 128) / 128);
    $("level").value = peak;
    if (meter) meter.frame = requestAnimationFrame(tick);
  };
  tick();
}

function setReady(ready) {
  $("check-continue").disabled = !ready;
  $("test-record").disabled = !ready;
}

function showProblem(kind) {
  $("check-problem").hidden = false;
  $("check-error").textContent = t(`check.${kind}`);
  $("check-how").hidden = kind !== "denied";
  setReady(false);
  $("check-retry").focus();
}

async function open() {
  $("check-problem").hidden = true;
  setReady(false);
  try {
    const stream = await openMicrophone({ camera: $("camera").checked });
    if (!live) return;
    if ($("camera").checked) { $("preview").srcObject = stream; $("preview").hidden = false; $("preview").play().catch(() => {}); }
    else { $("preview").hidden = true; $("preview").srcObject = null; }
    startMeter(stream);
    setReady(true);
  } catch (error) {
    if (live) showProblem(error instanceof MicrophoneError ? error.kind : "unsupported");
  }
}

/** Show the check; ``onContinue`` once the microphone works, ``onTyped`` to type instead. */
export function runCheck(onContinue, onTyped) {
  choices = { onContinue, onTyped };
  live = true;
  show("check");
  $("test-playback").hidden = true;
  return open();
}

export function leaveCheck() {
  live = false;
  stopMeter();
  $("preview").srcObject = null;
}

export function bindCheck() {
  $("camera").addEventListener("change", () => { releaseMicrophone(); open(); });
  $("check-retry").addEventListener("click", open);
  $("check-typed").addEventListener("click", () => { leaveCheck(); releaseMicrophone(); choices?.onTyped(); });
  $("check-continue").addEventListener("click", () => {
    if ($("check-continue").disabled) return;
    leaveCheck();
    choices?.onContinue();
  });
  $("test-record").addEventListener("click", async () => {
    const stream = await openMicrophone({ camera: $("camera").checked }).catch(() => null);
    if (!stream) { showProblem("denied"); return; }
    $("test-record").disabled = true;
    const blob = await recordFor(stream, 3000);
    $("test-record").disabled = false;
    $("test-playback").src = URL.createObjectURL(blob);
    $("test-playback").hidden = false;
  });
}
