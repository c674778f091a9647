// Live updates: one WebSocket to /console/ws while signed in. The server names which complaints
// changed (never what changed); each page reads what it needs again through /console/rpc, where every
// read is logged. A lost connection is opened again, waiting longer each time (at most 30 s).
import { session } from './api.js';

let socket = null;
let retry = 1000;
let timer = null;

/** Opens the live connection for the signed-in session (once). */
export function connectLive() {
  if (!session || socket || typeof WebSocket === 'undefined') return;
  const opened = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/console/ws`);
  socket = opened;
  opened.addEventListener('open', () => opened.send(JSON.stringify({ csrf: session?.csrf ?? '' })));
  opened.addEventListener('message', (message) => {
    let data;
    try { data = JSON.parse(message.data); } catch { return; }
    if (data.method === 'ready') {
      retry = 1000;
      document.documentElement.dataset.live = 'on';
    } else if (data.method === 'changed') {
      window.dispatchEvent(new CustomEvent('klage:changed', { detail: data.params ?? {} }));
    }
  });
  opened.addEventListener('close', () => {
    if (socket === opened) socket = null;
    delete document.documentElement.dataset.live;
    if (!session) return;
    clearTimeout(timer);
    timer = setTimeout(connectLive, retry);
    retry = Math.min(retry * 2, 30000);
  });
}

/** Closes the live connection (on sign-out). */
export function disconnectLive() {
  clearTimeout(timer);
  const closing = socket;
  socket = null;
  closing?.close();
}

/**
 * Calls `handler(params)` for each change while `slot` is on the page, at most once per `wait` ms
 * (changes in a burst are handled once, with the last one's params).
 */
export function onChange(slot, handler, wait = 400) {
  let pending = null;
  const listener = (event) => {
    if (!slot.isConnected) {
      window.removeEventListener('klage:changed', listener);
      return;
    }
    clearTimeout(pending);
    pending = setTimeout(() => { if (slot.isConnected) handler(event.detail); }, wait);
  };
  window.addEventListener('klage:changed', listener);
}
