import type { KeyboardEvent } from 'react';

/**
 * A form filled by keyboard, fast (issue 12: a complaint in under a minute):
 * Enter in a one-line field goes on to the next field instead of sending
 * the half-filled form, Ctrl+Enter (⌘+Enter) sends it from anywhere, a
 * textarea keeps Enter for its new lines, and a list that is open keeps
 * Enter for picking its option.
 */
export function enterMovesOn(event: KeyboardEvent<HTMLFormElement>): void {
  if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
  const form = event.currentTarget;
  if (event.ctrlKey || event.metaKey) {
    event.preventDefault();
    form.requestSubmit();
    return;
  }
  const target = event.target;
  if (event.isDefaultPrevented() || event.nativeEvent.defaultPrevented || event.shiftKey || event.altKey) return;
  if (!(target instanceof HTMLInputElement)) return;
  if (pickFromOpenList(target)) {
    event.preventDefault();
    return;
  }
  const fields = fieldsOf(form);
  const here = fields.findIndex((field) => field === target || (target.type === 'radio' && isRadioOf(field, target.name)));
  const next = here === -1 ? undefined : fields[here + 1];
  if (!next) return; // nothing after it: Enter does what it always does
  event.preventDefault();
  next.focus();
}

/**
 * A list that is open and was typed into, whose highlight has not caught up
 * (its options arrived after the typing, or the typing was faster than the
 * list): Enter takes the highlighted option, else the first. With nothing
 * to take, Enter stays in the field rather than leaving what was typed.
 */
function pickFromOpenList(input: HTMLInputElement): boolean {
  if (input.getAttribute('role') !== 'combobox' || input.getAttribute('aria-expanded') !== 'true') return false;
  const list = document.getElementById(input.getAttribute('aria-controls') ?? '');
  if (!list) return false;
  const options = Array.from(list.querySelectorAll<HTMLElement>('[data-combobox-option]:not([data-combobox-disabled])'));
  const option = options.find((candidate) => candidate.hasAttribute('data-combobox-selected')) ?? options[0];
  option?.click();
  return true;
}

function isRadioOf(element: HTMLElement, name: string): boolean {
  return element instanceof HTMLInputElement && element.type === 'radio' && element.name === name;
}

/** The fields Tab would stop at, in order: one stop per group of radios (its checked one), and the send button last. */
function fieldsOf(form: HTMLFormElement): HTMLElement[] {
  const groups = new Set<string>();
  return Array.from(form.querySelectorAll<HTMLElement>('input, textarea, button[type="submit"]')).filter((element) => {
    if (element.tabIndex < 0 || element.getClientRects().length === 0) return false;
    if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLButtonElement) {
      if (element.disabled) return false;
    }
    if (element instanceof HTMLInputElement) {
      if (element.type === 'hidden') return false;
      if (element.type === 'radio') {
        if (groups.has(element.name)) return false;
        const group = Array.from(form.querySelectorAll<HTMLInputElement>('input[type="radio"]')).filter((radio) => radio.name === element.name);
        if (element !== (group.find((radio) => radio.checked) ?? group[0])) return false;
        groups.add(element.name);
      }
    }
    return true;
  });
}
