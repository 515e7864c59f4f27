// views/seekers.js - the organiser's seeker register: search by name, id or
// e-mail with paging (the search is kept in the address, so the way back
// from a record returns to it), and one seeker's record to edit. Only the
// fields changed are sent; the server's validation errors are shown next to
// their field. The personal number is write-only: a field to set a new one,
// never a value shown. Every opening of a record is audited by the server.

import { h, clear } from '../dom.js';
import { get, put, seg } from '../api.js';
import { t, getLang } from '../i18n.js';
import { href, announce, busy } from '../ui.js';
import { errField, clearErrors, showApiError } from './form.js';

const PER_PAGE = 25;

/* The last search, for the link back from a record. */
let lastSearch = '';

function searchHref(q, page) {
  const p = new URLSearchParams();
  if (q) p.set('q', q);
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return `${href('seekers')}${s ? `?${s}` : ''}`;
}

function fullName(s) {
  return [s.first_name, s.last_name].filter(Boolean).join(' ') || '–';
}

/* ---------- search ---------- */

export async function renderSeekerSearch(main, ctx) {
  const query = ctx.query || new URLSearchParams();
  let q = (query.get('q') || '').slice(0, 100);
  let page = Math.max(1, Number.parseInt(query.get('page') || '1', 10) || 1);

  const input = h('input', {
    id: 'register-q',
    type: 'search',
    name: 'q',
    maxlength: 100,
    value: q,
    autocomplete: 'off',
  });
  const err = h('p', { class: 'error', role: 'alert' });
  const summary = h('p', { id: 'register-summary', 'aria-live': 'polite' });
  const results = h('div', { id: 'register-results' });

  const search = async (focusResults) => {
    err.textContent = '';
    const params = new URLSearchParams({ page: String(page), per_page: String(PER_PAGE) });
    if (q) params.set('q', q);
    let r;
    try {
      r = await get(`/seekers?${params}`);
    } catch (e) {
      err.textContent = e.message;
      return;
    }
    if (!ctx.isCurrent()) return;
    const pages = Math.max(1, Math.ceil(r.total / r.per_page));
    if (page > pages && r.total > 0) {
      page = pages;
      await search(focusResults);
      return;
    }
    lastSearch = searchHref(q, page);
    /* Keep the search in the address without a new render. */
    history.replaceState(null, '', lastSearch);
    summary.textContent = r.total === 0 ? t('sk.none') : t('sk.found', { total: r.total, page, pages });
    const pageBtn = (id, disabled, label) => h('button', { type: 'button', class: 'secondary', id, disabled }, label);
    const prev = pageBtn('register-prev', page <= 1, t('common.prev'));
    const next = pageBtn('register-next', page >= pages, t('common.next'));
    prev.addEventListener('click', () => {
      page -= 1;
      search(true);
    });
    next.addEventListener('click', () => {
      page += 1;
      search(true);
    });
    const lang = getLang() === 'sv' ? 'sv-SE' : 'en-GB';
    clear(
      results,
      r.items.length === 0
        ? null
        : h(
            'div',
            { class: 'scroll' },
            h(
              'table',
              { class: 'list', id: 'register-list' },
              h('caption', { class: 'visually-hidden' }, t('sk.title')),
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  ['seeker.name', 'seeker.id', 'seeker.gender', 'seeker.birthYear', 'sk.registered'].map((k) =>
                    h('th', { scope: 'col' }, t(k)),
                  ),
                ),
              ),
              h(
                'tbody',
                null,
                r.items.map((s) =>
                  h(
                    'tr',
                    { dataset: { seeker: s.id } },
                    h('th', { scope: 'row' }, h('a', { href: href('seekers', s.id) }, fullName(s))),
                    h('td', null, s.id),
                    h('td', null, s.gender ? t(`gender.${s.gender}`) : ''),
                    h('td', null, s.birth_year ?? ''),
                    h('td', null, s.registered ? new Date(`${s.registered}T00:00:00`).toLocaleDateString(lang) : ''),
                  ),
                ),
              ),
            ),
          ),
      pages > 1
        ? h(
            'nav',
            { class: 'actions pager', 'aria-label': t('sk.pages') },
            prev,
            h('span', { class: 'pager-text' }, t('sk.pageOf', { page, pages })),
            next,
          )
        : null,
    );
    if (focusResults) {
      const first = results.querySelector('tbody a');
      if (first) first.focus();
    }
  };

  const btn = h('button', { type: 'submit' }, t('common.search'));
  const form = h(
    'form',
    { role: 'search', class: 'inline', id: 'register-search' },
    h('label', { for: 'register-q' }, t('sk.search')),
    input,
    btn,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    q = input.value.trim();
    page = 1;
    await busy(btn, () => search(false));
  });
  clear(
    main,
    h('h1', { tabindex: '-1' }, t('sk.title')),
    h('p', { class: 'hint' }, t('sk.intro')),
    h('div', { class: 'card' }, form, err, summary, results),
  );
  await search(false);
}

/* ---------- one record ---------- */

const LEVELS = (lo, hi) => {
  const out = [];
  for (let i = lo; i <= hi; i += 1) out.push(i);
  return out;
};

export async function renderSeeker(main, ctx, id) {
  const s = await get(`/seekers/${seg(id)}`);
  if (!ctx.isCurrent()) return;
  const unknown = { value: '', label: t('sk.unknown') };
  const opt = (v, label, cur) => ({
    value: String(v),
    label,
    selected: cur !== null && cur !== undefined && String(cur) === String(v),
  });
  const levelOpts = (lo, hi, cur) => [
    { ...unknown, selected: cur === null || cur === undefined },
    ...LEVELS(lo, hi).map((v) => opt(v, String(v), cur)),
  ];
  const licence = s.driving_licence === null || s.driving_licence === undefined ? '' : s.driving_licence ? 'yes' : 'no';

  /* name -> field; kind says how the input becomes JSON. */
  const kinds = {};
  const fld = (name, kind, ...args) => {
    kinds[name] = kind;
    return errField(name, ...args);
  };
  const text = (maxlength) => ({ maxlength, autocomplete: 'off' });
  const number = (min, max) => ({ type: 'number', min, max, inputmode: 'numeric', class: 'narrow' });
  const genders = ['woman', 'man', 'other'].map((g) => opt(g, t(`gender.${g}`), s.gender));
  const groups = ['jobb_och_utveckling', 'etablering', 'eu_familj'].map((e) => opt(e, t(`elig.${e}`), s.eligibility));
  const f = {
    first_name: fld('first_name', 'name', t('sk.firstName'), { ...text(100), required: true }),
    last_name: fld('last_name', 'name', t('sk.lastName'), { ...text(100), required: true }),
    gender: fld('gender', 'str', t('seeker.gender'), { required: true }, 'select', genders),
    birth_year: fld('birth_year', 'int', t('seeker.birthYear'), number(1900, 2100)),
    /* Write-only: starts empty, is emptied after each save. */
    personal_number: fld(
      'personal_number',
      'pnr',
      t('sk.personalNumber'),
      { ...text(20), spellcheck: 'false', inputmode: 'numeric', placeholder: t('sk.pnrPlaceholder') },
      'input',
      null,
      t('sk.pnrHint'),
    ),
    phone: fld('phone', 'opt', t('sk.phone'), { type: 'tel', maxlength: 40, autocomplete: 'off' }),
    email: fld('email', 'opt', t('sk.email'), { type: 'email', maxlength: 200, autocomplete: 'off' }),
    registered: fld('registered', 'opt', t('sk.registered'), { type: 'date' }),
    eligibility: fld('eligibility', 'opt', t('sk.eligibility'), {}, 'select', [
      { ...unknown, selected: !s.eligibility },
      ...groups,
    ]),
    interests: fld(
      'interests',
      'codes',
      t('sk.interests'),
      { ...text(400), inputmode: 'numeric' },
      'input',
      null,
      t('sk.codesHint'),
    ),
    experience: fld('experience', 'codes', t('sk.experience'), { ...text(400), inputmode: 'numeric' }),
    education_level: fld('education_level', 'int', t('sk.education'), {}, 'select', levelOpts(1, 5, s.education_level)),
    swedish_level: fld('swedish_level', 'int', t('sk.swedish'), {}, 'select', levelOpts(0, 5, s.swedish_level)),
    driving_licence: fld('driving_licence', 'bool', t('sk.licence'), {}, 'select', [
      { ...unknown, selected: licence === '' },
      { value: 'yes', label: t('common.yes'), selected: licence === 'yes' },
      { value: 'no', label: t('common.no'), selected: licence === 'no' },
    ]),
    extent_preference: fld('extent_preference', 'int', t('sk.extent'), number(1, 100)),
    screening: fld('screening', 'int', t('sk.screening'), {}, 'select', levelOpts(0, 5, s.screening)),
  };
  for (const [k, x] of Object.entries(f)) {
    if (x.input.tagName === 'INPUT' && k !== 'personal_number') {
      x.input.value = s[k] === null || s[k] === undefined ? '' : String(s[k]);
    }
  }

  /* The value to send for a field, or undefined when it is as stored. */
  const valueOf = (name) => {
    const raw = f[name].input.value;
    const v = raw.trim();
    switch (kinds[name]) {
      case 'pnr':
        return v === '' ? undefined : v;
      case 'bool':
        return v === '' ? null : v === 'yes';
      case 'int': {
        if (v === '') return null;
        const n = Number(v);
        /* Not a whole number: send it as typed so the server names the field. */
        return Number.isInteger(n) ? n : v;
      }
      case 'codes':
        return v.split('|').map((c) => c.trim()).join('|');
      case 'opt':
        return v === '' ? null : v;
      default:
        return v;
    }
  };
  const stored = (name) => {
    const v = s[name];
    if (kinds[name] === 'codes') return v || '';
    return v === undefined ? null : v;
  };
  const changes = () => {
    const body = {};
    for (const name of Object.keys(f)) {
      const v = valueOf(name);
      if (v === undefined) continue;
      if (kinds[name] !== 'pnr' && v === stored(name)) continue;
      body[name] = v;
    }
    return body;
  };

  const err = h('p', { class: 'error', role: 'alert', id: 'seeker-form-error' });
  const btn = h('button', { type: 'submit', id: 'save-seeker' }, t('common.save'));
  const group = (legend, names) =>
    h(
      'fieldset',
      { class: 'group' },
      h('legend', null, legend),
      h('div', { class: 'grid-fields' }, names.map((n) => f[n].wrap)),
    );
  const back = lastSearch || href('seekers');
  const form = h(
    'form',
    { class: 'card', id: 'seeker-form', 'aria-labelledby': 'seeker-h', novalidate: true },
    group(t('sk.person'), ['first_name', 'last_name', 'gender', 'birth_year', 'personal_number']),
    group(t('sk.contact'), ['phone', 'email', 'registered']),
    group(t('sk.matching'), [
      'eligibility',
      'interests',
      'experience',
      'education_level',
      'swedish_level',
      'driving_licence',
      'extent_preference',
      'screening',
    ]),
    err,
    h('div', { class: 'actions' }, btn, h('a', { href: back, class: 'button-link secondary-link' }, t('sk.back'))),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(f, err);
    /* Names are required (as in the import); say so before the server. */
    for (const k of ['first_name', 'last_name']) {
      if (!f[k].input.value.trim()) {
        showApiError(f, { field: k, message: t('form.required') }, err);
        return;
      }
    }
    const body = changes();
    if (Object.keys(body).length === 0) {
      announce(t('sk.nothing'));
      return;
    }
    await busy(btn, async () => {
      try {
        const fresh = await put(`/seekers/${seg(id)}`, body);
        Object.assign(s, fresh);
        f.personal_number.input.value = '';
        for (const k of Object.keys(body)) {
          if (kinds[k] === 'codes' || kinds[k] === 'name') f[k].input.value = fresh[k] || '';
        }
        heading.textContent = t('sk.recordTitle', { name: fullName(fresh), id: fresh.id });
        announce(
          body.personal_number
            ? t('sk.savedPnr', { id: fresh.id })
            : t('sk.saved', { id: fresh.id }),
        );
      } catch (e) {
        showApiError(f, e, err);
      }
    });
  });

  const heading = h('h1', { tabindex: '-1', id: 'seeker-h' }, t('sk.recordTitle', { name: fullName(s), id: s.id }));
  clear(
    main,
    h('p', { class: 'no-print' }, h('a', { href: back, id: 'back-to-search' }, `← ${t('sk.back')}`)),
    heading,
    s.purged ? h('p', { class: 'notice', role: 'note' }, t('sk.purged')) : null,
    form,
  );
}
