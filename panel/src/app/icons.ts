/** Small inline icons that go beside a word, so a state never rests on colour alone. */
import { svg, type SVGTemplateResult } from 'lit';

const PATHS = {
  ring: svg`<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="2"/>`,
  dot: svg`<circle cx="8" cy="8" r="6.5" fill="currentColor"/>`,
  half: svg`<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="2"/><path d="M8 2a6 6 0 0 1 0 12z" fill="currentColor"/>`,
  clock: svg`<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="2"/><path d="M8 4.5V8l2.5 1.8" fill="none" stroke="currentColor" stroke-width="1.8"/>`,
  square: svg`<rect x="2.5" y="2.5" width="11" height="11" fill="currentColor"/>`,
  slash: svg`<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="2"/><path d="M3.8 12.2 12.2 3.8" stroke="currentColor" stroke-width="2"/>`,
  check: svg`<path d="M2.5 8.5 6.3 12 13.5 4" fill="none" stroke="currentColor" stroke-width="2.4"/>`,
  cross: svg`<path d="M3.5 3.5l9 9M12.5 3.5l-9 9" stroke="currentColor" stroke-width="2.4"/>`,
  alert: svg`<path d="M8 1.5 15 14.5H1z" fill="currentColor"/><path d="M8 6v4.2M8 11.6v1.4" stroke="#fff" stroke-width="1.8"/>`,
  wrench: svg`<path d="M10.5 1.8a3.6 3.6 0 0 0-3.3 5L2 12l2 2 5.2-5.2a3.6 3.6 0 0 0 5-3.3l-2.1 2.1-2-.5-.5-2z" fill="currentColor"/>`,
  eye: svg`<path d="M1 8s2.6-4.5 7-4.5S15 8 15 8s-2.6 4.5-7 4.5S1 8 1 8z" fill="none" stroke="currentColor" stroke-width="1.8"/><circle cx="8" cy="8" r="2" fill="currentColor"/>`,
  dash: svg`<path d="M3 8h10" stroke="currentColor" stroke-width="2.4"/>`,
  person: svg`<circle cx="8" cy="5" r="3" fill="currentColor"/><path d="M2 15a6 6 0 0 1 12 0z" fill="currentColor"/>`,
} as const;

export type IconName = keyof typeof PATHS;

export function icon(name: IconName): SVGTemplateResult {
  return svg`<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">${PATHS[name]}</svg>`;
}
