// Chart.js (vendor/chart.min.js, from Debian's libjs-chart.js, MIT), loaded only on the pages that draw.
// Every chart is a canvas with a text alternative and its figures as a table beside it.
import { h } from './dom.js';
import { t } from './i18n.js';

let loading = null;

/** Loads Chart.js once; resolves to the Chart constructor. */
export function chartLibrary() {
  loading ??= new Promise((resolve, reject) => {
    const script = h('script', { src: '/console/vendor/chart.min.js' });
    script.addEventListener('load', () => resolve(window.Chart));
    script.addEventListener('error', reject);
    document.head.append(script);
  });
  return loading;
}

const palette = ['#0b4f8a', '#b35c00', '#2f6b2f', '#7a1f5c'];

/**
 * A figure: a heading, a chart of `datasets` over `labels` ({label, data}), and a table of the same numbers.
 * `type` is 'line' or 'bar'.
 */
export async function chartFigure(id, title, type, labels, datasets) {
  const Chart = await chartLibrary();
  const canvas = h('canvas', { id, role: 'img', 'aria-label': `${title}: ${datasets.map((set) => set.label).join(', ')}` });
  const table = h('table', {},
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('period')), datasets.map((set) => h('th', { scope: 'col' }, set.label)))),
    h('tbody', {}, labels.map((label, index) => h('tr', {}, h('th', { scope: 'row' }, label),
      datasets.map((set) => h('td', {}, set.data[index] === null || set.data[index] === undefined ? '–' : String(Math.round(set.data[index] * 100) / 100)))))));
  const figure = h('figure', { class: 'card', id: `${id}-figure` },
    h('figcaption', {}, h('h2', {}, title)), h('div', { class: 'chart' }, canvas),
    h('details', {}, h('summary', {}, t('chartTable')), table));
  // Drawn after it is in the document, so Chart.js can measure it.
  queueMicrotask(() => {
    new Chart(canvas, {
      type,
      data: { labels, datasets: datasets.map((set, index) => ({ ...set, backgroundColor: palette[index % palette.length], borderColor: palette[index % palette.length], spanGaps: true })) },
      options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'bottom' } } },
    });
  });
  return figure;
}
