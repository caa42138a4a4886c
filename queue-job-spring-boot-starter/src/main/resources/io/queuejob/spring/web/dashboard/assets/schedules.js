// The schedules: their timing, next and previous occurrences, last job, and the actions
// pause, resume and run now (#/schedules).
import { actOnSchedule, listSchedules, stateLabel } from './api.js';
import { ago, h, link, replace, showMessage, time } from './dom.js';

function timing(schedule) {
	if (schedule.cron) {
		return `cron ${schedule.cron} (${schedule.zone})`;
	}
	return schedule.fixedRate ? `every ${schedule.fixedRate}` : `${schedule.fixedDelay} after each job`;
}

function status(schedule) {
	if (!schedule.enabled) {
		return h('span', { class: 'badge' }, 'Disabled');
	}
	return schedule.paused ? h('span', { class: 'badge' }, 'Paused') : h('span', { class: 'badge runner' }, 'Active');
}

function lastJob(schedule) {
	if (!schedule.lastJob) {
		return h('span', { class: 'muted' }, '—');
	}
	return link(`#/jobs/${schedule.lastJob.uuid}`, schedule.lastJob.state ? stateLabel(schedule.lastJob.state) : 'deleted');
}

/** The schedules with their actions. */
export function schedulesView() {
	const content = h('div', {});
	const element = h('section', { class: 'view', 'aria-labelledby': 'schedules-title' },
			h('h1', { id: 'schedules-title' }, 'Schedules'),
			h('p', { class: 'muted' }, 'Recurring jobs: each occurrence is stored once as a job of its function.'), content);

	async function perform(schedule, action, label) {
		try {
			const answer = await actOnSchedule(schedule.name, action);
			showMessage(action === 'run' ? `${label}: job ${answer.uuid} stored.` : `${label}: ${schedule.name}.`, 'success');
			await refresh();
		}
		catch (error) {
			showMessage(error.message, 'error');
		}
	}

	function actions(schedule) {
		const pause = schedule.paused
			? h('button', { type: 'button', class: 'button small', 'data-action': 'resume' }, 'Resume')
			: h('button', { type: 'button', class: 'button small', 'data-action': 'pause' }, 'Pause');
		pause.addEventListener('click', () => perform(schedule, schedule.paused ? 'resume' : 'pause',
				schedule.paused ? 'Resumed' : 'Paused'));
		const run = h('button', { type: 'button', class: 'button small', 'data-action': 'run' }, 'Run now');
		run.addEventListener('click', () => perform(schedule, 'run', 'Run now'));
		return h('td', {}, pause, ' ', run);
	}

	async function refresh() {
		const schedules = await listSchedules();
		if (schedules.length === 0) {
			replace(content, h('p', { class: 'empty' }, 'No schedules.'));
			return;
		}
		replace(content, h('div', { class: 'table-wrap' }, h('table', {},
				h('caption', { class: 'visually-hidden' }, 'Schedules'),
				h('thead', {}, h('tr', {}, ['Schedule', 'Function', 'Timing', 'Status', 'Next', 'Previous', 'Last job', 'Actions']
					.map((name) => h('th', { scope: 'col' }, name)))),
				h('tbody', {}, schedules.map((schedule) => h('tr', { 'data-schedule': schedule.name },
						h('th', { scope: 'row', class: 'mono' }, schedule.name),
						h('td', { class: 'mono' }, link(`#/jobs?function=${encodeURIComponent(schedule.function)}`, schedule.function)),
						h('td', {}, timing(schedule)),
						h('td', {}, status(schedule)),
						h('td', { title: schedule.nextOccurrence || '' }, time(schedule.nextOccurrence), ' ',
								h('span', { class: 'muted' }, schedule.nextOccurrence ? ago(schedule.nextOccurrence) : '')),
						h('td', {}, time(schedule.lastOccurrence)),
						h('td', {}, lastJob(schedule)),
						actions(schedule)))))));
	}

	return { element, title: 'Schedules', section: 'schedules', start: refresh, refresh };
}
