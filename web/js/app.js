// app.js - the shell of the UI: session (login, logout, /api/me), the
// hash router, the navigation each role is shown, the language switch and
// the status line. The pages themselves live in views/*.js. The server
// enforces every permission; hiding views here is only a convenience.

import { h, clear } from './dom.js';
import { api, setCsrf, setUnauthorizedHandler, ApiError } from './api.js';
import { t, getLang, setLang, LANGS } from './i18n.js';
import { announce, clearStaleStatus } from './ui.js';
import { renderFairList, renderFairPlan } from './views/plan.js';
import { renderTimetable } from './views/timetable.js';
import { renderInvite } from './views/invite.js';
import { renderFairDay } from './views/fairday.js';
import { renderPrint } from './views/print.js';
import { renderOutcomes, renderManagerHome } from './views/outcomes.js';
import { renderDepartments } from './views/departments.js';
import { renderSeekerSearch, renderSeeker } from './views/seekers.js';
import { renderUsers } from './views/users.js';
import { renderImport } from './views/import.js';
import { renderEmployments, renderEmployment, renderFollowup } from './views/employments.js';

const ORG = 'organiser';
const MGR = 'manager';
const STEER = 'steering';

const state = { me: null };

/* Each route: pattern, roles that see it, render(main, ctx, ...params). */
const routes = [
  { re: /^fairs$/, roles: [ORG, MGR], render: (m, c) => renderFairList(m, c) },
  { re: /^fairs\/([^/]+)$/, roles: [ORG], render: (m, c, id) => renderFairPlan(m, c, id) },
  { re: /^fairs\/([^/]+)\/invite$/, roles: [ORG], render: (m, c, id) => renderInvite(m, c, id) },
  { re: /^fairs\/([^/]+)\/timetable$/, roles: [ORG, MGR], render: (m, c, id) => renderTimetable(m, c, id) },
  { re: /^fairs\/([^/]+)\/day$/, roles: [ORG], render: (m, c, id) => renderFairDay(m, c, id) },
  { re: /^fairs\/([^/]+)\/outcomes$/, roles: [ORG, MGR], render: (m, c, id) => renderOutcomes(m, c, id) },
  {
    re: /^fairs\/([^/]+)\/print(?:\/(departments|seekers|rooms))?$/,
    roles: [ORG, MGR],
    render: (m, c, id, kind) => renderPrint(m, c, id, kind || 'departments'),
  },
  { re: /^manager$/, roles: [MGR], render: (m, c) => renderManagerHome(m, c) },
  { re: /^departments$/, roles: [ORG], render: (m, c) => renderDepartments(m, c) },
  { re: /^seekers$/, roles: [ORG], render: (m, c) => renderSeekerSearch(m, c) },
  { re: /^seekers\/([^/]+)$/, roles: [ORG], render: (m, c, id) => renderSeeker(m, c, id) },
  { re: /^users$/, roles: [ORG], render: (m, c) => renderUsers(m, c) },
  { re: /^import$/, roles: [ORG], render: (m) => renderImport(m) },
  { re: /^employments$/, roles: [ORG, MGR], render: (m, c) => renderEmployments(m, c) },
  { re: /^employments\/([^/]+)$/, roles: [ORG, MGR], render: (m, c, id) => renderEmployment(m, c, id) },
  { re: /^followup$/, roles: [ORG, MGR], render: (m, c) => renderFollowup(m, c) },
  { re: /^steering$/, roles: [STEER], render: (m) => renderSteeringHome(m) },
];

const homeOf = { [ORG]: 'fairs', [MGR]: 'manager', [STEER]: 'steering' };

const mainEl = () => document.getElementById('main');

/* "#/seekers?q=ali&page=2": the path's segments and the query after "?". */
function routeQuery() {
  const raw = location.hash.replace(/^#\/?/, '');
  const i = raw.indexOf('?');
  return new URLSearchParams(i < 0 ? '' : raw.slice(i + 1));
}

function decodeRoute() {
  const raw = location.hash.replace(/^#\/?/, '').split('?')[0];
  return raw.split('/').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
}

function renderSteeringHome(main) {
  clear(
    main,
    h('h1', { tabindex: '-1' }, t('steering.title')),
    h('p', null, t('steering.intro')),
    h('p', null, h('a', { href: 'report.html', class: 'button-link', id: 'open-report' }, t('nav.report'))),
  );
}

function renderNav() {
  const nav = document.getElementById('nav');
  const user = document.getElementById('user');
  const langBtn = document.getElementById('lang');
  const skip = document.getElementById('skip');
  document.documentElement.lang = getLang();
  document.title = t('app.title');
  if (skip) skip.textContent = t('app.skip');
  nav.setAttribute('aria-label', t('nav.label'));
  const other = LANGS.find((l) => l !== getLang());
  langBtn.textContent = t('lang.switch');
  langBtn.setAttribute('lang', other);
  langBtn.setAttribute('aria-label', t('lang.switchLabel'));

  const links = [];
  const me = state.me;
  if (me) {
    if (me.role === ORG) {
      links.push(['#/fairs', t('nav.fairs')]);
      links.push(['#/departments', t('nav.departments')]);
      links.push(['#/seekers', t('nav.seekers')]);
      links.push(['#/users', t('nav.users')]);
      links.push(['#/import', t('nav.import')]);
    }
    if (me.role === MGR) links.push(['#/manager', t('nav.manager')]);
    if (me.role === ORG || me.role === MGR) {
      links.push(['#/employments', t('nav.employments')]);
      links.push(['#/followup', t('nav.followup')]);
    }
    if (me.role === STEER) links.push(['#/steering', t('nav.steering')]);
    links.push(['report.html', t('nav.report')]);
  }
  const cur = location.hash || '#/';
  clear(
    nav,
    h(
      'ul',
      null,
      links.map(([to, label]) =>
        h('li', null, h('a', { href: to, 'aria-current': cur.startsWith(to) ? 'page' : null }, label)),
      ),
    ),
  );
  if (me) {
    const roleText = t(`role.${me.role}`);
    clear(
      user,
      h(
        'span',
        { class: 'whoami', id: 'whoami' },
        `${me.username} · ${roleText}${me.department ? ` · ${me.department}` : ''}`,
      ),
      h('button', { type: 'button', id: 'logout', class: 'secondary', onclick: logout }, t('auth.logout')),
    );
  } else {
    clear(user);
  }
}

async function logout() {
  try {
    await api('POST', '/logout', {});
  } catch (e) {
    /* A session already gone is the state we want. */
    if (!(e instanceof ApiError) || e.status !== 401) announce(e.message, 'error');
  }
  state.me = null;
  setCsrf(null);
  location.hash = '#/login';
  render();
}

function renderLogin(main, message) {
  const errId = 'login-error';
  const user = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const pass = h('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const err = h('p', { id: errId, class: 'error', role: 'alert' }, message || '');
  const btn = h('button', { type: 'submit', id: 'login-submit' }, t('auth.login'));
  const form = h(
    'form',
    { class: 'card login', 'aria-describedby': errId },
    h('h1', { tabindex: '-1' }, t('auth.title')),
    h('div', { class: 'field' }, h('label', { for: 'username' }, t('auth.username')), user),
    h('div', { class: 'field' }, h('label', { for: 'password' }, t('auth.password')), pass),
    err,
    btn,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    btn.disabled = true;
    err.textContent = '';
    try {
      const me = await api('POST', '/login', { username: user.value, password: pass.value });
      state.me = me;
      setCsrf(me.csrf_token);
      /* After a session ran out, carry on where the user was. */
      const here = location.hash.replace(/^#\/?/, '');
      if (here === '' || here === 'login') location.hash = `#/${homeOf[me.role] || ''}`;
      render();
    } catch (e) {
      err.textContent = e.status === 401 ? t('auth.wrong') : e.status === 429 ? t('auth.locked') : e.message;
      pass.value = '';
      pass.focus();
    } finally {
      btn.disabled = false;
    }
  });
  clear(main, form);
  user.focus();
}

let renderSeq = 0;

export async function render() {
  const seq = ++renderSeq;
  const main = mainEl();
  clearStaleStatus();
  renderNav();
  const parts = decodeRoute();
  const path = parts.join('/');
  if (!state.me) {
    renderLogin(main);
    return;
  }
  if (path === '' || path === 'login') {
    location.replace(`#/${homeOf[state.me.role]}`);
    return;
  }
  for (const r of routes) {
    const m = r.re.exec(path);
    if (!m) continue;
    if (!r.roles.includes(state.me.role)) {
      clear(main, h('h1', { tabindex: '-1' }, t('err.forbiddenTitle')), h('p', null, t('err.forbidden')));
      return;
    }
    clear(main, h('p', { class: 'loading' }, t('app.loading')));
    try {
      await r.render(
        main,
        { me: state.me, isCurrent: () => seq === renderSeq, query: routeQuery() },
        ...m.slice(1),
      );
      const h1 = main.querySelector('h1');
      if (h1 && seq === renderSeq && document.activeElement === document.body) h1.focus({ preventScroll: true });
    } catch (e) {
      if (seq !== renderSeq) return;
      if (e instanceof ApiError && e.status === 401) return;
      clear(
        main,
        h('h1', { tabindex: '-1' }, t('err.title')),
        h('p', { class: 'error', role: 'alert' }, e.status === 404 ? t('err.notFound') : e.message),
      );
    }
    return;
  }
  clear(main, h('h1', { tabindex: '-1' }, t('err.notFound')));
}

async function start() {
  setUnauthorizedHandler(() => {
    state.me = null;
    setCsrf(null);
    renderNav();
    renderLogin(mainEl(), t('auth.expired'));
  });
  document.getElementById('lang').addEventListener('click', () => {
    const other = LANGS.find((l) => l !== getLang());
    setLang(other);
    render();
  });
  const skip = document.getElementById('skip');
  if (skip) {
    skip.addEventListener('click', (ev) => {
      ev.preventDefault();
      mainEl().focus();
    });
  }
  window.addEventListener('hashchange', render);
  try {
    const me = await api('GET', '/me');
    state.me = me;
    setCsrf(me.csrf_token);
  } catch {
    state.me = null;
  }
  render();
}

start();
