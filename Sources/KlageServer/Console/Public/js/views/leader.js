// The leader's overview: the attention list, and the evidence reports as charts (series over time,
// before and after the method's adoption beside baseline), with CSV download.
import { batch, rpc, session } from '../api.js';
import { h, replace, time } from '../dom.js';
import { t, currentLanguage } from '../i18n.js';
import { chartFigure } from '../charts.js';
import { localized } from '../panels.js';

// The kernel's attention kinds; the plug-ins' come with the session, titled by the plug-in that declares them.
const kinds = {
  da: { 'deadline.dueSoon': 'Frist nærmer sig', 'deadline.missed': 'Frist overskredet' },
  en: { 'deadline.dueSoon': 'Deadline due soon', 'deadline.missed': 'Deadline missed' },
};

function kindTitle(kind) {
  const declared = session?.console?.attentionKinds?.[kind];
  return declared ? localized(declared) : kinds[currentLanguage()][kind] ?? kind;
}

function month(iso) {
  return new Date(iso).toLocaleDateString(currentLanguage() === 'en' ? 'en-GB' : 'da-DK', { year: 'numeric', month: 'short' });
}

export async function leaderPage(target) {
  const to = new Date();
  const from = new Date(to.getFullYear() - 2, to.getMonth(), 1);
  const range = { from: from.toISOString(), to: to.toISOString() };
  const [attention, series, compare] = await batch([
    ['attention.list', { limit: 50 }], ['report.series', { ...range, interval: 'month' }], ['report.compare', { months: 12 }],
  ]);
  const items = attention instanceof Error ? [] : attention.items;
  const attentionTable = items.length
    ? h('table', { id: 'attention' },
      h('thead', {}, h('tr', {}, [t('dueAt'), t('kind'), t('title')].map((name) => h('th', { scope: 'col' }, name)))),
      h('tbody', {}, items.map((item) => h('tr', { class: item.kind === 'deadline.dueSoon' ? 'due-warn' : 'due-missed' },
        h('td', {}, time(item.dueAt)), h('td', {}, kindTitle(item.kind)),
        h('td', {}, item.complaintId ? h('a', { href: `#/complaint/${encodeURIComponent(item.complaintId)}` }, localized(item.titles, item.title)) : localized(item.titles, item.title))))))
    : h('p', {}, t('noAttention'));

  const figures = [];
  if (!(series instanceof Error)) {
    const labels = series.periods.map((period) => month(period.from));
    figures.push(await chartFigure('chart-received', t('received_'), 'bar', labels, [{ label: t('received_'), data: series.periods.map((period) => period.figures.received) }]));
    figures.push(await chartFigure('chart-stopped', t('stopped'), 'line', labels,
      [{ label: t('stopped'), data: series.periods.map((period) => period.figures.stoppedByDialogue.share) }]));
    figures.push(await chartFigure('chart-first-contact', t('firstContactHours'), 'line', labels,
      [{ label: t('firstContactHours'), data: series.periods.map((period) => period.figures.firstContact.medianHours) }]));
  }
  if (!(compare instanceof Error)) {
    const baseline = compare.baselines?.[0] ?? {};
    // Counts compared as rates per month: the baseline's period and the two windows differ in length.
    const averageMonthMs = 30.4375 * 86400000;
    const baselineMonths = baseline.from && baseline.to ? (new Date(baseline.to) - new Date(baseline.from)) / averageMonthMs : null;
    const baselinePerMonth = baseline.received != null && baselineMonths ? baseline.received / baselineMonths : null;
    const labels = [t('daysToClose'), t('receivedPerMonth')];
    figures.push(await chartFigure('chart-compare', `${t('compare')} (${new Date(compare.adoptedOn).toLocaleDateString()})`, 'bar', labels, [
      { label: t('baseline'), data: [baseline.medianDaysToClose ?? null, baselinePerMonth] },
      { label: t('before'), data: [compare.before.figures.daysToClose.median, compare.before.perMonth.received] },
      { label: t('after'), data: [compare.after.figures.daysToClose.median, compare.after.perMonth.received] },
    ]));
  }

  const download = h('button', { type: 'button', id: 'download-csv', onclick: async () => {
    const file = await rpc('report.export', { report: 'series', format: 'csv', dialect: 'excel-da', ...range, interval: 'month' });
    const link = h('a', { href: URL.createObjectURL(new Blob([file.body], { type: file.contentType ?? 'text/csv' })), download: file.filename ?? 'klage.csv' });
    document.body.append(link);
    link.click();
    link.remove();
  } }, t('downloadCsv'));

  replace(target, h('h1', {}, t('leader')),
    h('section', { 'aria-labelledby': 'h-attention' }, h('h2', { id: 'h-attention' }, t('attention')), attentionTable),
    h('section', { 'aria-labelledby': 'h-reports' }, h('h2', { id: 'h-reports' }, t('reports')), h('div', { class: 'actions' }, download, h('a', { href: `#/annual/${to.getFullYear() - 1}`, id: 'annual-report' }, t('annualReport'))), h('div', { class: 'grid' }, figures)));
}
