// The channel overview and the node overview.
import { listChannels, listNodes, setChannelPaused } from './api.js';
import { ago, confirmDialog, h, link, replace, showMessage, time } from './dom.js';

const CHANNEL_STATES = [
	['waiting', 'wait_dependencies', 'Waiting'],
	['pending', 'pending', 'Pending'],
	['enqueued', 'enqueued', 'Enqueued'],
	['started', 'started', 'Started'],
	['failed', 'failed', 'Failed'],
];

// Headers starting with '#' are numeric columns (aligned right).
function table(caption, headers, rows, emptyText) {
	if (rows.length === 0) {
		return h('p', { class: 'empty' }, emptyText);
	}
	return h('div', { class: 'table-wrap' }, h('table', {}, h('caption', { class: 'visually-hidden' }, caption),
			h('thead', {}, h('tr', {}, headers.map((name) => (name.startsWith('#')
				? h('th', { scope: 'col', class: 'num' }, name.substring(1)) : h('th', { scope: 'col' }, name))))),
			h('tbody', {}, rows)));
}

// An ISO-8601 duration such as PT1M30S as "1m 30s".
function duration(iso) {
	const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(iso);
	if (!match) {
		return iso;
	}
	return [[match[1], 'h'], [match[2], 'm'], [match[3], 's']].filter(([value]) => value).map(([value, unit]) => value + unit)
		.join(' ') || '0s';
}

function load(value, max, text) {
	return h('div', { class: 'load' }, max ? h('meter', { min: 0, max, value: Math.min(value, max), 'aria-label': text }) : null,
			h('span', {}, text));
}

// The waiting jobs of a channel per reason, such as "eta 3 · capacity 12".
function heldBack(reasons) {
	const entries = Object.entries(reasons);
	if (entries.length === 0) {
		return h('span', { class: 'muted' }, '—');
	}
	return entries.map(([reason, count], index) => h('span', { 'data-reason': reason },
			index > 0 ? ' · ' : '', `${reason.replace(/_/g, ' ')} ${count.toLocaleString()}`));
}

/** Channels with their capacity, their jobs per state and why they wait (#/channels). */
export function channelsView() {
	const content = h('div', {});
	const element = h('section', { class: 'view', 'aria-labelledby': 'channels-title' }, h('h1', { id: 'channels-title' }, 'Channels'),
			h('p', { class: 'muted' }, 'Every configured channel and every channel that has jobs. Counts link to the jobs.'),
			content);

	async function refresh() {
		const channels = await listChannels();
		replace(content, table('Channels', ['Channel', 'Mode', 'Running', ...CHANNEL_STATES.map(([, , label]) => `#${label}`), 'Held back'],
				channels.map((channel) => {
					const running = channel.enqueued + channel.started;
					const mode = [channel.sequential ? 'sequential' : null, channel.throttle ? `throttle ${duration(channel.throttle)}` : null]
						.filter(Boolean).join(', ') || 'parallel';
					return h('tr', { 'data-channel': channel.name }, h('th', { scope: 'row', class: 'mono' }, channel.name,
							channel.paused ? h('span', { class: 'badge paused' }, 'Paused') : null, ' ', pauseButton(channel)),
							h('td', {}, mode),
							h('td', {}, load(running, channel.capacity,
									channel.capacity === null ? `${running} (unlimited)` : `${running} of ${channel.capacity}`)),
							CHANNEL_STATES.map(([field, state]) => h('td', { class: `num${field === 'failed' && channel.failed > 0 ? ' alert' : ''}` },
									channel[field] > 0 ? link(`#/jobs?channel=${encodeURIComponent(channel.name)}&state=${state}`,
											channel[field].toLocaleString()) : '0')),
							h('td', { class: 'reasons' }, heldBack(channel.waitingReasons || {})));
				}), 'No channels yet.'));
	}

	function pauseButton(channel) {
		const action = channel.paused ? 'resume' : 'pause';
		return h('button', { type: 'button', class: 'button', 'data-action': action,
			onclick: () => setPaused(channel, action) }, channel.paused ? 'Resume' : 'Pause');
	}

	async function setPaused(channel, action) {
		const confirmed = await confirmDialog({
			title: action === 'pause' ? 'Pause this channel?' : 'Resume this channel?',
			message: action === 'pause'
				? `No job of ${channel.name} or of its sub-channels starts on any node until it is resumed; running jobs finish.`
				: `Jobs of ${channel.name} start again on every node.`,
			confirmLabel: action === 'pause' ? 'Pause' : 'Resume',
		});
		if (!confirmed) {
			return;
		}
		try {
			await setChannelPaused(channel.name, action);
			showMessage(`${channel.name} is ${action === 'pause' ? 'paused' : 'resumed'}.`, 'success');
			await refresh();
		}
		catch (error) {
			showMessage(error.message, 'error');
		}
	}

	return { element, title: 'Channels', section: 'channels', start: refresh, refresh };
}

/** The nodes seen lately: which one runs the runner, their worker threads (#/nodes). */
export function nodesView() {
	const content = h('div', {});
	const element = h('section', { class: 'view', 'aria-labelledby': 'nodes-title' }, h('h1', { id: 'nodes-title' }, 'Nodes'),
			h('p', { class: 'muted' }, 'Nodes seen in the last 10 minutes, newest first.'), content);

	async function refresh() {
		const nodes = await listNodes();
		replace(content, table('Nodes', ['Node', 'Role', 'Busy threads', 'Started', 'Last seen'], nodes.map((node) => h('tr',
				{ 'data-node': node.name }, h('th', { scope: 'row', class: 'mono' }, node.name),
				h('td', {}, node.runner ? h('span', { class: 'badge runner' }, 'Runner') : (node.workerThreads > 0 ? 'Worker' : '—')),
				h('td', {}, node.workerThreads > 0
					? load(node.busyThreads, node.workerThreads, `${node.busyThreads} of ${node.workerThreads}`)
					: h('span', { class: 'muted' }, 'runs no jobs')),
				h('td', {}, time(node.startedAt)),
				h('td', {}, h('span', { title: node.lastSeen || '' }, ago(node.lastSeen))))), 'No node has been seen lately.'));
	}

	return { element, title: 'Nodes', section: 'nodes', start: refresh, refresh };
}
