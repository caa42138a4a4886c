// Client of the queue-job REST API, relative to the dashboard's own address ({path}/api).

/** An API call that did not succeed: its HTTP status and the problem detail's text. */
export class ApiError extends Error {

	constructor(status, detail) {
		super(detail);
		this.status = status;
	}

}

/** The job states in their life-cycle order, with the words the dashboard shows. */
export const STATES = [
	['wait_dependencies', 'Waiting'],
	['pending', 'Pending'],
	['enqueued', 'Enqueued'],
	['started', 'Started'],
	['done', 'Done'],
	['cancelled', 'Cancelled'],
	['failed', 'Failed'],
];

/** The words for a state. */
export function stateLabel(state) {
	const entry = STATES.find(([name]) => name === state);
	return entry ? entry[1] : String(state);
}

/**
 * The user actions, keyed by their id in the API (also their path segment). Which of them a
 * job allows is the API's answer, its allowedActions; the dashboard offers exactly those.
 */
export const ACTIONS = {
	requeue: { label: 'Requeue' },
	cancel: { label: 'Cancel', danger: true },
	done: { label: 'Set done' },
};

function csrfToken() {
	const cookie = document.cookie.split(';').map((part) => part.trim()).find((part) => part.startsWith('XSRF-TOKEN='));
	return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : null;
}

async function problem(response) {
	try {
		const body = await response.json();
		return body.detail || body.title || `HTTP ${response.status}`;
	}
	catch {
		if (response.status === 401) {
			return 'You are not signed in (HTTP 401).';
		}
		if (response.status === 403) {
			return 'You are not allowed to do this (HTTP 403).';
		}
		return `The server answered HTTP ${response.status}.`;
	}
}

async function request(method, path, body) {
	const headers = { Accept: 'application/json, application/problem+json' };
	if (body !== undefined) {
		headers['Content-Type'] = 'application/json';
	}
	if (method !== 'GET') {
		const token = csrfToken();
		if (token) {
			headers['X-XSRF-TOKEN'] = token;
		}
	}
	let response;
	try {
		response = await fetch(`api/${path}`, {
			method,
			headers,
			credentials: 'same-origin',
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	}
	catch (error) {
		throw new ApiError(0, `The server cannot be reached (${error.message}).`);
	}
	if (!response.ok) {
		throw new ApiError(response.status, await problem(response));
	}
	return response.json();
}

function query(filters, extra = {}) {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries({ ...filters, ...extra })) {
		if (value === null || value === undefined || value === '') {
			continue;
		}
		for (const one of [value].flat()) {
			params.append(key, one);
		}
	}
	const text = params.toString();
	return text ? `?${text}` : '';
}

/** A page of jobs: filters as in the API (state, channel, function, text, createdFrom, createdTo, sort). */
export function listJobs(filters, cursor, limit) {
	return request('GET', `jobs${query(filters, { cursor, limit })}`);
}

/** The count of jobs per state for the filters (the state filter is ignored). */
export function countJobs(filters) {
	const { state, sort, ...rest } = filters;
	return request('GET', `jobs/counts${query(rest)}`);
}

/** One job in full. */
export function getJob(uuid) {
	return request('GET', `jobs/${encodeURIComponent(uuid)}`);
}

/** Runs an action (requeue, cancel, done) on one job; answers its summary after the change. */
export function act(uuid, action) {
	return request('POST', `jobs/${encodeURIComponent(uuid)}/${action}`);
}

/** Runs an action on many jobs; answers { changed, refused }. */
export function actOnAll(uuids, action) {
	return request('POST', `jobs/${action}`, { uuids });
}

/** The channel overview. */
export function listChannels() {
	return request('GET', 'channels');
}

/** Pauses (action 'pause') or resumes (action 'resume') a channel; answers the channel after the change. */
export function setChannelPaused(name, action) {
	return request('POST', `channels/${encodeURIComponent(name)}/${action}`);
}

/** The nodes seen lately. */
export function listNodes() {
	return request('GET', 'nodes');
}

/** The registered job function names. */
export function listFunctions() {
	return request('GET', 'functions');
}

/** The schedules, by name. */
export function listSchedules() {
	return request('GET', 'schedules');
}

/** Runs an action on a schedule: pause and resume answer the schedule, run answers { uuid } of the job stored. */
export function actOnSchedule(name, action) {
	return request('POST', `schedules/${encodeURIComponent(name)}/${action}`);
}

/** The jobs that ended per step and channel, over the last hour or day. */
export function getCharts(range) {
	return request('GET', `charts?range=${encodeURIComponent(range)}`);
}
