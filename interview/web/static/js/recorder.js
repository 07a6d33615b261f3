// The microphone and the recorder. The microphone is open only while the device check or a
// question is on screen; the header shows whenever it is (data-microphone="on" on <body>).
import { keep } from "./store.js";

let current = null;  // the open MediaStream, or null

export class MicrophoneError extends Error {
  constructor(kind) { super(kind); this.kind = kind; }  // denied | missing | unsupported | busy
}

export const canRecord = () => Boolean(window.MediaRecorder && navigator.mediaDevices?.getUserMedia);

/** Open the microphone (and the camera when asked); reuse the open stream when it fits. */
export async function openMicrophone({ camera = false } = {}) {
  if (current && current.getAudioTracks().some((track) => track.readyState === "live")
      && (current.getVideoTracks().length > 0) === camera) return current;
  releaseMicrophone();
  if (!canRecord()) throw new MicrophoneError("unsupported");
  try {
    current = await navigator.mediaDevices.getUserMedia({ audio: true, video: camera });
  } catch (error) {
    throw new MicrophoneError(error.name === "NotAllowedError" || error.name === "SecurityError" ? "denied"
      : error.name === "NotFoundError" || error.name === "OverconstrainedError" ? "missing"
        : error.name === "NotReadableError" ? "busy" : "unsupported");
  }
  document.body.dataset.microphone = "on";
  return current;
}

/** Stop every track: the browser's recording light goes off. */
export function releaseMicrophone() {
  if (current) current.getTracks().forEach((track) => track.stop());
  current = null;
  document.body.dataset.microphone = "off";
}

export const microphone = () => current;

export function mimeType(stream) {
  const video = stream.getVideoTracks().length > 0;
  const options = video ? ["video/webm;codecs=vp8,opus", "video/webm", "video/mp4"]
    : ["audio/webm;codecs=opus", "audio/webm", "audio/mp4", "audio/ogg;codecs=opus"];
  return options.find((type) => MediaRecorder.isTypeSupported(type)) ?? "";
}

/** A short test recording for the device check. */
export function recordFor(stream, milliseconds) {
  return new Promise((resolve) => {
    const recorder = new MediaRecorder(stream, { mimeType: mimeType(stream) });
    const chunks = [];
    recorder.ondataavailable = (event) => chunks.push(event.data);
    recorder.onstop = () => resolve(new Blob(chunks, { type: recorder.mimeType }));
    recorder.start(500);
    setTimeout(() => recorder.stop(), milliseconds);
  });
}

/** One answer's recording. Every second's chunk is kept in IndexedDB as it arrives, so a
 * reload keeps what was said up to the last chunk; ``finish`` marks the take complete. */
export class AnswerRecorder {
  constructor(stream, { session, question }) {
    this.recorder = new MediaRecorder(stream, { mimeType: mimeType(stream) });
    this.chunks = [];
    this.started = Date.now();
    this.key = `${session}/${question}/${this.started}`;
    this.meta = { session, question };
    this.saving = Promise.resolve();
    this.recorder.ondataavailable = (event) => {
      if (event.data.size) this.chunks.push(event.data);
      this.save(false);
    };
  }

  get seconds() { return (Date.now() - this.started) / 1000; }
  get active() { return this.recorder.state !== "inactive"; }

  item(complete) {
    return { key: this.key, ...this.meta, complete, seconds: Math.round(this.seconds * 10) / 10,
      blob: new Blob(this.chunks, { type: this.recorder.mimeType }) };
  }

  save(complete) {  // writes in order: a late chunk never overwrites the complete take
    const item = this.item(complete);
    this.saving = this.saving.then(() => keep(item)).catch(() => {});
    return this.saving.then(() => item);
  }

  start() { this.recorder.start(1000); }

  /** Stop; the take is complete (``true``) or interrupted and offered back later (``false``). */
  stop(complete) {
    return new Promise((resolve) => {
      if (!this.active) { this.save(complete).then(resolve); return; }
      this.recorder.onstop = () => {
        this.seconds_at_stop = this.seconds;
        this.save(complete).then(resolve);
      };
      this.recorder.stop();
    });
  }
}
