// One complaint: citizen, deadlines, the journey as a timeline, contacts, the panels of the tenant's
// plug-ins, and the workflow's actions with forms rendered from the workflow definition.
import { batch, rpc, workflows, session } from '../api.js';
import { h, replace, time, announce } from '../dom.js';
import { t, hasWord, currentLanguage } from '../i18n.js';
import { urgency, urgencyWord } from '../deadlines.js';
import { field, labelOf, triState } from '../fields.js';
import { localized, elementId, itemTable, itemsOf } from '../panels.js';
import { assignForm } from './assign.js';
import { onChange } from '../live.js';

/** Renders "not found" for a complaint that does not exist or is another tenant's. */
export function notFound(target) {
  replace(target, h('h1', { id: 'not-found' }, t('notFound')), h('p', {}, t('notFoundText')), h('p', {}, h('a', { href: '#/queue' }, t('queue'))));
}

/** An outcome's title in the current language, as the workflow declares it. */
function outcomeTitle(flow, outcome) {
  const declared = flow?.outcomes?.find((item) => item.id === outcome);
  return declared ? localized(declared.titles, outcome) : outcome;
}

/** A deadline's title in the current language, as the workflow (or the kernel) declares it. */
function deadlineTitle(flow, name) {
  const rule = flow?.deadlines.find((item) => item.name === name);
  return rule ? localized(rule.titles, rule.title) : name;
}

/** One line of the journey in the current language: what happened, and to which action, state or deadline. */
function journeyText(event, flow) {
  const key = `ev_${event.type.replace('.', '_')}`;
  // A plug-in's event, as it titles it (noted as untranslated when it does not).
  if (!hasWord(key)) return localized(session?.console?.eventTitles?.[event.type], event.summary ?? event.type);
  const data = event.data ?? {};
  if (event.type === 'deadline.met' && data.late) return `${t('ev_deadline_metLate')}: ${deadlineTitle(flow, data.deadline)}`;
  const action = data.action && flow?.actions.find((item) => item.id === data.action);
  const state = data.state && flow?.states.find((item) => item.id === data.state);
  const detail = action ? localized(action.titles, action.title) + (data.outcome ? ` (${outcomeTitle(flow, data.outcome)})` : '')
    : state ? localized(state.titles, state.title)
      : data.deadline ? deadlineTitle(flow, data.deadline)
        : event.type === 'complaint.forwarded' && data.to ? data.to : null;
  return detail ? `${t(key)}: ${detail}` : t(key);
}

/** Whether the signed-in role may take an action (leaders and admins may take any caseworker action). */
function mayTake(action) {
  const role = session?.role;
  if (!action.roles?.length || action.roles.includes(role)) return true;
  return (role === 'leader' || role === 'admin') && action.roles.some((item) => ['caseworker', 'leader'].includes(item));
}

/**
 * Live: when someone else changes this complaint, the page is drawn again; if the caseworker has typed
 * into one of its forms, it says so and offers a refresh instead, so nothing typed is lost unasked.
 * A change within two seconds of the page's own drawing is its own action's, already shown.
 */
function watchComplaint(target, id) {
  if (target.dataset.watching === id) return;
  target.dataset.watching = id;
  target.addEventListener('input', () => { target.dataset.dirty = '1'; });
  onChange(target, async (change) => {
    if (change.complaintId !== id || Date.now() - Number(target.dataset.drawnAt ?? 0) < 2000) return;
    if (!target.dataset.dirty) {
      await complaintPage(target, id);
      announce(t('complaintUpdated'));
      return;
    }
    if (target.querySelector('#changed-notice')) return;
    target.prepend(h('p', { id: 'changed-notice', class: 'notice', role: 'status' }, t('complaintChanged'), ' ',
      h('button', { type: 'button', onclick: () => complaintPage(target, id) }, t('refresh'))));
  });
}

export async function complaintPage(target, id) {
  watchComplaint(target, id);
  const panels = session.console?.complaintPanels ?? [];
  const calls = [['complaint.get', { id }], ['complaint.journey', { id }], ['contact.list', { complaintId: id }], ['staff.list', {}]];
  const [complaint, journey, contacts, staff, ...listed] = await batch(calls.concat(panels.map((panel) => [panel.method, { [panel.complaintParam]: id }])));
  if (complaint instanceof Error) {
    if (complaint.code === -32004 || complaint.code === -32602 || complaint.code === -32022) return notFound(target);
    throw complaint;
  }
  const flow = (await workflows()).get(complaint.workflow);
  const state = flow?.states.find((item) => item.id === complaint.state);
  const citizen = complaint.citizen ?? {};
  const open = state && !state.final;

  const facts = h('dl', { class: 'facts' },
    h('dt', {}, t('citizen')), h('dd', { id: 'citizen-name' }, citizen.name ?? ''),
    citizen.phone ? [h('dt', {}, t('phone')), h('dd', {}, h('a', { href: `tel:${citizen.phone.replace(/\s/g, '')}` }, citizen.phone))] : null,
    citizen.email ? [h('dt', {}, t('email')), h('dd', {}, citizen.email)] : null,
    h('dt', {}, t('state')), h('dd', { id: 'state' }, state ? localized(state.titles, state.title) : complaint.state),
    complaint.outcome ? [h('dt', {}, t('outcome')), h('dd', { id: 'outcome', 'data-outcome': complaint.outcome }, outcomeTitle(flow, complaint.outcome))] : null,
    h('dt', {}, t('channel')), h('dd', {}, hasWord(`channel_${complaint.channel}`) ? t(`channel_${complaint.channel}`) : complaint.channel),
    complaint.department ? [h('dt', {}, t('department')), h('dd', {}, complaint.department)] : null,
    h('dt', {}, t('received')), h('dd', {}, time(complaint.receivedAt)),
    h('dt', {}, t('workflow')), h('dd', {}, flow ? localized(flow.titles, flow.title) : complaint.workflow));

  const deadlineList = h('ul', { id: 'deadlines' }, (complaint.deadlines ?? []).map((deadline) => {
    const level = urgency(deadline);
    const title = deadlineTitle(flow, deadline.name);
    return h('li', { class: `due-${level}` }, h('span', { class: 'badge' }, urgencyWord(level)), ' ', title, ': ', time(deadline.metAt ?? deadline.dueAt));
  }));

  const events = journey instanceof Error ? [] : journey.events;
  const names = journey instanceof Error ? {} : journey.names ?? {};
  // Who acted, by name (a person's, a key's label); the journey itself keeps only their ids.
  const timeline = h('ol', { class: 'timeline', id: 'journey' }, events.map((event) => h('li', {}, time(event.at), journeyText(event, flow),
    names[event.actor] ? h('span', { class: 'hint' }, ` · ${t('by')} ${names[event.actor]}`) : null)));

  const contactItems = contacts instanceof Error ? [] : contacts.items;
  const contactList = contactItems.length
    ? h('ul', { id: 'contacts' }, contactItems.map((contact) => h('li', { 'data-kind': contact.kind }, time(contact.occurredAt), ' ', t(`kind_${contact.kind}`), contact.reached === false ? ' ✗' : '', ': ', contact.summary,
      contact.agreement ? h('p', { class: 'hint' }, contact.agreement) : null)))
    : h('p', {}, t('noContacts'));

  const panelSections = panels.map((panel, index) => h('section', { 'aria-labelledby': `h-${elementId(panel.id)}` },
    h('h2', { id: `h-${elementId(panel.id)}` }, localized(panel.title)),
    itemTable(elementId(panel.id), panel.columns, itemsOf(listed[index]), localized(panel.empty), {
      names,
      link: panel.document ? (item) => ({
        href: `#/complaint/${encodeURIComponent(id)}/document/${encodeURIComponent(panel.id)}/${encodeURIComponent(item[panel.document.key])}`,
        text: `${t('openDocument')}: ${localized(panel.document.title)}`,
      }) : null,
    })));

  const callTools = open ? h('div', { class: 'actions' },
    h('a', { href: `#/complaint/${encodeURIComponent(id)}/call`, class: 'button primary', id: 'start-call' }, t('startCall')),
    h('button', { type: 'button', id: 'failed-attempt', onclick: async () => {
      await rpc('contact.record', { complaintId: id, kind: 'phone', reached: false, occurredAt: new Date().toISOString(), summary: t('failedAttempt') });
      announce(t('failedRecorded'));
      await complaintPage(target, id);
      target.querySelector('h1')?.focus();
    } }, t('failedAttempt'))) : null;

  const actions = (flow?.actions ?? []).filter((action) => action.from.includes(complaint.state) && mayTake(action));
  const actionForms = actions.map((action) => actionForm(target, complaint, action, flow));

  delete target.dataset.dirty;
  target.dataset.drawnAt = String(Date.now());
  replace(target,
    h('h1', {}, complaint.subject),
    // On paper, for the case system's file: which complaint, and when it was printed.
    h('p', { class: 'print-only', id: 'print-heading' }, `${t('reference')}: ${complaint.externalRef ?? complaint.id} · ${t('received')}: `,
      time(complaint.receivedAt), ` · ${t('printedAt')}: `, time(new Date().toISOString())),
    h('p', { class: 'no-print' }, h('button', { type: 'button', id: 'print', onclick: () => window.print() }, t('printRecord'))),
    h('p', {}, complaint.description),
    callTools,
    h('div', { class: 'grid' },
      h('section', { class: 'card', 'aria-labelledby': 'h-citizen' }, h('h2', { id: 'h-citizen' }, t('citizen')), facts),
      h('section', { class: 'card', 'aria-labelledby': 'h-deadlines' }, h('h2', { id: 'h-deadlines' }, t('deadlines')), deadlineList)),
    open ? assignForm(complaint, staff instanceof Error ? [] : staff.items, names, async () => {
      await complaintPage(target, id);
      target.querySelector('h1')?.focus();
    }) : null,
    actionForms.length ? h('section', { 'aria-labelledby': 'h-actions', id: 'actions' }, h('h2', { id: 'h-actions' }, t('actionsTitle')), actionForms) : null,
    h('section', { 'aria-labelledby': 'h-contacts' }, h('h2', { id: 'h-contacts' }, t('contacts')), contactList),
    panelSections,
    h('section', { 'aria-labelledby': 'h-journey' }, h('h2', { id: 'h-journey' }, t('journey')), timeline));
}

/** The form of one workflow action: its outcome, its declared fields, and the kernel's consent fields. */
function actionForm(target, complaint, action, flow) {
  const actionTitle = localized(action.titles, action.title);
  const parts = action.fields.map((spec) => ({ spec, ...field(spec) }));
  const closesByAgreement = action.outcomes.some((outcome) => outcome === 'withdrawn' || outcome === 'resolved');
  const outcome = action.outcomes.length
    ? h('select', { id: `outcome-${action.id}`, name: 'outcome', required: true },
      h('option', { value: '' }, t('chooseOne')), action.outcomes.map((item) => h('option', { value: item }, outcomeTitle(flow, item))))
    : null;
  const consent = closesByAgreement ? field({ name: 'citizenConsent', required: false, kind: { type: 'bool' }, label: { [currentLanguage()]: t('consent') } }) : null;
  // The citizen's choice of a written answer: yes, no or not asked; an action that declares it asks it itself.
  const declaresWritten = action.fields.some((spec) => spec.name === 'wantsWrittenAnswer');
  const written = closesByAgreement && !declaresWritten ? triState({ name: 'wantsWrittenAnswer', label: { [currentLanguage()]: t('wantsWritten') } }) : null;
  const noteId = `note-${action.id}`;
  const note = h('textarea', { id: noteId, name: 'note' });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { id: `action-${action.id}`, class: 'card', 'aria-labelledby': `h-action-${action.id}` },
    h('h3', { id: `h-action-${action.id}` }, actionTitle),
    outcome ? [h('label', { for: `outcome-${action.id}` }, t('outcome')), outcome] : null,
    parts.map((part) => part.element),
    consent?.element, written?.element,
    h('label', { for: noteId }, t('note')), note,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, `${t('run')}: ${actionTitle}`)), error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = {};
    for (const part of parts) {
      const value = part.read();
      if (value !== undefined) fields[part.spec.name] = value;
    }
    if (consent?.read()) fields.citizenConsent = true;
    const wants = written?.read();
    if (wants !== undefined) fields.wantsWrittenAnswer = wants;
    const params = { id: complaint.id, action: action.id, version: complaint.version, fields };
    if (outcome?.value) params.outcome = outcome.value;
    if (note.value.trim()) params.note = note.value.trim();
    try {
      await rpc('complaint.act', params);
      announce(`${actionTitle}: ${t('done')}`);
      await complaintPage(target, complaint.id);
      target.querySelector('h1')?.focus();
    } catch (failure) {
      const named = failure.data?.field?.split('.').pop();
      const spec = action.fields.find((item) => item.name === named);
      error.textContent = named ? `${spec ? labelOf(spec) : named}: ${failure.data.reason}` : failure.message;
    }
  });
  return form;
}
