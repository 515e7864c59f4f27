// views/users.js - the organisers' user list: who can log in, and the
// three ways to take access away (disable, a new password, remove) or give
// it back (enable). Each change ends the user's sessions on the server
// (docs/api.md, "Users"). New users are still created with the CLI.

import { h, clear } from '../dom.js';
import { get, post, put, del, seg } from '../api.js';
import { t } from '../i18n.js';
import { go, announce, busy } from '../ui.js';
import { errField, clearErrors, showApiError } from './form.js';

export async function renderUsers(main, ctx) {
  const { items } = await get('/users');
  if (!ctx.isCurrent()) return;
  const self = ctx.me ? ctx.me.username : null;
  const err = h('p', { class: 'error', role: 'alert', id: 'users-error' });

  const act = async (btn, fn, msg) => {
    err.textContent = '';
    await busy(btn, async () => {
      try {
        const r = await fn();
        announce(msg(r));
        go('users');
      } catch (e) {
        err.textContent = e.message;
      }
    });
  };

  const rows = items.map((u) => {
    const name = u.username;
    const toggle = h(
      'button',
      {
        type: 'button',
        class: 'secondary small',
        dataset: { toggle: name },
        disabled: name === self,
        'aria-label': t(u.disabled ? 'users.enableLabel' : 'users.disableLabel', { name }),
      },
      t(u.disabled ? 'users.enable' : 'users.disable'),
    );
    toggle.addEventListener('click', () =>
      act(
        toggle,
        () => put(`/users/${seg(name)}`, { disabled: !u.disabled }),
        (r) => t(r.disabled ? 'users.disabled' : 'users.enabled', { name, n: r.sessions_revoked }),
      ),
    );
    const remove = h(
      'button',
      {
        type: 'button',
        class: 'secondary small',
        dataset: { remove: name },
        disabled: name === self,
        'aria-label': t('users.removeLabel', { name }),
      },
      t('users.remove'),
    );
    remove.addEventListener('click', () => {
      if (!window.confirm(t('users.removeConfirm', { name }))) return;
      act(remove, () => del(`/users/${seg(name)}`), (r) => t('users.removed', { name, n: r.sessions_revoked }));
    });
    return h(
      'tr',
      { dataset: { user: name } },
      h('th', { scope: 'row' }, name),
      h('td', null, t(`role.${u.role}`)),
      h('td', null, u.department || '–'),
      h('td', null, t(u.disabled ? 'users.stateDisabled' : u.locked ? 'users.stateLocked' : 'users.stateActive')),
      h('td', null, toggle, ' ', remove),
    );
  });

  /* A new password for one user (their sessions end). */
  const f = {
    username: errField(
      'username',
      t('users.username'),
      { required: true },
      'select',
      items.map((u) => ({ value: u.username, label: u.username })),
    ),
    password: errField(
      'password',
      t('users.newPassword'),
      { type: 'password', required: true, minlength: 12, autocomplete: 'new-password' },
      'input',
      null,
      t('users.passwordHint'),
    ),
  };
  const pwErr = h('p', { class: 'error', role: 'alert' });
  const pwBtn = h('button', { type: 'submit', id: 'set-password' }, t('users.setPassword'));
  const form = h(
    'form',
    { class: 'card', id: 'password-form', 'aria-labelledby': 'password-form-h', novalidate: true },
    h('h2', { id: 'password-form-h' }, t('users.passwordTitle')),
    h('div', { class: 'grid-fields' }, Object.values(f).map((x) => x.wrap)),
    pwErr,
    h('div', { class: 'actions' }, pwBtn),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(f, pwErr);
    const name = f.username.input.value;
    const password = f.password.input.value;
    if (password.length < 12) {
      showApiError(f, { field: 'password', message: t('users.passwordHint') }, pwErr);
      return;
    }
    await busy(pwBtn, async () => {
      try {
        const r = await post(`/users/${seg(name)}/password`, { password });
        f.password.input.value = '';
        announce(t('users.passwordSet', { name, n: r.sessions_revoked }));
        if (name === self) return; /* our own session has ended: the app asks for a login */
        go('users');
      } catch (e) {
        showApiError(f, e, pwErr);
      }
    });
  });

  clear(
    main,
    h('h1', { tabindex: '-1' }, t('users.title')),
    h('p', { class: 'hint' }, t('users.intro')),
    err,
    h(
      'div',
      { class: 'scroll card' },
      h(
        'table',
        { class: 'list', id: 'user-list' },
        h('caption', { class: 'visually-hidden' }, t('users.title')),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, t('users.username')),
            h('th', { scope: 'col' }, t('users.role')),
            h('th', { scope: 'col' }, t('users.department')),
            h('th', { scope: 'col' }, t('users.state')),
            h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('common.actions'))),
          ),
        ),
        h('tbody', null, rows),
      ),
    ),
    form,
  );
}
