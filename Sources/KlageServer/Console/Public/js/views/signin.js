// Sign-in: the personal key goes to the server once; the answer is a session cookie (HttpOnly) and
// a CSRF token kept in memory. The field is cleared at once.
import { signIn } from '../api.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';

export function signInPage(target, done) {
  const error = h('p', { class: 'error', id: 'signin-error', role: 'alert' });
  const key = h('input', { type: 'password', id: 'key', name: 'key', autocomplete: 'off', required: true, 'aria-describedby': 'signin-error' });
  const form = h('form', { id: 'signin', novalidate: true },
    h('label', { for: 'key' }, t('key')), key, h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('signIn'))), error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const secret = key.value;
    key.value = '';
    const outcome = await signIn(secret);
    if (outcome === 'ok') {
      if (!location.hash) location.hash = '#/queue';
      await done();
    } else {
      error.textContent = outcome === 'forbidden' ? t('signInForbidden') : t('signInFailed');
      key.focus();
    }
  });
  replace(target, h('h1', {}, t('signInTitle')), h('p', {}, t('signInIntro')), form);
  key.focus();
}
