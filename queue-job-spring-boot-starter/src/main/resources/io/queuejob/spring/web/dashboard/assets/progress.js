// A job's progress as it last reported it: a bar with its percentage and message.
import { h } from './dom.js';

/** The progress of a job as a meter with its text, or null when it reported none. */
export function progressBar(progress) {
	if (!progress) {
		return null;
	}
	const text = progress.message ? `${progress.percent}% · ${progress.message}` : `${progress.percent}%`;
	return h('div', { class: 'load progress', 'data-progress': String(progress.percent) },
			h('meter', { min: 0, max: 100, value: progress.percent, 'aria-label': `Progress ${progress.percent}%` }),
			h('span', { title: progress.reportedAt || '' }, text));
}
