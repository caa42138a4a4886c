// The job list: state tabs with counts, filters, keyset paging, selection and bulk actions.
import { ACTIONS, STATES, actOnAll, countJobs, listChannels, listFunctions, listJobs, stateLabel } from './api.js';
import { ago, append, confirmDialog, h, link, replace, showMessage, time } from './dom.js';
import { progressBar } from './progress.js';

const PAGE_SIZE = 50;

// Auto refresh reloads the rows already shown in one request, up to the API's page limit.
const MAX_REFRESHED_ROWS = 200;

const FILTER_KEYS = ['state', 'channel', 'function', 'text', 'createdFrom', 'createdTo', 'sort'];

/** A badge showing a job state. */
export function stateBadge(state) {
	return h('span', { class: `badge state-${state}` }, stateLabel(state));
}

/** The short name of an exception class. */
export function shortName(className) {
	return className ? className.substring(className.lastIndexOf('.') + 1) : '';
}

/** The job list view; params are the filters of the hash route (#/jobs?state=failed&…). */
export function jobsView(params) {
	const filters = Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) || '']));
	const model = { jobs: [], nextCursor: null, selected: new Set(), generation: 0, countsKey: null, rowsKey: null };

	const stateGroup = h('div', { class: 'state-tabs', role: 'group', 'aria-label': 'Filter by state' });
	const channelSelect = h('select', { id: 'filter-channel', name: 'channel' }, h('option', { value: '' }, 'All channels'));
	const functionSelect = h('select', { id: 'filter-function', name: 'function' },
			h('option', { value: '' }, 'All functions'));
	const textInput = h('input', { id: 'filter-text', name: 'text', type: 'search', placeholder: 'Description or exception',
		value: filters.text });
	const fromInput = h('input', { id: 'filter-from', name: 'createdFrom', type: 'datetime-local',
		value: toLocalInput(filters.createdFrom) });
	const toInput = h('input', { id: 'filter-to', name: 'createdTo', type: 'datetime-local',
		value: toLocalInput(filters.createdTo) });
	const sortSelect = h('select', { id: 'filter-sort', name: 'sort' }, h('option', { value: 'newest' }, 'Newest first'),
			h('option', { value: 'oldest' }, 'Oldest first'));
	sortSelect.value = filters.sort || 'newest';

	const selectAll = h('input', { type: 'checkbox', id: 'select-all', 'aria-label': 'Select all jobs shown' });
	const selectionText = h('span', { class: 'selection-count', 'aria-live': 'polite' });
	const bulkButtons = Object.entries(ACTIONS).map(([action, { label, danger }]) => h('button', {
		type: 'button', class: danger ? 'button danger' : 'button', 'data-bulk': action, disabled: true,
		onclick: () => bulk(action),
	}, `${label} selected`));
	const rows = h('tbody', { id: 'job-rows' });
	const empty = h('p', { class: 'empty', hidden: true }, 'No jobs match these filters.');
	const loadMore = h('button', { type: 'button', class: 'button', id: 'load-more', hidden: true, onclick: more },
			'Load more');

	const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Job filters', onsubmit: (event) => {
		event.preventDefault();
		applyFilters();
	} },
			field('Channel', channelSelect), field('Function', functionSelect), field('Search', textInput),
			field('Created from', fromInput), field('Created before', toInput), field('Order', sortSelect),
			h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'button primary' }, 'Apply'),
					h('button', { type: 'button', class: 'button', onclick: resetFilters }, 'Reset')));
	for (const input of [channelSelect, functionSelect, sortSelect, fromInput, toInput]) {
		input.addEventListener('change', applyFilters);
	}
	let typing;
	textInput.addEventListener('input', () => {
		clearTimeout(typing);
		typing = setTimeout(applyFilters, 350);
	});
	selectAll.addEventListener('change', () => {
		model.selected = selectAll.checked ? new Set(model.jobs.map((job) => job.uuid)) : new Set();
		renderRows();
	});

	const element = h('section', { class: 'view', 'aria-labelledby': 'jobs-title' },
			h('h1', { id: 'jobs-title' }, 'Jobs'), stateGroup, form,
			h('div', { class: 'bulk-bar' }, selectionText, h('div', { class: 'bulk-buttons' }, bulkButtons)),
			h('div', { class: 'table-wrap' }, h('table', { class: 'jobs' },
					h('caption', { class: 'visually-hidden' }, 'Jobs matching the filters'),
					h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'select' }, selectAll),
							h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Job'), h('th', { scope: 'col' }, 'Channel'),
							h('th', { scope: 'col' }, 'Created'), h('th', { scope: 'col', class: 'num' }, 'Tries'),
							h('th', { scope: 'col' }, 'Details'))),
					rows)),
			empty, h('div', { class: 'more' }, loadMore));

	function field(label, input) {
		return h('div', { class: 'field' }, h('label', { for: input.id }, label), input);
	}

	function query() {
		return { ...filters, state: filters.state || null, sort: filters.sort || null };
	}

	function applyFilters() {
		filters.channel = channelSelect.value;
		filters.function = functionSelect.value;
		filters.text = textInput.value.trim();
		filters.createdFrom = fromLocalInput(fromInput.value);
		filters.createdTo = fromLocalInput(toInput.value);
		filters.sort = sortSelect.value === 'newest' ? '' : sortSelect.value;
		reload();
	}

	function resetFilters() {
		for (const key of FILTER_KEYS) {
			filters[key] = '';
		}
		form.reset();
		channelSelect.value = '';
		functionSelect.value = '';
		sortSelect.value = 'newest';
		reload();
	}

	function rememberFilters() {
		const params = new URLSearchParams();
		for (const key of FILTER_KEYS) {
			if (filters[key]) {
				params.set(key, filters[key]);
			}
		}
		const text = params.toString();
		history.replaceState(null, '', `#/jobs${text ? `?${text}` : ''}`);
	}

	// Called from the controls: a failure is shown, not thrown.
	async function reload() {
		rememberFilters();
		model.selected = new Set();
		try {
			await load(PAGE_SIZE);
		}
		catch (error) {
			showMessage(error.message, 'error');
		}
	}

	async function load(limit) {
		const generation = ++model.generation;
		const [counts, page] = await Promise.all([countJobs(query()), listJobs(query(), null, limit)]);
		if (generation !== model.generation) {
			return;
		}
		// Unchanged parts are not drawn again, so a refresh keeps the focus where it is.
		const countsKey = JSON.stringify([counts, filters.state]);
		if (countsKey !== model.countsKey) {
			model.countsKey = countsKey;
			renderCounts(counts);
		}
		model.jobs = page.jobs;
		model.nextCursor = page.nextCursor;
		const shown = new Set(model.jobs.map((job) => job.uuid));
		model.selected = new Set([...model.selected].filter((uuid) => shown.has(uuid)));
		if (JSON.stringify([{ jobs: model.jobs, nextCursor: model.nextCursor }, [...model.selected]]) !== model.rowsKey) {
			renderRows();
		}
	}

	async function more() {
		const generation = model.generation;
		loadMore.disabled = true;
		try {
			const page = await listJobs(query(), model.nextCursor, PAGE_SIZE);
			if (generation === model.generation) {
				const known = new Set(model.jobs.map((job) => job.uuid));
				model.jobs = model.jobs.concat(page.jobs.filter((job) => !known.has(job.uuid)));
				model.nextCursor = page.nextCursor;
				renderRows();
			}
		}
		catch (error) {
			showMessage(error.message, 'error');
		}
		finally {
			loadMore.disabled = false;
		}
	}

	async function refresh() {
		if (model.jobs.length > MAX_REFRESHED_ROWS) {
			const generation = model.generation;
			const counts = await countJobs(query());
			if (generation === model.generation) {
				renderCounts(counts);
			}
			return;
		}
		await load(Math.min(MAX_REFRESHED_ROWS, Math.max(PAGE_SIZE, model.jobs.length)));
	}

	async function bulk(action) {
		const { label, danger } = ACTIONS[action];
		const jobs = model.jobs.filter((job) => model.selected.has(job.uuid));
		const noun = jobs.length === 1 ? 'job' : 'jobs';
		const confirmed = await confirmDialog({
			title: `${label}: ${jobs.length} ${noun}?`,
			message: `${label} the selected ${noun}? Jobs whose state does not allow it are left as they are.`,
			items: jobs.map((job) => `${stateLabel(job.state)} · ${job.description || job.function}`),
			confirmLabel: `${label} ${jobs.length} ${noun}`,
			danger,
		});
		if (!confirmed) {
			return;
		}
		try {
			const outcome = await actOnAll(jobs.map((job) => job.uuid), action);
			reportBulk(label, outcome);
			model.selected = new Set();
			await load(Math.min(MAX_REFRESHED_ROWS, Math.max(PAGE_SIZE, model.jobs.length)));
		}
		catch (error) {
			showMessage(error.message, 'error');
		}
	}

	function renderCounts(counts) {
		const capped = new Set(counts.capped || []);
		let total = 0;
		for (const [state] of STATES) {
			total += counts[state] || 0;
		}
		const tab = (state, label, count, isCapped) => h('button', {
			type: 'button', class: `state-tab ${state ? `state-${state}` : 'state-all'}`, 'data-state': state,
			'aria-pressed': String(filters.state === state),
			onclick: () => {
				filters.state = state;
				reload();
			},
		}, h('span', { class: 'state-tab-label' }, label),
				h('span', { class: 'count', 'data-count': state || 'all' }, formatCount(count, isCapped)));
		replace(stateGroup, tab('', 'All', total, capped.size > 0),
				STATES.map(([state, label]) => tab(state, label, counts[state] || 0, capped.has(state))));
	}

	function renderRows() {
		model.rowsKey = JSON.stringify([{ jobs: model.jobs, nextCursor: model.nextCursor }, [...model.selected]]);
		replace(rows, model.jobs.map(row));
		empty.hidden = model.jobs.length > 0;
		loadMore.hidden = !model.nextCursor;
		const count = model.selected.size;
		selectionText.textContent = count === 0 ? 'Select jobs to act on them.' : `${count} selected`;
		// A bulk action is offered when a selected job allows it, as the API says; the others are refused per job.
		const selectedJobs = model.jobs.filter((job) => model.selected.has(job.uuid));
		for (const button of bulkButtons) {
			button.disabled = !selectedJobs.some((job) => job.allowedActions.includes(button.dataset.bulk));
		}
		selectAll.checked = count > 0 && count === model.jobs.length;
		selectAll.indeterminate = count > 0 && count < model.jobs.length;
	}

	function row(job) {
		const checkbox = h('input', { type: 'checkbox', checked: model.selected.has(job.uuid),
			'aria-label': `Select ${job.description || job.function}` });
		checkbox.addEventListener('change', () => {
			if (checkbox.checked) {
				model.selected.add(job.uuid);
			}
			else {
				model.selected.delete(job.uuid);
			}
			renderRows();
		});
		return h('tr', { 'data-uuid': job.uuid, class: model.selected.has(job.uuid) ? 'selected' : null },
				h('td', { class: 'select' }, checkbox),
				h('td', {}, stateBadge(job.state)),
				h('td', { class: 'job-cell' }, link(`#/jobs/${job.uuid}`, job.description || job.function),
						h('div', { class: 'mono muted' }, job.function)),
				h('td', { class: 'mono' }, job.channel),
				h('td', {}, time(job.dateCreated)),
				h('td', { class: 'num' }, `${job.retry} / ${job.maxRetries === 0 ? '∞' : job.maxRetries}`),
				h('td', { class: 'details' }, details(job)));
	}

	Promise.all([listChannels(), listFunctions()]).then(([channels, functions]) => {
		const channelNames = channels.map((channel) => channel.name);
		// A filter from the address may name a channel or function this node does not know.
		for (const [list, value] of [[channelNames, filters.channel], [functions, filters.function]]) {
			if (value && !list.includes(value)) {
				list.push(value);
			}
		}
		append(channelSelect, channelNames.map((name) => h('option', { value: name }, name)));
		append(functionSelect, functions.map((name) => h('option', { value: name }, name)));
		channelSelect.value = filters.channel;
		functionSelect.value = filters.function;
	}).catch((error) => showMessage(error.message, 'error'));

	return { element, title: 'Jobs', section: 'jobs', start: () => load(PAGE_SIZE), refresh };
}

function details(job) {
	if (job.state === 'failed' || job.excName) {
		return h('span', { class: 'exception', title: job.excName },
				h('strong', {}, shortName(job.excName)), job.excMessage ? `: ${job.excMessage}` : '');
	}
	if (job.state === 'started') {
		return [progressBar(job.progress), `on ${job.worker || 'a worker'} since ${ago(job.dateStarted)}`];
	}
	if (job.state === 'pending' && job.eta && new Date(job.eta) > new Date()) {
		return `starts ${ago(job.eta)}`;
	}
	if (job.state === 'done' && job.dateDone) {
		return `done ${ago(job.dateDone)}`;
	}
	return '';
}

function formatCount(count, capped) {
	return capped ? `${count.toLocaleString()}+` : count.toLocaleString();
}

function reportBulk(label, outcome) {
	const changed = outcome.changed.length;
	const refused = outcome.refused;
	let text = `${label}: ${changed} ${changed === 1 ? 'job' : 'jobs'} changed.`;
	if (refused.length > 0) {
		text += ` ${refused.length} refused: ${refused.slice(0, 3).map((one) => one.reason).join('; ')}`;
		if (refused.length > 3) {
			text += '; …';
		}
	}
	showMessage(text, refused.length > 0 ? 'warning' : 'success');
}

// datetime-local inputs hold local time without a zone; the API wants ISO instants.
function fromLocalInput(value) {
	return value ? new Date(value).toISOString() : '';
}

function toLocalInput(iso) {
	if (!iso) {
		return '';
	}
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) {
		return '';
	}
	const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
	return local.toISOString().substring(0, 16);
}
