import { css } from 'lit';
import type { RoomStatus } from '../../shared/enums.js';

/** High-contrast colours per room status, readable from three metres (white text on each). */
export const STATUS_COLOURS: Record<RoomStatus, string> = {
  free: '#0b7a35',
  reserved: '#2f6f1f',
  awaiting_checkin: '#a35a00',
  in_use: '#b3261e',
  closed: '#3c4043',
  out_of_service: '#5b2a86',
};

export const baseStyles = css`
  :host {
    box-sizing: border-box;
    font-family: system-ui, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif;
    color: #fff;
  }
  *, *::before, *::after { box-sizing: inherit; }
  button {
    font: inherit;
    min-height: 64px; /* thumb-sized touch targets */
    min-width: 96px;
    padding: 0.5em 1.1em;
    border-radius: 14px;
    border: 3px solid #fff;
    background: rgba(255, 255, 255, 0.14);
    color: #fff;
    font-weight: 600;
    cursor: pointer;
  }
  button.primary { background: #fff; color: #111; }
  button:disabled { opacity: 0.35; cursor: default; }
  button:focus-visible { outline: 4px solid #ffd54f; outline-offset: 2px; }
`;
