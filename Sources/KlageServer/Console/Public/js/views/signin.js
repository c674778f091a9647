// Sign-in: through the municipality's identity provider (a link to /console/oidc/start, which sends the
// browser there and back), or with a personal key where the host allows it (break-glass). The key goes
// to the server once; the answer is a session cookie (HttpOnly) and a CSRF token kept in memory.
import { signIn, signInOptions } from '../api.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';

export async function signInPage(target, done) {
  const options = await signInOptions();
  const providers = options.providers.map((provider) =>
    h('p', {}, h('a', { class: 'button primary', id: `signin-${provider.tenant}`, href: provider.start }, `${t('signInWith')} ${provider.name}`)));
  const parts = [h('h1', {}, t('signInTitle'))];
  if (providers.length) parts.push(h('p', {}, t('signInProviderIntro')), ...providers);
  let key = null;
  if (options.keys) {
    const error = h('p', { class: 'error', id: 'signin-error', role: 'alert' });
    key = h('input', { type: 'password', id: 'key', name: 'key', autocomplete: 'off', required: true, 'aria-describedby': 'signin-error' });
    const form = h('form', { id: 'signin', novalidate: true },
      h('label', { for: 'key' }, t('key')), key, h('div', { class: 'actions' }, h('button', { type: 'submit', class: providers.length ? '' : 'primary' }, t('signIn'))), error);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const secret = key.value;
      key.value = '';
      const outcome = await signIn(secret);
      if (outcome === 'ok') {
        if (!location.hash) location.hash = '#/queue';
        await done();
      } else {
        error.textContent = outcome === 'keysOff' ? t('keysOff') : outcome === 'forbidden' ? t('signInForbidden') : t('signInFailed');
        key.focus();
      }
    });
    if (providers.length) {
      parts.push(h('details', { id: 'break-glass' }, h('summary', {}, t('breakGlass')), h('p', {}, t('signInIntro')), form));
    } else {
      parts.push(h('p', {}, t('signInIntro')), form);
    }
  }
  replace(target, ...parts);
  if (!providers.length) key?.focus();
}
