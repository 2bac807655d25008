/**
 * Chart.js (bundled, never from a CDN), with only the parts the analytics page
 * draws registered, so its chunk carries no more of it than it uses; and the
 * matrix chart for the day × hour heat map. Canvas charts are pictures to a
 * screen reader: each gets a label here and a data table beside it on the page.
 */
import { BarController, BarElement, CategoryScale, Chart, type ChartConfiguration, Legend, LinearScale, Tooltip } from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip, MatrixController, MatrixElement);
Chart.defaults.font.family = "system-ui, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
Chart.defaults.color = '#1b1c1f';
// Charts appear at once: nothing moves for people who asked for less motion, nor in screenshots.
Chart.defaults.animation = false;

export { Chart };
export type { ChartConfiguration };
