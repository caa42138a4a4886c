// Small DOM helpers. Every value from the server reaches the page as a text node or an
// attribute value, never as parsed HTML.

/**
 * Creates an element. Props: "class", "for", "on<event>" listeners, booleans and "value"
 * as DOM properties, anything else as an attribute. Children: nodes, strings, numbers,
 * arrays of them; null, undefined and false are skipped.
 */
export function h(tag, props = {}, ...children) {
	const element = document.createElement(tag);
	for (const [key, value] of Object.entries(props)) {
		if (value === null || value === undefined) {
			continue;
		}
		if (key === 'class') {
			element.className = value;
		}
		else if (key === 'for') {
			element.htmlFor = value;
		}
		else if (key.startsWith('on') && typeof value === 'function') {
			element.addEventListener(key.slice(2), value);
		}
		else if (typeof value === 'boolean' || key === 'value') {
			element[key] = value;
		}
		else {
			element.setAttribute(key, String(value));
		}
	}
	append(element, children);
	return element;
}

/** Appends children to a node, as {@link h} does. */
export function append(parent, children) {
	for (const child of [children].flat(Infinity)) {
		if (child === null || child === undefined || child === false) {
			continue;
		}
		parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
	}
	return parent;
}

/** Replaces all children of a node. */
export function replace(parent, ...children) {
	parent.replaceChildren();
	return append(parent, children);
}

/** A link to another view of the dashboard. */
export function link(hash, ...children) {
	return h('a', { href: hash }, ...children);
}

/** The address of a related record as an http(s) URL, or null for anything else (e.g. "javascript:"). */
export function safeUrl(value) {
	try {
		const url = new URL(value, window.location.href);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
	}
	catch {
		return null;
	}
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** A <time> element showing an ISO instant in local time, or a dash. */
export function time(iso) {
	if (!iso) {
		return h('span', { class: 'muted' }, '—');
	}
	const date = new Date(iso);
	return h('time', { datetime: iso, title: iso }, dateFormat.format(date));
}

/** A short "3 min ago" text for an ISO instant. */
export function ago(iso) {
	if (!iso) {
		return '—';
	}
	const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
	if (Math.abs(seconds) < 60) {
		return seconds >= 0 ? `${seconds} s ago` : `in ${-seconds} s`;
	}
	const minutes = Math.round(seconds / 60);
	if (Math.abs(minutes) < 60) {
		return minutes >= 0 ? `${minutes} min ago` : `in ${-minutes} min`;
	}
	const hours = Math.round(minutes / 60);
	if (Math.abs(hours) < 48) {
		return hours >= 0 ? `${hours} h ago` : `in ${-hours} h`;
	}
	const days = Math.round(hours / 24);
	return days >= 0 ? `${days} days ago` : `in ${-days} days`;
}

/**
 * Asks the user to confirm in a modal dialog. Resolves to true when confirmed, false when
 * dismissed (Cancel or Escape).
 */
export function confirmDialog({ title, message, items = [], confirmLabel, danger = false }) {
	return new Promise((resolve) => {
		const titleId = `dialog-title-${Date.now()}`;
		const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId });
		const confirm = h('button', { type: 'button', class: danger ? 'button danger' : 'button primary', 'data-action': 'confirm' },
				confirmLabel);
		const cancel = h('button', { type: 'button', class: 'button', 'data-action': 'dismiss' }, 'Cancel');
		const shown = items.slice(0, 8);
		append(dialog, [
			h('h2', { id: titleId }, title),
			h('p', {}, message),
			shown.length > 0 && h('ul', { class: 'dialog-items' }, shown.map((item) => h('li', {}, item))),
			items.length > shown.length && h('p', { class: 'muted' }, `and ${items.length - shown.length} more`),
			h('div', { class: 'dialog-buttons' }, cancel, confirm),
		]);
		let confirmed = false;
		confirm.addEventListener('click', () => {
			confirmed = true;
			dialog.close();
		});
		cancel.addEventListener('click', () => dialog.close());
		dialog.addEventListener('close', () => {
			dialog.remove();
			resolve(confirmed);
		});
		document.body.append(dialog);
		dialog.showModal();
		cancel.focus();
	});
}

/** Whether a modal dialog is open (auto refresh waits meanwhile). */
export function dialogOpen() {
	return document.querySelector('dialog[open]') !== null;
}

/** Shows a message above the page; errors stay until dismissed, others fade after a while. */
export function showMessage(text, kind = 'info') {
	const messages = document.getElementById('messages');
	const close = h('button', { type: 'button', class: 'message-close', 'aria-label': 'Dismiss message' }, '×');
	const message = h('div', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : null }, h('span', {}, text),
			close);
	close.addEventListener('click', () => message.remove());
	messages.append(message);
	if (kind !== 'error') {
		setTimeout(() => message.remove(), 8000);
	}
}
