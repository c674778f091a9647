// The annual report on complaints to the council (report.annual), as a printable page: the Danish text,
// the year against the year before and the baseline, and the year by department. No personal data;
// groups under five are suppressed by the server. The print button uses the browser's print dialog
// (save as PDF), and the print style sheet leaves out the console's header and buttons.
import { rpc } from '../api.js';
import { h, replace } from '../dom.js';

function percent(share) {
  return share == null ? '–' : `${(share * 100).toLocaleString('da-DK', { maximumFractionDigits: 1 })} %`;
}

function number(value) {
  return value == null ? '–' : value.toLocaleString('da-DK', { maximumFractionDigits: 1 });
}

const rows = [
  ['Modtagne klager', (year) => number(year.received)],
  ['Afsluttet i dialog', (year) => percent(year.stoppedByDialogueShare)],
  ['Stadig åbne', (year) => percent(year.openShare)],
  ['Sagsbehandlingstid, median (dage)', (year) => number(year.medianDaysToClose)],
  ['Første samtale inden for 24 timer', (year) => percent(year.firstContactWithin24HoursShare)],
  ['Første samtale inden for kommunens frist', (year) => percent(year.firstContactWithinDeadlineShare)],
  ['Klager over afgørelser sendt videre', (year) => number(year.appealsForwarded)],
  ['Tilfredshed (1–5)', (year) => number(year.satisfactionMean)],
  ['Læring omsat til handlinger', (year) => number(year.learningTurnedIntoActions)],
];

function table(caption, heads, columns) {
  return h('table', { class: 'annual-table' }, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), heads.map((head) => h('th', { scope: 'col' }, head)))),
    h('tbody', {}, rows.map(([label, value]) => h('tr', {}, h('th', { scope: 'row' }, label), columns.map((column) => h('td', {}, column ? value(column) : '–'))))));
}

export async function annualPage(target, yearText) {
  const year = Number(yearText);
  const report = await rpc('report.annual', { year });
  const baseline = report.baseline ? { received: report.baseline.received, medianDaysToClose: report.baseline.medianDaysToClose,
    appealsForwarded: report.baseline.appealsForwarded, satisfactionMean: report.baseline.satisfactionMean } : null;
  const years = table(`${year} mod ${year - 1} og før metoden`, [String(year), String(year - 1), 'Før metoden'],
    [report.thisYear, report.previousYear, baseline]);
  const departments = table('Årets tal pr. forvaltning (grupper under 5 klager vises ikke)', report.departments.map((department) => department.department || '(ingen)'),
    report.departments.map((department) => department.suppressed ? null : department));
  const print = h('button', { type: 'button', id: 'print-annual', onclick: () => window.print() }, 'Udskriv eller gem som PDF');
  const yearNav = h('nav', { class: 'actions no-print', 'aria-label': 'År' },
    h('a', { href: `#/annual/${year - 1}` }, String(year - 1)), print);
  replace(target, h('article', { class: 'annual', lang: 'da' },
    h('h1', {}, report.title),
    yearNav,
    h('section', { 'aria-label': 'Beretning' }, report.paragraphs.map((paragraph) => h('p', {}, paragraph))),
    h('section', { 'aria-label': 'Tal' }, years, departments)));
}
