// The dependency graph of a job's graph, drawn with Cytoscape.js (served from its WebJar).

/** Colours of the states (white text is readable on each), the same as in dashboard.css. */
export const STATE_COLORS = {
	wait_dependencies: '#64748b',
	pending: '#2563eb',
	enqueued: '#7c3aed',
	started: '#b45309',
	done: '#15803d',
	cancelled: '#4b5563',
	failed: '#b91c1c',
};

let cytoscapeModule;

function loadCytoscape() {
	cytoscapeModule ??= import('../webjars/cytoscape/dist/cytoscape.esm.min.mjs').then((module) => module.default);
	return cytoscapeModule;
}

/** The start of a uuid: enough to tell the jobs of one graph apart. */
export function shortUuid(uuid) {
	return uuid.substring(0, 8);
}

/** A job of a graph in words: its description (or function) and the start of its uuid. */
export function nodeName(node) {
	return `${node.description || node.function} (${shortUuid(node.uuid)})`;
}

// Two lines: the jobs of a chain of one method share their description, not their uuid.
function label(node) {
	const text = node.description || node.function || node.uuid;
	return `${text.length > 28 ? `${text.substring(0, 27)}…` : text}\n${shortUuid(node.uuid)}`;
}

function elements(graph, currentUuid, positions) {
	const nodes = graph.nodes.map((node) => ({
		group: 'nodes',
		position: { ...positions.get(node.uuid) },
		data: { id: node.uuid, label: label(node), color: STATE_COLORS[node.state] || '#000000', state: node.state },
		classes: node.uuid === currentUuid ? 'current' : '',
	}));
	const edges = graph.edges.map((edge) => ({
		group: 'edges',
		data: { id: `${edge.parent}>${edge.child}`, source: edge.parent, target: edge.child },
	}));
	return nodes.concat(edges);
}

function shapeKey(graph) {
	return JSON.stringify([graph.nodes.map((node) => node.uuid).sort(),
			graph.edges.map((edge) => `${edge.parent}>${edge.child}`).sort()]);
}

const COLUMN = 250;

const ROW = 90;

// A layered drawing, parents above their children: a job's level is one more than its
// deepest parent's; within a level, jobs are ordered by the mean position of their
// parents, which keeps chains straight and groups under their parent.
function layered(graph) {
	const parents = new Map(graph.nodes.map((node) => [node.uuid, []]));
	for (const edge of graph.edges) {
		parents.get(edge.child)?.push(edge.parent);
	}
	const levels = new Map();
	const level = (uuid, seen = new Set()) => {
		if (levels.has(uuid)) {
			return levels.get(uuid);
		}
		if (seen.has(uuid)) {
			return 0;
		}
		seen.add(uuid);
		const value = 1 + Math.max(-1, ...(parents.get(uuid) || []).map((parent) => level(parent, seen)));
		levels.set(uuid, value);
		return value;
	};
	const rows = [];
	for (const node of graph.nodes) {
		const value = level(node.uuid);
		(rows[value] ||= []).push(node.uuid);
	}
	const positions = new Map();
	rows.forEach((row, index) => {
		const mean = (uuid) => {
			const placed = parents.get(uuid).map((parent) => positions.get(parent)).filter(Boolean);
			return placed.length === 0 ? 0 : placed.reduce((sum, position) => sum + position.x, 0) / placed.length;
		};
		const ordered = index === 0 ? row : [...row].sort((a, b) => mean(a) - mean(b));
		ordered.forEach((uuid, column) => {
			positions.set(uuid, { x: (column - (ordered.length - 1) / 2) * COLUMN, y: index * ROW });
		});
	});
	return { positions, depth: rows.length };
}

/**
 * A drawn graph in a container. update(graph) recolours the nodes in place while the
 * graph keeps its jobs and edges, and draws it again otherwise.
 */
export class GraphDrawing {

	constructor(container, currentUuid, onSelect) {
		this.container = container;
		this.currentUuid = currentUuid;
		this.onSelect = onSelect;
		this.cy = null;
		this.key = null;
	}

	async update(graph) {
		const key = shapeKey(graph);
		if (this.cy && key === this.key) {
			for (const node of graph.nodes) {
				this.cy.getElementById(node.uuid).data({ label: label(node), color: STATE_COLORS[node.state], state: node.state });
			}
			return;
		}
		const cytoscape = await loadCytoscape();
		this.destroy();
		this.key = key;
		const { positions, depth } = layered(graph);
		this.container.style.height = `${Math.min(640, Math.max(160, depth * ROW + 40))}px`;
		this.cy = cytoscape({
			container: this.container,
			elements: elements(graph, this.currentUuid, positions),
			layout: { name: 'preset', fit: true, padding: 20 },
			userZoomingEnabled: false,
			minZoom: 0.2,
			maxZoom: 1,
			boxSelectionEnabled: false,
			autoungrabify: true,
			style: [
				{
					selector: 'node',
					style: {
						shape: 'round-rectangle',
						width: 220,
						height: 48,
						'background-color': 'data(color)',
						label: 'data(label)',
						color: '#ffffff',
						'font-size': 12,
						'font-weight': 600,
						'font-family': 'system-ui, sans-serif',
						'text-valign': 'center',
						'text-halign': 'center',
						'text-wrap': 'wrap',
						'text-max-width': 204,
						'line-height': 1.3,
						'border-width': 0,
					},
				},
				{
					selector: 'node.current',
					style: {
						'border-width': 3,
						'border-color': '#111827',
						'underlay-color': '#4f46e5',
						'underlay-padding': 6,
						'underlay-opacity': 0.3,
						'underlay-shape': 'round-rectangle',
					},
				},
				{
					selector: 'edge',
					style: {
						width: 2,
						'line-color': '#94a3b8',
						'target-arrow-color': '#94a3b8',
						'target-arrow-shape': 'triangle',
						'curve-style': 'bezier',
					},
				},
			],
		});
		this.cy.on('tap', 'node', (event) => this.onSelect(event.target.id()));
		this.cy.on('mouseover', 'node', () => {
			this.container.style.cursor = 'pointer';
		});
		this.cy.on('mouseout', 'node', () => {
			this.container.style.cursor = '';
		});
		// For debugging and the browser tests: the Cytoscape instance of the graph shown.
		window.queueJobDashboard = { ...window.queueJobDashboard, graph: this.cy };
	}

	destroy() {
		if (this.cy) {
			this.cy.destroy();
			this.cy = null;
			if (window.queueJobDashboard) {
				window.queueJobDashboard.graph = null;
			}
		}
	}

}
