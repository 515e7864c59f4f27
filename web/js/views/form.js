// views/form.js - register forms whose errors belong to one field: a
// labelled input with a hint and an error line tied to it (aria-describedby,
// aria-invalid), and the server's {"error","field"} answer put next to the
// field it names, else in the form's own error line. No API calls.

import { h, newId } from '../dom.js';
import { t } from '../i18n.js';

/**
 * A field with an error slot. options: [{value, label}] for a select;
 * hint: text shown under the input. Returns {wrap, input, err, name}.
 */
export function errField(name, label, inputProps = {}, tag = 'input', options = null, hint = null) {
  const id = inputProps.id || newId(name);
  const errId = `${id}-err`;
  const hintId = hint ? `${id}-hint` : null;
  const input = h(tag, {
    name,
    ...inputProps,
    id,
    'aria-describedby': [hintId, errId].filter(Boolean).join(' '),
  });
  if (options) {
    for (const o of options) input.append(h('option', { value: o.value, selected: o.selected }, o.label));
  }
  const err = h('p', { id: errId, class: 'error field-error' });
  const wrap = h(
    'div',
    { class: 'field', dataset: { field: name } },
    h('label', { for: id }, label),
    input,
    hint ? h('p', { id: hintId, class: 'hint' }, hint) : null,
    err,
  );
  return { wrap, input, err, name };
}

export function setFieldError(f, msg) {
  f.err.textContent = msg;
  if (msg) f.input.setAttribute('aria-invalid', 'true');
  else f.input.removeAttribute('aria-invalid');
}

export function clearErrors(fields, box) {
  for (const f of Object.values(fields)) setFieldError(f, '');
  if (box) box.textContent = '';
}

/**
 * Put an ApiError where it belongs: next to its field (with the field's
 * rule in the UI's language when `rule.FIELD` exists, the server's words
 * after it), focused; otherwise in box. Returns true when a field took it.
 */
export function showApiError(fields, e, box) {
  const f = e.field ? fields[e.field] : null;
  if (f) {
    const ruleKey = `rule.${e.field}`;
    const rule = t(ruleKey);
    setFieldError(f, rule === ruleKey ? e.message : `${rule} (${e.message})`);
    f.input.focus();
    return true;
  }
  if (box) box.textContent = e.field ? `${e.message} (${e.field})` : e.message;
  return false;
}
