// The overview: jobs done and failed per step and their time from enqueue to start, over the
// last hour or day, overall and per channel, from the per-minute rollup (#/overview).
import { getCharts } from './api.js';
import { h, replace } from './dom.js';
import { lineChart } from './charts.js';

const DONE = '#2e7d32';
const FAILED = '#c62828';
const LATENCY = '#1565c0';

// One value per step from the first to the last, null where no job ended.
function steps(series) {
	const from = new Date(series.from).getTime();
	const to = new Date(series.to).getTime();
	const step = series.stepSeconds * 1000;
	const times = [];
	for (let at = Math.floor(from / step) * step; at < to; at += step) {
		times.push(new Date(at));
	}
	return times;
}

function totals(times, points) {
	const byTime = new Map(times.map((time) => [time.getTime(), { done: 0, failed: 0, latencyCount: 0, latencyMsSum: 0 }]));
	for (const point of points) {
		const total = byTime.get(new Date(point.at).getTime());
		if (total) {
			total.done += point.done;
			total.failed += point.failed;
			total.latencyCount += point.latencyCount;
			total.latencyMsSum += point.latencyMsSum;
		}
	}
	return times.map((time) => byTime.get(time.getTime()));
}

function milliseconds(value) {
	return value >= 1000 ? `${(value / 1000).toLocaleString(undefined, { maximumFractionDigits: 1 })} s` : `${Math.round(value)} ms`;
}

function charts(name, times, points, stepWords) {
	const rows = totals(times, points);
	const done = rows.map((row) => row.done);
	const failed = rows.map((row) => row.failed);
	const latency = rows.map((row) => (row.latencyCount > 0 ? row.latencyMsSum / row.latencyCount : null));
	const sum = (values) => values.reduce((total, value) => total + value, 0);
	return h('section', { class: 'card chart-card', 'data-chart': name },
			h('h2', {}, name),
			h('p', { class: 'muted' }, `${sum(done).toLocaleString()} done, ${sum(failed).toLocaleString()} failed`),
			h('div', { class: 'chart-pair' },
					h('figure', {}, lineChart(`${name}: jobs done and failed ${stepWords}`, times,
							[{ name: 'done', color: DONE, values: done }, { name: 'failed', color: FAILED, values: failed }]),
					h('figcaption', {}, h('span', { class: 'key done' }, 'done'), ' ', h('span', { class: 'key failed' }, 'failed'),
							` ${stepWords}`)),
					h('figure', {}, lineChart(`${name}: average time from enqueue to start`, times,
							[{ name: 'latency', color: LATENCY, values: latency }], milliseconds),
					h('figcaption', {}, h('span', { class: 'key latency' }, 'average time from enqueue to start')))));
}

/** The charts of the last hour or day, overall and per channel. */
export function overviewView(params) {
	let range = params.get('range') === 'day' ? 'day' : 'hour';
	const content = h('div', { class: 'charts' });
	const buttons = ['hour', 'day'].map((value) => h('button', { type: 'button', class: 'button small', 'data-range': value,
		'aria-pressed': String(value === range), onclick: () => {
			range = value;
			buttons.forEach((button) => button.setAttribute('aria-pressed', String(button.dataset.range === range)));
			refresh();
		} }, value === 'hour' ? 'Last hour' : 'Last day'));
	const element = h('section', { class: 'view', 'aria-labelledby': 'overview-title' },
			h('div', { class: 'overview-head' }, h('h1', { id: 'overview-title' }, 'Overview'), h('div', { class: 'range' }, buttons)),
			h('p', { class: 'muted' }, 'Jobs that ended, and how long they waited from enqueue (or their ETA) to their start, from the rollup the runner keeps; a job appears a few seconds after it ends.'),
			content);

	async function refresh() {
		const series = await getCharts(range);
		const times = steps(series);
		const stepWords = series.stepSeconds === 60 ? 'per minute' : `per ${series.stepSeconds / 60} minutes`;
		const channels = [...new Set(series.points.map((point) => point.channel))].sort();
		replace(content, charts('All channels', times, series.points, stepWords),
				channels.map((channel) => charts(channel, times, series.points.filter((point) => point.channel === channel), stepWords)));
	}

	return { element, title: 'Overview', section: 'overview', start: refresh, refresh };
}
