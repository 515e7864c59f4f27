// ui.js - small helpers the pages share: route links, navigation, the
// status line (aria-live) and the busy state of a button. No API calls.

/** A link to a route, with each segment encoded. */
export function href(...segs) {
  return `#/${segs.map((s) => encodeURIComponent(String(s))).join('/')}`;
}

/** Navigate to a route (re-renders even when already there). */
export function go(...segs) {
  const target = href(...segs);
  if (location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = target;
}

/** Say a message politely (screen readers) and show it in the status bar. */
let lastAnnounce = 0;

export function announce(msg, kind = 'info') {
  const el = document.getElementById('status');
  if (!el) return;
  lastAnnounce = Date.now();
  el.className = `status status-${kind}`;
  el.textContent = '';
  /* A fresh text node makes screen readers repeat an identical message. */
  window.setTimeout(() => {
    el.textContent = msg;
  }, 30);
}

/** Run fn while btn is disabled and marked busy. */
export async function busy(btn, fn) {
  btn.disabled = true;
  btn.setAttribute('aria-busy', 'true');
  try {
    return await fn();
  } finally {
    btn.disabled = false;
    btn.removeAttribute('aria-busy');
  }
}

/** Clear the status line unless a message was just said (it may belong to
    the navigation that is rendering now, e.g. "fair created"). */
export function clearStaleStatus() {
  const el = document.getElementById('status');
  if (el && Date.now() - lastAnnounce > 2000) {
    el.textContent = '';
    el.className = 'status';
  }
}
