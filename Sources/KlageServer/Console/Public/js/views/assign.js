// Assignment on a complaint's page: to me, or to a colleague of my department (staff.list). Assigning
// oneself leaves a masked CPR number masked; a leader's assignment opens it.
import { rpc } from '../api.js';
import { h, announce } from '../dom.js';
import { t } from '../i18n.js';

/** The assignment form of `complaint`; `staff` is staff.list's items, `names` the journey's names; `done` re-renders. */
export function assignForm(complaint, staff, names, done) {
  const current = complaint.assignee ? (names[complaint.assignee] ?? complaint.assignee) : t('nobody');
  const select = h('select', { id: 'assignee', name: 'assignee' },
    h('option', { value: 'me' }, t('me')),
    staff.filter((person) => !person.you).map((person) => h('option', { value: person.id }, person.name)));
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { id: 'assign', class: 'card', 'aria-labelledby': 'h-assign' },
    h('h2', { id: 'h-assign' }, t('assignTitle')),
    h('p', { id: 'assigned-to' }, `${t('assignedTo')}: ${current}`),
    h('label', { for: 'assignee' }, t('assignTo')), select,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('assign'))), error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await rpc('complaint.assign', { id: complaint.id, version: complaint.version, assignee: select.value });
      announce(t('assignedDone'));
      await done();
    } catch (failure) {
      error.textContent = failure.message;
    }
  });
  return form;
}
