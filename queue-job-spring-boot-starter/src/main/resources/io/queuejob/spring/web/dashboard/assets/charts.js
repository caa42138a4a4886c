// Small line charts drawn as SVG: a few series over time, with axes, a legend and a title.
const SVG = 'http://www.w3.org/2000/svg';

const WIDTH = 640;
const HEIGHT = 180;
const MARGIN = { top: 12, right: 12, bottom: 24, left: 48 };

function svg(tag, attributes = {}, text) {
	const element = document.createElementNS(SVG, tag);
	for (const [key, value] of Object.entries(attributes)) {
		element.setAttribute(key, String(value));
	}
	if (text !== undefined) {
		element.textContent = text;
	}
	return element;
}

// A round upper bound of the axis: 1, 2 or 5 times a power of ten.
function niceMax(value) {
	if (value <= 0) {
		return 1;
	}
	const power = 10 ** Math.floor(Math.log10(value));
	return [1, 2, 5, 10].map((factor) => factor * power).find((bound) => bound >= value);
}

/**
 * A line chart. times: the start of each step (Date); series: [{ name, color, values }] with one
 * number (or null for no value) per step; format: how to write a value on the axis.
 */
export function lineChart(title, times, series, format = (value) => value.toLocaleString()) {
	const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
	const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
	const max = niceMax(Math.max(0, ...series.flatMap((line) => line.values.filter((value) => value !== null))));
	const x = (index) => MARGIN.left + (times.length > 1 ? index * plotWidth / (times.length - 1) : 0);
	const y = (value) => MARGIN.top + plotHeight - value * plotHeight / max;
	const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart', role: 'img', 'aria-label': title });
	chart.append(svg('title', {}, title));
	for (const fraction of [0, 0.5, 1]) {
		const value = max * fraction;
		chart.append(svg('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value), class: 'grid' }),
				svg('text', { x: MARGIN.left - 6, y: y(value) + 4, 'text-anchor': 'end', class: 'axis' }, format(value)));
	}
	const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
	const last = times.length - 1;
	for (const [index, anchor] of [[0, 'start'], [Math.floor(last / 2), 'middle'], [last, 'end']]) {
		if (times[index]) {
			chart.append(svg('text', { x: x(index), y: HEIGHT - 6, 'text-anchor': anchor, class: 'axis' },
					clock.format(times[index])));
		}
	}
	for (const line of series) {
		const points = line.values.map((value, index) => (value === null ? null : `${x(index).toFixed(1)},${y(value).toFixed(1)}`));
		const path = points.reduce((text, point, index) => {
			if (point === null) {
				return text;
			}
			return `${text}${index === 0 || points[index - 1] === null ? 'M' : 'L'}${point}`;
		}, '');
		chart.append(svg('path', { d: path, fill: 'none', stroke: line.color, 'stroke-width': 2, 'data-series': line.name }));
		// a value without a neighbour draws no line: a dot shows it
		points.forEach((point, index) => {
			if (point !== null && (points[index - 1] ?? null) === null && (points[index + 1] ?? null) === null) {
				const [cx, cy] = point.split(',');
				chart.append(svg('circle', { cx, cy, r: 3, fill: line.color }));
			}
		});
	}
	return chart;
}
