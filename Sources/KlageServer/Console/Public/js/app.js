// The console's shell: session, navigation by URL hash, language, and focus on each new page.
import { session, loadSession, signOut, isLeader } from './api.js';
import { h, replace, announce } from './dom.js';
import { t, setLanguage, currentLanguage } from './i18n.js';
import { signInPage } from './views/signin.js';
import { queuePage } from './views/queue.js';
import { complaintPage } from './views/complaint.js';
import { callPage } from './views/call.js';
import { documentPage } from './views/document.js';
import { leaderPage } from './views/leader.js';
import { annualPage } from './views/annual.js';
import { boardPage, boards } from './views/board.js';
import { localized, elementId } from './panels.js';
import { connectLive, disconnectLive } from './live.js';

const main = () => document.getElementById('main');

/** Page routes: pattern, page, and whether only leaders (and admins) may see it. */
const routes = [
  [/^#\/complaint\/([^/]+)\/call$/, callPage, false],
  [/^#\/complaint\/([^/]+)\/document\/([^/]+)\/([^/]+)$/, documentPage, false],
  [/^#\/complaint\/([^/]+)$/, complaintPage, false],
  [/^#\/leader$/, leaderPage, true],
  [/^#\/annual\/(\d{4})$/, annualPage, true],
  [/^#\/board(?:\/([^/]+))?$/, boardPage, false],
  [/^(?:#\/queue(?:\/(mine|all))?(?:\?(.*))?)?$/, queuePage, false],
];

function chrome() {
  document.documentElement.lang = currentLanguage();
  document.title = 'Klage';
  document.getElementById('skip').textContent = t('skip');
  document.getElementById('lang').textContent = t('otherLanguage');
  document.getElementById('lang').lang = currentLanguage() === 'da' ? 'en' : 'da';
  const signOutButton = document.getElementById('signout');
  signOutButton.textContent = t('signOut');
  signOutButton.hidden = !session;
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('menu'));
  nav.hidden = !session;
  const links = [['#/queue', t('queue'), 'nav-queue']];
  if (isLeader()) links.push(['#/leader', t('leader'), 'nav-leader']);
  for (const board of boards()) links.push([`#/board/${encodeURIComponent(board.id)}`, localized(board.title), `nav-${elementId(board.id)}`]);
  const here = location.hash || '#/queue';
  replace(nav, links.map(([href, text, id]) => h('a', { href, id, 'aria-current': here === href || (href === '#/queue' && (here === '' || here.startsWith('#/queue/') || here.startsWith('#/queue?'))) ? 'page' : false }, text)));
  if (session) document.getElementById('brand').textContent = `Klage · ${session.tenant.name}`;
}

async function render() {
  const target = main();
  // What this page shows untranslated is noted afresh (see i18n.js).
  delete document.documentElement.dataset.untranslated;
  if (!session) {
    disconnectLive();
    chrome();
    // Into a slot of its own, like every page: of two renders at once (sign-out sets the hash and
    // renders), the first finishes detached and never replaces the form the user is typing in.
    const slot = h('div', { class: 'view' });
    replace(target, slot);
    await signInPage(slot, render);
    return;
  }
  chrome();
  connectLive();
  const hash = location.hash;
  for (const [pattern, page, leadersOnly] of routes) {
    const match = hash.match(pattern);
    if (!match) continue;
    if (leadersOnly && !isLeader()) {
      replace(target, h('h1', { tabindex: -1 }, t('forbidden')), h('p', { id: 'forbidden' }, t('forbiddenText')));
    } else {
      // Each render draws into a slot of its own: a slow page the user has already left (a queue still
      // loading when the board was opened) finishes into a detached slot and never covers the newer page.
      const slot = h('div', { class: 'view' }, h('p', {}, t('loading')));
      replace(target, slot);
      try {
        await page(slot, ...match.slice(1).map((part) => (part === undefined ? undefined : decodeURIComponent(part))));
      } catch (error) {
        replace(slot, h('h1', { tabindex: -1 }, t('error')), h('p', { class: 'error' }, String(error.message ?? error)));
      }
      if (!slot.isConnected) return;
    }
    target.querySelector('h1')?.setAttribute('tabindex', '-1');
    target.querySelector('h1')?.focus();
    return;
  }
  replace(target, h('h1', { tabindex: -1 }, t('notFound')), h('p', {}, t('notFoundText')));
}

document.getElementById('lang').addEventListener('click', () => {
  setLanguage(currentLanguage() === 'da' ? 'en' : 'da');
  render();
});
document.getElementById('signout').addEventListener('click', async () => {
  const endSession = await signOut();
  // A person signed in through the municipality's provider signs out there too (it sends them back here).
  if (endSession && /^https?:\/\//.test(endSession)) {
    location.assign(endSession);
    return;
  }
  location.hash = '#/queue';
  await render();
  announce(t('signedOut'));
});
// The skip link moves focus without touching the hash, which is the page's route.
document.getElementById('skip').addEventListener('click', (event) => {
  event.preventDefault();
  main().focus();
});
window.addEventListener('hashchange', render);
window.addEventListener('klage:signed-out', () => { announce(t('sessionEnded')); render(); });

setLanguage(currentLanguage());
loadSession().then(render, render);
