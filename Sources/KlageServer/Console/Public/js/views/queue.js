// The work queue: the open complaints by deadline, today's call-backs first; a person's own (assigned to
// them) by default, or all they may see (#/queue/all). A break-glass key's session shows all.
import { batch, session, workflows } from '../api.js';
import { h, replace, time, isToday } from '../dom.js';
import { t } from '../i18n.js';
import { nextDeadline, urgency, urgencyWord } from '../deadlines.js';

/** Whether a complaint's call-back (first contact) is due today or already late. */
function callbackToday(complaint) {
  const deadline = (complaint.deadlines ?? []).find((item) => item.name === 'firstContact' && !item.metAt && !item.stoppedAt);
  return Boolean(deadline && (isToday(deadline.dueAt) || Date.parse(deadline.dueAt) < Date.now()));
}

export async function queuePage(target, scope) {
  const mine = scope ? scope === 'mine' : session?.signedInWith === 'provider';
  const flows = await workflows();
  const calls = [];
  for (const flow of flows.values()) {
    for (const state of flow.states.filter((item) => !item.final)) {
      calls.push(['complaint.list', { workflow: flow.id, state: state.id, limit: 100, ...(mine ? { assignee: 'me' } : {}) }]);
    }
  }
  const pages = calls.length ? await batch(calls) : [];
  const complaints = pages.flatMap((page) => (page instanceof Error ? [] : page.items));
  const rows = complaints.map((complaint) => ({ complaint, next: nextDeadline(complaint), today: callbackToday(complaint) }));
  rows.sort((a, b) => (b.today - a.today) || ((a.next ? Date.parse(a.next.dueAt) : Infinity) - (b.next ? Date.parse(b.next.dueAt) : Infinity)));
  const stateTitle = (complaint) => flows.get(complaint.workflow)?.states.find((state) => state.id === complaint.state)?.title ?? complaint.state;
  const table = h('table', { id: 'queue' },
    h('caption', { class: 'visually-hidden' }, t('queueTitle')),
    h('thead', {}, h('tr', {}, [t('due'), t('subject'), t('citizen'), t('state'), t('received')].map((name) => h('th', { scope: 'col' }, name)))),
    h('tbody', {}, rows.map(({ complaint, next, today }) => {
      const level = next ? urgency(next) : 'ok';
      return h('tr', { 'data-id': complaint.id, class: today ? 'today' : null },
        h('td', { class: next ? `due-${level}` : null },
          next ? [h('span', { class: 'badge' }, today ? t('callbackToday') : urgencyWord(level)), ' ', time(next.dueAt)] : t('none')),
        h('td', {}, h('a', { href: `#/complaint/${encodeURIComponent(complaint.id)}`, class: 'complaint-link' }, complaint.subject)),
        h('td', {}, complaint.citizen?.name ?? ''),
        h('td', {}, stateTitle(complaint)),
        h('td', {}, time(complaint.receivedAt)));
    })));
  const scopes = h('p', { class: 'actions', id: 'queue-scope' },
    h('a', { href: '#/queue/mine', id: 'queue-mine', 'aria-current': mine ? 'page' : false }, t('mine')),
    h('a', { href: '#/queue/all', id: 'queue-all', 'aria-current': mine ? false : 'page' }, t('everyone')));
  replace(target, h('h1', {}, t('queueTitle')), h('p', {}, t('queueIntro')), scopes, rows.length ? table : h('p', {}, t('emptyQueue')));
}
