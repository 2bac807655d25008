/** The office web app's entry (served at `/`). */
import './office-app.js';
