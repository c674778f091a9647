// The contact form: what kind of contact it was (every kind the kernel knows, phone first) and when it
// happened (now, or its real time), then for a conversation the guided steps of the workflow's contact
// fields, one object per step (a guided conversation, e.g. introduction, listening, agreement),
// and a summary. A completed triangle is the §13 note. A written contact (a letter, an e-mail, Digital
// Post), and a workflow without such fields, get the summary step alone.
import { rpc, workflows } from '../api.js';
import { h, replace, announce } from '../dom.js';
import { t } from '../i18n.js';
import { field, labelOf } from '../fields.js';
import { notFound } from './complaint.js';

export async function callPage(target, id) {
  let complaint;
  try {
    complaint = await rpc('complaint.get', { id });
  } catch (error) {
    if (error.code === -32004) return notFound(target);
    throw error;
  }
  const flow = (await workflows()).get(complaint.workflow);
  const kinds = flow?.contactKinds?.length ? flow.contactKinds : [{ kind: 'phone', oral: true, written: false }];
  const kind = h('select', { id: 'contact-kind', name: 'kind' }, kinds.map((item) => h('option', { value: item.kind }, t(`kind_${item.kind}`))));
  const occurred = h('input', { type: 'datetime-local', id: 'contact-occurred', name: 'occurredAt' });
  const oral = () => kinds.find((item) => item.kind === kind.value)?.oral === true;
  const sides = (flow?.contactFields ?? []).map((spec) => ({ spec, ...field(spec) }));
  const summary = h('textarea', { id: 'call-summary', name: 'summary', required: true });
  const agreement = h('textarea', { id: 'call-agreement', name: 'agreement' });
  const duration = h('input', { type: 'number', id: 'call-duration', name: 'durationMinutes', min: 0, max: 1440, step: 1 });
  const last = h('fieldset', { 'data-field': 'summary' }, h('legend', {}, t('summary')),
    h('label', { for: 'call-summary' }, t('summary')), summary,
    h('div', { class: 'agreement-free', hidden: sides.length > 0 }, h('label', { for: 'call-agreement' }, t('agreementTitle')), agreement),
    h('label', { for: 'call-duration' }, t('duration')), duration);
  const steps = [...sides.map((side) => side.element), last];
  const titles = [...sides.map((side) => labelOf(side.spec)), t('summary')];
  const progress = h('ol', { class: 'steps', 'aria-label': t('step') }, titles.map((title, index) => h('li', { id: `step-${index + 1}` }, `${index + 1}. ${title}`)));
  const error = h('p', { class: 'error', role: 'alert', id: 'call-error' });
  const back = h('button', { type: 'button', id: 'step-back' }, t('back'));
  const next = h('button', { type: 'button', id: 'step-next', class: 'primary' }, t('next'));
  const save = h('button', { type: 'submit', id: 'call-save', class: 'primary' }, t('save'));
  // The steps in use: the guided conversation for an oral contact, the summary alone for any other.
  const active = () => (oral() ? steps : [last]);
  let current = 0;
  const show = (index, focus = true) => {
    const used = active();
    current = index;
    steps.forEach((step) => { step.hidden = step !== used[index]; });
    [...progress.children].forEach((item, position) => {
      item.hidden = !used.includes(steps[position]);
      item.setAttribute('aria-current', steps[position] === used[index] ? 'step' : 'false');
    });
    back.hidden = index === 0;
    next.hidden = index === used.length - 1;
    save.hidden = index !== used.length - 1;
    last.querySelector('.agreement-free').hidden = sides.length > 0 && oral();
    if (focus) used[index].querySelector('input, textarea, select')?.focus();
  };
  back.addEventListener('click', () => show(Math.max(0, current - 1)));
  next.addEventListener('click', () => show(Math.min(active().length - 1, current + 1)));
  kind.addEventListener('change', () => show(0, false));
  const what = h('fieldset', { 'data-field': 'contact' }, h('legend', {}, t('contactKind')),
    h('label', { for: 'contact-kind' }, t('contactKind')), kind, h('label', { for: 'contact-occurred' }, t('occurredAt')), occurred);
  const form = h('form', { id: 'call-form', novalidate: true }, what, progress, steps, h('div', { class: 'actions' }, back, next, save), error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = {};
    const conversation = oral();
    for (const side of conversation ? sides : []) {
      const value = side.read();
      if (value !== undefined) fields[side.spec.name] = value;
    }
    const text = summary.value.trim() || fields.listening?.summary || t(conversation ? 'callTitle' : `kind_${kind.value}`);
    const at = occurred.value ? new Date(occurred.value) : new Date();
    const params = { complaintId: id, kind: kind.value, occurredAt: at.toISOString(), summary: text, fields };
    const agreed = (fields.agreement?.tasks ?? []).map((task) => `${task.who}: ${task.what}`).join('; ') || agreement.value.trim();
    if (agreed) params.agreement = agreed;
    if (duration.value !== '') params.durationMinutes = Number(duration.value);
    try {
      await rpc('contact.record', params);
      const complete = conversation && sides.length > 0 && sides.every((side) => fields[side.spec.name] !== undefined);
      announce(complete ? `${t('callSaved')} ${t('triangleDone')}` : t(conversation ? 'callSaved' : 'contactSaved'));
      location.hash = `#/complaint/${encodeURIComponent(id)}`;
    } catch (failure) {
      error.textContent = failure.data?.field ? `${failure.data.field}: ${failure.data.reason}` : failure.message;
      error.focus?.();
    }
  });
  replace(target, h('h1', {}, `${t('callTitle')}: ${complaint.subject}`), h('p', {}, complaint.citizen?.name ?? '', complaint.citizen?.phone ? ` · ${complaint.citizen.phone}` : ''), form);
  show(0);
}
