// dom.js - the only way the UI builds markup: elements with properties and
// text nodes, never innerHTML, so data from the server cannot become markup.
// It knows nothing about the API or the pages.

import { getLang } from './i18n.js';

const PROPS = new Set(['value', 'checked', 'selected', 'disabled', 'hidden', 'required', 'multiple', 'open']);

/**
 * h('button', {class: 'x', onclick: fn, 'aria-label': '...'}, 'text', child)
 * Strings and numbers become text nodes; null/false/undefined are skipped;
 * arrays are flattened.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : v;
      else if (k === 'text') el.textContent = String(v);
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (PROPS.has(k)) el[k] = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of [children].flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** Replace all children of el. */
export function clear(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

let uid = 0;
/** A fresh id for label/for and aria-describedby pairs. */
export function newId(prefix = 'f') {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** A labelled form field: returns {wrap, input}. */
export function field(label, inputProps = {}, tag = 'input', options = null) {
  const id = inputProps.id || newId();
  const input = h(tag, { ...inputProps, id });
  if (options) {
    for (const o of options) {
      input.append(h('option', { value: o.value, selected: o.selected }, o.label));
    }
  }
  const wrap = h('div', { class: 'field' }, h('label', { for: id }, label), input);
  return { wrap, input };
}

/** A number with a fixed number of decimals in the UI's language ("73,5" in Swedish). */
export function decimal(x, digits = 1) {
  if (typeof x !== 'number' || Number.isNaN(x)) return '–';
  const s = x.toFixed(digits);
  return getLang() === 'sv' ? s.replace('.', ',').replace('-', '−') : s;
}

/** Percentage text for a share in [0, 1]. */
export function pct(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  /* One format per language: "49,6 %" in Swedish, "49.6 %" in English. */
  const s = (x * 100).toFixed(1);
  return `${getLang() === 'sv' ? s.replace('.', ',') : s} %`;
}
