// The live run page's keys: « Suivant » and « Précédent » in one key each (arrows, and Page Down / Page Up, which
// presentation remotes send), never while typing in a field, choosing in a list or a dialog, or when a modifier is held.
export function watchKeys(page) {
  const keys = { ArrowRight: 'next', PageDown: 'next', ArrowLeft: 'previous', PageUp: 'previous' };
  function typing(target) {
    return target instanceof Element
      && (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="textbox"], [role="combobox"], [role="slider"], [role="listbox"], [role="option"], [role="dialog"], .mud-popover') !== null);
  }
  function onKey(event) {
    const action = keys[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.repeat || typing(event.target)) {
      return;
    }
    event.preventDefault();
    page.invokeMethodAsync('OnRunKey', action);
  }
  document.addEventListener('keydown', onKey);
  return { dispose: () => document.removeEventListener('keydown', onKey) };
}
