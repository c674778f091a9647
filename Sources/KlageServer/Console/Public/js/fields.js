// Renders inputs for fields as workflow.list describes them ({name, required, summary, kind}), and
// reads their values back. Any plug-in's workflow gets its forms this way, without console changes.
import { h } from './dom.js';
import { t, currentLanguage, localized } from './i18n.js';

let counter = 0;
const fresh = (name) => `f${++counter}-${name.replace(/[^A-Za-z0-9_-]/g, '')}`;

/** A person's label for a field: the plug-in's declared label in the current language. */
export function labelOf(spec) {
  if (spec.label) return localized(spec.label, spec.name);
  const words = spec.name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return localized(null, words.charAt(0).toUpperCase() + words.slice(1));
}

function hint(spec, id) {
  return spec.summary && currentLanguage() === 'en' ? h('p', { class: 'hint', id }, spec.summary) : null;
}

// Yes-or-no fields that record the citizen's own answer: yes, no, or not asked. A checkbox cannot tell
// "no" from "not asked", and an unticked box must never put words in the citizen's mouth.
const citizensChoices = new Set(['wantsWrittenAnswer']);

/**
 * `{element, read}` for a citizen's yes-or-no answer: three radio buttons, "not asked" chosen at first.
 * `read()` returns true, false, or undefined when the citizen was not asked (nothing is sent then).
 */
export function triState(spec) {
  const id = fresh(spec.name);
  const options = [['yes', t('yes')], ['no', t('no')], ['', t('notAsked')]].map(([value, text]) => {
    const input = h('input', { type: 'radio', id: `${id}-${value || 'not-asked'}`, name: spec.name, value, checked: value === '' });
    return { input, element: h('label', { class: 'inline', for: input.id }, input, text) };
  });
  const element = h('fieldset', { 'data-field': spec.name, class: 'tri-state' }, h('legend', {}, labelOf(spec)), hint(spec, `${id}-hint`),
    options.map((option) => option.element));
  const read = () => {
    const value = options.find((option) => option.input.checked)?.input.value ?? '';
    return value === 'yes' ? true : value === 'no' ? false : undefined;
  };
  return { element, read };
}

/** `{element, read}` for one field: `read()` returns its value, or undefined when left empty. */
export function field(spec) {
  const kind = spec.kind ?? { type: 'text', max: 2000 };
  if (kind.type === 'bool' && citizensChoices.has(spec.name)) return triState(spec);
  const id = fresh(spec.name);
  const hintId = `${id}-hint`;
  const described = spec.summary && currentLanguage() === 'en' ? hintId : undefined;
  const label = () => h('label', { for: id }, labelOf(spec), spec.required ? h('span', { class: 'visually-hidden' }, ` (${t('required')})`) : null);
  switch (kind.type) {
    case 'bool': {
      const input = h('input', { type: 'checkbox', id, name: spec.name, 'aria-describedby': described });
      return {
        element: h('div', {}, h('label', { class: 'inline', for: id }, input, labelOf(spec)), hint(spec, hintId)),
        read: () => (input.checked ? true : spec.required ? false : undefined),
      };
    }
    case 'integer': {
      const input = h('input', { type: 'number', id, name: spec.name, min: kind.min, max: kind.max, step: 1, required: spec.required, 'aria-describedby': described });
      return { element: h('div', {}, label(), hint(spec, hintId), input), read: () => (input.value === '' ? undefined : Number(input.value)) };
    }
    case 'time': {
      const input = h('input', { type: 'datetime-local', id, name: spec.name, required: spec.required, 'aria-describedby': described });
      return { element: h('div', {}, label(), hint(spec, hintId), input), read: () => (input.value ? new Date(input.value).toISOString() : undefined) };
    }
    case 'choice': {
      const select = h('select', { id, name: spec.name, required: spec.required, 'aria-describedby': described },
        h('option', { value: '' }, t('chooseOne')), (kind.options ?? []).map((option) => h('option', { value: option }, option)));
      return { element: h('div', {}, label(), hint(spec, hintId), select), read: () => select.value || undefined };
    }
    case 'list':
      return kind.of?.type === 'object' ? rows(spec, kind) : lines(spec, kind, id, label, described, hintId);
    case 'object':
      return group(spec, kind.fields ?? []);
    default: {
      const long = (kind.max ?? 2000) > 200;
      const input = h(long ? 'textarea' : 'input', {
        type: long ? undefined : 'text', id, name: spec.name, maxlength: kind.max, required: spec.required, 'aria-describedby': described,
      });
      return { element: h('div', {}, label(), hint(spec, hintId), input), read: () => (input.value.trim() ? input.value.trim() : undefined) };
    }
  }
}

function lines(spec, kind, id, label, described, hintId) {
  const input = h('textarea', { id, name: spec.name, required: spec.required, 'aria-describedby': described });
  const read = () => {
    const items = input.value.split('\n').map((line) => line.trim()).filter(Boolean);
    return items.length ? items.slice(0, kind.max ?? 20) : undefined;
  };
  return { element: h('div', {}, label(), hint(spec, hintId), input), read };
}

/** An object field: a fieldset of its fields. */
export function group(spec, specs) {
  const parts = specs.map((child) => ({ spec: child, ...field(child) }));
  const element = h('fieldset', { 'data-field': spec.name }, h('legend', {}, labelOf(spec)), hint(spec, fresh('hint')), parts.map((part) => part.element));
  const read = () => {
    const value = {};
    for (const part of parts) {
      const item = part.read();
      if (item !== undefined) value[part.spec.name] = item;
    }
    return Object.keys(value).length ? value : undefined;
  };
  return { element, read };
}

/** A list of objects: rows that can be added and removed. */
function rows(spec, kind) {
  const items = [];
  const list = h('div', {});
  const add = () => {
    const row = group({ name: `${spec.name}-${items.length + 1}`, summary: null, label: spec.label }, kind.of.fields ?? []);
    const legend = row.element.querySelector('legend');
    legend.textContent = `${labelOf(spec)} ${items.length + 1}`;
    const entry = { row };
    row.element.append(h('button', {
      type: 'button', onclick: () => { items.splice(items.indexOf(entry), 1); row.element.remove(); },
    }, `${t('removeRow')}: ${legend.textContent}`));
    items.push(entry);
    list.append(row.element);
  };
  add();
  const element = h('fieldset', { 'data-field': spec.name }, h('legend', {}, labelOf(spec)), list,
    h('button', { type: 'button', class: 'add-row', onclick: add }, `${t('addRow')}: ${labelOf(spec)}`));
  return { element, read: () => { const values = items.map((item) => item.row.read()).filter(Boolean); return values.length ? values : undefined; } };
}
