// One job in full: fields, timeline, arguments, exception, neighbours, graph and actions.
import { ACTIONS, ApiError, STATES, act, getJob, stateLabel } from './api.js';
import { append, confirmDialog, h, link, replace, safeUrl, showMessage, time } from './dom.js';
import { GraphDrawing, STATE_COLORS, nodeName } from './graph.js';
import { stateBadge } from './jobs.js';
import { progressBar } from './progress.js';

/** The detail view of the job with the given uuid (#/jobs/{uuid}). */
export function jobView(uuid) {
	const header = h('div', { class: 'job-header' });
	const body = h('div', { class: 'job-body' });
	const graphSection = h('section', { class: 'card graph-card', 'aria-labelledby': 'graph-title', hidden: true });
	const graphCanvas = h('div', { id: 'job-graph', class: 'graph', role: 'img',
		'aria-label': 'Dependency graph of this job\'s graph; the list below says the same' });
	const graphList = h('ul', { class: 'graph-list' });
	append(graphSection, [
		h('h2', { id: 'graph-title' }, 'Graph'),
		h('p', { class: 'muted' }, 'Parents point to the jobs that wait for them. Select a job to open it.'),
		graphCanvas,
		h('ul', { class: 'legend', 'aria-label': 'Colours of the states' }, STATES.map(([state, label]) => h('li', {},
				swatch(STATE_COLORS[state]), label))),
		h('details', { class: 'graph-text' }, h('summary', {}, 'Graph as a list'), graphList),
	]);
	const drawing = new GraphDrawing(graphCanvas, uuid, (selected) => {
		window.location.hash = `#/jobs/${selected}`;
	});
	let traceOpen = true;
	let renderedKey = null;

	const element = h('section', { class: 'view job-view', 'aria-labelledby': 'job-title' },
			h('p', { class: 'back' }, link('#/jobs', '← All jobs')), header, body, graphSection);

	async function load() {
		let job;
		try {
			job = await getJob(uuid);
		}
		catch (error) {
			if (error instanceof ApiError && error.status === 404) {
				renderedKey = null;
				replace(header, h('h1', { id: 'job-title' }, 'Job not found'));
				replace(body, h('p', { class: 'empty' }, `There is no job ${uuid}; it may have been removed.`));
				graphSection.hidden = true;
				return;
			}
			throw error;
		}
		await render(job);
	}

	function render(job) {
		// An unchanged job is not drawn again, so a refresh keeps the focus and any selected text.
		const key = JSON.stringify(job);
		if (key === renderedKey) {
			return null;
		}
		renderedKey = key;
		replace(header, h('div', { class: 'job-title-row' }, h('h1', { id: 'job-title' }, job.description || job.function),
				stateBadge(job.state)),
				h('p', { class: 'mono muted' }, job.uuid),
				h('div', { class: 'actions' }, job.allowedActions.filter((action) => ACTIONS[action]).map((action) =>
						h('button', { type: 'button', class: ACTIONS[action].danger ? 'button danger' : 'button',
							'data-action': action, onclick: () => perform(job, action) }, ACTIONS[action].label)),
						related(job.related)));
		const neighbours = new Map((job.graph ? job.graph.nodes : []).map((node) => [node.uuid, node]));
		replace(body,
				h('div', { class: 'columns' },
						h('section', { class: 'card', 'aria-labelledby': 'fields-title' }, h('h2', { id: 'fields-title' }, 'Details'),
								fields(job)),
						h('section', { class: 'card', 'aria-labelledby': 'timeline-title' },
								h('h2', { id: 'timeline-title' }, 'Timeline'), timeline(job))),
				exception(job),
				h('section', { class: 'card', 'aria-labelledby': 'args-title' }, h('h2', { id: 'args-title' }, 'Arguments'),
						h('pre', { class: 'code', tabindex: 0 }, JSON.stringify(job.args, null, 2))),
				job.result !== null && job.result !== undefined && h('section', { class: 'card', 'aria-labelledby': 'result-title' },
						h('h2', { id: 'result-title' }, 'Result'), h('pre', { class: 'code', tabindex: 0 }, resultText(job.result))),
				(job.dependsOn.length > 0 || job.dependents.length > 0) && h('section', {
					class: 'card', 'aria-labelledby': 'deps-title' }, h('h2', { id: 'deps-title' }, 'Dependencies'),
						h('div', { class: 'columns' }, neighbourList('Waits for', job.dependsOn, neighbours),
								neighbourList('Needed by', job.dependents, neighbours))));
		if (job.graph) {
			graphSection.hidden = false;
			replace(graphList, job.graph.nodes.map((node) => {
				const parents = job.graph.edges.filter((edge) => edge.child === node.uuid).map((edge) => edge.parent);
				return h('li', {}, link(`#/jobs/${node.uuid}`, nodeName(node)), `, ${stateLabel(node.state).toLowerCase()}`,
						parents.length > 0 ? `, after ${parents.map((parent) => describe(parent, neighbours)).join(', ')}` : '');
			}));
			return drawing.update(job.graph);
		}
		graphSection.hidden = true;
		drawing.destroy();
		return null;
	}

	// a text outcome is shown as it is, a returned value as indented JSON
	function resultText(result) {
		return typeof result === 'string' ? result : JSON.stringify(result, null, 2);
	}

	function exception(job) {
		if (!job.excName && !job.excInfo) {
			return null;
		}
		const trace = job.excInfo && h('details', { class: 'trace', open: traceOpen },
				h('summary', {}, 'Stack trace'), h('pre', { class: 'code', tabindex: 0 }, job.excInfo));
		trace?.addEventListener('toggle', () => {
			traceOpen = trace.open;
		});
		return h('section', { class: 'card exception-card', 'aria-labelledby': 'exception-title' },
				h('h2', { id: 'exception-title' }, 'Exception'),
				h('p', {}, h('strong', { title: job.excName }, job.excName || ''), job.excMessage ? `: ${job.excMessage}` : ''),
				trace);
	}

	async function perform(job, action) {
		const { label, danger } = ACTIONS[action];
		const confirmed = await confirmDialog({
			title: `${label} this job?`,
			message: `${label} “${job.description || job.function}” (now ${stateLabel(job.state).toLowerCase()})?`,
			confirmLabel: label,
			danger,
		});
		if (!confirmed) {
			return;
		}
		try {
			const after = await act(job.uuid, action);
			showMessage(`${label}: the job is now ${stateLabel(after.state).toLowerCase()}.`, 'success');
		}
		catch (error) {
			showMessage(error.message, 'error');
		}
		try {
			await load();
		}
		catch (error) {
			showMessage(error.message, 'error');
		}
	}

	return { element, title: 'Job', section: 'jobs', start: load, refresh: load, stop: () => drawing.destroy() };
}

function fields(job) {
	const rows = [
		['UUID', h('span', { class: 'mono' }, job.uuid)],
		['State', stateBadge(job.state)],
		['Progress', progressBar(job.progress) || '—'],
		...(job.waiting ? [['Waiting', waiting(job.waiting)]] : []),
		['Function', h('span', { class: 'mono' }, job.function)],
		['Channel', link(`#/jobs?channel=${encodeURIComponent(job.channel)}`, job.channel)],
		['Priority', job.priority],
		['Tries', `${job.retry} of ${job.maxRetries === 0 ? 'unlimited' : job.maxRetries}`],
		['ETA', time(job.eta)],
		['Execution time', job.execTimeMs === null || job.execTimeMs === undefined ? '—' : `${job.execTimeMs} ms`],
		['Worker', job.worker || '—'],
		['Identity key', job.identityKey ? h('span', { class: 'mono' }, job.identityKey) : '—'],
		['Partition key', job.partitionKey ? h('span', { class: 'mono' }, job.partitionKey) : '—'],
		['Timeout', job.timeout || '—'],
		['Deadline', job.dateDeadline ? time(job.dateDeadline) : '—'],
		['Schedule', job.schedule ? [h('span', { class: 'mono' }, job.schedule), ' at ', time(job.scheduledAt)] : '—'],
		['Created by', job.createdBy || '—'],
		['Graph', job.graphUuid ? h('span', { class: 'mono' }, job.graphUuid) : '—'],
	];
	return h('dl', { class: 'fields' }, rows.map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]));
}

// Why a pending or waiting job has not started, as the API computed it for this request.
function waiting(reason) {
	return h('span', { 'data-waiting': reason.kind }, reason.message,
			reason.job ? [' ', link(`#/jobs/${encodeURIComponent(reason.job)}`, 'Open that job')] : null);
}

function timeline(job) {
	const events = [
		['Created', job.dateCreated],
		['Earliest start (ETA)', job.eta],
		['Enqueued', job.dateEnqueued],
		['Started', job.dateStarted],
		['Failed', job.dateFailed],
		['Done', job.dateDone],
		['Cancelled', job.dateCancelled],
	].filter(([, at]) => at).sort((a, b) => new Date(a[1]) - new Date(b[1]));
	if (events.length === 0) {
		return h('p', { class: 'muted' }, '—');
	}
	return h('ol', { class: 'timeline' }, events.map(([name, at]) => h('li', {}, h('span', { class: 'timeline-name' }, name),
			time(at))));
}

function swatch(color) {
	const element = h('span', { class: 'swatch', 'aria-hidden': 'true' });
	element.style.background = color;
	return element;
}

function related(value) {
	if (!value) {
		return null;
	}
	const url = safeUrl(value.url);
	const text = value.label || 'Related record';
	return url ? h('a', { class: 'button link', href: url, 'data-related': '' }, `${text} ↗`) : h('span', { class: 'muted' }, text);
}

function describe(uuid, neighbours) {
	const node = neighbours.get(uuid);
	return node ? nodeName(node) : uuid;
}

function neighbourList(title, uuids, neighbours) {
	return h('div', {}, h('h3', {}, title), uuids.length === 0 ? h('p', { class: 'muted' }, 'none')
		: h('ul', { class: 'neighbours' }, uuids.map((uuid) => {
			const node = neighbours.get(uuid);
			return h('li', {}, link(`#/jobs/${uuid}`, describe(uuid, neighbours)), node ? [' ', stateBadge(node.state)] : null);
		})));
}
