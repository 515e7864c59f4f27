// views/plan_form.js - what the planning page's forms share: an error line,
// the server's {"error","field"} answer shown in it, and a submit that saves
// with the button busy. The sections themselves are plan*.js's.

import { h } from '../dom.js';
import { busy } from '../ui.js';

export function errorBox() {
  return h('p', { class: 'error', role: 'alert' });
}

export function showError(box, e) {
  box.textContent = e.field ? `${e.message} (${e.field})` : e.message;
}

/* On submit: clear err, let prepare() read and check the form (null stops,
   having said why), then save(what prepare gave) with btn busy; a failure
   goes to err. */
export function saveOnSubmit(form, btn, err, save, prepare = () => true) {
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    const input = prepare();
    if (input === null) return;
    await busy(btn, async () => {
      try {
        await save(input);
      } catch (e) {
        showError(err, e);
      }
    });
  });
}
