// The host page's half of the iframe embed (/embed/WIDGET on the Careform server): include it with
//   <script type="module" src="https://CAREFORM-SERVER/widgets/careform-frame.js"></script>
// and every <iframe> on the page whose src is that server's /embed/ takes the height of its
// content, so the person never scrolls inside a box. Without it the frame keeps the height the
// page gave it and scrolls.
//
// Messages are trusted only when they come from the Careform origin (the origin this script was
// served from) and from the contentWindow of one of this page's /embed/ iframes; only a whole
// number of pixels within bounds is applied, and only as that frame's height.
const careform = new URL(import.meta.url).origin;
const prefix = `${careform}/embed/`;
// Taller than any form; a larger figure is a mistake or an attack, not a height.
const MAX_HEIGHT = 50000;

const frames = () => [...document.querySelectorAll("iframe")].filter((f) => f.src.startsWith(prefix));

addEventListener("message", (event) => {
  if (event.origin !== careform) return;
  const frame = frames().find((f) => f.contentWindow === event.source);
  if (!frame) return;
  const { data } = event;
  if (data === null || typeof data !== "object" || data.type !== "careform:height") return;
  const height = data.height;
  if (!Number.isInteger(height) || height < 0 || height > MAX_HEIGHT) return;
  frame.style.height = `${height}px`;
});

// A frame that loaded before this script ran has already sent its height to nobody: ask again.
// The question carries nothing, so it may go to any origin ("*" also spares a console error when
// the frame still holds its initial blank document); the frame answers only its parent, and only
// when this page's origin is one allowed to frame it.
function ask(frame) {
  frame.contentWindow?.postMessage({ type: "careform:measure" }, "*");
}
for (const frame of frames()) {
  ask(frame);
  frame.addEventListener("load", () => ask(frame));
}
