// A plug-in's board: a page of its own, its sections each a table of what one method lists.
import { batch, session } from '../api.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { localized, itemTable, itemsOf } from '../panels.js';

/** The boards the session may see, as the plug-ins of its tenant declare them. */
export function boards() {
  return session?.console?.boards ?? [];
}

export async function boardPage(target, id) {
  const board = id ? boards().find((item) => item.id === id) : boards()[0];
  if (!board) {
    replace(target, h('h1', {}, t('forbidden')), h('p', { id: 'forbidden' }, t('forbiddenText')));
    return;
  }
  const results = await batch(board.sections.map((section) => [section.method, section.params]));
  replace(target, h('h1', {}, localized(board.title)), h('div', { class: 'board' },
    board.sections.map((section, index) => h('section', { class: 'card', id: `board-${section.id}`, 'aria-labelledby': `board-${section.id}-h` },
      h('h2', { id: `board-${section.id}-h` }, localized(section.title)),
      itemTable(`board-${section.id}-table`, section.columns, itemsOf(results[index]), t('noItems'))))));
}
