// One document of a complaint, as a plug-in's panel declares it (e.g. Copenhagen's note under § 13 of
// each completed conversation): the complaint's reference, then the document's sections; it prints as
// it reads, to file in the case system. The console knows no plug-in by name.
import { batch, session } from '../api.js';
import { h, replace, time } from '../dom.js';
import { t, localized } from '../i18n.js';
import { cell, itemsOf } from '../panels.js';
import { notFound } from './complaint.js';

/** A section's value: a table for a list of objects, else as the format shows it. */
function sectionValue(section, value, names) {
  if (section.format !== 'table') return cell(value, section.format, names) || '–';
  const rows = Array.isArray(value) ? value : [];
  if (!rows.length) return t('noItems');
  return h('table', { class: 'document-table' },
    h('thead', {}, h('tr', {}, section.columns.map((column) => h('th', { scope: 'col' }, localized(column.title))))),
    h('tbody', {}, rows.map((row) => h('tr', {}, section.columns.map((column) => h('td', {}, cell(row[column.key], column.format, names)))))));
}

export async function documentPage(target, complaintId, panelId, key) {
  const panel = (session.console?.complaintPanels ?? []).find((item) => item.id === panelId && item.document);
  if (!panel) return notFound(target);
  const [complaint, journey, listed] = await batch([
    ['complaint.get', { id: complaintId }], ['complaint.journey', { id: complaintId }], [panel.method, { [panel.complaintParam]: complaintId }],
  ]);
  if (complaint instanceof Error) return notFound(target);
  const item = itemsOf(listed).find((entry) => String(entry[panel.document.key]) === key);
  if (!item) return notFound(target);
  const names = journey instanceof Error ? {} : journey.names ?? {};
  const back = `#/complaint/${encodeURIComponent(complaintId)}`;
  replace(target,
    h('p', { class: 'no-print' }, h('a', { href: back, id: 'document-back' }, `← ${t('backToComplaint')}`)),
    h('article', { class: 'document', id: 'document' },
      h('h1', {}, localized(panel.document.title)),
      h('p', { id: 'document-heading' }, `${t('reference')}: ${complaint.externalRef ?? complaint.id} · ${complaint.subject} · ${t('received')}: `,
        time(complaint.receivedAt), ` · ${t('printedAt')}: `, time(new Date().toISOString())),
      h('dl', { class: 'facts document-sections' }, panel.document.sections.map((section) => [
        h('dt', {}, localized(section.title)),
        h('dd', { 'data-key': section.key }, sectionValue(section, item[section.key], names)),
      ]))),
    h('p', { class: 'no-print actions' }, h('button', { type: 'button', id: 'print-document', class: 'primary', onclick: () => window.print() }, t('printDocument'))));
}
