/**
 * Form pieces shared by the pages: an error beside its field (the API's 422
 * `details: [{field, message}]`), tied to its input by aria-describedby.
 */
import { html, nothing } from 'lit';
import { icon } from './icons.js';

export const errorId = (id: string) => `${id}-error`;

/** aria-describedby for an input: its hint and its error, when there are. */
export function describedBy(id: string, error?: string, hint?: boolean): string | typeof nothing {
  const ids = [hint ? `${id}-hint` : '', error ? errorId(id) : ''].filter(Boolean).join(' ');
  return ids || nothing;
}

export function fieldError(id: string, error: string | undefined) {
  return error ? html`<p class="field-error" id=${errorId(id)}>${icon('alert')}<span>${error}</span></p>` : nothing;
}
