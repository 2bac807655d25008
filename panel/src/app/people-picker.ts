import { css, html, LitElement, nothing } from 'lit';
import type { UserDto } from '../../../shared/schemas/http.js';
import { LocaleController } from './controllers/locale.js';
import { icon } from './icons.js';
import { appStyles } from './theme.js';

const SHOWN = 8;

/**
 * Attendees chosen from the directory (M1): a searchable combobox (the ARIA 1.2
 * pattern: type to filter, arrows to move, Enter to choose, Escape to close)
 * and the chosen people as a list, each with a remove button. Backspace in an
 * empty box removes the last one.
 *
 * @fires people-change - `{detail: string[]}` the chosen user ids
 */
export class PeoplePicker extends LitElement {
  static override properties = {
    people: { attribute: false },
    value: { attribute: false },
    exclude: { attribute: false },
    label: { type: String },
    query: { state: true },
    open: { state: true },
    active: { state: true },
  };
  declare people: UserDto[];
  declare value: string[];
  declare exclude: string[];
  declare label: string;
  declare query: string;
  declare open: boolean;
  declare active: number;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: block; margin-bottom: 0.8em; }
      .chosen { list-style: none; display: flex; flex-wrap: wrap; gap: 0.35em; margin: 0.3em 0; padding: 0; }
      .chosen li { display: inline-flex; align-items: center; gap: 0.2em; background: #eef2fb; border: 1px solid #b9c7e6; border-radius: 999px; padding: 0 0.2em 0 0.7em; }
      .chosen button { min-height: 32px; min-width: 32px; padding: 0 0.3em; border: 0; background: none; color: var(--muted); justify-content: center; }
      .chosen svg { width: 0.9em; height: 0.9em; }
      .combo { position: relative; }
      input { width: 100%; }
      [role='listbox'] { position: absolute; z-index: 6; left: 0; right: 0; top: 100%; margin: 2px 0 0; padding: 0.25em 0; list-style: none; background: #fff; border: 1.5px solid var(--line); border-radius: 8px; box-shadow: 0 6px 20px rgba(0,0,0,.18); max-height: 18em; overflow-y: auto; }
      [role='option'] { padding: 0.45em 0.75em; cursor: pointer; display: flex; justify-content: space-between; gap: 1em; }
      [role='option'] .dept { color: var(--muted); font-size: 0.9em; }
      [role='option'][aria-selected='true'] { background: var(--accent); color: #fff; }
      [role='option'][aria-selected='true'] .dept { color: #fff; }
      .none { padding: 0.45em 0.75em; color: var(--muted); }
    `,
  ];

  constructor() {
    super();
    this.people = [];
    this.value = [];
    this.exclude = [];
    this.label = '';
    this.query = '';
    this.open = false;
    this.active = 0;
  }

  private get found(): UserDto[] {
    const q = this.query.trim().toLowerCase();
    const taken = new Set([...this.value, ...this.exclude]);
    return this.people
      .filter((p) => p.active && !taken.has(p.id) && p.id !== 'walk-in')
      .filter((p) => !q || [p.name, p.username, p.department ?? ''].some((s) => s.toLowerCase().includes(q)))
      .slice(0, SHOWN);
  }

  private change(ids: string[]) {
    this.value = ids;
    this.dispatchEvent(new CustomEvent('people-change', { detail: ids, bubbles: true, composed: true }));
  }

  private choose(p: UserDto) {
    this.change([...this.value, p.id]);
    this.query = '';
    this.active = 0;
    (this.renderRoot.querySelector('input') as HTMLInputElement).focus();
  }

  private unchoose(id: string) {
    this.change(this.value.filter((v) => v !== id));
    (this.renderRoot.querySelector('input') as HTMLInputElement).focus();
  }

  private onKey(e: KeyboardEvent) {
    const list = this.found;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!this.open) {
        this.open = true;
        this.active = 0;
        return;
      }
      const n = list.length || 1;
      this.active = (this.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
    } else if (e.key === 'Enter') {
      if (this.open && list[this.active]) {
        e.preventDefault(); // choosing a person does not submit the form
        this.choose(list[this.active]!);
      }
    } else if (e.key === 'Escape') {
      if (this.open) {
        e.preventDefault();
        e.stopPropagation(); // closes the list, not the dialog around it
        this.open = false;
      }
    } else if (e.key === 'Backspace' && this.query === '' && this.value.length) {
      this.change(this.value.slice(0, -1));
    }
  }

  override updated() {
    this.renderRoot.querySelector('[role="option"][aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }

  override render() {
    const t = this.i18n.t;
    const byId = new Map(this.people.map((p) => [p.id, p]));
    const list = this.found;
    const active = Math.min(this.active, Math.max(0, list.length - 1));
    const expanded = this.open && this.query.length + list.length > 0;
    return html`
      <label for="people-input">${this.label || t('booking.attendees')}</label>
      <span class="hint" id="people-hint">${t('picker.hint')}</span>
      ${this.value.length
        ? html`<ul class="chosen" aria-label=${t('picker.chosen', { n: this.value.length })}>
            ${this.value.map((id) => {
              const name = byId.get(id)?.name ?? id;
              return html`<li data-person=${id}>${name}<button type="button" data-action="remove-person" aria-label=${t('picker.remove', { name })} @click=${() => this.unchoose(id)}>${icon('cross')}</button></li>`;
            })}
          </ul>`
        : nothing}
      <div class="combo">
        <input id="people-input" type="text" role="combobox" autocomplete="off" aria-autocomplete="list" aria-describedby="people-hint"
          aria-expanded=${expanded ? 'true' : 'false'} aria-controls="people-list"
          aria-activedescendant=${expanded && list[active] ? `person-${list[active]!.id}` : nothing}
          .value=${this.query}
          @input=${(e: Event) => { this.query = (e.target as HTMLInputElement).value; this.open = true; this.active = 0; }}
          @focus=${() => (this.open = true)}
          @blur=${() => setTimeout(() => (this.open = false), 120)}
          @keydown=${(e: KeyboardEvent) => this.onKey(e)} />
        <ul id="people-list" role="listbox" aria-label=${t('picker.people')} ?hidden=${!expanded}>
          ${list.map((p, i) => html`<li role="option" id="person-${p.id}" data-person=${p.id} aria-selected=${i === active ? 'true' : 'false'}
            @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.choose(p)}>
            <span>${p.name}</span><span class="dept">${p.department ?? ''}</span></li>`)}
          ${list.length === 0 ? html`<li class="none" role="option" aria-disabled="true" aria-selected="false">${t('picker.nobody')}</li>` : nothing}
        </ul>
      </div>
      <p class="visually-hidden" role="status">${expanded ? t('picker.found', { n: list.length }) : ''}</p>
    `;
  }
}
customElements.define('people-picker', PeoplePicker);
declare global {
  interface HTMLElementTagNameMap {
    'people-picker': PeoplePicker;
  }
}
