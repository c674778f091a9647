// The work queue: the open complaints, the nearest deadline first (so today's call-backs lead), a page
// at a time with no ceiling; a person's own (assigned to them) by default, or all they may see
// (#/queue/all). A search and filters (words, state, department, overdue, received between two dates)
// live in the URL after '?', so a view can be bookmarked and shared; every search is access-logged.
import { rpc, session, workflows } from '../api.js';
import { h, replace, time, isToday, announce } from '../dom.js';
import { onChange } from '../live.js';
import { t, localized } from '../i18n.js';
import { nextDeadline, urgency, urgencyWord } from '../deadlines.js';

/** How many complaints one page shows. */
const pageSize = 50;

/** Whether a complaint's call-back (first contact) is due today or already late. */
function callbackToday(complaint) {
  const deadline = (complaint.deadlines ?? []).find((item) => item.name === 'firstContact' && !item.metAt && !item.stoppedAt);
  return Boolean(deadline && (isToday(deadline.dueAt) || Date.parse(deadline.dueAt) < Date.now()));
}

/** Local midnight of a `YYYY-MM-DD` date, `days` later, as an ISO instant; undefined for no date. */
function midnight(date, days = 0) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days).toISOString();
}

/** The `complaint.list` params of the filters in the URL. */
function listParams(filters, mine, flows) {
  const params = { order: 'due', limit: pageSize };
  if (mine) params.assignee = 'me';
  if (filters.get('q')) params.q = filters.get('q');
  const [workflow, state] = (filters.get('state') ?? '').split('|');
  const final = flows.get(workflow)?.states.find((item) => item.id === state)?.final;
  if (workflow && state) Object.assign(params, { workflow, state });
  if (!final) params.open = true;
  if (filters.get('department')) params.department = filters.get('department');
  if (filters.get('overdue') === '1') params.overdue = true;
  const from = midnight(filters.get('from'));
  const before = midnight(filters.get('to'), 1);
  if (from) params.receivedFrom = from;
  if (before) params.receivedBefore = before;
  if (filters.get('cursor')) params.cursor = filters.get('cursor');
  return params;
}

/** The queue's address for `scope` and `filters` (empty ones left out). */
function address(scope, filters) {
  const kept = new URLSearchParams([...filters].filter(([, value]) => value !== ''));
  const query = kept.toString();
  return `#/queue/${scope}${query ? `?${query}` : ''}`;
}

/** The search and filter form; submitting it goes to the first page of what it names. */
function filterForm(scope, filters, flows) {
  const field = (id, label, control) => h('p', { class: 'filter' }, h('label', { for: id }, label), control);
  const states = [...flows.values()].map((flow) => h('optgroup', { label: localized(flow.titles, flow.title) },
    flow.states.map((state) => h('option', { value: `${flow.id}|${state.id}`, selected: filters.get('state') === `${flow.id}|${state.id}` }, localized(state.titles, state.title)))));
  const form = h('form', { id: 'queue-filters', role: 'search', 'aria-label': t('searchAndFilter'), onsubmit: (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = new URLSearchParams();
    for (const name of ['q', 'state', 'department', 'from', 'to']) next.set(name, String(data.get(name) ?? '').trim());
    if (data.get('overdue')) next.set('overdue', '1');
    location.hash = address(scope, next);
  } },
  field('filter-q', t('searchWords'), h('input', { id: 'filter-q', name: 'q', type: 'search', maxlength: 200, value: filters.get('q') ?? '', 'aria-describedby': 'filter-q-hint' })),
  h('p', { id: 'filter-q-hint', class: 'hint' }, t('searchHint')),
  field('filter-state', t('state'), h('select', { id: 'filter-state', name: 'state' }, h('option', { value: '' }, t('allOpen')), states)),
  field('filter-department', t('department'), h('input', { id: 'filter-department', name: 'department', maxlength: 100, value: filters.get('department') ?? '' })),
  field('filter-from', t('receivedFrom'), h('input', { id: 'filter-from', name: 'from', type: 'date', value: filters.get('from') ?? '' })),
  field('filter-to', t('receivedTo'), h('input', { id: 'filter-to', name: 'to', type: 'date', value: filters.get('to') ?? '' })),
  h('p', { class: 'filter' }, h('label', {}, h('input', { id: 'filter-overdue', name: 'overdue', type: 'checkbox', value: '1', checked: filters.get('overdue') === '1' }), ' ', t('overdueOnly'))),
  h('p', { class: 'actions' }, h('button', { type: 'submit', id: 'filter-submit' }, t('find')),
    h('a', { href: `#/queue/${scope}`, id: 'filter-clear' }, t('clearFilters'))));
  return form;
}

/** The rows of one page. */
function queueTable(complaints, flows) {
  const stateTitle = (complaint) => {
    const state = flows.get(complaint.workflow)?.states.find((item) => item.id === complaint.state);
    return state ? localized(state.titles, state.title) : complaint.state;
  };
  return h('table', { id: 'queue' },
    h('caption', { class: 'visually-hidden' }, t('queueTitle')),
    h('thead', {}, h('tr', {}, [t('due'), t('subject'), t('citizen'), t('state'), t('received')].map((name) => h('th', { scope: 'col' }, name)))),
    h('tbody', {}, complaints.map((complaint) => {
      const next = nextDeadline(complaint);
      const today = callbackToday(complaint);
      const level = next ? urgency(next) : 'ok';
      return h('tr', { 'data-id': complaint.id, class: today ? 'today' : null },
        h('td', { class: next ? `due-${level}` : null },
          next ? [h('span', { class: 'badge' }, today ? t('callbackToday') : urgencyWord(level)), ' ', time(next.dueAt)] : t('none')),
        h('td', {}, h('a', { href: `#/complaint/${encodeURIComponent(complaint.id)}`, class: 'complaint-link' }, complaint.subject)),
        h('td', {}, complaint.citizen?.name ?? ''),
        h('td', {}, stateTitle(complaint)),
        h('td', {}, time(complaint.receivedAt)));
    })));
}

export async function queuePage(target, scope) {
  const mine = scope ? scope === 'mine' : session?.signedInWith === 'provider';
  const shown = mine ? 'mine' : 'all';
  // From the address itself: the router decodes its parts, which would break an encoded '&' in a search.
  const filters = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const flows = await workflows();
  const scopes = h('p', { class: 'actions', id: 'queue-scope' },
    h('a', { href: address('mine', filters), id: 'queue-mine', 'aria-current': mine ? 'page' : false }, t('mine')),
    h('a', { href: address('all', filters), id: 'queue-all', 'aria-current': mine ? false : 'page' }, t('everyone')));
  const results = h('div', { id: 'queue-results' });
  let shownIds = await queueResults(results, filters, mine, shown, flows);
  replace(target, h('h1', {}, t('queueTitle')), h('p', {}, t('queueIntro')), scopes, filterForm(shown, filters, flows), results);
  // Live: a complaint created, changed or past a deadline anywhere in view is shown without a reload;
  // the form, and whatever the caseworker was typing in it, stays as it is.
  onChange(results, async () => {
    const before = shownIds;
    shownIds = await queueResults(results, filters, mine, shown, flows);
    const added = [...shownIds].filter((id) => !before.has(id)).length;
    if (added) announce(t('queueNew').replace('{n}', String(added)));
  });
}

/** Fills `results` with one page of the queue; returns the ids shown. */
async function queueResults(results, filters, mine, shown, flows) {
  const pageNumber = Math.max(1, Number(filters.get('page')) || 1);
  let page;
  let failure = null;
  try {
    page = await rpc('complaint.list', listParams(filters, mine, flows));
  } catch (error) {
    page = { items: [] };
    failure = error.data?.field === 'q' ? `${t('searchWords')}: ${error.data.reason ?? error.message}` : error.message;
  }
  const searching = ['q', 'state', 'department', 'overdue', 'from', 'to'].some((name) => filters.get(name));
  const pager = [];
  if (pageNumber > 1) {
    const first = new URLSearchParams(filters);
    first.delete('cursor');
    first.delete('page');
    pager.push(h('a', { href: address(shown, first), id: 'page-first' }, t('firstPage')));
  }
  if (page.nextCursor) {
    const next = new URLSearchParams(filters);
    next.set('cursor', page.nextCursor);
    next.set('page', String(pageNumber + 1));
    pager.push(h('a', { href: address(shown, next), id: 'page-next', rel: 'next' }, t('nextPage')));
  }
  const from = (pageNumber - 1) * pageSize + 1;
  const summary = page.items.length
    ? t('showing').replace('{from}', String(from)).replace('{to}', String(from + page.items.length - 1))
    : (searching ? t('noMatches') : t('emptyQueue'));
  replace(results,
    failure ? h('p', { class: 'error', role: 'alert', id: 'queue-error' }, failure) : null,
    h('p', { id: 'queue-summary' }, summary),
    page.items.length ? queueTable(page.items, flows) : null,
    pager.length ? h('nav', { class: 'actions', id: 'pager', 'aria-label': t('pages') }, pager) : null);
  return new Set(page.items.map((item) => item.id));
}
