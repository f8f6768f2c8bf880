// The framed page's half of the iframe embed: tells the page that frames /embed/WIDGET how tall
// its content is, so the host's careform-frame.js can size the iframe to it (no inner scrolling).
// Without a helper on the host nothing listens, and the frame keeps its fixed height and scrolls.
//
// It posts only to its parent, and only to an origin the server allows to frame this form (the
// page lists them in <meta name="careform-frame-ancestors">, the same list as the CSP's
// frame-ancestors); it answers a height request only from its parent at one of those origins.
// A height is all it ever sends: nothing a person typed leaves the frame this way.
const allowed = (document.querySelector('meta[name="careform-frame-ancestors"]')?.content ?? "")
  .split(" ")
  .filter((o) => o.startsWith("https://") || o.startsWith("http://"));

/** Where the parent is: its origin when the browser says (Chromium, Safari), else every allowed
 * origin, of which postMessage delivers to the one the parent has, if any. */
function targets() {
  const parent = location.ancestorOrigins?.[0];
  if (parent !== undefined) return allowed.includes(parent) ? [parent] : [];
  return allowed;
}

let sent = -1;
function send(always) {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height === sent && !always) return;
  sent = height;
  for (const origin of targets()) window.parent.postMessage({ type: "careform:height", height }, origin);
}

if (window.parent !== window) {
  // Fires once on observing, then whenever the content's size changes (an error summary, a new
  // row, a narrower host column).
  new ResizeObserver(() => send(false)).observe(document.documentElement);
  addEventListener("message", (event) => {
    if (event.source !== window.parent || !allowed.includes(event.origin)) return;
    if (event.data !== null && typeof event.data === "object" && event.data.type === "careform:measure") send(true);
  });
}
