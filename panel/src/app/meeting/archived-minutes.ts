import { css, html, LitElement, nothing } from 'lit';
import { LocaleController } from '../controllers/locale.js';
import { dateTime, whenText } from '../format.js';
import { appStyles } from '../theme.js';

/** What approved minutes froze (C1), as the hub keeps it in the archive: read, never trusted to be complete. */
interface Archive {
  title?: string;
  room?: { name?: string };
  start?: number;
  end?: number;
  timeZone?: string;
  host?: { name?: string };
  minuteTaker?: { name?: string } | null;
  attendance?: { id: string; name: string; status: string }[];
  agenda?: { section: string; title: string; notes: string }[];
  decisions?: { text: string; owner: string; deadline: number }[];
  actions?: { text: string; owner: string; deadline: number }[];
  votes?: { question: string; counts: Record<string, number>; winner: string | null }[];
}

const iso = (ms: number | undefined) => (typeof ms === 'number' ? new Date(ms).toISOString() : '');
const STATUSES = new Set(['expected', 'on_time', 'late', 'absent']);

/**
 * Approved minutes as distributed (C1): topic, time, place, who attended and
 * how, the agenda, votes, decisions with owner and deadline, and the follow-up
 * actions. The text itself is shown beside it by the minutes part.
 */
export class ArchivedMinutes extends LitElement {
  static override properties = { archive: { attribute: false } };
  declare archive: Archive | null;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: block; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3em 1em; margin: 0 0 0.8em; }
      dt { color: var(--muted); font-weight: 600; }
      dd { margin: 0; overflow-wrap: anywhere; }
      ul { margin: 0 0 0.8em; padding-inline-start: 1.2em; }
      h4 { margin: 0.8em 0 0.3em; }
      @media (max-width: 600px) { dl { grid-template-columns: 1fr; } }
    `,
  ];

  constructor() {
    super();
    this.archive = null;
  }

  override render() {
    const { t, locale } = this.i18n;
    const a = this.archive;
    if (!a || typeof a !== 'object') return nothing;
    const zone = a.timeZone;
    const due = (ms: number) => dateTime(iso(ms), locale, zone);
    return html`<section class="card" aria-labelledby="archive-h" data-archive>
      <h3 id="archive-h">${t('minutes.record')}</h3>
      <dl>
        <dt>${t('meetings.when')}</dt><dd>${a.start && a.end ? whenText(iso(a.start), iso(a.end), locale, zone) : ''}</dd>
        <dt>${t('meetings.where')}</dt><dd>${a.room?.name ?? ''}</dd>
        <dt>${t('meetings.host')}</dt><dd>${a.host?.name ?? ''}</dd>
        <dt>${t('minutes.minuteTaker')}</dt><dd>${a.minuteTaker?.name ?? t('minutes.nobodyNamed')}</dd>
      </dl>
      ${
        a.attendance?.length
          ? html`<h4>${t('roles.attendance')}</h4><ul data-archive-attendance>${a.attendance.map((p) => html`<li>${p.name} · ${STATUSES.has(p.status) ? t(`attendance.${p.status as 'on_time'}`) : p.status}</li>`)}</ul>`
          : nothing
      }
      ${a.agenda?.length ? html`<h4>${t('agenda.title')}</h4><ul>${a.agenda.map((i) => html`<li>(${i.section}) ${i.title}${i.notes ? ` · ${i.notes}` : ''}</li>`)}</ul>` : nothing}
      ${
        a.votes?.length
          ? html`<h4>${t('outcomes.votes')}</h4><ul>${a.votes.map(
              (v) =>
                html`<li>${v.question}: ${Object.entries(v.counts)
                  .map(([o, n]) => `${o} ${n}`)
                  .join(' · ')}</li>`,
            )}</ul>`
          : nothing
      }
      ${
        a.decisions?.length
          ? html`<h4>${t('outcomes.decisions')}</h4><ul data-archive-decisions>${a.decisions.map((d) => html`<li>${d.text} · ${t('actionItem.ownerDeadline', { owner: d.owner, deadline: due(d.deadline) })}</li>`)}</ul>`
          : nothing
      }
      ${
        a.actions?.length
          ? html`<h4>${t('outcomes.actions')}</h4><ul>${a.actions.map((x) => html`<li>${x.text} · ${t('actionItem.ownerDeadline', { owner: x.owner, deadline: due(x.deadline) })}</li>`)}</ul>`
          : nothing
      }
    </section>`;
  }
}
customElements.define('archived-minutes', ArchivedMinutes);
declare global {
  interface HTMLElementTagNameMap {
    'archived-minutes': ArchivedMinutes;
  }
}
