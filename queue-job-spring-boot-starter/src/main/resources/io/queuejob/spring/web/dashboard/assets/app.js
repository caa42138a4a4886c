// The dashboard's entry point: hash routes, the view shown, and the auto refresh.
import { dialogOpen, showMessage } from './dom.js';
import { jobView } from './job.js';
import { jobsView } from './jobs.js';
import { overviewView } from './metrics.js';
import { channelsView, nodesView } from './overview.js';
import { schedulesView } from './schedules.js';

const REFRESH_INTERVAL_MS = 5000;

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const main = document.getElementById('main');
const toggle = document.getElementById('auto-refresh');
const lastRefresh = document.getElementById('last-refresh');
const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

let current = null;
let busy = false;
let lastError = null;
let autoRefresh = readSetting() !== 'off';

function readSetting() {
	try {
		return window.localStorage.getItem('queue-job.auto-refresh');
	}
	catch {
		return null;
	}
}

function saveSetting(value) {
	try {
		window.localStorage.setItem('queue-job.auto-refresh', value);
	}
	catch {
		// Private modes may refuse storage; the setting then lasts as long as the page.
	}
}

function viewFor(hash) {
	const [path, query] = hash.replace(/^#/, '').split('?', 2);
	const segments = path.split('/').filter(Boolean);
	if (segments[0] === 'jobs' && segments.length === 2 && UUID.test(segments[1])) {
		return jobView(segments[1].toLowerCase());
	}
	if (segments[0] === 'overview') {
		return overviewView(new URLSearchParams(query || ''));
	}
	if (segments[0] === 'channels') {
		return channelsView();
	}
	if (segments[0] === 'nodes') {
		return nodesView();
	}
	if (segments[0] === 'schedules') {
		return schedulesView();
	}
	return jobsView(new URLSearchParams(query || ''));
}

function show(focus) {
	current?.stop?.();
	current = viewFor(window.location.hash);
	main.replaceChildren(current.element);
	document.title = `${current.title} · queue-job`;
	for (const item of document.querySelectorAll('[data-section]')) {
		if (item.dataset.section === current.section) {
			item.setAttribute('aria-current', 'page');
		}
		else {
			item.removeAttribute('aria-current');
		}
	}
	if (focus) {
		main.focus({ preventScroll: true });
		window.scrollTo(0, 0);
	}
	run(current, current.start);
}

async function run(view, task) {
	busy = true;
	try {
		await task();
		if (view === current) {
			lastRefresh.textContent = `Updated ${clock.format(new Date())}`;
		}
		lastError = null;
	}
	catch (error) {
		// A failing refresh says so once, not every five seconds.
		if (error.message !== lastError) {
			showMessage(error.message, 'error');
		}
		lastError = error.message;
	}
	finally {
		busy = false;
	}
}

function renderToggle() {
	toggle.setAttribute('aria-pressed', String(autoRefresh));
	toggle.title = autoRefresh ? 'The page refreshes every 5 seconds; select to pause' : 'Paused; select to refresh every 5 seconds';
}

toggle.addEventListener('click', () => {
	autoRefresh = !autoRefresh;
	saveSetting(autoRefresh ? 'on' : 'off');
	renderToggle();
});

setInterval(() => {
	if (autoRefresh && !busy && !document.hidden && !dialogOpen() && current) {
		run(current, current.refresh);
	}
}, REFRESH_INTERVAL_MS);

window.addEventListener('hashchange', () => show(true));
renderToggle();
show(false);
