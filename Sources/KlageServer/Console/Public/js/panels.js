// The plug-ins' own tables, as they declare them (the session's `console`): panels on a complaint's page
// and the sections of their boards. Each lists the `items` of one method in declared columns; the console
// knows no plug-in by name.
import { h, time } from './dom.js';
import { t, currentLanguage, localized } from './i18n.js';

export { localized };

/** An element id from a declared name: `mymethod.tasks` becomes `mymethod-tasks`. */
export function elementId(name) {
  return name.replace(/[^A-Za-z0-9_-]/g, '-');
}

/** The items of a method's result, or none when it failed. */
export function itemsOf(result) {
  return result && !(result instanceof Error) ? result.items ?? [] : [];
}

/** A value as its declared format shows it; `names` gives the people and keys by id (`person`). */
export function cell(value, format, names = {}) {
  if (value === undefined || value === null) return '';
  switch (format) {
    case 'person': return names[value] ?? t('someone');
    case 'time': return time(value);
    case 'list': return Array.isArray(value) ? value.join(', ') : String(value);
    case 'count': return Array.isArray(value) ? String(value.length) : '';
    case 'yesNo': return value === true ? t('yes') : value === false ? t('no') : '';
    default: return String(value);
  }
}

/**
 * A table of `items` in `columns` ({key, title, format}), or `empty` when there are none. `link`, when
 * given, adds a last column: `link(item)` gives `{href, text}` (a panel's documents).
 */
export function itemTable(id, columns, items, empty, { names = {}, link = null } = {}) {
  if (!items.length) return h('p', {}, empty);
  return h('div', { class: 'table-scroll' }, h('table', { id },
    h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col' }, localized(column.title))),
      link ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('document'))) : null)),
    h('tbody', {}, items.map((item) => h('tr', {}, columns.map((column) => h('td', {}, cell(item[column.key], column.format, names))),
      link ? h('td', {}, h('a', { href: link(item).href, class: 'document-link' }, link(item).text)) : null)))));
}
