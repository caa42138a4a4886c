// The dependency graph of a job's graph, drawn with Cytoscape.js (served from its WebJar).

/** Colours of the states, the same as the badges in dashboard.css. */
export const STATE_COLORS = {
	wait_dependencies: '#94a3b8',
	pending: '#3b82f6',
	enqueued: '#8b5cf6',
	started: '#f59e0b',
	done: '#16a34a',
	cancelled: '#6b7280',
	failed: '#dc2626',
};

let cytoscapeModule;

function loadCytoscape() {
	cytoscapeModule ??= import('../webjars/cytoscape/dist/cytoscape.esm.min.mjs').then((module) => module.default);
	return cytoscapeModule;
}

function label(node) {
	const text = node.description || node.function || node.uuid;
	return text.length > 40 ? `${text.substring(0, 39)}…` : text;
}

function elements(graph, currentUuid) {
	const nodes = graph.nodes.map((node) => ({
		group: 'nodes',
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

// How many levels the graph has, to give the drawing a height that fits it.
function depth(graph) {
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
		const value = 1 + Math.max(0, ...(parents.get(uuid) || []).map((parent) => level(parent, seen)));
		levels.set(uuid, value);
		return value;
	};
	return Math.max(1, ...graph.nodes.map((node) => level(node.uuid)));
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
		this.container.style.height = `${Math.min(640, Math.max(220, depth(graph) * 110 + 40))}px`;
		this.cy = cytoscape({
			container: this.container,
			elements: elements(graph, this.currentUuid),
			userZoomingEnabled: false,
			minZoom: 0.2,
			maxZoom: 1.3,
			boxSelectionEnabled: false,
			autoungrabify: true,
			style: [
				{
					selector: 'node',
					style: {
						'background-color': 'data(color)',
						label: 'data(label)',
						'font-size': 11,
						'font-family': 'system-ui, sans-serif',
						color: '#1f2937',
						'text-valign': 'bottom',
						'text-margin-y': 6,
						'text-wrap': 'ellipsis',
						'text-max-width': 160,
						width: 24,
						height: 24,
						'border-width': 2,
						'border-color': '#ffffff',
					},
				},
				{ selector: 'node.current', style: { width: 32, height: 32, 'border-width': 4, 'border-color': '#111827' } },
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
		this.cy.layout({ name: 'breadthfirst', directed: true, roots: this.cy.nodes().roots(), padding: 24, spacingFactor: 1.1 })
			.run();
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
