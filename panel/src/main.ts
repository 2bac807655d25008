import './meeting-panel.js';
