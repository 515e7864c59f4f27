// api.js - every call to the JSON API (docs/api.md): same-origin cookies,
// the CSRF token on each state-changing call, and errors turned into
// ApiError with the server's message - in the UI's language when the
// answer carries a `code` the dictionary knows (key `apierr.<code>`), else
// the server's own words. It does not render anything.

import { t, has } from './i18n.js';

let csrfToken = null;
let onUnauthorized = null;

export function setCsrf(token) {
  csrfToken = token || null;
}

/** Called once with a function run when the session has ended (401). */
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

/** The message for an error answer: the translated code, else the server's text. */
export function errorText(status, body) {
  const code = body && typeof body.code === 'string' ? body.code : null;
  let text = (body && body.error) || `HTTP ${status}`;
  const orphans = body && Array.isArray(body.orphans) ? body.orphans : null;
  if (code && has(`apierr.${code}`)) text = t(`apierr.${code}`, { ...body, n: orphans ? orphans.length : Array.isArray(body.employed) ? body.employed.length : '' });
  if (orphans && orphans.length) {
    /* Held interviews first: they are the ones that cannot move. */
    const list = orphans.slice().sort((a, b) => Number(b.held) - Number(a.held)).slice(0, 10).map((o) => `${o.id} (${o.seeker_id}, ${o.department_id})`);
    text += ` ${t('apierr.orphanList', { list: list.join(', ') })}${orphans.length > 10 ? ' …' : ''}`;
  }
  return text;
}

export class ApiError extends Error {
  constructor(status, body) {
    super(errorText(status, body));
    this.status = status;
    this.field = body && body.field ? body.field : null;
    this.code = body && body.code ? body.code : null;
    this.body = body || null;
  }
}

export async function api(method, path, body, raw) {
  const headers = { Accept: 'application/json' };
  const opts = { method, credentials: 'same-origin', headers };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (raw !== undefined) {
    /* A file as it is (the spreadsheet import): the body is its bytes. */
    headers['Content-Type'] = 'application/octet-stream';
    opts.body = raw;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(`/api${path}`, opts);
  } catch (e) {
    throw new ApiError(0, { error: e.message || 'network error' });
  }
  let data = null;
  const type = res.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      data = await res.json();
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    if (res.status === 401 && path !== '/login' && onUnauthorized) onUnauthorized();
    throw new ApiError(res.status, data);
  }
  return data;
}

/** Encode one path segment (ids are the organisers' own strings). */
export function seg(id) {
  return encodeURIComponent(String(id));
}

export const get = (p) => api('GET', p);
/** POST a file's bytes (a Blob or File) as the request body. */
export const upload = (p, file) => api('POST', p, undefined, file);
export const post = (p, b = {}) => api('POST', p, b);
export const put = (p, b = {}) => api('PUT', p, b);
export const del = (p) => api('DELETE', p);
