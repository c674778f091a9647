// Gladsaxe's board: learning items routed to champions, meetings, and actions tracked to done.
import { batch } from '../api.js';
import { h, replace, time } from '../dom.js';
import { t } from '../i18n.js';

function column(id, title, items, render) {
  return h('section', { class: 'card', id, 'aria-labelledby': `${id}-h` }, h('h2', { id: `${id}-h` }, title),
    items.length ? h('ul', {}, items.map(render)) : h('p', {}, t('noItems')));
}

export async function boardPage(target) {
  const [learning, actions, meetings] = await batch([
    ['learning.list', { limit: 50 }], ['gladsaxe.action.list', {}], ['gladsaxe.meeting.list', {}],
  ]);
  const list = (result) => (result instanceof Error ? [] : result.items ?? []);
  replace(target, h('h1', {}, t('board')), h('div', { class: 'board' },
    column('board-learning', t('learning'), list(learning), (item) => h('li', {}, h('strong', {}, item.title), h('br'), item.state, item.department ? ` · ${item.department}` : '')),
    column('board-meetings', t('meetings'), list(meetings), (item) => h('li', {}, h('strong', {}, time(item.heldAt)), h('br'),
      (item.attendees ?? []).join(', '), ` · ${(item.reviewed ?? []).length} ${t('reviewed')}`)),
    column('board-actions', t('boardActions'), list(actions), (item) => h('li', {}, h('strong', {}, item.title), h('br'), item.state,
      item.owner ? ` · ${item.owner}` : '', item.dueAt ? [' · ', time(item.dueAt)] : ''))));
}
